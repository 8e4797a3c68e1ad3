"""The writer's history: sessions added up by day, week, month or year, rates and trends,
pieces started and finished, and the voice of finished pieces over time. Pure Python.

* A period holds the sessions whose writing day (see :func:`quill.sessions.goals.day_of`)
  falls in it; weeks start on Monday.
* ``words per active hour`` is typed words added divided by active hours (pasted words excluded).
* Trends are least-squares lines over the periods (or pieces) shown.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from quill.sessions.goals import DEFAULT_DAY_START, day_of
from quill.sessions.store import DELETED_MARK, PieceSessionRow, SessionRow
from quill.sessions.words import Tally

BY = ("day", "week", "month", "year")
VOICE_METRICS = ("burstiness", "fragment_rate", "punctuation_entropy", "tell_rate", "machine_likeness")


def period_start(day: _dt.date, by: str) -> _dt.date:
    if by == "day":
        return day
    if by == "week":
        return day - _dt.timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    if by == "year":
        return day.replace(month=1, day=1)
    raise ValueError(f"unknown period {by!r}; use one of {', '.join(BY)}")


def next_period(start: _dt.date, by: str) -> _dt.date:
    if by == "day":
        return start + _dt.timedelta(days=1)
    if by == "week":
        return start + _dt.timedelta(days=7)
    if by == "month":
        return (start.replace(day=28) + _dt.timedelta(days=4)).replace(day=1)
    return start.replace(year=start.year + 1)


@dataclass
class Totals(Tally):
    sessions: int = 0
    active_minutes: float = 0.0

    def add_session(self, row: SessionRow | PieceSessionRow) -> None:
        self.sessions += 1
        self.active_minutes += row.active_seconds / 60.0
        self.add(row)

    @property
    def words_per_active_hour(self) -> float | None:
        return self.words_added / (self.active_minutes / 60.0) if self.active_minutes >= 1 else None

    def to_json(self) -> dict:
        rate = self.words_per_active_hour
        counts = self.counts()
        words = {k: v for k, v in counts.items() if k.startswith("words_")}
        chars = {k: v for k, v in counts.items() if k.startswith("chars_")}
        return {"sessions": self.sessions, "active_minutes": round(self.active_minutes, 2), **words,
                "net_words": self.net_words, **chars,
                "words_per_active_hour": None if rate is None else round(rate, 1)}


@dataclass
class Period(Totals):
    start: _dt.date = _dt.date(1970, 1, 1)

    def to_json(self) -> dict:
        data = super().to_json()
        data["start"] = self.start.isoformat()
        return data


def aggregate(rows: Iterable[SessionRow], by: str = "month", day_start_hour: int = DEFAULT_DAY_START,
              *, fill: bool = False) -> tuple[Totals, list[Period]]:
    """Totals and per-period sums, oldest first. ``fill`` adds empty periods between (for charts)."""
    totals = Totals()
    periods: dict[_dt.date, Period] = {}
    for row in rows:
        start = period_start(day_of(row.start, row.utc_offset, day_start_hour), by)
        period = periods.get(start)
        if period is None:
            period = periods[start] = Period(start=start)
        period.add_session(row)
        totals.add_session(row)
    ordered = [periods[k] for k in sorted(periods)]
    if fill and ordered:
        filled, cursor = [], ordered[0].start
        for period in ordered:
            while cursor < period.start:
                filled.append(Period(start=cursor))
                cursor = next_period(cursor, by)
            filled.append(period)
            cursor = next_period(period.start, by)
        ordered = filled
    return totals, ordered


def trend(xs: Sequence[float], ys: Sequence[float | None]) -> tuple[float, float] | None:
    """Least-squares (slope, intercept) over the points with a value; None with fewer than 2."""
    pts = [(x, y) for x, y in zip(xs, ys, strict=False) if y is not None]
    if len(pts) < 2:
        return None
    n = len(pts)
    mx = sum(p[0] for p in pts) / n
    my = sum(p[1] for p in pts) / n
    sxx = sum((p[0] - mx) ** 2 for p in pts)
    if sxx == 0:
        return None
    slope = sum((p[0] - mx) * (p[1] - my) for p in pts) / sxx
    return slope, my - slope * mx


# -- pieces -------------------------------------------------------------------------------------
@dataclass
class PieceHistory:
    piece: str
    title: str
    totals: Totals = field(default_factory=Totals)
    first_day: _dt.date | None = None
    last_day: _dt.date | None = None
    session_ids: list[int] = field(default_factory=list)


def pieces_history(rows: Iterable[PieceSessionRow], offsets: dict[int, int],
                   day_start_hour: int = DEFAULT_DAY_START) -> dict[str, PieceHistory]:
    """Per piece: its sessions, time and words, first and last writing day. ``offsets`` maps
    session id to that session's UTC offset."""
    found: dict[str, PieceHistory] = {}
    for row in rows:
        hist = found.get(row.piece)
        path, deleted, _when = row.piece.partition(DELETED_MARK)
        if hist is None:
            hist = found[row.piece] = PieceHistory(row.piece, row.title or Path(path).stem or "New draft")
        elif row.title:
            hist.title = row.title
        if deleted and not hist.title.endswith(" (deleted)"):
            hist.title += " (deleted)"
        hist.totals.add_session(row)
        hist.session_ids.append(row.session_id)
        day = day_of(row.start, offsets.get(row.session_id, 0), day_start_hour)
        if hist.first_day is None or day < hist.first_day:
            hist.first_day = day
        if hist.last_day is None or day > hist.last_day:
            hist.last_day = day
    return found


