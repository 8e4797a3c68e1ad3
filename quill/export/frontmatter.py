"""Split a piece into its front matter block and its body, for export only.

The block and its values are read by :mod:`quill.library.frontmatter`, the one reader of
front matter; export only wants them as text (a title, an author, a date) and never
rewrites a piece. A block that cannot be read still stays out of the exported text, but
gives no metadata.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from quill.library.frontmatter import Value, parse
from quill.markup.frontmatter import body_start


@dataclass(frozen=True)
class FrontMatter:
    meta: dict[str, str] = field(default_factory=dict)
    block: str = ""  # the block as written, delimiters and trailing newline included ("" when none)
    body: str = ""

    def get(self, key: str, default: str = "") -> str:
        return self.meta.get(key.lower(), default)

    def title(self, fallback: str) -> str:
        """The piece's title for an export's metadata: front matter, else the first heading,
        else ``fallback`` (the file name). A PDF titled "the-river" reads like a file, not a piece."""
        if self.get("title"):
            return self.get("title")
        for line in self.body.split("\n")[:200]:
            stripped = line.strip()
            if stripped.startswith("#") and stripped.lstrip("#")[:1] in (" ", "\t"):
                return stripped.lstrip("#").strip().rstrip("#").strip() or fallback
        return fallback


def split_front_matter(text: str) -> FrontMatter:
    """``text`` → front matter and body. Text without front matter at the top is all body.

    Which lines are front matter is :mod:`quill.markup.frontmatter`'s rule, the editor's too: a
    closed block whose lines read as metadata, so prose between two ``---`` rules is printed. A
    ``+++`` block (Hugo's TOML front matter) counts as well: its simple ``key = "value"`` lines give
    the metadata."""
    source = text[1:] if text.startswith("\ufeff") else text
    start = body_start(source)
    if not start:
        return FrontMatter(body=text)
    block = source[:start]
    doc = parse(source)  # YAML or TOML (the standard library's reader)
    meta = {} if doc.problem else {key.lower(): _as_text(value) for key, value in doc.as_dict().items()
                                   if not isinstance(value, dict)}  # a TOML table is no one value
    return FrontMatter(meta=meta, block=block, body=source[start:])


def _as_text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, _dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes" if value.second == 0 else "seconds")
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(_as_text(item) for item in value)
    return str(value)
