"""Volatile state (what was open, where the cursor was), kept apart from the writer's settings.

Losing this file costs a cursor position, never words, so a damaged one is simply ignored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from quill.storage.atomic import SaveError, atomic_write_text

MAX_REMEMBERED = 200


@dataclass
class AppState:
    last_path: str | None = None
    positions: dict[str, list[int]] = field(default_factory=dict)  # path -> [cursor, scroll]
    #: command id -> [times used, last use (epoch seconds)]: the palette puts the writer's own first
    command_use: dict[str, list[float]] = field(default_factory=dict)
    #: notice -> the day (ISO date) it was last given: once a day, not at every launch
    announced: dict[str, str] = field(default_factory=dict)
    #: [x, y, width, height] of the window when it was last a window (F11 comes back to it)
    window_geometry: list[int] = field(default_factory=list)

    def note_command(self, command_id: str, now: float) -> None:
        count = self.command_use.get(command_id, [0, 0.0])[0]
        self.command_use[command_id] = [int(count) + 1, float(now)]

    def remember(self, path: Path, cursor: int, scroll: int) -> None:
        key = str(path)
        self.positions.pop(key, None)
        self.positions[key] = [int(cursor), int(scroll)]
        while len(self.positions) > MAX_REMEMBERED:
            self.positions.pop(next(iter(self.positions)))
        self.last_path = key

    def position_of(self, path: Path) -> tuple[int, int]:
        cursor, scroll = self.positions.get(str(path), [0, 0])[:2]
        return int(cursor), int(scroll)


def load_state(path: Path) -> AppState:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        positions = {str(k): [int(x) for x in v][:2] for k, v in dict(data.get("positions", {})).items()}
        last = data.get("last_path")
        uses = {}
        for key, value in dict(data.get("command_use", {})).items():
            try:
                uses[str(key)] = [int(value[0]), float(value[1])]
            except (TypeError, ValueError, IndexError, KeyError):
                continue  # one bad entry costs one command's place in the palette
        announced = {str(k): str(v) for k, v in dict(data.get("announced", {})).items()}
        geometry = [int(v) for v in list(data.get("window_geometry", []))[:4]]
        return AppState(last_path=str(last) if last else None, positions=positions, command_use=uses,
                        announced=announced, window_geometry=geometry if len(geometry) == 4 else [])
    except (OSError, ValueError, TypeError, AttributeError, OverflowError, RecursionError):
        return AppState()  # damaged state costs only cursor positions: start clean


def save_state(path: Path, state: AppState) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, json.dumps({"last_path": state.last_path, "positions": state.positions,
                                            "command_use": state.command_use, "announced": state.announced,
                                            "window_geometry": state.window_geometry}))
    except (SaveError, OSError):
        pass  # a lost cursor position is not worth interrupting the writer for
