"""Guard against a Qt binding that corrupts the interpreter.

PySide6 6.12.0 drops a reference to ``True`` on every ``Signal.emit()`` from Python;
after a few thousand keystrokes the interpreter aborts. pyproject pins it out; this
test fails loudly if a future upgrade brings such a bug back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal()
    carried = Signal(object)


def test_signal_emit_keeps_reference_counts(qapp):
    emitter = _Emitter()
    received = []
    emitter.fired.connect(lambda: received.append(1))
    emitter.carried.connect(received.append)
    before = sys.getrefcount(True)
    for _ in range(200):
        emitter.fired.emit()
        emitter.carried.emit(2)
    assert len(received) == 400
    assert sys.getrefcount(True) - before > -20, "Signal.emit() leaks references to True"
