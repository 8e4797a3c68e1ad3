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


KNOWN_BAD = {"6.12.0"}  # Signal.emit() drops a reference to True (the interpreter aborts)


def test_the_installed_binding_is_not_a_known_bad_release():
    """On Python 3.12+ ``True`` is immortal, so the reference count above cannot move there and
    that test cannot fail; this one can, on any Python: it names the releases known to be bad."""
    import PySide6

    assert PySide6.__version__ not in KNOWN_BAD, f"PySide6 {PySide6.__version__} corrupts the interpreter"
    from importlib.metadata import requires

    pins = [r for r in requires("quill-writer") or [] if r.lower().startswith("pyside6")] if _installed() else []
    assert not pins or any("<6.12" in r for r in pins), f"the pin against 6.12 is gone: {pins}"


def _installed() -> bool:
    from importlib.metadata import PackageNotFoundError, version

    try:
        version("quill-writer")
        return True
    except PackageNotFoundError:
        return False
