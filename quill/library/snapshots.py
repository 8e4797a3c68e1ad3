"""Versions of a piece, kept in Quill's data folder (never in the writer's library).

Each version is a plain ``.md`` file, so even without Quill a writer can find an old
draft: ``<data>/snapshots/<piece key>/<timestamp>_<reason>_<words>.md``, with an
``about.json`` naming the piece. Versions are taken before the first change of each
writing session, at each status change and on demand; retention keeps recent ones
densely and older ones sparsely, and never drops a "finished" version.

Clocks: a version's id is its wall-clock stamp, and ids only ever increase: when the clock
has gone back (a manual change, NTP, a time-zone mistake) a new version is stamped just after
the newest one, so it can never take an older version's name. Retention measures age by the
wall clock but never further ahead than monotonic time has actually run since the store was
opened, so a clock set forward — or a suspend, during which monotonic time stands still —
postpones thinning instead of thinning out versions that are in truth minutes old.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import difflib
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from quill.library.library_id import merge_piece, open_group, piece_key
from quill.library.words import count_words
from quill.storage.atomic import atomic_write_text

SESSION = "session"
MANUAL = "manual"
FINISHED = "finished"
REOPENED = "reopened"
BEFORE_RESTORE = "before-restore"
#: a version not kept when the writer settled a conflict between devices (theirs, or the writer's own)
CONFLICT = "conflict"
#: the piece's text just before the writer chose to write another piece over its file ("Save as", export)
REPLACED = "replaced"
#: the writer's saved text just before Quill reloaded the piece another program had changed (the
#: writer idle): a sync engine putting an older file back took a session's words with it
RELOADED = "reloaded"
REASONS = (SESSION, MANUAL, FINISHED, REOPENED, BEFORE_RESTORE, CONFLICT, REPLACED, RELOADED)
#: Versions with these reasons survive retention forever: a conflict's losing side was a whole
#: draft written somewhere else, and settling the conflict removed its file; a replaced piece's
#: words are nowhere else at all; nor is the text a restore replaced (the versions after it
#: descend from the restored text, so thinning by hour or day would drop a whole line of work).
KEPT_REASONS = frozenset({FINISHED, CONFLICT, REPLACED, BEFORE_RESTORE})

_STAMP = "%Y%m%dT%H%M%S%f"


@dataclass(frozen=True)
class Version:
    """One stored version of a piece. ``id`` is unique within the piece and sorts by time."""

    id: str
    taken: _dt.datetime
    reason: str
    words: int
    file: Path

    def read(self) -> str:
        return self.file.read_text(encoding="utf-8")

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "taken": self.taken.isoformat(timespec="seconds"),
                "reason": self.reason, "words": self.words, "file": str(self.file)}


class SnapshotStore:
    """The versions of every piece of one library, keyed by the piece's path inside the library.

    ``folder`` is Quill's ``snapshots`` folder; the library's own versions are in one group inside
    it, found by the library's marker wherever the library folder is now
    (:mod:`quill.library.library_id`: moving or renaming the library keeps its history, older
    stores are gathered in when it opens)."""

    def __init__(self, folder: Path, library_root: Path, *, clock: Callable[[], _dt.datetime] = _dt.datetime.now,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        """``clock`` gives the local wall time (versions' stamps); ``monotonic`` bounds how far retention
        believes time has moved on (both injected in tests)."""
        self.folder = Path(folder)
        root = Path(library_root)
        self.root_key = str(root.resolve())
        opened = open_group(self.folder, root, self.root_key)
        self.group = opened.group
        self.library_id = opened.library_id
        #: library paths whose orphaned versions (a library moved before this Quill) were taken in
        self.adopted_from = opened.adopted_from
        self.clock = clock
        self.monotonic = monotonic
        self._anchor = (clock(), monotonic())
        self._lock = threading.Lock()  # the save worker and the GUI thread both take versions

    def retention_now(self) -> _dt.datetime:
        """The time retention measures age from: the wall clock, capped by the monotonic time run since
        this store was opened. Capping only ever keeps versions longer; the next start catches up."""
        wall = self.clock()
        anchor_wall, anchor_mono = self._anchor
        elapsed = max(self.monotonic() - anchor_mono, 0.0)
        return min(wall, anchor_wall + _dt.timedelta(seconds=elapsed))

    def folder_for(self, relpath: str) -> Path:
        return self.group / piece_key(relpath)

    def _about(self, relpath: str) -> str:
        about: dict[str, str] = {"library": self.root_key, "relpath": relpath}
        if self.library_id:
            about["library_id"] = self.library_id
        return json.dumps(about)

    # -- taking ----------------------------------------------------------------------------
    def take(self, relpath: str, text: str, reason: str = MANUAL, now: _dt.datetime | None = None) -> Version | None:
        """Store ``text`` as a version. Returns None when it equals the latest version
        (except for "finished", which is always recorded so it is kept).

        ``now`` stamps the version (default: the store's clock). Whatever the clock says, the new
        version's id sorts after every existing one, so it never takes an older version's name."""
        if reason not in REASONS:
            raise ValueError(f"unknown snapshot reason {reason!r}")
        with self._lock:
            latest = next(iter(self.list(relpath)), None)
            if latest is not None and reason not in KEPT_REASONS:
                with contextlib.suppress(OSError, UnicodeDecodeError):
                    if latest.read() == text:
                        return None
            folder = self.folder_for(relpath)
            folder.mkdir(parents=True, exist_ok=True)
            about = folder / "about.json"
            if not about.exists():
                atomic_write_text(about, self._about(relpath))
            taken = now or self.clock()
            if latest is not None and taken <= latest.taken:
                taken = latest.taken + _dt.timedelta(microseconds=1)  # ids stay unique and ordered
            words = count_words(text)
            name = f"{taken.strftime(_STAMP)}_{reason}_{words}.md"
            atomic_write_text(folder / name, text)
            self.prune(relpath, now=taken if now is not None else min(taken, self.retention_now()))
            return _parse_name(folder / name)

    # -- browsing --------------------------------------------------------------------------
    def list(self, relpath: str) -> list[Version]:
        """All versions of a piece, newest first."""
        folder = self.folder_for(relpath)
        try:
            files = [p for p in folder.iterdir() if p.suffix == ".md"]
        except OSError:
            return []
        versions = [v for v in map(_parse_name, files) if v is not None]
        versions.sort(key=lambda v: v.taken, reverse=True)
        return versions

    def get(self, relpath: str, version_id: str) -> Version:
        for version in self.list(relpath):
            if version.id == version_id or version.id.startswith(version_id):
                return version
        raise KeyError(version_id)

    @staticmethod
    def diff(old: str, new: str, old_name: str = "version", new_name: str = "now") -> str:
        """A unified diff by lines, the way a writer reads "what changed"."""
        def lines(text: str) -> list[str]:  # a last line without its newline must not glue onto the next
            return [line if line.endswith("\n") else line + "\n" for line in text.splitlines(keepends=True)]

        return "".join(difflib.unified_diff(lines(old), lines(new), fromfile=old_name, tofile=new_name))

    # -- moving and forgetting -------------------------------------------------------------
    def move(self, old_relpath: str, new_relpath: str) -> None:
        """Follow a piece that Quill renamed or moved, so its history stays with it."""
        src, dst = self.folder_for(old_relpath), self.folder_for(new_relpath)
        if not src.is_dir() or src == dst:
            return
        dst.parent.mkdir(parents=True, exist_ok=True)
        merge_piece(src, dst, json.loads(self._about(new_relpath)))

    def prune(self, relpath: str, now: _dt.datetime | None = None) -> list[Version]:
        """Apply retention; returns the versions removed."""
        versions = self.list(relpath)
        drop = versions_to_drop(versions, now or self.retention_now())
        for version in drop:
            with contextlib.suppress(OSError):
                version.file.unlink()
        return drop


def versions_to_drop(versions: list[Version], now: _dt.datetime) -> list[Version]:
    """Retention: everything from the last day; the newest per hour for a week; per day for
    three months; per month beyond. The newest version and those of KEPT_REASONS are always kept."""
    keep_buckets: set[tuple[str, object]] = set()
    drop: list[Version] = []
    for index, version in enumerate(sorted(versions, key=lambda v: v.taken, reverse=True)):
        if index == 0 or version.reason in KEPT_REASONS:
            continue
        age = now - version.taken
        if age <= _dt.timedelta(days=1):
            continue
        if age <= _dt.timedelta(days=7):
            bucket: tuple[str, object] = ("hour", version.taken.replace(minute=0, second=0, microsecond=0))
        elif age <= _dt.timedelta(days=90):
            bucket = ("day", version.taken.date())
        else:
            bucket = ("month", (version.taken.year, version.taken.month))
        if bucket in keep_buckets:
            drop.append(version)
        else:
            keep_buckets.add(bucket)
    return drop


def _parse_name(file: Path) -> Version | None:
    parts = file.stem.split("_")
    if len(parts) != 3:
        return None
    stamp, reason, words = parts
    try:
        taken = _dt.datetime.strptime(stamp, _STAMP)
        return Version(id=stamp, taken=taken, reason=reason, words=int(words), file=file)
    except ValueError:
        return None
