"""A filterable overlay: a query field over a list, keyboard first, shown on top of the page.

The command palette, jump-to-heading and quick open (:mod:`quill.ui.shell.picker`) and the
library (:mod:`quill.ui.library.overlay`) are all this: the query field keeps focus, arrows
and page keys move the selection, Enter chooses, Esc closes. Subclasses decide what a row
holds, how it is painted (an :class:`OverlayRowDelegate`), and how typing filters.

Deliberately not a QCompleter: nothing here ever offers to finish the writer's words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QRegion
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from quill.ui.editor.editor import NO_PREDICTION_HINTS
from quill.ui.shell.placement import PageFollower
from quill.ui.shell.theme import Theme

_STEPS = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 8, Qt.Key.Key_PageUp: -8}


def move_selection(rows: QListWidget, key: int) -> bool:
    """Arrow and page keys typed in a filter field move the list's selection. True if handled."""
    step = _STEPS.get(key)
    if step is None:
        return False
    if rows.count():
        rows.setCurrentRow(min(max(rows.currentRow() + step, 0), rows.count() - 1))
    return True


class OverlayRowDelegate(QStyledItemDelegate):
    """Fixed-height rows with a rounded selection; subclasses paint the row's content."""

    HEIGHT = 30
    INSET = 1  # vertical gap between rows
    RADIUS = 6

    def __init__(self, overlay: FilterOverlay) -> None:
        super().__init__(overlay)
        self.overlay = overlay

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802, ANN001
        return QSize(option.rect.width(), self.HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:  # noqa: ANN001
        theme = self.overlay.theme
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = option.rect.adjusted(2, self.INSET, -2, -self.INSET)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.color("selection"))
            painter.drawRoundedRect(rect, self.RADIUS, self.RADIUS)
        self.paint_row(painter, option, rect, index.data(Qt.ItemDataRole.UserRole), theme)
        painter.restore()

    def paint_row(self, painter: QPainter, option: QStyleOptionViewItem, rect: QRect, row: Any,
                  theme: Theme) -> None:
        raise NotImplementedError


class PageScrim(QWidget):
    """A veil of the page's own colour between the page and a large box over it.

    Without it the library's card sat on the live page, and the lines below the card read as
    part of it. The page stays faintly there (the writer has not left it); a click on the veil
    closes the box, as a click outside any modal card does.
    """

    clicked = Signal()
    OPACITY = 0.86  # of the page's colour over the page: text shows as a trace, not as words to read
    #: a widget with this property set stays clear of the veil, seen and clickable (the notice with
    #: its Undo: under the veil, a click on Undo closed the library instead; seen on a review)
    ABOVE = "aboveVeil"

    def __init__(self, parent: QWidget, overlay: FilterOverlay) -> None:
        super().__init__(parent)
        self.setObjectName("pageScrim")
        self._overlay = overlay
        self._above: list[QWidget] = []
        self.hide()

    def cover(self) -> None:
        """Lie over the whole parent now, but for the widgets that stay above the veil."""
        parent = self.parentWidget()
        self.setGeometry(parent.rect())
        if not self._above:
            self._above = [w for w in parent.findChildren(QWidget) if w.property(self.ABOVE)]
            for widget in self._above:
                widget.installEventFilter(self)
        self._leave_clear()
        self.show()
        self.raise_()

    def _leave_clear(self) -> None:
        region = QRegion(self.rect())
        for widget in self._above:
            if widget.isVisible():
                clear = widget.rect_above_veil() if hasattr(widget, "rect_above_veil") else widget.rect()
                region -= QRegion(clear.translated(widget.mapTo(self.parentWidget(), QPoint(0, 0))))
        self.setMask(region)  # masked out: neither painted nor clicked; the widget below gets both

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.Show, QEvent.Type.Hide, QEvent.Type.Move, QEvent.Type.Resize):
            self._leave_clear()
        return False

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802, ARG002
        painter = QPainter(self)
        painter.fillRect(self.rect(), self._overlay.theme.color("background", round(255 * self.OPACITY)))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        event.accept()
        self.clicked.emit()


