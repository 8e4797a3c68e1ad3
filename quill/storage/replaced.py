"""Keeping a file's earlier contents when the writer chooses to replace it.

"Save as" and the exports write to a name the writer picked; when that name is already a file,
Quill asks first, and even after a yes the earlier contents are kept (words are never only in
one place that is about to be overwritten). Pieces in the library keep them as a version; any
other file is copied, byte for byte, into Quill's data folder under ``replaced/``.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from quill.storage.atomic import atomic_write_bytes
from quill.storage.document import fit_name

#: Files whose contents may be someone's writing. An earlier HTML or PDF export is regenerated
#: from the piece, so replacing one keeps no copy (exporting over it again is the usual workflow).
WRITING_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".txt", ".text", ""})


def worth_keeping(path: Path, new_data: bytes | None = None) -> bool:
    """True when ``path`` is a file holding words that replacing it with ``new_data`` would lose."""
    try:
        if not path.is_file():
            return False
        if path.suffix.lower() not in WRITING_SUFFIXES:
            return False
        return new_data is None or path.read_bytes() != new_data
    except OSError:
        return True  # unreadable now: the caller's copy attempt will say why


def keep_copy(path: Path, folder: Path, now: _dt.datetime) -> Path:
    """Copy ``path`` into ``folder`` as "<stem> (replaced <when>)<suffix>"; return the copy's path.

    Raises OSError (a :class:`~quill.storage.atomic.SaveError` when writing fails) so the caller
    can refuse to replace a file it could not keep."""
    data = Path(path).read_bytes()
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{path.stem} (replaced {now:%Y-%m-%d %H%M%S})"
    target = folder / fit_name(stem, path.suffix)
    n = 2
    while target.exists():
        target = folder / fit_name(stem, f" {n}{path.suffix}")
        n += 1
    atomic_write_bytes(target, data)
    return target
