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
    action: QAction | None = field(default=None, repr=False)

    def shortcut_text(self) -> str:
        if not self.shortcuts:
            return ""
        return QKeySequence(self.shortcuts[0]).toString(QKeySequence.SequenceFormat.NativeText)


class CommandRegistry:
    def __init__(self, host: QWidget) -> None:
        self._host = host
        self._commands: dict[str, Command] = {}

    def add(self, id: str, title: str, callback: Callable[[], object], shortcuts: Sequence[str] = (),
            keywords: str = "") -> Command:
        command = Command(id, title, callback, tuple(shortcuts), keywords)
        action = QAction(title, self._host)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.triggered.connect(lambda _checked=False, cb=callback: cb())
        self._host.addAction(action)
        command.action = action
        self._commands[id] = command
        return command

    def run(self, id: str) -> None:
        self._commands[id].callback()

    def __getitem__(self, id: str) -> Command:
        return self._commands[id]

    def __contains__(self, id: str) -> bool:
        return id in self._commands

    def all(self) -> list[Command]:
        return sorted(self._commands.values(), key=lambda c: c.title.casefold())
