"""The analysis entry points: :func:`analyze` and the incremental :class:`VoiceEngine`.

Why this shape: the editor re-analyses a book-length manuscript while the writer types,
from a worker thread that shares the GIL with the UI. Each chunk (text between blank
lines) is analysed once and cached by its exact text; an update re-analyses only chunks
whose text changed and then sums cached counts. ``analyze(text)`` is literally a fresh
engine's first update, so the two always agree field for field.
"""

from __future__ import annotations

from quill.markup.prose import split_chunks
from quill.voice.chunk import ChunkStats, analyze_chunk
from quill.voice.lexdiv import LexicalState
from quill.voice.model import machine_likeness
from quill.voice.punctuation import CLASSES, entropy
from quill.voice.report import Tell, VoiceReport
from quill.voice.rhythm import (
    FRAGMENT_MAX,
    LONG_MIN,
    MIN_SPREAD_SENTENCES,
    masd,
    mean_sd,
    staccato_runs,
)

MIN_RATE_WORDS = 150
MIN_MTLD_TOKENS = 100
MIN_MATTR_TOKENS = 50
MIN_HDD_TOKENS = 42
MIN_MODEL_WORDS = 80


class VoiceEngine:
    """Incremental analysis of one document. Not thread-safe: one update at a time."""

    def __init__(self) -> None:
        self._cache: dict[str, ChunkStats] = {}
        self._lexical = LexicalState()
        self._last: tuple[str, VoiceReport] | None = None

    def update(self, markdown_text: str) -> VoiceReport:
        """Analyse the whole current text, reusing every unchanged chunk."""
        text = markdown_text if isinstance(markdown_text, str) else str(markdown_text or "")
        if self._last is not None and self._last[0] == text:
            return self._last[1]  # nothing changed (e.g. a cursor move triggered the update)
        cache = self._cache
        fresh: dict[str, ChunkStats] = {}
        parts: list[tuple[int, ChunkStats]] = []
        for chunk in split_chunks(text):
            if chunk.code:
                continue
            st = fresh.get(chunk.text)
            if st is None:
                st = cache.get(chunk.text)
                if st is None:
                    st = analyze_chunk(chunk.text)
                fresh[chunk.text] = st
            if st.sentence_lengths:
                parts.append((chunk.start, st))
        self._cache = fresh
        report = _aggregate(parts, self._lexical)
        self._last = (text, report)
        return report


def analyze(markdown_text: str) -> VoiceReport:
    """Analyse a markdown text from scratch."""
    return VoiceEngine().update(markdown_text)


def _per_k(count: int, words: int) -> float | None:
    return 1000.0 * count / words if words >= MIN_RATE_WORDS else None


