"""F11 back from full screen gives a real window; the status line elides a long title."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def test_leaving_full_screen_gives_a_comfortable_window(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window()
    window.resize(480, 320)  # as the app starts: straight to full screen, never sized as a window
    window.showFullScreen()
    qtbot.waitUntil(window.isFullScreen, timeout=2000)
    qtbot.keyClick(window.editor, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: not window.isFullScreen(), timeout=2000)
    screen = QApplication.primaryScreen().availableGeometry()
    assert window.width() >= min(640, screen.width()) and window.height() >= min(400, screen.height())
    assert window.width() > 480 and window.height() > 320


def test_full_screen_and_back_restores_the_last_window(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window()
    window.setGeometry(60, 50, 900, 620)
    qtbot.waitUntil(lambda: window.width() == 900, timeout=2000)
    window.toggle_fullscreen()
    assert window.state.window_geometry[2:] == [900, 620]
    window.toggle_fullscreen()
    qtbot.waitUntil(lambda: (window.width(), window.height()) == (900, 620), timeout=2000)


def test_a_long_title_is_shortened_not_spilled(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window()
    window.resize(700, 500)
    title = "A very long title " * 12
    window.status.set_texts("1,234 words", title, "+12 this session · 3 min")
    qtbot.waitUntil(lambda: window.status.center.text() != title, timeout=2000)
    assert "…" in window.status.center.text() and window.status.center.full_text() == title
    assert window.status.center.fontMetrics().horizontalAdvance(window.status.center.text()) \
        <= window.status.center.width()
    assert window.width() <= 700 + 1  # the title did not widen the window


def test_narrow_figures_drop_whole_parts_before_losing_letters(qtbot, make_window) -> None:  # noqa: ANN001
    """With the preview open the status line has half the window: "+0 this se…pen 0 min" read as
    nothing; the last figure goes whole instead, and comes back when there is room."""
    window = make_window()
    window.resize(1000, 600)
    qtbot.keyClick(window.editor, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)  # the preview takes half
    status = window.status
    figures = "+120 this session · open 25 min"
    status.set_texts("2,040 words", "On walking home", figures)
    qtbot.waitUntil(lambda: status.right.width() < status.right.fontMetrics().horizontalAdvance(figures),
                    timeout=2000)
    assert status.right.text() == "+120 this session"
    assert status.right.toolTip() == figures
    qtbot.keyClick(window.editor, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)  # the preview leaves
    qtbot.waitUntil(lambda: status.right.text() == figures, timeout=2000)
