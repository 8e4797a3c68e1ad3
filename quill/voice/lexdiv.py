"""Document-level lexical diversity for the engine (first version: full recompute)."""

from __future__ import annotations

from quill.voice.chunk import ChunkStats
from quill.voice.lexical import hdd, mattr, mtld


class LexicalState:
    """Holds whatever lets MTLD, MATTR and HD-D be recomputed cheaply after an edit."""

    def compute(self, chunks: list[ChunkStats], words: int) -> tuple[float | None, ...]:
        if not words:
            return None, None, None
        toks: list[str] = []
        for st in chunks:
            toks.extend(st.tokens)
        return (
            mtld(toks) if len(toks) >= 100 else None,
            mattr(toks) if len(toks) >= 50 else None,
            hdd(toks) if len(toks) >= 42 else None,
        )
