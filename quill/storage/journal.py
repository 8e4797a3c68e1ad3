"""The recovery journal: every edit reaches durable storage within a second, independent of saving.

A journal is one append-only file per open piece, in Quill's data folder (never in the
library). It starts with the text the edits apply to (the *base*), followed by one JSON
line per edit. Appends are fsynced; a line cut short by a crash is ignored on recovery,
so a journal is always a valid prefix of what the writer did.

After each successful save the journal notes the saved text's checksum (one short line),
so recovery knows the file on disk is Quill's own save and writes into it. Only when a
segment has grown long (:data:`REBASE_EDITS` edits) does a save start a new segment whose
base is the saved text: copying a book into the journal after every autosave made the cost
of typing grow with the length of the book. A journal is deleted only once its text is
safely on disk.

Format (UTF-8, one JSON object per line)::

    {"quill_journal": 1, "path": "/…/piece.md", "base_sha256": "…", "started": "2026-…"}
    {"base": "the full text the edits apply to"}
    {"r": 17, "p": 120, "d": 0, "i": "typed text", "n": 4711}   # revision, position, removed, inserted, length
    {"saved": "sha256 of the text saved at revision 17", "r": 17}

Positions, removed counts and lengths are in Python code points (never Qt's UTF-16 units).
Version 2 adds ``n``, the text's length after the edit: a replay that drifts from what the
editor held is caught at the first edit where the lengths disagree, and the replay is
checked against each saved checksum it passes. A replay that fails either check is
*unverified*: recovery never writes it over the piece (see :mod:`quill.storage.recovery`).
"""

from __future__ import annotations

import bisect
import contextlib
import json
import os
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from quill.digest import sha1_hex, sha256_text
from quill.storage.atomic import atomic_write_bytes
from quill.storage.owner_lock import OwnerLock

OWNER_WAIT_S = 1.0  # how long a new journal waits for a recovery elsewhere to let go of its lock


class JournalVanished(OSError):
    """The journal file disappeared under its writer (another program removed it)."""

FORMAT_VERSION = 2
READABLE_VERSIONS = (1, 2)
REBASE_EDITS = 2000  # a save starts a new segment once the current one holds this many edits


class Edit(NamedTuple):
    """One edit as the journal writes it. A named tuple: one is made on every keystroke, and a
    frozen dataclass costs several times more to build."""

    revision: int
    position: int
    removed: int
    inserted: str
    length: int = -1  # the text's length after the edit (code points); -1: not known


def journal_name(piece: Path) -> str:
    """A stable file name for a piece's journal (paths can be long or contain any character)."""
    digest = sha1_hex(str(Path(piece).absolute()).encode("utf-8", "surrogateescape"))  # any name Linux allows
    return f"{digest[:20]}.journal"


def text_sha256(text: str) -> str:
    return sha256_text(text)


def apply_edits(text: str, edits: list[tuple[int, int, str]]) -> str:
    """``text`` after ``edits`` (position, removed, inserted), each in the coordinates the one before left.

    Copying a book-length string once per keystroke costs more than everything else a replay
    does, so the edits are applied to the one stretch they touch and the text is copied once.
    """
    if not edits:
        return text
    length = len(text)
    start = length
    keep_tail = length  # characters at the end that no edit touches
    for position, removed, inserted in edits:
        start = min(start, position)
        keep_tail = min(keep_tail, length - position - removed)
        length += len(inserted) - removed
    end = len(text) - keep_tail
    middle = text[start:end]
    for position, removed, inserted in edits:
        at = position - start
        middle = middle[:at] + inserted + middle[at + removed:]
    return text[:start] + middle + text[end:]


