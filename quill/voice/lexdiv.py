"""Document-level MTLD, MATTR and HD-D, recomputed incrementally after an edit.

Why: these need the whole token sequence, and a plain pass over 200k tokens costs more
than the ~100 ms an update may take. Each pass is split into per-chunk pieces whose
result depends only on the chunk's tokens and a small *context*, and the engine keeps each
piece's context and result:

- MTLD: a directional pass's state entering a chunk is the current segment's tokens (the
  "carry"); the piece returns the full factors completed inside the chunk and the carry
  out. After an edit the carries re-synchronise within a few segments, so only the edited
  chunk and a few neighbours are recomputed.
- MATTR: the windows starting in a chunk depend on the next 49 tokens (the "lookahead");
  the piece returns the integer sum of distinct types over those windows.
- HD-D: one frequency table over all tokens, summed through a frequency histogram.

All pieces are integers or token tuples, so the result is exactly what the plain
functions in :mod:`quill.voice.lexical` give on the concatenated tokens.
"""

from __future__ import annotations

from quill.voice.chunk import ChunkStats
from quill.voice.lexical import MATTR_WINDOW, MTLD_THRESHOLD, mtld_scan, window_type_sum


def mtld_piece(st: ChunkStats, carry: tuple, forward: bool) -> tuple[int, tuple]:
    """One chunk of an MTLD pass: (full factors completed inside it, carry out).

    Not memoised: the engine keeps each chunk's carries in and out itself, and a chunk whose carry
    in changed is seen with that same carry again only after an undo. A memo per chunk (its
    carries as keys, eight of them) was 1.5 MB of a 100,000-word piece's analysis (issue 20)."""
    done, out, _types = mtld_scan(carry, st.tokens if forward else st.tokens[::-1])
    return done, out


def mtld_final(full: int, carry: tuple) -> float:
    """The factor count of a pass from its full factors and the final carry (partial factor)."""
    factors = float(full)
    if carry:
        factors += (1 - len(set(carry)) / len(carry)) / (1 - MTLD_THRESHOLD)
    if factors == 0:
        factors = 1
    return factors


def mattr_piece(st: ChunkStats, ahead: tuple, w: int = MATTR_WINDOW) -> int:
    """Σ distinct types over the windows starting in this chunk (not memoised, see :func:`mtld_piece`:
    a chunk's lookahead changes with the text after it)."""
    return _window_sum(st.tokens, ahead, w)


def _window_sum(toks: tuple[str, ...], ahead: tuple, w: int) -> int:
    """Σ distinct types over the windows of width w that start inside ``toks``."""
    seq = list(toks) + list(ahead)
    return window_type_sum(seq, w, min(len(toks), len(seq) - w + 1))
