"""Prose extraction from markdown, keeping character spans into the ORIGINAL text.

Why this shape: the voice metrics must count only the writer's prose (no code, front
matter, HTML, tables, URLs, headings, footnotes, quoted passages or list labels), yet
every sentence must point back into the
writer's markdown so the UI can highlight it. The document is first cut into *chunks*
(runs of non-blank lines; a fenced code block is one chunk even across blank lines).
Chunks are independent, which is what lets :class:`quill.voice.engine.VoiceEngine`
cache per chunk. A chunk with no markdown syntax at all is prose as-is (the common case,
and fast); anything else goes through mistune's AST, and each text node is located in the
chunk by a forward search so offsets survive emphasis, links and block-quote markers.

What is prose, and what is left out (and counted, so the panel can say "N of M words
measured" and why):

- paragraphs are prose; so are list items that read as sentences: four words or more, or
  ending in ``.``, ``!``, ``?`` or ``…`` ("**Lead-in**: text", "Milk." included). Shorter
  items without such an ending are labels ("Apples", "Step two") and are left out. An item's
  (or a definition's) later paragraphs, indented under it, are prose, not indented code
  (:attr:`Chunk.indent`);
- block quotes are someone else's words, left out unless the writer asks to include them;
- footnote definitions (``[^1]: …`` and the lines after it) are left out of the body's
  rhythm, and a footnote reference (``[^1]``) is blanked, so ``weeks.[^1] One year.`` is
  two sentences and "1" is no word; a pandoc inline note (``^[…]``) is left out too;
- a display formula (a chunk that is ``$$ … $$``) is left out with code, and so is inline math
  (``$E = mc^2$``, by pandoc's rule, so "$20 and $30" stays prose);
- a table is left out, but the lines before it in the same chunk are kept;
- in a definition list (pandoc's and PHP Markdown Extra's: a term on its own line, then ``: definition``,
  with or without a blank line between) each definition is prose of its own and the term is a
  label, left out with the list labels; the marker is no colon of the writer's;
- headings, code, front matter and HTML are left out.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass
from functools import cache

import mistune

from quill.markup import pandoc
from quill.markup.commonmark_fixes import headings_end_quotes
from quill.markup.frontmatter import front_matter_lines
from quill.markup.lists import indent_columns, item_text_column

#: Anything that could be markdown syntax sends a chunk through mistune.
_SYNTAX = re.compile(r"[`*_\[\]<>\\|~]|&[#\w]+;|^ {0,3}(?:[-+=#>]|\d{1,9}[.)])|^\s", re.M)
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_BLANK = re.compile(r"[ \t\r]*$")
_TABLE_RULE = re.compile(r"^ {0,3}\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$", re.M)
_FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^[^\]\s]{1,100}\]:", re.M)
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]{1,100}\]")
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
#: a pandoc inline footnote, ``^[a note written in place]`` (one level of brackets inside)
_INLINE_NOTE = re.compile(r"\^\[(?:[^\[\]]|\[[^\[\]]{0,500}\]){0,4000}\]")
#: a display formula alone in its chunk: ``$$ … $$`` (pandoc, KaTeX, MathJax)
_DISPLAY_MATH = re.compile(r"\s*\$\$[^$]*\$\$\s*")
#: inline math, ``$E = mc^2$``, by pandoc's rule: a non-space right after the opening ``$``, a non-space
#: right before the closing one, and no digit after it; so prices ("$20 and $30", "$5-$10") stay prose.
#: On one line, with no ``$`` or backtick inside: a ``$`` in prose never swallows the words up to the next.
_INLINE_MATH = re.compile(r"(?<![\\$])\$(?=[^\s$])[^$`\n]{1,300}?(?<=[^\s\\])\$(?![\d$])")
_DEFINITION = pandoc.DEFINITION
_DEFINITION_ANYWHERE = pandoc.DEFINITION_ANYWHERE
_CONTINUATION_INDENT = re.compile(r" {1,4}|\t")
_DEFINITION_NESTING = 3
_LIST_PROSE_WORDS = 4
_SENTENCE_END = ".!?…"
_URL = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"’”]")
_INDENTED = re.compile(r"(?: {4}|\t)")
#: a line that opens a list item or a pandoc definition: an indented block after it may be its paragraph
_ITEM_LINE = re.compile(r"^( {0,3}(?:[-+*]|\d{1,9}[.)]|:))([ \t]*)(.?)", re.M)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _same_length_unescape(text: str) -> str:
    """Decode HTML entities but pad with spaces, so offsets inside the run stay valid."""

    def repl(m: re.Match[str]) -> str:
        out = html.unescape(m.group())
        return out + " " * (len(m.group()) - len(out)) if len(out) <= len(m.group()) else m.group()

    return _ENTITY.sub(repl, text)


@dataclass(frozen=True, slots=True)
class Chunk:
    """A run of lines between blank lines; ``start`` is its offset in the document."""

    start: int
    text: str
    code: bool = False  # fenced/indented code or front matter: never prose
    #: A list item's (or a definition's) later paragraph, indented under it: read with up to this
    #: many columns of each line's indent taken off (the item's text column), so four spaces are
    #: no code block. 0: read as it is.
    indent: int = 0


@dataclass(frozen=True, slots=True)
class Prose:
    """One prose paragraph: its plain text and a map back to chunk offsets."""

    text: str
    #: sorted (plain_start, chunk_start) pairs; each run maps 1:1 until the next pair
    runs: tuple[tuple[int, int], ...]

    def to_chunk(self, pos: int) -> int:
        """Chunk offset of plain-text offset ``pos`` (a character start)."""
        if len(self.runs) == 1:
            return self.runs[0][1] + pos - self.runs[0][0]
        i = bisect.bisect_right(self.runs, (pos, 1 << 62)) - 1
        plain, chunk = self.runs[max(i, 0)]
        return chunk + pos - plain

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Chunk span of the plain span [start, end)."""
        if end <= start:
            s = self.to_chunk(start)
            return s, s
        return self.to_chunk(start), self.to_chunk(end - 1) + 1


