"""Everything the metrics need from one chunk of markdown, computed once and cached.

Why per chunk: a chunk (text between blank lines) is the unit an edit touches. All values
here are either additive integers or ordered lists, so document totals are plain sums and
an incremental update gives exactly the numbers a from-scratch analysis gives.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from quill.markup.prose import extract_prose
from quill.voice.habits import find_habits
from quill.voice.punctuation import count_marks
from quill.voice.segment import split_sentences
from quill.voice.syllables import syllables
from quill.voice.words import CONTRASTS, FILLERS, FUNCTION_WORDS, HEDGES, WORD


@dataclass(slots=True)
class ChunkStats:
    """Counts for one chunk; spans are offsets into the chunk's own text."""

    paragraphs: int = 0
    tokens: list[str] = field(default_factory=list)
    sentence_lengths: list[int] = field(default_factory=list)
    sentence_spans: list[tuple[int, int]] = field(default_factory=list)
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
    tells: list[tuple[str, str, int, int]] = field(default_factory=list)
    #: lexical-diversity partial results keyed by context (see quill.voice.lexdiv)
    memo: dict = field(default_factory=dict)


def analyze_chunk(chunk_text: str) -> ChunkStats:
    """Measure the prose paragraphs of one (non-code) chunk."""
    st = ChunkStats()
    marks = [0] * 10
    limit = len(chunk_text)
    for prose in extract_prose(chunk_text):
        text = prose.text
        spans = split_sentences(text)
        kept: list[tuple[int, int]] = []
        ptoks: list[str] = []
        for s, e in spans:
            words = WORD.findall(text, s, e)
            if not words:
                continue  # "—" or "…" alone is no sentence
            kept.append((s, e))
            st.sentence_lengths.append(len(words))
            st.sentence_spans.append(_clamp(prose.span(s, e), limit))
            for w in words:
                low = w.lower()
                if "’" in low:
                    low = low.replace("’", "'")
                ptoks.append(low)
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
            st.tells.append((txt, kind, cs, ce))
        st.tokens.extend(ptoks)
    toks = st.tokens
    if toks:
        st.chars = sum(len(t) for t in toks)
        st.syllables = sum(syllables(t) for t in toks)
        st.function_words = sum(1 for t in toks if t in FUNCTION_WORDS)
        st.hedges = sum(1 for t in toks if t in HEDGES)
        st.fillers = sum(1 for t in toks if t in FILLERS)
        st.contrasts = sum(1 for t in toks if t in CONTRASTS)
    st.marks = tuple(marks)
    return st


def _clamp(span: tuple[int, int], limit: int) -> tuple[int, int]:
    """Keep a mapped span inside the chunk even where parsing changed the text (escapes)."""
    s = min(max(span[0], 0), limit)
    return s, min(max(span[1], s), limit)
