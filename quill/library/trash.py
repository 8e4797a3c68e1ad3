"""The library's trash: deleted pieces wait in ``<library>/.trash`` until the writer empties it.

A deleted piece keeps its folder structure inside ``.trash``; a small JSON file beside them
remembers where each came from, when, and its title, so restoring puts it back where it was.
Scanning skips hidden folders, so trashed pieces never show in the library.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from quill.library.errors import LibraryError, PieceNotFound
from quill.library.naming import unique_file
from quill.library.piece import SUFFIXES
from quill.storage.atomic import atomic_write_text, describe_os_error, move_without_replacing

TRASH = ".trash"
_TRASH_INFO = ".quill-trash.json"


@dataclass(frozen=True)
class TrashItem:
    path: Path  # where it is now, inside .trash
    original: str  # its path inside the library before it was deleted
    deleted: _dt.datetime | None
    title: str


class Trash:
    """The ``.trash`` folder of one library root. Moves files; the index is the library's business."""

    def __init__(self, root: Path, now: Callable[[], _dt.datetime] = _dt.datetime.now) -> None:
        self.root = root
        self.dir = root / TRASH
        self._now = now

    def put(self, file: Path, relpath: str, title: str) -> Path:
        """Move ``file`` (at ``relpath`` in the library) into the trash; returns where it went.

        Where it came from is written down first: a piece moved into the trash with no record
        (the record's disk full) could still be restored, but under a guessed name and title."""
        try:
            target = self.dir.joinpath(*relpath.split("/"))
            target.parent.mkdir(parents=True, exist_ok=True)
            target = unique_file(target.parent, target.stem, target.suffix)
            key = target.relative_to(self.dir).as_posix()
            info = self._info()
            info[key] = {"original": relpath, "deleted": self._now().isoformat(timespec="seconds"), "title": title}
            self._save_info(info)
        except OSError as exc:
            raise LibraryError(f"Quill could not move {file.name} to the trash: "
                               f"{describe_os_error(exc, self.dir / relpath)} It is still in the library.") from None
        try:
            moved = _move_to_free_name(file, target)
        except OSError as exc:
            info.pop(key, None)
            with contextlib.suppress(OSError):
                self._save_info(info)
            raise LibraryError(f"Quill could not move {file.name} to the trash: "
                               f"{describe_os_error(exc, target)} It is still in the library.") from None
        if moved != target:  # the name was taken that instant: the record follows the file
            info[self.key(moved)] = info.pop(key)
            with contextlib.suppress(OSError):
                self._save_info(info)
        return moved

    def items(self) -> list[TrashItem]:
        """Pieces in the trash, most recently deleted first."""
        info = self._info()
        items = []
        if self.dir.is_dir():
            for file in self.dir.rglob("*"):
                if not file.is_file() or file.name == _TRASH_INFO or file.suffix.lower() not in SUFFIXES:
                    continue
                key = file.relative_to(self.dir).as_posix()
                meta = info.get(key)
                meta = meta if isinstance(meta, dict) else {}
                try:
                    deleted = _dt.datetime.fromisoformat(meta["deleted"])
                except (KeyError, TypeError, ValueError):
                    deleted = None  # a damaged record: the piece is listed all the same
                original, title = meta.get("original"), meta.get("title")
                items.append(TrashItem(
                    path=file, original=original if _inside(original) else key, deleted=deleted,
                    title=title if isinstance(title, str) and title else file.stem))
        items.sort(key=lambda i: i.deleted or _dt.datetime.min, reverse=True)
        return items

    def take_out(self, trashed: Path | str | TrashItem) -> Path:
        """Move a trashed piece back where it was (under a free name if that one is taken now)."""
        file = trashed.path if isinstance(trashed, TrashItem) else Path(trashed)
        if not file.is_absolute():
            file = self.dir / file
        if not file.is_file():
            raise PieceNotFound(f"{file.name} is not in the trash.")
        key = self.key(file)
        info = self._info()
        meta = info.get(key)
        original = meta.get("original", key) if isinstance(meta, dict) else key
        if not _inside(original):  # a damaged (or foreign) record must not send a piece out of the library
            original = key if _inside(key) else file.name
        try:
            target = self.root.joinpath(*original.split("/"))
            target.parent.mkdir(parents=True, exist_ok=True)
            target = _move_to_free_name(file, unique_file(target.parent, target.stem, target.suffix))
        except OSError as exc:
            where = self.root.joinpath(*original.split("/"))
            raise LibraryError(f"Quill could not take {file.name} out of the trash: "
                               f"{describe_os_error(exc, where)} It is still in the trash.") from None
        info.pop(key, None)
        with contextlib.suppress(OSError):  # a stale record names a file no longer there: harmless
            self._save_info(info)
        return target

    def key(self, file: Path) -> str:
        """A trashed file's name inside the trash (``drafts/essay.md``)."""
        return Path(file).relative_to(self.dir).as_posix()

    def empty(self, items: list[TrashItem] | None = None) -> int:
        """Delete for good the pieces ``items`` (the ones the writer was shown), or everything in the
        trash; returns how many pieces went. A piece that reached the trash after the writer was
        asked (a sync engine carrying another machine's trash) is not one they agreed to lose."""
        if items is None:
            count = len(self.items())
            if self.dir.is_dir():
                try:
                    shutil.rmtree(self.dir)
                except OSError as exc:
                    raise LibraryError(f"Quill could not empty the trash: {describe_os_error(exc, self.dir / 'x')} "
                                       "What is left in it can still be restored.") from None
            return count
        info = self._info()
        count = 0
        try:
            for item in items:
                with contextlib.suppress(FileNotFoundError):
                    item.path.unlink()
                    count += 1
                info.pop(self.key(item.path), None)
                folder = item.path.parent
                while folder != self.dir and self.dir in folder.parents:
                    try:
                        folder.rmdir()  # only when empty
                    except OSError:
                        break
                    folder = folder.parent
        except OSError as exc:
            raise LibraryError(f"Quill could not empty the trash: {describe_os_error(exc, self.dir / 'x')} "
                               "What is left in it can still be restored.") from None
        finally:
            with contextlib.suppress(OSError):
                if self.items():
                    self._save_info(info)
                else:
                    shutil.rmtree(self.dir)
        return count

    def _info(self) -> dict[str, dict[str, str]]:
        try:
            data = json.loads((self.dir / _TRASH_INFO).read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def _save_info(self, info: dict[str, dict[str, str]]) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        atomic_write_text(self.dir / _TRASH_INFO, json.dumps(info, indent=1))


def _inside(relpath: object) -> bool:
    """``relpath`` names a place inside the library, outside its hidden folders."""
    if not isinstance(relpath, str) or not relpath or relpath.startswith("/") or "\\" in relpath:
        return False
    parts = relpath.split("/")
    return all(part and not part.startswith(".") for part in parts)


def _move_to_free_name(file: Path, target: Path) -> Path:
    """Move ``file`` to ``target``, or to the next free name when a file appeared there meanwhile."""
    for _attempt in range(20):
        try:
            move_without_replacing(file, target)
            return target
        except FileExistsError:
            target = unique_file(target.parent, target.stem, target.suffix)
    raise FileExistsError(f"no free name for {file.name} in {target.parent}")
