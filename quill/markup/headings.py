"""The first heading of a text, as a reader of the markdown sees it: ``# Title`` or a setext
``Title`` over a line of ``===`` or ``---``.

The library titles a piece by its first heading; a writer who underlines their title (as many
who learnt markdown from plain-text email do) used to get the file name instead. Headings inside
fenced code are not headings. Line-based and cheap (the library reads only a piece's first
kilobytes for its title); the outline (``quill.export.outline``) uses mistune for the full parse.
"""

from __future__ import annotations

import re

_ATX = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+(.*?))?[ \t]*(?:(?<=[ \t])#+[ \t]*)?$")
#: the line patterns the editor's highlighter shares (quill.ui.editor.highlighter), so the two agree
SETEXT_UNDERLINE = re.compile(r"^[ ]{0,3}(=+|-+)[ \t]*$")  # under a paragraph: "=" level 1, "-" level 2
FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")  # a closing fence is at least as long as its opening
RULE = re.compile(r"^[ ]{0,3}([-*_])([ \t]*\1){2,}[ \t]*$")
#: a list item or a quote opens a container: the lines after it, up to a blank line, are its own
#: (lazy continuation), never a top-level heading
_CONTAINER = re.compile(r"^ {0,3}(?:[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|>)")
#: those that may interrupt a paragraph (CommonMark: bullets, a list starting at 1, quotes)
_INTERRUPTS = re.compile(r"^ {0,3}(?:[-+*][ \t]+\S|1[.)][ \t]+\S|>)")
_INDENTED_CODE = re.compile(r"^(?: {4}| {0,3}\t)")
_LINES = re.compile(r"\r\n|\r|\n")


def first_heading(text: str) -> str:
    """The text of the first top-level heading in ``text`` (ATX or setext), stripped; "" when none."""
    fence: str | None = None
    paragraph: list[str] = []
    container = False
    item_indent = 0  # a list item's content column: lines indented that far after a blank are its own
    item_empty = False  # a bare "-": a blank line after it ends the item (CommonMark)
    for line in _LINES.split(text):
        if fence is not None:
            if line.lstrip(" ").startswith(fence):
                fence = None
            continue
        if paragraph and SETEXT_UNDERLINE.match(line):
            return " ".join(part.strip() for part in paragraph).strip()
        if not line.strip():
            paragraph, container = [], False
            if item_empty:
                item_indent = item_empty = 0
            continue
        item_empty = False
        if item_indent and len(line) - len(line.lstrip(" ")) >= item_indent:
            paragraph, container = [], True
            continue  # inside the list item above, after a blank line (and lines lazily after it)
        if not container:
            item_indent = 0  # after a blank line, a line less indented ends the item
        if RULE.match(line):
            paragraph, container, item_indent = [], False, 0
            continue
        opened = FENCE.match(line)
        if opened:
            fence, paragraph, container, item_indent = opened.group(1), [], False, 0
            continue
        atx = _ATX.match(line)
        if atx:
            if (atx.group(1) or "").strip():
                return atx.group(1).strip()
            paragraph, container, item_indent = [], False, 0
            continue
        if container:
            continue  # a list item's or a quote's own lines (lazy continuation)
        item = _CONTAINER.match(line)
        if paragraph and not _INTERRUPTS.match(line):
            paragraph.append(line)
        elif item:
            paragraph, container = [], True
            if not item.group().lstrip().startswith(">"):
                item_indent = item.end() + (1 if item.group()[-1:] not in " \t" else 0)
                item_empty = not line[item.end():].strip()
        elif not _INDENTED_CODE.match(line):
            paragraph = [line]
    return ""
