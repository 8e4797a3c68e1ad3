"""The panel's charts, drawn with pyqtgraph (raster, antialiased, theme colours).

Imported only when the panel is first shown, so Quill's start-up never pays for pyqtgraph.
Each chart creates its plot items once and later only feeds them with ``setData``/``setOpts``.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QFont, QPainterPath
from PySide6.QtWidgets import QGraphicsGridLayout, QGraphicsPathItem, QWidget

from quill.ui.plotting import pg
from quill.ui.shell.theme import Theme
from quill.voice.panel_data import STRIP_SENTENCES
from quill.voice.profile import BIN_WIDTH, BINS
from quill.voice.punctuation import CLASSES
from quill.voice.rhythm import FRAGMENT_MAX, LONG_MIN

pg.setConfigOptions(antialias=True, useOpenGL=False, enableExperimental=False)

MARK_LABELS = {
    "comma": ",", "period": ".", "question": "?", "exclamation": "!", "semicolon": ";", "colon": ":",
    "dash": "—", "parenthesis": "( )", "quote": "“ ”", "ellipsis": "…",
}


class _Bars(pg.BarGraphItem):
    """Bars without an outline. pyqtgraph pads a bar item's bounds by half a pen width, found
    by mapping a pixel into data space: Qt asks for the bounds a dozen times per repaint, and
    that lookup was a fifth of redrawing the rhythm strip. With no pen nothing pokes out."""

    def pixelPadding(self) -> float:  # noqa: N802 - pyqtgraph's name
        return 0.0


class _Line(QGraphicsPathItem):
    """A polyline through (0, v0), (1, v1), … with a cosmetic pen (its width in pixels),
    painted by Qt alone (the chart's view turns antialiasing on)."""

    def set_points(self, values: list[float]) -> None:
        path = QPainterPath()
        if values:
            path.moveTo(0.0, values[0])
            for x, y in enumerate(values[1:], 1):
                path.lineTo(float(x), y)
        self.setPath(path)

    def points(self) -> list[tuple[float, float]]:
        """The points the drawn path goes through (read back from it, for tests)."""
        path = self.path()
        return [(path.elementAt(i).x, path.elementAt(i).y) for i in range(path.elementCount())]


class _Plot(pg.GraphicsWidget):
    """What the panel uses of pyqtgraph's ``PlotItem``: a view box and the axes a chart shows,
    in a grid. ``PlotItem`` also builds, for every plot, a ~40-widget options menu (transforms,
    averaging, grid…), a view-box menu, a title and an auto-range button, which the panel hides:
    about 25 ms and 0.6 MB per chart on the panel's first open, for nothing the writer sees."""

    def __init__(self, axes: tuple[str, ...]) -> None:
        super().__init__()
        layout = QGraphicsGridLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(0)
        layout.setVerticalSpacing(0)
        self.setLayout(layout)
        self.vb = pg.ViewBox(enableMenu=False)
        self.vb.setMouseEnabled(False, False)
        layout.addItem(self.vb, 0, 1)
        self.axes: dict[str, pg.AxisItem] = {}
        for name, row, column in (("left", 0, 0), ("bottom", 1, 1)):
            if name in axes:
                axis = pg.AxisItem(name, parent=self)
                axis.linkToView(self.vb)
                layout.addItem(axis, row, column)
                self.axes[name] = axis
        layout.setRowStretchFactor(0, 100)
        layout.setColumnStretchFactor(1, 100)

    def getAxis(self, name: str) -> pg.AxisItem:  # noqa: N802 - PlotItem's name
        return self.axes[name]

    def invertY(self, invert: bool = True) -> None:  # noqa: N802 - PlotItem's name
        self.vb.invertY(invert)


class _Chart(pg.GraphicsView):
    """A quiet, non-interactive plot: no menu, no mouse zoom, theme background."""

    def __init__(self, theme: Theme, height: int, parent: QWidget | None = None,
                 axes: tuple[str, ...] = ("left", "bottom")) -> None:
        super().__init__(parent)
        self.theme = theme
        self.setFixedHeight(height)
        self.setFrameShape(pg.GraphicsView.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.plot = _Plot(axes)
        self.setCentralItem(self.plot)
        self.plot.setContentsMargins(0, 2, 4, 0)
        small = QFont(self.font())
        small.setPointSizeF(max(small.pointSizeF() * 0.8, 7))
        for axis in self.plot.axes.values():
            axis.setStyle(tickFont=small, tickLength=-3)
        self.setAntialiasing(True)

    def getPlotItem(self) -> _Plot:  # noqa: N802 - PlotWidget's name
        return self.plot

    def addItem(self, item) -> None:  # noqa: N802, ANN001 - PlotWidget's name
        self.plot.vb.addItem(item)

    def setXRange(self, low: float, high: float, padding: float = 0.0) -> None:  # noqa: N802
        self.plot.vb.setXRange(low, high, padding=padding)

    def setYRange(self, low: float, high: float, padding: float = 0.0) -> None:  # noqa: N802
        self.plot.vb.setYRange(low, high, padding=padding)

    def style_axes(self, theme: Theme) -> None:
        self.theme = theme
        self.setBackground(theme.color("panel_background"))
        for axis in self.plot.axes.values():
            axis.setPen(pg.mkPen(theme.solid("faint", 120)))
            axis.setTextPen(pg.mkPen(theme.color("note")))


class RhythmStrip(_Chart):
    """One bar per sentence around the cursor; the current one in the accent colour."""

    sentence_clicked = Signal(int)  # index into the strip

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(theme, 120, parent, axes=("left",))
        self.lengths: list[int] = []
        self.current: int | None = None
        self._top = 0  # the y range shown, changed in steps of ten
        self._fed: dict[str, tuple] = {}  # what each bar item was last fed, by name
        # Two single-colour items, not one with a brush per bar: pyqtgraph draws a single-colour
        # item with one drawRects call, but records and replays a QPicture bar by bar otherwise.
        self.bars = _Bars(x=[], height=[], width=0.72, pen=None)
        self.current_bar = _Bars(x=[], height=[], width=0.72, pen=None)
        self.addItem(self.bars)
        self.addItem(self.current_bar)
        dash = Qt.PenStyle.DashLine
        self.fragment_line = pg.InfiniteLine(pos=FRAGMENT_MAX + 0.5, angle=0, movable=False)
        self.long_line = pg.InfiniteLine(pos=LONG_MIN, angle=0, movable=False)
        self.fragment_line.setToolTip(f"Fragments: sentences of {FRAGMENT_MAX} words or fewer sit below this line.")
        self.long_line.setToolTip(f"Long sentences: {LONG_MIN} words or more reach this line.")
        self._dash = dash
        # What each line means, said on it at the strip's right end: the axis's bare "30" and "4"
        # left a writer to guess (a review), and the tooltips are only for who hovers.
        self.fragment_label = pg.InfLineLabel(self.fragment_line, "fragments", position=0.985, anchors=[(1, 1), (1, 1)])
        self.long_label = pg.InfLineLabel(self.long_line, "long", position=0.985, anchors=[(1, 1), (1, 1)])
        self.addItem(self.fragment_line)
        self.addItem(self.long_line)
        plot = self.getPlotItem()
        plot.getAxis("left").setTicks([[(FRAGMENT_MAX, str(FRAGMENT_MAX)), (LONG_MIN, str(LONG_MIN))]])
        plot.getAxis("left").setWidth(22)
        self.setXRange(-0.6, STRIP_SENTENCES - 0.4, padding=0)
        self.setYRange(0, 40, padding=0)
        self.setToolTip("Rhythm: one bar per sentence, its height the number of words, the sentence at the "
                        "cursor highlighted. Varied heights read as lively prose; a row of even bars can lull "
                        "the reader. Dashed lines mark fragments (≤4 words) and long sentences (≥30). "
                        "Click a bar to go to that sentence.")
        self.scene().sigMouseClicked.connect(self._on_click)
        self.apply_theme(theme)

    def set_sentences(self, lengths: list[int], current: int | None) -> None:
        self.lengths = list(lengths)
        self.current = current
        self._redraw()

    def _redraw(self) -> None:
        t = self.theme
        current = self.current if self.current is not None and 0 <= self.current < len(self.lengths) else None
        others = [i for i in range(len(self.lengths)) if i != current]
        self._feed("bars", others, t.solid("faint", 150))
        self._feed("current_bar", [] if current is None else [current], t.color("accent"))
        top = max(40, max(self.lengths, default=0) + 4)
        top = -(-top // 10) * 10  # in steps of ten: a new range re-renders the axis and every item
        if top != self._top:
            self._top = top
            self.setYRange(0, top, padding=0)

    def _feed(self, name: str, indices: list[int], color) -> None:  # noqa: ANN001 - a QColor
        """Give bar item ``name`` these bars, unless it already has them. While the writer types
        only the current sentence grows: Qt then repaints that one bar's column, not the strip."""
        fed = (indices, [self.lengths[i] for i in indices], color)
        if self._fed.get(name) != fed:
            self._fed[name] = fed
            getattr(self, name).setOpts(x=fed[0], height=fed[1], brush=pg.mkBrush(color))

    def bar_heights(self) -> list[int]:
        """The heights drawn, in strip order (read back from the plot items, for tests)."""
        drawn: dict[int, int] = {}
        for item in (self.bars, self.current_bar):
            xs, heights = item.opts.get("x"), item.opts.get("height")
            if xs is not None and heights is not None:
                drawn.update({int(x): int(h) for x, h in zip(xs, heights, strict=True)})
        return [drawn[i] for i in sorted(drawn)]

    def bar_brush(self, index: int) -> str:
        """The colour bar ``index`` is drawn in (for tests)."""
        item = self.current_bar if index == self.current else self.bars
        return item.opts["brush"].color().name()

    def bar_center(self, index: int) -> QPointF:
        """Widget coordinates of the middle of bar ``index`` (for tests and accessibility)."""
        height = self.lengths[index] if index < len(self.lengths) else 1
        scene = self.getPlotItem().vb.mapViewToScene(QPointF(index, max(height, 1) / 2))
        return self.mapFromScene(scene)

    def _on_click(self, event) -> None:  # noqa: ANN001
        vb = self.getPlotItem().vb
        if not vb.sceneBoundingRect().contains(event.scenePos()):
            return
        point = vb.mapSceneToView(event.scenePos())
        index = int(round(point.x()))
        if 0 <= index < len(self.lengths):
            self.sentence_clicked.emit(index)

    def apply_theme(self, theme: Theme) -> None:
        self.style_axes(theme)
        self.fragment_line.setPen(pg.mkPen(theme.solid("machine", 170), width=1, style=self._dash))
        self.long_line.setPen(pg.mkPen(theme.solid("warning", 150), width=1, style=self._dash))
        small = QFont(self.font())
        small.setPointSizeF(max(small.pointSizeF() * 0.75, 7))
        backing = pg.mkBrush(theme.color("panel_background", 200))  # legible over a bar it crosses
        for label, role in ((self.fragment_label, "machine"), (self.long_label, "warning")):
            label.setFont(small)
            label.setColor(theme.legible(role, theme.panel_background))
            label.fill = backing
            label.update()
        self._redraw()


class Sparkline(_Chart):
    """A small line: rolling burstiness, or words over the session's minutes."""

    def __init__(self, theme: Theme, height: int, tooltip: str, floor: float | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(theme, height, parent, axes=())
        self.getPlotItem().setContentsMargins(0, 2, 0, 2)
        self.values: list[float] = []
        self._range: tuple[int, float] | None = None  # (points, top) last shown
        # A plain path item in the plot: pyqtgraph's curve items rebuild their path through numpy
        # and re-measure their pixel padding on every repaint, for features a sparkline never
        # uses (symbols, downsampling, log axes, fills); this line is sixty points.
        self.curve = _Line()
        self.addItem(self.curve)
        self.floor_line = None
        if floor is not None:
            self.floor_line = pg.InfiniteLine(pos=floor, angle=0, movable=False)
            self.addItem(self.floor_line)
        self.setToolTip(tooltip)
        self.apply_theme(theme)

    def set_values(self, values: list[float], y_max: float | None = None) -> None:
        self.values = list(values)
        self.curve.set_points(self.values)
        # A new view range re-lays out every item of the plot: change it only when the number of
        # points changes or the line would leave (or shrink well inside) the range shown.
        top = max([*self.values, y_max or 0, 1e-6]) * 1.1
        points = len(values)
        shown = self._range
        if shown is None or shown[0] != points or not top <= shown[1] <= top * 1.25:
            self._range = (points, top)
            self.setYRange(0, top, padding=0)
            self.setXRange(0, max(points - 1, 1), padding=0.02)

    def apply_theme(self, theme: Theme) -> None:
        self.style_axes(theme)
        self.curve.setPen(pg.mkPen(theme.color("accent"), width=1.6))
        if self.floor_line is not None:
            self.floor_line.setPen(pg.mkPen(theme.solid("machine", 150), width=1, style=Qt.PenStyle.DotLine))


class LengthHistogram(_Chart):
    """This draft's sentence lengths, with the writer's own shape and typical machine prose over it."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(theme, 120, parent, axes=("bottom",))
        self.centers = [i * BIN_WIDTH + 1 for i in range(BINS)]
        self.bars = _Bars(x=self.centers, height=[0] * BINS, width=BIN_WIDTH * 0.8, pen=None)
        self.addItem(self.bars)
        edges = [i * BIN_WIDTH - 0.5 for i in range(BINS + 1)]
        self.writer = pg.PlotDataItem(edges, [0] * BINS, stepMode="center")
        self.machine = pg.PlotDataItem(self.centers, [0] * BINS)
        self.addItem(self.writer)
        self.addItem(self.machine)
        plot = self.getPlotItem()
        plot.getAxis("bottom").setTicks([[(x, str(x)) for x in (0, 10, 20, 30, 40, 50, 60)]])
        self.setXRange(-1, BINS * BIN_WIDTH, padding=0)
        self.setToolTip("How long this draft's sentences are (bars, words per sentence), against your own "
                        "finished work (solid line) and typical machine prose (dashed), which clusters at "
                        "middling lengths. A wide spread of bars is the human pattern.")
        self.apply_theme(theme)

    def set_shapes(self, draft: list[float], writer: list[float] | None, machine: list[float]) -> None:
        self.bars.setOpts(height=draft)
        self.writer.setData([i * BIN_WIDTH - 0.5 for i in range(BINS + 1)], writer or [0] * BINS)
        self.writer.setVisible(bool(writer))
        self.machine.setData(self.centers, machine)
        top = max([*draft, *(writer or []), *machine, 0.05])
        self.setYRange(0, top * 1.08, padding=0)

    def apply_theme(self, theme: Theme) -> None:
        self.style_axes(theme)
        self.bars.setOpts(brush=pg.mkBrush(theme.solid("faint", 130)))
        self.writer.setPen(pg.mkPen(theme.color("accent"), width=1.8))
        self.machine.setPen(pg.mkPen(theme.color("machine"), width=1.6, style=Qt.PenStyle.DashLine))


def _sq(rate: float) -> float:
    return math.sqrt(max(rate, 0.0))


class PunctuationPalette(_Chart):
    """Each mark's rate per 1,000 words (square-root scale so rare marks stay visible)."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(theme, 178, parent)
        n = len(CLASSES)
        ys = list(range(n))
        self.band = _Bars(x0=[0] * n, y=ys, width=[0] * n, height=0.78, pen=None)
        self.bars = _Bars(x0=[0] * n, y=ys, width=[0] * n, height=0.34, pen=None)
        self.addItem(self.band)
        self.addItem(self.bars)
        plot = self.getPlotItem()
        left = plot.getAxis("left")
        left.setTicks([[(i, MARK_LABELS[c]) for i, c in enumerate(CLASSES)]])
        marks_font = QFont(self.font())
        marks_font.setPointSizeF(max(marks_font.pointSizeF(), 9))
        marks_font.setBold(True)
        left.setStyle(tickFont=marks_font)
        left.setWidth(30)
        plot.getAxis("bottom").setTicks([[(_sq(v), str(v)) for v in (1, 5, 20, 50, 100)]])
        plot.invertY(True)
        self.setYRange(-0.6, n - 0.4, padding=0)
        self.setXRange(0, _sq(120), padding=0)
        self.rates: dict[str, float] = {}
        self.setToolTip("Punctuation: how often each mark appears per 1,000 words (dark bars), beside the "
                        "range of your finished pieces (pale bands). Machine prose strings clauses with "
                        "commas and some models overuse the em dash; many good writers use both.")
        self.apply_theme(theme)

    def set_rates(self, rates: dict[str, float], bands: dict[str, tuple[float, float]]) -> None:
        self.rates = dict(rates)
        widths = [_sq(rates.get(c, 0.0)) for c in CLASSES]
        self.bars.setOpts(width=widths)
        x0 = [_sq(bands[c][0]) if c in bands else 0 for c in CLASSES]
        bw = [max(_sq(bands[c][1]) - _sq(bands[c][0]), 0.08) if c in bands else 0 for c in CLASSES]
        self.band.setOpts(x0=x0, width=bw)
        top = max([*widths, *(a + b for a, b in zip(x0, bw, strict=True)), _sq(60)])
        self.setXRange(0, top * 1.05, padding=0)

    def apply_theme(self, theme: Theme) -> None:
        self.style_axes(theme)
        self.band.setOpts(brush=pg.mkBrush(theme.solid("accent", 70)))
        self.bars.setOpts(brush=pg.mkBrush(theme.solid("text", 190)))
