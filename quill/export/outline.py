"""Where a piece's headings are, read by the very parser that renders it.

The jump list (Ctrl+J) and the preview's section following both need the headings' places in
the source. A line scanner of our own disagreed with the renderer about setext headings
(``Title`` over ``=====`` or ``-----``): it missed them, so the jump list lacked them and the
preview paired its sections with the wrong headings. Whether ``---`` under a line is a heading,
a thematic break or the end of front matter depends on everything around it (a paragraph above,
a list, a quote, a fence, a table), so the only reliable reader is mistune itself, with the
renderer's plugins, on the text the renderer gets (front matter split off, pandoc markup
blanked). Only the block pass runs (no inline parsing, no HTML), and each top-level block
remembers where it started.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from typing import Any, NamedTuple

import mistune
from mistune.core import BlockState

from quill.export.frontmatter import split_front_matter
from quill.export.render import PLUGINS
from quill.markup import pandoc
from quill.markup.commonmark_fixes import headings_end_quotes

_START = "_quill_start"


class Heading(NamedTuple):
    level: int
    title: str  # the heading's source text, its lines joined by spaces
    offset: int  # code-point offset into the text: where the heading's block starts
    nested: bool  # inside a block quote or a list (offset is then where that container starts)


class _State(BlockState):
    """A block state whose new paragraphs remember where they began (a setext heading is a
    paragraph until its underline turns it into a heading, and keeps the paragraph's start)."""

    def add_paragraph(self, text: str) -> None:
        last = self.last_token()
        if last and last["type"] == "paragraph":
            last["text"] += text
        else:
            self.tokens.append({"type": "paragraph", "text": text, _START: self.cursor})


class _Parser(mistune.BlockParser):
    state_cls = _State

    def parse_method(self, m: Any, state: Any) -> int | None:
        start, before = state.cursor, len(state.tokens)
        old_last = state.tokens[-1] if state.tokens else None
        end = super().parse_method(m, state)
        for token in state.tokens[max(before - 1, 0):]:  # a block quote may be put before the last one
            if token is not old_last:
                token.setdefault(_START, start)
        return end


_markdown: mistune.Markdown | None = None


def _block_parser() -> mistune.Markdown:
    global _markdown
    if _markdown is None:
        # The renderer's parser, with its plugins' block rules (tables, footnote definitions).
        _markdown = mistune.create_markdown(renderer=None, plugins=list(PLUGINS))
        parser = _Parser(max_nested_level=_markdown.block.max_nested_level)
        parser.specification = _markdown.block.specification
        parser.rules = _markdown.block.rules
        parser._methods.update({name: method for name, method in _markdown.block._methods.items()
                                if name not in parser._methods})
        _markdown.block = parser
        headings_end_quotes(_markdown)  # the renderer's mending of mistune, on this parser too
    return _markdown


def _normalised(text: str) -> tuple[str, list[int]]:
    """``text`` with line breaks as mistune reads them (CRLF and CR become LF), and where in the
    result each CRLF became one LF, to map offsets back."""
    if "\r" not in text:
        return text, []
    joined, parts = [], text.split("\r\n")
    length = 0
    for part in parts[:-1]:
        length += len(part)
        joined.append(length)  # the LF that stands for this CRLF
        length += 1
    return "\n".join(parts).replace("\r", "\n"), joined


def _original(offset: int, joined: list[int]) -> int:
    """An offset into the normalised text → the offset into the text as written."""
    return offset + bisect_left(joined, offset)


def outline(text: str) -> list[Heading]:
    """Every heading the renderer makes of ``text`` (a whole piece, front matter and all), in order."""
    fm = split_front_matter(text)
    body_at = len(text) - len(fm.body)
    source, dropped = _normalised(pandoc.blank(fm.body))
    markdown = _block_parser()
    state = _State()
    if not source.endswith("\n"):
        source += "\n"
    state.process(source)
    for hook in markdown.before_parse_hooks:
        hook(markdown, state)
    markdown.block.parse(state)
    found = []
    for token in state.tokens:
        start = body_at + _original(token.get(_START, 0), dropped)
        for level, title, nested in _headings_in(token, nested=False):
            found.append(Heading(level, title, start, nested))
    return found


def _headings_in(token: dict[str, Any], *, nested: bool) -> Iterator[tuple[int, str, bool]]:
    if token["type"] == "heading":
        lines = token.get("text", "").strip(" \r\n\t\f").split("\n")
        yield token["attrs"]["level"], " ".join(line.strip(" \t") for line in lines), nested
        return
    for child in token.get("children") or ():
        if isinstance(child, dict):
            yield from _headings_in(child, nested=True)
