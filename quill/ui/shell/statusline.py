"""A quiet status line: words in the piece, words this session, session time.

It fades out while the writer types and returns on a pause or when the mouse moves.
"""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QPropertyAnimation, Qt
from PySide6.QtWidgets import QGraphicsOpacityEffect, QHBoxLayout, QLabel, QSizePolicy, QWidget

from quill.ui.shell.fonts import interface_font
from quill.ui.shell.theme import Theme

PART_SEPARATOR = " · "  # between the figures a label shows side by side


def format_minutes(seconds: float) -> str:
    minutes = int(seconds // 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


def session_figures(net_words: int, elapsed: float, *, written: bool) -> str:
    """The status line's right-hand figures. Before the writer has changed anything, "+0 this
    session · open 0 min" greeted every launch with two zeros: nothing is said in the first
    minute, then only how long the piece has been open, and the session's words from the first
    edit on (a net zero after writing and deleting is then a real figure). "open 0 min" is never
    said: in the first minute the words stand alone."""
    opened = f"open {format_minutes(elapsed)}" if elapsed >= 60 else ""
    if not written and not net_words:
        return opened
    words = f"{net_words:+,} this session"
    return f"{words} · {opened}" if opened else words


class ElidedLabel(QLabel):
    """A label that shortens its text with "…" to the room it has, instead of demanding more:
    a long title must not push the figures over each other (or widen the window)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        #: the last part is what matters most here (the writer's goal after the title): shorten the
        #: parts before it first, and never drop it while any of it fits
        self.keep_last = False
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        self._full = text
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event) -> None:  # noqa: N802, ANN001
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        """Whole figures first: "+40 this session · open 12 min" loses its last figure before any
        figure loses letters ("+40 this se…pen 12 min" reads as nothing). Only a single part that
        still does not fit (a long title) is shortened in the middle."""
        width = max(self.width(), 0)
        metrics = self.fontMetrics()
        parts = self._full.split(PART_SEPARATOR)
        if self.keep_last and len(parts) > 1 and metrics.horizontalAdvance(self._full) > width:
            tail = parts[-1]
            room = width - metrics.horizontalAdvance(PART_SEPARATOR + tail)
            if room >= metrics.horizontalAdvance("Mmmm…"):  # enough to show some of the head
                head = metrics.elidedText(PART_SEPARATOR.join(parts[:-1]), Qt.TextElideMode.ElideRight, room)
                shown = head + PART_SEPARATOR + tail
            else:
                shown = metrics.elidedText(tail, Qt.TextElideMode.ElideRight, width)
            super().setText(shown if self.width() > 0 else self._full)
            self.setToolTip(self._full)
            return
        while len(parts) > 1 and metrics.horizontalAdvance(PART_SEPARATOR.join(parts)) > width:
            parts.pop()
        shown = metrics.elidedText(PART_SEPARATOR.join(parts), Qt.TextElideMode.ElideMiddle, width)
        super().setText(shown if self.width() > 0 else self._full)
        self.setToolTip(self._full if shown != self._full else "")


class StatusLine(QWidget):
    FADE_MS = 450
    SIDE = 28  # px between the window's edges and the figures

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusLine")
        self.left = ElidedLabel(self)
        self.center = ElidedLabel(self)
        self.right = ElidedLabel(self)
        for label in (self.left, self.center, self.right):
            label.setFont(interface_font(10))
            label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.center.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.center.keep_last = True  # "title · today 120 / 500 words": the goal outlasts the title
        self.right.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(self.SIDE, 6, self.SIDE, 10)
        self._layout = layout
        layout.addWidget(self.left, 1)
        layout.addWidget(self.center, 1)
        layout.addWidget(self.right, 1)
        self._effect = QGraphicsOpacityEffect(self)
        self._effect.setOpacity(1.0)
        self.setGraphicsEffect(self._effect)
        self._animation = QPropertyAnimation(self._effect, b"opacity", self)
        self._animation.setEasingCurve(QEasingCurve.Type.InOutQuad)
        self._shown = True
        self._goal_text = ""
        self._goal_fraction: float | None = None
        self.apply_theme(theme)

    def apply_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.update()
        # quiet, and still readable: the faint colour moved just far enough toward the text for 4.5:1
        self.setStyleSheet(f"QLabel {{ color: {theme.legible('faint')}; }} "
                           "QWidget#statusLine { background: transparent; }")

    def reserve_right(self, pixels: int) -> None:
        """Something (the voice panel) covers ``pixels`` at the right edge: keep the figures clear of it."""
        margins = self._layout.contentsMargins()
        if margins.right() != self.SIDE + pixels:
            margins.setRight(self.SIDE + pixels)
            self._layout.setContentsMargins(margins)

    def set_target(self, fraction: float | None) -> None:
        """The piece's own word target: a hairline under the word count (None hides it)."""
        fraction = None if fraction is None else round(max(0.0, min(float(fraction), 1.0)), 3)
        if fraction != getattr(self, "_target_fraction", None):
            self._target_fraction = fraction
            self.update()

    def set_goal(self, text: str, fraction: float | None) -> None:
        """A session goal: a few words beside the centre text and a hairline of progress above the line.

        ``fraction`` is 0..1 (None hides the mark). Set by the sessions feature.
        """
        fraction = None if fraction is None else round(max(0.0, min(float(fraction), 1.0)), 3)
        if text == self._goal_text and fraction == self._goal_fraction:
            return  # called on every keystroke: repainting the line (and whatever lies over it) costs
        self._goal_text = text
        self._goal_fraction = fraction
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802, ANN001
        super().paintEvent(event)
        target = getattr(self, "_target_fraction", None)
        if self._goal_fraction is None and target is None:
            return
        from PySide6.QtGui import QPainter, QPen

        painter = QPainter(self)
        if self._goal_fraction is not None:
            width = self.width() - self.SIDE - self._layout.contentsMargins().right()
            y = 1
            painter.setPen(QPen(self._theme.color("dim", 120), 1))
            painter.drawLine(self.SIDE, y, self.SIDE + width, y)
            painter.setPen(QPen(self._theme.color("accent", 200), 2))
            painter.drawLine(self.SIDE, y, self.SIDE + int(width * self._goal_fraction), y)
        if target is not None:  # the piece's own target: under the word count only
            label = self.left.geometry()
            width = min(label.width(), self.left.fontMetrics().horizontalAdvance(self.left.text()))
            y = label.bottom() + 2
            painter.setPen(QPen(self._theme.color("dim", 120), 1))
            painter.drawLine(label.left(), y, label.left() + width, y)
            painter.setPen(QPen(self._theme.color("accent", 200), 1))
            painter.drawLine(label.left(), y, label.left() + int(width * target), y)
        painter.end()

    def set_texts(self, left: str, center: str, right: str) -> None:
        if self._goal_text:
            center = f"{center}{PART_SEPARATOR}{self._goal_text}" if center else self._goal_text
        self.center.keep_last = bool(self._goal_text)
        self.left.setText(left)
        self.center.setText(center)
        self.right.setText(right)

    def opacity(self) -> float:
        return self._effect.opacity()

    @property
    def shown(self) -> bool:
        return self._shown

    def fade(self, visible: bool) -> None:
        if visible == self._shown:
            return
        self._shown = visible
        self._animation.stop()
        self._animation.setDuration(self.FADE_MS if visible else self.FADE_MS // 2)
        self._animation.setStartValue(self._effect.opacity())
        self._animation.setEndValue(1.0 if visible else 0.0)
        self._animation.start()
