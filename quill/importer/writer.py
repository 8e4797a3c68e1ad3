"""Planning an import against the library, then writing the new pieces.

The plan is made first and completely (nothing is written while an archive is being read,
so bad input leaves no trace). A piece whose ``source`` is already in the library (in any
file's front matter, the trash included, so a piece you threw away does not come back), or
whose bytes equal a file already there (markdown copied byte for byte carries no ``source``),
is "already imported" and left alone: a second import of the same archive changes nothing.

New files get a name from the title's slug in the library's own way
(:mod:`quill.library.naming`); a name already taken, on disk or earlier in the same plan,
gets ``-2``, ``-3`` …. Each file is created atomically and never replaces anything
(:func:`quill.storage.atomic.atomic_create_bytes`).
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import os
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from quill.digest import sha256_hex
from quill.importer.model import ImportedPiece, Skipped
from quill.library.conflict_names import is_sync_artifact
from quill.library.frontmatter import Document
from quill.library.naming import _WINDOWS_RESERVED, MAX_NAME_BYTES, collection_parts, slugify
from quill.library.piece import FINISHED, SUFFIXES
from quill.storage.atomic import SaveError, atomic_create_bytes

_SOURCE_LINE = re.compile(r"^source:[ \t]*(.+?)[ \t]*$", re.MULTILINE)
#: front matter is looked for in this many leading bytes of each library file
HEAD_BYTES = 16 * 1024

Progress = Callable[[int, int], None]


@dataclass
class Planned:
    piece: ImportedPiece
    path: Path
    data: bytes


@dataclass
class Plan:
    """What an import will do. ``already`` were imported before; ``skipped`` cannot be imported."""

    platform: str
    root: Path
    collection: str
    new: list[Planned] = field(default_factory=list)
    already: list[ImportedPiece] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def by_year(self) -> dict[str, int]:
        counts = Counter(str(p.piece.year) if p.piece.year else "undated" for p in self.new)
        return dict(sorted(counts.items()))

    def statuses(self) -> dict[str, int]:
        return dict(Counter(p.piece.status for p in self.new))


@dataclass
class Outcome:
    written: list[Path] = field(default_factory=list)
    cancelled: bool = False


def known_in_library(root: Path) -> tuple[set[str], set[str]]:
    """(sources, content hashes) of every piece file under ``root``, the trash included."""
    sources: set[str] = set()
    hashes: set[str] = set()
    if not root.is_dir():
        return sources, hashes
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".") or d == ".trash"]
        for name in files:
            if not name.lower().endswith(SUFFIXES):
                continue
            try:
                data = Path(folder, name).read_bytes()
            except OSError:
                continue
            hashes.add(sha256_hex(data))
            head = data[:HEAD_BYTES].decode("utf-8", "replace").lstrip("\ufeff")
            if head.startswith("---"):
                end = head.find("\n---", 3)
                for match in _SOURCE_LINE.finditer(head[: end if end > 0 else len(head)].replace("\r", "")):
                    sources.add(match.group(1).strip().strip("\"'"))
    return sources, hashes


#: At the library's top: the hash of every file an import wrote, one a line. A copied markdown file
#: carries no ``source``; once the writer changes it (Mark finished, a tag, a word), its bytes are
#: no longer the archive's, and a second import of the same folder used to bring it back as
#: ``name-2.md`` beside the writer's own. The ledger remembers what was imported, whatever became
#: of it since (edited, moved, renamed, thrown away).
LEDGER = ".quill-imported"


def imported_before(root: Path) -> set[str]:
    """The hashes of every file an earlier import wrote into the library at ``root``."""
    try:
        text = (root / LEDGER).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return set()
    return {line.split("\t", 1)[0].strip() for line in text.splitlines() if line.strip()}


def _note_imported(root: Path, digest: str, path: Path) -> None:
    """Add one written file to the ledger (appended and flushed: an import stopped half-way keeps
    what it wrote). A ledger that cannot be written costs only this protection, never the import."""
    try:
        relpath = path.relative_to(root).as_posix()
    except ValueError:
        relpath = path.name
    line = f"{digest}\t{relpath}\n".encode("utf-8", "surrogateescape")
    with contextlib.suppress(OSError):
        fd = os.open(root / LEDGER, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line)
            os.fsync(fd)
        finally:
            os.close(fd)


def one_line(text: str) -> str:
    """A title is one line: line breaks a CSV cell or a CMS let in (CR, LF, U+2028) become spaces."""
    return " ".join(text.split())


def render(piece: ImportedPiece) -> bytes:
    """A converted piece's file: Quill's front matter, then the markdown body."""
    if piece.raw is not None:
        return piece.raw
    doc = Document(body=piece.body.rstrip("\n") + "\n")
    doc.set("title", one_line(piece.title))
    if piece.subtitle:
        doc.set("subtitle", one_line(piece.subtitle))
    doc.set("status", piece.status)
    if piece.created:
        created = piece.created.date() if isinstance(piece.created, _dt.datetime) else piece.created
        doc.set("created", created)
    if piece.status == FINISHED and piece.finished:
        doc.set("finished", piece.finished)
    if piece.url:
        doc.set("url", piece.url)
    if piece.tags:
        doc.set("tags", list(piece.tags))
    doc.set("source", piece.source)
    return doc.text().encode("utf-8")


def make_plan(root: Path, platform: str, collection: str, pieces: list[ImportedPiece],
              skipped: list[Skipped]) -> Plan:
    """Decide every new piece's file name; nothing is written."""
    root = Path(root).expanduser().absolute()
    collection_parts(collection)  # raises ValueError for a name that would escape the library
    plan = Plan(platform=platform, root=root, collection=collection, skipped=list(skipped))
    sources, hashes = known_in_library(root)
    hashes |= imported_before(root)
    taken: dict[Path, set[str]] = {}
    seen_sources: set[str] = set()
    for piece in pieces:
        data = render(piece)
        digest = sha256_hex(data)
        if (piece.raw is None and piece.source in sources) or digest in hashes or piece.source in seen_sources:
            plan.already.append(piece)
            continue
        seen_sources.add(piece.source)
        folder = root.joinpath(*collection_parts(collection), *collection_parts(_safe_subfolder(piece.subfolder)))
        names = taken.get(folder)
        if names is None:
            try:
                names = {n.casefold() for n in os.listdir(folder)}
            except OSError:
                names = set()
            taken[folder] = names
        stem = slugify(piece.stem or piece.title) if (piece.stem or piece.title) else "untitled"
        if piece.raw is not None and piece.stem:
            stem = _portable_stem(piece.stem)  # a copied file keeps its own name where it can
        path = _free_name(folder, stem, names)
        names.add(path.name.casefold())
        plan.new.append(Planned(piece, path, data))
    return plan


