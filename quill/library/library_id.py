"""Which versions belong to which library, wherever the library folder is. No Qt.

Why: versions used to be filed under a hash of the library's absolute path, so a library moved
into Dropbox, opened on a new computer with another home folder, or reached through another path
showed no history at all (the versions were still on disk, orphaned).

Now a library carries its identity with it: a marker file at its top, ``.quill-library-<id>``
(hidden, so never a piece). The id is in the file's *name*; its text is only a note for a
curious writer and is never read, so a damaged marker cannot confuse anything. Quill writes a
marker once and never changes or deletes it, so a sync engine never sees two versions of one
file and cannot make a conflict loop out of it: when two machines each give a library a marker
before they see each other's, the library simply has two, and every Quill files versions under
the smallest id and folds the others' versions into it (each machine its own data folder).

The data folder::

    <data>/snapshots/id-<library id>/<hash of relpath>/…      a library with a marker
    <data>/snapshots/path-<hash of library path>/<hash of relpath>/…
                                                            one without (read-only, or before 2026-12)
    <data>/snapshots/<20 hex>/…                               the old layout: one folder per piece,
                                                            keyed by library path and relpath

Each group holds ``library.json`` (its id and the library paths it was seen at); each piece
folder its ``about.json`` (library path, id, relpath), as before. Opening a library:

1. files old-layout piece folders into ``path-…`` groups, by the library path in their
   ``about.json`` (a rename inside the data folder, done once);
2. reads the markers (writing one if there is none and the folder takes it: with the id of the
   library last seen at this path if its marker was lost and the words say these are its pieces,
   else a new one);
3. folds into its group the groups of its other markers' ids and the ``path-…`` group of its
   own path: exactly the history an older Quill showed at this path;
4. adopts a ``path-…`` group whose library path no longer exists (a library moved before this
   version of Quill) only on evidence from the words: among the pieces found in both, at least
   one, and more than half, whose latest version is the same text or closely alike (see
   :func:`quill.library.moves.likeness`), counting only pieces with enough words on both sides
   to tell pieces apart. Two
   libraries that both have a ``notes.md`` never share versions on the name alone.

Moving a piece folder never overwrites a version: two files with one name and the same bytes are
one version; different bytes get the next free stamp.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from quill.digest import sha256_hex
from quill.library.moves import LIKENESS, likeness, substantial
from quill.storage.atomic import atomic_write_text, move_without_replacing

MARKER_PREFIX = ".quill-library-"
_ID = re.compile(r"[0-9a-f]{32}")
_LEGACY = re.compile(r"[0-9a-f]{20}")
_STAMP = "%Y%m%dT%H%M%S%f"
GROUP_INFO = "library.json"
ABOUT = "about.json"
#: piece folders compared when deciding whether an orphaned group is this library's history
MAX_COMPARED = 64
_MARKER_TEXT = ("This folder is a Quill library. This file keeps the versions Quill holds of its pieces with it\n"
                "when the folder moves or syncs to another computer. It is never changed; please leave it here.\n")


def piece_key(relpath: str) -> str:
    """A piece's folder name inside its library's group."""
    return sha256_hex(relpath.encode("utf-8", "surrogateescape"))[:20]


def legacy_key(root_key: str, relpath: str) -> str:
    """The folder an older Quill kept a piece's versions in (library path and relpath)."""
    return sha256_hex(f"{root_key}\0{relpath}".encode("utf-8", "surrogateescape"))[:20]


def path_group(snapshots: Path, root_key: str) -> Path:
    return snapshots / f"path-{sha256_hex(root_key.encode('utf-8', 'surrogateescape'))[:16]}"


def id_group(snapshots: Path, library_id: str) -> Path:
    return snapshots / f"id-{library_id}"


def marker_ids(root: Path) -> list[str]:
    """The ids of the library's markers, smallest first ([] when there are none or the folder is unreadable)."""
    try:
        names = os.listdir(root)
    except OSError:
        return []
    ids = {name[len(MARKER_PREFIX):] for name in names if name.startswith(MARKER_PREFIX)}
    return sorted(i for i in ids if _ID.fullmatch(i))


