"""The analysis entry points: :func:`analyze` and the incremental :class:`VoiceEngine`.

Why this shape: the editor re-analyses a book-length manuscript while the writer types,
from a worker thread that shares the GIL with the UI, so an update must cost in proportion
to the edit, not to the document. Each chunk (text between blank lines) is analysed once
and its figures kept with its place. An update finds the changed stretch of text (a C-speed
prefix/suffix comparison), re-cuts only the chunks around it (one whose text did not change
keeps its figures), and adjusts running totals:

- additive counts (words, marks, syllables, habits …) are kept as sums;
- order-dependent measures are kept as per-chunk contributions that depend on a small
  context: MASD and staccato runs on the previous three sentence lengths, MTLD on the
  carried segment (recomputed until it re-synchronises), MATTR on the next 49 tokens,
  HD-D on a global frequency table;
- a fence, front matter or code chunk near the edit falls back to cutting the whole text
  (still reusing the figures of every chunk whose text did not change).

Everything is an integer or order-independent, so ``update(text)`` equals
``analyze(text)`` field for field, and ``analyze(text)`` is literally a fresh engine's
first update.
"""

from __future__ import annotations

import math
import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping

from quill.markup.prose import FRONT_MATTER_CLOSERS, front_matter_closed_before, split_chunks
from quill.voice import explain
from quill.voice.chunk import ChunkStats, analyze_chunk, code_chunk
from quill.voice.lexdiv import mattr_piece, mtld_final, mtld_piece
from quill.voice.lexical import HDD_SAMPLE, MATTR_WINDOW, hdd_from_frequencies
from quill.voice.model import contributions, likeness_range, machine_likeness, weights
from quill.voice.punctuation import CLASSES, entropy
from quill.voice.report import Spans, Tell, VoiceReport
from quill.voice.rhythm import FRAGMENT_MAX, LONG_MIN, STACCATO_MAX, STACCATO_RUN

#: One floor for everything the panel shows as a judgement (rhythm, rates, punctuation and
#: the score): below it 150-word windows of one text differ too much to mean anything, and a
#: score must never stand where rhythm says "not enough text".
MIN_RATE_WORDS = 150
MIN_SENTENCES = 3
MIN_MTLD_TOKENS = 100
MIN_MATTR_TOKENS = 50
MIN_HDD_TOKENS = 42
#: the score needs the same amount of text as the rates it is built on
MIN_MODEL_WORDS = MIN_RATE_WORDS

_FENCE_LINE = re.compile(r"^ {0,3}(?:`{3,}|~{3,})", re.M)
_SUMS = ("paragraphs", "chars", "syllables", "em_dashes", "function_words", "hedges", "fillers", "contrasts",
         "participles", "transitions", "register", "clauses", "clause_words", "clause_squares", "repeats",
         "content_words")


def _common_prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    i, step = 0, 4096
    while i < n:
        k = min(step, n - i)
        if a[i:i + k] == b[i:i + k]:
            i += k
            step = min(step * 2, 1 << 18)
            continue
        lo, hi = i, i + k  # the first difference is in [lo, hi)
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if a[lo:mid] == b[lo:mid]:
                lo = mid
            else:
                hi = mid
        return lo
    return n


def _common_suffix(a: str, b: str, limit: int) -> int:
    la, lb = len(a), len(b)
    i, step = 0, 4096
    while i < limit:
        k = min(step, limit - i)
        if a[la - i - k:la - i] == b[lb - i - k:lb - i]:
            i += k
            step = min(step * 2, 1 << 18)
            continue
        lo, hi = i, i + k
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if a[la - mid:la - lo] == b[lb - mid:lb - lo]:
                lo = mid
            else:
                hi = mid
        return lo
    return limit


def _part_info(st: ChunkStats) -> tuple[int, int, int, int, int, int]:
    """A chunk's (n, words, Σl², fragments, long, word tells): worked out when the chunk comes and
    goes, not kept (a paragraph's few sentences cost less to add up than a tuple costs to keep)."""
    lengths = st.sentence_lengths
    return (len(lengths), sum(lengths), sum(x * x for x in lengths),
            sum(1 for x in lengths if x <= FRAGMENT_MAX), sum(1 for x in lengths if x >= LONG_MIN),
            sum(1 for t in st.tells if t[1] in ("word", "phrase")))


