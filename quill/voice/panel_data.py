"""What the panel shows, computed off the GUI thread from a text snapshot (Qt-free).

The worker keeps one :class:`VoiceEngine` for the piece and one for the section, so an
update re-analyses only what changed, and turns a report into :class:`PanelData`: plain
numbers the widgets feed straight into long-lived chart items.
"""

from __future__ import annotations

import math
import re
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from quill.voice import VoiceEngine, VoiceReport
from quill.voice.profile import WriterProfile, histogram_of_counts
from quill.voice.rhythm import FRAGMENT_MAX, LONG_MIN

STRIP_SENTENCES = 40
STRIP_AFTER = 6  # sentences shown after the current one, when there are some
ROLLING_WINDOW = 20  # sentences per rolling burstiness value
ROLLING_POINTS = 60
FLAT_CV = 0.25  # below the human p10 of burstiness (0.24–0.25): even, lulling rhythm
FLAT_POINTS = 15  # … for this many consecutive window positions (~35 sentences)
HABIT_ROWS = 60  # habits listed, most frequent first
MARK_REACH = 6000  # habits underlined this many characters either side of the cursor …
MARK_LIMIT = 400  # … at most this many

_HEADING = re.compile(r"#{1,6}(?:[ \t\r]|$)", re.MULTILINE)  # an empty "#" line is a heading too


@dataclass
class PanelData:
    scope: str
    scope_title: str
    offset: int  # where the scope starts in the document (report spans are relative to it)
    report: VoiceReport
    comparisons: dict
    profile_pieces: int
    strip_lengths: list[int] = field(default_factory=list)
    strip_spans: list[tuple[int, int]] = field(default_factory=list)  # absolute document offsets
    current: int | None = None  # index into the strip
    rolling: list[float] = field(default_factory=list)
    flattening: bool = False
    histogram: list[float] = field(default_factory=list)
    # (text, kind, absolute starts) per habit, most frequent first: grouped here, off the GUI
    # thread, since a long book has thousands of tells and the list shows sixty rows
    habits: list[tuple[str, str, tuple[int, ...]]] = field(default_factory=list)
    marks: list[tuple[int, int]] = field(default_factory=list)  # absolute spans of tells near the cursor
    seconds: float = 0.0  # analysis time, for the benchmark
    #: the analysis only followed edits (not a whole piece read afresh): its cost is typing's cost
    incremental: bool = True
    text_length: int = 0  # length of the document snapshot analysed
    #: cursor positions (absolute, inclusive) for which these data would be exactly the same, or None:
    #: the controller does not refresh for a cursor move inside it
    cursor_range: tuple[int, int] | None = None


def section_bounds(text: str, cursor: int) -> tuple[int, int, str]:
    """The heading section around ``cursor``: (start, end, heading title or "")."""
    cursor = max(0, min(cursor, len(text)))
    start = 0
    # A heading line starting exactly at the cursor is the cursor's own section: the search takes
    # in the line break just before it (the cursor at the start of "# Two" is in Two, not One).
    pos = cursor + 1
    while True:
        found = text.rfind("\n#", 0, pos)
        if found < 0:
            break
        if _HEADING.match(text, found + 1):
            start = found + 1
            break
        pos = found + 1  # "\n#" ending before found + 1: the next candidate up
    end = len(text)
    pos = cursor
    while True:
        found = text.find("\n#", pos)
        if found < 0:
            break
        if _HEADING.match(text, found + 1) and found + 1 > cursor:
            end = found + 1
            break
        pos = found + 1
    title = ""
    if _HEADING.match(text, start):
        line_end = text.find("\n", start)
        title = text[start:line_end if line_end >= 0 else len(text)].lstrip("#").strip()
    return start, end, title


def rolling_cv(lengths: Sequence[int], first: int, stop: int, window: int = ROLLING_WINDOW) -> list[float]:
    """Burstiness (spread over mean) of ``lengths[i - window:i]`` for i in range(first, stop).

    ``first`` is at least ``window``. Windows whose lengths are all zero have no value. Kept as
    running integer sums: sixty windows of twenty sentences, each summed afresh, were a tenth of
    a refresh.
    """
    lo = first - window
    s1, s2 = [0], [0]
    for x in lengths[lo:min(stop, len(lengths) + 1) - 1]:
        s1.append(s1[-1] + x)
        s2.append(s2[-1] + x * x)
    out = []
    for b in range(window, len(s1)):
        total = s1[b] - s1[b - window]
        if total:
            spread = window * (s2[b] - s2[b - window]) - total * total  # n²·variance, exact in integers
            out.append(math.sqrt(max(spread, 0)) / total)
    return out