class Journal:
    """Records one piece's edits. ``record`` is called on the typing thread (cheap, in memory);
    ``flush`` writes and fsyncs (call it off the typing thread)."""

    def __init__(self, folder: Path, piece: Path) -> None:
        self.folder = Path(folder)
        self.piece = Path(piece)
        self.path = self.folder / journal_name(self.piece)
        self._lock = threading.Lock()
        self._pending: list[Edit] = []  # recorded, not yet on disk
        self._since_base: list[Edit] = []  # every edit after the current base, on disk or not
        self._pending_lines: list[str] = []  # saved-text marks, written with the next flush
        self.last_error: str | None = None
        self._owner: OwnerLock | None = None  # held while this Quill writes the journal

    # -- typing thread ------------------------------------------------------------------------
    def record(self, edit: Edit) -> None:
        with self._lock:
            self._pending.append(edit)
            self._since_base.append(edit)

    @property
    def has_pending(self) -> bool:
        return bool(self._pending or self._pending_lines)

    @property
    def segment_edits(self) -> int:
        """Edits after the current base: what a replay has to apply."""
        return len(self._since_base)

    # -- worker thread ------------------------------------------------------------------------
    def start(self, base_text: str, base_revision: int) -> None:
        """Begin a new segment: ``base_text`` is the text at ``base_revision`` (just loaded or saved).

        Edits already recorded with a later revision are kept and written after the new base.
        """
        header = {"quill_journal": FORMAT_VERSION, "path": str(self.piece.absolute()),
                  "base_sha256": text_sha256(base_text), "started": datetime.now().isoformat(timespec="seconds")}
        with self._lock:
            later = [e for e in self._since_base if e.revision > base_revision]
            self._since_base = list(later)
            self._pending = []
            self._pending_lines = []
        lines = [json.dumps(header), '{"base": ' + json_string(base_text) + "}"]
        lines += [_edit_line(e) for e in later]
        self.folder.mkdir(parents=True, exist_ok=True)
        if self._owner is None:
            self._owner = self._take_ownership()
            if self.path.exists():
                # A journal this Quill did not write: words a recovery could not yet put anywhere.
                # Never replace it; it keeps a name recovery looks for, and is recovered later.
                self.path.rename(free_journal_name(self.path))
        atomic_write_bytes(self.path, ("\n".join(lines) + "\n").encode("utf-8"), verify=False)

    def saved(self, text: str, revision: int) -> None:
        """``text`` (the text at ``revision``) is now safely in the piece's file.

        A long segment starts afresh from it; otherwise its checksum is noted after the edits
        recorded so far, for recovery to recognise the file as Quill's own save.
        """
        if self.segment_edits >= REBASE_EDITS:
            self.start(text, revision)
            return
        line = json.dumps({"saved": text_sha256(text), "r": revision})
        with self._lock:
            self._pending_lines.append(line)
        self.flush()

    def flush(self) -> None:
        """Append pending edits and fsync. Raises OSError when the data folder cannot be written."""
        with self._lock:
            edits, self._pending = self._pending, []
            marks, self._pending_lines = self._pending_lines, []
        if not edits and not marks:
            return
        if self._owner is None:  # never append to a journal another Quill (or window) owns
            with self._lock:
                self._pending = edits + self._pending
                self._pending_lines = marks + self._pending_lines
            raise OSError(f"the recovery journal {self.path.name} was not started by this window")
        data = "".join([_edit_line(e) + "\n" for e in edits] + [m + "\n" for m in marks]).encode("utf-8")
        try:
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_APPEND)
            except FileNotFoundError:
                raise JournalVanished(f"the recovery journal {self.path.name} was removed") from None
            try:
                os.write(fd, data)
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError:
            with self._lock:  # keep them for the next attempt, in order
                self._pending = edits + self._pending
                self._pending_lines = marks + self._pending_lines
            raise

    def discard(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
        self.release()

    def release(self) -> None:
        """Stop owning the journal (it stays on disk if it was not discarded, for recovery)."""
        owner, self._owner = self._owner, None
        if owner is not None:
            owner.release(remove=not self.path.exists())

    def _take_ownership(self) -> OwnerLock:
        deadline = time.monotonic() + OWNER_WAIT_S
        while True:
            owner = OwnerLock.try_acquire(self.path)
            if owner is not None:
                return owner
            if time.monotonic() > deadline:
                raise OSError(f"another Quill holds the recovery journal {self.path.name}")
            time.sleep(0.01)  # a recovery elsewhere holds it for an instant


def free_journal_name(path: Path) -> Path:
    """``<name>.<n>.journal``: a name no journal holds yet, still found by recovery."""
    number = 1
    while True:
        candidate = path.with_name(f"{path.stem}.{number}{path.suffix}")
        if not candidate.exists():
            return candidate
        number += 1


def json_string(text: str, piece: int = 1 << 16) -> str:
    """``json.dumps(text, ensure_ascii=False)``, built a slice at a time.

    The journal starts on the first keystroke after a piece opens, on its own thread; one
    json.dumps of a 200,000-word book holds the interpreter for about 8 ms, and the typing
    thread waited that long for its first key. Between slices the typing thread gets its
    turn. JSON escapes each character on its own, so the slices join into the same string.
    """
    if len(text) <= piece:
        return json.dumps(text, ensure_ascii=False)
    return '"' + "".join(json.dumps(text[i:i + piece], ensure_ascii=False)[1:-1]
                         for i in range(0, len(text), piece)) + '"'


def _edit_line(edit: Edit) -> str:
    record = {"r": edit.revision, "p": edit.position, "d": edit.removed, "i": edit.inserted}
    if edit.length >= 0:
        record["n"] = edit.length
    return json.dumps(record, ensure_ascii=False)


@dataclass(frozen=True)
class JournalContents:
    piece: Path
    base_sha256: str
    started: str
    text: str  # the base with every complete edit applied
    edits: int
    saved_sha256: tuple[str, ...] = ()  # texts the journal saw safely saved after its base
    problem: str = ""  # why the replay cannot be trusted; empty when it checked out
    #: where the last edit ended, in code points of ``text``: where the writer was when Quill stopped
    last_edit_end: int | None = None

    @property
    def verified(self) -> bool:
        return not self.problem


class CorruptJournal(Exception):
    pass


def read_journal(path: Path) -> JournalContents:
    """Replay a journal. A final line cut short by a crash is ignored; anything worse raises.

    The replay is checked against the journal's own record of the result: the length after
    each edit (version 2) and the checksum of each save it passes. A mismatch does not raise
    (the words are still worth keeping) but marks the contents unverified.
    """
    raw = Path(path).read_bytes().decode("utf-8", errors="replace")
    lines = raw.split("\n")
    try:
        header = json.loads(lines[0])
        if header.get("quill_journal") not in READABLE_VERSIONS:
            raise CorruptJournal(f"unknown journal format in {Path(path).name}")
        text = json.loads(lines[1])["base"]
        if not isinstance(text, str) or not isinstance(header.get("path"), str):
            raise TypeError("base and path must be text")
    except (ValueError, KeyError, IndexError, TypeError, AttributeError) as exc:
        raise CorruptJournal(f"{Path(path).name} has no readable start") from exc
    edits: list[tuple[int, int, str]] = []
    saved: list[str] = []
    revisions: list[int] = []  # each edit's revision (Qt's revisions only grow, undo included)
    checkpoints: list[tuple[int, str]] = []  # (revision saved, checksum of the text saved then)
    problem = ""
    length = len(text)
    for number, line in enumerate(lines[2:], start=2):
        if not line:
            continue
        try:
            record = json.loads(line)
            if "saved" in record:
                saved.append(str(record["saved"]))
                checkpoints.append((int(record.get("r", -1)), str(record["saved"])))
                continue
            revision = int(record["r"])  # every edit line carries its revision: one without it is damaged
            edit = (int(record["p"]), int(record["d"]), str(record["i"]))
            expected_length = int(record.get("n", -1))
        except (ValueError, KeyError, TypeError, AttributeError, OverflowError):
            if number >= len(lines) - 2:
                break  # the last line, cut short by the crash
            raise CorruptJournal(f"{Path(path).name} is damaged at line {number + 1}") from None
        position, removed, inserted = edit
        if position < 0 or removed < 0 or position + removed > length:
            raise CorruptJournal(f"{Path(path).name} does not fit its base at line {number + 1}")
        length += len(inserted) - removed
        if expected_length >= 0 and expected_length != length and not problem:
            problem = (f"at line {number + 1} the replayed text is {length} characters long, "
                       f"but the editor's was {expected_length}")
        edits.append(edit)
        revisions.append(revision)
    if not problem and checkpoints and not _matches_a_save(text, edits, revisions, checkpoints):
        problem = "the replayed text does not match the text Quill saved"
    last_edit_end = edits[-1][0] + len(edits[-1][2]) if edits else None
    return JournalContents(Path(header["path"]), header.get("base_sha256", ""), header.get("started", ""),
                           apply_edits(text, edits), len(edits), tuple(saved), problem, last_edit_end)


def _matches_a_save(text: str, edits: list[tuple[int, int, str]], revisions: list[int],
                    checkpoints: list[tuple[int, str]]) -> bool:
    """Whether replaying up to a saved revision reproduces the checksum Quill noted for that save.

    The latest save is tried first; an older one that matches still proves the replay right up
    to that point (a mark can be written out of step when a save fails and is retried).
    """
    for revision, checksum in reversed(checkpoints):
        done = bisect.bisect_right(revisions, revision)
        if text_sha256(apply_edits(text, edits[:done])) == checksum:
            return True
    return False
