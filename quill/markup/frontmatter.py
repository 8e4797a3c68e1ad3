"""Where a piece's front matter is: the one rule for the editor (fold, highlighting, word counts),
the library, the preview and every export. Reading the values is :mod:`quill.library.frontmatter`'s
business; this module only says which lines at the top are front matter.

A ``---`` line is also markdown's thematic break (a horizontal rule), so two ``---`` lines at the
top of a piece are not enough: prose between two rules would vanish from the preview and every
export. Front matter is a closed block at the very top whose lines read as metadata:

- ``---`` … ``---`` (or ``...``): YAML. Every line in between is a ``key: value`` line, a comment,
  a blank line, or (after a key) an indented line, a ``- item`` of a list or YAML's long form of an
  entry (``? key``, ``: value``); at least one is a key. The block need not be valid YAML: one that
  cannot be read is still metadata, not text to print (the library reports it and leaves it be).
- ``+++`` … ``+++``: TOML (Hugo). Every line is a ``key = value`` line, a ``[table]`` header, a
  comment, a blank line, or (after a key) an indented line or the ``]`` closing an array.
- The line right after the opening fence is not blank (pandoc's rule: ``---`` followed by a blank
  line is a rule). ``---`` directly followed by ``---`` is an empty block (Jekyll's idiom).

Lines end at CR LF, LF or CR, as markdown (mistune) and the editor (Qt) end them; U+2028 does not
end a line. A byte order mark before the opening fence is allowed. Spaces and tabs after a fence
are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

#: The opening fences and the lines that close each.
OPENERS: dict[str, tuple[str, ...]] = {"---": ("---", "..."), "+++": ("+++",)}

#: Where a line ends, for this rule (not U+2028, which markdown keeps inside a line).
LINE_BREAK = re.compile(r"\r\n|\r|\n")

_QUOTED = r"\"[^\"]*\"|'[^']*'"
_KEY_END = re.compile(r":(?:[ \t]|$)")
_YAML_ITEM = re.compile(r"-(?:[ \t]|$)")
_YAML_EXPLICIT_KEY = re.compile(r"\?(?:[ \t]|$)")  # "? key" and ": value", YAML's long form of an entry
_YAML_EXPLICIT_VALUE = re.compile(r":(?:[ \t]|$)")
_TOML_BARE = rf"(?:{_QUOTED}|[A-Za-z0-9_\-]+)"
_TOML_KEY = re.compile(rf"[ \t]*{_TOML_BARE}(?:[ \t]*\.[ \t]*{_TOML_BARE})*[ \t]*=")
_TOML_TABLE = re.compile(r"[ \t]*\[\[?[^\[\]]+\]\]?[ \t]*(?:#.*)?$")


def _fence(line: str) -> str:
    return line.rstrip(" \t\r")


def _is_mark(char: str) -> bool:
    """A combining mark (Unicode category M*). ``unicodedata`` loads here, on the first key written
    with one, not with the window (~1 ms before its first paint)."""
    import unicodedata

    return unicodedata.category(char)[0] == "M"


def yaml_entry(line: str) -> tuple[str, str] | None:
    """``(key, value)`` of a ``key: value`` line (the value without the spaces around it, "" when
    none), or None. A key starts with a letter, digit or ``_`` of any script and holds letters,
    digits, combining marks, ``_``, ``.``, ``-`` and inner spaces; a colon ends it, followed by a
    space, a tab or the end of the line ("https://" is no key)."""
    end = _KEY_END.search(line)
    if end is None:
        return None
    key = line[:end.start()].rstrip(" \t")
    if not key or not (key[0].isalnum() or key[0] == "_"):
        return None
    for char in key:
        if not (char.isalnum() or char in "_ .-" or _is_mark(char)):
            return None
    return key, line[end.end():].strip(" \t")


def _yaml_line(line: str, keyed: bool) -> bool | None:
    """True for a key line, False for a line that may stand in YAML front matter but names no key,
    None for a line that is not front matter at all (prose, a heading)."""
    if yaml_entry(line) is not None or _YAML_EXPLICIT_KEY.match(line):
        return True
    stripped = line.strip(" \t\r")
    if not stripped or stripped.startswith("#"):
        return False
    if keyed and (line[0] in " \t" or _YAML_ITEM.match(line) or _YAML_EXPLICIT_VALUE.match(line)):
        return False
    return None


def toml_key_line(line: str) -> bool:
    """Whether ``line`` is a TOML ``key = value`` line or a ``[table]`` header."""
    return bool(_TOML_KEY.match(line) or _TOML_TABLE.match(line))


def _toml_line(line: str, keyed: bool) -> bool | None:
    """As :func:`_yaml_line`, for TOML."""
    if _TOML_KEY.match(line) or _TOML_TABLE.match(line):
        return True
    stripped = line.strip(" \t\r")
    if not stripped or stripped.startswith("#"):
        return False
    if keyed and (line[0] in " \t" or stripped.startswith("]")):
        return False
    return None


def front_matter_lines(lines: Iterable[str]) -> int:
    """How many of ``lines`` (the piece's first lines, without their line breaks) are front matter,
    both fences included; 0 when the piece has none. Reads no further than the closing fence or the
    first line that rules front matter out, so it can be handed a lazy iterator over a long text."""
    texts = iter(lines)
    first = next(texts, None)
    if first is None:
        return 0
    fence = _fence(first[1:] if first.startswith("\ufeff") else first)
    closers = OPENERS.get(fence)
    if closers is None:
        return 0
    judge = _yaml_line if fence == "---" else _toml_line
    keyed = False
    for number, line in enumerate(texts, start=2):
        if line.endswith("\r"):
            line = line[:-1]  # a line split at LF alone, from a CR LF text
        if _fence(line) in closers:
            return number if keyed or number == 2 else 0
        if number == 2 and not line.strip(" \t\r"):
            return 0  # "---" and a blank line: a rule
        verdict = judge(line, keyed)
        if verdict is None:
            return 0
        keyed = keyed or verdict
    return 0  # never closed: a rule (or "+++" as text)


def split_lines(text: str) -> Iterator[tuple[str, int]]:
    """``(line, offset after its line break)`` for each line of ``text``, lazily."""
    start = 0
    for match in LINE_BREAK.finditer(text):
        yield text[start:match.start()], match.end()
        start = match.end()
    yield text[start:], len(text)


def body_start(text: str) -> int:
    """Where the body of ``text`` begins: just after the front matter's closing fence and its line
    break (code points); 0 when ``text`` has no front matter."""
    if not text.startswith(("---", "+++", "\ufeff---", "\ufeff+++")):
        return 0
    ends: list[int] = []

    def lines() -> Iterator[str]:
        for line, end in split_lines(text):
            ends.append(end)
            yield line

    count = front_matter_lines(lines())
    return ends[count - 1] if count else 0
