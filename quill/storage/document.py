"""One open piece on disk: load it, save it atomically, and notice when someone else changed it.

The hash of what Quill last read or wrote is remembered, so a save never silently
replaces newer content written by a sync tool or another editor: it raises
:class:`ExternalChange` instead and the caller decides (reload, or keep both).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from quill.digest import sha256_file
from quill.storage.atomic import NAME_MAX_BYTES, ReplaceGuard, atomic_write_bytes
from quill.storage.textfile import (
    MAX_EDITABLE_BYTES,
    TextFormat,
    UnreadableFile,
    decode,
    load_text,
    read_regular_file,
    save_text,
)

SEEN_STATES = 64  # how many earlier states of an open piece are remembered (64 hashes, ~5 KB)


class ExternalChange(Exception):
    """The file on disk is no longer what Quill last read or wrote."""

    def __init__(self, path: Path, disk_text: str | None, disk_bytes: bytes | None = None) -> None:
        super().__init__(f"{path.name} was changed by another program.")
        self.path = path
        self.disk_text = disk_text  # None when the file was deleted, or is not text Quill can read
        # The other program's version exactly as it is on disk; None only when there is none (deleted).
        self.disk_bytes = disk_bytes


@dataclass
class _DiskState:
    sha256: str
    size: int
    mtime_ns: int
    # Another program that replaces the file atomically (most sync engines and editors) with the same
    # number of bytes within one tick of the file system's clock leaves size and time as they were;
    # the inode is new. 0 where the platform gives none (the check then rests on size and time).
    inode: int = 0

    def looks_unchanged(self, st: os.stat_result) -> bool:
        """The cheap check: the same size, time and file. When it fails the bytes are compared."""
        return (
            st.st_size == self.size
            and st.st_mtime_ns == self.mtime_ns
            and (not self.inode or not st.st_ino or st.st_ino == self.inode)
        )


class _RaceGuard(ReplaceGuard):
    """Narrows the window in which another program's write can be overwritten by a save.

    Immediately before the rename the file must still be what Quill last read or wrote
    (same size and modification time), or the save is abandoned as an external change. A hard
    link then holds on to the version being replaced; if, after the rename, that version turns
    out not to be Quill's own (a sync tool wrote in the instant between check and rename), it
    is kept as a conflict copy instead of being lost.
    """

    def __init__(self, doc: DocumentFile) -> None:
        self.doc = doc
        self.held: Path | None = None
        self.conflict: Path | None = None

    def _is_ours(self, path: Path) -> bool:
        """The file holds what Quill last read or wrote: same size and time, or else the same bytes
        (a sync engine that deleted the piece and wrote it back as it was gives it a new time; that
        is not another version, and keeping it as a "conflict" copy made a copy of our own text)."""
        disk = self.doc._disk
        st = path.stat()
        if disk is None or st.st_size != disk.size:
            return False
        return disk.looks_unchanged(st) or _hash_file(path) == disk.sha256

    def before_replace(self, path: Path) -> None:
        try:
            ours = self._is_ours(path)
        except FileNotFoundError:
            return  # deleted meanwhile: writing it back loses nothing
        if not ours:
            raise self.doc.external_change()
        held = path.with_name(f".quill-{os.getpid()}-{id(self):x}.held")
        try:
            os.link(path, held)
            self.held = held
        except OSError:
            self.held = None  # no hard links here (FAT, some network drives): the check above is all we have

    def after_replace(self, path: Path) -> None:
        held, self.held = self.held, None
        if held is None:
            return
        try:
            if self._is_ours(held):
                held.unlink()
                return
            self.conflict = self.doc.conflict_copy_path()
            os.replace(held, self.conflict)
        except OSError:
            pass  # the held link stays: a hidden file, but never a lost version


class DocumentFile:
    """The link between an editor buffer and its file. Pure Python, no Qt."""

    def __init__(self, path: Path, fmt: TextFormat | None = None) -> None:
        self.path = Path(path)
        self.format = fmt or TextFormat()
        self._seen: list[str] = []  # hashes of the bytes Quill read or wrote for it, oldest first (bounded)
        self.__disk: _DiskState | None = None
        self.lost_race_copy: Path | None = None  # set when a save found another program's write too late
        self.series_copy: tuple[Path, str] | None = None  # (conflict copy, its hash) for the current run

    @property
    def _disk(self) -> _DiskState | None:
        return self.__disk

    @_disk.setter
    def _disk(self, state: _DiskState | None) -> None:
        self.__disk = state
        if state is not None and state.sha256 and (not self._seen or self._seen[-1] != state.sha256):
            self._seen.append(state.sha256)
            del self._seen[:-SEEN_STATES]

    @classmethod
    def open(cls, path: Path) -> tuple[DocumentFile, str]:
        """Load an existing file (raises UnreadableFile with a plain message)."""
        loaded = load_text(path)
        doc = cls(path, loaded.format)
        # The hash of the bytes read (not of the decoded text, so CRLF or BOM files compare correctly;
        # not the file hashed again, which another program may have finished writing meanwhile).
        doc._disk = _DiskState(loaded.sha256, loaded.size, loaded.mtime_ns, loaded.inode)
        return doc, loaded.text

    @property
    def exists_on_disk(self) -> bool:
        return self._disk is not None

    def changed_on_disk(self) -> bool:
        """True when the file differs from what Quill last read or wrote (cheap stat first)."""
        if self._disk is None:
            return self.path.exists()
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return True
        except OSError:
            return False
        if self._disk.looks_unchanged(st):
            return False
        return _hash_file(self.path) != self._disk.sha256

    def read_disk_text(self) -> str | None:
        try:
            return load_text(self.path).text
        except FileNotFoundError:
            return None
        except Exception:  # noqa: BLE001 - unreadable now: treat as changed, keep ours
            return None

    def external_change(self) -> ExternalChange:
        """What another program left at the path: its bytes, and its text when Quill can read it.

        The bytes are read whatever they hold (another encoding, a binary, a file over the size
        limit): a version Quill cannot read is still someone's, and is kept as it is."""
        try:
            data = read_regular_file(self.path)
        except (OSError, UnreadableFile):
            return ExternalChange(self.path, None)
        try:
            text = decode(data, self.path.name)[0] if len(data) <= MAX_EDITABLE_BYTES else None
        except UnreadableFile:
            text = None
        return ExternalChange(self.path, text, data)

    def save(self, text: str, *, force: bool = False) -> None:
        """Write ``text`` atomically; raise ExternalChange instead of clobbering newer disk content."""
        # A file deleted or moved away by another program while open is simply written back.
        if not force and self.changed_on_disk() and (self._disk is None or self.path.exists()):
            raise self.external_change()
        guard = _RaceGuard(self) if not force else None
        digest = save_text(self.path, text, self.format, guard=guard)
        st = self.path.stat()
        self._disk = _DiskState(digest, st.st_size, st.st_mtime_ns, st.st_ino)
        self.lost_race_copy = guard.conflict if guard is not None else None

    def holds_known_bytes(self, path: Path) -> bool:
        """True when ``path`` holds exactly the bytes Quill last read or wrote for this document:
        how a piece renamed or moved by another program (or another machine) is recognised."""
        if self._disk is None:
            return False
        try:
            if path.stat().st_size != self._disk.size:
                return False
        except OSError:
            return False
        return _hash_file(path) == self._disk.sha256

    def held_before(self, path: Path) -> bool:
        """True when ``path`` holds bytes this document held earlier in the session, but not now,
        and its time is not newer than Quill's last save: an older state of the piece, carried
        under another name by a sync engine (which keeps the file's time, as a rename does). A file
        written since with the same bytes by coincidence (a new draft "Start.") is newer."""
        if self._disk is None or len(self._seen) < 2:
            return False
        try:
            if path.stat().st_mtime_ns > self._disk.mtime_ns:
                return False
        except OSError:
            return False
        digest = _hash_file(path)
        return digest is not None and digest != self._disk.sha256 and digest in self._seen

    def adopt_disk(self, refuse: Callable[[str], str | None] | None = None) -> str:
        """Reload from disk, accepting the other program's version as the new truth.

        ``refuse``: the reader's own limits (the editor's: characters it cannot hold). A reason it
        gives is raised as :class:`UnreadableFile`, and nothing is adopted: the file stays the other
        program's version, which a save then keeps beside the piece as a conflict copy."""
        loaded = load_text(self.path)
        reason = refuse(loaded.text) if refuse is not None else None
        if reason is not None:
            raise UnreadableFile(reason)
        self.format = loaded.format
        self._disk = _DiskState(loaded.sha256, loaded.size, loaded.mtime_ns, loaded.inode)
        return loaded.text

    def conflict_copy_path(self, now: datetime | None = None) -> Path:
        """A free name beside the file for "the other version": never overwrites anything."""
        stamp = (now or datetime.now()).strftime("%Y-%m-%d %H%M")
        stem, suffix = self.path.stem, self.path.suffix or ".md"
        candidate = self.path.with_name(fit_name(stem, f" (conflict {stamp}){suffix}"))
        n = 2
        while candidate.exists():
            candidate = self.path.with_name(fit_name(stem, f" (conflict {stamp} {n}){suffix}"))
            n += 1
        return candidate


