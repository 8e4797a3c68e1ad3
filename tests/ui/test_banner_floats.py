"""A passing notice floats over the page's blank top margin instead of pushing the page down
and back; a warning (it stays until dealt with) takes its own row; neither ever covers text."""

from __future__ import annotations

from PySide6.QtCore import QPoint


def _page_top(window) -> int:  # noqa: ANN001 - where the text area begins, in window coordinates
    return window.editor.viewport().mapTo(window, QPoint(0, 0)).y()


def _editor_top(window) -> int:  # noqa: ANN001
    return window.editor.mapTo(window, QPoint(0, 0)).y()


def test_an_info_notice_floats_over_the_margin_and_moves_nothing(make_window, qtbot, library_dir) -> None:  # noqa: ANN001
    piece = library_dir / "p.md"
    piece.write_text("\n\n".join(f"Paragraph {n}." for n in range(200)), encoding="utf-8")
    window = make_window(piece)
    window.editor.verticalScrollBar().setValue(40)  # mid-piece: text right up to the margin
    editor_top, page_top = _editor_top(window), _page_top(window)
    window.banner.show_message("Exported PDF to /home/writer/Documents/p.pdf.", "info")
    qtbot.waitUntil(window.banner.isVisible, timeout=2000)
    assert window.banner.floating
    assert (_editor_top(window), _page_top(window)) == (editor_top, page_top)  # the page did not move
    banner_bottom = window.banner.mapTo(window, QPoint(0, window.banner.height())).y()
    assert banner_bottom <= page_top  # over the blank margin only, never over a line of text
    window.resize(760, 620)  # and it follows the window's width
    qtbot.waitUntil(lambda: window.banner.width() == window.banner.parentWidget().width(), timeout=2000)
    assert window.banner.mapTo(window, QPoint(0, window.banner.height())).y() <= _page_top(window)


def test_a_warning_takes_a_row_and_an_info_after_it_floats_again(make_window, qtbot, library_dir) -> None:  # noqa: ANN001
    piece = library_dir / "p.md"
    piece.write_text("Words.", encoding="utf-8")
    window = make_window(piece)
    editor_top = _editor_top(window)
    window.banner.show_message("Quill cannot save p.md: the disk is full.", "warning")
    qtbot.waitUntil(lambda: _editor_top(window) > editor_top, timeout=2000)  # a row of its own above the page
    assert not window.banner.floating
    window.banner.hide()
    window.banner.show_message("Saved again.", "info")
    qtbot.waitUntil(lambda: _editor_top(window) == editor_top, timeout=2000)
    assert window.banner.floating and window.banner.isVisible()


def test_a_notice_too_tall_for_the_margin_takes_a_row(make_window, qtbot, library_dir) -> None:  # noqa: ANN001
    piece = library_dir / "p.md"
    piece.write_text("Words.", encoding="utf-8")
    window = make_window(piece)
    window.resize(640, 420)  # a small window: a small top margin
    qtbot.waitUntil(lambda: window.editor.height() < 420, timeout=2000)
    editor_top = _editor_top(window)
    window.banner.show_message("A long notice. " * 30, "info")
    qtbot.waitUntil(lambda: _editor_top(window) > editor_top, timeout=2000)
    assert not window.banner.floating