#: a document whose first line is a key here opens front matter, closed by the first later line
#: that is one of the values (whitespace at the end of a line ignored)
FRONT_MATTER_CLOSERS = {"---": ("---", "..."), "+++": ("+++",)}


def front_matter_closed_before(text: str, position: int) -> bool:
    """False when ``text`` opens front matter that no line ending before ``position`` closes.

    Such front matter runs to the first closing line anywhere after it, so an edit at
    ``position`` can move where it ends: whoever cuts only part of the text must cut it all.
    """
    first_end = text.find("\n")
    closers = FRONT_MATTER_CLOSERS.get(text[:first_end].rstrip()) if first_end >= 0 else None
    if closers is None:
        return True
    start = first_end + 1
    while start < position:
        end = text.find("\n", start, position)
        if end < 0:
            return False  # the line at ``position`` is not before it
        if text[start:end].rstrip() in closers:
            return True
        start = end + 1
    return False


def split_chunks(text: str) -> list[Chunk]:
    """Cut a markdown document into chunks (front matter and fences are code chunks)."""
    chunks: list[Chunk] = []
    lines = text.split("\n")
    offsets: list[int] = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    n = len(lines)
    i = 0
    front = front_matter_lines(lines)  # the rule the editor and the exports use
    if front:
        chunks.append(_chunk(text, offsets, lines, 0, front - 1, code=True))
        i = front
    para_start = -1
    # The text columns of the list items (or definitions) still open, shallowest first: an indented
    # chunk at least as indented as the first goes on with the deepest one it reaches.
    # (None: not worked out yet for ``opener``, the last chunk read as it is; most chunks are
    # followed by no indented one, and a book's were looked through for items for nothing)
    open_items: list[int] | None = []
    opener = ""

    def close(first: int, last: int) -> None:
        nonlocal open_items, opener
        chunk = _chunk(text, offsets, lines, first, last)
        column = indent_columns(lines[first])
        if column and open_items is None:
            open_items = _item_columns(opener)
        if column and open_items and column >= open_items[0]:
            # "1. A step.\n\n    More about it." (or a definition's second paragraph): indented under
            # the item, it is the item's next paragraph; read alone, four spaces made it code. Its
            # own chunk still (a long list is not re-read whole at every key), read without the
            # item's indent: still more indented, it is code nested in the item.
            open_items = [c for c in open_items if c <= column]
            indent = open_items[-1]
            nested = _item_columns("\n".join(" " * pad + ln[cut:] for ln in chunk.text.split("\n")
                                             for cut, pad in [_dedent(ln, indent)]))
            open_items += [indent + c for c in nested if indent + c > open_items[-1]]
            chunks.append(Chunk(chunk.start, chunk.text, False, indent))
            return
        chunks.append(chunk)
        open_items, opener = ([], "") if chunk.code else (None, chunk.text)

    while i < n:
        line = lines[i]
        m = _FENCE.match(line) if "`" in line or "~" in line else None
        if m:
            if para_start >= 0:
                close(para_start, i - 1)
                para_start = -1
            open_items = []
            mark = m.group(1)
            j = i + 1
            while j < n:
                s = lines[j].lstrip(" ")
                if s.startswith(mark[0] * len(mark)) and not s.strip(mark[0]).strip():
                    break
                j += 1
            end = min(j, n - 1)
            chunks.append(_chunk(text, offsets, lines, i, end, code=True))
            i = end + 1
            continue
        if not line or _BLANK.match(line):
            if para_start == i - 1 and i + 1 < n and _DEFINITION.match(lines[i + 1]) \
                    and not _DEFINITION.match(lines[i - 1]):
                i += 1  # a term, a blank line, its definition: one chunk, so the term is read as a term
                continue
            if para_start >= 0:
                close(para_start, i - 1)
                para_start = -1
        elif para_start < 0:
            para_start = i
        i += 1
    if para_start >= 0:
        close(para_start, n - 1)
    return chunks