def content_hash(path: Path) -> str | None:
    """The SHA-256 of a file's bytes, or None when it cannot be read (gone, say)."""
    return _hash_file(path)


def _hash_file(path: Path) -> str | None:
    try:
        with open(path, "rb") as handle:
            return sha256_file(handle)
    except OSError:
        return None


def fit_name(stem: str, tail: str) -> str:
    """``stem + tail``, the stem shortened at a character boundary so the name fits in 255 bytes."""
    room = NAME_MAX_BYTES - len(os.fsencode(tail))
    kept, used = [], 0
    for char in stem:  # a name that is not UTF-8 too: each byte Python could not decode is one here
        used += len(os.fsencode(char))
        if used > room:
            break
        kept.append(char)
    return "".join(kept).rstrip() + tail


def unique_path(folder: Path, stem: str, suffix: str = ".md") -> Path:
    """``folder/stem.md``, or ``stem 2.md`` … when taken.

    The stem is shortened (at a character boundary) so that every candidate fits the file
    system's 255-byte name limit: a recovery or conflict copy of a long-named piece must
    still be writable.
    """
    candidate = folder / fit_name(stem, suffix)
    n = 2
    while candidate.exists() or os.path.lexists(candidate):
        candidate = folder / fit_name(stem, f" {n}{suffix}")
        n += 1
    return candidate


