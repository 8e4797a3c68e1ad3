"""Reading and changing a ``+++`` (TOML) front-matter block, as Hugo and Zola writers keep it.

Quill writes a few keys of its own into a piece's front matter (``lang``, ``spelling-ignore``).
Into a TOML block they must go as TOML: a YAML block put above it pushed the writer's metadata
down into the body, where the preview and every export printed it. Reading uses the standard
library's ``tomllib``; changing rewrites only the lines of the keys changed, keeping every other
line (comments, tables, the writer's layout) as it was.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Sequence
from typing import Any

TOML_FENCE = "+++"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _inner(block: str) -> tuple[list[str], str]:
    """The block's lines between its fences, and the line break it uses."""
    newline = m.group() if (m := _LINE_BREAK.search(block)) else "\n"
    lines = _LINE_BREAK.split(block.rstrip("\r\n"))
    return lines[1:-1], newline


def parse_toml(block: str) -> dict[str, Any]:
    """The block's top-level keys; raises ValueError saying why when it does not read as TOML."""
    import tomllib  # only for a piece with a +++ block: the window's start-up never needs it

    try:
        return tomllib.loads("\n".join(_inner(block)[0]))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"the +++ front matter does not read as TOML ({exc})") from None


_ESCAPED = re.compile(r'["\\\x00-\x1f\x7f]')


def toml_string(value: str) -> str:
    """``value`` as a TOML basic string: quotes, backslashes and control characters escaped."""
    return '"' + _ESCAPED.sub(lambda m: "\\" + m.group() if m.group() in '"\\' else f"\\u{ord(m.group()):04x}",
                              value) + '"'


TomlValue = Any  # str | bool | int | float | date | datetime | a sequence of them; None removes a key


def _value(value: TomlValue) -> str:
    """``value`` as TOML: dates as TOML's own date literals (``finished = 2026-12-05``), so a static
    site generator reads them as dates, as the writer's own keys are."""
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, _dt.datetime):
        return value.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else ("nan" if math.isnan(value) else
                                                         ("inf" if value > 0 else "-inf"))
    return "[" + ", ".join(_value(v) for v in value) + "]"


def _key_of(line: str) -> str | None:
    match = re.match(r"\s*(\"[^\"]*\"|[A-Za-z0-9_-]+)\s*=", line)
    return match.group(1).strip('"') if match else None


def update_toml(block: str, changes: dict[str, TomlValue | Sequence[str]]) -> str:
    """``block`` with each of ``changes`` set at the top level: an existing ``key = …`` line is
    replaced (or removed, for a value of None), a new key goes before the first ``[table]`` (where
    top-level keys must be) or the closing fence. Raises ValueError when the block does not parse,
    so nothing is made worse."""
    lines, newline = _inner(block)
    before = parse_toml(block)  # raises ValueError for a block that does not read: nothing is made worse
    table_start = next((i for i, line in enumerate(lines) if line.lstrip().startswith("[")), len(lines))
    while table_start > 0 and not lines[table_start - 1].strip():
        table_start -= 1  # a new key joins the keys, not the blank line before a table or the fence
    for key, value in changes.items():
        found = next((i for i in range(table_start) if _key_of(lines[i]) == key), None)
        if found is not None and lines[found].rstrip().endswith(("[", "\"\"\"", "'''")):
            raise ValueError(f"'{key}' spans several lines in the +++ front matter; change it by hand")
        if value is None:
            if found is not None:
                del lines[found]
                table_start -= 1
            continue
        entry = f"{key if re.fullmatch(r'[A-Za-z0-9_-]+', key) else toml_string(key)} = {_value(value)}"
        if found is not None:
            lines[found] = entry
        else:
            lines.insert(table_start, entry)
            table_start += 1
    updated = newline.join([TOML_FENCE, *lines, TOML_FENCE]) + newline
    after = parse_toml(updated)  # never hand back a block that no longer parses
    # ... nor one that says something else: a "key = …" line inside a string over several lines is
    # the writer's text, not the key (changing it rewrote their summary and set nothing)
    expected = dict(before)
    for key, value in changes.items():
        if value is None:
            expected.pop(key, None)
        else:
            expected[key] = parse_toml(f"{TOML_FENCE}\nv = {_value(value)}\n{TOML_FENCE}\n")["v"]
    if after != expected:
        raise ValueError("a line of the +++ front matter that looks like a key is part of another value; "
                         "change it by hand")
    return updated