class FilterOverlay(QFrame):
    """The shared frame. ``chosen(payload)`` when the writer picks a row, ``closed()`` when it goes."""

    chosen = Signal(object)
    closed = Signal()
    #: a box as large as the library's dims the page behind it; the palette's small one does not
    DIMS_PAGE = False
    #: Esc first empties a search typed in the box, and closes it only when empty (the library: one
    #: Esc threw away a search that had taken some typing)
    ESC_CLEARS_QUERY = False

    def __init__(self, parent: QWidget, name: str, delegate: Callable[[FilterOverlay], OverlayRowDelegate]) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.query = QLineEdit(self)
        self.query.setInputMethodHints(NO_PREDICTION_HINTS)
        self.query.setClearButtonEnabled(False)
        self.list = QListWidget(self)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setUniformItemSizes(True)
        self.list.setItemDelegate(delegate(self))
        self.list.itemActivated.connect(self._activate)
        self.list.itemClicked.connect(self._activate)
        self.query.installEventFilter(self)
        #: said in the list's place when it has no rows ("Nothing matches …"): an empty box reads as broken
        self.empty_note = QLabel(self.list.viewport())
        self.empty_note.setObjectName("overlayEmpty")
        self.empty_note.setWordWrap(True)
        self.empty_note.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.empty_note.hide()
        self.list.viewport().installEventFilter(self)
        self._scrim: PageScrim | None = None
        self._follower = PageFollower(self, self._place_all)  # the window resized, the panel opened: place again

    # -- for subclasses -------------------------------------------------------------------------
    def payload(self, row: Any) -> Any:
        """What ``chosen`` carries for a row."""
        return row

    def handle_key(self, key: int, modifiers: Qt.KeyboardModifier) -> bool:
        """Keys of the overlay's own (Tab, …) typed in the query field. True if handled."""
        return False

    def place(self) -> None:
        """Size and position over the page (each overlay its own); again whenever the window resizes."""

    def before_choosing(self) -> None:
        """Called on Enter, before the selected row is chosen (e.g. to run a pending search)."""

    def show_rows(self, rows: Iterable[Any], label: Callable[[Any], str], tooltip: Callable[[Any], str],
                  empty: str = "") -> None:
        """Replace the list's rows and select the first; with none, say ``empty`` in their place."""
        self.list.clear()
        for row in rows:
            item = QListWidgetItem(label(row))
            item.setData(Qt.ItemDataRole.UserRole, row)
            tip = tooltip(row)
            if tip:
                item.setToolTip(tip)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.empty_note.setText(empty)
        self.empty_note.setVisible(not self.list.count() and bool(empty))
        self._place_empty_note()

    def _place_empty_note(self) -> None:
        viewport = self.list.viewport()
        self.empty_note.setGeometry(viewport.rect().adjusted(16, 10, -16, 0))

    def shown_rows(self) -> list[Any]:
        """The rows the list shows now, top to bottom."""
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def clear_query(self) -> None:
        """Empty the query field without filtering (the caller fills the list itself)."""
        self.query.blockSignals(True)
        self.query.clear()
        self.query.blockSignals(False)

    def present(self) -> None:
        """Show on top of the page with the query field focused."""
        if self.DIMS_PAGE:
            self._show_scrim()
        self.show()
        self.raise_()
        self.query.setFocus(Qt.FocusReason.PopupFocusReason)

    def _show_scrim(self) -> None:
        parent = self.parentWidget()
        if self._scrim is None:
            self._scrim = PageScrim(parent, self)
            self._scrim.clicked.connect(self.dismiss)
        self._scrim.cover()

    def repaint_scrim(self) -> None:
        """The theme changed while the box is shown: the veil takes the new page colour."""
        if self._scrim is not None:
            self._scrim.update()

    def _place_all(self) -> None:
        self.place()
        if self._scrim is not None and self._scrim.isVisible():
            self._scrim.setGeometry(self.parentWidget().rect())

    def hideEvent(self, event: QEvent) -> None:  # noqa: N802
        """However the box goes (Esc, a choice, the window's own commands), its veil goes with it."""
        if self._scrim is not None:
            self._scrim.hide()
        super().hideEvent(event)

    # -- shared behaviour -----------------------------------------------------------------------
    def dismiss(self) -> None:
        if self.isVisible():
            self.hide()
            self.closed.emit()

    def _activate(self, item: QListWidgetItem | None = None) -> None:
        item = item or self.list.currentItem()
        if item is None:
            return
        payload = self.payload(item.data(Qt.ItemDataRole.UserRole))
        self.dismiss()
        self.chosen.emit(payload)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.list.viewport() and event.type() == QEvent.Type.Resize:
            self._place_empty_note()
            return False
        if watched is self.query and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key == Qt.Key.Key_Escape:
                if self.ESC_CLEARS_QUERY and self.query.text():
                    self.query.clear()  # filters again through textChanged, as typing does
                else:
                    self.dismiss()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.before_choosing()
                self._activate()
                return True
            if self.handle_key(key, event.modifiers()) or move_selection(self.list, key):
                return True
        return super().eventFilter(watched, event)
