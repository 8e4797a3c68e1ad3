"""Counts and dates in words a writer reads: "1 paragraph", "2 paragraphs", "1,204 words",
"9 Mar 2024", "9 Mar 2024, 14:05"."""

from __future__ import annotations

import datetime as _dt


def plural(count: int, one: str, many: str | None = None) -> str:
    """``count`` with the noun that agrees with it; ``many`` for irregular plurals."""
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def day_text(day: _dt.date) -> str:
    """A day as a writer reads it, "9 Mar 2024": one spelling everywhere (the history's table said
    "9 Mar", the versions and the trash "09 Mar"; its "2024-03-09" had read like a file name)."""
    return f"{day.day} {day:%b %Y}"


def moment_text(moment: _dt.datetime) -> str:
    """A moment as a writer reads it, "9 Mar 2024, 14:05"."""
    return f"{moment.day} {moment:%b %Y, %H:%M}"
