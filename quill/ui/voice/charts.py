"""The panel's charts, painted directly with QPainter (antialiased, theme colours).

Why not pyqtgraph (which drew them until issue 20's second round): the four charts are a few dozen
rectangles and two short lines, yet importing pyqtgraph and numpy cost about 0.3 s of CPU and each
plot 20-40 ms to make, most of the time from launch to an idle window when the panel is remembered
open. Painted like the gauges, the panel needs nothing beyond Qt, and a refresh repaints only what
changed (the rhythm strip: the one bar that grew). The history view (F6) still uses pyqtgraph.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from quill.ui.shell.theme import Theme
from quill.voice.panel_data import STRIP_SENTENCES
from quill.voice.profile import BIN_WIDTH, BINS
from quill.voice.punctuation import CLASSES
from quill.voice.rhythm import FRAGMENT_MAX, LONG_MIN

MARK_LABELS = {
    "comma": ",", "period": ".", "question": "?", "exclamation": "!", "semicolon": ";", "colon": ":",
    "dash": "—", "parenthesis": "( )", "quote": "“ ”", "ellipsis": "…",
}


class _Chart(QWidget):
    """A quiet, non-interactive chart: the theme's panel background, data ranges mapped onto the
    widget minus its axes. Subclasses set the margins and ranges and implement ``draw``."""

    LEFT = 0.0  # px kept for the left axis' labels
    BOTTOM = 0.0  # px kept for the bottom axis' labels
    TOP = 2.0
    RIGHT = 4.0

    def __init__(self, theme: Theme, height: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.setFixedHeight(height)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # Painted edge to edge on the panel's colour: a repaint touches this chart alone.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.small = QFont(self.font())
        self.small.setPointSizeF(max(self.small.pointSizeF() * 0.8, 7))
        self.x_range = (0.0, 1.0)
        self.y_range = (0.0, 1.0)
        self.invert_y = False

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(240, self.height())

    def viewport(self) -> QWidget:
        """Where mouse events land (the chart itself; kept from the QGraphicsView it was)."""
        return self

    def backgroundBrush(self) -> QBrush:  # noqa: N802 - the QGraphicsView name it replaces
        return QBrush(self.theme.color("panel_background"))

    def plot_rect(self) -> QRectF:
        return QRectF(self.rect()).adjusted(self.LEFT, self.TOP, -self.RIGHT, -self.BOTTOM)

    def map_x(self, x: float, r: QRectF | None = None) -> float:
        r = r or self.plot_rect()
        x0, x1 = self.x_range
        return r.left() + (x - x0) / ((x1 - x0) or 1.0) * r.width()

    def map_y(self, y: float, r: QRectF | None = None) -> float:
        r = r or self.plot_rect()
        y0, y1 = self.y_range
        share = (y - y0) / ((y1 - y0) or 1.0)
        return r.top() + share * r.height() if self.invert_y else r.bottom() - share * r.height()

    def data_rect(self, x: float, y: float, w: float, h: float, r: QRectF) -> QRectF:
        """The widget rectangle of the data rectangle with corner (x, y), width w and height h."""
        left, right = sorted((self.map_x(x, r), self.map_x(x + w, r)))
        top, bottom = sorted((self.map_y(y, r), self.map_y(y + h, r)))
        return QRectF(left, top, right - left, bottom - top)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        p.fillRect(event.rect(), self.theme.color("panel_background"))
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.draw(p, self.plot_rect())
        p.end()

    def draw(self, p: QPainter, r: QRectF) -> None:
        raise NotImplementedError

    # -- shared drawing -----------------------------------------------------------------------------
    def axis_pen(self) -> QPen:
        return QPen(self.theme.solid("faint", 120), 1)

    def hline(self, p: QPainter, y: float, pen: QPen, r: QRectF) -> None:
        py = self.map_y(y, r)
        if r.top() - 0.5 <= py <= r.bottom() + 0.5:
            p.setPen(pen)
            p.drawLine(QPointF(r.left(), py), QPointF(r.right(), py))

    def left_axis(self, p: QPainter, ticks: Sequence[tuple[float, str]], r: QRectF, font: QFont | None = None) -> None:
        p.setPen(self.axis_pen())
        p.drawLine(QPointF(r.left(), r.top()), QPointF(r.left(), r.bottom()))
        font = font or self.small
        p.setFont(font)
        height = QFontMetrics(font).height()
        for value, label in ticks:
            y = self.map_y(value, r)
            if not r.top() - 1 <= y <= r.bottom() + 1:
                continue
            p.setPen(self.axis_pen())
            p.drawLine(QPointF(r.left(), y), QPointF(r.left() + 3, y))  # ticks point inwards
            p.setPen(self.theme.color("faint"))
            p.drawText(QRectF(0, y - height / 2, r.left() - 4, height),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)

    def bottom_axis(self, p: QPainter, ticks: Sequence[tuple[float, str]], r: QRectF) -> None:
        p.setPen(self.axis_pen())
        p.drawLine(QPointF(r.left(), r.bottom()), QPointF(r.right(), r.bottom()))
        p.setFont(self.small)
        height = QFontMetrics(self.small).height()
        for value, label in ticks:
            x = self.map_x(value, r)
            if not r.left() - 1 <= x <= r.right() + 1:
                continue
            p.setPen(self.axis_pen())
            p.drawLine(QPointF(x, r.bottom()), QPointF(x, r.bottom() - 3))
            p.setPen(self.theme.color("faint"))
            p.drawText(QRectF(x - 20, r.bottom() + 1, 40, height), Qt.AlignmentFlag.AlignHCenter, label)

    def polyline(self, points: Sequence[tuple[float, float]], r: QRectF) -> QPainterPath:
        path = QPainterPath()
        for i, (x, y) in enumerate(points):
            point = QPointF(self.map_x(x, r), self.map_y(y, r))
            if i:
                path.lineTo(point)
            else:
                path.moveTo(point)
        return path


class RhythmStrip(_Chart):
    """One bar per sentence around the cursor; the current one in the accent colour."""

    sentence_clicked = Signal(int)  # index into the strip
    LEFT = 22.0
    WIDTH = 0.72  # of a bar, in sentences

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(theme, 120, parent)
        self.lengths: list[int] = []
        self.current: int | None = None
        self._top = 40  # the y range shown, changed in steps of ten
        self.x_range = (-0.6, STRIP_SENTENCES - 0.4)
        self.y_range = (0.0, 40.0)
        self.setToolTip("Rhythm: one bar per sentence, its height the number of words, the sentence at the "
                        "cursor highlighted. Varied heights read as lively prose; a row of even bars can lull "
                        "the reader. Dashed lines mark fragments (≤4 words) and long sentences (≥30). "
                        "Click a bar to go to that sentence.")
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def _current(self) -> int | None:
        c = self.current
        return c if c is not None and 0 <= c < len(self.lengths) else None

    def set_sentences(self, lengths: list[int], current: int | None) -> None:
        old, old_current = self.lengths, self._current()
        self.lengths = list(lengths)
        self.current = current
        top = max(40, max(self.lengths, default=0) + 4)
        top = -(-top // 10) * 10  # in steps of ten: bars keep their scale while a sentence grows
        if top != self._top:
            self._top = top
            self.y_range = (0.0, float(top))
            self.update()
            return
        # While the writer types only the current sentence grows: repaint that one bar's column.
        new_current = self._current()
        changed = {i for i in range(max(len(old), len(self.lengths)))
                   if i >= len(old) or i >= len(self.lengths) or old[i] != self.lengths[i]}
        if old_current != new_current:
            changed.update(i for i in (old_current, new_current) if i is not None)
        r = self.plot_rect()
        for i in sorted(changed):
            self.update(self.data_rect(i - 0.5, 0, 1.0, self._top, r).adjusted(-1, -1, 1, 1).toAlignedRect())

    def bar_heights(self) -> list[int]:
        """The heights drawn, in strip order (for tests)."""
        return list(self.lengths)

    def bar_color(self, index: int) -> QColor:
        return self.theme.color("accent") if index == self._current() else self.theme.solid("faint", 150)

    def bar_brush(self, index: int) -> str:
        """The colour bar ``index`` is drawn in (for tests)."""
        return self.bar_color(index).name()

    def bar_center(self, index: int) -> QPoint:
        """Widget coordinates of the middle of bar ``index`` (for tests and accessibility)."""
        height = self.lengths[index] if index < len(self.lengths) else 1
        r = self.plot_rect()
        return QPointF(self.map_x(index, r), self.map_y(max(height, 1) / 2, r)).toPoint()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        r = self.plot_rect()
        pos = event.position()
        if event.button() != Qt.MouseButton.LeftButton or not r.contains(pos):
            return
        x0, x1 = self.x_range
        index = int(round(x0 + (pos.x() - r.left()) / r.width() * (x1 - x0)))
        if 0 <= index < len(self.lengths):
            self.sentence_clicked.emit(index)

    def draw(self, p: QPainter, r: QRectF) -> None:
        t = self.theme
        p.setPen(Qt.PenStyle.NoPen)
        for i, length in enumerate(self.lengths):
            if length > 0:
                p.setBrush(self.bar_color(i))
                p.drawRect(self.data_rect(i - self.WIDTH / 2, 0, self.WIDTH, length, r))
        p.setBrush(Qt.BrushStyle.NoBrush)
        self.hline(p, FRAGMENT_MAX + 0.5, QPen(t.solid("machine", 170), 1, Qt.PenStyle.DashLine), r)
        self.hline(p, LONG_MIN, QPen(t.solid("warning", 150), 1, Qt.PenStyle.DashLine), r)
        self.left_axis(p, [(FRAGMENT_MAX, str(FRAGMENT_MAX)), (LONG_MIN, str(LONG_MIN))], r)

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()


class Sparkline(_Chart):
    """A small line: rolling burstiness, or words over the session's minutes."""

    RIGHT = 0.0

    def __init__(self, theme: Theme, height: int, tooltip: str, floor: float | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(theme, height, parent)
        self.values: list[float] = []
        self.floor = floor
        self._range: tuple[int, float] | None = None  # (points, top) last shown
        self.setToolTip(tooltip)

    def set_values(self, values: list[float], y_max: float | None = None) -> None:
        self.values = list(values)
        # The range moves only when the number of points changes or the line would leave (or
        # shrink well inside) the range shown, so the line does not jump while the writer types.
        top = max([*self.values, y_max or 0, 1e-6]) * 1.1
        points = len(values)
        shown = self._range
        if shown is None or shown[0] != points or not top <= shown[1] <= top * 1.25:
            self._range = (points, top)
            self.y_range = (0.0, top)
            span = max(points - 1, 1)
            self.x_range = (-0.02 * span, span * 1.02)
        self.update()

    def points(self) -> list[tuple[float, float]]:
        """The line's points in data coordinates (for tests)."""
        return [(float(x), v) for x, v in enumerate(self.values)]

    def draw(self, p: QPainter, r: QRectF) -> None:
        t = self.theme
        if self.floor is not None:
            self.hline(p, self.floor, QPen(t.solid("machine", 150), 1, Qt.PenStyle.DotLine), r)
        if len(self.values) > 1:
            p.setPen(QPen(t.color("accent"), 1.6))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(self.polyline(self.points(), r))

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()


class LengthHistogram(_Chart):
    """This draft's sentence lengths, with the writer's own shape and typical machine prose over it."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(theme, 120, parent)
        self.BOTTOM = QFontMetrics(self.small).height() + 3.0
        self.centers = [i * BIN_WIDTH + 1 for i in range(BINS)]
        self.draft: list[float] = [0.0] * BINS
        self.writer: list[float] | None = None
        self.machine: list[float] = []
        self.x_range = (-1.0, float(BINS * BIN_WIDTH))
        self.setToolTip("How long this draft's sentences are (bars, words per sentence), against your own "
                        "finished work (solid line) and typical machine prose (dashed), which clusters at "
                        "middling lengths. A wide spread of bars is the human pattern.")

    def set_shapes(self, draft: list[float], writer: list[float] | None, machine: list[float]) -> None:
        self.draft = list(draft)
        self.writer = list(writer) if writer else None
        self.machine = list(machine)
        top = max([*draft, *(writer or []), *machine, 0.05])
        self.y_range = (0.0, top * 1.08)
        self.update()

    def draw(self, p: QPainter, r: QRectF) -> None:
        t = self.theme
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(t.solid("faint", 130))
        width = BIN_WIDTH * 0.8
        for x, h in zip(self.centers, self.draft, strict=False):
            if h > 0:
                p.drawRect(self.data_rect(x - width / 2, 0, width, h, r))
        p.setBrush(Qt.BrushStyle.NoBrush)
        if self.writer:
            steps: list[tuple[float, float]] = []
            for i, v in enumerate(self.writer):  # a step per bin, from edge to edge
                steps += [(i * BIN_WIDTH - 0.5, v), ((i + 1) * BIN_WIDTH - 0.5, v)]
            p.setPen(QPen(t.color("accent"), 1.8))
            p.drawPath(self.polyline(steps, r))
        if self.machine:
            p.setPen(QPen(t.color("machine"), 1.6, Qt.PenStyle.DashLine))
            p.drawPath(self.polyline(list(zip(self.centers, self.machine, strict=False)), r))
        self.bottom_axis(p, [(x, str(x)) for x in (0, 10, 20, 30, 40, 50, 60)], r)

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()


def _sq(rate: float) -> float:
    return math.sqrt(max(rate, 0.0))


class PunctuationPalette(_Chart):
    """Each mark's rate per 1,000 words (square-root scale so rare marks stay visible)."""

    LEFT = 30.0

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(theme, 178, parent)
        self.BOTTOM = QFontMetrics(self.small).height() + 3.0
        self.marks_font = QFont(self.font())
        self.marks_font.setPointSizeF(max(self.marks_font.pointSizeF(), 9))
        self.marks_font.setBold(True)
        n = len(CLASSES)
        self.invert_y = True
        self.y_range = (-0.6, n - 0.4)
        self.x_range = (0.0, _sq(120))
        self.rates: dict[str, float] = {}
        self.bands: dict[str, tuple[float, float]] = {}
        self.setToolTip("Punctuation: how often each mark appears per 1,000 words (dark bars), beside the "
                        "range of your finished pieces (pale bands). Machine prose strings clauses with "
                        "commas and some models overuse the em dash; many good writers use both.")

    def set_rates(self, rates: dict[str, float], bands: dict[str, tuple[float, float]]) -> None:
        self.rates = dict(rates)
        self.bands = dict(bands)
        widths = [_sq(rates.get(c, 0.0)) for c in CLASSES]
        ends = [_sq(bands[c][1]) for c in CLASSES if c in bands]
        top = max([*widths, *ends, _sq(60)])
        self.x_range = (0.0, top * 1.05)
        self.update()

    def draw(self, p: QPainter, r: QRectF) -> None:
        t = self.theme
        p.setPen(Qt.PenStyle.NoPen)
        for i, c in enumerate(CLASSES):
            if c in self.bands:
                x0 = _sq(self.bands[c][0])
                width = max(_sq(self.bands[c][1]) - x0, 0.08)
                p.setBrush(t.solid("accent", 70))
                p.drawRect(self.data_rect(x0, i - 0.39, width, 0.78, r))
            rate = _sq(self.rates.get(c, 0.0))
            if rate > 0:
                p.setBrush(t.solid("text", 190))
                p.drawRect(self.data_rect(0, i - 0.17, rate, 0.34, r))
        p.setBrush(Qt.BrushStyle.NoBrush)
        self.left_axis(p, [(i, MARK_LABELS[c]) for i, c in enumerate(CLASSES)], r, self.marks_font)
        self.bottom_axis(p, [(_sq(v), str(v)) for v in (1, 5, 20, 50, 100)], r)

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()
