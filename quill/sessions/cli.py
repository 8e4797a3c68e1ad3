"""``quill stats``: the writing history on the command line. Never imports Qt.

    quill stats [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--by day|week|month|year] [--json]
    quill stats --pieces [--since ...] [--until ...] [--json]
    quill stats --export sessions.csv

``--json`` prints one object::

    {
      "by": "month", "since": "2024-01-01" | null, "until": null, "day_start_hour": 4,
      "totals":  {"sessions", "active_minutes", "words_added", "words_deleted", "words_pasted",
                  "net_words", "chars_added", "chars_deleted", "chars_pasted", "words_per_active_hour"},
      "periods": [ {"start": "2024-01-01", ...the same fields as totals...}, ... ]   # oldest first
    }

``--pieces`` lists the pieces written in instead, most recently written first, each by its title
(the file's front-matter ``title`` or first heading as it stands now; a deleted or vanished piece by
the title recorded with its sessions); with ``--json`` a list of ``{"title", "path", "deleted",
"first_day", "last_day", ...the same fields as totals...}``.

Periods with no session are left out. ``words_added`` counts typed words only; pasted words are
in ``words_pasted``; ``net_words = words_added + words_pasted - words_deleted``. A session counts
wholly to the writing day it started in (local time, day start from the daily-goal settings).
The table (without ``--json``) ends with the characters typed. ``--export`` writes every session,
one row each (times in local ISO 8601 with offset).
"""

from __future__ import annotations

import argparse
import csv
import datetime as _dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from quill.sessions.goals import GoalSettings
from quill.sessions.history import BY, aggregate, pieces_history, retitle
from quill.sessions.store import DELETED_MARK, FILE_NAME, SessionRow, SessionStore
from quill.wording import plural


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="quill stats", description="Your writing sessions: output, time and rate.")
    parser.add_argument("--since", metavar="YYYY-MM[-DD]", help="only writing days from this day (or month) on")
    parser.add_argument("--until", metavar="YYYY-MM[-DD]", help="only writing days before this date")
    parser.add_argument("--by", choices=BY, default="month", help="period to add up by (default: month)")
    parser.add_argument("--json", action="store_true", help="print the documented JSON object")
    parser.add_argument("--pieces", action="store_true", help="list the pieces written in, by title")
    parser.add_argument("--export", metavar="FILE.csv", help="write every session as one CSV row")
    return parser


def _date(text: str | None, parser: argparse.ArgumentParser, flag: str) -> _dt.date | None:
    from quill.dates import BadDate, parse_day_or_month

    if not text:
        return None
    try:
        return parse_day_or_month(text, end=flag == "--until")
    except BadDate as exc:
        parser.error(f"{flag}: {exc}")
    return None


def _local(wall: float, offset: int) -> str:
    return _dt.datetime.fromtimestamp(wall, _dt.timezone(_dt.timedelta(seconds=offset))).isoformat(timespec="seconds")


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] == "stats":
        args_list = args_list[1:]
    parser = build_parser()
    args = parser.parse_args(args_list)
    since = _date(args.since, parser, "--since")
    until = _date(args.until, parser, "--until")

    from quill.paths import app_dirs

    path = app_dirs().data / FILE_NAME
    if path.exists():
        store = SessionStore(path)
        if store.notice:
            print(f"quill: {store.notice}", file=sys.stderr)
    else:
        store = SessionStore(None)  # nothing recorded yet: report zeros, create nothing
    try:
        settings = GoalSettings.load(store)
        rows = store.sessions()
        piece_rows = store.piece_sessions() if args.pieces else []
    finally:
        store.close()
    rows = _between(rows, since, until, settings.day_start_hour)

    if args.export:
        return _export(Path(args.export), rows)
    if args.pieces:
        return _pieces(rows, piece_rows, settings.day_start_hour, args.json, bool(since or until))
    totals, periods = aggregate(rows, args.by, settings.day_start_hour)
    if args.json:
        print(json.dumps({
            "by": args.by, "since": args.since, "until": args.until, "day_start_hour": settings.day_start_hour,
            "totals": totals.to_json(), "periods": [p.to_json() for p in periods],
        }, indent=2))
        return 0
    if not rows:
        print("No writing sessions recorded" + (" in that range." if since or until else " yet."))
        return 0
    print(f"{'period':<12}{'sessions':>9}{'active':>10}{'typed':>9}{'deleted':>9}{'pasted':>9}{'net':>9}"
          f"{'words/h':>9}{'chars typed':>13}")
    for p in [*periods, None]:
        item = totals if p is None else p
        label = "total" if p is None else _label(p.start, args.by)
        rate = item.words_per_active_hour
        if p is None:
            print("-" * 89)
        print(f"{label:<12}{item.sessions:>9,}{_hm(item.active_minutes):>10}{item.words_added:>9,}"
              f"{item.words_deleted:>9,}{item.words_pasted:>9,}{item.net_words:>+9,}"
              f"{'' if rate is None else f'{rate:,.0f}':>9}{item.chars_added:>13,}")
    return 0


