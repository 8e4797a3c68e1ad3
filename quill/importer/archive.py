"""An export as a set of named files, whether it is a zip or a folder, opened defensively.

Everything that can be refused is refused *before* anything is read or written: a file that
is not a zip or is cut short, an entry whose path climbs out of the archive (``../../x``) or
is absolute, and a zip bomb, judged from the sizes the zip declares, before any byte is
unpacked. Reading an entry is capped at its declared size, so a lying header cannot make it
unpack more.
"""

from __future__ import annotations

import datetime as _dt
import os
import posixpath
import zipfile
from abc import ABC, abstractmethod
from pathlib import Path

from quill.importer.model import ImportFailed, TooLarge

#: The most an archive may unpack to in total, and the most one entry may hold.
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_ENTRY_BYTES = 256 * 1024 * 1024
#: An entry that claims to grow more than this many times on unpacking is treated as a bomb.
MAX_RATIO = 200
#: A folder import looks at no more files than this (a home folder chosen by mistake).
MAX_FOLDER_FILES = 200_000


class Archive(ABC):
    """Named files (posix paths relative to the archive's top) and their bytes: a zip, a folder
    or a single export file each implement the two abstract methods."""

    label: str

    @abstractmethod
    def names(self) -> list[str]: ...

    @abstractmethod
    def read(self, name: str) -> bytes: ...

    def head(self, name: str, size: int) -> bytes:
        """The first ``size`` bytes of an entry: detecting a format never reads a whole file."""
        return self.read(name)[:size]

    def has(self, name: str) -> bool:
        return name in self._name_set()

    def _name_set(self) -> set[str]:
        cached = getattr(self, "_names_cache", None)
        if cached is None:
            cached = set(self.names())
            self._names_cache = cached
        return cached

    def mtime(self, name: str) -> float | None:
        return None

    def close(self) -> None:  # noqa: B027 - nothing to release by default (a zip closes its file)
        pass


def _safe_name(name: str, label: str) -> str:
    """The entry's path, normalised; refuses one that is absolute or climbs out of the archive."""
    cleaned = name.replace("\\", "/")
    if cleaned.startswith("/") or (len(cleaned) > 1 and cleaned[1] == ":"):
        raise ImportFailed(f"{label} holds an entry with an absolute path ({name}); Quill imported nothing from it.")
    parts = cleaned.split("/")
    if ".." in parts:
        raise ImportFailed(f"{label} holds an entry whose path climbs out of it ({name}); "
                           "Quill imported nothing from it.")
    return posixpath.normpath(cleaned)


class ZipArchive(Archive):
    """A zip export. The checks in :meth:`__init__` run on the zip's directory alone."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.label = path.name
        try:
            self._zip = zipfile.ZipFile(path)
        except zipfile.BadZipFile:
            raise ImportFailed(f"{path.name} is not a zip archive that can be read (is it complete? a download "
                               "cut short cannot be imported). Quill imported nothing.") from None
        except OSError as exc:
            raise ImportFailed(f"Cannot read {path.name}: {exc.strerror or exc}.") from None
        total = 0
        self._infos: dict[str, zipfile.ZipInfo] = {}
        for info in self._zip.infolist():
            if info.is_dir():
                continue
            name = _safe_name(info.filename, path.name)
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > MAX_ENTRY_BYTES or total > MAX_TOTAL_BYTES or (
                    ratio > MAX_RATIO and info.file_size > 16 * 1024 * 1024):
                self._zip.close()
                raise ImportFailed(
                    f"{path.name} would unpack to more than {max(total, info.file_size) // (1024 * 1024):,} MB "
                    f"({info.filename} alone claims {info.file_size // (1024 * 1024):,} MB): that is not a "
                    "writing archive (a zip bomb?). Quill unpacked nothing.")
            self._infos[name] = info

    def names(self) -> list[str]:
        return list(self._infos)

    def read(self, name: str) -> bytes:
        info = self._infos[name]
        try:
            with self._zip.open(info) as handle:
                data = handle.read(info.file_size + 1)
        except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError) as exc:
            raise ImportFailed(f"{self.label} is damaged ({name}: {exc}); Quill imported nothing.") from None
        if len(data) > info.file_size:
            raise ImportFailed(f"{self.label} is damaged ({name} is larger than it claims); Quill imported nothing.")
        return data

    def head(self, name: str, size: int) -> bytes:
        try:
            with self._zip.open(self._infos[name]) as handle:
                return handle.read(size)
        except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError) as exc:
            raise ImportFailed(f"{self.label} is damaged ({name}: {exc}); Quill imported nothing.") from None

    def mtime(self, name: str) -> float | None:
        try:
            return _dt.datetime(*self._infos[name].date_time).timestamp()
        except (KeyError, ValueError, OverflowError):
            return None

    def close(self) -> None:
        self._zip.close()


class FolderArchive(Archive):
    """An unpacked export or a folder of writing; hidden files and folders (``.git``, ``.obsidian``) are skipped."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.label = path.name or str(path)
        self._names: list[str] = []
        count = 0
        for folder, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for file in sorted(files):
                if file.startswith("."):
                    continue
                count += 1
                if count > MAX_FOLDER_FILES:
                    raise ImportFailed(f"{self.label} holds more than {MAX_FOLDER_FILES:,} files; choose the folder "
                                       "that holds your writing. Quill imported nothing.")
                rel = os.path.relpath(os.path.join(folder, file), path)
                self._names.append(Path(rel).as_posix())

    def names(self) -> list[str]:
        return list(self._names)

    def read(self, name: str) -> bytes:
        return _read_file(self.path / name, name, self.label)

    def head(self, name: str, size: int) -> bytes:
        return _head_of(self.path / name, size, name, self.label)

    def mtime(self, name: str) -> float | None:
        try:
            return (self.path / name).stat().st_mtime
        except OSError:
            return None

    def size(self, name: str) -> int:
        try:
            return (self.path / name).stat().st_size
        except OSError:
            return 0


