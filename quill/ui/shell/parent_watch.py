"""A widget that follows its parent's resizes through an event filter, but only while it shows.

An event filter on the page's parent is handed every key release the page passes up: one Python
call a keystroke, for nothing while the widget (a notice, the voice panel) is hidden. Installed at
show and removed at hide, it costs nothing while it does nothing."""

from __future__ import annotations

from typing import Any


class WatchesParentWhileShown:
    """Mixin (before the Qt class in the bases) for a widget whose ``eventFilter`` watches its parent.
    ``may_watch_parent`` can hold it back (a notice not yet placed in a column)."""

    _watching = False

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)  # type: ignore[misc]
        self._watch_parent(True)

    def hideEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().hideEvent(event)  # type: ignore[misc]
        if not event.spontaneous():  # (the window minimised: still shown, still watching)
            self._watch_parent(False)

    def may_watch_parent(self) -> bool:
        return True

    def _watch_parent(self, watching: bool) -> None:
        if watching == self._watching or (watching and not self.may_watch_parent()):
            return
        self._watching = watching
        parent = self.parentWidget()  # type: ignore[attr-defined]
        if watching:
            parent.installEventFilter(self)
        else:
            parent.removeEventFilter(self)