def _order_contrib(lengths: list[int], before: list[int]) -> tuple[int, int]:
    """(Σ|L_k − L_k−1|, staccato run starts) for the sentences of one chunk, given the
    up to three sentence lengths before it."""
    diffs = 0
    runs = 0
    prev = before[-1] if before else None
    ctx = list(before[-STACCATO_RUN:])
    for x in lengths:
        if prev is not None:
            diffs += abs(x - prev)
        prev = x
        ctx.append(x)
        if len(ctx) > STACCATO_RUN + 1:
            del ctx[0]
        # a run of ≥3 short sentences is counted where it reaches exactly three
        if all(v <= STACCATO_MAX for v in ctx[-STACCATO_RUN:]) and len(ctx) >= STACCATO_RUN and (
                len(ctx) == STACCATO_RUN or ctx[0] > STACCATO_MAX):
            runs += 1
    return diffs, runs


class VoiceEngine:
    """Incremental analysis of one document. Not thread-safe: one update at a time."""

    def __init__(self, include_quotes: bool = False) -> None:
        #: block quotes are someone else's words: measured only when the writer asks
        self.include_quotes = include_quotes
        self._text: str | None = None
        self._last: VoiceReport | None = None
        # all chunks (code included): starts, ends, code flags — to place the next edit
        self._cstart: list[int] = []
        self._cend: list[int] = []
        self._ccode: list[bool] = []
        self._cindent: list[int] = []  # per chunk: Chunk.indent (an item's later paragraph: > 0)
        self._cst: list[ChunkStats | None] = []  # per chunk: its prose figures (None for code)
        self._cwords: list[tuple[int, Mapping[str, int]]] = []  # per chunk: all words, words left out
        self._all_words = 0
        self._left: dict[str, int] = {}
        # parts: prose chunks with sentences, in order, and their context-dependent pieces
        self._pstart: list[int] = []
        self._pst: list[ChunkStats] = []
        self._order: list[tuple[int, int]] = []
        # MTLD's carries (the segment still open entering and leaving each part) are kept as lengths:
        # a forward carry is always the last tokens before its place, a backward one the first tokens
        # after it (reversed), so the parts' own tokens say what it holds (see _tokens_before). Kept
        # as tuples they were 2.3 MB of a 100,000-word piece (issue 20). -1: not worked out yet.
        self._mf_in: list[int] = []
        self._mf_out: list[int] = []
        self._mf_done: list[int] = []
        self._mb_in: list[int] = []
        self._mb_out: list[int] = []
        self._mb_done: list[int] = []
        self._ma: list[int] = []
        # the report's flat sequences, shifted in place after an edit (spans as two int arrays:
        # shifting ints is several times cheaper than rebuilding a tuple per sentence, and an
        # array holds no int object per offset and is copied into a report as plain memory)
        self._lengths: list[int] = []
        self._sstart = array("q")
        self._send = array("q")
        self._tells: list[Tell] = []
        self._pn: list[int] = []  # sentences per part, to find a part's place in the flat lists
        self._pt: list[int] = []  # tells per part
        self._sums = dict.fromkeys(_SUMS, 0)
        self._marks = [0] * 10
        self._info = [0] * 6
        self._diffs = self._runs = 0
        self._mf_total = self._mb_total = self._ma_total = 0
        self._counts: dict[str, int] = {}
        self._fof: dict[int, int] = {}
        self._length_counts: dict[int, int] = {}  # sentences per length, for histograms

    # -- public ------------------------------------------------------------------------------
    def update(self, markdown_text: str) -> VoiceReport:
        """Analyse the whole current text, reusing every unchanged chunk."""
        text = markdown_text if isinstance(markdown_text, str) else str(markdown_text or "")
        old = self._text
        if old is not None and old == text and self._last is not None:
            return self._last  # nothing changed (e.g. a cursor move triggered the update)
        window = self._window(old, text) if old is not None else None
        if window is None:
            ws, we_old, we_new = 0, len(old) if old is not None else 0, len(text)
            new_chunks = split_chunks(text)
        else:
            ws, we_old, we_new = window
            new_chunks = split_chunks(text[ws:we_new])
        self._replace(ws, we_old, we_new, len(text) - (len(old) if old is not None else 0), new_chunks)
        self._text = text
        self._last = self._report()
        return self._last

    def sentence_length_counts(self) -> dict[int, int]:
        """How many sentences of each length (in words) the last update saw: kept as the text
        changes, so a histogram costs the number of distinct lengths, not of sentences."""
        return dict(self._length_counts)

    # -- finding what changed ------------------------------------------------------------------
    def _window(self, old: str, new: str) -> tuple[int, int, int] | None:
        """The stretch to re-cut as (start, end in old, end in new), or None to cut everything."""
        if not self._cstart:
            return None
        p = _common_prefix(old, new)
        s = _common_suffix(old, new, min(len(old), len(new)) - p)
        old_end, delta = len(old) - s, len(new) - len(old)
        starts, ends = self._cstart, self._cend
        a = bisect_left(ends, p - 2) - 1  # one untouched chunk before the change
        # An item's later paragraphs are read by the item above them: re-cut from the item.
        while a > 0 and self._cindent[a]:
            a -= 1
        b = bisect_right(starts, old_end + 2)  # one untouched chunk after it
        # An indented chunk after it may become (or stop being) a list item's next paragraph,
        # read with the item (split_chunks): re-cut every indented chunk that follows as well.
        while b + 1 < len(starts) and old[starts[b + 1]:starts[b + 1] + 1] in (" ", "\t"):
            b += 1
        ws = 0 if a < 0 else starts[a]
        we = len(old) if b >= len(starts) else ends[b]
        ws = min(ws, p)
        we = max(we, old_end)
        lo_c = max(a, 0)
        hi_c = min(b + 1, len(starts))
        if any(self._ccode[lo_c:hi_c]):
            return None
        if _FENCE_LINE.search(old, ws, we) or _FENCE_LINE.search(new, ws, we + delta):
            return None
        head = new[ws:ws + 4].rstrip()
        if head in ("---", "+++") or (ws == 0 and new[:3] in ("---", "+++")):
            return None
        if ws > 0 and new[ws - 1] != "\n":
            return None
        if not front_matter_closed_before(new, ws):
            return None  # a "---" line typed or deleted anywhere could end (or stop ending) it
        return ws, we, we + delta

    # -- replacing chunks ------------------------------------------------------------------------
    def _replace(self, ws: int, we_old: int, we_new: int, delta: int, chunks: list) -> None:
        # chunks of the old window, and the parts among them
        c_lo = bisect_left(self._cstart, ws)
        c_hi = bisect_left(self._cstart, we_old)
        p_lo = bisect_left(self._pstart, ws)
        p_hi = bisect_left(self._pstart, we_old)
        new_cs, new_ce, new_cc = [], [], []
        new_st: list[ChunkStats | None] = []
        new_parts: list[tuple[int, ChunkStats]] = []
        # The window's chunks as they were, by text: a chunk re-cut unchanged keeps its figures. Only
        # the window's: keeping every chunk's text as a key kept a second copy of the piece (issue 20).
        old = self._text or ""
        known = {(old[s:e], k): st for s, e, k, st in zip(self._cstart[c_lo:c_hi], self._cend[c_lo:c_hi],
                                                          self._cindent[c_lo:c_hi], self._cst[c_lo:c_hi],
                                                          strict=True) if st is not None}
        new_ci = []
        new_cw: list[tuple[int, Mapping[str, int]]] = []
        for chunk in chunks:
            start = chunk.start + ws
            new_cs.append(start)
            new_ce.append(start + len(chunk.text))
            new_cc.append(chunk.code)
            new_ci.append(chunk.indent)
            if chunk.code:
                front = start == 0 and chunk.text.split("\n", 1)[0].rstrip() in FRONT_MATTER_CLOSERS
                # front matter is not part of the piece's words anywhere in Quill, so not here either
                code = ChunkStats() if front else code_chunk(chunk.text, "code")
                new_cw.append((code.all_words, code.skipped))
                new_st.append(None)
                continue
            key = (chunk.text, chunk.indent)
            st = known.get(key)
            if st is None:
                st = known[key] = analyze_chunk(chunk.text, self.include_quotes, chunk.indent)
            new_st.append(st)
            new_cw.append((st.all_words, st.skipped))
            if st.sentence_lengths:
                new_parts.append((start, st))
        # Parts at either end of the window that are the same text at the same (shifted) place
        # are left alone: re-cutting one untouched chunk on each side of the change keeps splits
        # and merges right, but re-counting those chunks' words and marks is wasted work.
        pst, pstart = self._pst, self._pstart
        lead = 0
        while (lead < len(new_parts) and p_lo + lead < p_hi and new_parts[lead][1] is pst[p_lo + lead]
               and new_parts[lead][0] == pstart[p_lo + lead]):
            lead += 1
        trail = 0
        while (trail < len(new_parts) - lead and p_hi - trail - 1 >= p_lo + lead
               and new_parts[-1 - trail][1] is pst[p_hi - trail - 1]
               and new_parts[-1 - trail][0] == pstart[p_hi - trail - 1] + delta):
            trail += 1
        if lead or trail:
            new_parts = new_parts[lead:len(new_parts) - trail]
            p_lo, p_hi = p_lo + lead, p_hi - trail
        if delta:
            shift = delta.__add__
            self._cstart[c_hi:] = map(shift, self._cstart[c_hi:])
            self._cend[c_hi:] = map(shift, self._cend[c_hi:])
            self._pstart[p_hi:] = map(shift, self._pstart[p_hi:])
        left = self._left
        for sign, infos in ((-1, self._cwords[c_lo:c_hi]), (1, new_cw)):
            for words, skipped in infos:
                self._all_words += sign * words
                for reason, k in skipped.items():
                    total = left.get(reason, 0) + sign * k
                    if total:
                        left[reason] = total
                    else:
                        left.pop(reason, None)
        self._cwords[c_lo:c_hi] = new_cw
        self._cstart[c_lo:c_hi] = new_cs
        self._cend[c_lo:c_hi] = new_ce
        self._ccode[c_lo:c_hi] = new_cc
        self._cindent[c_lo:c_hi] = new_ci
        self._cst[c_lo:c_hi] = new_st
        self._replace_flat(p_lo, p_hi, new_parts, delta)
        self._replace_parts(p_lo, p_hi, new_parts)

    def _replace_flat(self, lo: int, hi: int, new: list[tuple[int, ChunkStats]], delta: int) -> None:
        """Splice the new parts' sentences and tells into the flat lists; shift what follows."""
        pn, pt = self._pn, self._pt
        k_lo = sum(pn[:lo]) if lo <= len(pn) // 2 else len(self._lengths) - sum(pn[lo:])
        k_hi = k_lo + sum(pn[lo:hi])
        t_lo = sum(pt[:lo]) if lo <= len(pt) // 2 else len(self._tells) - sum(pt[lo:])
        t_hi = t_lo + sum(pt[lo:hi])
        lengths: list[int] = []
        starts: list[int] = []
        ends: list[int] = []
        tells: list[Tell] = []
        for start, st in new:
            lengths.extend(st.sentence_lengths)
            spans = st.sentence_spans
            starts.extend([s + start for s in spans[0::2]])
            ends.extend([e + start for e in spans[1::2]])
            tells.extend([Tell(t, k, s + start, e + start) for t, k, s, e in st.tells])
        if delta:
            self._sstart[k_hi:] = array("q", [x + delta for x in self._sstart[k_hi:]])
            self._send[k_hi:] = array("q", [x + delta for x in self._send[k_hi:]])
            self._tells[t_hi:] = [Tell(t.text, t.kind, t.start + delta, t.end + delta) for t in self._tells[t_hi:]]
        self._lengths[k_lo:k_hi] = lengths
        self._sstart[k_lo:k_hi] = array("q", starts)
        self._send[k_lo:k_hi] = array("q", ends)
        self._tells[t_lo:t_hi] = tells
        pn[lo:hi] = [len(st.sentence_lengths) for _, st in new]
        pt[lo:hi] = [len(st.tells) for _, st in new]

    def _replace_parts(self, lo: int, hi: int, new: list[tuple[int, ChunkStats]]) -> None:
        sums, marks, info = self._sums, self._marks, self._info
        counts, fof = self._counts, self._fof
        length_counts = self._length_counts
        removed = self._pst[lo:hi]
        for sign, sts in ((-1, removed), (1, [st for _, st in new])):
            for st in sts:
                for name in _SUMS:
                    sums[name] += sign * getattr(st, name)
                m = st.marks
                for i in range(10):
                    marks[i] += sign * m[i]
                pi = _part_info(st)
                for i in range(6):
                    info[i] += sign * pi[i]
                for length in st.sentence_lengths:
                    left = length_counts.get(length, 0) + sign
                    if left:
                        length_counts[length] = left
                    else:
                        del length_counts[length]
                for tok in st.tokens:
                    c = counts.get(tok, 0)
                    if c:
                        fof[c] -= 1
                    c += sign
                    if c:
                        counts[tok] = c
                        fof[c] = fof.get(c, 0) + 1
                    else:
                        del counts[tok]
        m = len(new)
        for i in range(lo, hi):
            o = self._order[i]
            self._diffs -= o[0]
            self._runs -= o[1]
            self._mf_total -= self._mf_done[i]
            self._mb_total -= self._mb_done[i]
            self._ma_total -= self._ma[i]
        self._pstart[lo:hi] = [s for s, _ in new]
        self._pst[lo:hi] = [st for _, st in new]
        self._order[lo:hi] = [(0, 0)] * m
        self._mf_in[lo:hi] = [-1] * m
        self._mf_out[lo:hi] = [0] * m
        self._mf_done[lo:hi] = [0] * m
        self._mb_in[lo:hi] = [-1] * m
        self._mb_out[lo:hi] = [0] * m
        self._mb_done[lo:hi] = [0] * m
        self._ma[lo:hi] = [0] * m
        self._fix_order(lo, m)
        self._fix_mtld_forward(lo, m, removed)
        self._fix_mtld_backward(lo, m, removed)
        self._fix_mattr(lo, m)

    def _fix_order(self, lo: int, m: int) -> None:
        pst = self._pst
        before: list[int] = []
        k = lo - 1
        while k >= 0 and len(before) < STACCATO_RUN:
            before = list(pst[k].sentence_lengths[-STACCATO_RUN:]) + before
            k -= 1
        before = before[-STACCATO_RUN:]
        i = lo
        after_new = 0
        while i < len(pst):
            if i >= lo + m and after_new >= STACCATO_RUN:
                break
            lengths = pst[i].sentence_lengths
            d, r = _order_contrib(lengths, before)
            o = self._order[i]
            self._diffs += d - o[0]
            self._runs += r - o[1]
            self._order[i] = (d, r)
            if i >= lo + m:
                after_new += len(lengths)
            before = (before + list(lengths[-STACCATO_RUN:]))[-STACCATO_RUN:]
            i += 1

    def _fix_mtld_forward(self, lo: int, m: int, removed: list[ChunkStats]) -> None:
        """Redo the forward pass from part ``lo`` until the carry entering a part after the new ones
        is what it was (``removed``: the parts the new ones replaced, for what the carry was)."""
        pst = self._pst
        carry = _tokens_before(_back_from(pst, lo - 1), self._mf_out[lo - 1]) if lo > 0 else ()
        i = lo
        while i < len(pst):
            if i >= lo + m and self._mf_in[i] == len(carry) and carry == _tokens_before(
                    _old_back_from(pst, i, lo, m, removed), len(carry)):
                break
            done, out = mtld_piece(pst[i], carry, True)
            self._mf_total += done - self._mf_done[i]
            self._mf_in[i], self._mf_out[i], self._mf_done[i] = len(carry), len(out), done
            carry = out
            i += 1

    def _fix_mtld_backward(self, lo: int, m: int, removed: list[ChunkStats]) -> None:
        """The backward pass, from the last new part down to where it re-synchronises."""
        pst = self._pst
        n = len(pst)
        carry = _tokens_after(_on_from(pst, lo + m), self._mb_out[lo + m]) if lo + m < n else ()
        i = lo + m - 1
        while i >= 0:
            if i < lo and self._mb_in[i] == len(carry) and carry == _tokens_after(
                    _old_on_from(pst, i, lo, m, removed), len(carry)):
                break
            done, out = mtld_piece(pst[i], carry, False)
            self._mb_total += done - self._mb_done[i]
            self._mb_in[i], self._mb_out[i], self._mb_done[i] = len(carry), len(out), done
            carry = out
            i -= 1

    def _fix_mattr(self, lo: int, m: int) -> None:
        pst = self._pst
        w = MATTR_WINDOW
        # earlier parts whose 49-token lookahead reaches into the changed parts
        first, between, k = lo, 0, lo - 1
        while k >= 0 and between < w - 1:
            first = k
            between += len(pst[k].tokens)
            k -= 1
        for i in range(first, lo + m):
            got = mattr_piece(pst[i], self._ahead(i + 1), w)
            self._ma_total += got - self._ma[i]
            self._ma[i] = got

    def _ahead(self, i: int) -> tuple:
        w1 = MATTR_WINDOW - 1
        out: list[str] = []
        pst = self._pst
        while i < len(pst) and len(out) < w1:
            out.extend(pst[i].tokens[:w1 - len(out)])
            i += 1
        return tuple(out)

    # -- the report ------------------------------------------------------------------------------
    def _report(self) -> VoiceReport:
        sums, marks = self._sums, self._marks
        n, words, s2, frags, longs, word_tells = self._info
        lengths = tuple(self._lengths)
        spans = Spans(self._sstart, self._send)
        tells = tuple(self._tells)
        chars, syll, em = sums["chars"], sums["syllables"], sums["em_dashes"]
        fw, hedges, fillers = sums["function_words"], sums["hedges"], sums["fillers"]
        contrasts, parts_ing, trans, register = (sums["contrasts"], sums["participles"], sums["transitions"],
                                                 sums["register"])
        lex = self._lexical(words)

        mean = sd = None
        burst = m_asd = None
        raw_sd = raw_masd = None
        if n:
            mean = words / n
            raw = math.sqrt(n * s2 - words * words) / n
            if n >= 2:
                raw_sd = raw
                raw_masd = (self._diffs / (n - 1)) / (words / n)
            if n >= MIN_SENTENCES and words >= MIN_RATE_WORDS:
                sd = raw
                burst = raw / mean
                m_asd = raw_masd
        total_marks = sum(marks)
        punct = dict(zip(CLASSES, marks, strict=True))
        fre = fkgl = None
        if n and words:
            wps = words / n
            spw = syll / words
            fre = 206.835 - 1.015 * wps - 84.6 * spw
            fkgl = 0.39 * wps + 11.8 * spw - 15.59

        features: dict[str, float | None] = {}
        if words:
            features = {
                "burstiness": (raw_sd / (words / n)) if raw_sd is not None else None,
                "masd": raw_masd,
                "fragment_rate": frags / n,
                "long_sentence_rate": longs / n,
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
                "clause_burstiness": _spread(sums["clauses"], sums["clause_words"], sums["clause_squares"]),
                "content_repeat_share": (sums["repeats"] / sums["content_words"]) if sums["content_words"] else None,
                "question_per_1000_words": 1000.0 * marks[2] / words,
                "exclamation_per_1000_words": 1000.0 * marks[3] / words,
            }
        enough = words >= MIN_RATE_WORDS and n >= MIN_SENTENCES
        likeness = machine_likeness(features) if enough else None
        spread = likeness_range(features, words) if likeness is not None else None
        why: tuple[tuple[str, str, float], ...] = ()
        if likeness is not None:
            pushes = contributions(features) or {}
            model = weights() or {}
            means = dict(zip(model.get("features", ()), model.get("mean", ()), strict=False))
            examples = [t.text for t in self._tells if t.kind in ("word", "phrase")]
            why = explain.reasons(pushes, features, means, examples)
        all_words = self._all_words
        left_out = dict(self._left)
        other = all_words - words - sum(left_out.values())
        if other > 0:
            left_out["links and markup"] = other

        def per_k(count: int) -> float | None:
            return 1000.0 * count / words if enough else None

        return VoiceReport(
            words=words,
            sentences=n,
            paragraphs=sums["paragraphs"],
            sentence_lengths=lengths,
            sentence_spans=spans,
            mean_sentence_length=mean,
            sentence_length_sd=sd,
            burstiness=burst,
            masd=m_asd,
            fragment_rate=(frags / n) if n else None,
            long_sentence_rate=(longs / n) if n else None,
            staccato_runs=per_k(self._runs),
            punctuation=punct,
            marks_per_1000_words=per_k(total_marks),
            punctuation_entropy=entropy(marks) if enough else None,
            em_dash_per_1000_words=per_k(em),
            comma_per_1000_words=per_k(marks[0]),
            mtld=lex[0] if words >= MIN_MTLD_TOKENS else None,
            mattr=lex[1] if words >= MIN_MATTR_TOKENS else None,
            hdd=lex[2] if words >= MIN_HDD_TOKENS else None,
            mean_word_length=chars / words if words else None,
            flesch_reading_ease=fre,
            flesch_kincaid_grade=fkgl,
            function_word_share=fw / words if words else None,
            tells=tells,
            tell_rate=per_k(len(tells)),
            comma_participle_rate=per_k(parts_ing),
            hedge_rate=per_k(hedges),
            filler_rate=per_k(fillers),
            machine_likeness=likeness,
            machine_likeness_range=spread,
            likeness_reasons=why,
            all_words=all_words,
            left_out=left_out,
            features=features,
        )

    def _lexical(self, words: int) -> tuple[float | None, float | None, float | None]:
        if not words:
            return None, None, None
        n = words
        pst = self._pst
        end_f = _tokens_before(_back_from(pst, len(pst) - 1), self._mf_out[-1]) if pst else ()
        end_b = _tokens_after(_on_from(pst, 0), self._mb_out[0]) if pst else ()
        fwd = mtld_final(self._mf_total, end_f)
        bwd = mtld_final(self._mb_total, end_b)
        mtld = ((n / fwd) + (n / bwd)) / 2
        w = MATTR_WINDOW
        if n < w:
            seen: set = set()
            for st in self._pst:
                seen.update(st.tokens)
            mattr = len(seen) / n
        else:
            mattr = self._ma_total / (w * (n - w + 1))
        hdd = hdd_from_frequencies(self._fof, n, HDD_SAMPLE) if n >= HDD_SAMPLE else None
        return mtld, mattr, hdd