def open_archive(path: Path) -> Archive:
    """The archive at ``path``: a folder or a zip (by its content, whatever its name)."""
    path = Path(path).expanduser()
    if path.is_dir():
        return FolderArchive(path)
    if not path.exists():
        raise ImportFailed(f"{path} does not exist.")
    if zipfile.is_zipfile(path):
        return ZipArchive(path)
    return SingleFileArchive(path)


class SingleFileArchive(Archive):
    """One file given directly (a Ghost .json or a WordPress .xml export)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.label = path.name
        try:
            head = _head_of(path, 4, path.name, path.name)
        except OSError as exc:
            raise ImportFailed(f"Cannot read {path.name}: {exc.strerror or exc}.") from None
        if head.startswith(b"PK"):
            raise ImportFailed(f"{path.name} is not a zip archive that can be read (is it complete? a download "
                               "cut short cannot be imported). Quill imported nothing.")

    def names(self) -> list[str]:
        return [self.path.name]

    def read(self, name: str) -> bytes:
        return _read_file(self.path, self.path.name, self.label)

    def head(self, name: str, size: int) -> bytes:
        return _head_of(self.path, size, self.path.name, self.label)


def _read_file(path: Path, name: str, label: str) -> bytes:
    """A file's bytes; one larger than an archive entry may be (a film chosen by mistake) is refused unread."""
    try:
        size = path.stat().st_size
        if size > MAX_ENTRY_BYTES:
            raise TooLarge(f"{name} in {label} is {size // (1024 * 1024):,} MB: too large to be writing. "
                               "Quill imported nothing.")
        return path.read_bytes()
    except OSError as exc:
        raise ImportFailed(f"Cannot read {name} in {label}: {exc.strerror or exc}.") from None


def _head_of(path: Path, size: int, name: str, label: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(size)
    except OSError as exc:
        raise ImportFailed(f"Cannot read {name} in {label}: {exc.strerror or exc}.") from None


def top_prefix(names: list[str]) -> str:
    """The single folder everything sits in ("export-2024/"), or "" — exports are often zipped that way."""
    tops = {n.split("/", 1)[0] for n in names}
    if len(tops) == 1 and all("/" in n for n in names):
        return tops.pop() + "/"
    return ""


def decode_utf8(data: bytes, name: str, label: str) -> str:
    """Strict UTF-8 (a BOM is allowed): an export in another encoding is refused, not guessed."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFailed(f"{name} in {label} is not UTF-8 text (first bad byte on line {line}). Quill imported "
                           "nothing; convert that file to UTF-8 and import again.") from None
