"""Which words of a paragraph the spell checker looks at, as code-point spans.

Markdown is text with syntax in it: the checker must see the writer's words and nothing else.
Left out: inline code, link targets, autolinks and HTML tags, reference definitions, footnote
labels, URLs, e-mail addresses, file and domain names, words holding digits, ALL-CAPS acronyms
(a setting), and identifiers joined by underscores. Words keep inner apostrophes (straight or
curly) and hyphens, so the dictionary decides ``don't``, ``don’t`` and ``well-known`` as it
expects. Multi-line constructs (front matter, fenced and indented code) are handled by
:func:`prose_lines` for whole texts and by the editor's highlighter, which already tracks them,
for paragraphs in the window.

Everything here is in Python code points; the window converts to Qt's UTF-16 units.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from quill.graphemes import EXTEND
from quill.markup.frontmatter import front_matter_lines
from quill.textstats import CJK_CHARS

#: Letters (any script) with the combining marks that follow them: ``Cafe`` + U+0301, Hindi's vowel
#: signs and Hebrew's points are inside the word, so a span never cuts a character in two.
_LETTERS = rf"[^\W\d_]+(?:[{EXTEND}]+[^\W\d_]*)*"

#: A word: letters joined by single inner apostrophes or hyphens.
WORD = re.compile(rf"{_LETTERS}(?:['’\-]{_LETTERS})*")

#: Stretches of a paragraph that are not prose, found before words are picked.
_NOT_PROSE = re.compile(
    r"""
      (?P<code>`+)(?!`).+?(?<!`)(?P=code)(?!`)         # inline code
    | <[A-Za-z][\w+.-]*:[^>\s]*>                        # autolink <https://…>, <mailto:…>
    | <[^>\s@]+@[^>\s]+>                                # autolink e-mail
    | </?[A-Za-z][^<>]*>                                # an HTML tag
    | \]\([^)\s]*(?:\s+"[^"]*")?\)                      # a link's target ](url "title")
    | ^[ ]{0,3}\[[^\]]+\]:[ \t]*\S+                     # a reference definition [x]: url
    | \[\^[^\]\s]+\]                                    # a footnote label [^note]
    | \b(?:[A-Za-z][\w+.-]*://|www\.)\S+                # a URL
    | [\w.+%-]+@[\w-]+(?:\.[\w-]+)+                     # an e-mail address
    | [\w-]+(?:\.[\w-]+)*\.(?=[A-Za-z])\w+(?:/\S*)?     # a file or domain name: notes.md, example.com
    | \w*\d\w*(?:['’\-.,]\w+)*                          # anything holding a digit: 3rd, v2, 10-12
    | \w+_\w+                                           # snake_case identifiers
    | &\#?\w+;                                          # an HTML entity
    """,
    re.VERBOSE,
)

_CJK = re.compile(f"[{CJK_CHARS}]")


def checkable_words(line: str, *, skip_caps: bool = True) -> list[tuple[int, int, str]]:
    """``(start, end, word)`` for each word of one paragraph of prose the checker should see."""
    if not line:
        return []
    blocked = [(m.start(), m.end()) for m in _NOT_PROSE.finditer(line)] if _may_hold_syntax(line) else []
    words: list[tuple[int, int, str]] = []
    b = 0
    for match in WORD.finditer(line):
        start, end = match.span()
        while b < len(blocked) and blocked[b][1] <= start:
            b += 1
        if b < len(blocked) and blocked[b][0] < end:
            continue  # inside (or overlapping) something that is not prose
        word = match.group()
        if skip_caps and len(word) > 1 and word.isupper():
            continue
        if _CJK.search(word):
            continue  # no dictionary splits Chinese or Japanese into words this way
        words.append((start, end, word))
    return words


def _may_hold_syntax(line: str) -> bool:
    """A quick C-speed test: most lines of prose hold none of the characters any skipped form needs."""
    return any(ch in line for ch in "`<>[]()@.:/_&") or any(ch.isdigit() for ch in line)


_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")
_INDENTED = re.compile(r"^(?: {4}|\t)")


def prose_lines(text: str) -> Iterator[tuple[int, str]]:
    """``(offset, line)`` for the lines of a whole piece that hold prose: not its front matter, not
    fenced or indented code. Offsets are code points into ``text``."""
    lines = text.split("\n")
    offset = 0
    fence: str | None = None
    front_matter = front_matter_lines(lines)  # the rule the editor and the exports use
    previous_blank = True
    for number, line in enumerate(lines):
        start = offset
        offset += len(line) + 1
        if number < front_matter:
            continue
        fence_match = _FENCE.match(line)
        if fence is not None:
            if fence_match and fence_match.group(1)[0] == fence[0] and len(fence_match.group(1)) >= len(fence):
                fence = None
            continue
        if fence_match:
            fence = fence_match.group(1)
            continue
        if _INDENTED.match(line) and previous_blank and line.strip():
            continue  # indented code stays code until a blank line (good enough; lists are rare here)
        previous_blank = not line.strip()
        yield start, line


def misspelled_spans(
    line: str, is_correct: Callable[[str], bool | None], *, skip_caps: bool = True
) -> list[tuple[int, int]]:
    """Spans of the words in ``line`` for which ``is_correct`` answers False (None: not known yet)."""
    return [(s, e) for s, e, word in checkable_words(line, skip_caps=skip_caps) if is_correct(word) is False]
