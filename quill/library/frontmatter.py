"""The small metadata block at the top of a piece, read and written without disturbing anything else.

A piece may start with a YAML-ish block between two ``---`` lines. Quill understands a
small subset of YAML (scalars, quoted strings, dates, ``[a, b]`` and ``- item`` lists)
because PyYAML is not a dependency and because it must never reformat what it did not
change: every entry keeps its original lines until Quill sets that key, unknown keys stay
where they are, and the body after the block is kept byte for byte.

Which lines are front matter is decided by :mod:`quill.markup.frontmatter`, the one rule the
editor, the preview and every export share: a ``---`` line is also a horizontal rule, and prose
between two rules is not metadata.

A block that cannot be read is *not* front matter here: the whole file is body text, the
problem is reported, and metadata operations refuse to touch it (:class:`MalformedFrontMatter`).
That includes a block that was plainly meant as front matter (it starts with a ``key:`` line)
but that the rule does not take as such: Quill will not put a second block above it.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

from quill.markup import frontmatter as rule
from quill.markup.toml_matter import TOML_FENCE, parse_toml, update_toml

Value = Any  # str | int | float | bool | None | date | datetime | list[Value]

_OPEN = "---"
_CLOSERS = ("---", "...")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$")
_INT = re.compile(r"^[-+]?\d+$")
_FLOAT = re.compile(r"^[-+]?(?:\d+\.\d*|\.\d+)(?:[eE][-+]?\d+)?$")
_PLAIN_SAFE = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n]*$")


class MalformedFrontMatter(ValueError):
    """The file's front matter cannot be read, so Quill will not rewrite it."""


@dataclass
class Entry:
    """One ``key: value`` entry with the exact lines it came from (``lines`` is None once changed)."""

    key: str
    value: Value
    lines: list[str] | None
    block_list: bool = False  # written as "- item" lines rather than "[a, b]"


@dataclass
class Document:
    """A piece's text split into its front matter and its body.

    ``str(doc)``/:meth:`text` rebuilds the text; when nothing was set it is exactly the
    input. ``problem`` is set when a block was present but could not be read.
    """

    entries: list[Entry] = field(default_factory=list)
    body: str = ""
    has_block: bool = False
    original: str | None = None
    problem: str | None = None
    _closer: str = "---"
    _dirty: bool = False
    _bom: str = ""  # a byte order mark before the block, kept when the block is rewritten
    #: a ``+++`` (TOML) block as written, fences included: its values are read with ``tomllib`` and
    #: a change rewrites only the lines of the keys changed (never a YAML block above it)
    _toml: str | None = None
    _toml_changes: dict[str, Value] = field(default_factory=dict)

    # -- reading ---------------------------------------------------------------------------
    def get(self, key: str, default: Value = None) -> Value:
        for entry in self.entries:
            if entry.key and entry.key == key:
                return entry.value
        return default

    def keys(self) -> list[str]:
        return [entry.key for entry in self.entries if entry.key]

    def as_dict(self) -> dict[str, Value]:
        return {entry.key: entry.value for entry in self.entries if entry.key}

    # -- changing --------------------------------------------------------------------------
    def set(self, key: str, value: Value) -> None:
        """Set ``key``; a value of None removes it. Other entries keep their exact lines."""
        if self.problem is not None:
            raise MalformedFrontMatter(self.problem)
        for index, entry in enumerate(self.entries):
            if entry.key == key:
                if value is None:
                    del self.entries[index]
                elif entry.value != value or type(entry.value) is not type(value):
                    entry.value, entry.lines = value, None
                else:
                    return
                self._dirty = True
                self._toml_changes[key] = value
                return
        if value is None:
            return
        self.entries.append(Entry(key, value, None))
        self._dirty = True
        self._toml_changes[key] = value

    def update(self, changes: dict[str, Value]) -> None:
        for key, value in changes.items():
            self.set(key, value)

    # -- writing ---------------------------------------------------------------------------
    def text(self) -> str:
        """The whole file's text. Unchanged documents come back exactly as read."""
        if not self._dirty and self.original is not None:
            return self.original
        if self._toml is not None:
            try:
                return self._bom + update_toml(self._toml, self._toml_changes) + self.body
            except ValueError as exc:
                raise MalformedFrontMatter(f"Quill could not change the +++ front matter: {exc}.") from None
        if not self.entries:
            # Nothing left to keep: no block at all (Quill writes front matter only when needed).
            return self._bom + self.body.lstrip("\r\n") if self.has_block else self.body
        out = [_OPEN]
        for entry in self.entries:
            out.extend(entry.lines if entry.lines is not None else render_entry(entry))
        out.append(self._closer)
        head = "\n".join(out) + "\n"
        if not self.has_block and self.body and not self.body.startswith(("\n", "\r")):
            head += "\n"  # a blank line between a new block and existing text reads better
        return self._bom + head + self.body

    __str__ = text


