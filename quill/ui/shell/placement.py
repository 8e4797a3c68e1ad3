"""Where boxes shown over the page go: on the writer's column, never under the voice panel.

Centred on the whole window, the library ran under the open voice panel (seen under Xvfb). Boxes
now centre on the text column, which is where the eye already is (with the panel open the column
stays put while there is room), and give way to the left when that would reach the panel. Kept
apart from the overlays so that anything may ask (the import progress bar is on screen while the
library's overlay may never have been made).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QWidget

#: Space kept between a box and the voice panel (the column keeps as much; see WritingEditor.reserve_right).
PANEL_GAP = 24


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
