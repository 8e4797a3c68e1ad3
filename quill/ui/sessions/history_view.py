"""The history view, drawn with pyqtgraph in Quill's theme.

Sections, top to bottom: output (words typed per day/week/month/year with time spent writing),
rate (words per active hour and its trend), writing days (a calendar heat map of the last
year and the streaks), pieces (started and finished per month, days from first session to
finished), the voice of finished pieces at their finished dates with trend lines, and a
table of pieces with their sessions and time. Plot items are made once and fed ``setData``.
The voice timeline is measured on a background thread (cached by file size and mtime), so
opening the view never waits for it.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import json
import math
import threading
from typing import Any

import numpy as np
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from quill.metric_names import METRIC_NAMES
from quill.sessions.goals import daily_totals, days_meeting, streaks
from quill.sessions.history import (
    VOICE_METRICS,
    FinishedPiece,
    aggregate,
    days_to_finish,
    finished_pieces,
    next_period,
    pieces_history,
    retitle,
    started_finished_by_month,
    trend,
)
from quill.ui.plotting import pg
from quill.ui.shell.fonts import interface_font
from quill.wording import day_text, moment_text, plural

pg.setConfigOptions(useOpenGL=False, antialias=True)
# pyqtgraph's PlotWidget (and PlotItem) is imported for the history view, not with the panel's charts
# (quill/ui/plotting.py, LATER_PARTS): here, so that it happens on the preload thread.
_PLOT_WIDGET = pg.PlotWidget

RANGES = (("All years", None), ("Last 5 years", 5 * 365), ("Last 12 months", 365), ("Last 90 days", 90))
#: the voice panel's names (quill.voice.names): the same measure is called the same everywhere
VOICE_LABELS = {name: METRIC_NAMES[name]
                for name in ("burstiness", "fragment_rate", "punctuation_entropy", "tell_rate", "machine_likeness")}
#: measures that are shares of sentences, shown as percentages as the panel shows them
SHARE_METRICS = ("fragment_rate",)
DAY = 86400
EMPTY_TEXT = ("Nothing here yet.\n\nYour history gathers as you write: the words you type and the time you "
              "spend each day, the days you wrote, and the pieces you worked on.")


def _x(day: _dt.date) -> float:
    return float(calendar.timegm(day.timetuple()))


def summary_line(clauses: list[str]) -> str:
    """Figures joined by " · ", wrapping only between them (or after a comma inside one): wrapped
    anywhere, the line left "days" alone under "290 writing", a figure cut from its word."""
    kept = [clause.replace(" ", "\u00a0").replace(",\u00a0", ", ") for clause in clauses]
    return "\u00a0· ".join(kept)


def _day(day: _dt.date | None) -> str:
    return day_text(day) if day is not None else ""


def _hm(seconds: float) -> str:
    """Active time as a writer says it: "under a minute", "12 min", "3 h 05 min" (a bare
    "298 h 14" read like a range, and half a minute rounded down to "0 min" of writing)."""
    if 0 < seconds < 60:
        return "under a minute"
    minutes = int(seconds / 60 + 0.5)
    return f"{minutes // 60:,} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"


def _months_before(month: _dt.date, count: int) -> _dt.date:
    index = month.year * 12 + month.month - 1 - count
    return _dt.date(index // 12, index % 12 + 1, 1)


def _frame(plot: Any, xs: list[float], ys: list[float], *, counts: bool = True) -> None:
    """Dates across and values up that read well however few the points: at least two months
    wide around them (one point sits in the middle, not on a range of seconds), with room at both
    ends for a whole dot (a week, or 3% of a span of years: the first and last dots of ten years
    were cut in half by the edges), from zero up for counts and for values never below zero, and
    a little room above the highest."""
    lo, hi = min(xs), max(xs)
    spare = max(60 * DAY - (hi - lo), 0) / 2 + max(7 * DAY, 0.03 * (hi - lo))
    plot.setXRange(lo - spare, hi + spare, padding=0)
    top, bottom = max(ys), min(ys)
    if counts:
        plot.setYRange(0, max(top * 1.2, 1.0), padding=0)
    elif bottom >= 0:
        plot.setYRange(0, top * 1.2 or 1.0, padding=0)
    else:
        room = max((top - bottom) * 0.2, abs(top) * 0.2, 0.1)
        plot.setYRange(bottom - room, top + room, padding=0)


def period_for_span(days: int) -> str:
    """The period a history of ``days`` reads best in: a first week by day, a first season by week."""
    if days <= 21:
        return "day"
    if days <= 120:
        return "week"
    return "month"


class _FillParent(QObject):
    """Keeps a note label the size of the chart it explains, through every resize."""

    def __init__(self, note: QLabel) -> None:
        super().__init__(note)
        self.note = note

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            self.note.setGeometry(watched.rect())
        return False


class _WheelToPage(QObject):
    """A chart never scrolls or zooms (its mouse is off), yet pyqtgraph takes the wheel: over the
    page's charts, which fill most of it, the page did not scroll. The wheel goes to the page."""

    def __init__(self, page: QScrollArea) -> None:
        super().__init__(page)
        self.page = page

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Wheel:
            QApplication.sendEvent(self.page.verticalScrollBar(), event)
            return True
        return False


