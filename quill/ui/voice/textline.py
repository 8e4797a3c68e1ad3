"""A line of panel text that changes while the writer types (the scope's word count).

A QLabel asks its layout for room again on every ``setText``, and, drawn transparent over the
panel's style-sheet background, makes the panel, its scroll area and the page behind it
repaint too. This line has one fixed height, elides what does not fit, and paints its own
background, so a new count repaints this line and nothing else.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from quill.ui.shell.theme import Theme


class TextLine(QWidget):
    def __init__(self, theme: Theme, tooltip: str, role: str = "note", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.role = role
        self._text = ""
        self._keep = ""  # the end of _text that is never elided
        self._short_keep = ""  # a shorter ``keep`` for when the whole line does not fit
        self.setToolTip(tooltip)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def text(self) -> str:
        return self._text

    def setText(self, text: str, keep: str = "", short_keep: str = "") -> None:  # noqa: N802 - as QLabel's
        """Show ``text`` followed by ``keep``; when the line is too narrow, ``text`` followed by
        ``short_keep`` if that fits whole, else ``text`` shortened and ``keep`` shown whole (a long
        section title gives way, its word count never; "Whole piece" stays whole, without
        "measured", rather than becoming "Whole …")."""
        if text + keep != self._text or keep != self._keep or short_keep != self._short_keep:
            self._text, self._keep, self._short_keep = text + keep, keep, short_keep
            self.update()

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(120, self.fontMetrics().height() + 2)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(0, self.fontMetrics().height() + 2)

    def paintEvent(self, _event) -> None:  # noqa: N802, ANN001
        p = QPainter(self)
        rect = self.rect()
        p.fillRect(rect, self.theme.color("panel_background"))
        p.setPen(self.theme.color(self.role))
        p.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.shown_text())
        p.end()

    def shown_text(self) -> str:
        """What fits the line's width: the text, shortened before the part to keep if need be."""
        metrics, width = self.fontMetrics(), self.width()
        head = self._text[:len(self._text) - len(self._keep)]
        if self._short_keep and metrics.horizontalAdvance(self._text) > width \
                and metrics.horizontalAdvance(head + self._short_keep) <= width:
            return head + self._short_keep
        room = width - metrics.horizontalAdvance(self._keep)
        if self._keep and room > metrics.horizontalAdvance("MMM…"):
            return metrics.elidedText(head, Qt.TextElideMode.ElideRight, room) + self._keep
        return metrics.elidedText(self._text, Qt.TextElideMode.ElideRight, width)
