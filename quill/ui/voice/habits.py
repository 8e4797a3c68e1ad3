"""The habits list: tell words and constructions, grouped, each a link to its next use."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

KIND_LABEL = {
    "word": "stock word", "phrase": "stock phrase", "participle": "trailing “, -ing” clause",
    "contrast": "“not X but Y”", "transition": "opening transition", "triad": "list of three",
}


MAX_ROWS_SHOWN = 6


class HabitsList(QListWidget):
    """One row per habit (most frequent first); activating a row jumps to its next occurrence."""

    jump = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shown: list[tuple[str, str, int]] | None = None  # None: nothing set yet (not even "none")
        self._positions: dict[tuple[str, str], tuple[int, ...]] = {}
        self.cursor_position = 0
        #: where the editor's cursor is now, read when a habit is clicked (the panel does not refresh
        #: for every cursor move, so cursor_position may be older)
        self.cursor_source: Callable[[], int] | None = None
        self.setFrameShape(QListWidget.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setToolTip("Words and constructions that machine prose leans on. They are not errors — many "
                        "are fine in moderation. Click one to go to its next use after the cursor.")
        self.itemClicked.connect(self._on_clicked)

    def set_rows(self, habits: list[tuple[str, str, tuple[int, ...]]]) -> None:
        """``habits``: (text, kind, starts) per habit, most frequent first (see ``analysis.habit_rows``)."""
        self._positions = {(text, kind): starts for text, kind, starts in habits}
        shown = [(text, kind, len(starts)) for text, kind, starts in habits]
        if shown == self._shown:
            return
        self._shown = shown
        self.clear()
        if not shown:
            item = QListWidgetItem("No habit words found.")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addItem(item)
            self._fit_rows()
            return
        for text, kind, n in shown:
            item = QListWidgetItem(self._label(text, kind, n))
            item.setData(Qt.ItemDataRole.UserRole, (text, kind))
            item.setToolTip(f"“{text}”: {KIND_LABEL.get(kind, kind)} — {n} in this scope. "
                            "Click to go to the next one.")
            self.addItem(item)
        self._fit_rows()

    def _label(self, text: str, kind: str, n: int) -> str:
        """“the words” · what kind ×n, the words shortened to the row's width: a long list of three
        ran off the row's edge and took its kind and count with it."""
        tail = f" · {KIND_LABEL.get(kind, kind)}" + (f"   ×{n}" if n > 1 else "")
        metrics = self.fontMetrics()
        room = self.viewport().width() - metrics.horizontalAdvance(tail + "“”") - 12
        if room <= metrics.averageCharWidth() * 6:
            room = metrics.averageCharWidth() * 40  # not laid out yet: about forty characters
        words = metrics.elidedText(" ".join(text.split()), Qt.TextElideMode.ElideRight, room)
        return f"“{words}”{tail}"

    def resizeEvent(self, event) -> None:  # noqa: N802, ANN001
        super().resizeEvent(event)
        counts = {(text, kind): n for text, kind, n in self._shown or []}
        for row in range(self.count()):
            item = self.item(row)
            key = item.data(Qt.ItemDataRole.UserRole)
            if key:
                item.setText(self._label(key[0], key[1], counts.get(tuple(key), 1)))

    def _fit_rows(self) -> None:
        """As tall as its rows, up to :data:`MAX_ROWS_SHOWN` (then it scrolls): one line saying
        there are none is one line, not an empty box."""
        rows = min(max(self.count(), 1), MAX_ROWS_SHOWN)
        row = self.sizeHintForRow(0) if self.count() else self.fontMetrics().height() + 4
        self.setFixedHeight(rows * max(row, 1) + 2 * self.frameWidth() + 4)

    def rows(self) -> list[tuple[str, str, int]]:
        return list(self._shown or [])

    def next_position(self, text: str, kind: str) -> int | None:
        starts = self._positions.get((text, kind))
        if not starts:
            return None
        cursor = self.cursor_source() if self.cursor_source is not None else self.cursor_position
        after = [s for s in starts if s > cursor]
        return after[0] if after else starts[0]

    def _on_clicked(self, item: QListWidgetItem) -> None:
        key = item.data(Qt.ItemDataRole.UserRole)
        if key:
            position = self.next_position(*key)
            if position is not None:
                self.jump.emit(position)
