"""File names for pieces: readable, portable, and never taking a name that is already used.

Kept apart from the library so every place that makes a file (new, rename, duplicate, move,
trash, restore, and imports to come) agrees on one rule.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from quill.markup.frontmatter import front_matter_lines
from quill.markup.headings import first_heading
from quill.storage.atomic import NAME_MAX_BYTES
from quill.storage.document import fit_name

#: Stems are cut to this many bytes of UTF-8: file systems allow 255 and a suffix or "-2" must fit.
MAX_NAME_BYTES = 100
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


def slugify(title: str, max_bytes: int = MAX_NAME_BYTES) -> str:
    """A readable, portable file stem for a title: "My Essay: Part 2" -> "my-essay-part-2".

    Letters of any script are kept; the name is cut to ``max_bytes`` of UTF-8 (file systems
    allow 255) at a character boundary; names Windows reserves get a suffix.
    """
    text = unicodedata.normalize("NFC", title).casefold()
    text = re.sub(r"[^\w]+|_+", "-", text).strip("-")
    encoded = text.encode("utf-8")[:max_bytes]
    text = encoded.decode("utf-8", errors="ignore").strip("-")
    if not text:
        return "untitled"
    if text in _WINDOWS_RESERVED:
        text += "-piece"
    return text


def unique_file(folder: Path, stem: str, suffix: str = ".md", own: Path | None = None) -> Path:
    """``folder/stem.md``, or ``stem-2.md``, ``stem-3.md`` … when taken (case-insensitively, for
    macOS and Windows). The stem is shortened, at a character boundary, so that every candidate
    fits the 255-byte name limit: a piece named near the limit could otherwise not go to the
    trash twice, nor come back beside a piece that took its name.

    ``own``: the file being renamed, which does not take its own name from itself (``Essay.md``
    renamed ``essay`` is ``essay.md``, not ``essay-2.md``)."""
    try:
        names = [name.casefold() for name in os.listdir(folder)]
    except OSError:
        names = []
    taken = set(names)
    mine = own.name.casefold() if own is not None and own.parent == folder else None
    if mine is not None and names.count(mine) <= 1:
        taken.discard(mine)  # only the file being renamed has that name, in any case

    def exists(candidate: str) -> bool:
        path = folder / candidate
        if not os.path.lexists(path):
            return False
        return not (mine is not None and candidate.casefold() == mine and _same_file(path, own))

    candidate = _fitting(stem, suffix)
    n = 2
    while candidate.casefold() in taken or exists(candidate):
        candidate = _fitting(stem, f"-{n}{suffix}")
        n += 1
    return folder / candidate


def _same_file(a: Path, b: Path | None) -> bool:
    try:
        return b is not None and os.path.samefile(a, b)
    except OSError:
        return False


def _fitting(stem: str, tail: str) -> str:
    name = stem + tail
    return name if len(os.fsencode(name)) <= NAME_MAX_BYTES else fit_name(stem, tail)


def collection_parts(collection: str) -> list[str]:
    """The folder names of a collection ("essays/2024" -> ["essays", "2024"]).

    Raises ValueError for a part that would escape the library or hide the folder ("..", ".x").
    """
    parts = [p for p in re.split(r"[\\/]+", collection.strip()) if p]
    for part in parts:
        if part in (".", "..") or part.startswith("."):
            raise ValueError(f"'{collection}' cannot be a collection name (no leading dots).")
    return parts


#: a title taken from a first line is cut (at a word) to about this many characters
TITLE_CHARS = 60
_MARKS = re.compile(r"[*_`~]+|!?\[([^\]]*)\]\([^)]*\)|<[^>]*>")


def title_named_after(stem: str, text: str) -> str | None:
    """The title a file was named after (:func:`title_from_text`, when the file's stem is that
    title's slug, or the slug with a ``-2``… for a name already taken), or None.

    A draft titled on its first line ("The bridge", no ``#``) was listed, and shown in the window's
    title and the history, as its file name, "the-bridge": the words it was named after are the
    writer's title. A file named anything else (imported, named by hand) keeps its name."""
    title = title_from_text(text)
    if title is None:
        return None
    slug = slugify(title)
    if stem == slug or (stem.startswith(slug + "-") and stem[len(slug) + 1:].isdigit()):
        return title
    return None


def title_from_text(text: str) -> str | None:
    """The title a new draft's file is named after: its first heading, else its first line.

    Front matter is skipped (its ``title:`` is the library's business); markdown marks are
    dropped; a long first line is cut at a word. None when there is nothing with a letter yet.
    """
    lines = text.split("\n")
    start = front_matter_lines(lines)  # the rule the editor and the exports use
    body = [line for line in lines[start:start + 200] if line.strip()]
    if not body:
        return None
    heading = first_heading("\n".join(lines[start:start + 60]))  # "# Title", or Title over ===
    chosen = heading or body[0].lstrip(" >#-*+").strip()
    chosen = _MARKS.sub(lambda m: m.group(1) or "", chosen).strip()
    if len(chosen) > TITLE_CHARS:
        cut = chosen[:TITLE_CHARS].rsplit(" ", 1)[0]
        chosen = (cut or chosen[:TITLE_CHARS]).rstrip(" ,;:-—") + "…"
    return chosen if any(ch.isalpha() for ch in chosen) else None