def _chunk(text: str, offsets: list[int], lines: list[str], first: int, last: int,
           code: bool = False) -> Chunk:
    start = offsets[first]
    end = offsets[last] + len(lines[last])
    body = text[start:end]
    if not code and _INDENTED.match(body) and all(
        _INDENTED.match(ln) or not ln.strip() for ln in body.split("\n")
    ):
        code = True  # indented code block
    return Chunk(start, body, code)


def _item_columns(text: str) -> list[int]:
    """The columns where the text of the list items (and definitions) opened in ``text`` starts,
    shallowest first (CommonMark: after the marker and one to four spaces; one when more, or none,
    follow)."""
    columns: set[int] = set()
    for m in _ITEM_LINE.finditer(text):
        _marker, gap, rest = m.groups()
        if gap == "" and rest:
            continue  # "-word", "1.5": no item
        end = text.find("\n", m.start())
        columns.add(item_text_column(text[m.start():end if end >= 0 else len(text)], m.end(1) - m.start()))
    return sorted(columns)


def _dedent(line: str, columns: int) -> tuple[int, int]:
    """``columns`` columns of ``line``'s indent taken off, as (characters of indent taken off,
    spaces put back): the indent left is spaces, so a tab that straddled the cut still counts
    only the columns it had beyond it ("- item", then "  \\t more": the tab makes two, not four)."""
    return len(line) - len(line.lstrip(" \t")), max(indent_columns(line) - columns, 0)


#: Why words were left out of the measures, in the order the panel lists them.
SKIP_REASONS = ("headings", "list labels", "block quotes", "footnotes", "tables", "code", "front matter", "HTML")


def count_words(text: str) -> int:
    """Words by the one definition every count in Quill shares (see quill.voice.words)."""
    return len(_WORD.findall(text))