def give_marker(root: Path, library_id: str | None = None) -> str | None:
    """Write a marker (a new id unless given) into ``root``; its id, or None when the folder does not
    take it (read-only)."""
    library_id = library_id or os.urandom(16).hex()
    try:
        fd = os.open(root / f"{MARKER_PREFIX}{library_id}", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except OSError:
        return None
    try:
        os.write(fd, _MARKER_TEXT.encode())
    except OSError:
        pass  # the name is the id; the note is only a courtesy
    finally:
        os.close(fd)
    return library_id


@dataclass
class Opened:
    """Where one library's versions are, and what opening it found."""

    group: Path
    library_id: str | None
    adopted_from: list[str] = field(default_factory=list)  # library paths whose orphaned versions it took


def open_group(snapshots: Path, root: Path, root_key: str, *, give: bool = True) -> Opened:
    """Find (and where needed gather) the versions of the library at ``root``; see the module doc."""
    file_legacy(snapshots)
    ids = marker_ids(root)
    if not ids and give and root.is_dir():
        new = give_marker(root, _lost_marker(snapshots, root, root_key))
        ids = marker_ids(root) or ([new] if new else [])
    own_path = path_group(snapshots, root_key)
    if not ids:
        group = own_path
        opened = Opened(group, None)
    else:
        group = id_group(snapshots, ids[0])
        opened = Opened(group, ids[0])
        # Gathering is a courtesy that never stops a library opening (a read-only data folder, a
        # full disk): what could not move now stays where it is, and the next opening tries again.
        for other in ids[1:]:
            with contextlib.suppress(OSError):
                merge_group(id_group(snapshots, other), group, ids[0], root_key)
        with contextlib.suppress(OSError):
            merge_group(own_path, group, ids[0], root_key)
    _note_root(group, opened.library_id, root_key)
    for candidate in _orphans(snapshots, group):
        if _is_history_of(candidate, root):
            roots = _group_roots(candidate)
            with contextlib.suppress(OSError):
                merge_group(candidate, group, opened.library_id, root_key)
                opened.adopted_from.extend(roots)
    return opened


def _lost_marker(snapshots: Path, root: Path, root_key: str) -> str | None:
    """The id of a library last seen at this very path whose marker is gone from it (deleted by hand,
    by a clean-up, by a sync set to skip hidden files), when the words say the pieces here are its
    pieces: the marker is written again with that id. An empty or different folder at the same
    path (the library moved away, a new one started in its place) gets a new id."""
    try:
        groups = [Path(e.path) for e in os.scandir(snapshots) if e.name.startswith("id-") and e.is_dir()]
    except OSError:
        return None
    candidates = []
    for group in groups:
        roots = _group_roots(group)
        library_id = group.name[len("id-"):]
        if roots and roots[-1] == root_key and _ID.fullmatch(library_id) and _is_history_of(group, root):
            candidates.append(library_id)
    return candidates[0] if len(candidates) == 1 else None


def file_legacy(snapshots: Path) -> None:
    """Put old-layout piece folders into the ``path-…`` group of the library path they name."""
    try:
        entries = [e for e in os.scandir(snapshots) if _LEGACY.fullmatch(e.name) and e.is_dir()]
    except OSError:
        return
    for entry in entries:
        try:
            about = json.loads((Path(entry.path) / ABOUT).read_text(encoding="utf-8"))
            root_key, relpath = str(about["library"]), str(about["relpath"])
        except (OSError, ValueError, KeyError, TypeError):
            continue  # without its about.json nobody can say whose it is: left where it was
        if entry.name != legacy_key(root_key, relpath):
            continue  # not a folder an older Quill made; leave it alone
        group = path_group(snapshots, root_key)
        with contextlib.suppress(OSError):
            group.mkdir(exist_ok=True)
            _note_root(group, None, root_key)
            merge_piece(Path(entry.path), group / piece_key(relpath), {"library": root_key, "relpath": relpath})


def merge_group(src: Path, dst: Path, library_id: str | None, root_key: str) -> None:
    """Fold every piece folder of group ``src`` into group ``dst`` (same relpaths meet), then drop ``src``."""
    if src == dst or not src.is_dir():
        return
    dst.mkdir(parents=True, exist_ok=True)
    roots = _group_roots(src)
    for piece in list(src.iterdir()):
        if not piece.is_dir():
            continue
        try:
            about = json.loads((piece / ABOUT).read_text(encoding="utf-8"))
            relpath = str(about["relpath"])
        except (OSError, ValueError, KeyError, TypeError):
            continue  # cannot tell which piece: stays in src, which then stays too
        with contextlib.suppress(OSError):
            merge_piece(piece, dst / piece_key(relpath), _about(root_key, library_id, relpath))
    for root in roots:
        _note_root(dst, library_id, root, latest=False)
    with contextlib.suppress(OSError):
        (src / GROUP_INFO).unlink()
        src.rmdir()


def merge_piece(src: Path, dst: Path, about: dict[str, object]) -> None:
    """Move one piece's versions from folder ``src`` into ``dst``; never overwrites a version."""
    if src == dst:
        return
    if not dst.exists():
        src.rename(dst)
    else:
        for item in list(src.iterdir()):
            if item.name == ABOUT or not item.is_file():
                continue
            for _attempt in range(100):
                target = dst / item.name
                if target.exists():
                    if target.read_bytes() == item.read_bytes():
                        item.unlink()  # the very same version, already there
                        break
                    target = _free_name(dst, item)
                try:
                    move_without_replacing(item, target)
                    break
                except FileExistsError:
                    continue  # taken this instant (another Quill): look again
        with contextlib.suppress(OSError):
            (src / ABOUT).unlink()
            src.rmdir()
    try:  # rewritten only when it names another piece: thousands of fsyncs would slow a first upgrade
        if json.loads((dst / ABOUT).read_text(encoding="utf-8")).get("relpath") == about.get("relpath"):
            return
    except (OSError, ValueError, AttributeError):
        pass
    atomic_write_text(dst / ABOUT, json.dumps(about))


def _free_name(folder: Path, item: Path) -> Path:
    parts = item.stem.split("_")
    try:
        taken = _dt.datetime.strptime(parts[0], _STAMP)
    except (ValueError, IndexError):
        n = 2
        while (folder / f"{item.stem} ({n}){item.suffix}").exists():
            n += 1
        return folder / f"{item.stem} ({n}){item.suffix}"
    while True:
        taken += _dt.timedelta(microseconds=1)
        candidate = folder / "_".join([taken.strftime(_STAMP), *parts[1:]])
        candidate = candidate.with_suffix(item.suffix)
        if not candidate.exists():
            return candidate


def _about(root_key: str, library_id: str | None, relpath: str) -> dict[str, object]:
    about: dict[str, object] = {"library": root_key, "relpath": relpath}
    if library_id:
        about["library_id"] = library_id
    return about


def _group_info(group: Path) -> dict[str, object]:
    try:
        info = json.loads((group / GROUP_INFO).read_text(encoding="utf-8"))
        return info if isinstance(info, dict) else {}
    except (OSError, ValueError):
        return {}


def _group_roots(group: Path) -> list[str]:
    roots = _group_info(group).get("roots")
    if isinstance(roots, list) and roots:
        return [str(r) for r in roots]
    # no library.json (written by hand, or damaged): the paths its pieces name
    found: list[str] = []
    with contextlib.suppress(OSError):
        for piece in group.iterdir():
            with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
                root = str(json.loads((piece / ABOUT).read_text(encoding="utf-8"))["library"])
                if root not in found:
                    found.append(root)
    return found


def _note_root(group: Path, library_id: str | None, root_key: str, *, latest: bool = True) -> None:
    """Record in the group's ``library.json`` that the library was seen at ``root_key`` (latest last)."""
    info = _group_info(group)
    roots = [str(r) for r in info.get("roots", [])] if isinstance(info.get("roots"), list) else []
    wanted = [r for r in roots if r != root_key] + [root_key] if latest else (
        roots if root_key in roots else [root_key, *roots])
    if wanted == roots and info.get("id") == library_id and group.exists():
        return
    with contextlib.suppress(OSError):
        group.mkdir(parents=True, exist_ok=True)
        atomic_write_text(group / GROUP_INFO, json.dumps({"id": library_id, "roots": wanted}))


def _orphans(snapshots: Path, own: Path) -> list[Path]:
    """``path-…`` groups (no marker ever) none of whose library paths exists any more."""
    try:
        groups = [Path(e.path) for e in os.scandir(snapshots) if e.name.startswith("path-") and e.is_dir()]
    except OSError:
        return []
    out = []
    for group in groups:
        if group == own:
            continue
        roots = _group_roots(group)
        if roots and not any(os.path.exists(r) for r in roots):
            out.append(group)
    return sorted(out)


def _is_history_of(group: Path, root: Path) -> bool:
    """Whether an orphaned group's versions are the history of the pieces at ``root`` (see the module doc)."""
    alike = compared = 0
    try:
        pieces = sorted(p for p in group.iterdir() if p.is_dir())
    except OSError:
        return False
    for piece in pieces:
        if compared >= MAX_COMPARED:
            break
        try:
            relpath = str(json.loads((piece / ABOUT).read_text(encoding="utf-8"))["relpath"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if relpath.startswith("."):
            continue  # trashed or emptied: no piece to compare with
        current_file = root.joinpath(*relpath.split("/"))
        latest = _latest_text(piece)
        if latest is None or not current_file.is_file():
            continue
        try:
            current = current_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if not (substantial(latest) and substantial(current)):
            continue  # a few words are anybody's: no evidence either way
        compared += 1
        if latest == current or likeness(latest, current) >= LIKENESS:
            alike += 1
    return alike >= 1 and 2 * alike > compared


def _latest_text(piece: Path) -> str | None:
    try:
        files = sorted((f for f in piece.iterdir() if f.suffix == ".md"), key=lambda f: f.name, reverse=True)
        return files[0].read_text(encoding="utf-8") if files else None
    except (OSError, UnicodeDecodeError):
        return None
