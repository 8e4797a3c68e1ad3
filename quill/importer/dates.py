"""Dates as the platforms write them (ISO with a Z, RFC 2822 in RSS, plain days)."""

from __future__ import annotations

import datetime as _dt
import email.utils
import re

_FILE_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def parse_when(text: str) -> _dt.date | _dt.datetime | None:
    """A date or datetime from ``text``, or None when it holds none. Time zones are kept."""
    text = (text or "").strip()
    if not text or text.startswith("0000-00-00"):
        return None
    try:
        return _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    try:
        return _dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def as_date(value: object) -> _dt.date | None:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        when = parse_when(value)
        return as_date(when) if when is not None else None
    return None


def date_in_name(name: str) -> _dt.date | None:
    """``2024-05-01`` in a file name (Jekyll's ``_posts/2024-05-01-slug.md``)."""
    match = _FILE_DATE.search(name)
    if not match:
        return None
    try:
        return _dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
