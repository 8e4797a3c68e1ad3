"""Everything the metrics need from one chunk of markdown, computed once and cached.

Why per chunk: a chunk (text between blank lines) is the unit an edit touches. All values
here are either additive integers or ordered lists, so document totals are plain sums and
an incremental update gives exactly the numbers a from-scratch analysis gives.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from sys import intern
from types import MappingProxyType

from quill.markup.prose import chunk_prose
from quill.textstats import count_words
from quill.voice.habits import find_habits
from quill.voice.punctuation import count_marks
from quill.voice.segment import split_sentences
from quill.voice.syllables import syllables
from quill.voice.words import CONTRASTS, FILLERS, FUNCTION_WORDS, HEDGES, WORD

#: what most chunks leave out: shared, and read-only so that sharing it is safe
NOTHING_SKIPPED: Mapping[str, int] = MappingProxyType({})


@dataclass(slots=True)
class ChunkStats:
    """Counts for one chunk; spans are offsets into the chunk's own text.

    A chunk's figures live as long as it stays in the piece, one per paragraph (a 100,000-word
    piece has ~1,500), so they are kept compact (issue 20): tuples, not lists; the sentences'
    spans as one flat array of offsets, not a tuple of two int objects per sentence."""

    paragraphs: int = 0
    tokens: tuple[str, ...] = ()
    sentence_lengths: tuple[int, ...] = ()
    #: start0, end0, start1, end1 … (an ``array("I")`` once analysed)
    sentence_spans: Sequence[int] = ()
    chars: int = 0
    syllables: int = 0
    marks: tuple[int, ...] = (0,) * 10
    em_dashes: int = 0
    function_words: int = 0
    hedges: int = 0
    fillers: int = 0
    contrasts: int = 0
    participles: int = 0
    transitions: int = 0
    register: int = 0
    #: clause lengths in words (text between any two marks), as n, Σ and Σ² for their spread
    clauses: int = 0
    clause_words: int = 0
    clause_squares: int = 0
    #: content words that repeat one from the sentence before (in the same paragraph), of all
    repeats: int = 0
    content_words: int = 0
    tells: tuple[tuple[str, str, int, int], ...] = ()
    #: the chunk's words as the status line counts them, and the words left out, by reason
    all_words: int = 0
    skipped: Mapping[str, int] = field(default_factory=lambda: NOTHING_SKIPPED)


def analyze_chunk(chunk_text: str, include_quotes: bool = False, indent: int = 0) -> ChunkStats:
    """Measure the prose paragraphs of one (non-code) chunk (``indent``: see :attr:`Chunk.indent`)."""
    st = ChunkStats()
    marks = [0] * 10
    tokens: list[str] = []
    lengths: list[int] = []
    spans_flat: list[int] = []
    tells: list[tuple[str, str, int, int]] = []
    limit = len(chunk_text)
    found = chunk_prose(chunk_text, include_quotes, indent=indent)
    st.all_words = count_words(chunk_text)
    st.skipped = found.skipped or NOTHING_SKIPPED
    for prose in found.prose:
        text = prose.text
        spans = split_sentences(text)
        kept: list[tuple[int, int]] = []
        ptoks: list[str] = []
        previous: set[str] = set()
        for s, e in spans:
            words = WORD.findall(text, s, e)
            if not words:
                continue  # "—" or "…" alone is no sentence
            kept.append((s, e))
            lengths.append(len(words))
            spans_flat.extend(_clamp(prose.span(s, e), limit))
            first = len(ptoks)
            for w in words:
                low = w.lower()
                if "’" in low:
                    low = low.replace("’", "'")
                if not low.isascii():  # "café" typed, "cafe\u0301" pasted from macOS: one word form
                    low = unicodedata.normalize("NFC", low)
                # Every paragraph's tokens stay in its chunk for incremental updates: one shared
                # string per word form, not one per occurrence (a 100,000-word piece: 5 MB → 0.5 MB).
                ptoks.append(intern(low))
            content = set(ptoks[first:]).difference(FUNCTION_WORDS)
            st.repeats += len(content & previous)
            st.content_words += len(content)
            previous = content
            _clauses(st, text, s, e)
        if not kept:
            continue
        st.paragraphs += 1
        counts, em = count_marks(text)
        for i, c in enumerate(counts):
            marks[i] += c
        st.em_dashes += em
        habits = find_habits(text, ptoks, kept)
        st.participles += habits.comma_participles
        st.transitions += habits.transitions
        st.register += habits.register
        for txt, kind, s, e in habits.tells:
            cs, ce = _clamp(prose.span(s, e), limit)
            tells.append((txt, kind, cs, ce))
        tokens.extend(ptoks)
    # kept for the chunk's life: a tuple holds no spare room (a grown list keeps up to an eighth more)
    toks = st.tokens = tuple(tokens)
    if lengths:
        st.sentence_lengths = tuple(lengths)
        st.sentence_spans = array("I", spans_flat)
    if tells:
        st.tells = tuple(tells)
    if toks:
        st.chars = sum(len(t) for t in toks)
        st.syllables = sum(syllables(t) for t in toks)
        st.function_words = sum(1 for t in toks if t in FUNCTION_WORDS)
        st.hedges = sum(1 for t in toks if t in HEDGES)
        st.fillers = sum(1 for t in toks if t in FILLERS)
        st.contrasts = sum(1 for t in toks if t in CONTRASTS)
    st.marks = tuple(marks)
    return st


#: Where a clause ends: any punctuation mark, a dash of any typography, or a spaced hyphen.
_CLAUSE_BREAK = re.compile(r"[,.;:!?…()\"“”。．।۔！？؟，、،；؛：（）‼⁇⁈⁉«»„「」『』―]|—|–|-{2,3}|(?<=\s)-(?=\s)")


def _clauses(st: ChunkStats, text: str, start: int, end: int) -> None:
    """Add the sentence's clause lengths: machine prose keeps its clauses evenly long."""
    pos = start
    for m in _CLAUSE_BREAK.finditer(text, start, end):
        _clause(st, len(WORD.findall(text, pos, m.start())))
        pos = m.end()
    _clause(st, len(WORD.findall(text, pos, end)))


def _clause(st: ChunkStats, words: int) -> None:
    if words:
        st.clauses += 1
        st.clause_words += words
        st.clause_squares += words * words


def code_chunk(chunk_text: str, reason: str) -> ChunkStats:
    """A code or front-matter chunk: no prose, only the words it holds (left out, for ``reason``)."""
    words = count_words(chunk_text)
    return ChunkStats(all_words=words, skipped=MappingProxyType({reason: words}) if words else NOTHING_SKIPPED)


def _clamp(span: tuple[int, int], limit: int) -> tuple[int, int]:
    """Keep a mapped span inside the chunk even where parsing changed the text (escapes)."""
    s = min(max(span[0], 0), limit)
    return s, min(max(span[1], s), limit)
