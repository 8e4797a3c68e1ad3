"""A keyboard-first list that filters as you type: the command palette, jump-to-heading, quick open.

Deliberately not a QCompleter: nothing here ever offers to finish the writer's words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QStyleOptionViewItem, QVBoxLayout, QWidget

from quill.matching import is_full_title, score
from quill.ui.shell.overlay import FilterOverlay, OverlayRowDelegate
from quill.ui.shell.placement import box_across
from quill.ui.shell.theme import Theme


@dataclass(frozen=True)
class PickerItem:
    label: str
    detail: str = ""
    payload: Any = None
    keywords: str = ""
    #: cannot be undone: listed after everything else and never selected for a bare Enter
    #: unless its whole title was typed
    guarded: bool = False
    #: the writer's own habits (recent, frequent): added to the match score, less than one title word
    boost: float = 0.0


def matches(query: str, item: PickerItem) -> bool:
    """Does the query match the item at all (see :func:`quill.matching.score`)?"""
    return score(query, item.label, f"{item.detail} {item.keywords}") is not None


def ranked(query: str, items: Sequence[PickerItem]) -> list[PickerItem]:
    """The matching items, best first: title words over hidden keywords, the writer's habits next,
    guarded items last unless their whole title was typed; ties keep the given order."""
    scored = []
    for index, item in enumerate(items):
        got = score(query, item.label, f"{item.detail} {item.keywords}")
        if got is None:
            continue
        held_back = item.guarded and not is_full_title(query, item.label)
        scored.append((held_back, -(got + item.boost), index, item))
    scored.sort(key=lambda t: t[:3])
    return [t[3] for t in scored]


class _RowDelegate(OverlayRowDelegate):
    """Label on the left, detail (a shortcut, a date) on the right in a fainter colour."""

    HEIGHT = 30

    def paint_row(self, painter: QPainter, option: QStyleOptionViewItem, rect: QRect, item: PickerItem,
                  theme: Theme) -> None:
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


class Picker(FilterOverlay):
    """``chosen(payload)`` with the chosen item's payload."""

    def __init__(self, parent: QWidget, theme: Theme) -> None:
        super().__init__(parent, "picker", _RowDelegate)
        self._items: list[PickerItem] = []
        self.title = QLabel(self)
        self.title.setObjectName("pickerTitle")
        self.query.setObjectName("pickerQuery")
        self.list.setObjectName("pickerList")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.query)
        layout.addWidget(self.list)
        self.query.textChanged.connect(self._refilter)
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
            QLabel#overlayEmpty {{ color: {theme.faint}; font-size: 14px; }}
            QListWidget#pickerList {{ background: transparent; color: {theme.text}; border: none;
                                      font-size: 14px; outline: none; }}
            QListWidget#pickerList::item {{ padding: 5px 6px; border-radius: 5px; }}
            QListWidget#pickerList::item:selected {{ background: {theme.selection}; color: {theme.text}; }}
            """ + theme.scrollbar_qss()
        )

    def open(self, title: str, items: Sequence[PickerItem], placeholder: str = "Type to filter",
             current: Any = None) -> None:
        """Show ``items``; the one whose payload is ``current`` (what is chosen now) starts selected,
        so Enter alone changes nothing (the language picker had the first row selected, and Enter
        wrote another language into the piece)."""
        self._items = list(items)
        self.title.setText(title.upper())
        self.query.setPlaceholderText(placeholder)
        self.clear_query()
        self._refilter("")
        if current is not None:
            for row, item in enumerate(self.shown_rows()):
                if item.payload == current:
                    self.list.setCurrentRow(row)
                    break
        self.place()
        self.present()

    def place(self) -> None:
        parent = self.parentWidget()
        left, width = box_across(parent, 640, 320)
        chrome = self.title.sizeHint().height() + self.query.sizeHint().height() + 8 * 2 + 12 * 2 + 8
        room = max(parent.height() - 160, 160) - chrome - 6
        row = self.list.sizeHintForRow(0) if self.list.count() else _RowDelegate.HEIGHT
        # Whole rows only: the list's height was what the estimated chrome left over, and its last
        # row showed cut in half under the edge (in the commands palette).
        rows = max(min(self.list.count(), 12, room // max(row, 1)), 1)
        self.list.setFixedHeight(rows * row + 2 * self.list.frameWidth())
        layout = self.layout()
        height = layout.sizeHint().height() if layout is not None else chrome + rows * row + 6
        self.setGeometry(left, max(parent.height() // 8, 40), width, height)

    def visible_items(self) -> list[PickerItem]:
        return self.shown_rows()

    def payload(self, row: PickerItem) -> Any:
        return row.payload

    def _refilter(self, query: str) -> None:
        rows = ranked(query, self._items)
        self.show_rows(rows, lambda item: item.label, lambda item: item.detail,
                       f"Nothing matches “{query.strip()}”." if query.strip() else "Nothing here yet.")
        if rows and rows[0].guarded and not is_full_title(query, rows[0].label):
            # Only guarded rows match: Enter alone must not run one. The writer picks it with
            # the arrow keys (or types its whole title), and it still asks first.
            self.list.setCurrentRow(-1)
        if self.isVisible():
            self.place()
