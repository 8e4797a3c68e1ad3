"""Counts in words a writer reads: "1 paragraph", "2 paragraphs", "1,204 words"."""

from __future__ import annotations


def plural(count: int, one: str, many: str | None = None) -> str:
    """``count`` with the noun that agrees with it; ``many`` for irregular plurals."""
    return f"{count:,} {one if count == 1 else (many or one + 's')}"
