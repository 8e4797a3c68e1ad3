"""pyqtgraph imported lean (quill/ui/plotting.py, issue 20): its Qt mirrors look names up on demand
instead of copying every PySide6 class, and the panel's and history's charts still draw. Each check
runs in a fresh Python, since pyqtgraph can be imported only once per process."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.fresh_imports import ROOT

DRAW_CHARTS = """
from PySide6.QtWidgets import QApplication
app = QApplication([])
from quill.ui.shell.theme import theme_named
from quill.ui.voice.charts import LengthHistogram, Sparkline
theme = theme_named("light")
histogram = LengthHistogram(theme)
shape = [0.02, 0.1, 0.2, 0.25, 0.15, 0.1] + [0.01] * 15
histogram.set_shapes(shape, shape[::-1], [0.05] * 21)
histogram.resize(300, 160)
sparkline = Sparkline(theme, 60, "rolling burstiness")
sparkline.set_values([0.2, 0.5, 0.4, 0.9])
sparkline.resize(300, 60)
image = histogram.grab().toImage()
colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)}
assert len(colours) > 2, colours  # bars and axes drawn, not a blank widget
sparkline.grab()
"""


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_the_charts_draw_with_pyqtgraphs_mirrors_filled_on_demand():
    out = _run(DRAW_CHARTS + """
import sys, PySide6.QtCore, PySide6.QtWidgets
mirror = sys.modules["pyqtgraph.Qt.QtWidgets"]
print("copied all" if "QCalendarWidget" in vars(mirror) else "on demand")
print(mirror.QCalendarWidget is PySide6.QtWidgets.QCalendarWidget)  # any name still reachable
print(len(dir(PySide6.QtCore)) > 100)  # PySide6's own listing is back
print("QPointF" in vars(sys.modules["pyqtgraph.Qt.QtCore"]))  # a name pyqtgraph used is kept, not looked up again
""")
    assert out.split() == ["on", "demand", "True", "True", "True"]


def test_while_pyqtgraph_imports_only_the_importing_thread_sees_no_names():
    """The panel's charts import pyqtgraph on a worker while the window's thread carries on: PySide6's
    modules must list their names to every other thread meanwhile."""
    out = _run("""
import threading, types
from quill.ui.plotting import _listing
module = types.ModuleType("stand_in")
module.alpha, module.beta = 1, 2
module.__dir__ = _listing(module, None, threading.get_ident())
seen = {}
other = threading.Thread(target=lambda: seen.update(other=dir(module)))
other.start(); other.join()
print(dir(module), "alpha" in seen["other"] and "beta" in seen["other"] and "__dir__" not in seen["other"])
""")
    assert out.split() == ["[]", "True"]


def test_if_pyqtgraph_changes_how_it_mirrors_qt_the_plain_import_still_draws():
    """The lean import checks pyqtgraph used its mirrors; when that check fails, pyqtgraph is imported
    again the ordinary way (every name copied), and the charts are drawn with it."""
    out = _run("""
import sys
import quill.ui.plotting as plotting
lean = plotting._import_lean
def drifted():
    lean()
    raise ImportError("pyqtgraph no longer mirrors PySide6 the way quill.ui.plotting expects")
plotting._forget_pyqtgraph()
plotting._import_lean = drifted
plotting.pg = plotting.import_pyqtgraph()
print("copied all" if "QCalendarWidget" in vars(sys.modules["pyqtgraph.Qt.QtWidgets"]) else "on demand")
""" + DRAW_CHARTS)
    assert out.split() == ["copied", "all"]


def test_pyqtgraph_runs_without_the_parts_the_charts_never_use_and_finds_them_when_asked():
    """Its ``__init__`` imports image views, parameter trees and a remote-process view the panel never
    shows (7.5 MB): they are skipped, the charts draw, and any name they held still answers."""
    out = _run(DRAW_CHARTS + """
import sys
import pyqtgraph as pg
skipped = ["pyqtgraph.imageview", "pyqtgraph.widgets.RemoteGraphicsView", "pyqtgraph.parametertree",
           "pyqtgraph.graphicsItems.ROI", "multiprocessing"]
print(*[name in sys.modules for name in skipped])
print(pg.ImageView.__name__, pg.SpinBox.__name__, pg.ROI.__name__, pg.PlotWidget.__name__)
print("pyqtgraph.imageview" in sys.modules)
try:
    pg.NoSuchThing
except AttributeError:
    print("AttributeError")
