"""Reading a writer's file without ever losing or mangling a byte of it.

Decoding is strict: UTF-8 (with or without BOM) and UTF-16/32 with a BOM are read;
anything else is refused with a plain message rather than guessed, because a wrong
guess saved back would silently corrupt the writer's text. Line endings are noted
and restored on save, so a CRLF file stays CRLF.
"""

from __future__ import annotations

import codecs
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG

from quill.digest import sha256_hex
from quill.storage.atomic import ReplaceGuard, SaveError, atomic_write_bytes, describe_os_error

#: Files larger than this are refused for editing: a plain-text editor is the wrong tool.
MAX_EDITABLE_BYTES = 16 * 1024 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class UnreadableFile(Exception):
    """The file cannot be opened as text. ``str(exc)`` is the message for the writer."""


@dataclass(frozen=True)
class TextFormat:
    """How a file was stored, so that saving writes it back the same way."""

    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"
    # Only for files that mix line endings: each line's own ending, so an unchanged file saves
    # back byte for byte. Lines added later get ``newline``, the file's dominant ending.
    endings: tuple[str, ...] | None = field(default=None, repr=False)
    # With ``endings``: the lines as loaded, so an edit keeps every untouched line's own ending
    # (matching lines, not line numbers: inserting a line once shifted all the endings below it).
    lines: tuple[str, ...] | None = field(default=None, repr=False, compare=False)
    # U+FEFF characters right after the BOM (a file two programs each gave a BOM): kept here, out of
    # the text, and written back. Qt's editor drops a text's first U+FEFF when it is loaded, so the
    # page never held it, and the first save wrote the file without it.
    leading_feff: int = 0


@dataclass(frozen=True)
class LoadedText:
    text: str  # always with "\n" line endings
    format: TextFormat
    size: int
    mtime_ns: int
    # The SHA-256 of the very bytes decoded: hashing the file again afterwards took a file another
    # program finished meanwhile for the half that was read.
    sha256: str = ""
    # The file's identity (inode) when read: an atomic replacer's same-size write within one tick of
    # the clock keeps size and time but never the inode.
    inode: int = 0


def decode(data: bytes, name: str = "the file") -> tuple[str, TextFormat]:
    encoding, bom = "utf-8", False
    body = data
    for marker, enc in _BOMS:
        if data.startswith(marker):
            encoding, bom, body = enc, True, data[len(marker):]
            break
    if not bom and b"\x00" in data[:8192]:
        raise UnreadableFile(f"{name} looks like a binary file, not text. Quill left it untouched.")
    if not bom and b"\x00" in data:
        # Anywhere, not only in the first 8 KB: a file with a NUL further on once opened, and after
        # enough text above it was deleted Quill refused its own save as binary.
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise UnreadableFile(f"{name} holds a NUL character (on line {line}), which a text file does not. "
                             "Quill left it untouched.")
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        label = "UTF-8" if encoding == "utf-8" else encoding.upper()
        line = body[: exc.start].count(b"\n") + 1
        raise UnreadableFile(
            f"{name} is not valid {label} text (first bad byte on line {line}). "
            "Quill left it untouched; convert it to UTF-8 in another program to edit it here."
        ) from None
    extra = len(text) - len(text.lstrip("\ufeff")) if bom else 0  # (without a BOM the first would be one)
    text = text[extra:]
    if "\r" not in text:
        return text, TextFormat(encoding=encoding, bom=bom, leading_feff=extra)
    newline = detect_newline(text)
    found = _ENDING.findall(text)
    endings = tuple(found) if len(set(found)) > 1 else None
    normal = _ENDING.sub("\n", text)
    lines = tuple(normal.split("\n")) if endings is not None else None
    return normal, TextFormat(encoding=encoding, bom=bom, newline=newline, endings=endings, lines=lines,
                              leading_feff=extra)


def detect_newline(text: str) -> str:
    """The file's dominant line ending: "\\r\\n", "\\r" or "\\n"."""
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    if crlf > lf and crlf >= cr and crlf:
        return "\r\n"
    if cr > lf and cr > crlf:
        return "\r"
    return "\n"


_ENDING = re.compile(r"\r\n|\r|\n")


