"""Flow mode in the window: the page only moves forward until the writer leaves it.

An event filter on the editor (and its viewport, for the mouse) lets typing through and holds
back what edits the past: Backspace and Delete beyond the word being typed (plus the
allowance of :func:`quill.flow.deletable_from`), selecting, cutting, undo and moving the cursor
backwards, and the commands that would do the same from the palette (Undo, Find, Jump to
heading). A held-back key shows a quiet hint in the status line instead. Nothing is taken
from the undo history: after flow mode ends, Ctrl+Z undoes the draft as usual. Optionally a
goal (N words or N minutes, a setting) ends flow mode by itself.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QTextCursor

from quill.flow import FlowGoal, deletable_from, may_delete_forward
from quill.utf16 import index_from_utf16, utf16_from_index

HINT = "Flow mode: keep going — editing waits until you leave it (Ctrl+Shift+D)"
HINT_MS = 2500

_BACKWARD_KEYS = {Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_Home, Qt.Key.Key_PageUp}
_NAVIGATION_KEYS = _BACKWARD_KEYS | {Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_End, Qt.Key.Key_PageDown}
_BLOCKED_SEQUENCES = (
    QKeySequence.StandardKey.SelectAll, QKeySequence.StandardKey.Cut, QKeySequence.StandardKey.Undo,
    QKeySequence.StandardKey.Redo, QKeySequence.StandardKey.DeleteStartOfWord,
    QKeySequence.StandardKey.DeleteEndOfWord, QKeySequence.StandardKey.DeleteCompleteLine,
    QKeySequence.StandardKey.DeleteEndOfLine,  # Ctrl+K took the rest of a paragraph (found on a review)
)
#: Commands that edit or select the past, or move the cursor back into it, from the palette or
#: their shortcuts (Ctrl+F, Ctrl+H, F3, Ctrl+J): held back as the keys that would do it are.
_BLOCKED_COMMANDS = frozenset(["undo", "redo", "find", "replace", "find_next", "find_previous", "headings",
                               "spell_menu"])
_MOUSE_EVENTS = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseButtonRelease)


class FlowController(QObject):
    """``window.flow``: toggled by the palette and Ctrl+Shift+D."""

    changed = Signal(bool)

    def __init__(self, window) -> None:  # noqa: ANN001 - MainWindow
        super().__init__(window)
        self.window = window
        self.editor = window.editor
        self._viewport = window.editor.viewport()
        self.active = False
        self.blocked = 0  # keys and clicks held back since flow mode began (for tests and the hint)
        self.goal: FlowGoal | None = None
        self._floor: QTextCursor | None = None
        #: How far back Backspace may reach; it only ever moves forward, so deleting the word being
        #: typed does not turn the previous one into "the word being typed" (and so on backwards).
        self._reach = 0
        self._started_at = 0.0
        self._start_words = 0
        self._start_length = 0
        self._goal_timer = QTimer(self, interval=1000)
        self._goal_timer.timeout.connect(self.check_goal)
        self._hint_timer = QTimer(self, singleShot=True, interval=HINT_MS)
        self._hint_timer.timeout.connect(window.refresh_status)
        window.documents.leaving.connect(self._on_leaving)
        window.closing.connect(self._on_closing)
        window.commands.guards.append(self._allows_command)

    # -- on and off -------------------------------------------------------------------------
    def toggle(self) -> None:
        self.stop() if self.active else self.start()

    def start(self) -> None:
        if self.active:
            return
        settings = self.window.settings
        self.active = True
        self.blocked = 0
        cursor = self.editor.textCursor()
        cursor.clearSelection()
        self.editor.setTextCursor(cursor)
        floor = QTextCursor(self.editor.document())
        floor.setPosition(cursor.position())
        floor.setKeepPositionOnInsert(True)  # what is typed from here on lies after the floor
        self._floor = floor
        self._reach = cursor.position()
        self._started_at = self.window.clock()
        self._start_words = self.editor.word_count()
        self._start_length = self.editor.text_length()
        self.goal = FlowGoal.parse(settings.flow_goal)
        if self.goal is not None:
            self._goal_timer.start()
        self.editor.installEventFilter(self)
        self._viewport.installEventFilter(self)
        find_bar = getattr(self.window, "find_bar", None)
        if find_bar is not None and find_bar.isVisible():
            find_bar.dismiss()  # open, its Replace all still rewrote the past (found on a review)
        goal = f" until {self.goal.describe()}" if self.goal else ""
        self.window.show_notice(f"Flow mode{goal}: just draft. Backspace reaches only the last word. "
                                "Ctrl+Shift+D ends it.", "info", 4000)
        self.window.refresh_status()
        self.changed.emit(True)

    def stop(self, reason: str = "") -> None:
        if not self.active:
            return
        self.active = False
        self._goal_timer.stop()
        self.editor.removeEventFilter(self)
        self._viewport.removeEventFilter(self)
        self._floor = None
        self.window.show_notice(reason or "Flow mode ended: editing is back (Ctrl+Z undoes as usual).", "info",
                                4000)
        self.window.refresh_status()
        self.changed.emit(False)

    def _on_closing(self) -> None:
        if self.active:
            self.active = False
            self._goal_timer.stop()
            self.editor.removeEventFilter(self)
            self._viewport.removeEventFilter(self)

    def _on_leaving(self) -> None:
        self.stop("Flow mode ended with the piece.")

    def status_text(self) -> str:
        """The status line's steady mark while flow mode is on (the notice that announced it fades)."""
        if not self.active:
            return ""
        if self.goal is None:
            return "flow mode"
        words = self.editor.word_count() - self._start_words
        characters = self.editor.text_length() - self._start_length
        return f"flow · {self.goal.progress(words, characters, self.window.clock() - self._started_at)}"

    def check_goal(self) -> None:
        if not self.active or self.goal is None:
            return
        words = self.editor.word_count() - self._start_words
        characters = self.editor.text_length() - self._start_length
        if self.goal.reached(words, characters, self.window.clock() - self._started_at):
            self.stop(f"Flow goal reached ({self.goal.describe()}). Editing is back.")

    # -- the filter ---------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if not self.active:
            return False
        kind = event.type()
        if kind == QEvent.Type.KeyPress:
            allowed = self._allows(event)
            if not allowed:
                self._hold_back()
            return not allowed
        if kind == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and not self._allows(event):
            event.accept()  # keep window shortcuts (undo in the palette's keys) from acting on it
            return True
        if kind == QEvent.Type.ContextMenu:
            # The page's menu offers Select all, Undo, Paste over a selection and spelling
            # suggestions: each edits the past (Select all, then a key, emptied a piece; a review).
            self._hold_back()
            return True
        if watched is self._viewport and (kind in _MOUSE_EVENTS or (
                kind == QEvent.Type.MouseMove and event.buttons() != Qt.MouseButton.NoButton)):
            if kind == QEvent.Type.MouseButtonPress:
                self._hold_back()
            return True  # a click moves the cursor, a drag selects
        return False

    def _allows(self, event: QKeyEvent) -> bool:
        key = event.key()
        modifiers = event.modifiers()
        if any(event.matches(sequence) for sequence in _BLOCKED_SEQUENCES):
            return False
        if key in _NAVIGATION_KEYS:
            if modifiers & Qt.KeyboardModifier.ShiftModifier:
                return False  # selecting
            return key not in _BACKWARD_KEYS  # forward is fine: nothing behind the cursor changes
        if key == Qt.Key.Key_Backspace:
            return not (modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)) \
                and self._may_backspace()
        if key == Qt.Key.Key_Delete:
            return not (modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)) \
                and self._may_delete()
        return True

    def _context(self) -> tuple[str, str, int]:
        """The cursor's paragraph split at the cursor (code points), and the floor in that paragraph."""
        cursor = self.editor.textCursor()
        block = cursor.block()
        text = block.text()
        local = index_from_utf16(text, cursor.position() - block.position())
        floor = 0
        if self._floor is not None:
            floor_position = self._floor.position()
            if floor_position >= block.position():
                floor = index_from_utf16(text, floor_position - block.position())
        return text[:local], text[local:], floor

    def _may_backspace(self) -> bool:
        before, _after, floor = self._context()
        allowance = max(int(self.window.settings.flow_allowance_words), 0)
        cursor = self.editor.textCursor()
        block_start = cursor.block().position()
        reach_here = block_start + utf16_from_index(before, deletable_from(before, allowance))
        # Text typed since the last Backspace moved the word being typed forward: so does the reach.
        self._reach = max(self._reach, reach_here)
        limit = max(self._reach, block_start + utf16_from_index(before, floor))
        return cursor.position() > limit

    def _may_delete(self) -> bool:
        before, after, floor = self._context()
        word_start = deletable_from(before, 0)
        return may_delete_forward(before, after) and word_start >= floor

    def _allows_command(self, command_id: str) -> bool:
        if self.active and command_id in _BLOCKED_COMMANDS:
            self._hold_back()
            return False
        return True

    def _hold_back(self) -> None:
        self.blocked += 1
        status = self.window.status
        status.center.setText(HINT)
        status.fade(True)
        self._hint_timer.start()


