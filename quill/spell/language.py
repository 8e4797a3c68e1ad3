"""A piece's spelling language: ``lang:`` in its front matter, else the library's default.

Changing it from the palette rewrites only the front-matter block (through
:func:`quill.library.frontmatter.update_text`, which keeps every other line as it was), so the
choice travels with the file and other tools (pandoc, static site generators) read it too.
"""

from __future__ import annotations

from quill.library import frontmatter
from quill.spell.dictionaries import normalize_lang


def front_matter_block(text: str) -> str:
    """The front-matter block at the top of ``text`` (both fences, ``---`` or ``+++``), or ``""``."""
    return text[: frontmatter.body_start(text)]


def _values(block: str) -> dict:
    """The block's values, YAML or TOML; ``{}`` for a block that cannot be read."""
    return frontmatter.parse(block).as_dict()


def piece_language(text: str) -> str | None:
    """The ``lang`` (or ``language``) of a piece's front matter as ``xx_YY``, or None.

    ``text`` may be the whole piece or only its first lines (what the window reads)."""
    block = front_matter_block(text)
    if not block:
        return None
    document = _values(block)
    value = document.get("lang", document.get("language"))
    return normalize_lang(str(value)) if value is not None else None


#: The front-matter key holding words the spell checker leaves alone in this piece.
IGNORE_KEY = "spelling-ignore"


def piece_ignores(text: str) -> set[str]:
    """The words listed under ``spelling-ignore`` in a piece's front matter (a list or one word)."""
    block = front_matter_block(text)
    if not block:
        return set()
    value = _values(block).get(IGNORE_KEY)
    if isinstance(value, list):
        return {str(v).strip() for v in value if str(v).strip()}
    return {str(value).strip()} if value not in (None, "") else set()


def front_matter_edit(text: str, changes: dict[str, frontmatter.Value]) -> tuple[int, int, str]:
    """``(start, end, replacement)``: the one edit that sets ``changes`` in ``text``'s front matter.

    Code-point offsets. A piece without front matter gets a new block at the top; every other
    line of an existing block stays as it was. Raises
    :class:`quill.library.frontmatter.MalformedFrontMatter` for a block Quill cannot read.
    """
    block = front_matter_block(text)
    # A writer's +++ block (a byte order mark before it or not) is changed in TOML: their keys stay
    # on top, Quill's join them.
    return 0, len(block), frontmatter.update_text(block or "---\n---\n", changes)


def language_edit(text: str, lang: str) -> tuple[int, int, str]:
    """The one edit that sets ``lang: xx-YY`` in ``text``'s front matter (see :func:`front_matter_edit`)."""
    return front_matter_edit(text, {"lang": lang.replace("_", "-")})


def ignores_edit(text: str, words: set[str]) -> tuple[int, int, str]:
    """The one edit that keeps ``words`` under ``spelling-ignore`` in ``text``'s front matter."""
    return front_matter_edit(text, {IGNORE_KEY: sorted(words, key=str.casefold)})
