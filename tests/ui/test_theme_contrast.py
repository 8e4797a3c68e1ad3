"""Find hits and checkboxes are legible in every theme: WCAG contrast read from real pixels."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPalette, QTextCursor
from PySide6.QtWidgets import QCheckBox, QStyle, QStyleOptionButton

from quill.ui.shell.dialogs import QuillDialog
from quill.ui.shell.theme import THEMES, contrast_ratio
from tests.ui.keys import type_text

NAMES = list(THEMES)


@pytest.mark.parametrize("name", NAMES)
def test_the_theme_colours_meet_wcag(name: str) -> None:
    theme = THEMES[name]
    assert contrast_ratio(theme.find_match, theme.background) >= 3
    assert contrast_ratio(theme.find_match_text, theme.find_match) >= 4.5
    assert contrast_ratio(theme.find_current, theme.background) >= 3
    assert contrast_ratio(theme.find_current_text, theme.find_current) >= 4.5
    for behind in (theme.background, theme.panel_background):
        assert contrast_ratio(theme.control, behind) >= 3
        assert contrast_ratio(theme.accent, behind) >= 3  # a checked box is filled with the accent


def commonest(image: QImage, rect: QRect) -> QColor:
    counts = Counter(image.pixel(x, y) for x in range(rect.left(), rect.right() + 1)
                     for y in range(rect.top(), rect.bottom() + 1))
    return QColor.fromRgb(counts.most_common(1)[0][0])


@pytest.mark.parametrize("name", NAMES)
def test_find_hits_stand_out_from_the_page(make_window, qtbot, name: str) -> None:  # noqa: ANN001
    window = make_window()
    window.set_theme(name, persist=False)
    editor = window.editor
    editor.setPlainText("A line to find in, and more to find here.\n\nNothing else.")
    qtbot.keyClick(editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, window.find_bar.find_field, "find")
    qtbot.keyClick(window.find_bar.find_field, Qt.Key.Key_Return)  # the second hit is selected; the first is marked
    assert window.find_bar.count_label.text() == "2 of 2"
    text = editor.toPlainText()

    def rect_of(start: int, length: int) -> QRect:
        cursor = QTextCursor(editor.document())
        cursor.setPosition(start)
        left = editor.cursorRect(cursor)
        cursor.setPosition(start + length)
        return QRect(left.topLeft(), editor.cursorRect(cursor).bottomLeft()).adjusted(2, 1, -1, -1)

    image = editor.viewport().grab().toImage()
    page = commonest(image, QRect(0, 0, image.width(), image.height()))
    marked = commonest(image, rect_of(text.index("find"), 4))
    current = commonest(image, rect_of(text.rindex("find"), 4))
    assert page.name() == QColor(THEMES[name].background).name()
    assert contrast_ratio(marked, page) >= 3, (marked.name(), page.name())
    # the hit the bar is on outshines the others (it used to be the paler selection colour)
    assert contrast_ratio(current, page) > contrast_ratio(marked, page) and contrast_ratio(current, marked) >= 1.5
    qtbot.keyClick(window.find_bar.find_field, Qt.Key.Key_Escape)  # closed: selections look as ever
    assert editor.palette().color(QPalette.ColorRole.Highlight).name() == THEMES[name].selection


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("checked", [False, True])
def test_a_checkbox_in_a_dialog_can_be_seen(make_window, qtbot, name: str, checked: bool) -> None:  # noqa: ANN001
    window = make_window()
    window.set_theme(name, persist=False)
    theme = THEMES[name]
    dialog = QuillDialog(window, "Settings")
    box = QCheckBox("Count block quotes as my words", dialog)
    box.setChecked(checked)
    dialog.layout_.addWidget(box)
    dialog.show()
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    option = QStyleOptionButton()
    box.initStyleOption(option)
    indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    image = box.grab().toImage()
    behind = QColor(theme.panel_background)
    pixels = [QColor.fromRgb(image.pixel(x, y)) for x in range(indicator.left(), indicator.right() + 1)
              for y in range(indicator.top(), indicator.bottom() + 1)]
    # the box's outline (unchecked) or fill (checked) stands out from the dialog at 3:1
    strongest = max(contrast_ratio(p, behind) for p in pixels)
    assert strongest >= 3, strongest
    if checked:  # and the tick stands out from the fill
        fill = commonest(image, indicator)
        assert contrast_ratio(fill, behind) >= 3
        assert max(contrast_ratio(p, fill) for p in pixels) >= 3


@pytest.mark.parametrize("name", NAMES)
def test_legible_quiet_colours_reach_the_ratio_and_keep_legible_ones(name: str) -> None:
    theme = THEMES[name]
    for role in ("dim", "faint", "machine"):
        for behind in (theme.background, theme.panel_background):
            assert contrast_ratio(theme.legible(role, behind), behind) >= 4.5
        assert contrast_ratio(theme.legible(role, ratio=3.0), theme.background) >= 3.0
        # no darker (or lighter) than it has to be: quiet text stays quieter than the text
        assert contrast_ratio(theme.legible(role), theme.background) < contrast_ratio(theme.text, theme.background)
    assert theme.legible("text") == QColor(theme.text).name()  # already legible: unchanged
    assert theme.legible("accent") == QColor(theme.accent).name()


@pytest.mark.parametrize("name", NAMES)
def test_the_find_bars_count_can_be_read(make_window, qtbot, name: str) -> None:  # noqa: ANN001
    """'2 of 5' is what the writer reads while finding: WCAG AA (4.5:1) against the bar (it was 2.8:1)."""
    window = make_window()
    window.set_theme(name, persist=False)
    window.editor.setPlainText("a hit, a hit")
    qtbot.keyClick(window.editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, window.find_bar.find_field, "hit")
    label = window.find_bar.count_label
    assert label.text() == "1 of 2"
    colour = label.palette().color(label.foregroundRole())
    assert contrast_ratio(colour, THEMES[name].background) >= 4.5, colour.name()


@pytest.mark.parametrize("name", NAMES)
def test_a_block_quote_and_the_status_line_can_be_read(make_window, qtbot, name: str) -> None:  # noqa: ANN001
    """A quote is prose (often the writer's own) and the status line says where they are: both were
    set in the faint colour, 2.8:1 on the light page; WCAG AA asks 4.5:1 for text."""
    window = make_window()
    window.set_theme(name, persist=False)
    editor = window.editor
    editor.setPlainText("> Someone else's words, quoted at length.\n\nPlain prose.")
    qtbot.waitUntil(lambda: editor.document().firstBlock().layout().formats() != [])
    quoted = [r.format.foreground().color() for r in editor.document().firstBlock().layout().formats()
              if r.format.fontItalic()]
    assert quoted, "the quote is not formatted"
    for colour in quoted:
        assert contrast_ratio(colour, THEMES[name].background) >= 4.5, colour.name()
    status = window.status.left
    status.ensurePolished()
    colour = status.palette().color(status.foregroundRole())
    assert contrast_ratio(colour, THEMES[name].background) >= 4.5, colour.name()


@pytest.mark.parametrize("name", sorted(THEMES))
def test_the_voice_panels_notes_and_readings_are_legible(name: str, make_window, qtbot) -> None:  # noqa: ANN001
    """Found on a review: the voice panel's notes ("within your usual range", "Describes style, not
    authorship.") were drawn in ``faint``, 2.6:1 on the light and sepia panels. They are meant to be
    read: 4.5:1 at least, in every theme, in the panel's style sheet and its painted gauges."""
    from quill.ui.voice import install_voice_panel

    theme = THEMES[name]
    assert contrast_ratio(theme.note, theme.panel_background) >= 4.5
    window = make_window()
    window.set_theme(name, persist=False)
    panel = install_voice_panel(window)
    panel.set_open(True, animate=False)
    qtbot.waitUntil(lambda: panel._built, timeout=10_000)
    assert f"QLabel#panelNote {{ color: {theme.note}; }}" in panel.styleSheet()
    assert panel.scope_label.role == "note"
