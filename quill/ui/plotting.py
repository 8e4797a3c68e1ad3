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

pyqtgraph's package also imports all of itself (image views, parameter trees, a remote process
view, ~85 modules the charts never use: 7.5 MB of a writer's memory). Its ``__init__`` is a list
of ``from .part import *`` lines, so it is run here without the lines for parts the charts do not
use (:func:`_trimmed_source`); any name of a skipped part is still there when asked for
(``pg.ImageView`` imports its module then, :func:`_skipped_names_on_demand`), and pyqtgraph's own
modules import what they need as ever.

Some modules pyqtgraph imports at its top serve only what the charts never do: OpenGL drawing
(PySide6's QtOpenGL and QtOpenGLWidgets, pyqtgraph's OpenGL helpers: 2.5 MB resident, most of it
the bindings' library), SVG export (QtSvg), its tests (QtTest), its profiler and coloured debug
output (cProfile, colorama), reading ``.ui`` files (subprocess, importlib.resources), the
``decimal`` type and the XML element type of an SVG export's annotations; and what numpy, which
pyqtgraph imports first, imports for saving arrays (pickle) and describing the machine (platform):
6.4 MB in all. While pyqtgraph imports, each is a stand-in (:class:`_StandIn`) that imports the
real module the first time anything of it is used, so nothing changes for a caller; see
:func:`_deferred_imports` for the two kinds and :data:`ABSENT_CLASSES` for ``isinstance``.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import logging
import os
import re
import sys
import threading
import types
from collections.abc import Callable, Iterator

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

log = logging.getLogger(__name__)

MIRRORED = ("QtCore", "QtGui", "QtWidgets")

#: The parts of pyqtgraph whose names Quill's charts use (``pg.ViewBox``, ``pg.PlotWidget`` …), with
#: those their star-imported names come from. Every other ``from .graphicsItems.X import *`` and
#: ``from .widgets.X import *`` line of pyqtgraph's ``__init__`` is skipped, and ``imageview``.
USED_PARTS = frozenset({
    "graphicsItems.AxisItem", "graphicsItems.BarGraphItem", "graphicsItems.DateAxisItem",
    "graphicsItems.GraphicsItem", "graphicsItems.GraphicsObject", "graphicsItems.GraphicsWidget",
    "graphicsItems.GraphicsWidgetAnchor", "graphicsItems.InfiniteLine", "graphicsItems.LabelItem",
    "graphicsItems.PlotCurveItem", "graphicsItems.PlotDataItem", "graphicsItems.ScatterPlotItem",
    "graphicsItems.TextItem", "graphicsItems.UIGraphicsItem", "graphicsItems.ViewBox",
    "widgets.GraphicsView",
})
#: Parts skipped at import that hold a name Quill uses elsewhere: asked for that name, the package
#: imports the part at once (not every skipped part before it). ``PlotWidget`` and the ``PlotItem``
#: it brings (its option menus, legend, buttons: 0.6 MB) serve the history view, not the panel.
LATER_PARTS = {"widgets.PlotWidget": frozenset({"PlotWidget"})}
#: The names Quill asks of pyqtgraph: if a trimmed import lacks one, pyqtgraph has changed and
#: is imported whole instead.
USED_NAMES = ("mkPen", "mkBrush", "setConfigOptions", "ScatterPlotItem", "PlotCurveItem",
              "BarGraphItem", "AxisItem", "PlotDataItem", "InfiniteLine", "ViewBox", "GraphicsView",
              "GraphicsWidget", "DateAxisItem")
#: Modules pyqtgraph (and numpy, imported within it) import at their top that the charts never use,
#: made stand-ins while it imports (when not imported already): the first attribute read imports the
#: real module.
DEFERRED = ("PySide6.QtOpenGL", "PySide6.QtSvg", "decimal", "cProfile", "subprocess", "importlib.resources",
            "pyqtgraph.Qt.OpenGLHelpers", "pyqtgraph.util.cprint", "xml.etree.ElementTree", "pickle",
            "platform")
#: PySide6 modules pyqtgraph reads from at its import (``QtTest.QTest.qWait``, ``QOpenGLWidget``): kept
#: out while it imports (pyqtgraph then notes them as missing and skips its shims for them), then
#: put back in pyqtgraph's namespace as stand-ins. PySide6's own ``QTest`` has ``qWait``, and
#: ``QOpenGLWidget`` is answered by the ``QtWidgets`` mirror (:func:`_mirror_lookup`).
HELD_OUT = ("PySide6.QtOpenGLWidgets", "PySide6.QtTest")
#: Classes pyqtgraph only tests objects against while it paints (``isinstance(widget,
#: OpenGLHelpers.GraphicsViewGLWidget)`` on every curve's paint, ``isinstance(x, decimal.Decimal)``
#: for tick labels) or names in annotations (``GraphicsItem.generateSvg``'s ``Element``): while
#: their module was never imported no object can be one of them, so a stand-in answers with a
#: class that has no instances instead of importing the module for it.
ABSENT_CLASSES = {
    "pyqtgraph.Qt.OpenGLHelpers": frozenset({"GraphicsViewGLWidget"}),
    "decimal": frozenset({"Decimal"}),
    "xml.etree.ElementTree": frozenset({"Element"}),
    "PySide6.QtOpenGLWidgets": frozenset({"QOpenGLWidget"}),
}
_PART_IMPORT = re.compile(r"^from \.((?:graphicsItems|widgets)\.\w+|imageview) import .*$", re.M)


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


_standin_lock = threading.RLock()
_absent: dict[tuple[str, str], type] = {}


def _absent_class(module: str, name: str) -> type:
    """A class with no instances, standing for ``module.name`` while ``module`` was never imported."""
    with _standin_lock:
        cls = _absent.get((module, name))
        if cls is None:
            def refuse(cls: type, *args: object, **kwargs: object) -> object:
                raise TypeError(f"{module} is not imported: {name} is only a stand-in")

            cls = _absent[(module, name)] = type(name, (), {
                "__doc__": f"Stands for {module}.{name} while {module} is not imported: nothing is one.",
                "__module__": __name__, "__new__": refuse})
        return cls


def _loaded(name: str) -> types.ModuleType | None:
    """The real module ``name`` if something imported it, else None."""
    module = sys.modules.get(name)
    return None if module is None or isinstance(module, _StandIn) else module


def _asked_by_pyqtgraph(frame: types.FrameType | None) -> bool:
    """True when the code reading a stand-in's attribute is pyqtgraph's (or numpy's). Another thread
    that imported, say, ``decimal`` while pyqtgraph was importing holds the stand-in too; it gets
    the real ``Decimal``, since what it does with the class is not known (only what pyqtgraph does)."""
    name = frame.f_globals.get("__name__", "") if frame is not None else ""
    return isinstance(name, str) and name.partition(".")[0] in ("pyqtgraph", "numpy")


class _StandIn(types.ModuleType):
    """A module pyqtgraph imports but the charts never use: the real one is imported the first time
    any of its attributes is read, and answers from then on (names in :data:`ABSENT_CLASSES`
    excepted while the real module is not imported, when pyqtgraph asks)."""

    def __init__(self, name: str) -> None:
        super().__init__(name, f"{name}, imported when first used (quill.ui.plotting)")
        self.__dict__["_standin_real"] = None

    def _standin_resolve(self) -> types.ModuleType:
        real = self.__dict__["_standin_real"]
        if real is None:
            with _standin_lock:  # not held while importing: the import system has locks of its own
                if sys.modules.get(self.__name__) is self:
                    del sys.modules[self.__name__]
            real = self.__dict__["_standin_real"] = importlib.import_module(self.__name__)
        return real

    def __getattr__(self, attr: str) -> object:
        if attr.startswith("__") and attr.endswith("__"):
            raise AttributeError(attr)  # the import system's questions: a plain module's answers
        if (attr in ABSENT_CLASSES.get(self.__name__, ()) and self.__dict__["_standin_real"] is None
                and _asked_by_pyqtgraph(sys._getframe(1))):
            real = _loaded(self.__name__)
            return getattr(real, attr) if real is not None else _absent_class(self.__name__, attr)
        return getattr(self._standin_resolve(), attr)

    def __dir__(self) -> list[str]:
        return dir(self._standin_resolve())


@contextlib.contextmanager
def _deferred_imports() -> Iterator[None]:
    """While pyqtgraph imports: each of :data:`DEFERRED` not yet imported is a :class:`_StandIn` in
    ``sys.modules``, each of :data:`HELD_OUT` an import that fails. Afterwards ``sys.modules`` is
    as it was (a later ``import decimal`` anywhere gets the real module); pyqtgraph keeps its
    stand-ins, and the held-out modules it noted as missing become stand-ins in its ``Qt`` module."""
    placed: dict[str, types.ModuleType | None] = {}
    with _standin_lock:
        for name in DEFERRED:
            if name not in sys.modules:
                placed[name] = sys.modules[name] = _StandIn(name)
        for name in HELD_OUT:
            if name not in sys.modules:
                placed[name] = sys.modules[name] = None  # ``import`` raises ImportError
    try:
        yield
    finally:
        with _standin_lock:
            for name, placeholder in placed.items():
                if name in sys.modules and sys.modules[name] is placeholder:
                    del sys.modules[name]
    qt = sys.modules.get("pyqtgraph.Qt")
    for name in HELD_OUT:
        attr = name.rpartition(".")[2]
        if name in placed and qt is not None and type(getattr(qt, attr, None)).__name__ == "FailedImport":
            setattr(qt, attr, _StandIn(name))


def _mirror_lookup(mirror: types.ModuleType, source: types.ModuleType) -> Callable[[str], object]:
    """PEP 562 ``__getattr__`` for a mirror: look the name up in PySide6 once, then keep it on
    the mirror (pyqtgraph reads ``QtCore.QPointF`` and the like while it paints). ``QOpenGLWidget``,
    which pyqtgraph files under QtWidgets, is PySide6.QtOpenGLWidgets' (see :data:`HELD_OUT`)."""

    def lookup(name: str) -> object:
        if name == "QOpenGLWidget" and not hasattr(source, name) and source.__name__ == "PySide6.QtWidgets":
            real = _loaded("PySide6.QtOpenGLWidgets")
            if real is None:
                return _absent_class("PySide6.QtOpenGLWidgets", name)
            source_of_name: types.ModuleType = real
        else:
            source_of_name = source
        value = getattr(source_of_name, name)
        setattr(mirror, name, value)
        return value

    return lookup


def _forget_pyqtgraph() -> None:
    for name in [n for n in list(sys.modules) if n == "pyqtgraph" or n.startswith("pyqtgraph.")]:
        sys.modules.pop(name, None)


def _trimmed_source(source: str) -> tuple[str, list[str]]:
    """pyqtgraph's ``__init__`` without the imports of parts the charts do not use, and those parts.

    Skipped lines become blank lines, so line numbers in tracebacks stay right."""
    skipped: list[str] = []

    def blank(match: re.Match[str]) -> str:
        if match.group(1) in USED_PARTS:
            return match.group()
        skipped.append(match.group(1))
        return ""

    return _PART_IMPORT.sub(blank, source), skipped


def _skipped_names_on_demand(package: types.ModuleType, skipped: list[str]) -> Callable[[str], object]:
    """PEP 562 ``__getattr__`` for the trimmed package: a name a skipped part would have brought
    (``pg.ImageView``, ``pg.SpinBox``) imports the skipped parts, in ``__init__``'s order, until
    it is found (a part of :data:`LATER_PARTS` holding the name first); names the kept parts already
    set are never replaced."""

    folder = os.path.dirname(package.__file__ or "")
    busy = threading.local()

    def is_submodule(name: str) -> bool:
        return os.path.isdir(os.path.join(folder, name)) or os.path.isfile(os.path.join(folder, f"{name}.py"))

    def lookup(name: str) -> object:
        # ``from .. import functions_qimage`` asks the package before importing the submodule, and
        # a part being imported here may ask: both must get a plain "no such attribute".
        if not name.startswith("__") and not getattr(busy, "on", False) and not is_submodule(name):
            busy.on = True
            try:
                for part in [p for p in skipped if name in LATER_PARTS.get(p, ())] + skipped:
                    module = importlib.import_module(f"pyqtgraph.{part}")
                    public = getattr(module, "__all__", None) or [n for n in vars(module) if not n.startswith("_")]
                    for exported in public:
                        if exported not in package.__dict__:
                            setattr(package, exported, getattr(module, exported))
                    if name in package.__dict__:
                        return package.__dict__[name]
            finally:
                busy.on = False
        raise AttributeError(f"module 'pyqtgraph' has no attribute {name!r}")

    return lookup


def _import_trimmed() -> types.ModuleType:
    """``import pyqtgraph``, running its ``__init__`` without the parts the charts never use."""
    spec = importlib.util.find_spec("pyqtgraph")
    if spec is None or spec.origin is None or spec.loader is None:
        raise ImportError("pyqtgraph is not installed")
    with open(spec.origin, encoding="utf-8") as handle:
        source, skipped = _trimmed_source(handle.read())
    package = importlib.util.module_from_spec(spec)
    sys.modules["pyqtgraph"] = package
    try:
        exec(compile(source, spec.origin, "exec"), package.__dict__)  # noqa: S102 - pyqtgraph's own code
    except BaseException:
        sys.modules.pop("pyqtgraph", None)
        raise
    package.__getattr__ = _skipped_names_on_demand(package, skipped)
    missing = [name for name in USED_NAMES if name not in package.__dict__]
    missing += [part for part in LATER_PARTS if part not in skipped]
    if missing:
        raise ImportError(f"a trimmed pyqtgraph lacks {missing}")
    return package


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
        with _deferred_imports():
            pyqtgraph = _import_trimmed()
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


#: How pyqtgraph was imported: "lean" (trimmed, mirrors filled on demand), "plain" (the fallback: it
#: works, with more memory and time), or "" before. The self-test reports it, so an installer that
#: loses the lean import (its bundle without pyqtgraph's ``__init__`` source) fails CI.
HOW_IMPORTED = ""


def import_pyqtgraph() -> types.ModuleType:
    """pyqtgraph, lean when it can be; as pyqtgraph imports itself when it cannot."""
    global HOW_IMPORTED
    if "pyqtgraph" in sys.modules:
        HOW_IMPORTED = HOW_IMPORTED or "plain"
        return sys.modules["pyqtgraph"]
    try:
        package = _import_lean()
        HOW_IMPORTED = "lean"
        return package
    except Exception:  # noqa: BLE001 - any surprise: the plain import still gives a working panel
        log.warning("pyqtgraph imported the plain way (its Qt mirrors changed)", exc_info=True)
        _forget_pyqtgraph()
        import pyqtgraph

        HOW_IMPORTED = "plain"
        return pyqtgraph


pg = import_pyqtgraph()
