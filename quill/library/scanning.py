"""Keeping the index in step with the folder: walk it, read what moved, write the differences.

A scan is incremental (a file is re-read only when its size or mtime moved on). A big one (a
first index, a large sync) overlaps reading and parsing with SQLite's writing in two threads.
The :class:`~quill.library.library.Library` decides what to do when the index itself fails.
"""

from __future__ import annotations

import os
import queue
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

from quill.library.conflict_names import is_sync_artifact
from quill.library.errors import LibraryUnavailable, gone_message
from quill.library.index import Index
from quill.library.piece import SUFFIXES, Piece, build_piece, relpath_of
from quill.library.sync_conflicts import conflicts_in_folder
from quill.paths import OWN_FOLDER_MARKER
from quill.storage.textfile import MAX_EDITABLE_BYTES, UnreadableFile, decode

#: From this many files to (re)index, parsing and writing the index overlap in two threads.
PIPELINE_MIN_FILES = 200
PIPELINE_CHUNK = 64

#: relpath -> (absolute path, size, mtime_ns) of every piece found on disk.
Found = dict[str, tuple[Path, int, int]]


@dataclass
class Changes:
    """What a scan found changed on disk since the index last looked (absolute paths)."""

    added: list[Path] = field(default_factory=list)
    changed: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    unavailable: str | None = None  # set by Library.refresh_changed() when the folder is gone
    #: what the index knew of each removed piece (when pieces were added in the same scan: a rename
    #: outside Quill looks like this), so its versions can follow it (Library._follow_renamed)
    vanished: dict[str, Piece] = field(default_factory=dict, compare=False, repr=False)
    #: pieces the scan could tell were renamed or moved outside Quill: (old path, new path), absolute
    renamed: list[tuple[Path, Path]] = field(default_factory=list, compare=False, repr=False)

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    @property
    def paths(self) -> list[Path]:
        return [*self.added, *self.changed, *self.removed]


def sync_index(index: Index, root: Path) -> Changes:
    """Bring ``index`` up to date with the pieces under ``root``; returns what changed.

    Raises :class:`LibraryUnavailable` when ``root`` cannot be listed (nothing is removed then).
    """
    found = walk(root)
    known = index.known()
    changes = Changes()
    todo: list[tuple[Path, int, int, bool]] = []  # (path, size, mtime_ns, new)
    for relpath, (path, size, mtime_ns) in found.items():
        before = known.get(relpath)
        if before is not None and before.size == size and before.mtime_ns == mtime_ns:
            continue
        todo.append((path, size, mtime_ns, before is None))
        (changes.added if before is None else changes.changed).append(path)
    gone = [relpath for relpath in known if relpath not in found]
    if gone and changes.added:
        changes.vanished = {r: p for r in gone if (p := index.piece(root, r)) is not None}
    if len(todo) >= PIPELINE_MIN_FILES:
        _index_pipelined(index, root, todo, gone)
    else:
        with index.transaction():
            for path, size, mtime_ns, _new in todo:
                index.upsert(*read_piece(root, path, size, mtime_ns))
            index.remove(gone)
    changes.removed.extend(root.joinpath(*r.split("/")) for r in gone)
    return changes


def walk(root: Path) -> Found:
    """Every piece under ``root``, skipping hidden files and folders (.trash, .git, editors' temp files),
    Quill's own data folders (marked with :data:`quill.paths.OWN_FOLDER_MARKER`), sync engines' temporary
    and metadata files (``~syncthing~essay.md.tmp``) and conflict copies whose piece is beside them: those
    belong to their piece (:mod:`quill.library.sync_conflicts`), so nothing counts them as pieces."""
    found: Found = {}
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            if folder == root:
                raise LibraryUnavailable(gone_message(root)) from None
            continue
        if folder != root and any(entry.name == OWN_FOLDER_MARKER for entry in entries):
            continue  # Quill's own data (QUILL_HOME inside the library): never pieces
        copies = {c.path.name for group in conflicts_in_folder(folder, [e.name for e in entries]).values()
                  for c in group}
        for entry in entries:
            name = entry.name
            if name.startswith(".") or name in copies:
                continue
            try:
                # A sync engine's folders all start with a dot; a writer's "Drafts~" or "Old.tmp"
                # folder is theirs, and hiding it hid every piece in it.
                if entry.is_dir(follow_symlinks=False):
                    stack.append(Path(entry.path))
                elif name.lower().endswith(SUFFIXES) and not is_sync_artifact(name) and entry.is_file():
                    st = entry.stat()
                    path = Path(entry.path)
                    found[relpath_of(path, root)] = (path, st.st_size, st.st_mtime_ns)
            except OSError:
                continue
    return found


def read_piece(root: Path, path: Path, size: int, mtime_ns: int) -> tuple[Piece, str]:
    """Read and parse one file for the index; an unreadable one becomes a Piece with a problem."""
    text, problem = None, None
    if size > MAX_EDITABLE_BYTES:
        problem = f"{path.name} is too large to open as one piece ({size // (1024 * 1024)} MB)."
    else:
        try:
            text, _fmt = decode(path.read_bytes(), path.name)
        except UnreadableFile as exc:
            problem = str(exc)
        except OSError as exc:
            problem = f"Quill cannot read {path.name}: {exc.strerror or exc}."
    return build_piece(path, root, text, size, mtime_ns, problem)


def _index_pipelined(index: Index, root: Path, todo: list[tuple[Path, int, int, bool]], gone: list[str]) -> None:
    """Index many files at once (a first index, a big sync): this thread reads and parses
    while a writer thread feeds SQLite, which releases the GIL while it tokenizes.

    Threads rather than processes: a spawned process would re-run a frozen app's entry point.
    """
    batches: queue.Queue[tuple[bool, list[tuple[Piece, str]]] | None] = queue.Queue(maxsize=8)
    failure: list[BaseException] = []

    def writer() -> None:
        try:
            with index.transaction(), index.bulk():
                while (item := batches.get()) is not None:
                    new, batch = item
                    if new:
                        index.insert_new(batch)
                    else:
                        for piece, body in batch:
                            index.upsert(piece, body)
                index.remove(gone)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the scanning thread
            failure.append(exc)
            while batches.get() is not None:  # drain so the producer never blocks
                pass

    thread = threading.Thread(target=writer, name="quill-index-writer", daemon=True)
    # The writer gives up the GIL inside every SQLite call; with the default 5 ms switch
    # interval it would then wait for the parser at each call and little would overlap.
    interval = sys.getswitchinterval()
    sys.setswitchinterval(0.0002)
    thread.start()
    try:
        for kind in (True, False):
            batch: list[tuple[Piece, str]] = []
            for path, size, mtime_ns, new in todo:
                if new is not kind:
                    continue
                batch.append(read_piece(root, path, size, mtime_ns))
                if len(batch) >= PIPELINE_CHUNK:
                    batches.put((kind, batch))
                    batch = []
                if failure:
                    break
            if batch:
                batches.put((kind, batch))
    finally:
        batches.put(None)
        thread.join()
        sys.setswitchinterval(interval)
    if failure:
        raise failure[0]
