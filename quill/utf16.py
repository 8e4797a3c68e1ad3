"""Qt counts text in UTF-16 units; Python counts code points. This module converts between them.

They differ only for characters beyond U+FFFF (emoji, mathematical letters, many CJK
extension characters), which take two UTF-16 units and one Python index. Mixing the two
once corrupted crash recovery: the editor recorded Qt positions and the journal replayed
them as Python indices, so every edit below an emoji landed one place early. Everything
that leaves the editor is therefore in code points, converted here.
"""

from __future__ import annotations

import re

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")
#: An astral character, or a surrogate (in a Python str always a lone one: not a character at all).
_NOT_ONE_UNIT = re.compile("[\ud800-\udfff\U00010000-\U0010FFFF]")


def has_astral(text: str) -> bool:
    """Whether ``text`` holds any character that Qt counts as two units."""
    return not text.isascii() and _ASTRAL.search(text) is not None


def all_single_units(text: str) -> bool:
    """Whether every character of ``text`` is one UTF-16 unit of its own: nothing astral, no lone
    surrogate. The usual answer for prose, found in one scan where asking both questions took two
    (a 100,000-word piece is scanned this way before its first paint; ``isascii`` is instant)."""
    return text.isascii() or _NOT_ONE_UNIT.search(text) is None


def astral_count(text: str) -> int:
    """How many characters of ``text`` take two UTF-16 units (a regex scan runs at C speed)."""
    if not text or _ASTRAL.search(text) is None:
        return 0
    return len(_ASTRAL.findall(text))


def utf16_length(text: str) -> int:
    """The length Qt reports for ``text``."""
    return len(text) + astral_count(text)


def index_from_utf16(text: str, offset: int) -> int:
    """The code-point index in ``text`` of the UTF-16 ``offset`` (clamped to the text).

    An offset between the two halves of a surrogate pair maps to the character's own index
    (the edit then starts at that character, never inside it).
    """
    if offset <= 0:
        return 0
    if _ASTRAL.search(text) is None:
        return min(offset, len(text))
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > offset:
            return index
        if units == offset:
            return index + 1
    return len(text)


def utf16_from_index(text: str, index: int) -> int:
    """The UTF-16 offset Qt uses for the code-point ``index`` in ``text``."""
    index = max(0, min(index, len(text)))
    return index + astral_count(text[:index])


# Qt's text document uses U+FDD0 and U+FDD1 as frame markers and turns them into paragraph breaks
# the moment a text is loaded, so a piece holding them came back with line breaks after any edit.
# In the editor they stand in as two code points of Supplementary Private Use Area-B and are put
# back on the way out. (A file that already holds the stand-ins is not opened into the page at all:
# see what_the_page_cannot_keep.)
_QT_MARKERS = {0xFDD0: 0x10FFF0, 0xFDD1: 0x10FFF1}
_BACK = {v: k for k, v in _QT_MARKERS.items()}


def what_the_page_cannot_keep(text: str, name: str = "The text") -> str | None:
    """Why Qt's editor cannot hold ``text`` (the file ``name``'s) exactly, as a sentence for the
    writer; None when it can.

    Qt makes U+2029 a paragraph break the moment a text is loaded, and U+FDD0/U+FDD1 too unless
    they are held as stand-ins, which cannot be done when the text already holds the stand-ins
    themselves. Either way the page would show, and a save would write, a line break in their place:
    such a file is not opened into the page at all, and left as it is."""
    if "\u2029" in text:
        return f"{name} contains a Unicode paragraph separator (U+2029), which Quill's editor cannot keep as it is."
    if ("\ufdd0" in text or "\ufdd1" in text) and ("\U0010fff0" in text or "\U0010fff1" in text):
        return (f"{name} contains U+FDD0 or U+FDD1, characters Qt's editor uses for itself, together with U+10FFF0 or "
                "U+10FFF1, which Quill keeps in their place while you write; Quill's editor cannot keep both as "
                "they are.")
    return None


def to_editor(text: str) -> str:
    """``text`` as the editor can hold it exactly (see :func:`from_editor`)."""
    if "\ufdd0" not in text and "\ufdd1" not in text:
        return text
    if "\U0010fff0" in text or "\U0010fff1" in text:
        return text
    return text.translate(_QT_MARKERS)


def from_editor(text: str) -> str:
    """The editor's text with Qt's frame markers put back as the writer's characters."""
    if "\U0010fff0" not in text and "\U0010fff1" not in text:
        return text
    return text.translate(_BACK)