def save_keeping_both(doc: DocumentFile, text: str,
                      copies: Callable[[], Iterable[Path]] | None = None) -> Path | None:
    """Save the writer's text; if another program changed the file meanwhile, keep its version too.

    The writer's text stays at the piece's path (it is what they are looking at) and the
    other program's version is written beside it as a conflict copy, byte for byte (its own
    encoding and line endings; also when Quill cannot read it as text: another encoding, a
    binary, a file over the size limit), whose path is returned so the writer can be told.
    Nothing is ever dropped.

    ``copies`` lists the conflict copies already beside the piece (any sync engine's). When one
    of them already holds the other version word for word, that copy is returned and no second
    one is written: a sync engine that kept its own copy of a conflict (Syncthing's
    ``.sync-conflict-…``) and Quill's "(conflict …)" copy of the same text were two copies of
    one conflict.
    """
    try:
        doc.save(text)
        doc.series_copy = None  # a clean save ends a series of external rewrites
        return doc.lost_race_copy  # None, unless another program wrote in the instant before the rename
    except ExternalChange as change:
        conflict = None
        other = change.disk_bytes  # None: deleted meanwhile, nothing there to keep
        if other is not None and change.disk_text != text:
            if change.disk_text is not None:
                conflict = same_text_copy(change.disk_text, copies() if copies is not None else ())
            if conflict is None:
                conflict = _series_copy(doc) or doc.conflict_copy_path()
                # Its bytes, not its text decoded and encoded again: an unreadable version
                # (Latin-1, binary) was once taken for a deleted file and saved over.
                digest = atomic_write_bytes(conflict, other)
                doc.series_copy = (conflict, digest)
        doc.save(text, force=True)
        return conflict


def same_text_copy(text: str, copies: Iterable[Path]) -> Path | None:
    """The first of ``copies`` that holds exactly ``text`` (line endings aside), or None."""
    wanted = _plain(text)
    for path in copies:
        try:
            if _plain(load_text(path).text) == wanted:
                return Path(path)
        except Exception:  # noqa: BLE001, S112 - an unreadable copy is simply not the same text
            continue
    return None


def _plain(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _series_copy(doc: DocumentFile) -> Path | None:
    """The conflict copy already made for this run of external rewrites, if it is still as Quill
    wrote it. A tool rewriting the open piece every second while the writer typed once made a
    copy per save (50 a minute, 268 MB a minute for a book); one copy, kept up to date with the
    tool's newest version, holds the same words."""
    if doc.series_copy is None:
        return None
    path, digest = doc.series_copy
    return path if _hash_file(path) == digest else None
