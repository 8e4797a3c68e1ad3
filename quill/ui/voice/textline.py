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
    def __init__(self, theme: Theme, tooltip: str, role: str = "faint", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.role = role
        self._text = ""
        self.setToolTip(tooltip)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:  # noqa: N802 - reads like the QLabel it stands in for
        if text != self._text:
            self._text = text
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
        shown = self.fontMetrics().elidedText(self._text, Qt.TextElideMode.ElideRight, rect.width())
        p.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown)
        p.end()