def parse(text: str) -> Document:
    """Split ``text`` into front matter and body. Never raises: bad blocks become body text."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    source = text[len(bom):]
    if source.startswith(TOML_FENCE):
        return _parse_toml(text, bom, source)
    found = _block_lines(source)
    if found is None:
        return Document(body=text, original=text)
    lines, start = found
    block = lines[1:-1]
    if not start:
        # A closed "---" block the rule does not take as front matter: text between two rules.
        # If it was plainly meant as front matter, say why it is not, and keep away from it.
        first = next((line for line in block if line.strip()), "")
        if rule.yaml_entry(first) is None:
            return Document(body=text, original=text)
        try:
            _parse_block(block)
        except MalformedFrontMatter as exc:
            return Document(body=text, original=text, problem=str(exc))
        reason = ("A blank line follows the opening --- of the front matter" if not block[0].strip() else
                  "Not every line between the --- lines at the top reads as front matter")
        return Document(body=text, original=text, problem=(
            f"{reason}, so the block is shown as text between two rules. Quill will not change its "
            "metadata until that is fixed."))
    try:
        entries = _parse_block(block)
    except MalformedFrontMatter as exc:
        return Document(body=text, original=text, problem=str(exc))
    return Document(entries=entries, body=source[start:], has_block=True, original=text,
                    _closer=lines[-1].rstrip(" \t"), _bom=bom)


def _parse_toml(text: str, bom: str, source: str) -> Document:
    """A ``+++`` block (Hugo, Zola): read with the standard library's TOML reader. Before this the
    library took no value from it (a Hugo post's title, date and tags were ignored) and setting
    one put a YAML block above it, which pushed the writer's metadata into the text."""
    start = rule.body_start(source)
    if not start:
        # A closed "+++" block the rule does not take as front matter (a multi-line string, say).
        # If it was plainly meant as front matter, say so and keep away from it: a change used to
        # put a YAML block above it, which pushed the writer's TOML down into the text.
        lines = [line.rstrip("\r") for line, _end in rule.split_lines(source)]
        close = next((i for i, line in enumerate(lines) if i and line.rstrip(" \t") == TOML_FENCE), None)
        first = next((line for line in lines[1:close] if line.strip()), "") if close else ""
        if not rule.toml_key_line(first):
            return Document(body=text, original=text)
        return Document(body=text, original=text, problem=(
            "Not every line between the +++ lines at the top reads as front matter (a string over "
            "several lines?), so the block is shown as text. Quill will not change its metadata until "
            "that is fixed."))
    block = source[:start]
    try:
        values = parse_toml(block)
    except ValueError as exc:
        return Document(body=text, original=text, problem=(
            f"{str(exc)[:1].upper()}{str(exc)[1:]}; Quill will not change its metadata until that is fixed."))
    return Document(entries=[Entry(key, value, None) for key, value in values.items()], body=source[start:],
                    has_block=True, original=text, _closer=TOML_FENCE, _bom=bom, _toml=block)


def body_start(text: str) -> int:
    """Where the body begins: after the front matter (``---`` or ``+++``), readable or not; else 0.

    For readers that show a piece (export) rather than rewrite it: a block that cannot be read
    is still not text to print, though :func:`parse` will not take metadata from it.
    """
    return rule.body_start(text)


def _block_lines(text: str) -> tuple[list[str], int] | None:
    """A closed ``---`` block at the top of ``text``: its lines (both fences included, without line
    breaks) and where the body starts after it, 0 when :mod:`quill.markup.frontmatter` does not
    take the block as front matter. None when the text does not open with one (an opening rule
    without a closing one is a thematic break).
    """
    first = rule.LINE_BREAK.search(text)
    if (text[:first.start()] if first else text).rstrip(" \t") != _OPEN:
        return None
    lines: list[str] = []
    for line, _end in rule.split_lines(text):
        lines.append(line)
        if len(lines) > 1 and line.rstrip(" \t") in _CLOSERS:
            return lines, rule.body_start(text)
    return None


def split_body(text: str) -> str:
    """The body of ``text`` without its front matter (or the whole text if there is none)."""
    return parse(text).body


def update_text(text: str, changes: dict[str, Value]) -> str:
    """Return ``text`` with front-matter keys changed; the body is untouched.

    Raises :class:`MalformedFrontMatter` if the existing block cannot be read. Useful to
    the editor, which shows the whole file and applies metadata changes to its buffer.
    """
    doc = parse(text)
    doc.update(changes)
    return doc.text()


# -- the YAML subset ----------------------------------------------------------------------------
def _parse_block(block: list[str]) -> list[Entry]:
    entries: list[Entry] = []
    current: Entry | None = None
    items: list[str] | None = None
    seen: set[str] = set()
    for number, line in enumerate(block, start=2):
        stripped = line.strip()
        if current is not None and (not stripped or stripped.startswith("#") or line[:1] in " \t-"):
            # Continuation of the previous entry: a block list item, nested data or a comment.
            current.lines.append(line)  # type: ignore[union-attr]
            if stripped.startswith("- ") or stripped == "-":
                if items is not None:
                    items.append(stripped[1:].strip())
            elif stripped and not stripped.startswith("#"):
                items = None  # nested mapping or folded text: keep it raw
                current.value = "\n".join(current.lines[1:])  # type: ignore[index]
            continue
        if (not stripped or stripped.startswith("#")) and current is None:
            # Leading blank or comment lines: attach to a placeholder so they are kept.
            current = Entry("", None, [line])
            entries.append(current)
            items = None
            continue
        entry = rule.yaml_entry(line)  # the key rule the preview and the exports use
        if entry is None:
            raise MalformedFrontMatter(
                f"Line {number} of the front matter (between the --- lines) is not 'key: value'. "
                "Quill reads the file as plain text and will not change its metadata until that is fixed."
            )
        if items and current is not None and current.key:
            current.value = [scalar(item) for item in items]
            current.block_list = True
        key, raw = entry
        if key in seen:
            raise MalformedFrontMatter(
                f"The front matter names '{key}' twice; Quill will not guess which one is meant.")
        seen.add(key)
        current = Entry(key, _value(raw, number), [line])
        entries.append(current)
        items = [] if raw == "" else None
    if items and current is not None and current.key:
        current.value = [scalar(item) for item in items]
        current.block_list = True
    return entries


def _value(raw: str, number: int) -> Value:
    raw = _strip_comment(raw)
    if raw == "":
        return None
    if raw.startswith("["):
        if not raw.endswith("]"):
            raise MalformedFrontMatter(f"Line {number} of the front matter opens a list with '[' but never closes it.")
        inner = raw[1:-1].strip()
        return [scalar(part) for part in _split_inline(inner)] if inner else []
    if raw[0] in "\"'" and (len(raw) < 2 or raw[-1] != raw[0]):
        raise MalformedFrontMatter(f"Line {number} of the front matter has a quote that is never closed.")
    return scalar(raw)


def _strip_comment(raw: str) -> str:
    if raw[:1] in "\"'":
        return raw
    position = raw.find(" #")
    return raw[:position].rstrip() if position >= 0 else raw


def _split_inline(inner: str) -> list[str]:
    parts, buf, quote = [], [], ""
    for char in inner:
        if quote:
            buf.append(char)
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
            buf.append(char)
        elif char == ",":
            parts.append("".join(buf).strip())
            buf = []
        else:
            buf.append(char)
    parts.append("".join(buf).strip())
    return [p for p in parts if p]


def scalar(raw: str) -> Value:
    """One YAML scalar: quoted string, date, datetime, number, bool, null or plain string."""
    raw = raw.strip()
    if len(raw) >= 2 and raw[0] == raw[-1] == '"':
        try:
            return json.loads(raw)
        except ValueError:
            return raw[1:-1]
    if len(raw) >= 2 and raw[0] == raw[-1] == "'":
        return raw[1:-1].replace("''", "'")
    lowered = raw.lower()
    if lowered in ("", "~", "null"):
        return None
    if lowered in ("true", "yes"):
        return True
    if lowered in ("false", "no"):
        return False
    if _DATE.match(raw):
        try:
            return _dt.date.fromisoformat(raw)
        except ValueError:
            return raw
    if _DATETIME.match(raw):
        try:
            return _dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError:
            return raw
    if _INT.match(raw):
        return int(raw)
    if _FLOAT.match(raw):
        return float(raw)
    return raw


def render_scalar(value: Value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, _dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    if _PLAIN_SAFE.match(text) and "\r" not in text and ": " not in text and " #" not in text \
            and not text.endswith(":") and not isinstance(scalar(text), bool | int | float | _dt.date) \
            and scalar(text) is not None:
        return text
    return json.dumps(text, ensure_ascii=False)


def render_entry(entry: Entry) -> list[str]:
    value = entry.value
    if isinstance(value, list | tuple):
        if entry.block_list and value:
            return [f"{entry.key}:"] + [f"  - {render_scalar(item)}" for item in value]
        return [f"{entry.key}: [" + ", ".join(_render_list_item(item) for item in value) + "]"]
    return [f"{entry.key}: {render_scalar(value)}"]


def _render_list_item(item: Value) -> str:
    text = render_scalar(item)
    if "," in text or "[" in text or "]" in text:
        return json.dumps(str(item), ensure_ascii=False)
    return text