def _carried_endings(fmt: TextFormat, lines: list[str]) -> list[str]:
    """The ending after each of ``lines`` but the last: an unchanged line keeps the ending it had
    when loaded, a new or edited one gets the file's dominant ending."""
    known = fmt.endings or ()
    if fmt.lines is None or tuple(lines) == fmt.lines:
        return [known[i] if i < len(known) else fmt.newline for i in range(len(lines) - 1)]
    endings = [fmt.newline] * (len(lines) - 1)
    import difflib  # on the first save that must keep a file's own line endings, not at start-up

    matcher = difflib.SequenceMatcher(None, fmt.lines, lines, autojunk=False)
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag not in ("equal", "replace"):
            continue  # inserted lines take the dominant ending; deleted ones take theirs along
        for offset in range(min(old_end - old_start, new_end - new_start)):  # an edited line keeps its own
            old_index, new_index = old_start + offset, new_start + offset
            if old_index < len(known) and new_index < len(endings):
                endings[new_index] = known[old_index]
    # A lone CR, then an empty line ending in LF, would read back as one CRLF: a line lost. (Only
    # edits bring them together; a file as loaded cannot hold that sequence.)
    for index in range(len(endings) - 1):
        if endings[index] == "\r" and lines[index + 1] == "" and endings[index + 1].startswith("\n"):
            endings[index] = "\r\n"
    return endings


def encode(text: str, fmt: TextFormat) -> bytes:
    if fmt.endings is not None:
        lines = text.split("\n")
        endings = _carried_endings(fmt, lines)
        pieces = [lines[0]]
        for index, line in enumerate(lines[1:]):
            pieces.append(endings[index])
            pieces.append(line)
        text = "".join(pieces)
    elif fmt.newline != "\n":
        text = text.replace("\n", fmt.newline)
    body = ("\ufeff" * fmt.leading_feff + text).encode(fmt.encoding)
    if fmt.bom:
        marker = next(m for m, enc in _BOMS if enc == fmt.encoding)
        body = marker + body
    return body


def load_text(path: Path) -> LoadedText:
    """Read a markdown file for editing, or raise :class:`UnreadableFile` with a plain reason."""
    path = Path(path)
    if path.is_dir():
        raise UnreadableFile(f"{path} is a folder, not a file.")
    try:
        stat = path.stat()
        if not S_ISREG(stat.st_mode):
            raise UnreadableFile(f"{path.name} is not a regular file (a pipe, socket or device?); "
                                 "Quill does not open it.")
        if stat.st_size > MAX_EDITABLE_BYTES:
            mb = stat.st_size / (1024 * 1024)
            raise UnreadableFile(
                f"{path.name} is {mb:.0f} MB, too large to edit as one piece "
                f"(the limit is {MAX_EDITABLE_BYTES // (1024 * 1024)} MB). Quill left it untouched."
            )
        data = read_regular_file(path)
    except UnreadableFile:
        raise
    except OSError as exc:
        raise UnreadableFile(f"Quill cannot read {path.name}: {exc.strerror or exc}.") from None
    text, fmt = decode(data, path.name)
    return LoadedText(
        text=text, format=fmt, size=stat.st_size, mtime_ns=stat.st_mtime_ns, sha256=sha256_hex(data), inode=stat.st_ino
    )


def read_regular_file(path: Path) -> bytes:
    """The bytes of ``path``, opened without blocking and only if it is a regular file.

    A FIFO named ``*.md`` once hung start-up: reading it waits for a writer forever. Opening
    with O_NONBLOCK and checking the opened file (not the name, which can change in between)
    makes that impossible.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        if not S_ISREG(os.fstat(fd).st_mode):
            raise UnreadableFile(f"{Path(path).name} is not a regular file; Quill does not open it.")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    finally:
        os.close(fd)


def save_text(path: Path, text: str, fmt: TextFormat | None = None, *, guard: ReplaceGuard | None = None) -> str:
    """Atomically write ``text`` in the file's original format. Returns the written bytes' SHA-256."""
    return atomic_write_bytes(Path(path), encode(text, fmt or TextFormat()), guard=guard)


__all__ = [
    "LoadedText",
    "SaveError",
    "TextFormat",
    "UnreadableFile",
    "decode",
    "describe_os_error",
    "encode",
    "load_text",
    "save_text",
]
