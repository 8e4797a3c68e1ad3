"""What changed between two versions of a piece, by word: the way a writer reads a revision.

Why not a line diff: a paragraph is one line in markdown, so changing one word showed the
whole paragraph removed and added again. Paragraphs are matched first (fast, even for a
book), and only paragraphs that changed are compared word by word. A last line without a
final newline is still its own paragraph (a line diff glued it to the next one).

A run of changed paragraphs is compared as one stretch of words with its line breaks among
them, not paragraph by paragraph in order: a paragraph split in two is one new break, and a new
paragraph above an edited one is that paragraph and the edited words (paired in order, the first
showed as all of the edited paragraph removed, and the edited paragraph as added whole). A
changed part's text then holds "\n" where a line break was added, removed or kept in the stretch.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from quill.lazypattern import LazyPattern
from quill.textstats import WORD_RE

#: Words by the app's one rule (an NFD accent or a Devanagari vowel sign is part of its word; its
#: own rule here counted "e\u0301te\u0301" as two); a line break is a token of its own.
_WORD = WORD_RE
_TOKEN = LazyPattern(r"([^\S\n]*)(\n|(?:" + WORD_RE.pattern + r")|\S)")
#: unchanged paragraphs shown around a change; the rest are counted, not shown
CONTEXT = 1
#: a run of changed paragraphs up to this many characters a side is compared as one stretch; a
#: longer one (a book restructured) pairs its paragraphs in order, which stays fast at any size
STRETCH_CHARS = 50_000
#: tokens from which difflib's own heuristic (an element in more than 1% of places never anchors a
#: match) keeps a long stretch fast; below, every word may anchor, as a paragraph's compare needs
AUTOJUNK_FROM = 2_000


@dataclass
class Block:
    """One paragraph of the comparison. ``kind`` is "same", "changed", "added", "removed" or
    "skipped" (``skipped`` unchanged paragraphs not shown); ``parts`` are (op, text) with op
    "=", "+" or "-"."""

    kind: str
    parts: list[tuple[str, str]] = field(default_factory=list)
    skipped: int = 0


@dataclass
class WordDiff:
    blocks: list[Block]
    words_added: int
    words_removed: int

    @property
    def unchanged(self) -> bool:
        return not self.words_added and not self.words_removed and all(b.kind in ("same", "skipped")
                                                                     for b in self.blocks)


def _paragraphs(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def word_diff(old: str, new: str, context: int = CONTEXT) -> WordDiff:
    a, b = _paragraphs(old), _paragraphs(new)
    blocks: list[Block] = []
    added = removed = 0
    for tag, i1, i2, j1, j2 in _regions(a, b):
        if tag == "equal":
            blocks.extend(Block("same", [("=", line)]) for line in a[i1:i2])
        elif tag == "delete":
            for line in a[i1:i2]:
                blocks.append(Block("removed", [("-", line)]))
                removed += _words(line)
        elif tag == "insert":
            for line in b[j1:j2]:
                blocks.append(Block("added", [("+", line)]))
                added += _words(line)
        else:  # replace: compare the changed paragraphs word by word
            olds, news = a[i1:i2], b[j1:j2]
            if _chars(olds) <= STRETCH_CHARS and _chars(news) <= STRETCH_CHARS:
                parts, plus, minus = _words_of_paragraph("\n".join(olds), "\n".join(news))
                blocks.append(Block("changed", parts))
                added += plus
                removed += minus
                continue
            for k in range(max(len(olds), len(news))):
                if k < len(olds) and k < len(news):
                    parts, plus, minus = _words_of_paragraph(olds[k], news[k])
                    blocks.append(Block("changed", parts))
                    added += plus
                    removed += minus
                elif k < len(olds):
                    blocks.append(Block("removed", [("-", olds[k])]))
                    removed += _words(olds[k])
                else:
                    blocks.append(Block("added", [("+", news[k])]))
                    added += _words(news[k])
    return WordDiff(_fold(blocks, context), added, removed)


def space_for_a_break(parts: list[tuple[str, str]], index: int) -> bool:
    """Whether ``parts[index]`` is only the space a paragraph break replaced, or was replaced by:
    the other side's part beside it holds the break."""
    op, text = parts[index]
    if text.strip() or "\n" in text:
        return False
    beside = parts[index + 1] if op == "-" and index + 1 < len(parts) else (
        parts[index - 1] if op == "+" and index else ("=", ""))
    return beside[0] not in ("=", op) and "\n" in beside[1]


def _keys(lines: list[str]) -> list[str]:
    """What the paragraphs are matched by: a blank line by the paragraph above it too. Every blank
    line alike matched any other (thousands of candidates in a book, each tried: seconds), and
    anchored a paragraph split in two by the blank line that had followed it whole."""
    keys, above = [], ""
    for line in lines:
        if line.strip():
            keys.append(line)
            above = line
        else:
            keys.append("\x00" + line + "\x00" + above)
    return keys


def _chars(lines: list[str]) -> int:
    return sum(len(line) + 1 for line in lines)


