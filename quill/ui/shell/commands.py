"""Every command has a name, a shortcut and a place in the palette: one registry for all three."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


@dataclass
class Command:
    id: str
    title: str
    callback: Callable[[], object]
    shortcuts: Sequence[str] = ()
    keywords: str = ""
    #: cannot be undone (or loses the writer's work or settings): never run by a partial match and
    #: Enter in the palette, and always confirmed with the safe answer as the default
    destructive: bool = False
    action: QAction | None = field(default=None, repr=False)

    def shortcut_text(self) -> str:
        if not self.shortcuts:
            return ""
        return QKeySequence(self.shortcuts[0]).toString(QKeySequence.SequenceFormat.NativeText)


class CommandRegistry:
    def __init__(self, host: QWidget) -> None:
        self._host = host
        self._commands: dict[str, Command] = {}
        #: called with a command's id whenever it runs (the window counts uses for the palette)
        self.on_run: Callable[[str], None] | None = None
        #: asked before a command runs, with its id: one that answers False holds it back (flow mode
        #: holds back undo, find and the heading jump, which would edit or move into the past)
        self.guards: list[Callable[[str], bool]] = []

    def add(self, id: str, title: str, callback: Callable[[], object], shortcuts: Sequence[str] = (),
            keywords: str = "", destructive: bool = False) -> Command:
        command = Command(id, title, callback, tuple(shortcuts), keywords, destructive)
        action = QAction(title, self._host)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.triggered.connect(lambda _checked=False, i=id: self.run(i))
        self._host.addAction(action)
        command.action = action
        self._commands[id] = command
        return command

    def run(self, id: str) -> None:
        if not all(guard(id) for guard in self.guards):
            return
        if self.on_run is not None:
            self.on_run(id)
        self._commands[id].callback()

    def __getitem__(self, id: str) -> Command:
        return self._commands[id]

    def __contains__(self, id: str) -> bool:
        return id in self._commands

    def all(self) -> list[Command]:
        return sorted(self._commands.values(), key=lambda c: c.title.casefold())
