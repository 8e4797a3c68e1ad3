"""Where boxes shown over the page go: on the writer's column, never under the voice panel.

Centred on the whole window, the library ran under the open voice panel (seen under Xvfb). Boxes
now centre on the text column, which is where the eye already is (with the panel open the column
stays put while there is room), and give way to the left when that would reach the panel. Kept
apart from the overlays so that anything may ask (the import progress bar is on screen while the
library's overlay may never have been made).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QTimer
from PySide6.QtWidgets import QWidget

#: Space kept between a box and the voice panel (the column keeps as much; see WritingEditor.reserve_right).
PANEL_GAP = 24
EDGE = 16  # a box spanning the window keeps this much of it on either side


def _page_editor(parent: QWidget):  # noqa: ANN202 - the WritingEditor, if parent shows one
    editor = getattr(parent.window(), "editor", None)
    if editor is None or not editor.isVisible() or not parent.isAncestorOf(editor):
        return None
    return editor


def page_area(parent: QWidget) -> QRect:
    """The part of ``parent`` where the page shows, in ``parent``'s coordinates: the editor less
    what the voice panel covers of it (all of ``parent`` when it shows no page)."""
    editor = _page_editor(parent)
    if editor is None:
        return parent.rect()
    left = editor.mapTo(parent, QPoint(0, 0)).x()
    return QRect(left, 0, max(editor.width() - editor.reserved_right, 0), parent.height())


def centred_left(parent: QWidget, width: int) -> int:
    """Where a box ``width`` wide starts: centred on the text column, clear of the panel, inside ``parent``."""
    area = page_area(parent)
    editor = _page_editor(parent)
    if editor is None:
        centre = area.x() + area.width() // 2
    else:
        column = editor.viewport()
        centre = column.mapTo(parent, QPoint(column.width() // 2, 0)).x()
    left = centre - width // 2
    if editor is not None and editor.reserved_right:
        left = min(left, area.x() + area.width() - PANEL_GAP - width)
    return max(0, min(max(left, area.x()), parent.width() - width))


def box_across(parent: QWidget, widest: int, narrowest: int, margin: int = 80) -> tuple[int, int]:
    """``(left, width)`` for a box over the page: on the text column, up to ``widest`` and
    ``margin`` short of the column's width. When the column (a small window, the panel open) has
    less room than ``narrowest``, the box spans the window instead, the panel too: a box half
    over the panel read as a mistake, and one squeezed to the column clipped its own words."""
    width = min(widest, page_area(parent).width() - margin)
    if width >= narrowest:
        return centred_left(parent, width), width
    width = max(min(widest, parent.width() - 2 * EDGE), 0)
    return (parent.width() - width) // 2, width


class PageFollower(QObject):
    """Places a box again whenever the page under it changes: the window resized (full screen),
    or the voice panel took or gave back its side of the page (which resizes nothing).

    It watches only while the box is shown (it follows the box's own show and hide events): every
    key's release reaches the window's central widget, and a filter left on it would be one more
    Python call per key for the rest of the session.
    """

    def __init__(self, box: QWidget, place: Callable[[], None]) -> None:
        super().__init__(box)
        self._box = box
        self._place = place
        self._watched: QWidget | None = None
        self._editor = None
        box.installEventFilter(self)

    def start(self) -> None:
        parent = self._box.parentWidget()
        if parent is None or self._watched is not None:
            return
        parent.installEventFilter(self)
        self._watched = parent
        editor = _page_editor(parent)
        if editor is not None and hasattr(editor, "reservation_changed"):
            editor.reservation_changed.connect(self._place_soon)
            self._editor = editor

    def stop(self) -> None:
        if self._watched is not None:
            self._watched.removeEventFilter(self)
            self._watched = None
        if self._editor is not None:
            self._editor.reservation_changed.disconnect(self._place_soon)
            self._editor = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if watched is self._box:
            if kind == QEvent.Type.Show:
                self.start()
            elif kind == QEvent.Type.Hide:
                self.stop()
        elif watched is self._watched and kind == QEvent.Type.Resize:
            self._place_soon()
        return False

    def _place_soon(self) -> None:
        # Filters see a resize before the window's layout passes it on, and the panel reserves
        # its side before it has slid in: place once the page has its new size.
        QTimer.singleShot(0, self, self._place_if_shown)

    def _place_if_shown(self) -> None:
        if self._box.isVisible():
            self._place()
