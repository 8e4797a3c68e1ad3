"""File names that are not UTF-8, kept where only UTF-8 text fits.

Linux allows any bytes in a name but ``/`` and NUL; Python reads the bytes it cannot decode as
lone surrogates (U+DC80-U+DCFF), which SQLite's text and UTF-8 files cannot hold. A path stored
in a database goes in as its bytes (a BLOB) and comes back as the very same name; text shown to
the writer (a title taken from the name) shows each such byte as U+FFFD.
"""

from __future__ import annotations

import codecs
import os
import re

_SURROGATE = re.compile("[\ud800-\udfff]")


def path_to_db(path: str) -> str | bytes:
    """``path`` as a database value: itself, or its bytes when it is not UTF-8."""
    return os.fsencode(path) if _SURROGATE.search(path) else path


def path_from_db(value: str | bytes) -> str:
    return os.fsdecode(value) if isinstance(value, bytes) else value


def shown(text: str | None) -> str | None:
    """``text`` with the bytes of a name that are not UTF-8 shown as U+FFFD (for display only)."""
    return text if text is None or not _SURROGATE.search(text) else _SURROGATE.sub("\ufffd", text)


def _legacy(error: UnicodeError) -> tuple[str, int]:
    """A decoding error handler: bytes that are not UTF-8 read as Windows-1252 (Latin-1 and the
    like, what an old disk or a Windows machine wrote), undefined ones as U+FFFD."""
    assert isinstance(error, UnicodeDecodeError)
    chunk = error.object[error.start:error.end]
    return chunk.decode("cp1252", errors="replace"), error.end


codecs.register_error("quill-legacy-name", _legacy)


def legible(name: str) -> str:
    """``name`` as UTF-8 text a new file may be called: a name read from a disk as bytes that are not
    UTF-8 (``caf\\xe9``) becomes the text those bytes meant (``café``)."""
    if not _SURROGATE.search(name):
        return name
    return os.fsencode(name).decode("utf-8", "quill-legacy-name")