def _blank_urls(text: str, skipped: dict[str, int] | None = None) -> str:
    """Bare URLs and footnote references add no words: replace them by spaces so offsets
    keep lining up (and a full stop before ``[^1]`` still ends its sentence)."""
    if "[^" in text:
        def blank_ref(m: re.Match[str]) -> str:
            return " " * len(m.group())  # its label is no word of the status line's count either

        text = _FOOTNOTE_REF.sub(blank_ref, text)
    if "://" not in text and "www." not in text:
        return text
    return _URL.sub(lambda m: " " * len(m.group()), text)


def _blank_counted(found: str, reason: str, skipped: dict[str, int]) -> str:
    """Spaces as long as ``found`` (offsets keep lining up), its words counted under ``reason``."""
    words = count_words(found)
    if words:
        skipped[reason] = skipped.get(reason, 0) + words
    return " " * len(found)


def _blank_lines(first: int, last: int, lines: list[str], reason: str,
                 skipped: dict[str, int]) -> None:
    """Replace lines[first..last] by spaces of the same length, counting their words."""
    for i in range(first, last + 1):
        line = lines[i]
        if reason == "footnotes":  # the label of "[^1]: …" is not a word: words + left out = all words
            line = _FOOTNOTE_DEF.sub("", line, count=1)
        skipped[reason] = skipped.get(reason, 0) + count_words(line)
        lines[i] = " " * len(lines[i])


def _blank_footnotes_and_tables(chunk_text: str, skipped: dict[str, int]) -> str:
    """Footnote definitions and tables are not the body's prose: blank their lines in place.

    A footnote definition runs to the next definition or the end of its chunk; a table is
    its header row, rule and the rows after it, and the lines before the header stay.
    """
    lines = chunk_text.split("\n")
    if "[^" in chunk_text:
        i = 0
        while i < len(lines):
            if _FOOTNOTE_DEF.match(lines[i]):
                j = i + 1
                while j < len(lines) and not _FOOTNOTE_DEF.match(lines[j]):
                    j += 1
                _blank_lines(i, j - 1, lines, "footnotes", skipped)
                i = j
            else:
                i += 1
    if "|" in chunk_text:
        for r, line in enumerate(lines):
            if r > 0 and "|" in lines[r - 1] and _TABLE_RULE.fullmatch(line):
                end = r
                while end + 1 < len(lines) and "|" in lines[end + 1]:
                    end += 1
                _blank_lines(r - 1, end, lines, "tables", skipped)
    return "\n".join(lines)


#: Larger chunks are not given to mistune: on markup-dense input it costs ~5 µs per character,
#: and one giant paragraph of syntax must not stall the worker for seconds.
MAX_PARSED_CHUNK = 100_000
_CRUDE_SYNTAX = re.compile(r"\]\([^()\s]{0,2000}\)|`[^`\n]{0,2000}`|<[^<>\n]{0,200}>|[*_`\[\]<>|~#\\]")


def _crude_prose(chunk_text: str) -> Prose:
    """Same-length blanking of inline syntax (link targets, code, tags, markers): spans stay exact."""
    text = _CRUDE_SYNTAX.sub(lambda m: " " * len(m.group()), chunk_text)
    return Prose(_blank_urls(text), ((0, 0),))


@cache
def _parser() -> mistune.Markdown:
    return mistune.create_markdown(renderer=None, plugins=[headings_end_quotes])


@dataclass(slots=True)
class ChunkProse:
    """The prose of one chunk and the words left out of it, by reason (:data:`SKIP_REASONS`)."""

    prose: list[Prose]
    skipped: dict[str, int]


def extract_prose(chunk_text: str, include_quotes: bool = False) -> list[Prose]:
    """The prose paragraphs of one chunk (see the module docstring for what counts)."""
    return chunk_prose(chunk_text, include_quotes).prose


