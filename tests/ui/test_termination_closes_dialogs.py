"""A termination signal while a dialog is open: the dialog is cancelled, the window closes and saves.

(The signals themselves are tested on real processes in tests/faults/test_termination.py; this one
sends SIGTERM to the test's own process, its handlers put back afterwards.)"""

from __future__ import annotations

import os
import signal

import pytest
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog

from quill.ui.shell.app import close_on_termination
from tests.ui.keys import type_text


@pytest.mark.skipif(os.name == "nt", reason="POSIX signals")
def test_a_dialog_open_at_a_termination_is_cancelled_and_the_piece_saved(qtbot, make_window, library_dir) -> None:  # noqa: ANN001
    piece = library_dir / "piece.md"
    piece.write_text("Start.", encoding="utf-8")
    window = make_window(piece)
    names = [getattr(signal, n) for n in ("SIGTERM", "SIGHUP", "SIGINT")]
    before = {number: signal.getsignal(number) for number in names}
    try:
        assert set(close_on_termination(window)) == set(names)
        window.editor.moveCursor(QTextCursor.MoveOperation.End)
        type_text(qtbot, window.editor, " More.")
        dialog = QDialog(window)
        dialog.setModal(True)
        dialog.show()
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: not dialog.isVisible() and not window.isVisible(), timeout=5000)
        assert dialog.result() == QDialog.DialogCode.Rejected
        assert piece.read_text(encoding="utf-8") == "Start. More."
    finally:
        signal.set_wakeup_fd(-1)
        for number, handler in before.items():
            signal.signal(number, handler)
