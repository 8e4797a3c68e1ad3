"""A gauge: one measure of the draft as a marker on a strip, with the writer's band and the
LLM band drawn under it. Painted directly (a few rectangles), so a refresh costs nothing."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from quill.ui.shell.theme import Theme

NOT_ENOUGH = "not enough text yet"
VALUE_SHARE = 0.55  # of a gauge's header line, at most, for its value; the title has the rest
TITLE_GAP = 10
TRACK_INSET = 5.0  # px: the scale inside the track's rounded ends
#: the writer's own range over the track; on a dark panel the lighter band barely showed (a review)
WRITER_BAND_ALPHA, WRITER_BAND_ALPHA_DARK = 90, 150


class Gauge(QWidget):
    def __init__(self, title: str, lo: float, hi: float, fmt: str, theme: Theme, tooltip: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.lo, self.hi = lo, hi
        self.fmt = fmt
        self.theme = theme
        self.value: float | None = None
        self.writer_band: tuple[float, float] | None = None
        self.llm_band: tuple[float, float] | None = None
        self.note = ""
        #: one plain line under the strip: "more varied than your finished work"
        self.reading = ""
        self.setToolTip(tooltip)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # Painted edge to edge on the panel's colour: a new value repaints the gauge alone,
        # not the panel, scroll area and page beneath a transparent widget.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(240, 56)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(160, 56)

    # -- state --------------------------------------------------------------------------------
    @property
    def text(self) -> str:
        """What the gauge says: the value, or that there is not enough text yet."""
        return NOT_ENOUGH if self.value is None else self.fmt.format(self.value)

    @property
    def band_visible(self) -> bool:
        return self.value is not None and self.writer_band is not None

    def set_state(self, value: float | None, writer_band, llm_band, note: str = "",  # noqa: ANN001
                  reading: str = "") -> None:
        def r(x: float | None) -> float | None:
            return None if x is None else round(x, 3)

        key = (r(value), tuple(map(r, writer_band)) if writer_band else None,
               tuple(map(r, llm_band)) if llm_band else None, note, reading)
        if key == getattr(self, "_key", object()):
            return  # nothing visible changed: no repaint while the writer types on
        self._key = key
        self.value = value
        self.writer_band = tuple(writer_band) if writer_band else None
        self.llm_band = tuple(llm_band) if llm_band else None
        self.note = note
        self.reading = reading if value is not None else ""
        self.update()

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    # -- painting -----------------------------------------------------------------------------
    def _x(self, value: float, left: float, width: float) -> float:
        span = self.hi - self.lo
        t = (value - self.lo) / span if span else 0.0
        return left + max(0.0, min(1.0, t)) * width

    def header_texts(self, metrics: QFontMetrics, width: int) -> tuple[str, str]:
        """(title, value) as they fit one line side by side: the value keeps up to
        :data:`VALUE_SHARE` of it, the title the rest; each is shortened, never drawn over the other.
        With no value yet the line is the title's alone: "not enough text yet" goes under the strip,
        where the reading will be, so a narrow panel does not cut "Resemblance to machi…"."""
        if self.value is None:
            return metrics.elidedText(self.title, Qt.TextElideMode.ElideRight, max(width, 0)), ""
        label = self.text if not self.note else f"{self.text}  {self.note}"
        label = metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(width * VALUE_SHARE))
        room = width - metrics.horizontalAdvance(label) - TITLE_GAP
        return metrics.elidedText(self.title, Qt.TextElideMode.ElideRight, max(room, 0)), label

    def paintEvent(self, _event) -> None:  # noqa: N802, ANN001
        t = self.theme
        p = QPainter(self)
        p.fillRect(self.rect(), t.color("panel_background"))
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        p.setFont(font)
        w = self.width()
        enough = self.value is not None
        title, label = self.header_texts(p.fontMetrics(), w)
        p.setPen(t.color("text"))
        p.drawText(QRectF(0, 0, w, 18), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        p.setPen(t.color("text" if enough else "note"))
        p.drawText(QRectF(0, 0, w, 18), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
        left, width, top = 2.0, w - 4.0, 24.0
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(t.color("faint", 40))
        p.drawRoundedRect(QRectF(left, top, width, 10), 3, 3)
        below = self.reading if enough else NOT_ENOUGH
        if below:
            p.setPen(t.color("note"))
            shown = p.fontMetrics().elidedText(below, Qt.TextElideMode.ElideRight, int(w))
            p.drawText(QRectF(0, 38, w, 16), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown)
            p.setPen(Qt.PenStyle.NoPen)
        if not enough:
            p.end()
            return
        # The scale runs inside the track's rounded ends: a reading of 0 or 1 drawn on the very end
        # looked like the track's end cap, not a reading (a review).
        left, width = left + TRACK_INSET, width - 2 * TRACK_INSET
        if self.llm_band:
            a, b = (self._x(v, left, width) for v in self.llm_band)
            p.setBrush(t.color("machine", 110))
            p.drawRoundedRect(QRectF(a, top + 6, max(b - a, 2), 4), 2, 2)
        if self.writer_band:
            a, b = (self._x(v, left, width) for v in self.writer_band)
            dark = QColor(t.panel_background).lightness() < 128
            p.setBrush(t.color("accent", WRITER_BAND_ALPHA_DARK if dark else WRITER_BAND_ALPHA))
            p.drawRoundedRect(QRectF(a, top, max(b - a, 2), 5), 2, 2)
        x = self._x(self.value, left, width)
        p.setPen(QPen(t.color("text"), 2.2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        p.drawLine(int(x), int(top - 3), int(x), int(top + 13))
        p.end()
