"""Document-level MTLD, MATTR and HD-D, recomputed incrementally after an edit.

Why: these need the whole token sequence, and a plain pass over 200k tokens costs more
than the ~100 ms an update may take. Each pass is split into per-chunk pieces whose
result depends only on the chunk's tokens and a small *context*, and pieces are memoised
on the chunk (keyed by that context):

- MTLD: a directional pass's state entering a chunk is the current segment's tokens (the
  "carry"); the piece returns the full factors completed inside the chunk and the carry
  out. After an edit the carries re-synchronise within a few segments, so only the edited
  chunk and a few neighbours are recomputed.
- MATTR: the windows starting in a chunk depend on the next 49 tokens (the "lookahead");
  the piece returns the integer sum of distinct types over those windows.
- HD-D: one Counter over all tokens, summed through a frequency histogram.

All pieces are integers or token tuples, so the result is exactly what the plain
functions in :mod:`quill.voice.lexical` give on the concatenated tokens.
"""

from __future__ import annotations

from collections import Counter

from quill.voice.chunk import ChunkStats
from quill.voice.lexical import (
    HDD_SAMPLE,
    MATTR_WINDOW,
    MTLD_THRESHOLD,
    hdd_from_frequencies,
    mtld_scan,
    window_type_sum,
)

#: carries longer than this are not used as memo keys (hashing them would cost too much)
_MAX_KEY = 1000
#: contexts remembered per chunk; older ones are dropped so long sessions do not grow memory
_MAX_CONTEXTS = 8


class LexicalState:
    """Stateless apart from the memos on the chunks; kept as an object for future state."""

    def compute(self, chunks: list[ChunkStats], words: int) -> tuple[float | None, ...]:
        if not words:
            return None, None, None
        n = words
        fwd = _mtld_direction(chunks, forward=True)
        bwd = _mtld_direction(chunks, forward=False)
        mtld = ((n / fwd) + (n / bwd)) / 2 if n >= 1 else None
        mattr = _mattr(chunks, n)
        hdd = _hdd(chunks, n) if n >= HDD_SAMPLE else None
        return mtld, mattr, hdd


def _mtld_direction(chunks: list[ChunkStats], forward: bool) -> float:
    """The factor count of one MTLD pass (full factors + the partial final factor)."""
    tag = "mf" if forward else "mb"
    order = chunks if forward else chunks[::-1]
    full = 0
    carry: tuple = ()
    live_types: set | None = None  # the live segment state when the previous piece was computed
    for st in order:
        memo = st.memo.get(tag)
        if memo is None:
            memo = st.memo[tag] = {}
        hit = memo.get(carry) if len(carry) <= _MAX_KEY else None
        if hit is not None:
            full += hit[0]
            carry = hit[1]
            live_types = None
            continue
        done, out, types = mtld_scan(carry, st.tokens if forward else st.tokens[::-1], live_types)
        if len(carry) <= _MAX_KEY:
            if len(memo) >= _MAX_CONTEXTS:
                memo.clear()
            memo[carry] = (done, out)
        full += done
        carry = out
        live_types = types
    return mtld_final(full, carry)


def _mattr(chunks: list[ChunkStats], n: int) -> float | None:
    w = MATTR_WINDOW
    if n < w:
        seen: set = set()
        for st in chunks:
            seen.update(st.tokens)
        return len(seen) / n
    # lookahead (next w-1 tokens) for each chunk, built back to front
    aheads: list[tuple] = [()] * len(chunks)
    ahead: tuple = ()
    for i in range(len(chunks) - 1, -1, -1):
        aheads[i] = ahead
        toks = chunks[i].tokens
        ahead = tuple(toks[:w - 1]) if len(toks) >= w - 1 else (tuple(toks) + ahead)[:w - 1]
    total = sum(mattr_piece(st, ahead, w) for st, ahead in zip(chunks, aheads, strict=True))
    return total / (w * (n - w + 1))


def _window_sum(toks: list[str], ahead: tuple, w: int) -> int:
    """Σ distinct types over the windows of width w that start inside ``toks``."""
    seq = list(toks) + list(ahead)
    return window_type_sum(seq, w, min(len(toks), len(seq) - w + 1))


def _hdd(chunks: list[ChunkStats], n: int) -> float:
    counter: Counter = Counter()
    for st in chunks:
        counter.update(st.tokens)
    fof: dict[int, int] = {}
    for c in counter.values():
        fof[c] = fof.get(c, 0) + 1
    return hdd_from_frequencies(fof, n, HDD_SAMPLE)


def mtld_piece(st: ChunkStats, carry: tuple, forward: bool) -> tuple[int, tuple]:
    """One chunk of an MTLD pass: (full factors completed inside it, carry out), memoised."""
    tag = "mf" if forward else "mb"
    memo = st.memo.get(tag)
    if memo is None:
        memo = st.memo[tag] = {}
    keyed = len(carry) <= _MAX_KEY
    if keyed:
        hit = memo.get(carry)
        if hit is not None:
            return hit
    done, out, _types = mtld_scan(carry, st.tokens if forward else st.tokens[::-1])
    result = (done, out)
    if keyed:
        if len(memo) >= _MAX_CONTEXTS:
            memo.clear()
        memo[carry] = result
    return result


def mtld_final(full: int, carry: tuple) -> float:
    """The factor count of a pass from its full factors and the final carry (partial factor)."""
    factors = float(full)
    if carry:
        factors += (1 - len(set(carry)) / len(carry)) / (1 - MTLD_THRESHOLD)
    if factors == 0:
        factors = 1
    return factors


def mattr_piece(st: ChunkStats, ahead: tuple, w: int = MATTR_WINDOW) -> int:
    """Σ distinct types over the windows starting in this chunk, memoised on the lookahead."""
    memo = st.memo.get("ma")
    if memo is None:
        memo = st.memo["ma"] = {}
    got = memo.get(ahead)
    if got is None:
        if len(memo) >= _MAX_CONTEXTS:
            memo.clear()
        got = memo[ahead] = _window_sum(st.tokens, ahead, w)
    return got
