"""A line of markdown as a reader sees it, for one-line glimpses of a piece. No Qt.

Why: a library search shows a snippet of the piece around its first match, and that snippet was
the file's raw text: "## The ferry", "> she said", "[the harbour](https://example.org/a/long/path)",
"**never**". The writer reads a glimpse of their own words there, not the markup around them, and
a link's address can take most of a row. This keeps the words and drops the marks. It is a
glimpse, not a renderer: anything it does not plainly recognise stays (a star between two numbers,
an underscore inside a name, an ordered list's number, which a reader sees too), and it only ever
leaves characters out (tested with hypothesis).
"""

from __future__ import annotations

import re

#: marks that open a line: headings, quotes, bullets and task boxes, however nested (an ordered
#: list's number stays: a reader sees "3." too)
_LINE_START = re.compile(r"^[ \t]*(?:(?:#{1,6}|>|[-*+])(?:[ \t]+|$)|\[[ xX]\][ \t]+)+")
#: a line that is only marks: a setext heading's underline, a rule, a table's divider, a fence
_ONLY_MARKS = re.compile(r"^[ \t]*(?:=+|[-*_][ \t]*(?:[-*_][ \t]*){2,}"
                         r"|\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?|`{3,}.*|~{3,}.*)$")
#: a link or a picture: its words ("![a gull](gull.jpg)" → "a gull"); a bare <https://…> link
_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)|<(https?://[^>\s]+)>")
#: a footnote reference ("[^1]") and the closing "#"s of an ATX heading
_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]")
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")
#: strong emphasis and inline code marks (their words stay)
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_CODE = re.compile(r"(`+)(?=\S)(.+?)(?<=\S)\1")
#: emphasis with one "*" or "_" around words, never inside a word ("2*x*y", "snake_case_name") nor
#: around a space ("5 * 3 * 2")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]*?[^\s*])\*(?![\w*])"
                       r"|(?<![\w_])_(?=[^\s_])([^_\n]*?[^\s_])_(?![\w_])")


def readable_line(line: str, *, whole: bool = True) -> str:
    """``line`` without the markdown marks a reader never sees; "" for a line that is only marks.

    ``whole=False`` for the end of a line cut somewhere inside it: what opens it then is no line's
    start ("… - then nothing" keeps its dash)."""
    if whole:
        if _ONLY_MARKS.match(line):
            return ""
        heading = line.lstrip(" \t").startswith("#")
        line = _LINE_START.sub("", line, count=1)
        if heading:
            line = _CLOSING_HASHES.sub("", line)
    line = _LINK.sub(lambda m: m.group(1) if m.group(2) is None else m.group(2), line)
    line = _FOOTNOTE.sub("", line)
    line = _STRONG.sub(r"\2", line)
    line = _EMPHASIS.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), line)
    return _CODE.sub(r"\2", line).strip()


#: what stands between two blocks (paragraphs, headings, list items) in a one-line glimpse
BLOCK_BREAK = " · "
_OPENS_BLOCK = re.compile(r"^[ \t]*(?:#{1,6}(?:[ \t]|$)|[-*+][ \t]|\d{1,9}[.)][ \t])")


def readable_glimpse(lines: list[str], *, first_whole: bool = True) -> str:
    """``lines`` (a stretch of a piece, split at its line breaks) as one line of prose: the lines
    of a paragraph joined by a space, blocks by :data:`BLOCK_BREAK`, so a heading does not run
    into the paragraph under it ("Morning The gulls…") nor one list item into the next.
    ``first_whole=False`` when the first line was cut somewhere inside it."""
    out: list[str] = []
    pending_break = False
    after_heading = False
    for index, line in enumerate(lines):
        whole = first_whole or index > 0
        shown = readable_line(line, whole=whole)
        if not shown:  # a blank line, a rule, a setext underline, a fence: a block ends here
            pending_break = bool(out)
            continue
        if out:
            starts_block = whole and bool(_OPENS_BLOCK.match(line))
            out.append(BLOCK_BREAK if pending_break or after_heading or starts_block else " ")
        out.append(shown)
        after_heading = whole and line.lstrip(" \t").startswith("#") and bool(_OPENS_BLOCK.match(line))
        pending_break = False
    return "".join(out)


__all__ = ["BLOCK_BREAK", "readable_glimpse", "readable_line"]
