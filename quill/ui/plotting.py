"""pyqtgraph, imported lean: ``from quill.ui.plotting import pg``.

pyqtgraph keeps its own mirrors of PySide6's QtCore, QtGui and QtWidgets (``pyqtgraph.Qt.QtCore``
…) and fills them at import by copying every name of PySide6's modules. PySide6 makes its
classes on first access, so that copy made all of them, ~1,500 classes the panel and the history
never use: ~8 MB of the panel's memory and ~80 ms of its first opening (issue 20, measured in
docs/PERFORMANCE.md). Here the mirrors are modules of our own, put in place before pyqtgraph
is imported, that look each name up in PySide6 when pyqtgraph first asks for it; while
pyqtgraph imports, PySide6's modules list no names, so its copy loop has nothing to copy.

This leans on two details of pyqtgraph (as of 0.14, the version tested): the mirrors' module names, and the
copy going through ``dir()``. If either changes, the import is done again the plain way, so
the panel still draws; only the saving is lost.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import types
from collections.abc import Callable

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

log = logging.getLogger(__name__)

MIRRORED = ("QtCore", "QtGui", "QtWidgets")


Listing = Callable[[], list[str]]


def _listing(module: types.ModuleType, previous: Listing | None, importer: int) -> Listing:
    """``dir(module)`` while pyqtgraph imports: no names for the importing thread (so its copy
    loop copies nothing), the usual names for every other (the import may run on a worker while
    the window's thread carries on)."""

    def names() -> list[str]:
        if threading.get_ident() == importer:
            return []
        return previous() if previous is not None else [n for n in module.__dict__ if n != "__dir__"]

    return names


def _mirror_lookup(mirror: types.ModuleType, source: types.ModuleType) -> Callable[[str], object]:
    """PEP 562 ``__getattr__`` for a mirror: look the name up in PySide6 once, then keep it on
    the mirror (pyqtgraph reads ``QtCore.QPointF`` and the like while it paints)."""

    def lookup(name: str) -> object:
        value = getattr(source, name)
        setattr(mirror, name, value)
        return value

    return lookup


def _forget_pyqtgraph() -> None:
    for name in [n for n in list(sys.modules) if n == "pyqtgraph" or n.startswith("pyqtgraph.")]:
        sys.modules.pop(name, None)


def _import_lean() -> types.ModuleType:
    import PySide6
    import PySide6.QtCore
    import PySide6.QtGui
    import PySide6.QtWidgets  # noqa: F401 - the three PySide6 modules pyqtgraph mirrors

    mirrors = {}
    for name in MIRRORED:
        mirror = types.ModuleType(f"pyqtgraph.Qt.{name}", f"PySide6.{name}, name by name as pyqtgraph asks")
        mirror.__getattr__ = _mirror_lookup(mirror, getattr(PySide6, name))  # PEP 562
        mirrors[name] = mirror
        sys.modules[mirror.__name__] = mirror
    listed = {name: getattr(PySide6, name).__dict__.get("__dir__") for name in MIRRORED}
    importer = threading.get_ident()
    try:
        for name in MIRRORED:
            module = getattr(PySide6, name)
            module.__dir__ = _listing(module, listed[name], importer)
        import pyqtgraph
    finally:
        for name, previous in listed.items():
            module = getattr(PySide6, name)
            if previous is None:
                del module.__dir__
            else:
                module.__dir__ = previous
    if any(sys.modules.get(f"pyqtgraph.Qt.{name}") is not mirror for name, mirror in mirrors.items()):
        raise ImportError("pyqtgraph no longer mirrors PySide6 the way quill.ui.plotting expects")
    return pyqtgraph


def import_pyqtgraph() -> types.ModuleType:
    """pyqtgraph, lean when it can be; as pyqtgraph imports itself when it cannot."""
    if "pyqtgraph" in sys.modules:
        return sys.modules["pyqtgraph"]
    try:
        return _import_lean()
    except Exception:  # noqa: BLE001 - any surprise: the plain import still gives a working panel
        log.warning("pyqtgraph imported the plain way (its Qt mirrors changed)", exc_info=True)
        _forget_pyqtgraph()
        import pyqtgraph

        return pyqtgraph


pg = import_pyqtgraph()