""")
    lines = out.splitlines()
    assert lines[0].split() == ["False"] * 5, lines
    assert lines[1:] == ["ImageView SpinBox ROI PlotWidget", "True", "AttributeError"]


def test_the_trimmed_init_keeps_every_line_and_skips_only_whole_part_imports():
    import importlib.util

    from quill.ui.plotting import USED_PARTS, _trimmed_source

    origin = importlib.util.find_spec("pyqtgraph").origin
    with open(origin, encoding="utf-8") as handle:
        source = handle.read()
    trimmed, skipped = _trimmed_source(source)
    assert trimmed.count("\n") == source.count("\n")  # tracebacks point at the right lines
    assert "imageview" in skipped and "widgets.SpinBox" in skipped and not set(skipped) & USED_PARTS
    changed = [(a, b) for a, b in zip(source.splitlines(), trimmed.splitlines(), strict=True) if a != b]
    assert len(changed) == len(skipped)
    assert all(b == "" and a.startswith("from .") and a.endswith(("import *", "import ColorMapMenu",
               "import GroupBox", "import RemoteGraphicsView")) for a, b in changed), changed


def test_what_pyqtgraph_imports_for_opengl_svg_tests_and_debugging_loads_only_when_used():
    """OpenGL, SVG export, QtTest, the profiler, ``.ui`` reading and XML are stand-ins while pyqtgraph
    imports (5.7 MB of the panel's memory): drawing the charts loads none of them, each is the real
    module once something uses it, and the rest of the process imports them as ever."""
    out = _run(DRAW_CHARTS + """
import sys
deferred = ["PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets", "PySide6.QtSvg", "PySide6.QtTest", "cProfile",
            "subprocess", "importlib.resources", "pyqtgraph.Qt.OpenGLHelpers", "pyqtgraph.util.cprint", "colorama",
            "xml.etree.ElementTree", "pyexpat", "pickle", "platform"]
print(*[name in sys.modules for name in deferred])
import pyqtgraph.Qt as qt
import pyqtgraph.graphicsItems.PlotCurveItem as curve
print(isinstance(object(), curve.OpenGLHelpers.GraphicsViewGLWidget), isinstance(histogram, qt.QtWidgets.QOpenGLWidget))
import subprocess
from PySide6 import QtTest, QtOpenGLWidgets
print(type(subprocess).__name__, qt.subprocess.run is subprocess.run, qt.QtTest.QTest is QtTest.QTest)
print(qt.QtWidgets.QOpenGLWidget is QtOpenGLWidgets.QOpenGLWidget, qt.QtSvg.QSvgGenerator.__module__)
import numpy, pickle
print(pickle.loads(pickle.dumps(numpy.arange(3))).tolist() == [0, 1, 2], numpy.lib._utils_impl.platform.system() != "")
print(curve.QtOpenGL.QOpenGLBuffer.__name__, curve.OpenGLHelpers.getFunctions.__module__,
      curve.OpenGLHelpers.GraphicsViewGLWidget.__module__)  # the real class once its module is imported
""")
    lines = out.splitlines()
    assert lines[0].split() == ["False"] * 14, lines
    assert lines[1:] == ["False False", "module True True", "True PySide6.QtSvg", "True True",
                         "QOpenGLBuffer pyqtgraph.Qt.OpenGLHelpers pyqtgraph.Qt.OpenGLHelpers"]


def test_the_panels_charts_leave_plotwidget_to_the_history_which_loads_only_its_part():
    """The panel draws on pyqtgraph's GraphicsView; PlotWidget and its PlotItem (menus, legend,
    buttons) are the history view's. They load when it asks for ``pg.PlotWidget``, and only they."""
    out = _run(DRAW_CHARTS + """
import sys
parts = ["pyqtgraph.widgets.PlotWidget", "pyqtgraph.graphicsItems.PlotItem"]
print(*[name in sys.modules for name in parts])
import pyqtgraph as pg
print(pg.PlotWidget.__module__, *[name in sys.modules for name in parts])
print("pyqtgraph.imageview" in sys.modules, "pyqtgraph.widgets.SpinBox" in sys.modules)
pg.PlotWidget().grab()
""")
    assert out.splitlines() == ["False False", "pyqtgraph.widgets.PlotWidget True True", "False False"]


def test_a_stand_in_gives_other_code_the_real_class_and_pyqtgraph_a_class_with_no_instances():
    """A thread that imports ``decimal`` while pyqtgraph imports gets the stand-in too: it must get the
    real ``Decimal`` (it may make one), while pyqtgraph, which only tests against it, does not load it."""
    out = _run("""
import sys
from quill.ui.plotting import _StandIn
standin = _StandIn("decimal")
sys.modules["decimal"] = standin
scope = {"__name__": "pyqtgraph.functions", "decimal": standin}
exec("absent = decimal.Decimal", scope)
print(scope["absent"].__module__, "decimal" in sys.modules and sys.modules["decimal"] is standin)
mine = {"__name__": "quill.export.render", "decimal": standin}
exec("made = decimal.Decimal('1.5') * 2", mine)
print(mine["made"], type(sys.modules["decimal"]).__name__)
exec("real = decimal.Decimal", scope)  # once the real module is imported, pyqtgraph gets it too
print(scope["real"] is sys.modules["decimal"].Decimal)
""")
    assert out.split() == ["quill.ui.plotting", "True", "3.0", "module", "True"]
