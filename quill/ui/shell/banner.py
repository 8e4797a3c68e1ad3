"""A calm, dismissable message above the page: what happened and what Quill is doing about it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from quill.ui.shell.fonts import interface_font
from quill.ui.shell.parent_watch import WatchesParentWhileShown
from quill.ui.shell.theme import Theme

#: an info notice stays this long, plus a little per character (so a longer one can be read), at most MAX
INFO_BASE_MS, INFO_PER_CHAR_MS, INFO_MAX_MS = 3500, 45, 12000
#: a notice that offers to take its action back (Undo) stays at least this long: time to notice
#: what happened and reach for the button
ACTION_MIN_MS = 15000
RIGHT_MARGIN = 12


def reading_time_ms(text: str) -> int:
    return min(INFO_MAX_MS, INFO_BASE_MS + INFO_PER_CHAR_MS * len(text))


class Banner(WatchesParentWhileShown, QWidget):
    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setProperty("aboveVeil", True)  # a notice stays readable, its Undo reachable, over the library's veil
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setFont(interface_font(10))
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QPushButton("×", self)
        self.close_button.setFlat(True)
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.close_button.setToolTip("Dismiss")
        self.close_button.clicked.connect(self.hide)
        #: the notice's one action ("Undo"), shown only with a message that offers one
        self.action_button = QPushButton(self)
        self.action_button.setObjectName("bannerAction")
        self.action_button.setFlat(True)
        self.action_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.action_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.action_button.setFont(interface_font(10))
        self.action_button.clicked.connect(self._run_action)
        self.action_button.hide()
        self._action: Callable[[], None] | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(18, 8, RIGHT_MARGIN, 8)
        self._layout = layout
        layout.addWidget(self.message, 1)
        layout.addWidget(self.action_button)
        layout.addWidget(self.close_button)
        self.kind = "info"
        self.topic = ""
        self.about_piece = False  # the message concerns the open piece: it goes when another opens
        self.shown = 0  # how many messages were shown: identifies the current one
        #: takes an info notice away after its reading time; stopped by anything shown after it
        self.fade = QTimer(self, singleShot=True)
        self.fade.timeout.connect(self.hide)
        self._column: QBoxLayout | None = None  # the page's column, when notices may float over it
        self._room: Callable[[], int] = lambda: 0
        self.floating = False
        self._covered_right = 0  # pixels at the right edge the voice panel lies over
        self.apply_theme(theme)
        self.hide()

    def float_within(self, column: QBoxLayout, room: Callable[[], int]) -> None:
        """Let passing notices float over the page's blank top margin (``room()`` pixels high)
        instead of pushing the page down and back a few seconds later. Warnings, which stay until
        dealt with, keep their own row in ``column`` (its first item) and never cover the text."""
        self._column = column
        self._room = room
        if self.isVisible():
            self._watch_parent(True)

    def may_watch_parent(self) -> bool:
        return self._column is not None  # placed in a column: its resizes move the notice

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False

    def _place(self) -> None:
        column, page = self._column, self.parentWidget()
        if column is None or page is None:
            return
        width = page.width()
        layout = self.layout()
        height = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else self.sizeHint().height()
        floating = self.kind != "warning" and 0 < height <= self._room()
        if floating != self.floating:
            self.floating = floating
            if floating:
                column.removeWidget(self)
            else:
                column.insertWidget(0, self)
        if floating:
            self.setGeometry(0, 0, width, height)
            self.raise_()

    def reserve_right(self, pixels: int) -> None:
        """Something (the voice panel) covers ``pixels`` at the right edge: keep the message and its
        × clear of it (the panel lies over the banner's right end, as over the page's)."""
        self._covered_right = pixels
        margins = self._layout.contentsMargins()
        if margins.right() != RIGHT_MARGIN + pixels:
            margins.setRight(RIGHT_MARGIN + pixels)
            self._layout.setContentsMargins(margins)

    def rect_above_veil(self) -> QRect:
        """The part of the notice a veil over the page leaves clear: not the strip under the voice
        panel, which the veil must still dim (a hole there showed the panel's header; a review)."""
        return self.rect().adjusted(0, 0, -self._covered_right, 0)

    def apply_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._restyle()

    def _restyle(self) -> None:
        t = self._theme
        edge = t.warning if self.kind == "warning" else t.accent
        self.setStyleSheet(
            f"QWidget#banner {{ background: {t.panel_background}; border-bottom: 2px solid {edge}; }}"
            f" QLabel {{ color: {t.text}; }} QPushButton {{ color: {t.faint}; border: none; font-size: 16px; }}"
            f" QPushButton#bannerAction {{ color: {t.accent}; font-size: 10pt; font-weight: 600; padding: 0 10px; }}"
            f" QPushButton#bannerAction:hover {{ text-decoration: underline; }}"
        )

    def show_message(self, text: str, kind: str = "info", topic: str = "", *, sticky: bool = False,
                     about_piece: bool = False, action: tuple[str, Callable[[], None]] | None = None) -> bool:
        """Show ``text`` unless it would hide a graver message: an "info" notice never replaces a
        visible warning, except one about its own ``topic`` (a "saved again" ends a save failure,
        but must not hide that the recovery journal cannot be written). Returns whether shown.

        Notices leave by themselves: an "info" notice fades after its reading time (unless
        ``sticky``); a warning stays until the writer dismisses it or its state changes
        (:meth:`retract`). A message ``about_piece`` also goes when another piece opens
        (:meth:`retract_piece_notice`): "this file is read-only" must not stay over the next one.
        ``action`` (a label and what it does) puts one button beside the message: "Undo" after
        moving a piece to the trash. Such a notice stays at least :data:`ACTION_MIN_MS`; the
        button runs its action once and the notice goes."""
        if self.isVisible() and self.kind == "warning" and kind != "warning" and topic != self.topic:
            return False
        self.kind = kind
        self.topic = topic
        self.about_piece = about_piece
        self.shown += 1
        self._restyle()
        self.message.setText(text)
        self._action = action[1] if action is not None else None
        self.action_button.setText(action[0] if action is not None else "")
        self.action_button.setVisible(action is not None)
        self._place()
        self.show()
        self.fade.stop()
        if kind != "warning" and not sticky:
            self.fade.start(max(reading_time_ms(text), ACTION_MIN_MS) if action is not None else reading_time_ms(text))
        return True

    def _run_action(self) -> None:
        action, self._action = self._action, None
        self.hide()
        if action is not None:
            action()

    def retract(self, topic: str) -> None:
        """The state a notice described is over ("… is in the trash" after a restore): take it away."""
        if topic and self.isVisible() and self.topic == topic:
            self.hide()

    def retract_piece_notice(self) -> None:
        """Another piece is now open: a message about the one before it is over."""
        if self.isVisible() and self.about_piece:
            self.hide()

    def hide_if_still(self, shown: int) -> None:
        """Hide the message numbered ``shown``, if it is still the one showing (a timed info notice
        must not take a later warning away with it)."""
        if self.shown == shown:
            self.hide()

    def text(self) -> str:
        return self.message.text() if self.isVisible() else ""
