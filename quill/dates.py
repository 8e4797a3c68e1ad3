"""One rule for dates typed on the command line: a day (2024-03-01) or a month (2024-03).

Why one module: `quill backlog --since` wanted a month and `quill stats --since` a day, and each
refused the other's form. A month means its first day as a start and its last day as an end.
"""

from __future__ import annotations

import calendar
import datetime as _dt


class BadDate(ValueError):
    pass


def parse_day_or_month(text: str, *, end: bool = False) -> _dt.date:
    """``YYYY-MM-DD`` or ``YYYY-MM`` (the month's first day, or its last when ``end``)."""
    value = text.strip()
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        pass
    try:
        month = _dt.datetime.strptime(value, "%Y-%m").date()
    except ValueError:
        raise BadDate(f"'{text}' is not a date like 2024-03-01 or a month like 2024-03") from None
    if end:
        return month.replace(day=calendar.monthrange(month.year, month.month)[1])
    return month
