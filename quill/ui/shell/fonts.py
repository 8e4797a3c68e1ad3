"""The writing font: Literata (OFL) shipped in resources/fonts, with sensible fallbacks."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QFont, QFontDatabase

from quill.resources import resource_path

WRITING_FAMILY = "Literata"
FALLBACKS = ["Literata", "Charter", "Georgia", "DejaVu Serif", "Noto Serif", "serif"]


@cache
def load_bundled_fonts() -> tuple[str, ...]:
    """Register the shipped fonts once; returns the families Qt now knows."""
    families: list[str] = []
    for path in sorted(resource_path("fonts").glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return tuple(dict.fromkeys(families))


def writing_font(point_size: int) -> QFont:
    load_bundled_fonts()
    font = QFont()
    font.setFamilies(FALLBACKS)
    font.setPointSize(point_size)
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def interface_font(point_size: int = 10) -> QFont:
    font = QFont()
    font.setFamilies(["Inter", "Noto Sans", "DejaVu Sans", "Segoe UI", "Helvetica Neue", "sans-serif"])
    font.setPointSize(point_size)
    return font


def code_families() -> list[str]:
    return ["JetBrains Mono", "DejaVu Sans Mono", "Noto Sans Mono", "Menlo", "Consolas", "monospace"]