def _back_from(pst: list[ChunkStats], i: int) -> Iterator[ChunkStats]:
    """Parts ``i``, ``i - 1`` … 0."""
    for k in range(i, -1, -1):
        yield pst[k]


def _on_from(pst: list[ChunkStats], i: int) -> Iterator[ChunkStats]:
    """Parts ``i``, ``i + 1`` … to the last."""
    for k in range(i, len(pst)):
        yield pst[k]


def _old_back_from(pst: list[ChunkStats], i: int, lo: int, m: int, removed: list[ChunkStats]) -> Iterator[ChunkStats]:
    """The parts before part ``i`` (``i >= lo + m``) as they were before parts ``lo`` … ``lo + m - 1``
    replaced ``removed``, nearest first."""
    for k in range(i - 1, lo + m - 1, -1):
        yield pst[k]
    yield from reversed(removed)
    yield from _back_from(pst, lo - 1)


def _old_on_from(pst: list[ChunkStats], i: int, lo: int, m: int, removed: list[ChunkStats]) -> Iterator[ChunkStats]:
    """The parts after part ``i`` (``i < lo``) as they were before the new ones replaced ``removed``."""
    for k in range(i + 1, lo):
        yield pst[k]
    yield from removed
    yield from _on_from(pst, lo + m)