def retitle(pieces: dict[str, PieceHistory], known: Mapping[str, str] | None = None) -> None:
    """Name each piece by its title as it stands now: the library's title (``known`` maps path to
    title), else the one its file gives (front-matter ``title`` or first heading).

    A piece whose file is gone, or that was deleted, keeps the title recorded with its sessions
    (never the title of another piece that took its file name since). Sessions recorded before
    Quill kept titles hold the file's name there; that is still the best name left for them."""
    from quill.library.piece import read_title

    known = known or {}
    for key, hist in pieces.items():
        path, deleted, _when = key.partition(DELETED_MARK)
        if not path or deleted:
            continue
        title = known.get(path) or read_title(Path(path))
        if title:
            hist.title = title


@dataclass(frozen=True)
class FinishedPiece:
    path: str
    title: str
    finished: _dt.date
    metrics: dict[str, float | None] = field(default_factory=dict)


def started_finished_by_month(pieces: dict[str, PieceHistory], finished: Iterable[FinishedPiece],
                              created: Mapping[str, _dt.date] | None = None
                              ) -> tuple[dict[_dt.date, int], dict[_dt.date, int]]:
    """Pieces started and finished, counted by month. A piece is started at its first session, or
    at the ``created`` date its front matter gives (path -> date) when that is earlier: an imported
    archive's pieces, first opened in Quill today, were all counted as started this month (a review)."""
    created = created or {}
    started: dict[_dt.date, int] = {}
    for key, hist in pieces.items():
        if hist.first_day is not None:
            began = created.get(key)
            if isinstance(began, _dt.datetime):
                began = began.date()  # a front matter's time of day: the day is what counts here
            month = (min(began, hist.first_day) if began is not None else hist.first_day).replace(day=1)
            started[month] = started.get(month, 0) + 1
    done: dict[_dt.date, int] = {}
    for piece in finished:
        month = piece.finished.replace(day=1)
        done[month] = done.get(month, 0) + 1
    return started, done


def days_to_finish(pieces: dict[str, PieceHistory], finished: Iterable[FinishedPiece]
                   ) -> list[tuple[FinishedPiece, int]]:
    """For each finished piece with recorded sessions: days from its first session to its finished date."""
    out = []
    for piece in finished:
        hist = pieces.get(piece.path)
        if hist is not None and hist.first_day is not None:
            out.append((piece, max((piece.finished - hist.first_day).days, 0)))
    return out


# -- finished pieces and their voice ---------------------------------------------------------------
def finished_pieces(library_dir: Path, dirs=None, *, with_voice: bool = True,  # noqa: ANN001
                    cache: dict | None = None) -> list[FinishedPiece]:
    """Every finished piece in the library (the library's rule: :meth:`Library.backlog`), oldest
    first, with its voice metrics.

    ``cache`` maps ``path -> (mtime_ns, size, metrics)`` so unchanged pieces are not analysed twice.
    """
    from quill.library import finished_pieces as library_finished

    out = []
    for piece in library_finished(Path(library_dir), dirs):
        metrics: dict[str, float | None] = {}
        if with_voice:
            metrics = _voice_metrics(piece.path, cache)
        out.append(FinishedPiece(str(piece.path), piece.title, piece.finished_day, metrics))
    return out


def _voice_metrics(path: Path, cache: dict | None) -> dict[str, float | None]:
    try:
        st = path.stat()
    except OSError:
        return {}
    from quill.voice import ANALYSIS_VERSION

    key = f"v{ANALYSIS_VERSION}:{path}"
    if cache is not None and key in cache and tuple(cache[key][:2]) == (st.st_mtime_ns, st.st_size):
        return dict(cache[key][2])
    from quill.voice import analyze
    from quill.voice.profile import piece_text

    text = piece_text(path)  # by the editor's rule: a UTF-16 piece is words, not NULs and letters
    if text is None:
        return {}
    try:
        report = analyze(text)
    except Exception:  # noqa: BLE001 - one odd file must not hide the rest of the history
        return {}
    metrics = {name: _float_or_none(getattr(report, name, None)) for name in VOICE_METRICS}
    if cache is not None:
        cache[key] = [st.st_mtime_ns, st.st_size, metrics]
    return metrics


def _float_or_none(value: object) -> float | None:
    try:
        return None if value is None else float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