class PanelAnalyzer:
    """One per open panel; used from the worker thread only."""

    def __init__(self, include_quotes: bool = False) -> None:
        self.include_quotes = include_quotes
        self.piece = VoiceEngine(include_quotes)
        self.section = VoiceEngine(include_quotes)
        #: (text, report, sentences per length) of the piece from a saved analysis (panel_cache),
        #: used instead of the engine while the text is exactly that text
        self._adopted: tuple[str, VoiceReport, dict[int, int]] | None = None
        #: the piece's latest (text, report, sentences per length), whichever way it was obtained
        self.last_piece: tuple[str, VoiceReport, dict[int, int]] | None = None
        self.analysed = False  # the last compute() ran the piece engine on a text it had not seen

    @property
    def piece_cold(self) -> bool:
        """True when the piece engine holds no text yet (its next update analyses everything)."""
        return not self.piece._text  # noqa: SLF001 - None (nothing analysed) or an empty page

    def adopt(self, text: str, report: VoiceReport, length_counts: dict[int, int]) -> None:
        """Take a saved analysis of exactly ``text`` as the piece's, without analysing it. The engine
        is left as it is: the first text that differs is analysed by it in full (so figures after
        an edit are always the engine's own)."""
        self._adopted = (text, report, length_counts)

    def compute(self, text: str, cursor: int, scope: str, profile: WriterProfile) -> PanelData:
        offset, title = 0, ""
        self.analysed = False
        if scope == "section":
            start, end, title = section_bounds(text, cursor)
            offset = start
            engine = self.section
            report = engine.update(text[start:end])
            counts = engine.sentence_length_counts()
            title = title or "(before the first heading)"
        elif self._adopted is not None and self._adopted[0] == text:
            _, report, counts = self._adopted
            self.last_piece = self._adopted
        else:
            self._adopted = None
            engine = self.piece
            before = engine._last  # noqa: SLF001 - to tell an unchanged text from a new analysis
            report = engine.update(text)
            counts = engine.sentence_length_counts()
            self.analysed = report is not before
            self.last_piece = (text, report, counts)
        data = PanelData(scope, title, offset, report, profile.baseline.compare(report), profile.pieces)
        lengths = report.sentence_lengths
        spans = report.sentence_spans
        n = len(lengths)
        if n:
            rel = cursor - offset
            cur = bisect_right(spans, rel, key=lambda s: s[0]) - 1
            cur = max(0, min(cur, n - 1))
            hi = min(n, cur + 1 + STRIP_AFTER)
            lo = max(0, hi - STRIP_SENTENCES)
            hi = min(n, lo + STRIP_SENTENCES)
            data.strip_lengths = list(lengths[lo:hi])
            data.strip_spans = [(s + offset, e + offset) for s, e in spans[lo:hi]]
            data.current = cur - lo
            data.rolling = rolling_cv(lengths, max(ROLLING_WINDOW, cur + 1 - ROLLING_POINTS + 1), cur + 2)
            tail = data.rolling[-FLAT_POINTS:]
            data.flattening = len(tail) == FLAT_POINTS and max(tail) < FLAT_CV
        data.histogram = histogram_of_counts(counts)
        data.habits = habit_rows(report.tells, offset)
        data.marks = marks_near(report.tells, cursor - offset, offset)
        if scope != "section":  # a section's bounds move with the cursor too
            lo, hi = _sentence_range(spans, cursor)
            m_lo, m_hi = marks_range(report.tells, cursor, len(data.marks) >= MARK_LIMIT)
            data.cursor_range = (max(lo, m_lo), min(hi, m_hi))
        return data


def habit_rows(tells: Sequence, offset: int, limit: int = HABIT_ROWS) -> list[tuple[str, str, tuple[int, ...]]]:
    """Tells grouped by what they are, case-blind ("Moreover" and "moreover" are one habit),
    most frequent first; ties keep the order of first use. A row shows the lowercase form."""
    starts: dict[tuple[str, str], list[int]] = {}
    for t in tells:
        key = (t.text.casefold(), t.kind)
        got = starts.get(key)
        if got is None:
            starts[key] = [t.start + offset]
        else:
            got.append(t.start + offset)
    ranked = sorted(starts.items(), key=lambda kv: -len(kv[1]))[:limit]  # stable: ties keep first use
    return [(text, kind, tuple(found)) for (text, kind), found in ranked]


def _sentence_range(spans: Sequence[tuple[int, int]], cursor: int) -> tuple[int, int]:
    """The cursor positions that pick the same current sentence as ``cursor`` (see compute())."""
    n = len(spans)
    if not n:
        return -sys.maxsize, sys.maxsize
    cur = max(0, min(bisect_right(spans, cursor, key=lambda s: s[0]) - 1, n - 1))
    lo = spans[cur][0] if cur > 0 else -sys.maxsize
    hi = spans[cur + 1][0] - 1 if cur + 1 < n else sys.maxsize
    return lo, hi


def marks_range(tells: Sequence, cursor: int, full: bool) -> tuple[int, int]:
    """The cursor positions for which :func:`marks_near` gives the same tells as at ``cursor``.

    A tell is near while ``start - MARK_REACH < cursor < start + MARK_REACH``. When the list was cut
    at MARK_LIMIT, only ``cursor`` itself."""
    if full:
        return cursor, cursor
    r = MARK_REACH
    key = (lambda t: t.start)  # noqa: E731
    # A tell is near when cursor >= start - r + 1 and not when cursor >= start + r: the set changes
    # only where the cursor reaches one of those thresholds. The range runs from the highest
    # threshold at or below the cursor to just before the lowest one above it.
    lo, hi = -sys.maxsize, sys.maxsize
    i = bisect_left(tells, cursor + r, key=key)  # tells[:i]: start - r + 1 <= cursor
    if i:
        lo = max(lo, tells[i - 1].start - r + 1)
    if i < len(tells):
        hi = min(hi, tells[i].start - r)
    j = bisect_right(tells, cursor - r, key=key)  # tells[:j]: start + r <= cursor
    if j:
        lo = max(lo, tells[j - 1].start + r)
    if j < len(tells):
        hi = min(hi, tells[j].start + r - 1)
    return lo, hi


def marks_near(tells: Sequence, cursor: int, offset: int) -> list[tuple[int, int]]:
    """Absolute spans of the tells within MARK_REACH of ``cursor`` (scope-relative), at most MARK_LIMIT."""
    lo = bisect_right(tells, cursor - MARK_REACH, key=lambda t: t.start)
    out = []
    for t in tells[lo:]:
        if t.start - cursor >= MARK_REACH or len(out) >= MARK_LIMIT:
            break
        out.append((t.start + offset, t.end + offset))
    return out


__all__ = ["FRAGMENT_MAX", "LONG_MIN", "PanelAnalyzer", "PanelData", "habit_rows", "marks_near", "marks_range",
           "section_bounds"]