def _regions(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """The paragraphs' opcodes, with changes separated only by blank lines joined into one (up to
    :data:`STRETCH_CHARS` a side): a paragraph split in two matched the blank line between its
    halves with the one after it, and its second half was shown removed from the first and added
    again below."""
    out: list[tuple[str, int, int, int, int]] = []
    codes = difflib.SequenceMatcher(None, _keys(a), _keys(b), autojunk=False).get_opcodes()
    for n, (tag, i1, i2, j1, j2) in enumerate(codes):
        last = out[-1] if out and out[-1][0] != "equal" else None
        if last is not None and tag == "equal":
            nxt = codes[n + 1] if n + 1 < len(codes) else None
            if nxt is None or any(line.strip() for line in a[i1:i2]) \
                    or _chars(a[last[1]:nxt[2]]) > STRETCH_CHARS or _chars(b[last[3]:nxt[4]]) > STRETCH_CHARS:
                last = None  # a real anchor, or a stretch too long to compare whole
        if last is not None:
            _, k1, _, l1, _ = out.pop()
            tag = "replace" if (i2 > k1 and j2 > l1) else ("delete" if i2 > k1 else "insert")
            out.append((tag, k1, i2, l1, j2))
        else:
            out.append((tag, i1, i2, j1, j2))
    return out


def _tokens(text: str) -> tuple[list[tuple[str, str]], str]:
    """``text`` as (the spaces before it, a word, a mark or a line break) pairs, and the spaces
    after the last. Only the second of each pair is compared: a space matched on its own anchored
    the wrong alignment ("river cold river" → "cold river" showed "river cold" removed and "cold"
    added), and every space was a candidate for every other."""
    pairs = [(m.group(1), m.group(2)) for m in _TOKEN.finditer(text)]
    consumed = sum(len(space) + len(token) for space, token in pairs)
    return pairs, text[consumed:]


def _is_break(token: str) -> bool:
    return token == "\n"


def _words_of_paragraph(old: str, new: str) -> tuple[list[tuple[str, str]], int, int]:
    (a, a_tail), (b, b_tail) = _tokens(old), _tokens(new)
    parts: list[tuple[str, str]] = []
    # A line break never anchors a match (it is extended into one): taken first as the earliest of
    # the longest matches, one paired the wrong break and left the words around it unmatched. In a
    # long stretch, a token as common as "the" neither (difflib's own heuristic).
    matcher = difflib.SequenceMatcher(_is_break, [t for _, t in a], [t for _, t in b],
                                      autojunk=len(b) > AUTOJUNK_FROM)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for (a_space, token), (b_space, _) in zip(a[i1:i2], b[j1:j2], strict=True):
                if a_space != b_space:  # the same word, spaced otherwise
                    parts += [("-", a_space), ("+", b_space)]
                parts.append(("=", token) if a_space != b_space else ("=", a_space + token))
            continue
        if i2 > i1 and j2 > j1 and a[i1][0] == b[j1][0]:  # "the ~~cold~~ warm", the space unchanged
            parts.append(("=", a[i1][0]))
            a[i1], b[j1] = ("", a[i1][1]), ("", b[j1][1])
        if i2 > i1:
            parts.append(("-", "".join(space + token for space, token in a[i1:i2])))
        if j2 > j1:
            parts.append(("+", "".join(space + token for space, token in b[j1:j2])))
    if a_tail != b_tail:
        parts += [("-", a_tail), ("+", b_tail)]
    else:
        parts.append(("=", a_tail))
    parts = _merge([(op, text) for op, text in parts if text])
    plus = sum(_words(text) for op, text in parts if op == "+")
    minus = sum(_words(text) for op, text in parts if op == "-")
    return parts, plus, minus


def _merge(parts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Changes separated only by spaces read as one change: "-First +Rewritten = -version
    +entirely" becomes "-First version +Rewritten entirely"."""
    out: list[tuple[str, str]] = []
    removed: list[str] = []
    added: list[str] = []

    def flush() -> None:
        if removed:
            out.append(("-", "".join(removed)))
        if added:
            out.append(("+", "".join(added)))
        removed.clear()
        added.clear()

    for i, (op, text) in enumerate(parts):
        if op == "-":
            removed.append(text)
        elif op == "+":
            added.append(text)
        elif (removed or added) and not text.strip() and "\n" not in text and i + 1 < len(parts) \
                and parts[i + 1][0] != "=":  # (never across a line break: two paragraphs' changes)
            if removed:
                removed.append(text)
            if added:
                added.append(text)
        else:
            flush()
            if out and out[-1][0] == "=":
                out[-1] = ("=", out[-1][1] + text)  # one unchanged stretch, not a part per word
            else:
                out.append((op, text))
    flush()
    return out


def _fold(blocks: list[Block], context: int) -> list[Block]:
    """Keep ``context`` unchanged paragraphs around each change; count the rest."""
    keep = [False] * len(blocks)
    for i, block in enumerate(blocks):
        if block.kind != "same":
            for k in range(max(0, i - context), min(len(blocks), i + context + 1)):
                keep[k] = True
    out: list[Block] = []
    for i, block in enumerate(blocks):
        if keep[i] or block.kind != "same":
            out.append(block)
        elif out and out[-1].kind == "skipped":
            out[-1].skipped += 1
        else:
            out.append(Block("skipped", skipped=1))
    return out