def _aggregate(parts: list[tuple[int, ChunkStats]], lexical: LexicalState) -> VoiceReport:
    lengths: list[int] = []
    spans: list[tuple[int, int]] = []
    tells: list[Tell] = []
    marks = [0] * 10
    paragraphs = chars = syll = em = fw = hedges = fillers = contrasts = parts_ing = trans = register = 0
    for start, st in parts:
        lengths.extend(st.sentence_lengths)
        if start:
            spans.extend([(s + start, e + start) for s, e in st.sentence_spans])
            tells.extend([Tell(t, k, s + start, e + start) for t, k, s, e in st.tells])
        else:
            spans.extend(st.sentence_spans)
            tells.extend([Tell(t, k, s, e) for t, k, s, e in st.tells])
        paragraphs += st.paragraphs
        chars += st.chars
        syll += st.syllables
        em += st.em_dashes
        fw += st.function_words
        hedges += st.hedges
        fillers += st.fillers
        contrasts += st.contrasts
        parts_ing += st.participles
        trans += st.transitions
        register += st.register
        m = st.marks
        for i in range(10):
            marks[i] += m[i]
    n = len(lengths)
    words = sum(lengths)
    lex = lexical.compute([st for _, st in parts], words)

    mean = sd = None
    burst = m_asd = None
    if n:
        mean, sd_all = mean_sd(lengths)
        if n >= MIN_SPREAD_SENTENCES:
            sd = sd_all
            burst = sd_all / mean
            m_asd = masd(lengths)
    total_marks = sum(marks)
    punct = dict(zip(CLASSES, marks, strict=True))
    word_tells = sum(1 for t in tells if t.kind in ("word", "phrase"))
    fre = fkgl = None
    if n and words:
        wps = words / n
        spw = syll / words
        fre = 206.835 - 1.015 * wps - 84.6 * spw
        fkgl = 0.39 * wps + 11.8 * spw - 15.59

    features: dict[str, float | None] = {}
    if words:
        raw_sd = mean_sd(lengths)[1] if n >= 2 else None
        features = {
            "burstiness": (raw_sd / (words / n)) if raw_sd is not None else None,
            "masd": masd(lengths) if n >= 2 else None,
            "fragment_rate": sum(1 for x in lengths if x <= FRAGMENT_MAX) / n,
            "long_sentence_rate": sum(1 for x in lengths if x >= LONG_MIN) / n,
            "mean_sentence_length": words / n,
            "marks_per_1000_words": 1000.0 * total_marks / words,
            "punctuation_entropy": entropy(marks),
            "interior_entropy": entropy([marks[i] for i in (0, 4, 5, 6, 7, 8, 9)]),
            "em_dash_per_1000_words": 1000.0 * em / words,
            "comma_per_1000_words": 1000.0 * marks[0] / words,
            "semicolon_per_1000_words": 1000.0 * marks[4] / words,
            "colon_per_1000_words": 1000.0 * marks[5] / words,
            "dash_per_1000_words": 1000.0 * marks[6] / words,
            "parenthesis_per_1000_words": 1000.0 * marks[7] / words,
            "quote_per_1000_words": 1000.0 * marks[8] / words,
            "question_exclamation_per_1000_words": 1000.0 * (marks[2] + marks[3]) / words,
            "mtld": lex[0],
            "mattr": lex[1],
            "hdd": lex[2],
            "mean_word_length": chars / words,
            "flesch_reading_ease": fre,
            "flesch_kincaid_grade": fkgl,
            "syllables_per_word": syll / words,
            "function_word_share": fw / words,
            "tell_word_rate": 1000.0 * word_tells / words,
            "comma_participle_rate": 1000.0 * parts_ing / words,
            "hedge_rate": 1000.0 * hedges / words,
            "filler_rate": 1000.0 * fillers / words,
            "contrast_rate": 1000.0 * contrasts / words,
            "transition_rate": 1000.0 * trans / words,
            "register_rate": 1000.0 * register / words,
        }
    likeness = machine_likeness(features) if words >= MIN_MODEL_WORDS else None

    return VoiceReport(
        words=words,
        sentences=n,
        paragraphs=paragraphs,
        sentence_lengths=tuple(lengths),
        sentence_spans=tuple(spans),
        mean_sentence_length=mean,
        sentence_length_sd=sd,
        burstiness=burst,
        masd=m_asd,
        fragment_rate=(sum(1 for x in lengths if x <= FRAGMENT_MAX) / n) if n else None,
        long_sentence_rate=(sum(1 for x in lengths if x >= LONG_MIN) / n) if n else None,
        staccato_runs=_per_k(staccato_runs(lengths), words),
        punctuation=punct,
        marks_per_1000_words=_per_k(total_marks, words),
        punctuation_entropy=entropy(marks) if words >= MIN_RATE_WORDS else None,
        em_dash_per_1000_words=_per_k(em, words),
        comma_per_1000_words=_per_k(marks[0], words),
        mtld=lex[0] if words >= MIN_MTLD_TOKENS else None,
        mattr=lex[1] if words >= MIN_MATTR_TOKENS else None,
        hdd=lex[2] if words >= MIN_HDD_TOKENS else None,
        mean_word_length=chars / words if words else None,
        flesch_reading_ease=fre,
        flesch_kincaid_grade=fkgl,
        function_word_share=fw / words if words else None,
        tells=tuple(tells),
        tell_rate=_per_k(len(tells), words),
        comma_participle_rate=_per_k(parts_ing, words),
        hedge_rate=_per_k(hedges, words),
        filler_rate=_per_k(fillers, words),
        machine_likeness=likeness,
        features=features,
    )