class CountAxis(pg.AxisItem):
    """An axis of counts (words, minutes, pieces, days): whole-number ticks from zero up, never
    "0.25 words" or "-0.5" on a chart with little in it. The finer level's figures are drawn only
    where they leave the axis mostly bare: pyqtgraph's own limit let 0 to 11,000 read in steps of
    1,000 down a 200-pixel chart, twelve figures stacked edge to edge."""

    #: (figures already drawn, largest share of the axis their text may fill) for a finer level
    TEXT_FILL_LIMITS = [(0, 0.8), (2, 0.3)]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setStyle(textFillLimits=self.TEXT_FILL_LIMITS)

    def tickSpacing(self, minVal: float, maxVal: float, size: float) -> list:  # noqa: N802, N803
        levels = [(max(round(spacing), 1), 0) for spacing, _offset in super().tickSpacing(minVal, maxVal, size)]
        return list(dict.fromkeys(levels)) or [(1, 0)]

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list:  # noqa: N802, N803
        return [(spacing, [v for v in values if v >= 0 and float(v).is_integer()])
                for spacing, values in super().tickValues(max(minVal, 0.0), maxVal, size)]

    def tickStrings(self, values: list, scale: float, spacing: float) -> list[str]:  # noqa: N802
        return [f"{int(round(v * scale)):,}" for v in values]


class ShareAxis(pg.AxisItem):
    """An axis of shares, read as the panel says them ("12% fragments"): "10%", never "0.10"."""

    def tickStrings(self, values: list, scale: float, spacing: float) -> list[str]:  # noqa: N802
        step = spacing * scale * 100
        decimals = 0 if step >= 1 or step <= 0 else min(3, -math.floor(math.log10(step)))
        return [f"{v * scale * 100:.{decimals}f}%" for v in values]


#: more periods than this on the output chart and its hours line is drawn without a dot per period
MANY_PERIODS = 60

#: more periods than this and the hours line is a light hairline (a chart is ~1,200 px wide)
CROWDED_PERIODS = 400
#: active minutes of writing before the summary gives a rate per active hour
RATE_MINUTES = 10

#: below this width (px) the history narrows its margins
NARROW = 900

#: the height of a chart with nothing to draw: its sentence, not an empty box
EMPTY_CHART_HEIGHT = 56
#: a chart of one or two periods still spans this many (a first day's bar is not a wall)
MIN_PERIODS_SHOWN = 7
#: ...but never reaches back more than this many periods of a kind before the first: a first year of
#: writing drawn among six invented empty years read as years the writer had not written (a review)
MOST_PERIODS_PADDED = {"year": 1}