def ask_flow_goal(window) -> None:  # noqa: ANN001 - MainWindow
    """Set (or clear) the goal that ends flow mode by itself; kept in settings as ``flow_goal``."""
    from quill.ui.shell import dialogs

    answer = dialogs.ask_text(window, "Flow mode goal", "End flow mode by itself after (e.g. 45 minutes, "
                              "500 words; empty for never):", window.settings.flow_goal)
    if answer is None:
        return
    answer = answer.strip()
    if answer and FlowGoal.parse(answer) is None:
        window.show_notice(f"Quill did not understand “{answer}”; try “45 minutes” or “500 words”.", "warning")
        return
    window.settings.flow_goal = answer
    window.persist_settings()
    window.show_notice(f"Flow mode now ends after {FlowGoal.parse(answer).describe()}." if answer
                       else "Flow mode now ends only when you leave it.", "info", 3000)


def install_flow_mode(window) -> FlowController:  # noqa: ANN001 - MainWindow
    existing = getattr(window, "flow", None)
    if isinstance(existing, FlowController):
        return existing
    controller = FlowController(window)
    window.flow = controller
    window.commands.add("flow_mode", "Flow mode (just draft)", controller.toggle, ["Ctrl+Shift+D"],
                        "draft no editing backspace forward only write")
    window.commands.add("flow_goal", "Flow mode goal…", lambda: ask_flow_goal(window), (),
                        "flow draft minutes words flight end")
    return controller