def _pieces(rows: list[SessionRow], piece_rows: list, hour: int, as_json: bool, ranged: bool) -> int:
    """Each piece written in (within the sessions kept), by its title, the latest written first."""
    kept = {r.id: r.utc_offset for r in rows}
    found = pieces_history([p for p in piece_rows if p.session_id in kept], kept, hour)
    retitle(found)
    ordered = sorted(found.values(), key=lambda h: (h.last_day or _dt.date.min, h.title), reverse=True)
    if as_json:
        print(json.dumps([{"title": h.title, "path": h.piece.partition(DELETED_MARK)[0] or None,
                           "deleted": DELETED_MARK in h.piece,
                           "first_day": h.first_day.isoformat() if h.first_day else None,
                           "last_day": h.last_day.isoformat() if h.last_day else None,
                           **h.totals.to_json()} for h in ordered], indent=2))
        return 0
    if not ordered:
        print("No writing sessions recorded" + (" in that range." if ranged else " yet."))
        return 0
    width = min(max(len(h.title) for h in ordered), 48)
    print(f"{'piece':<{width}}{'sessions':>10}{'active':>10}{'typed':>9}{'net':>9}  {'first':<11}{'last':<10}")
    for h in ordered:
        title = h.title if len(h.title) <= width else h.title[:width - 1] + "…"
        t = h.totals
        print(f"{title:<{width}}{t.sessions:>10,}{_hm(t.active_minutes):>10}{t.words_added:>9,}{t.net_words:>+9,}"
              f"  {h.first_day.isoformat() if h.first_day else '':<11}{h.last_day.isoformat() if h.last_day else ''}")
    return 0


def _between(rows: list[SessionRow], since: _dt.date | None, until: _dt.date | None, hour: int) -> list[SessionRow]:
    if since is None and until is None:
        return rows
    from quill.sessions.goals import day_of

    return [r for r in rows if (since is None or day_of(r.start, r.utc_offset, hour) >= since)
            and (until is None or day_of(r.start, r.utc_offset, hour) < until)]


def _label(start: _dt.date, by: str) -> str:
    if by == "year":
        return str(start.year)
    if by == "month":
        return start.strftime("%Y-%m")
    if by == "week":
        return f"{start.isocalendar()[0]}-W{start.isocalendar()[1]:02d}"
    return start.isoformat()


def _hm(minutes: float) -> str:
    m = int(round(minutes))
    return f"{m // 60}h{m % 60:02d}" if m >= 60 else f"{m}m"


def _export(target: Path, rows: list[SessionRow]) -> int:
    fields = ["id", "start", "end", "active_minutes", "words_added", "words_deleted", "words_pasted", "net_words",
              "chars_added", "chars_deleted", "chars_pasted"]
    try:
        with target.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(fields)
            for r in rows:
                writer.writerow([r.id, _local(r.start, r.utc_offset), _local(r.end, r.utc_offset),
                                 round(r.active_seconds / 60.0, 2), r.words_added, r.words_deleted, r.words_pasted,
                                 r.net_words, r.chars_added, r.chars_deleted, r.chars_pasted])
    except OSError as exc:
        print(f"quill: could not write {target}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"Wrote {plural(len(rows), 'session')} to {target}")
    return 0