class HistoryView(QWidget):
    closed = Signal()

    def __init__(self, controller: Any) -> None:
        super().__init__()
        self.controller = controller
        self.window_ = controller.window
        self.theme = self.window_.theme
        self._crowded = False  # more periods on the output chart than it has pixels (see _hours_pen)
        self.by = "month"
        self.period_chosen = False  # until the writer picks one, the period follows the data's span
        self.range_days: int | None = None
        self.finished: list[FinishedPiece] | None = None
        self._voice_thread: threading.Thread | None = None
        self._voice_result: list[FinishedPiece] | None = None
        self._pieces: dict = {}
        self._created: dict = {}  # path -> the created date the piece's front matter gives
        self._piece_rows: dict = {}
        self._voice_pending = False
        self.setObjectName("historyView")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(self.scroll)
        self._wheel_to_page = _WheelToPage(self.scroll)
        self._plots: list[pg.PlotWidget] = []
        content = QWidget()
        content.setObjectName("historyContent")
        self.scroll.setWidget(content)
        column = QVBoxLayout(content)
        column.setContentsMargins(56, 36, 56, 48)
        column.setSpacing(10)
        self._column = column

        head = QHBoxLayout()
        self.title = QLabel("History")
        self.title.setFont(interface_font(20))
        head.addWidget(self.title)
        head.addStretch(1)
        # The period and range controls sit beside the title, or on a line of their own under it
        # when the window is too narrow for both (see _fit_width): they used to push the page
        # wider than the window, clipping its right-hand side.
        self.controls = QWidget()
        controls = QHBoxLayout(self.controls)
        controls.setContentsMargins(0, 0, 0, 0)
        controls.setSpacing(0)
        self.period_buttons = QButtonGroup(self)
        for name in ("day", "week", "month", "year"):
            button = QPushButton(name.capitalize())
            button.setCheckable(True)
            button.setChecked(name == self.by)
            button.setFlat(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(lambda _c=False, n=name: self.set_period(n))
            self.period_buttons.addButton(button)
            controls.addWidget(button)
        self.range_box = QComboBox()
        for label, days in RANGES:
            self.range_box.addItem(label, days)
        self.range_box.currentIndexChanged.connect(lambda _i: self.set_range(self.range_box.currentData()))
        controls.addSpacing(12)
        controls.addWidget(self.range_box)
        head.addWidget(self.controls)
        close = QPushButton("Back to writing  (Esc)")
        close.setFlat(True)
        close.setCursor(Qt.CursorShape.PointingHandCursor)
        close.clicked.connect(self.closed.emit)
        head.addSpacing(12)
        head.addWidget(close)
        self.close_button = close
        column.addLayout(head)
        self._head = head
        self._under_head = QHBoxLayout()  # the controls' own line in a narrow window
        self._under_head.addStretch(1)
        column.addLayout(self._under_head)
        self._controls_below = False
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        column.addWidget(self.summary)

        self.empty_state = QLabel(EMPTY_TEXT)
        self.empty_state.setObjectName("historyEmpty")
        self.empty_state.setWordWrap(True)
        self.empty_state.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.empty_state.setFont(interface_font(12))
        self.empty_state.setContentsMargins(0, 120, 0, 0)
        # Lines a reader's eye can follow, not the window's width: centred, 520 px at most. (In a box
        # of its own: a word-wrapped label given an alignment in the column loses its wrapped height.)
        self.empty_state.setMinimumWidth(280)
        self.empty_state.setMaximumWidth(520)
        self._empty_box = QWidget()
        box = QHBoxLayout(self._empty_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addStretch(1)
        box.addWidget(self.empty_state, 10)
        box.addStretch(1)
        self._empty_box.hide()
        column.addWidget(self._empty_box)
        # Every chart and the table, hidden together while there is no history to draw.
        self.sections = QWidget()
        self.sections.setObjectName("historySections")
        body = QVBoxLayout(self.sections)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(10)
        column.addWidget(self.sections)

        body.addWidget(self._section("Output — words typed, and time spent writing"))
        self.output_plot = self._plot(date_axis=True, height=210, counts=("left", "right"))
        item = self.output_plot.getPlotItem()
        self.output_bars = pg.BarGraphItem(x=[0], height=[0], width=1)
        item.addItem(self.output_bars)
        self.hours_box = pg.ViewBox()
        item.showAxis("right")
        item.scene().addItem(self.hours_box)
        item.getAxis("right").linkToView(self.hours_box)
        self.hours_box.setXLink(item.vb)
        self.hours_box.setMouseEnabled(False, False)
        item.vb.sigResized.connect(lambda: self.hours_box.setGeometry(item.vb.sceneBoundingRect()))
        self.hours_curve = pg.PlotDataItem(symbol="o", symbolSize=7)  # a dot too: one day is one point
        self.hours_box.addItem(self.hours_curve)
        body.addWidget(self.output_plot)

        body.addWidget(self._section("Rate — words per active hour, and its trend"))
        self.rate_plot = self._plot(date_axis=True, height=170, counts=("left",))
        self.rate_points = pg.ScatterPlotItem(size=6)
        self.rate_trend = pg.PlotCurveItem()
        self.rate_plot.addItem(self.rate_points)
        self.rate_plot.addItem(self.rate_trend)
        body.addWidget(self.rate_plot)

        body.addWidget(self._section("Writing days — the last year"))
        self.streak_label = QLabel()
        self.streak_label.setWordWrap(True)
        body.addWidget(self.streak_label)
        self.calendar_plot = self._plot(date_axis=False, height=150)
        self.calendar_plot.getPlotItem().invertY(True)
        self.calendar_cells = pg.ScatterPlotItem(symbol="s", size=11, pen=None)
        self.calendar_plot.addItem(self.calendar_cells)
        self.calendar_plot.getPlotItem().vb.sigResized.connect(self._size_calendar_cells)
        body.addWidget(self.calendar_plot)

        body.addWidget(self._section("Pieces — started and finished each month; days from first session to finished"))
        self.pieces_key = QLabel()  # which bar is which: the two colours alone did not say
        self.pieces_key.setWordWrap(True)
        self.pieces_key.setTextFormat(Qt.TextFormat.RichText)
        body.addWidget(self.pieces_key)
        pieces_row = QHBoxLayout()
        self.pieces_plot = self._plot(date_axis=True, height=170, counts=("left",))
        self.started_bars = pg.BarGraphItem(x=[0], height=[0], width=1)
        self.finished_bars = pg.BarGraphItem(x=[0], height=[0], width=1)
        self.pieces_plot.addItem(self.started_bars)
        self.pieces_plot.addItem(self.finished_bars)
        self.finish_plot = self._plot(date_axis=True, height=170, counts=("left",))
        self.finish_points = pg.ScatterPlotItem(size=6)
        self.finish_trend = pg.PlotCurveItem()
        self.finish_plot.addItem(self.finish_points)
        self.finish_plot.addItem(self.finish_trend)
        pieces_row.addWidget(self.pieces_plot, 3)
        pieces_row.addWidget(self.finish_plot, 2)
        body.addLayout(pieces_row)

        body.addWidget(self._section("Voice of finished pieces — is it getting stronger?"))
        self.voice_note = QLabel("Measuring finished pieces…")
        self.voice_note.setWordWrap(True)
        body.addWidget(self.voice_note)
        grid = QGridLayout()
        grid.setSpacing(8)
        self.voice_plots: dict[str, tuple[pg.PlotWidget, pg.ScatterPlotItem, pg.PlotCurveItem]] = {}
        for i, name in enumerate(VOICE_METRICS):
            plot = self._plot(date_axis=True, height=150, title=VOICE_LABELS[name],
                              shares=("left",) if name in SHARE_METRICS else ())
            points = pg.ScatterPlotItem(size=5)
            line = pg.PlotCurveItem()
            plot.addItem(points)
            plot.addItem(line)
            self.voice_plots[name] = (plot, points, line)
            grid.addWidget(plot, i // 3, i % 3)
        body.addLayout(grid)
        self._voice_grid, self._voice_columns = grid, 3

        body.addWidget(self._section("Pieces — sessions and time"))
        self.table = QTreeWidget()
        self.table.setHeaderLabels(["Piece", "Sessions", "Active time", "Typed", "Pasted", "Net", "First", "Last"])
        self.table.setRootIsDecorated(True)
        self.table.setUniformRowHeights(True)
        self.table.setMinimumHeight(320)
        self.table.setFrameShape(QFrame.Shape.NoFrame)
        self.table.itemExpanded.connect(self._fill_piece)
        # The title takes the room left over; the figures and dates are always shown whole.
        header = self.table.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, 8):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        for col in range(1, 6):  # figures: headed where they are read, on the right
            self.table.headerItem().setTextAlignment(col, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        body.addWidget(self.table)
        column.addStretch(1)

        QShortcut(QKeySequence("Escape"), self, self.closed.emit)
        self._voice_poll = QTimer(self, interval=100)
        self._voice_poll.timeout.connect(self._poll_voice)
        self.apply_theme(self.theme)
        # Made once and kept: a theme chosen while the history is closed must still reach it.
        self.window_.theme_changed.connect(self.apply_theme)

    # -- building blocks ----------------------------------------------------------------------
    def _section(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("section")
        label.setWordWrap(True)  # a long heading must not make the page wider than a narrow window
        label.setFont(interface_font(11))
        label.setContentsMargins(0, 18, 0, 2)
        return label

    def _plot(self, *, date_axis: bool, height: int, title: str | None = None,
              counts: tuple[str, ...] = (), shares: tuple[str, ...] = ()) -> pg.PlotWidget:
        axes = {"bottom": pg.DateAxisItem(orientation="bottom", utcOffset=0)} if date_axis else {}
        axes.update({side: CountAxis(orientation=side) for side in counts})
        axes.update({side: ShareAxis(orientation=side) for side in shares})
        plot = pg.PlotWidget(axisItems=axes)
        plot.viewport().installEventFilter(self._wheel_to_page)
        self._plots.append(plot)
        plot.setMinimumHeight(height)
        plot.setMaximumHeight(height + 40)
        item = plot.getPlotItem()
        item.hideButtons()
        item.setMenuEnabled(False)
        item.setMouseEnabled(False, False)
        if title:
            item.setTitle(title, size="9pt")
            # The title spans the chart (axes included), never widens it: a long name such as
            # "Resemblance to machine style" set the plotting area's minimum width, and the three
            # charts in a row no longer lined up with those above them in a narrow window.
            item.layout.removeItem(item.titleLabel)
            item.layout.addItem(item.titleLabel, 0, 0, 1, 3)
            item.titleLabel.setMinimumWidth(0)
        if "right" not in counts:
            # an empty right axis as wide as the output chart's hours axis (see _align_plots)
            item.showAxis("right")
            item.getAxis("right").setStyle(showValues=False, tickLength=0)
            item.getAxis("right").setTicks([[], []])
            plot._spare_right = True
        return plot

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_width(event.size().width())

    def _fit_width(self, width: int) -> None:
        """Narrower margins in a narrow window, and the controls under the title when they do not
        fit beside it: the page is never wider than the window (it has no horizontal scroll bar)."""
        side = 56 if width >= NARROW else 24
        self._set_voice_columns(3 if width >= NARROW else 2 if width >= 620 else 1)
        self._column.setContentsMargins(side, 36 if width >= NARROW else 24, side, 48)
        beside = (self.title.sizeHint().width() + self.controls.sizeHint().width()
                  + self.close_button.sizeHint().width() + 2 * side + 48 + self.scroll.verticalScrollBar().width())
        below = width < beside
        if below == self._controls_below:
            return
        self._controls_below = below
        if below:
            self._head.removeWidget(self.controls)
            self._under_head.insertWidget(0, self.controls)
        else:
            self._under_head.removeWidget(self.controls)
            self._head.insertWidget(2, self.controls)

    def _set_voice_columns(self, columns: int) -> None:
        """Three voice charts a row in a wide window, two or one in a narrow one (three to a
        480 px row left each a sliver, its title cut off)."""
        if columns == self._voice_columns:
            return
        self._voice_columns = columns
        plots = [plot for plot, _points, _line in self.voice_plots.values()]
        for plot in plots:
            self._voice_grid.removeWidget(plot)
        for i, plot in enumerate(plots):
            self._voice_grid.addWidget(plot, i // columns, i % columns)

    def _size_calendar_cells(self) -> None:
        """Day cells as large as the calendar's room allows (11 px at most, with a gap between
        them): at a fixed 11 px, a narrow window ran each week's cells into the next."""
        box = self.calendar_plot.getPlotItem().vb
        per_week, per_day = box.width() / 53.8, box.height() / 7.6
        size = max(3.0, min(11.0, 0.78 * min(per_week, per_day)))
        if abs(size - self.calendar_cells.opts["size"]) > 0.1:
            self.calendar_cells.setSize(size)

    def _align_plots(self) -> None:
        """Every chart's plotting area starts at the same x, and the full-width ones end at the same
        x, whatever the window's width: the output and rate charts share their time axis, and read
        as one column with the calendar and the charts below. Left to themselves, pyqtgraph's axes
        are as wide as their labels ("20,000" on one chart, "800" on the next, an hours axis on one
        side only), so the charts' edges and dates drifted apart. Fixed from the widest label any
        chart shows now, so they are also steady while the period or range changes."""
        metrics = QFontMetrics(interface_font(8))
        tops = [10_000.0]  # "10,000": room enough that most histories never widen it
        for plot in (self.output_plot, self.rate_plot, self.pieces_plot, self.finish_plot):
            tops.append(plot.getPlotItem().vb.viewRange()[1][1])
        offset = 5 + metrics.horizontalAdvance("0")  # pyqtgraph's gap from the axis, and some air
        left = max(metrics.horizontalAdvance(f"{int(top):,}") for top in tops) + offset
        hours = self.output_plot.getPlotItem().getAxis("right")
        label = hours.label.boundingRect().height() * 0.8 if hours.label.isVisible() else 0
        hours_top = max(self.hours_box.viewRange()[1][1], 999.0)  # "999" hours or minutes
        right = metrics.horizontalAdvance(f"{int(hours_top):,}") + offset + int(label + 0.5)
        for plot in self._plots:
            item = plot.getPlotItem()
            item.getAxis("left").setWidth(left)
            item.getAxis("right").setWidth(right)

    def apply_theme(self, theme: Any) -> None:
        self.theme = t = theme
        # Quiet text stays quiet but readable: the theme's dim and faint, darkened (or lightened)
        # just enough for WCAG AA (4.5:1) on the page. As they were, the empty history's message,
        # the summary and every chart's figures were 1.8-2.8:1 on the light and sepia pages.
        quiet = t.legible("dim")
        figures = t.legible("faint")
        self.setStyleSheet(
            f"QWidget#historyView, QWidget#historyContent, QWidget#historySections, QScrollArea "
            f"{{ background: {t.background}; }}"
            f"QLabel {{ color: {t.text}; }} QLabel#section {{ color: {quiet}; }}"
            f"QPushButton {{ color: {figures}; border: none; padding: 4px 8px; }}"
            f"QPushButton:checked {{ color: {t.accent}; border-bottom: 1px solid {t.accent}; }}"
            f"QComboBox {{ color: {figures}; background: transparent; border: none; padding: 4px 8px; }}"
            f"QComboBox QAbstractItemView {{ background: {t.panel_background}; color: {t.text}; "
            f"selection-background-color: {t.selection}; }}"
            f"QTreeWidget {{ background: {t.background}; color: {t.text}; alternate-background-color: "
            f"{t.panel_background}; selection-background-color: {t.selection}; selection-color: {t.text}; }}"
            "QTreeWidget::item { padding: 3px 6px; }"
            f"QHeaderView::section {{ background: {t.background}; color: {figures}; border: none; "
            f"border-bottom: 1px solid {t.panel_background}; padding: 4px; }}"
            + t.scrollbar_qss(width=8))
        self.summary.setStyleSheet(f"color: {quiet};")
        self.streak_label.setStyleSheet(f"color: {quiet};")
        self.voice_note.setStyleSheet(f"color: {figures};")
        self.empty_state.setStyleSheet(f"color: {quiet};")
        for note in self.__dict__.get("_empty_notes", {}).values():
            note.setStyleSheet(f"color: {figures}; background: transparent;")
        self.table.setAlternatingRowColors(True)
        for plot in self._plots:
            plot.setBackground(t.background)
            item = plot.getPlotItem()
            for side in ("left", "bottom", "right"):
                axis = item.getAxis(side)
                spare = side == "right" and getattr(plot, "_spare_right", False)
                axis.setPen(pg.mkPen(None) if spare else pg.mkPen(t.panel_background))
                axis.setTextPen(pg.mkPen(figures))
                axis.setTickFont(interface_font(8))
            item.titleLabel.setAttr("color", quiet)
            item.titleLabel.setText(item.titleLabel.text)  # the title is redrawn in its new colour
        self.output_bars.setOpts(brush=t.color("accent", 170), pen=pg.mkPen(None))
        self.hours_curve.setPen(self._hours_pen())
        # ringed in the page's colour: drawn over a bar of the accent's family, a bare dot vanished (a review)
        self.hours_curve.setSymbolPen(pg.mkPen(t.background, width=1.5))
        self.hours_curve.setSymbolBrush(t.color("machine", 230))
        marks = t.legible("faint", ratio=3.0)  # a chart's marks, like any graphic that says something: 3:1
        self.rate_points.setBrush(pg.mkBrush(marks))
        self.rate_points.setPen(pg.mkPen(None))
        self.rate_trend.setPen(pg.mkPen(t.accent, width=2, style=Qt.PenStyle.DashLine))
        # Bars that can be seen (3:1 on the page): "started" in dim was 1.5:1 on the dark page.
        started, finished = t.legible("dim", ratio=3.0), t.accent
        self.started_bars.setOpts(brush=pg.mkBrush(started), pen=pg.mkPen(None))
        self.finished_bars.setOpts(brush=pg.mkBrush(finished), pen=pg.mkPen(None))
        self.pieces_key.setStyleSheet(f"color: {quiet};")
        self.pieces_key.setText(f"<span style='color:{started}'>■</span>&nbsp;started&nbsp;&nbsp;&nbsp; "
                                f"<span style='color:{finished}'>■</span>&nbsp;finished")
        self.finish_points.setBrush(t.color("accent", 150))
        self.finish_points.setPen(pg.mkPen(None))
        self.finish_trend.setPen(pg.mkPen(t.faint, width=1.5, style=Qt.PenStyle.DashLine))
        for _plot, points, line in self.voice_plots.values():
            points.setBrush(pg.mkBrush(marks))
            points.setPen(pg.mkPen(None))
            line.setPen(pg.mkPen(t.accent, width=2))

    # -- data -------------------------------------------------------------------------------
    def set_period(self, by: str, *, chosen: bool = True) -> None:
        self.by = by
        self.period_chosen = self.period_chosen or chosen
        for button in self.period_buttons.buttons():
            button.setChecked(button.text().lower() == by)
        self.refresh()

    def set_range(self, days: int | None) -> None:
        self.range_days = days
        self.refresh()

    def refresh(self) -> None:
        store = self.controller.store
        hour = self.controller.settings.day_start_hour
        rows = store.sessions()
        today = self.controller.today()
        days = daily_totals(rows, hour)
        if not self.period_chosen and days:
            span = (today - min(days)).days
            if period_for_span(span) != self.by:
                self.set_period(period_for_span(span), chosen=False)
                return
        if self.range_days is not None:
            first = today - _dt.timedelta(days=self.range_days)
            from quill.sessions.goals import day_of

            shown = [r for r in rows if day_of(r.start, r.utc_offset, hour) >= first]
        else:
            shown = rows
        # No history at all: a plain sentence, not a page of empty axes.
        self.sections.setVisible(bool(rows))
        self.summary.setVisible(bool(rows))
        for control in (*self.period_buttons.buttons(), self.range_box):  # nothing yet to regroup
            control.setVisible(bool(rows))
        self._empty_box.setVisible(not rows)
        self.empty_state.setVisible(not rows)
        totals, periods = aggregate(shown, self.by, hour, fill=True)
        met = days_meeting(days, self.controller.settings.daily)
        runs = streaks(met, today)
        rate = totals.words_per_active_hour
        self.summary.setText(summary_line([
            f"{totals.sessions:,} session{'' if totals.sessions == 1 else 's'}",
            f"{_hm(totals.active_minutes * 60)} active",
            ", ".join([f"{plural(totals.words_added, 'word')} typed"]
                      + [f"{count:,} {what}" for count, what in ((totals.words_pasted, "pasted"),
                                                                 (totals.words_deleted, "deleted")) if count]),
            f"{plural(totals.chars_added, 'character')} typed",
            # an hour's rate from a minute of writing (2,752 words an hour) is no figure yet
            *([f"{rate:,.0f} words per active hour"] if rate and totals.active_minutes >= RATE_MINUTES else []),
            *([f"{len(days):,} writing day{'s' * (len(days) != 1)}"] if days else [])]))
        self._draw_output(periods)
        self._draw_calendar(days, met, runs, today)
        offsets = {r.id: r.utc_offset for r in rows}
        self._pieces = pieces_history(store.piece_sessions(), offsets, hour)
        known = self._library_pieces()
        retitle(self._pieces, {path: piece.title for path, piece in known.items()})
        self._created = {path: piece.created for path, piece in known.items() if piece.created is not None}
        self._offsets = offsets
        self._draw_pieces()
        self._align_plots()
        self._fill_table()
        # After the first paint: the measuring thread would otherwise compete for the GIL with it.
        self._voice_pending = True
        QTimer.singleShot(150, self, self._start_voice)

    def _library_pieces(self) -> dict[str, Any]:
        """Path -> every piece the open library knows (one query of its index): titles, and the
        ``created`` dates an imported or older piece carries."""
        library = getattr(getattr(self.window_, "library", None), "library", None)
        if library is None:
            return {}
        try:
            return {str(piece.path): piece for piece in library.pieces()}
        except Exception:  # noqa: BLE001 - titles and dates are a nicety: the files give titles too
            return {}

    def _empty_note(self, plot: pg.PlotWidget, empty: bool,
                    text: str = "No writing sessions in this range yet.") -> None:
        """An empty chart says so in words, instead of bare axes."""
        notes = self.__dict__.setdefault("_empty_notes", {})
        note = notes.get(id(plot))
        if note is None:
            note = notes[id(plot)] = QLabel(text, plot)
            note.setAlignment(Qt.AlignmentFlag.AlignCenter)
            note.setWordWrap(True)
            note.setStyleSheet(f"color: {self.theme.legible('faint')}; background: transparent;")
        note.setText(text)
        if not hasattr(plot, "_note_follows_size"):
            plot._note_follows_size = _FillParent(note)  # the chart is laid out after the note is made
            plot.installEventFilter(plot._note_follows_size)
        # An empty chart folds to a line of words: a 200 px box holding one sentence (a review). Not
        # a titled one: its title and sentence would overlap, and it stands beside a chart it lines up with.
        heights = plot.__dict__.setdefault("_full_heights", (plot.minimumHeight(), plot.maximumHeight()))
        titled = bool(plot.getPlotItem().titleLabel.text)
        low, high = (EMPTY_CHART_HEIGHT, EMPTY_CHART_HEIGHT) if empty and not titled else heights
        if (plot.minimumHeight(), plot.maximumHeight()) != (low, high):
            plot.setMinimumHeight(low)
            plot.setMaximumHeight(high)
        note.setGeometry(plot.rect())
        note.setVisible(empty)
        for axis in ("bottom", "left"):
            item = plot.getPlotItem().getAxis(axis)
            item.setStyle(showValues=not empty)
            item.setTicks([[], []] if empty else None)  # no stray tick marks without their figures

    def _hours_pen(self) -> Any:
        """The hours line: a light hairline where periods outnumber the chart's pixels (ten years of
        days), where the full line, drawn over the bars, zigzagged to every day and hid the words."""
        if self._crowded:
            return pg.mkPen(self.theme.color("machine", 120), width=1)
        return pg.mkPen(self.theme.color("machine", 220), width=1.5)

    def _draw_output(self, periods: list) -> None:
        self._empty_note(self.output_plot, not periods)
        self._empty_note(self.rate_plot, not periods)
        if not periods:
            self.output_bars.setOpts(x=[], height=[], width=1)
            self.hours_curve.setData([], [])
            self.rate_points.setData([], [])
            self.rate_trend.setData([], [])
            return
        xs = np.array([_x(p.start) for p in periods])
        width = np.array([_x(next_period(p.start, self.by)) for p in periods]) - xs
        # A first day or week of writing is one bar: show it among a few empty periods before it,
        # so it is a bar and not a wall, and the date axis reads days, not seconds.
        padded = min(max(MIN_PERIODS_SHOWN - len(periods), 0), MOST_PERIODS_PADDED.get(self.by, MIN_PERIODS_SHOWN))
        left = xs[0] - padded * width[0]
        mid = xs + width / 2
        words = np.array([p.words_added for p in periods], dtype=float)
        hours = np.array([p.active_minutes / 60 for p in periods], dtype=float)
        # Under two hours at most, the right axis counts minutes: "0.05" hours reads as nothing.
        in_minutes = hours.max() < 2
        active = hours * 60 if in_minutes else hours
        self.output_plot.getPlotItem().getAxis("right").setLabel("active minutes" if in_minutes else "active hours")
        self.output_bars.setOpts(x=mid, height=words, width=width * 0.72)
        # A dot per period reads while there are few; hundreds of days of dots drowned the bars.
        self.hours_curve.setSymbol("o" if len(periods) <= MANY_PERIODS else None)
        self._crowded = len(periods) > CROWDED_PERIODS
        self.hours_curve.setPen(self._hours_pen())
        self.hours_curve.setData(mid, active)
        self.hours_box.setYRange(0, max(active.max(), 5.0 if in_minutes else 0.1) * 1.15, padding=0)
        self.output_plot.setXRange(left, xs[-1] + width[-1], padding=0.01)
        self.output_plot.setYRange(0, max(words.max(), 1) * 1.1, padding=0)
        rates = [p.words_per_active_hour for p in periods]
        keep = [i for i, r in enumerate(rates) if r is not None]
        rx = mid[keep]
        ry = np.array([rates[i] for i in keep], dtype=float)
        self.rate_points.setData(rx, ry)
        self._empty_note(self.rate_plot, not len(rx),
                         "Words per hour show once a session has a minute or more of active writing.")
        line = trend(list(rx), list(ry))
        if line is not None and len(rx):
            slope, icpt = line
            self.rate_trend.setData([rx[0], rx[-1]], [slope * rx[0] + icpt, slope * rx[-1] + icpt])
        else:
            self.rate_trend.setData([], [])
        self.rate_plot.setXRange(left, xs[-1] + width[-1], padding=0.01)
        # from zero, so one value is a point on a readable scale, not 11633.4–11634.2
        self.rate_plot.setYRange(0, max(float(ry.max()) if len(ry) else 1.0, 1.0) * 1.2, padding=0)
        # By the year, the axis names years: pyqtgraph's own date ticks named the months of a
        # two-year range, under one year-wide bar (a review)
        first, last = periods[0].start.year, periods[-1].start.year
        years = [(_x(_dt.date(year, 7, 2)), str(year)) for year in range(first - 1, last + 2)]  # under each bar
        for plot in (self.output_plot, self.rate_plot) if len(rx) else (self.output_plot,):
            plot.getPlotItem().getAxis("bottom").setTicks([years, []] if self.by == "year" else None)

    def _draw_calendar(self, days: dict, met: set, runs: Any, today: _dt.date) -> None:
        t = self.theme
        end = today
        start = end - _dt.timedelta(days=end.weekday() + 52 * 7)  # a Monday, 53 weeks ago
        xs, ys, brushes = [], [], []
        values = sorted(d.words_added for d in days.values() if start <= d.day <= end and d.words_added)
        steps = [values[int(len(values) * q)] for q in (0.25, 0.5, 0.75)] if values else [0, 0, 0]
        empty = t.color("dim", 45)
        levels = [t.color("accent", a) for a in (70, 120, 175, 235)]
        ticks, last_month = [], None
        day = start
        while day <= end:
            week = (day - start).days // 7
            total = days.get(day)
            if total is None or not (total.words_added or total.active_seconds):
                brush = empty
            else:
                level = sum(total.words_added > s for s in steps)
                brush = levels[level]
            xs.append(week)
            ys.append(day.weekday())
            brushes.append(brush)
            if day.weekday() == 0 and day.month != last_month:
                ticks.append((week, day.strftime("%b")))
                last_month = day.month
            day += _dt.timedelta(days=1)
        outline, plain = pg.mkPen(t.warning, width=1.2), pg.mkPen(None)
        streak_from = today - _dt.timedelta(days=runs.current)
        pens = [outline if runs.current and (start + _dt.timedelta(days=x * 7 + y)) > streak_from
                and (start + _dt.timedelta(days=x * 7 + y)) in met else plain for x, y in zip(xs, ys, strict=False)]
        self.calendar_cells.setData(xs, ys, brush=brushes, pen=pens)
        item = self.calendar_plot.getPlotItem()
        item.getAxis("bottom").setTicks([ticks, []])
        item.getAxis("left").setTicks([[(0, "Mon"), (2, "Wed"), (4, "Fri"), (6, "Sun")], []])
        self.calendar_plot.setXRange(-0.8, 53, padding=0)
        self.calendar_plot.setYRange(-0.8, 6.8, padding=0)
        goal = self.controller.settings.daily
        what = f"days meeting your goal of {goal.describe()}" if goal else "days with writing"
        longest = ""
        if runs.runs and runs.longest:
            a, b = max(runs.runs, key=lambda r: (r[1] - r[0]).days)
            longest = (f"longest {runs.longest} day{'s' * (runs.longest != 1)} "
                       f"({_day(a)} – {_day(b)})" if runs.longest > 1 else "")
        hour = self.controller.settings.day_start_hour
        # writing at 02:12 on 7 Dec filed under 6 Dec read as a mistake until this was said (a review)
        starts = f" · a writing day starts at {hour}:00, so late-night words count for the day before" if hour else ""
        self.streak_label.setText(f"Streak of {what}: current {runs.current} day{'s' * (runs.current != 1)}"
                                  + (f" · {longest}" if longest else "")
                                  + " · the current streak is outlined" + starts)

    def _draw_pieces(self) -> None:
        finished = self.finished or []
        started, done = started_finished_by_month(self._pieces, finished, self._created)
        months = sorted(set(started) | set(done))
        if months:
            xs = np.array([_x(m) for m in months])
            width = np.array([_x(next_period(m, "month")) for m in months]) - xs
            self.started_bars.setOpts(x=xs + width * 0.3, height=[started.get(m, 0) for m in months],
                                      width=width * 0.38)
            self.finished_bars.setOpts(x=xs + width * 0.7, height=[done.get(m, 0) for m in months],
                                       width=width * 0.38)
            # a first month is a pair of bars among the months before it, not two walls
            left = min(xs[0], _x(_months_before(months[-1], MIN_PERIODS_SHOWN - 1)))
            self.pieces_plot.setXRange(left, xs[-1] + width[-1], padding=0.01)
            self.pieces_plot.setYRange(0, max([*started.values(), *done.values(), 1]) * 1.15, padding=0)
        pairs = days_to_finish(self._pieces, finished)
        self._empty_note(self.finish_plot, not pairs,
                         "Days to finish show here once a piece you wrote in Quill is marked finished.")
        if pairs:
            fx = [_x(p.finished) for p, _d in pairs]
            fy = [float(d) for _p, d in pairs]
            self.finish_points.setData(fx, fy)
            line = trend(fx, fy)
            if line:
                lo, hi = min(fx), max(fx)
                self.finish_trend.setData([lo, hi], [line[0] * lo + line[1], line[0] * hi + line[1]])
            else:
                self.finish_trend.setData([], [])
            _frame(self.finish_plot, fx, fy)
        else:
            self.finish_points.setData([], [])
            self.finish_trend.setData([], [])
        self.finish_plot.getPlotItem().setTitle("Days to finish", size="9pt")

    def _draw_voice(self) -> None:
        finished = self.finished or []
        for name, (_plot, points, line) in self.voice_plots.items():
            pts = [(_x(p.finished), p.metrics.get(name)) for p in finished if p.metrics.get(name) is not None]
            if not pts:
                points.setData([], [])
                line.setData([], [])
                continue
            xs = [a for a, _b in pts]
            ys = [float(b) for _a, b in pts]
            points.setData(xs, ys)
            fit = trend(xs, ys)
            if fit:
                lo, hi = min(xs), max(xs)
                line.setData([lo, hi], [fit[0] * lo + fit[1], fit[0] * hi + fit[1]])
            else:
                line.setData([], [])
            _frame(_plot, xs, ys, counts=False)
        count = len(finished)
        for plot, _points, _line in self.voice_plots.values():
            plot.setVisible(bool(count))  # the note says why there is nothing to draw
        if count > 1:
            said = f"{count} finished pieces, each at its finished date; the line is the trend."
        elif count:
            said = "One finished piece so far, at its finished date: a trend shows from the second."
        else:
            said = "No finished pieces yet: mark a piece finished to see its voice here."
        self.voice_note.setText(said)

    def _fill_table(self) -> None:
        self.table.setUpdatesEnabled(False)
        self.table.clear()
        items = []
        for hist in sorted(self._pieces.values(), key=lambda h: h.last_day or _dt.date.min, reverse=True):
            t = hist.totals
            item = QTreeWidgetItem([hist.title, f"{t.sessions:,}", _hm(t.active_minutes * 60), f"{t.words_added:,}",
                                    f"{t.words_pasted:,}", f"{t.net_words:+,}",
                                    _day(hist.first_day), _day(hist.last_day)])
            item.setData(0, Qt.ItemDataRole.UserRole, hist.piece)
            item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
            for col in range(1, 6):
                item.setTextAlignment(col, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            items.append(item)
        self.table.addTopLevelItems(items)
        self.table.setUpdatesEnabled(True)

    def _fill_piece(self, item: QTreeWidgetItem) -> None:
        if item.childCount():
            return
        piece = item.data(0, Qt.ItemDataRole.UserRole)
        for row in self.controller.store.piece_sessions(piece):
            offset = self._offsets.get(row.session_id, 0)
            start = _dt.datetime.fromtimestamp(row.start, _dt.timezone(_dt.timedelta(seconds=offset)))
            child = QTreeWidgetItem([f"{start:%a} {moment_text(start)}", "", _hm(row.active_seconds),
                                     f"{row.words_added:,}", f"{row.words_pasted:,}", f"{row.net_words:+,}", "", ""])
            for col in range(1, 6):
                child.setTextAlignment(col, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.addChild(child)

    # -- the voice timeline, measured off the GUI thread --------------------------------------
    def _start_voice(self) -> None:
        if self._voice_thread is not None and self._voice_thread.is_alive():
            return
        window = self.window_
        cache_file = window.dirs.cache / "voice-timeline.json"

        def work() -> None:
            try:
                cache = json.loads(cache_file.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                cache = {}
            try:
                result = finished_pieces(window.library_dir, window.dirs, cache=cache)
            except Exception:  # noqa: BLE001 - the rest of the history still shows
                result = []
            try:
                cache_file.parent.mkdir(parents=True, exist_ok=True)
                cache_file.write_text(json.dumps(cache), encoding="utf-8")
            except OSError:
                pass
            self._voice_result = result

        self._voice_result = None
        self._voice_thread = threading.Thread(target=work, name="quill-voice-timeline", daemon=True)
        self._voice_thread.start()
        self._voice_poll.start()

    def _poll_voice(self) -> None:
        if self._voice_result is None:
            return
        self._voice_poll.stop()
        self._voice_pending = False
        self.finished = self._voice_result
        self._draw_pieces()
        self._align_plots()
        self._draw_voice()

    def voice_ready(self) -> bool:
        return self.finished is not None and not self._voice_pending
