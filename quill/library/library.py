"""The library facade: the one object the UI and the command line talk to.

A library is a folder of markdown files (sub-folders are collections, ``.trash`` holds
deleted pieces). :class:`Library` keeps an index of it in sync, answers lists and
searches, and performs the lifecycle operations (new, rename, duplicate, move, tag,
finish, reopen, trash, snapshots). Metadata operations rewrite only the front-matter
block of a file; the body is never touched. Nothing here imports Qt.

The work itself lives beside it, one job per module: ``scanning`` (walk the folder, keep
the index in step), ``trash`` (the ``.trash`` folder), ``naming`` (file names for titles),
``snapshots`` (versions), ``index`` (SQLite/FTS5), ``conflicts`` (external changes).
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from quill.digest import sha256_hex
from quill.library import conflicts, sync_conflicts
from quill.library.conflict_names import is_conflict_copy, is_sync_artifact, parse_conflict_name
from quill.library.errors import AmbiguousPiece, LibraryError, LibraryUnavailable, PieceNotFound, gone_message
from quill.library.frontmatter import Document, MalformedFrontMatter, parse
from quill.library.index import Index, SearchHit, _is_locked
from quill.library.moves import (
    LIKENESS,
    MIN_TRIGRAMS,
    Moved,
    holds_every_line,
    likeness,
    likeness_of,
    substantial,
    trigrams,
)
from quill.library.naming import collection_parts, slugify, unique_file
from quill.library.piece import DRAFT, FINISHED, SUFFIXES, Piece, build_piece
from quill.library.scanning import Changes, read_piece, sync_index, walk
from quill.library.snapshots import (
    BEFORE_RESTORE,
    CONFLICT,
    MANUAL,
    RELOADED,
    REOPENED,
    REPLACED,
    SESSION,
    SnapshotStore,
    Version,
)
from quill.library.snapshots import FINISHED as SNAP_FINISHED
from quill.library.trash import TRASH, Trash, TrashItem
from quill.paths import AppDirs, app_dirs, default_library_dir, spelled_within
from quill.storage.atomic import SaveError, atomic_create_bytes, describe_os_error, move_without_replacing
from quill.storage.document import DocumentFile, content_hash, save_keeping_both
from quill.storage.textfile import UnreadableFile, load_text, save_text
from quill.wording import moment_text

#: Pieces that left and arrived in one scan compared word by word for a rename with edits, at most,
#: each side (a piece's latest version against a file: ~1 ms for a few thousand words).
MAX_EDITED_RENAMES = 200

log = logging.getLogger(__name__)

__all__ = [
    "AmbiguousPiece", "Changes", "Library", "LibraryError", "LibraryUnavailable", "PieceNotFound",
    "SaveResult", "TrashItem", "finished_pieces", "slugify",
]


@dataclass(frozen=True)
class SaveResult:
    piece: Piece | None
    conflict_copy: Path | None = None


class Library:
    """One library folder and its index.

    ``Library(root, dirs)`` opens the index without scanning; call :meth:`scan` (or use
    :meth:`Library.open`) before listing. Methods taking ``path`` accept an absolute path
    or a path relative to the library root. Errors are :class:`LibraryError` subclasses
    whose message is a sentence for the writer (saving raises ``SaveError``).

    For the piece open in the editor: metadata operations (finish, tag, rename …) write the
    file on disk. Save the editor's text first, run the operation, then call
    :meth:`check_external` with ``dirty=False`` to reload the new front matter (or apply
    :func:`quill.library.frontmatter.update_text` to the buffer and save it instead).
    Rename and move change the path: reopen with :meth:`open_piece` at ``piece.path``.

    Thread use: every method may be called from one worker thread while the UI thread
    calls others; the index serializes them (a long scan makes a list call wait for it).
    """

    def __init__(self, root: Path, dirs: AppDirs | None = None, *, index_path: Path | None | str = "default",
                 today: Callable[[], _dt.date] = _dt.date.today) -> None:
        self.root = Path(root).expanduser().absolute()
        self.dirs = dirs or app_dirs()
        if index_path == "default":
            index_path = self.default_index_path()
        self.index = Index.open(Path(index_path) if index_path is not None else None)
        self.snapshots = SnapshotStore(self.dirs.data / "snapshots", self.root)
        self._today = today
        self._session_snapshots: set[str] = set()
        self._scan_lock = threading.Lock()
        self._renamed_outside: list[tuple[Path, Path]] = []  # for take_renamed(), filled by scans
        #: what the last finish or reopen could not do beside the change itself (keep its version)
        self.last_warning: str | None = None
        self._trash = Trash(self.root)
        self.problems: list[str] = []

    @classmethod
    def open(cls, root: Path | str | None = None, dirs: AppDirs | None = None) -> Library:
        """Open the library at ``root`` (default: QUILL_LIBRARY or Documents/Quill) and scan it."""
        library = cls(Path(root) if root else default_library_dir(), dirs)
        library.scan()
        return library

    def default_index_path(self) -> Path:
        key = sha256_hex(str(self.root).encode("utf-8", "surrogateescape"))[:16]
        return self.dirs.cache / "library" / f"index-{key}.sqlite3"

    @property
    def notice(self) -> str | None:
        """A message about the index (rebuilt, read-only) or about history found again (versions kept
        while this library was at a path that is gone, before Quill kept them with the library) that the
        UI should show once, or None."""
        if self.index.notice:
            return self.index.notice
        adopted = getattr(self.snapshots, "adopted_from", None)
        if adopted:
            return ("Quill found the versions it kept of these pieces while the library was at "
                    f"{', '.join(adopted)}; they are with the pieces again.")
        return None

    def close(self) -> None:
        self.index.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- keeping the index in step with the files -------------------------------------------
    def scan(self) -> Changes:
        """Bring the index up to date with the folder (incrementally, by size and mtime).

        Raises :class:`LibraryUnavailable` when the folder is gone; the index is left as it
        was, so the list survives an unplugged drive and nothing is forgotten.
        """
        with self._scan_lock:
            self._require_root()
            try:
                return self._scan()
            except sqlite3.DatabaseError as exc:
                path = self.index.path
                self.index.close()
                if _is_locked(exc):
                    # Another Quill is busy writing it: work from a private copy for this run.
                    self.index = Index._in_memory(
                        f"The library index {path} is in use by another Quill; this window uses a temporary "
                        "copy, built from your files.")
                else:
                    # The database broke under us: start again from the files.
                    self.index = Index._rebuilt(path, 2.0) if path else Index.open(None)
                return self._scan()

    def refresh_changed(self) -> Changes:
        """Like :meth:`scan` but never raises: for the file watcher and window focus."""
        try:
            return self.scan()
        except LibraryUnavailable as exc:
            return Changes(unavailable=str(exc))

    def _scan(self) -> Changes:
        changes = sync_index(self.index, self.root)
        self._follow_renamed(changes)
        self.problems = [f"{relpath}: {problem}" for relpath, problem in self.index.problems()]
        return changes

    def _follow_renamed(self, changes: Changes) -> None:
        """Pieces renamed or moved outside Quill (``mv`` while Quill was closed, another machine's rename
        carried by a sync engine) take their versions along, but only on unambiguous evidence: a piece
        that left the index and one that arrived in the same scan with the very same size, file time
        (to the nanosecond: a rename keeps it), word count and first line, and no other piece that
        left or arrived alike; or, renamed and edited, on the evidence of its words (see
        :meth:`_renamed_and_edited`). One that arrived with versions of its own never takes another's.

        Each such rename is also noted in ``changes.renamed`` and for :meth:`take_renamed`, so what
        else is kept by path (the writing history) can follow it too."""
        if not changes.vanished or not changes.added:
            return

        def signature(piece: Piece) -> tuple[int, int, int, str] | None:
            return (piece.size, piece.mtime_ns, piece.words, piece.first_line) if piece.size else None

        left: dict[tuple[int, int, int, str], list[str]] = {}
        for relpath, piece in changes.vanished.items():
            if (sig := signature(piece)) is not None:
                left.setdefault(sig, []).append(relpath)
        arrived: dict[tuple[int, int, int, str], list[str]] = {}
        added: list[str] = []
        for path in changes.added:
            relpath = self._relpath_or_none(path)
            piece = self.index.piece(self.root, relpath) if relpath is not None else None
            if piece is None:
                continue
            added.append(piece.relpath)
            if (sig := signature(piece)) is not None:
                arrived.setdefault(sig, []).append(piece.relpath)
        followed: set[str] = set()
        for sig, [old] in ((s, r) for s, r in left.items() if len(r) == 1):
            new = arrived.get(sig, [])
            if len(new) != 1:
                continue
            self._renamed_to(changes, old, new[0])
            followed.update((old, new[0]))
        for old, new in self._renamed_and_edited([r for r in changes.vanished if r not in followed],
                                                 [r for r in added if r not in followed]):
            self._renamed_to(changes, old, new)

    def _renamed_to(self, changes: Changes, old: str, new: str) -> None:
        """``old`` is now ``new``: noted for whoever keeps things by path, and its versions go along
        (unless ``new`` has versions of its own)."""
        changes.renamed.append((self.root / old, self.root / new))
        self._renamed_outside.append(changes.renamed[-1])
        if self.snapshots.list(new) or not self.snapshots.list(old):
            return
        with contextlib.suppress(OSError):
            self.snapshots.move(old, new)
            if old in self._session_snapshots:
                self._session_snapshots.add(new)

    def _renamed_and_edited(self, left: list[str], arrived: list[str]) -> list[tuple[str, str]]:
        """Pieces renamed *and* edited outside Quill (retitled and revised on another machine, or
        with Quill closed): no file time or size to go by, so the words decide. A piece that left
        with versions is followed to the one piece that arrived without versions whose words are
        closely alike (:func:`quill.library.moves.likeness`) to its latest version, when no other
        piece that left is alike to that one: two candidates either way is a guess, and nothing
        moves. Only pieces with enough words to tell apart are compared, at most
        :data:`MAX_EDITED_RENAMES` of each side (a first scan of a large library adds thousands)."""
        latest: dict[str, set[tuple[str, ...]]] = {}  # old -> its latest version's runs of three words
        for relpath in left[:MAX_EDITED_RENAMES]:
            versions = self.snapshots.list(relpath)
            with contextlib.suppress(OSError, UnicodeDecodeError):
                if versions and len(grams := trigrams(versions[0].read())) >= MIN_TRIGRAMS:
                    latest[relpath] = grams
        if not latest:
            return []
        alike: dict[str, list[str]] = {}  # old -> the arrived pieces alike to it
        matched: dict[str, int] = {}  # new -> how many old pieces are alike to it
        for relpath in arrived[:MAX_EDITED_RENAMES]:
            if self.snapshots.list(relpath):
                continue
            with contextlib.suppress(UnreadableFile, OSError):
                grams = trigrams(load_text(self.root.joinpath(*relpath.split("/"))).text)
                if len(grams) < MIN_TRIGRAMS:
                    continue
                for old, before in latest.items():
                    if likeness_of(before, grams) >= LIKENESS:
                        alike.setdefault(old, []).append(relpath)
                        matched[relpath] = matched.get(relpath, 0) + 1
        return [(old, news[0]) for old, news in alike.items() if len(news) == 1 and matched[news[0]] == 1]

    def take_renamed(self) -> list[tuple[Path, Path]]:
        """The renames outside Quill found by scans since the last call (old path, new path), in
        order; a scan's own :class:`Changes` is not always seen by whoever keeps things by path."""
        with self._scan_lock:
            renamed, self._renamed_outside = self._renamed_outside, []
        return renamed

    def note_saved(self, path: Path | str) -> Piece | None:
        """Re-index one file after Quill (or anyone) wrote it; returns its fresh Piece, or None if gone."""
        path = self._abs(path)
        relpath = self._relpath(path)
        if is_conflict_copy(path) or is_sync_artifact(path.name):
            self.index.remove([relpath])  # a conflict copy belongs to its piece: see conflicts()
            return None
        try:
            st = path.stat()
        except OSError:
            self.index.remove([relpath])
            return None
        piece, body = read_piece(self.root, path, st.st_size, st.st_mtime_ns)
        with self.index.transaction():
            self.index.upsert(piece, body)
        return piece

    # -- listing and finding ----------------------------------------------------------------
    def pieces(self, status: str | None = None, tag: str | None = None, collection: str | None = None,
               sort: str = "updated") -> list[Piece]:
        """Pieces from the index. ``status``: "draft", "finished" or None/"all"; ``collection``:
        a sub-folder ("" for the top level only, None for everywhere); ``sort``: "updated"
        (last edited first), "finished" (latest finished first), "title" or "created"."""
        if status == "all":
            status = None
        return self.index.pieces(self.root, status=status, tag=tag, collection=collection, sort=sort)

    def piece(self, path: Path | str, *, wait: bool = True) -> Piece | None:
        """The indexed piece at ``path``; ``wait=False`` raises IndexBusy instead of waiting for a scan."""
        return self.index.piece(self.root, self._relpath(self._abs(path)), wait=wait)

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Full-text search over titles, tags and bodies; best matches first, with snippets."""
        return self.index.search(self.root, query, limit)

    def most_recent(self) -> Piece | None:
        """The piece edited last (by file time), to open at launch."""
        return self.index.most_recent(self.root)

    def collections(self) -> list[str]:
        return sorted({p.collection for p in self.pieces() if p.collection})

    def tags(self) -> list[str]:
        return sorted({t for p in self.pieces() for t in p.tags}, key=str.casefold)

    def resolve(self, spec: str) -> Piece:
        """A piece named by a path, or by an unambiguous title or file stem (case-insensitive).

        Raises :class:`AmbiguousPiece` (with the candidates) or :class:`PieceNotFound`.
        """
        for candidate in self._path_candidates(spec):
            if candidate.is_file():
                try:
                    relpath = self._relpath(candidate)
                except LibraryError:
                    raise PieceNotFound(f"{candidate} is not inside the library {self.root}.") from None
                if relpath.split("/")[0] == TRASH:
                    raise PieceNotFound(f"{candidate.name} is in the library's trash, not a piece any more; restore "
                                        "it in Quill first (“Restore from the trash…”).")
                if any(part.startswith(".") for part in relpath.split("/")):
                    raise PieceNotFound(f"{candidate} is in a hidden folder, which the library leaves alone.")
                piece = self.note_saved(candidate)
                if piece is not None:
                    return piece
        wanted = spec.strip().casefold()
        pieces = self.pieces()
        matches = [p for p in pieces if p.title.casefold() == wanted or p.stem.casefold() == wanted]
        originals = [p for p in matches if not is_conflict_copy(p.path)]
        if len(originals) == 1:  # a conflict copy shares its piece's title; the title means the piece
            return originals[0]
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise AmbiguousPiece(spec, sorted(matches, key=lambda p: p.relpath))
        near = [p for p in pieces if wanted and wanted in p.title.casefold()]
        if len(near) == 1:
            return near[0]
        if near:
            raise AmbiguousPiece(spec, sorted(near, key=lambda p: p.relpath))
        raise PieceNotFound(f"No piece called '{spec}' in {self.root}.")

    def _path_candidates(self, spec: str) -> list[Path]:
        raw = Path(spec).expanduser()
        if not (raw.is_absolute() or raw.suffix.lower() in SUFFIXES or len(raw.parts) > 1):
            return []  # a bare word is a title or a stem, checked for ambiguity by resolve()
        out = [raw.absolute()] if raw.is_absolute() or raw.exists() else []
        if not raw.is_absolute():
            out.append(self.root / raw)
        return out

    # -- creating, renaming, moving -------------------------------------------------------------
    def new_piece(self, title: str = "", collection: str = "", text: str | None = None) -> Piece:
        """Create a draft file named after ``title`` (a unique, readable slug) and index it.

        The file gets front matter with its title (if any), ``status: draft`` and ``created``.
        """
        self._require_root()
        folder = self._collection_dir(collection)
        folder.mkdir(parents=True, exist_ok=True)
        today = self._today()
        stem = slugify(title) if title.strip() else f"untitled-{today.isoformat()}"
        path = unique_file(folder, stem)
        doc = Document(body=text or "")
        if title.strip():
            doc.set("title", title.strip())
        doc.set("status", DRAFT)
        doc.set("created", today)
        path = self._write_new(path, doc.text())
        piece = self.note_saved(path)
        assert piece is not None
        return piece

    def rename(self, path: Path | str, title: str) -> Piece:
        """Give a piece a new title: its front matter and its file name follow; history moves with it."""
        title = title.strip()
        if not title:
            raise LibraryError("A title needs at least one letter.")
        old = self._existing(path)
        self._rewrite(old, lambda doc: doc.set("title", title))
        new = old if old.stem == slugify(title) else unique_file(old.parent, slugify(title), own=old)
        return self._relocate(old, new)

    def rename_file(self, path: Path | str, title: str) -> Piece:
        """Give a piece's file the name of ``title`` (the text is not touched); history moves with it.

        For a new draft Quill named provisionally: the writer's words decide its name, not the date."""
        old = self._existing(path)
        stem = slugify(title)
        new = old if old.stem == stem else unique_file(old.parent, stem, own=old)
        return self._relocate(old, new)

    def duplicate(self, path: Path | str) -> Piece:
        """A new draft copy of a piece (title "… (copy)"), without its finished date or url."""
        old = self._existing(path)
        text = self._load(old).text
        doc = parse(text)
        if doc.problem:
            new = unique_file(old.parent, old.stem + "-copy")
            new = self._write_new(new, text)
        else:
            piece = self.note_saved(old)
            title = f"{piece.title if piece else old.stem} (copy)"
            doc.update({"title": title, "status": DRAFT, "finished": None, "url": None, "created": self._today()})
            new = unique_file(old.parent, slugify(title))
            new = self._write_new(new, doc.text())
        result = self.note_saved(new)
        assert result is not None
        return result

    def move_to_collection(self, path: Path | str, collection: str) -> Piece:
        """Move a piece into a sub-folder ("" for the top level), keeping its file name if free."""
        old = self._existing(path)
        folder = self._collection_dir(collection)
        folder.mkdir(parents=True, exist_ok=True)
        if folder == old.parent:
            piece = self.note_saved(old)
            assert piece is not None
            return piece
        return self._relocate(old, unique_file(folder, old.stem, old.suffix))

    def _relocate(self, old: Path, new: Path) -> Piece:
        if new != old:
            old_rel = self._relpath(old)
            for _attempt in range(20):
                try:
                    move_without_replacing(old, new)
                    break
                except FileExistsError:  # taken this very instant (a sync engine): the next free name
                    new = unique_file(new.parent, new.stem, new.suffix)
                except OSError as exc:
                    raise LibraryError(f"Quill could not move {old.name} to {new.parent}: {exc.strerror}.") from None
            else:
                raise LibraryError(f"Quill could not find a free name for {old.name} in {new.parent}.")
            self.index.remove([old_rel])
            self.snapshots.move(old_rel, self._relpath(new))
            if old_rel in self._session_snapshots:
                self._session_snapshots.add(self._relpath(new))
        piece = self.note_saved(new)
        assert piece is not None
        return piece

    # -- metadata (front matter only) -----------------------------------------------------------
    def set_metadata(self, path: Path | str, **changes: object) -> Piece:
        """Set front-matter keys (None removes one); the body is left byte for byte."""
        target = self._existing(path)
        self._rewrite(target, lambda doc: doc.update(changes))
        piece = self.note_saved(target)
        assert piece is not None
        return piece

    def set_tags(self, path: Path | str, tags: Iterable[str]) -> Piece:
        clean = list(dict.fromkeys(t.strip() for t in tags if t and t.strip()))
        return self.set_metadata(path, tags=clean or None)

    def add_tag(self, path: Path | str, tag: str) -> Piece:
        piece = self._piece_now(path)
        return self.set_tags(path, [*piece.tags, tag])

    def remove_tag(self, path: Path | str, tag: str) -> Piece:
        piece = self._piece_now(path)
        return self.set_tags(path, [t for t in piece.tags if t != tag])

    def set_url(self, path: Path | str, url: str | None) -> Piece:
        return self.set_metadata(path, url=(url or "").strip() or None)

    def finish(self, path: Path | str, when: _dt.date | None = None) -> Piece:
        """Mark finished: ``status: finished``, the ``finished`` date, and a kept snapshot."""
        target = self._existing(path)
        day = when or self._today()
        text = self._rewrite(target, lambda doc: doc.update({"status": FINISHED, "finished": day}))
        self._keep_status_version(target, text, SNAP_FINISHED, "finished")
        piece = self.note_saved(target)
        assert piece is not None
        return piece

    def reopen(self, path: Path | str) -> Piece:
        """Reopen as draft: ``status: draft``, no finished date; the change is snapshotted."""
        target = self._existing(path)
        text = self._rewrite(target, lambda doc: doc.update({"status": DRAFT, "finished": None}))
        self._keep_status_version(target, text, REOPENED, "a draft again")
        piece = self.note_saved(target)
        assert piece is not None
        return piece

    def _keep_status_version(self, target: Path, text: str, reason: str, status: str) -> None:
        """The version that marks a finish or a reopen. The file already says its new status, so a
        data folder that refuses the version (read-only, full, not a folder) must not make the
        change look failed, nor leave the index behind: it is said in :attr:`last_warning`."""
        self.last_warning = None
        try:
            self.snapshots.take(self._relpath(target), text, reason)
        except OSError as exc:
            where = Path(exc.filename) if isinstance(exc.filename, str) else self.dirs.data / "snapshots" / "x"
            self.last_warning = (f"{target.name} is {status}, but Quill could not keep the version that marks it: "
                                 f"{describe_os_error(exc, where)}")

    def backlog(self, since: _dt.date | None = None) -> list[Piece]:
        """Finished pieces in the order they were finished (oldest first), optionally from ``since``.

        The one rule for "finished" that the backlog, the history and the voice baseline share:
        front matter ``status: finished`` in a file Quill can read (see :attr:`Piece.finished_day`),
        that is not a conflict copy of another piece (a second version is never a second piece).
        """
        pieces = [p for p in self.pieces(status=FINISHED) if p.problem is None and not is_conflict_copy(p.path)]
        if since is not None:
            pieces = [p for p in pieces if p.finished_day >= since]
        return sorted(pieces, key=lambda p: (p.finished_day, p.title.casefold()))

    def _rewrite(self, path: Path, mutate: Callable[[Document], None]) -> str:
        loaded = self._load(path)
        doc = parse(loaded.text)
        if doc.problem:
            raise LibraryError(f"{path.name}: {doc.problem}")
        try:
            mutate(doc)
        except MalformedFrontMatter as exc:
            raise LibraryError(f"{path.name}: {exc}") from None
        text = doc.text()
        if text != loaded.text:
            try:
                save_text(path, text, loaded.format)
            except SaveError as exc:
                raise LibraryError(str(exc)) from None
        return text

    # -- trash ----------------------------------------------------------------------------------
    @property
    def trash_dir(self) -> Path:
        return self._trash.dir

    def trash(self, path: Path | str) -> Path:
        """Move a piece into the library's ``.trash`` folder; returns where it went."""
        old = self._existing(path)
        relpath = self._relpath(old)
        title = (self.piece(old) or build_piece(old, self.root, None, 0, 0)[0]).title
        target = self._trash.put(old, relpath, title)
        self.index.remove([relpath])
        # Its versions go with it: left under its old name they became the history of the next
        # piece to take that name, and a piece restored under a free name came back without them.
        with contextlib.suppress(OSError):
            self.snapshots.move(relpath, self._trashed_key(target))
        return target

    def trashed(self) -> list[TrashItem]:
        """Pieces in the trash, most recently deleted first."""
        return self._trash.items()

    def restore(self, trashed: Path | str | TrashItem) -> Piece:
        """Put a trashed piece back where it was (under a free name if that one is taken now)."""
        file = trashed.path if isinstance(trashed, TrashItem) else Path(trashed)
        key = self._trashed_key(file if file.is_absolute() else self._trash.dir / file)
        restored = self._trash.take_out(trashed)
        with contextlib.suppress(OSError):
            self.snapshots.move(key, self._relpath(restored))
        piece = self.note_saved(restored)
        assert piece is not None
        return piece

    def _trashed_key(self, file: Path) -> str:
        """The key a trashed piece's versions wait under: its place inside ``.trash`` (never a piece's)."""
        return f"{TRASH}/{self._trash.key(file)}"

    def empty_trash(self, items: list[TrashItem] | None = None) -> int:
        """Delete for good ``items`` (as listed by :meth:`trashed` when the writer was asked), or
        everything in the trash; returns how many pieces went.

        Their versions stay in Quill's data folder (words are never deleted there) but are set
        apart, so the next piece trashed under the same name does not take them as its own."""
        emptied = items if items is not None else self._trash.items()
        count = self._trash.empty(items)
        stamp = _dt.datetime.now().strftime("%Y%m%dT%H%M%S%f")
        for item in emptied:
            if not item.path.exists():
                with contextlib.suppress(OSError):
                    key = self._trashed_key(item.path)
                    self.snapshots.move(key, f".emptied-trash/{stamp}/{key}")
        return count

    # -- open pieces: saving and external changes -----------------------------------------------
    def open_piece(self, path: Path | str) -> tuple[DocumentFile, str]:
        """Load a piece for editing: a handle that refuses to clobber newer disk content, and its text."""
        try:
            return DocumentFile.open(self._abs(path))
        except UnreadableFile as exc:
            raise LibraryError(str(exc)) from None

    def save(self, doc: DocumentFile, text: str, *, index: bool = True) -> SaveResult:
        """Save an open piece: snapshot the disk version before the session's first change,
        write atomically, keep both texts on an external change, and update the index.

        ``index=False`` leaves the index to catch up later: re-indexing reads the piece back and
        re-tokenises all of it (~25 ms at 100,000 words), which autosave would otherwise pay
        every few seconds. The library overlay, quick open and the command line run
        :meth:`refresh_changed` first, which re-indexes any file whose size or mtime moved on.

        Raises :class:`SaveError` (e.g. the library folder is gone); the text is then still
        the caller's to keep (in memory and the recovery journal) and to save again later.
        """
        if self._relpath_or_none(doc.path) is not None and self._relpath(doc.path) not in self._session_snapshots:
            with contextlib.suppress(UnreadableFile, OSError):
                self.snapshot_before_first_change(doc.path, load_text(doc.path).text)
        aside = self._own_words_aside(doc)
        copy = save_keeping_both(doc, text, self._copies_of(doc))
        if copy is not None:
            self._index_after_save(copy)
            self._fold_own_words(doc, aside, copy)
        return SaveResult(self._index_after_save(doc.path) if index else None, copy)

    def _index_after_save(self, path: Path) -> Piece | None:
        """Re-index a file just saved, if the index lets us. The words are on disk by now: an index
        another Quill holds locked past the timeout (or one that broke) must not turn the save into
        a failure. The file's newer mtime has :meth:`refresh_changed` index it later."""
        try:
            return self._note_if_inside(path)
        except sqlite3.DatabaseError as exc:
            log.warning("saved %s, but could not update the library index now (%s); it catches up later",
                        path.name, exc)
            return None

    def check_external(self, doc: DocumentFile, editor_text: str, dirty: bool) -> conflicts.ExternalResult:
        """See :func:`quill.library.conflicts.check_external`; also re-indexes what changed."""
        aside = self._own_words_aside(doc) if dirty else []
        result = conflicts.check_external(doc, editor_text, dirty, self._copies_of(doc))
        if result.kind != conflicts.UNCHANGED:
            self._note_if_inside(doc.path)
        if result.conflict_copy is not None:
            self._note_if_inside(result.conflict_copy)
            self._fold_own_words(doc, aside, result.conflict_copy)
        return result

    # -- one conflict, one copy ------------------------------------------------------------------
    @staticmethod
    def _copies_of(doc: DocumentFile) -> Callable[[], list[Path]]:
        """The conflict copies beside the open piece, read only when a save meets a change."""
        return lambda: [c.path for c in sync_conflicts.conflicts_of(doc.path)]

    @staticmethod
    def _own_words_aside(doc: DocumentFile) -> list[tuple[Path, str]]:
        """Conflict copies holding exactly what Quill last wrote for the open piece, while another
        version has taken its place: the sync engine moved the writer's own words aside (Syncthing
        renames the losing side's file to ``.sync-conflict-…`` and puts the winner in its place).
        Cheap when nothing changed: one stat."""
        if not doc.changed_on_disk() or not doc.path.exists():
            return []
        aside = []
        for copy in sync_conflicts.conflicts_of(doc.path):
            if doc.holds_known_bytes(copy.path):
                with contextlib.suppress(UnreadableFile, OSError):
                    aside.append((copy.path, load_text(copy.path).text))
        return aside

    def _fold_own_words(self, doc: DocumentFile, aside: list[tuple[Path, str]], kept: Path) -> None:
        """The writer's newer text has just been saved over another version, which is kept as
        ``kept``. A copy of the writer's own older words (see :meth:`_own_words_aside`) is then a
        second copy of the same conflict: it becomes a version of the piece (reason ``conflict``,
        kept forever) and its file goes, so one conflict leaves one copy. Never when the copy
        changed since it was looked at."""
        relpath = self._relpath_or_none(doc.path)
        if relpath is None:
            return
        for path, text in aside:
            if path == kept:
                continue
            try:
                if load_text(path).text != text:
                    continue
            except (UnreadableFile, OSError):
                continue
            self.snapshots.take(relpath, text, CONFLICT)
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
            self.index.remove([self._relpath(path)])

    def follow_move(self, doc: DocumentFile) -> Path | None:
        """The open piece's file is gone: find it again if it was renamed or moved (here, or on
        another machine and carried over by a sync engine), and point ``doc`` at its new path.

        Why: without this, the next save wrote the piece back under its old name and the library
        held it twice. A file is the piece when it holds exactly the bytes Quill last read or wrote;
        with no such file (really deleted, or changed as well as moved) None is returned and the
        editor keeps its text, which the next save writes back (nothing is lost either way). For a
        rename on one machine while the other edited the piece, see :meth:`follow`.
        """
        if doc.path.exists() or self._relpath_or_none(doc.path) is None:
            return None
        try:
            found = walk(self.root)
        except LibraryUnavailable:
            return None
        # Never into a conflict copy: while Syncthing moves the losing side's file aside as
        # ``essay.sync-conflict-….md`` and before it puts the winner in its place, that copy holds
        # exactly the known bytes, but the writer's words belong in the piece, not in the copy.
        matches = [path for path, _size, _mtime in found.values()
                   if parse_conflict_name(path.name) is None and doc.holds_known_bytes(path)]
        if len(matches) != 1:
            return None
        self._repoint(doc, matches[0])
        return matches[0]

    def follow(self, doc: DocumentFile, text: str, appeared: Iterable[Path] | None = None) -> Moved | None:
        """Find the open piece again after another machine renamed it, and write the writer's
        ``text`` there, so the piece exists once and nothing is lost.

        ``appeared``: files that appeared in the library since the piece was opened (the window
        watches its folder); None takes every file the index does not know yet. Three cases:

        - the piece's file is gone and a file holds exactly the bytes Quill last saw: follow it
          (:meth:`follow_move`);
        - the piece's file is gone and one file that appeared holds an older state of it (the
          other machine renamed it before our edits reached it) or words closely matching
          ``text`` (it renamed *and* edited it): follow it and save ``text`` there; text Quill has
          not seen is kept beside it as a conflict copy, an older state of ours as a version;
        - the piece's file is still there, as Quill last saved it, and one file that appeared
          holds an older state of it (the sync engine resurrected our edited file under its old
          name, an edit beating a delete, and carried the renamed one over too): write ``text``
          under the new name, keep that older state as a version, remove the old name.
        """
        if self._relpath_or_none(doc.path) is None:
            return None
        if not doc.path.exists():
            if (path := self.follow_move(doc)) is not None:
                return Moved(path)
            return self._follow_changed(doc, text, appeared)
        if appeared is None or doc.changed_on_disk():
            return None
        return self._fold_into_renamed(doc, text, appeared)

    def _candidates(self, doc: DocumentFile, appeared: Iterable[Path] | None) -> list[Path]:
        if appeared is None:
            try:
                found = walk(self.root)
            except LibraryUnavailable:
                return []
            known = self.index.known()
            appeared = [path for rel, (path, _size, _mtime) in found.items() if rel not in known]
        out = []
        for path in appeared:
            path = Path(path)
            if path == doc.path or path.name.startswith(".") or is_sync_artifact(path.name) \
                    or not path.name.lower().endswith(SUFFIXES) or parse_conflict_name(path.name) is not None \
                    or self._relpath_or_none(path) is None or not path.is_file():
                continue
            out.append(path)
        return out

    def _follow_changed(self, doc: DocumentFile, text: str, appeared: Iterable[Path] | None) -> Moved | None:
        candidates = self._candidates(doc, appeared)
        older = [path for path in candidates if self._older_state(doc, path)]
        if len(older) > 1:
            return None
        if older:
            new, ours_older = older[0], True
        else:
            if not substantial(text):
                return None
            alike = []
            for path in self._near_in_size(candidates, len(text.encode("utf-8"))):
                with contextlib.suppress(UnreadableFile, OSError):
                    theirs = load_text(path).text
                    if likeness(text, theirs) >= LIKENESS:
                        alike.append((path, theirs))
            if len(alike) != 1:
                return None
            (new, theirs), ours_older = alike[0], False
            if holds_every_line(theirs, text):
                # Renamed and added to over there, with every line the writer has: nothing of ours
                # is lost by taking it, so it is an ordinary change on disk (reload, or keep both if
                # the writer types meanwhile), not a conflict copy.
                self._repoint(doc, new)
                return Moved(new)
        self._repoint(doc, new)
        if ours_older:  # a state we wrote ourselves, before the words in ``text``: a version, not a copy
            return Moved(new, self._write_over_older(doc, text))
        result = self.save(doc, text)  # the other machine's text is not ours: kept beside it
        return Moved(new, result.conflict_copy)

    @staticmethod
    def _near_in_size(candidates: list[Path], size: int, most: int = 20) -> list[Path]:
        """The candidates worth comparing word by word: within a third and three times the writer's
        text in size, the nearest ``most`` of them (comparing costs 0.13 s at 100,000 words, on the
        GUI thread; a library whose index is not built yet would offer every file)."""
        sized = []
        for path in candidates:
            with contextlib.suppress(OSError):
                length = path.stat().st_size
                if size / 3 <= length <= size * 3 + 4096:
                    sized.append((abs(length - size), path))
        return [path for _distance, path in sorted(sized)[:most]]

    @staticmethod
    def _older_state(doc: DocumentFile, path: Path) -> bool:
        """``path`` holds an older state of the open piece with enough words to say so: a few
        words ("Start.") are no one's identity."""
        if not doc.held_before(path):
            return False
        try:
            return substantial(load_text(path).text)
        except (UnreadableFile, OSError):
            return False

    def _write_over_older(self, doc: DocumentFile, text: str) -> Path | None:
        """Write ``text`` over a file holding an older state of the open piece (one Quill itself
        read or wrote this session), that state first kept as a version. If the file changed again
        meanwhile, this is an ordinary save that keeps both (returns the copy's path)."""
        try:
            older = load_text(doc.path).text
        except (UnreadableFile, OSError):
            return self.save(doc, text).conflict_copy
        self.snapshots.take(self._relpath(doc.path), older, CONFLICT)
        if not doc.held_before(doc.path):
            return self.save(doc, text).conflict_copy
        doc.save(text, force=True)
        self._note_if_inside(doc.path)
        return None

    def _fold_into_renamed(self, doc: DocumentFile, text: str, appeared: Iterable[Path]) -> Moved | None:
        older = [path for path in self._candidates(doc, appeared) if self._older_state(doc, path)]
        if len(older) != 1:
            return None
        old, new = doc.path, older[0]
        kept = content_hash(old)
        self._repoint(doc, new)
        copy = self._write_over_older(doc, text)
        if content_hash(old) == kept:  # still exactly what Quill last saved there: in the new file now
            with contextlib.suppress(FileNotFoundError):
                old.unlink()
            self.index.remove([self._relpath(old)])
            return Moved(new, copy, folded=old)
        return Moved(new, copy)

    def _repoint(self, doc: DocumentFile, new: Path) -> None:
        """The open piece lives at ``new`` from now on: its index entry and versions follow it."""
        old_rel, new_rel = self._relpath(doc.path), self._relpath(new)
        self.index.remove([old_rel])
        self.snapshots.move(old_rel, new_rel)
        if old_rel in self._session_snapshots:
            self._session_snapshots.add(new_rel)
        doc.path = new
        self.note_saved(new)

    def _note_if_inside(self, path: Path) -> Piece | None:
        return self.note_saved(path) if self._relpath_or_none(path) is not None else None

    # -- snapshots ------------------------------------------------------------------------------
    def snapshot(self, path: Path | str, reason: str = MANUAL, text: str | None = None) -> Version | None:
        """Keep a version of a piece now (its disk text, or ``text``). None if identical to the last."""
        target = self._abs(path)
        if text is None:
            text = self._load(target).text
        return self.snapshots.take(self._relpath(target), text, reason)

    def snapshot_before_first_change(self, path: Path | str, text: str) -> Version | None:
        """Call with the loaded text when the writer first edits a piece in this session.

        Only the first call per piece per session stores anything; :meth:`new_session`
        starts a new session (e.g. after a long idle time).
        """
        relpath = self._relpath(self._abs(path))
        if relpath in self._session_snapshots:
            return None
        self._session_snapshots.add(relpath)
        try:
            return self.snapshots.take(relpath, text, SESSION)
        except BaseException:
            # Not kept (Quill's data folder full or read-only): the next change tries again, so the
            # session does not go on without any version to come back to.
            self._session_snapshots.discard(relpath)
            raise

    def holds(self, path: Path | str) -> bool:
        """Whether ``path`` is inside the library (so its words can be kept as versions)."""
        return self._relpath_or_none(self._abs(path)) is not None

    def keep_before_replacing(self, path: Path | str) -> Version | None:
        """Keep a library piece's disk text as a version before another text is written over its file.

        None when ``path`` is not in the library (the caller keeps a copy elsewhere). Raises
        OSError/UnicodeDecodeError when the text cannot be read, so the caller can refuse."""
        target = self._abs(path)
        if self._relpath_or_none(target) is None:
            return None
        return self.snapshots.take(self._relpath(target), self._load(target).text, REPLACED)

    def keep_before_reload(self, path: Path | str, text: str) -> Version | None:
        """Keep ``text`` (what Quill last saved, still in the editor) as a version of the piece at
        ``path``, which another program has just changed: the editor is about to show the new file.
        None when ``path`` is not in the library or the text is already the latest version."""
        target = self._abs(path)
        relpath = self._relpath_or_none(target)
        if relpath is None:
            return None
        return self.snapshots.take(relpath, text, RELOADED)

    def new_session(self) -> None:
        self._session_snapshots.clear()

    def versions(self, path: Path | str) -> list[Version]:
        """A piece's versions, newest first (each with its date, reason and word count)."""
        return self.snapshots.list(self._relpath(self._abs(path)))

    def version(self, path: Path | str, version_id: str) -> Version:
        try:
            return self.snapshots.get(self._relpath(self._abs(path)), version_id)
        except KeyError:
            raise PieceNotFound(f"No version {version_id} of {Path(path).name}.") from None

    def current_text(self, path: Path | str) -> str:
        """The piece's text on disk now (what a version is compared with)."""
        return self._load(self._abs(path)).text

    def diff(self, path: Path | str, version: Version, against: str | None = None) -> str:
        """What changed between ``version`` and ``against`` (default: the piece's current text)."""
        current = against if against is not None else self._load(self._abs(path)).text
        return self.snapshots.diff(version.read(), current, f"{version.taken:%Y-%m-%d %H:%M}", "now")

    def restore_version(self, path: Path | str, version: Version) -> str:
        """Make ``version`` the piece's text again; the current text is kept as a version first.

        Returns the restored text (for an open editor, follow with ``check_external``).
        """
        target = self._existing(path)
        try:
            text = version.read()
        except (OSError, UnicodeDecodeError):
            raise LibraryError(f"The version of {moment_text(version.taken)} is no longer in Quill's data folder "
                               f"({version.file.parent}); {target.name} was left as it is.") from None
        loaded = self._load(target)
        self.snapshots.take(self._relpath(target), loaded.text, BEFORE_RESTORE)
        try:
            save_text(target, text, loaded.format)
        except SaveError as exc:
            raise LibraryError(str(exc)) from None
        self.note_saved(target)
        return text

    # -- conflict copies (a sync engine's second versions of a piece) ------------------------------
    def conflicts(self) -> dict[Path, list[sync_conflicts.ConflictCopy]]:
        """Every piece with versions from other devices beside it, by piece path. The copies are
        never pieces of their own (the walk leaves them out); this is where they are found."""
        self._require_root()
        return sync_conflicts.find_conflicts(self.root)

    def conflicts_of(self, path: Path | str) -> list[sync_conflicts.ConflictCopy]:
        """The conflict copies beside one piece, oldest first (one folder read)."""
        return sync_conflicts.conflicts_of(self._abs(path))

    def resolve_conflicts(self, path: Path | str, text: str,
                          copies: list[sync_conflicts.ConflictCopy] | None = None) -> str:
        """Settle a piece's conflict: ``text`` becomes the piece (the writer's, a copy's, or a merge).

        Nothing is lost: the piece's text on disk (if it changes) and every copy's text are kept
        first as versions of the piece (reason ``conflict``, kept forever); only then are the copy
        files removed, so the sync engine carries the settled piece to the other devices.
        Returns the text written (for an open editor, follow with ``check_external``).
        """
        target = self._existing(path)
        relpath = self._relpath(target)
        copies = self.conflicts_of(target) if copies is None else copies
        loaded = self._load(target)
        if loaded.text != text:
            self.snapshots.take(relpath, loaded.text, CONFLICT)
        kept: list[Path] = []
        for copy in copies:
            try:
                copy_text = load_text(copy.path).text
            except FileNotFoundError:
                continue  # already settled elsewhere (the other device did it first)
            except (UnreadableFile, OSError) as exc:
                raise LibraryError(f"{copy.path.name} could not be read, so it was left beside the piece: "
                                   f"{exc}") from None
            self.snapshots.take(relpath, copy_text, CONFLICT)
            kept.append(copy.path)
        if loaded.text != text:
            try:
                save_text(target, text, loaded.format)
            except SaveError as exc:
                raise LibraryError(str(exc)) from None
        for copy_path in kept:
            with contextlib.suppress(FileNotFoundError):
                copy_path.unlink()
        self.note_saved(target)
        return text

    # -- helpers --------------------------------------------------------------------------------
    def _require_root(self) -> None:
        if not self.root.is_dir():
            raise LibraryUnavailable(gone_message(self.root))

    def _abs(self, path: Path | str) -> Path:
        """``path`` absolute and spelled from the root (see :func:`quill.paths.spelled_within`)."""
        path = Path(path).expanduser()
        return spelled_within(path, self.root) if path.is_absolute() else self.root / path

    def _relpath(self, path: Path) -> str:
        rel = self._relpath_or_none(path)
        if rel is None:
            raise LibraryError(f"{path} is not inside the library {self.root}.")
        return rel

    def _relpath_or_none(self, path: Path) -> str | None:
        try:
            return Path(path).absolute().relative_to(self.root).as_posix()
        except ValueError:
            try:
                return Path(path).resolve().relative_to(self.root.resolve()).as_posix()
            except (ValueError, OSError):
                return None

    def _existing(self, path: Path | str) -> Path:
        self._require_root()
        target = self._abs(path)
        if not target.is_file():
            raise PieceNotFound(f"{target.name} is not in the library any more.")
        self._relpath(target)
        return target

    def _piece_now(self, path: Path | str) -> Piece:
        piece = self.note_saved(self._existing(path))
        if piece is None:
            raise PieceNotFound(f"{Path(path).name} is not in the library any more.")
        return piece

    def _load(self, path: Path):  # -> LoadedText
        try:
            return load_text(path)
        except UnreadableFile as exc:
            raise LibraryError(str(exc)) from None

    def _collection_dir(self, collection: str) -> Path:
        try:
            return self.root.joinpath(*collection_parts(collection))
        except ValueError as exc:
            raise LibraryError(str(exc)) from None

    def _write_new(self, path: Path, text: str) -> Path:
        """Create a new piece at ``path``, or at the next free name if a file appeared there meanwhile
        (never over it); returns where it was written."""
        for _attempt in range(20):
            try:
                atomic_create_bytes(path, text.encode("utf-8"))
                return path
            except FileExistsError:
                path = unique_file(path.parent, path.stem, path.suffix)
            except SaveError as exc:
                raise LibraryError(str(exc)) from None
        raise LibraryError(f"Quill could not find a free name for {path.name} in {path.parent}.")


def finished_pieces(root: Path | str, dirs: AppDirs | None = None) -> list[Piece]:
    """The finished pieces of the library at ``root`` (brought up to date first), oldest first.

    For callers that hold no open :class:`Library` (the history, the voice profile); a folder
    that is not there has none.
    """
    root = Path(root)
    if not root.is_dir():
        return []
    with Library(root, dirs) as library:
        try:
            library.scan()
        except LibraryUnavailable:
            return []
        return library.backlog()
