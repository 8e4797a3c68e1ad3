"""Dates read one way everywhere, on every platform: "9 Mar 2024", never "09 Mar", and never
through strftime's "%-d", which only glibc knows (Windows raises on it)."""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path

from quill.wording import day_text, moment_text

QUILL = Path(__file__).resolve().parents[2] / "quill"


def test_a_day_and_a_moment_as_a_writer_reads_them() -> None:
    assert day_text(_dt.date(2024, 3, 9)) == "9 Mar 2024"
    assert day_text(_dt.datetime(2024, 12, 25, 8, 0)) == "25 Dec 2024"
    assert moment_text(_dt.datetime(2024, 3, 9, 14, 5)) == "9 Mar 2024, 14:05"


def test_no_date_format_only_glibc_understands() -> None:
    """A "%-d" (or any "%-" directive) in Quill's code, outside a comment, would fail on Windows."""
    found = []
    for path in sorted(QUILL.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if re.search(r"%-[a-zA-Z]", code):
                found.append(f"{path.relative_to(QUILL.parent)}:{number}: {line.strip()}")
    assert not found, found
