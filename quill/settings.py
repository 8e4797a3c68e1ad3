"""The writer's preferences: typed, stored as JSON, only what differs from the defaults.

A corrupt settings file never stops Quill from starting: it is set aside (renamed,
not deleted) and the defaults are used, with a notice for the writer.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from quill.storage.atomic import SaveError, atomic_write_text

THEMES = ("light", "sepia", "dark")
FOCUS_SCOPES = ("sentence", "paragraph")
STATUS_COUNTS = ("words", "characters", "both")


@dataclass
class Settings:
    theme: str = "light"
    font_size: int = 18
    column_chars: int = 68
    focus_mode: bool = False
    focus_scope: str = "sentence"
    typewriter: bool = False
    panel_visible: bool = False
    panel_scope: str = "piece"
    underline_habits: bool = False
    #: "· 4 min read" beside the word count
    show_reading_time: bool = False
    #: printer's quotes and dashes in HTML, PDF and rich-text copies (never on the page, never in .md/.txt)
    typographic_export: bool = True
    #: front matter shows as one dim line while the cursor is in the body
    fold_front_matter: bool = True
    #: block quotes are someone else's words: left out of the voice measures unless asked
    voice_include_quotes: bool = False
    session_gap_minutes: int = 10
    #: spell check (F7): underlines only, suggestions only when asked
    spell_check: bool = True
    #: the library's spelling language; a piece's front matter ``lang:`` overrides it. Empty: the
    #: system's language when Quill has its dictionary, else en-US (``system_default_language``)
    spell_language: str = ""
    #: words in capitals (NASA, HTML) are acronyms, not misspellings
    spell_skip_caps: bool = True
    #: what the status line counts: "words", "characters" (with and without spaces) or "both"
    status_count: str = "words"
    #: flow mode: words before the one being typed that Backspace may still reach
    flow_allowance_words: int = 1
    #: flow mode ends by itself at this goal ("500 words", "45 minutes"); empty: only when asked
    flow_goal: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    MIN_FONT_SIZE = 10
    MAX_FONT_SIZE = 40
    MIN_COLUMN = 40
    MAX_COLUMN = 110

    def clamp(self) -> Settings:
        """Repair values a hand-edited file may have put out of range."""
        defaults = Settings()
        if self.theme not in THEMES:
            self.theme = defaults.theme
        if self.focus_scope not in FOCUS_SCOPES:
            self.focus_scope = defaults.focus_scope
        if self.panel_scope not in ("piece", "section"):
            self.panel_scope = defaults.panel_scope
        self.font_size = min(max(int(self.font_size), self.MIN_FONT_SIZE), self.MAX_FONT_SIZE)
        self.column_chars = min(max(int(self.column_chars), self.MIN_COLUMN), self.MAX_COLUMN)
        self.session_gap_minutes = min(max(int(self.session_gap_minutes), 1), 240)
        self.flow_allowance_words = min(max(int(self.flow_allowance_words), 0), 10)
        if self.status_count not in STATUS_COUNTS:
            self.status_count = defaults.status_count
        return self

    def non_defaults(self) -> dict[str, Any]:
        defaults = asdict(Settings())
        return {k: v for k, v in asdict(self).items() if v != defaults[k]}


@dataclass
class LoadResult:
    settings: Settings
    notice: str | None = None


def load_settings(path: Path) -> LoadResult:
    try:
        raw_bytes = path.read_bytes()
    except FileNotFoundError:
        return LoadResult(Settings())
    except OSError as exc:
        return LoadResult(Settings(), f"Could not read your settings ({exc.strerror}); using the defaults, "
                                      f"and leaving your settings file {path} as it is.")
    try:
        data = json.loads(raw_bytes.decode("utf-8"))  # bytes that are not UTF-8 are damage too
        if not isinstance(data, dict):
            raise ValueError("not an object")
    except (ValueError, RecursionError):
        aside = _free_aside(path)
        try:
            os.rename(path, aside)  # a name no earlier damaged copy holds: never over one
        except OSError:
            aside = path
        notice = f"Your settings file was damaged; Quill kept it as {aside.name} and uses the defaults."
        return LoadResult(Settings(), notice)
    known = {f.name: f for f in fields(Settings)}
    settings = Settings()
    for key, value in data.items():
        if key in known and key != "extra":
            default = getattr(settings, key)
            if isinstance(default, bool):
                value = bool(value)
            elif isinstance(default, int):
                try:
                    value = int(value)
                except (TypeError, ValueError, OverflowError):  # 1e400 reads as infinity
                    continue
            elif isinstance(default, str) and not isinstance(value, str):
                continue
            setattr(settings, key, value)
        elif key == "extra" and isinstance(value, dict):
            settings.extra.update(value)
        else:
            settings.extra[key] = value  # keep keys a newer Quill wrote
    return LoadResult(settings.clamp())


def _free_aside(path: Path) -> Path:
    """``settings.json.corrupt``, or ``settings.json.corrupt-2``, ``-3``… when a damaged copy is kept already."""
    aside = path.with_name(path.name + ".corrupt")
    number = 1
    while os.path.lexists(aside):
        number += 1
        aside = path.with_name(f"{path.name}.corrupt-{number}")
    return aside


def _unreadable(path: Path) -> str | None:
    """Why the settings file at ``path`` cannot be read as settings; None when it can (or is not there)."""
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        return None
    except OSError as exc:
        return exc.strerror or str(exc)
    except (ValueError, RecursionError):
        return "it is not a settings file Quill can read"
    return None if isinstance(data, dict) else "it is not a settings file Quill can read"


def save_settings(path: Path, settings: Settings) -> str | None:
    """Write only non-default values. Returns a message when saving failed (never raises).

    A settings file that is there but cannot be read (no permission, a read error, damaged after
    start-up and not set aside) is never written over: Quill started on the defaults because it
    could not read it, and writing them would replace every choice the writer made in it."""
    problem = _unreadable(path)
    if problem is not None:
        return (f"Quill did not save your settings: it could not read {path} ({problem}) and will not "
                "write over it. Fix or move that file, and your next change is saved.")
    data = settings.non_defaults()
    extra = data.pop("extra", {})
    data.update(extra)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, json.dumps(data, indent=2, sort_keys=True) + "\n")
    except (SaveError, OSError) as exc:
        return f"Could not save your settings: {exc}"
    return None