def chunk_prose(chunk_text: str, include_quotes: bool = False, *, nesting: int = 0, indent: int = 0) -> ChunkProse:
    """The prose paragraphs of one chunk, and how many words were left out and why.

    ``nesting``: how many definition lists deep this chunk is (a definition's own text is read
    as a chunk); past a few, markers are read as they are, so ``: : : …`` cannot recurse without end.
    ``indent``: the chunk goes on with a list item whose text starts at that column
    (:attr:`Chunk.indent`); it is read with that much of each line's indent taken off."""
    if indent:
        lines = chunk_text.split("\n")
        starts = [0]
        for line in lines[:-1]:
            starts.append(starts[-1] + len(line) + 1)
        out: list[Prose] = []
        left: dict[str, int] = {}
        cuts = [_dedent(line, indent) for line in lines]
        _read_cut(lines, starts, [c for c, _ in cuts], include_quotes, nesting, out, left, [p for _, p in cuts])
        return ChunkProse(out, left)
    skipped: dict[str, int] = {}
    text = chunk_text
    if pandoc.has_markup(text):  # fenced divs, {#attributes} and <div> wrappers are markup, not words
        text = pandoc.blank(text)
    if "^[" in text:  # an inline note is a footnote: measured apart, as [^1]: … is
        text = _INLINE_NOTE.sub(lambda m: _blank_counted(m.group(), "footnotes", skipped), text)
    if "$" in text and "$$" not in text:  # inline math is no words of the writer's sentence: left out as code
        text = _INLINE_MATH.sub(lambda m: _blank_counted(m.group(), "code", skipped), text)
    if "$$" in text and _DISPLAY_MATH.fullmatch(text):  # a formula is no sentence
        return ChunkProse([], {"code": count_words(text)} if count_words(text) else {})
    if ("[^" in text and _FOOTNOTE_DEF.search(text) is not None) or ("|" in text and _TABLE_RULE.search(text)):
        text = _blank_footnotes_and_tables(text, skipped)
    if not text.strip():
        return ChunkProse([], skipped)
    if nesting < _DEFINITION_NESTING and ":" in text and _DEFINITION_ANYWHERE.search(text):
        return _definition_list(text, skipped, include_quotes, nesting)
    if not _SYNTAX.search(text):
        return ChunkProse([Prose(_blank_urls(text, skipped), ((0, 0),))], skipped)
    if len(text) > MAX_PARSED_CHUNK:
        return ChunkProse([_crude_prose(text)], skipped)
    try:
        nodes = _parser()(text)
    except (RecursionError, ValueError, IndexError, KeyError, TypeError):
        return ChunkProse([], skipped)  # unparseable: better no numbers than wrong ones
    out: list[Prose] = []
    cursor = [0]
    for node in nodes if isinstance(nodes, list) else []:
        _block(node, text, cursor, out, skipped, include_quotes)
    return ChunkProse(out, skipped)


def _definition_list(text: str, skipped: dict[str, int], include_quotes: bool, nesting: int) -> ChunkProse:
    """A chunk holding pandoc definitions: each definition read as a chunk of its own (its marker
    and its continuation lines' indent taken off), each term left out as a label, and any lines
    before the first term read as they are. Spans are mapped back into ``text``."""
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    is_definition = [bool(_DEFINITION.match(line)) for line in lines]

    def is_term(i: int) -> bool:
        if is_definition[i] or not lines[i].strip():
            return False
        if i > 0 and lines[i][:1] in (" ", "\t") and lines[i - 1].strip():
            return False  # an indented line under a definition carries it on
        if i + 1 < len(lines) and is_definition[i + 1]:
            return True
        return i + 2 < len(lines) and not lines[i + 1].strip() and is_definition[i + 2]

    out: list[Prose] = []
    # Each part is (first line, last line, what to take off the start of each line).
    parts: list[tuple[int, int, list[int]]] = []
    first_term = next((i for i in range(len(lines)) if is_term(i)), None)
    lead_end = first_term if first_term is not None else is_definition.index(True)
    if lead_end > 0:
        parts.append((0, lead_end - 1, [0] * lead_end))
    i = lead_end
    while i < len(lines):
        if is_term(i):
            words = count_words(lines[i])
            if words:
                skipped["list labels"] = skipped.get("list labels", 0) + words
            i += 1
        elif is_definition[i]:
            cut = [_DEFINITION.match(lines[i]).end()]
            j = i + 1
            while j < len(lines) and not is_definition[j] and not is_term(j):
                indent = _CONTINUATION_INDENT.match(lines[j])
                cut.append(indent.end() if indent else 0)
                j += 1
            parts.append((i, j - 1, cut))
            i = j
        else:
            i += 1  # a blank line between a term and its definition
    for first, last, cut in parts:
        _read_cut(lines[first:last + 1], starts[first:last + 1], cut, include_quotes, nesting + 1, out, skipped)
    return ChunkProse(out, skipped)


