"""Import heavy modules on a thread, then carry on on the window's thread.

The voice panel and the history draw with pyqtgraph (and numpy); with the voice engine that
is a few hundred milliseconds of imports. Start-up never pays for them (issue 20): they are
imported when the writer first asks for the panel or the history, off the window's thread,
so the page keeps taking keys while they load and the panel can show itself at once.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import sys
import threading
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt, Signal, Slot


def imported(modules: Sequence[str]) -> bool:
    """True when every one of ``modules`` has finished importing (a module another thread is still
    importing is in sys.modules already, marked as initializing)."""
    for name in modules:
        module = sys.modules.get(name)
        spec = getattr(module, "__spec__", None)
        if module is None or getattr(spec, "_initializing", False):
            return False
    return True


class _Relay(QObject):
    done = Signal()

    def __init__(self, parent: QObject, callback: Callable[[], None]) -> None:
        super().__init__(parent)
        self._callback = callback
        self.done.connect(self._fire, Qt.ConnectionType.QueuedConnection)

    @Slot()
    def _fire(self) -> None:
        self.deleteLater()
        # What was just imported (pyqtgraph, numpy: a few hundred thousand objects) lives as long as
        # the app. Left to the cyclic collector, the next full collection walked all of it: the
        # panel's first analysis held the interpreter for 150-190 ms, and the page's keys waited.
        gc.freeze()
        self._callback()


def import_in_background(modules: Sequence[str], parent: QObject, then: Callable[[], None]) -> None:
    """Import ``modules`` on a thread, then call ``then()`` on ``parent``'s thread (not at all if
    ``parent`` is gone by then). An import that fails is left for the caller's own import to report."""
    relay = _Relay(parent, then)

    def work() -> None:
        for name in modules:
            try:
                importlib.import_module(name)
            except Exception:  # noqa: BLE001 - the window's thread imports it again and reports
                break
        with contextlib.suppress(RuntimeError):  # the window closed meanwhile
            relay.done.emit()

    threading.Thread(target=work, name="quill-import", daemon=True).start()
