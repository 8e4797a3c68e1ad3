"""Colour themes, switched live. Every widget (and every chart) takes its colours from here."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

from quill.resources import resource_path


@dataclass(frozen=True)
class Theme:
    name: str
    background: str
    text: str
    dim: str  # markup characters, dimmed text in focus mode
    faint: str  # status line, hairlines
    accent: str  # headings, links, the current bar in charts
    selection: str
    code_background: str
    panel_background: str
    warning: str
    machine: str  # the LLM reference in charts
    find_match: str  # behind find hits: at least 3:1 against the page, so hits show at a glance
    find_match_text: str  # the text on a find hit: at least 4.5:1 against ``find_match``
    find_current: str  # the hit the find bar is on: stands out from the other hits and the page
    find_current_text: str
    control: str  # the box of a checkbox: at least 3:1 against the page and the panels

    def color(self, role: str, alpha: int | None = None) -> QColor:
        color = QColor(getattr(self, role))
        if alpha is not None:
            color.setAlpha(alpha)
        return color

    def solid(self, role: str, alpha: int) -> QColor:
        """``role`` at ``alpha`` as it looks over the panel's background, as an opaque colour.

        Raster painting blends a translucent brush pixel by pixel: 40 antialiased bars in a
        translucent colour took 1.3 ms to fill, the same bars in the opaque equivalent 0.09 ms.
        """
        top, bottom = QColor(getattr(self, role)), QColor(self.panel_background)
        a = alpha / 255
        pairs = ((top.red(), bottom.red()), (top.green(), bottom.green()), (top.blue(), bottom.blue()))
        return QColor(*(round(t * a + b * (1 - a)) for t, b in pairs))

    @functools.cached_property
    def note(self) -> str:
        """Quiet words on the panels (the voice panel's notes and readings, chart figures): ``faint``
        made legible on the panel's background. In ``faint`` itself they read at 2.6:1 on the light
        and sepia panels (found on a review); explanations a writer is meant to read need 4.5:1."""
        return self.legible("faint", self.panel_background)

    def legible(self, role: str, behind: str | None = None, ratio: float = 4.5) -> str:
        """``role``'s colour moved toward the text colour just far enough to be read: at least
        ``ratio`` (WCAG AA for text: 4.5) against ``behind`` (the page by default). Quiet text
        (notes, summaries, axis figures) in ``dim`` or ``faint`` as they are fell to 1.8–2.8:1 on
        the light and sepia pages; this keeps their tone and makes them readable."""
        return _legible(self, role, behind or self.background, ratio)

    def scrollbar_qss(self, width: int = 6, margin: str = "2px 0") -> str:
        """A thin, quiet vertical scrollbar (a rounded handle in the dim colour, no arrows, no
        track) for every list and pane: left to the platform style, Qt drew a black block."""
        return (f"QScrollBar:vertical {{ width: {width}px; background: transparent; margin: {margin}; }} "
                f"QScrollBar::handle:vertical {{ background: {self.dim}; border-radius: 3px; min-height: 24px; }} "
                "QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical { height: 0; } "
                "QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical { background: none; } ")

    def checkbox_qss(self) -> str:
        """Checkboxes whose box can be seen: left to the style, its outline is the window colour
        darkened, which on the dark theme is black on near-black. Unchecked, a box in ``control``;
        checked, filled with the accent and ticked in whichever of white or the dark page contrasts
        more with it."""
        tick = min(("light", "#ffffff"), ("dark", THEMES["dark"].background),
                   key=lambda pair: -contrast_ratio(pair[1], self.accent))[0]
        image = resource_path("icons", f"check-{tick}.svg").as_posix()
        return (f"QCheckBox::indicator {{ width: 14px; height: 14px; border: 1px solid {self.control}; "
                f"border-radius: 3px; background: transparent; }} "
                f"QCheckBox::indicator:checked {{ background: {self.accent}; border-color: {self.accent}; "
                f"image: url({image}); }} "
                f"QCheckBox::indicator:disabled {{ border-color: {self.dim}; }} ")

    def combobox_qss(self) -> str:
        """A drop-down's arrow to go with a styled box: once its border is styled, Qt drew the
        button as a bare grey block cut at the edge (a review). A mid-grey chevron reads on every page."""
        image = resource_path("icons", "chevron-down.svg").as_posix()
        return ("QComboBox::drop-down { border: none; width: 26px; } "
                f"QComboBox::down-arrow {{ image: url({image}); width: 12px; height: 12px; }} ")

    def palette(self) -> QPalette:
        pal = QPalette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled):
            pal.setColor(group, QPalette.ColorRole.Window, QColor(self.background))
            pal.setColor(group, QPalette.ColorRole.Base, QColor(self.background))
            pal.setColor(group, QPalette.ColorRole.AlternateBase, QColor(self.panel_background))
            pal.setColor(group, QPalette.ColorRole.Text, QColor(self.text))
            pal.setColor(group, QPalette.ColorRole.WindowText, QColor(self.text))
            pal.setColor(group, QPalette.ColorRole.ButtonText, QColor(self.text))
            pal.setColor(group, QPalette.ColorRole.Button, QColor(self.panel_background))
            pal.setColor(group, QPalette.ColorRole.PlaceholderText, QColor(self.faint))
            pal.setColor(group, QPalette.ColorRole.Highlight, QColor(self.selection))
            pal.setColor(group, QPalette.ColorRole.HighlightedText, QColor(self.text))
            pal.setColor(group, QPalette.ColorRole.ToolTipBase, QColor(self.panel_background))
            pal.setColor(group, QPalette.ColorRole.ToolTipText, QColor(self.text))
            pal.setColor(group, QPalette.ColorRole.Link, QColor(self.accent))
        return pal


THEMES: dict[str, Theme] = {
    "light": Theme(
        name="light", background="#fbfaf7", text="#2a2a28", dim="#b9b6ae", faint="#9a968c",
        accent="#8a5a2b", selection="#e8dcc6", code_background="#f2efe8", panel_background="#f4f2ed",
        warning="#a8462b", machine="#7b8ca3", find_match="#b27d2d", find_match_text="#141412", find_current="#7d4f22",
        find_current_text="#fbfaf7", control="#7a756b",
    ),
    "sepia": Theme(
        name="sepia", background="#f3ead7", text="#4a3b2a", dim="#bfae8e", faint="#9c8a6c",
        accent="#9a4f1e", selection="#e3d2ad", code_background="#ebe0c7", panel_background="#eee3cb",
        warning="#a33b1f", machine="#6f7f8f", find_match="#b26d2d", find_match_text="#141210", find_current="#7a3f14",
        find_current_text="#f3ead7", control="#7a6a52",
    ),
    "dark": Theme(
        name="dark", background="#1d1e21", text="#d9d6cf", dim="#5b5d62", faint="#7d7f85",
        accent="#d6a86a", selection="#3a3d44", code_background="#26282c", panel_background="#232428",
        warning="#e0795a", machine="#8aa0bd", find_match="#c29048", find_match_text="#1d1e21", find_current="#f2c879",
        find_current_text="#1d1e21", control="#8b8d93",
    ),
}


def relative_luminance(color: str | QColor) -> float:
    """WCAG 2's relative luminance of an opaque colour (0 black, 1 white)."""
    c = QColor(color)

    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())


def contrast_ratio(a: str | QColor, b: str | QColor) -> float:
    """WCAG 2's contrast ratio of two opaque colours, from 1 (the same) to 21 (black on white)."""
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@functools.lru_cache(maxsize=256)
def _legible(theme: Theme, role: str, behind: str, ratio: float) -> str:
    start, end = QColor(getattr(theme, role)), QColor(theme.text)
    for step in range(101):
        f = step / 100
        color = QColor(round(start.red() + (end.red() - start.red()) * f),
                       round(start.green() + (end.green() - start.green()) * f),
                       round(start.blue() + (end.blue() - start.blue()) * f))
        if contrast_ratio(color, behind) >= ratio:
            return color.name()
    return end.name()


def theme_named(name: str) -> Theme:
    return THEMES.get(name, THEMES["light"])


def next_theme_name(current: str) -> str:
    names = list(THEMES)
    return names[(names.index(current) + 1) % len(names)] if current in names else names[0]