def _read_cut(lines: list[str], starts: list[int], cut: list[int], include_quotes: bool, nesting: int,
              out: list[Prose], skipped: dict[str, int], pad: list[int] | None = None) -> None:
    """Read ``lines`` (beginning at ``starts`` in the chunk) with ``cut[k]`` characters taken off the
    start of line ``k`` (and ``pad[k]`` spaces put in their place), as a chunk of their own; their
    prose goes to ``out`` with spans mapped back into the chunk, their words left out to ``skipped``.
    (Prose never starts inside a line's indent, where put-back spaces map to no character.)"""
    pad = pad or [0] * len(lines)
    sub = "\n".join(" " * p + line[c:] for line, c, p in zip(lines, cut, pad, strict=True))
    inner = chunk_prose(sub, include_quotes, nesting=nesting)
    for reason, words in inner.skipped.items():
        skipped[reason] = skipped.get(reason, 0) + words
    # where each line of ``sub`` begins, there and (as if the put-back spaces were the chunk's) in the chunk
    sub_starts, text_starts, at = [], [], 0
    for line, start, c, p in zip(lines, starts, cut, pad, strict=True):
        sub_starts.append(at)
        text_starts.append(start + c - p)
        at += len(line) - c + p + 1
    for prose in inner.prose:
        out.append(Prose(prose.text, _map_runs(prose, sub_starts, text_starts)))


def _map_runs(prose: Prose, sub_starts: list[int], text_starts: list[int]) -> tuple[tuple[int, int], ...]:
    """``prose``'s runs (into a text made of lines cut from another) as runs into that other text:
    a run crossing the start of a line is split there, where the two texts' offsets part."""
    runs: list[tuple[int, int]] = []
    bounds = [p for p, _ in prose.runs[1:]] + [max(len(prose.text), prose.runs[-1][0] + 1)]
    for (plain, at), end in zip(prose.runs, bounds, strict=True):
        length = end - plain
        line = bisect.bisect_right(sub_starts, at) - 1
        while True:
            runs.append((plain, text_starts[line] + at - sub_starts[line]))
            if line + 1 >= len(sub_starts) or sub_starts[line + 1] >= at + length:
                break
            step = sub_starts[line + 1] - at
            plain, at, length, line = plain + step, at + step, length - step, line + 1
    return tuple(runs)


_TAG = re.compile(r"<[^<>]{0,2000}>")
_SKIP_REASON_OF = {"heading": "headings", "block_code": "code", "block_html": "HTML", "block_quote": "block quotes"}


def _node_words(node: dict) -> int:
    """Words in a node's text, for the "left out" tally (link targets are not words)."""
    n = 0
    raw = node.get("raw")
    if isinstance(raw, str) and node.get("type") in ("text", "codespan", "block_code", "block_html",
                                                     "inline_html"):
        if node.get("type") in ("block_html", "inline_html"):
            raw = _TAG.sub(" ", raw)  # "<div>" is no word on the status line, so none left out
        n += count_words(raw)
    for child in node.get("children", ()) or ():
        if isinstance(child, dict):
            n += _node_words(child)
    return n


