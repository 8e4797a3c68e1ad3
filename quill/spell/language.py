"""A piece's spelling language: ``lang:`` in its front matter, else the library's default.

Changing it from the palette rewrites only the front-matter block (through
:func:`quill.library.frontmatter.update_text`, which keeps every other line as it was), so the
choice travels with the file and other tools (pandoc, static site generators) read it too.
"""

from __future__ import annotations

from quill.library import frontmatter
from quill.spell.dictionaries import normalize_lang


def front_matter_block(text: str) -> str:
    """The front-matter block at the top of ``text`` (both ``---`` lines), or ``""``."""
    return text[: frontmatter.body_start(text)]


def piece_language(text: str) -> str | None:
    """The ``lang`` (or ``language``) of a piece's front matter as ``xx_YY``, or None.

    ``text`` may be the whole piece or only its first lines (what the window reads)."""
    block = front_matter_block(text)
    if not block:
        return None
    document = frontmatter.parse(block)
    value = document.get("lang", document.get("language"))
    return normalize_lang(str(value)) if value is not None else None


def language_edit(text: str, lang: str) -> tuple[int, int, str]:
    """``(start, end, replacement)``: the one edit that sets ``lang: xx-YY`` in ``text``'s front matter.

    Code-point offsets. A piece without front matter gets a new block at the top. Raises
    :class:`quill.library.frontmatter.MalformedFrontMatter` for a block Quill cannot read.
    """
    code = lang.replace("_", "-")
    block = front_matter_block(text)
    if not block:
        return 0, 0, f"---\nlang: {code}\n---\n"
    updated = frontmatter.update_text(block, {"lang": code})
    # update_text returns the block and an empty body: keep whatever line ending the block ended with.
    return 0, len(block), updated
