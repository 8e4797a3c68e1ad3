"""A keyboard-first list that filters as you type: the command palette, jump-to-heading, quick open.

Deliberately not a QCompleter: nothing here ever offers to finish the writer's words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from quill.ui.editor.editor import NO_PREDICTION_HINTS
from quill.ui.shell.theme import Theme


@dataclass(frozen=True)
class PickerItem:
    label: str
    detail: str = ""
    payload: Any = None
    keywords: str = ""


def matches(query: str, item: PickerItem) -> bool:
    """Every word of the query appears in the label, detail or keywords (case-insensitive)."""
    haystack = f"{item.label} {item.detail} {item.keywords}".casefold()
    return all(part in haystack for part in query.casefold().split())


_STEPS = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 8, Qt.Key.Key_PageUp: -8}


def move_selection(rows: QListWidget, key: int) -> bool:
    """Arrow and page keys typed in a filter field move the list's selection. True if handled."""
    step = _STEPS.get(key)
    if step is None:
        return False
    if rows.count():
        rows.setCurrentRow(min(max(rows.currentRow() + step, 0), rows.count() - 1))
    return True


class _RowDelegate(QStyledItemDelegate):
    """Label on the left, detail (a shortcut, a date) on the right in a fainter colour."""

    ROW_HEIGHT = 30

    def __init__(self, picker: Picker) -> None:
        super().__init__(picker)
        self._picker = picker

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802, ANN001
        return QSize(option.rect.width(), self.ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:  # noqa: ANN001
        item: PickerItem = index.data(Qt.ItemDataRole.UserRole)
        theme = self._picker.theme
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = option.rect.adjusted(2, 1, -2, -1)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.color("selection"))
            painter.drawRoundedRect(rect, 6, 6)
        text_rect = rect.adjusted(10, 0, -10, 0)
        painter.setFont(option.font)
        painter.setPen(theme.color("faint"))
        detail_width = painter.fontMetrics().horizontalAdvance(item.detail) if item.detail else 0
        if item.detail:
            painter.drawText(text_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, item.detail)
        painter.setPen(theme.color("text"))
        label_rect = text_rect.adjusted(0, 0, -(detail_width + 16), 0)
        label = painter.fontMetrics().elidedText(item.label, Qt.TextElideMode.ElideRight, label_rect.width())
        painter.drawText(label_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
        painter.restore()


class Picker(QFrame):
    chosen = Signal(object)
    closed = Signal()

    def __init__(self, parent: QWidget, theme: Theme) -> None:
        super().__init__(parent)
        self.setObjectName("picker")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._items: list[PickerItem] = []
        self.title = QLabel(self)
        self.title.setObjectName("pickerTitle")
        self.query = QLineEdit(self)
        self.query.setObjectName("pickerQuery")
        self.query.setInputMethodHints(NO_PREDICTION_HINTS)
        self.query.setClearButtonEnabled(False)
        self.list = QListWidget(self)
        self.list.setObjectName("pickerList")
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setUniformItemSizes(True)
        self.list.setItemDelegate(_RowDelegate(self))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.query)
        layout.addWidget(self.list)
        self.query.textChanged.connect(self._refilter)
        self.query.installEventFilter(self)
        self.list.itemActivated.connect(self._activate)
        self.list.itemClicked.connect(self._activate)
        self.apply_theme(theme)
        self.hide()

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.setStyleSheet(
            f"""
            QFrame#picker {{ background: {theme.panel_background}; border: 1px solid {theme.dim};
                             border-radius: 10px; }}
            QLabel#pickerTitle {{ color: {theme.faint}; font-size: 11px; letter-spacing: 1px; }}
            QLineEdit#pickerQuery {{ background: {theme.background}; color: {theme.text};
                                     border: 1px solid {theme.dim}; border-radius: 6px; padding: 6px 8px;
                                     font-size: 15px; selection-background-color: {theme.selection}; }}
            QListWidget#pickerList {{ background: transparent; color: {theme.text}; border: none;
                                      font-size: 14px; outline: none; }}
            QListWidget#pickerList::item {{ padding: 5px 6px; border-radius: 5px; }}
            QListWidget#pickerList::item:selected {{ background: {theme.selection}; color: {theme.text}; }}
            """
        )

    def open(self, title: str, items: Sequence[PickerItem], placeholder: str = "Type to filter") -> None:
        self._items = list(items)
        self.title.setText(title.upper())
        self.query.setPlaceholderText(placeholder)
        self.query.blockSignals(True)
        self.query.clear()
        self.query.blockSignals(False)
        self._refilter("")
        self._place()
        self.show()
        self.raise_()
        self.query.setFocus(Qt.FocusReason.PopupFocusReason)

    def _place(self) -> None:
        parent = self.parentWidget()
        width = min(640, max(parent.width() - 80, 320))
        rows = max(min(self.list.count(), 12), 1)
        chrome = self.title.sizeHint().height() + self.query.sizeHint().height() + 8 * 2 + 12 * 2 + 8
        height = min(chrome + rows * _RowDelegate.ROW_HEIGHT + 6, max(parent.height() - 160, 160))
        self.setGeometry((parent.width() - width) // 2, max(parent.height() // 8, 40), width, height)

    def visible_items(self) -> list[PickerItem]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def _refilter(self, query: str) -> None:
        self.list.clear()
        for item in self._items:
            if matches(query, item):
                row = QListWidgetItem(item.label)
                row.setData(Qt.ItemDataRole.UserRole, item)
                if item.detail:
                    row.setToolTip(item.detail)
                self.list.addItem(row)
        if self.list.count():
            self.list.setCurrentRow(0)
        if self.isVisible():
            self._place()

    def _activate(self, row: QListWidgetItem | None = None) -> None:
        row = row or self.list.currentItem()
        if row is None:
            return
        item: PickerItem = row.data(Qt.ItemDataRole.UserRole)
        self.dismiss()
        self.chosen.emit(item.payload)

    def dismiss(self) -> None:
        if self.isVisible():
            self.hide()
            self.closed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.query and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key == Qt.Key.Key_Escape:
                self.dismiss()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._activate()
                return True
            if move_selection(self.list, key):
                return True
        return super().eventFilter(watched, event)