def _safe_subfolder(subfolder: str) -> str:
    parts = [p for p in subfolder.replace("\\", "/").split("/") if p and p not in (".", "..")]
    return "/".join(p.lstrip(".") or "_" for p in parts)


def _portable_stem(stem: str) -> str:
    """A copied file's own name where it can be kept: characters Windows refuses become '-', and the
    name is cut to the library's byte limit at a character boundary."""
    cleaned = re.sub(r'[<>:"/\\|?*\x00-\x1f]', "-", stem).strip(" .")
    cleaned = cleaned.encode("utf-8")[:MAX_NAME_BYTES].decode("utf-8", errors="ignore").strip(" .")
    if cleaned.casefold() in _WINDOWS_RESERVED:
        cleaned += "-piece"
    if is_sync_artifact(f"{cleaned}.md"):
        # "~$draft" is an Office lock file's name: the library hides such names, so the piece would
        # be imported and never seen. Its own words without the marks, else a plain prefix.
        cleaned = cleaned.lstrip("~$.#") or cleaned
        if is_sync_artifact(f"{cleaned}.md"):
            cleaned = f"piece {cleaned}"
    return cleaned or "untitled"


def _free_name(folder: Path, stem: str, names: set[str]) -> Path:
    candidate, n = f"{stem}.md", 2
    while candidate.casefold() in names or (folder / candidate).exists():
        candidate = f"{stem}-{n}.md"
        n += 1
    return folder / candidate


def execute(plan: Plan, progress: Progress | None = None, cancelled: Callable[[], bool] = lambda: False) -> Outcome:
    """Write the plan's new pieces, one atomic create each; stops cleanly between pieces when cancelled.

    A name taken meanwhile (another program, a sync) is never replaced: the piece takes the
    next free name. Raises :class:`SaveError` when the disk refuses; what was written stays.
    """
    outcome = Outcome()
    total = len(plan.new)
    for done, item in enumerate(plan.new):
        if cancelled():
            outcome.cancelled = True
            break
        item.path.parent.mkdir(parents=True, exist_ok=True)
        path = item.path
        while True:
            try:
                atomic_create_bytes(path, item.data)
                break
            except FileExistsError:
                path = _free_name(path.parent, path.stem, set())
            except SaveError:
                raise
        item.path = path
        _note_imported(plan.root, sha256_hex(item.data), path)
        when = _mtime(item.piece)
        if when is not None:
            with contextlib.suppress(OSError, OverflowError, ValueError):
                os.utime(path, (when, when))
        outcome.written.append(path)
        if progress is not None:
            progress(done + 1, total)
    return outcome


def _mtime(piece: ImportedPiece) -> float | None:
    """When the piece was last changed: the copied file's own time, else the day it was published."""
    if piece.mtime is not None:
        return piece.mtime
    day = piece.finished or piece.created
    if day is None:
        return None
    if isinstance(day, _dt.datetime):
        return day.timestamp()
    try:
        return _dt.datetime.combine(day, _dt.time(12)).timestamp()
    except (OverflowError, ValueError):
        return None