def _tokens_before(parts: Iterator[ChunkStats], count: int) -> tuple[str, ...]:
    """The last ``count`` tokens of ``parts`` (given nearest first), in reading order: a forward carry."""
    pieces: list[tuple[str, ...]] = []
    need = count
    for st in parts:
        if need <= 0:
            break
        toks = st.tokens
        pieces.append(toks[max(len(toks) - need, 0):])
        need -= len(toks)
    return tuple(tok for piece in reversed(pieces) for tok in piece) if len(pieces) != 1 else pieces[0]


def _tokens_after(parts: Iterator[ChunkStats], count: int) -> tuple[str, ...]:
    """The first ``count`` tokens of ``parts``, last first: a backward carry (the backward pass reads
    the tokens in reverse)."""
    out: list[str] = []
    for st in parts:
        if len(out) >= count:
            break
        out.extend(st.tokens[:count - len(out)])
    out.reverse()
    return tuple(out)


def _spread(n: int, total: int, squares: int) -> float | None:
    """SD/mean of n values from their sum and sum of squares (integers, so exact), or None."""
    if n < 2 or total <= 0:
        return None
    return math.sqrt(max(n * squares - total * total, 0)) / total


def analyze(markdown_text: str, include_quotes: bool = False) -> VoiceReport:
    """Analyse a markdown text from scratch (block quotes measured only if ``include_quotes``)."""
    return VoiceEngine(include_quotes).update(markdown_text)
