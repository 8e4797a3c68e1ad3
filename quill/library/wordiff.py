"""What changed between two versions of a piece, by word: the way a writer reads a revision.

Why not a line diff: a paragraph is one line in markdown, so changing one word showed the
whole paragraph removed and added again. Paragraphs are matched first (fast, even for a
book), and only paragraphs that changed are compared word by word. A last line without a
final newline is still its own paragraph (a line diff glued it to the next one).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

_TOKEN = re.compile(r"\s+|[^\W_]+(?:[-'’][^\W_]+)*|\S")
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
#: unchanged paragraphs shown around a change; the rest are counted, not shown
CONTEXT = 1


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
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
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
        else:  # replace: pair paragraphs up and compare them word by word
            olds, news = a[i1:i2], b[j1:j2]
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


def _words_of_paragraph(old: str, new: str) -> tuple[list[tuple[str, str]], int, int]:
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    parts: list[tuple[str, str]] = []
    plus = minus = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            parts.append(("=", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            text = "".join(a[i1:i2])
            parts.append(("-", text))
            minus += _words(text)
        if j2 > j1:
            text = "".join(b[j1:j2])
            parts.append(("+", text))
            plus += _words(text)
    return _merge(parts), plus, minus


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
        elif (removed or added) and not text.strip() and i + 1 < len(parts) and parts[i + 1][0] != "=":
            if removed:
                removed.append(text)
            if added:
                added.append(text)
        else:
            flush()
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