def _block(node: dict, src: str, cursor: list[int], out: list[Prose], skipped: dict[str, int],
           include_quotes: bool) -> None:
    kind = node.get("type")
    if kind in ("paragraph", "block_text"):
        prose = _paragraph(node, src, cursor, skipped)
        if prose is not None:
            out.append(prose)
    elif kind == "block_quote" and include_quotes:
        for child in node.get("children", ()):
            _block(child, src, cursor, out, skipped, include_quotes)
    elif kind == "list":
        for item in node.get("children", ()):
            _list_item(item, src, cursor, out, skipped, include_quotes)
    else:
        reason = _SKIP_REASON_OF.get(kind or "")
        if reason is not None:
            words = _node_words(node)
            if words:
                skipped[reason] = skipped.get(reason, 0) + words
        _skip(node, src, cursor)


def _paragraph(node: dict, src: str, cursor: list[int], skipped: dict[str, int]) -> Prose | None:
    parts: list[str] = []
    runs: list[tuple[int, int]] = []
    length = [0]
    _inline(node.get("children", ()), src, cursor, parts, runs, length)
    text = "".join(parts)
    if not text.strip():
        return None
    return Prose(_blank_urls(text, skipped), tuple(runs) or ((0, 0),))


def _list_item(item: dict, src: str, cursor: list[int], out: list[Prose], skipped: dict[str, int],
               include_quotes: bool) -> None:
    """A list item's text is prose when it reads as a sentence, else a label left out."""
    for child in item.get("children", ()) or ():
        if not isinstance(child, dict):
            continue
        if child.get("type") in ("paragraph", "block_text"):
            prose = _paragraph(child, src, cursor, skipped)
            if prose is None:
                continue
            words = count_words(prose.text)
            if words >= _LIST_PROSE_WORDS or prose.text.rstrip(" \n\"'”’)*_").endswith(tuple(_SENTENCE_END)):
                out.append(prose)
            elif words:
                skipped["list labels"] = skipped.get("list labels", 0) + words
        else:
            _block(child, src, cursor, out, skipped, include_quotes)


def _skip(node: dict, src: str, cursor: list[int]) -> None:
    """Advance the cursor past a non-prose node's text so later searches stay in order."""
    raw = node.get("raw")
    if isinstance(raw, str) and raw:
        found = src.find(raw, cursor[0])
        if found >= 0:
            cursor[0] = found + len(raw)
    for child in node.get("children", ()) or ():
        if isinstance(child, dict):
            _skip(child, src, cursor)


def _inline(children, src: str, cursor: list[int], parts: list[str], runs: list[tuple[int, int]],
            length: list[int]) -> None:
    for node in children or ():
        kind = node.get("type")
        if kind == "text":
            _emit(node.get("raw", ""), src, cursor, parts, runs, length)
        elif kind in ("softbreak", "linebreak"):
            _emit("\n", src, cursor, parts, runs, length)
        elif kind in ("codespan", "inline_html", "image", "block_html"):
            _skip(node, src, cursor)
            _emit(" ", None, cursor, parts, runs, length)
        elif "children" in node:
            _inline(node["children"], src, cursor, parts, runs, length)
        elif isinstance(node.get("raw"), str):
            _emit(node["raw"], src, cursor, parts, runs, length)


def _emit(raw: str, src: str | None, cursor: list[int], parts: list[str], runs: list[tuple[int, int]],
          length: list[int]) -> None:
    if not raw:
        return
    found = src.find(raw, cursor[0]) if src is not None else -1
    if found >= 0:
        runs.append((length[0], found))
        cursor[0] = found + len(raw)
    else:
        # Text changed by parsing (escapes): map it to where we are; spans stay close.
        runs.append((length[0], min(cursor[0], max(len(src or "") - 1, 0))))
    if "&" in raw:
        raw = _same_length_unescape(raw)
    parts.append(raw)
    length[0] += len(raw)
