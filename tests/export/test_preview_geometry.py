"""The preview on a real window (offscreen): it follows the editor section by section whatever the
heading style, and every line of the rendered piece can be seen whole, top and bottom."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def settle(qtbot, preview) -> None:  # noqa: ANN001
    qtbot.waitUntil(preview.is_current, timeout=5000)
    QApplication.processEvents()


def open_with_preview(qtbot, make_window, path: Path):  # noqa: ANN001, ANN201
    window = make_window(path)
    qtbot.keyClick(window.editor, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    preview = window.export_controller.preview
    settle(qtbot, preview)
    return window, preview


def heading_tops(preview) -> list[tuple[float, str]]:  # noqa: ANN001
    layout, block, found = preview.document().documentLayout(), preview.document().begin(), []
    while block.isValid():
        if block.blockFormat().headingLevel():
            found.append((layout.blockBoundingRect(block).top(), block.text().strip()))
        block = block.next()
    return found


# Sections whose rendered height is far from their share of the source: a list of short items
# is tall on the page and short in the source, a long paragraph the other way round.
SETEXT = "".join(
    f"Part {n} 😀\n{'=' if n % 2 else '-' * 3}\n\n"
    + ("".join(f"- {n}\n" for _ in range(30)) if n % 2 else "Words go on about walking. " * 60) + "\n\n"
    for n in range(8))


def test_the_preview_follows_setext_sections(qtbot, make_window, tmp_path: Path) -> None:  # noqa: ANN001
    path = tmp_path / "setext.md"
    path.write_text(SETEXT, encoding="utf-8")
    window, preview = open_with_preview(qtbot, make_window, path)
    editor, tops = window.editor, heading_tops(preview)
    assert [title for _, title in tops] == [f"Part {n} 😀" for n in range(8)]
    line = preview.fontMetrics().lineSpacing()
    target = preview.verticalScrollBar()
    for n in range(1, 6):  # each heading at the top of the editor puts the same heading at the preview's top
        block = editor.document().findBlock(editor.qt_position(SETEXT.index(f"Part {n} ")))
        editor.verticalScrollBar().setValue(block.firstLineNumber())
        assert editor.firstVisibleBlock().blockNumber() == block.blockNumber()
        settle(qtbot, preview)
        assert abs(target.value() - tops[n][0]) < line, (n, target.value(), tops[n][0])
