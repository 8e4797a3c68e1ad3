"""Answering real modal dialogs from a test, the way a writer would (keys and clicks).

A modal dialog's ``exec()`` blocks the test; a timer keeps looking for the next modal widget
and hands each new one to the next answer."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QWidget

Answer = Callable[[QWidget], None]


def answering(qtbot, answers: list[Answer], action: Callable[[], object]) -> list[str]:  # noqa: ANN001
    """Run ``action``; answer each modal dialog it opens, in order. Returns the dialogs' titles.

    Fails when a dialog was expected and never came, or when more dialogs came than answers."""
    pending = list(answers)
    seen: list[QWidget] = []
    titles: list[str] = []
    extra: list[str] = []

    def look() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or any(modal is s for s in seen) or not modal.isVisible():
            return
        seen.append(modal)
        titles.append(modal.windowTitle())
        if not pending:
            extra.append(modal.windowTitle())
            modal.reject()
            return
        pending.pop(0)(modal)

    timer = QTimer(interval=15)
    timer.timeout.connect(look)
    timer.start()
    stuck: list[str] = []

    def give_up() -> None:
        """A dialog an answer did not close would block ``action`` for ever: close it, and fail."""
        modal = QApplication.activeModalWidget()
        if modal is not None:
            stuck.append(modal.windowTitle())
            modal.reject()
            watchdog.start()  # and any dialog behind it

    watchdog = QTimer(singleShot=True, interval=30_000)
    watchdog.timeout.connect(give_up)
    watchdog.start()
    try:
        action()
        # Generous: these tests failed now and then under heavy load, and this wait (a file dialog
        # listing its folder, then the question) is the one bound in them a slow machine can reach.
        qtbot.waitUntil(lambda: not pending, timeout=20_000)
    finally:
        timer.stop()
        watchdog.stop()
    assert not stuck, f"dialogs left open after their answers: {stuck}"
    assert not extra, f"unexpected dialogs: {extra}"
    return titles


def type_file_name(qtbot, name: str) -> Answer:  # noqa: ANN001
    """Type ``name`` into a save dialog's name field and press Enter."""

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog), type(dialog)
        field = dialog.findChild(QLineEdit, "fileNameEdit")
        field.selectAll()
        qtbot.keyClicks(field, name)
        completer = field.completer()

        def press() -> None:
            if completer is not None:  # the folder's listing arrives late on a busy machine: its
                completer.popup().hide()  # pop-up would take the Enter meant for the dialog
            qtbot.keyClick(field, Qt.Key.Key_Return)

        press()
        # On a loaded machine the dialog may still be settling (its folder, its completer) and let
        # the first Enter pass: press again, as a writer would, while it stays open with the name.
        again = QTimer(dialog, interval=400)
        again.timeout.connect(lambda: press() if dialog.isVisible() and field.text() == name else again.stop())
        again.start()

    return answer


def press_enter(qtbot) -> Answer:  # noqa: ANN001
    def answer(dialog: QWidget) -> None:
        qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)

    return answer


def click_danger(qtbot) -> Answer:  # noqa: ANN001
    def answer(dialog: QWidget) -> None:
        qtbot.mouseClick(dialog.danger_button, Qt.MouseButton.LeftButton)

    return answer
