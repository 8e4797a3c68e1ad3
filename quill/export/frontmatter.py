"""Split a piece into its front matter block and its body, for export only.

The block is the lines between a leading ``---`` line and the next ``---`` or ``...`` line.
Values are read as plain ``key: value`` text (quotes stripped, ``[a, b]`` kept as written):
export needs a title, an author, a date, never the full YAML. Nothing here rewrites a piece;
:mod:`quill.library.frontmatter` owns that.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_KEY_LINE = re.compile(r"^([A-Za-z0-9_][\w .\-]*?)[ \t]*:(?:[ \t]+(.*?))?[ \t]*$")


@dataclass(frozen=True)
class FrontMatter:
    meta: dict[str, str] = field(default_factory=dict)
    block: str = ""  # the block as written, delimiters and trailing newline included ("" when none)
    body: str = ""

    def get(self, key: str, default: str = "") -> str:
        return self.meta.get(key.lower(), default)


def split_front_matter(text: str) -> FrontMatter:
    """``text`` → front matter and body. Text without a well-formed block is all body."""
    source = text[1:] if text.startswith("\ufeff") else text
    lines = source.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n").rstrip() != "---":
        return FrontMatter(body=text)
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r\n").rstrip() in ("---", "..."):
            block = "".join(lines[: index + 1])
            meta = _read_entries(lines[1:index])
            return FrontMatter(meta=meta, block=block, body="".join(lines[index + 1:]))
    return FrontMatter(body=text)  # never closed: it is a thematic break, not metadata


def _read_entries(lines: list[str]) -> dict[str, str]:
    meta: dict[str, str] = {}
    key = None
    for raw in lines:
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if key is not None and line[:1] in (" ", "\t") and line.strip().startswith("- "):
            item = _unquote(line.strip()[2:].strip())
            meta[key] = f"{meta[key]}, {item}" if meta[key] else item
            continue
        match = _KEY_LINE.match(line)
        if match is None:
            continue
        key = match.group(1).strip().lower()
        value = (match.group(2) or "").strip()
        if value.startswith("[") and value.endswith("]"):
            value = ", ".join(_unquote(part.strip()) for part in value[1:-1].split(",") if part.strip())
        meta[key] = _unquote(value)
    return meta


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        inner = value[1:-1]
        return inner.replace("''", "'") if value[0] == "'" else inner.replace('\\"', '"')
    return value
