"""Reading and changing a ``+++`` (TOML) front-matter block, as Hugo and Zola writers keep it.

Quill writes a few keys of its own into a piece's front matter (``lang``, ``spelling-ignore``).
Into a TOML block they must go as TOML: a YAML block put above it pushed the writer's metadata
down into the body, where the preview and every export printed it. Reading uses the standard
library's ``tomllib``; changing rewrites only the lines of the keys changed, keeping every other
line (comments, tables, the writer's layout) as it was.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from typing import Any

TOML_FENCE = "+++"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def is_toml_block(block: str) -> bool:
    return block.startswith(TOML_FENCE)


def _inner(block: str) -> tuple[list[str], str]:
    """The block's lines between its fences, and the line break it uses."""
    newline = m.group() if (m := _LINE_BREAK.search(block)) else "\n"
    lines = _LINE_BREAK.split(block.rstrip("\r\n"))
    return lines[1:-1], newline


def read_toml(block: str) -> dict[str, Any]:
    """The block's top-level keys; ``{}`` when it does not parse (the writer's file is left alone)."""
    try:
        return tomllib.loads("\n".join(_inner(block)[0]))
    except tomllib.TOMLDecodeError:
        return {}


_ESCAPED = re.compile(r'["\\\x00-\x1f\x7f]')


def toml_string(value: str) -> str:
    """``value`` as a TOML basic string: quotes, backslashes and control characters escaped."""
    return '"' + _ESCAPED.sub(lambda m: "\\" + m.group() if m.group() in '"\\' else f"\\u{ord(m.group()):04x}",
                              value) + '"'


def _value(value: str | Sequence[str]) -> str:
    if isinstance(value, str):
        return toml_string(value)
    return "[" + ", ".join(toml_string(v) for v in value) + "]"


def _key_of(line: str) -> str | None:
    match = re.match(r"\s*(\"[^\"]*\"|[A-Za-z0-9_-]+)\s*=", line)
    return match.group(1).strip('"') if match else None


def update_toml(block: str, changes: dict[str, str | Sequence[str]]) -> str:
    """``block`` with each of ``changes`` set at the top level: an existing ``key = …`` line is
    replaced, a new key goes before the first ``[table]`` (where top-level keys must be) or the
    closing fence. Raises ValueError when the block does not parse, so nothing is made worse."""
    lines, newline = _inner(block)
    try:
        tomllib.loads("\n".join(lines))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"the +++ front matter does not read as TOML ({exc})") from None
    table_start = next((i for i, line in enumerate(lines) if line.lstrip().startswith("[")), len(lines))
    for key, value in changes.items():
        entry = f"{key if re.fullmatch(r'[A-Za-z0-9_-]+', key) else toml_string(key)} = {_value(value)}"
        found = next((i for i in range(table_start) if _key_of(lines[i]) == key), None)
        if found is not None and not lines[found].rstrip().endswith(("[", "\"\"\"", "'''")):
            lines[found] = entry
        elif found is None:
            lines.insert(table_start, entry)
            table_start += 1
        else:
            raise ValueError(f"'{key}' spans several lines in the +++ front matter; change it by hand")
    updated = newline.join([TOML_FENCE, *lines, TOML_FENCE]) + newline
    tomllib.loads("\n".join(_inner(updated)[0]))  # never hand back a block that no longer parses
    return updated
