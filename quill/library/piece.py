"""A piece as the library sees it: plain data read from one markdown file.

Everything here is derived from the file (the file is the truth); the index only caches it.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quill.library.frontmatter import Document, body_start, parse
from quill.library.naming import title_named_after
from quill.library.words import count_body_words
from quill.markup.headings import first_heading
from quill.markup.readable import readable_line

DRAFT = "draft"
FINISHED = "finished"
STATUSES = (DRAFT, FINISHED)

#: File name endings the library treats as pieces.
SUFFIXES = (".md", ".markdown")

_UNDERLINE = re.compile(r"^(?:=+|-+)$")
_LINE_MARKUP = re.compile(r"^(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d+[.)][ \t]+)+")
_IMAGE_LINE = re.compile(r"^(?:\[?!\[[^\]]*\]\([^)]*\)\]?(?:\([^)]*\))?[ \t]*)+$")  # a picture, not prose
FIRST_LINE_CHARS = 160


@dataclass(frozen=True)
class Piece:
    """One piece of writing. Dates are ``date``/``datetime`` objects; ``problem`` explains bad files.

    ``updated`` is when the piece was last edited: the later of the file's modification
    time and a front-matter ``updated`` date. ``collection`` is the sub-folder ("" at the top).
    """

    path: Path
    relpath: str
    title: str
    status: str = DRAFT
    created: _dt.date | None = None
    updated: _dt.datetime | None = None
    finished: _dt.date | None = None
    tags: tuple[str, ...] = ()
    url: str | None = None
    words: int = 0
    first_line: str = ""
    collection: str = ""
    size: int = 0
    mtime_ns: int = 0
    problem: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def stem(self) -> str:
        return self.path.stem

    @property
    def finished_day(self) -> _dt.date:
        """The day a finished piece was finished: its ``finished`` date, else (a hand-written
        ``status: finished`` without a date) the day it was last edited."""
        return self.finished or (self.updated.date() if self.updated else _dt.date.min)

    def to_json(self) -> dict[str, Any]:
        """The stable ``--json`` shape (documented in docs/LIBRARY.md)."""
        return {
            "path": str(self.path),
            "relpath": self.relpath,
            "title": self.title,
            "status": self.status,
            "words": self.words,
            "created": _iso(self.created),
            "updated": _iso(self.updated),
            "finished": _iso(self.finished),
            "tags": list(self.tags),
            "url": self.url,
            "collection": self.collection,
            "first_line": self.first_line,
            "problem": self.problem,
        }


def _iso(value: _dt.date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat()


def relpath_of(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def collection_of(relpath: str) -> str:
    return relpath.rpartition("/")[0]


def build_piece(path: Path, root: Path, text: str | None, size: int, mtime_ns: int,
                problem: str | None = None) -> tuple[Piece, str]:
    """Derive a :class:`Piece` from a file's text; returns it with the body to index.

    ``text`` is None for an unreadable file: it is still listed (by file name) with ``problem``.
    """
    relpath = relpath_of(path, root)
    modified = _dt.datetime.fromtimestamp(mtime_ns / 1e9).replace(microsecond=0)
    base: dict[str, Any] = {
        "path": path, "relpath": relpath, "collection": collection_of(relpath),
        "size": size, "mtime_ns": mtime_ns, "updated": modified,
    }
    if text is None:
        return Piece(title=path.stem, problem=problem, **base), ""
    doc = parse(text)
    meta = doc.as_dict() if doc.problem is None else {}
    body = _shown_body(text, doc)
    title = _title(meta.get("title")) or first_heading(body)
    named = None if title else title_named_after(path.stem, text)
    title = title or named or path.stem
    status = piece_status(meta)
    finished = _date(meta.get("finished"))
    if finished is None and status == FINISHED:  # a blog's own date says when it was published
        finished = _date(meta.get("published")) or _date(meta.get("date"))
    updated_meta = meta.get("updated")
    updated = modified
    if isinstance(updated_meta, _dt.datetime | _dt.date):
        as_dt = updated_meta if isinstance(updated_meta, _dt.datetime) else \
            _dt.datetime.combine(updated_meta, _dt.time())
        as_dt = as_dt.replace(tzinfo=None) if as_dt.tzinfo is None else \
            as_dt.astimezone().replace(tzinfo=None)
        updated = max(updated, as_dt)
    piece = Piece(
        title=title,
        status=status,
        created=_date(meta.get("created")),
        finished=finished,
        tags=_tags(meta.get("tags")),
        url=_text(meta.get("url")) or None,
        words=count_body_words(text[body_start(text):]),  # as the editor and the exports count: what they print
        first_line=first_line(_past_first_line(body) if named else body, title),
        problem=doc.problem or problem,
        extra={k: v for k, v in meta.items() if k not in _KNOWN},
        **{**base, "updated": updated},
    )
    return piece, body


_KNOWN = {"title", "status", "created", "updated", "finished", "tags", "url"}

#: ``status`` values other programs write for a published post (WordPress, Ghost, Hugo themes …).
PUBLISHED_STATUSES = ("published", "publish", "public", "live")


def piece_status(meta: dict[str, Any]) -> str:
    """``draft`` or ``finished`` from a piece's front matter.

    Quill writes ``status: draft|finished``. Files brought in from a blog or a static site
    (and copied byte for byte, so Quill cannot add its own key) say it their way: a published
    ``status``, ``draft: false``, a ``published`` date or ``published: true``, or — Jekyll and
    Hugo — just a ``date``. Without a ``status`` those mean finished; ``draft: true`` or
    ``published: false`` mean draft, and so does a file that says nothing.
    """
    raw = _text(meta.get("status")).lower()
    if raw in STATUSES:
        return raw
    if raw in PUBLISHED_STATUSES:
        return FINISHED
    if raw:
        return DRAFT
    draft, published = meta.get("draft"), meta.get("published")
    if draft is True or published is False:
        return DRAFT
    if draft is False or published is True or _date(published) or _date(meta.get("date")):
        return FINISHED
    return DRAFT


def _text(value: Any) -> str:
    if value is None or isinstance(value, list | dict):
        return ""
    return str(value).strip()


_LINE_BREAKS = re.compile(r"\s*[\r\n\u2028\u2029\x85\x0b\x0c]\s*")


def _title(value: Any) -> str:
    """A front-matter title as one line: a title written over several lines (a TOML or YAML
    multi-line string) is listed, printed by ``quill list`` and shown in the window on one."""
    return _LINE_BREAKS.sub(" ", _text(value))


def _date(value: Any) -> _dt.date | None:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _tags(value: Any) -> tuple[str, ...]:
    if isinstance(value, list):
        items = [str(v).strip() for v in value if v is not None]
    elif isinstance(value, str):
        items = [part.strip() for part in value.split(",")]
    else:
        items = []
    seen: dict[str, None] = {}
    for item in items:
        if item:
            seen.setdefault(item, None)
    return tuple(seen)


#: a title is at the top of a piece: this much of a file is enough to find it
TITLE_BYTES = 256 * 1024


def read_title(path: Path) -> str | None:
    """The title of the piece in ``path`` as the library gives it (front-matter ``title``, else
    its first heading, else the file name); None when the file cannot be read."""
    try:
        with open(path, "rb") as file:
            text = file.read(TITLE_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return None
    doc = parse(text)
    meta = doc.as_dict() if doc.problem is None else {}
    return (_title(meta.get("title")) or first_heading(_shown_body(text, doc)) or title_named_after(path.stem, text)
            or path.stem)


def _past_first_line(body: str) -> str:
    """``body`` after its first line with words: the line a draft is titled by is its title, not
    the first line of its prose."""
    stripped = body.lstrip()
    end = stripped.find("\n")
    return stripped[end + 1:] if end >= 0 else ""


def _shown_body(text: str, doc: Document) -> str:
    """The body as the page, the preview and the exports show it: after a front-matter block even
    when its metadata cannot be read (a key named twice). :func:`parse` gives such a file's whole
    text as its body, so the block's lines were read as prose, and over its closing ``---`` as a
    setext heading: the library titled the piece "title: Rain title: Rain" where the window's
    title said the file's name. Nor is a byte order mark text: before a rule, "\ufeff---" read as
    a line of prose where the page (which never holds the mark) has a rule."""
    body = doc.body if doc.problem is None else text[body_start(text):]
    return body.removeprefix("\ufeff")


def first_line(body: str, title: str = "") -> str:
    """The first line of prose, for the library list: what the piece opens with, past its headings
    ("Part 1", "Morning" said nothing of it); a piece of headings alone gives its first one that is
    not the title."""
    start = 0
    length = len(body)
    heading = ""
    while start < length:
        end = body.find("\n", start)
        if end < 0:
            end = length
        line = body[start:end].strip()
        start = end + 1
        if not line or line in ("---", "***", "___") or (line.startswith(("![", "[![")) and _IMAGE_LINE.match(line)):
            continue
        if _UNDERLINE.match(line):
            continue  # a setext heading's === or --- (or a rule)
        if line.startswith(("```", "~~~")):  # code, not prose: on past its closing fence
            fence = line[:3]
            close = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{3,}}[ \t]*\r?$", re.MULTILINE)
            found = close.search(body, start)
            start = found.end() + 1 if found else length
            continue
        after = body.find("\n", start)
        following = body[start:after if after >= 0 else length].strip()
        is_heading = line.startswith("#") or bool(_UNDERLINE.match(following))
        # its words as a reader sees them: a link's text, not its address; no footnote marks
        cleaned = readable_line(_LINE_MARKUP.sub("", line), whole=False)
        if len(cleaned) > 2 and cleaned[0] == cleaned[-1] and cleaned[0] in "*_":
            cleaned = cleaned.strip(cleaned[0]).strip()  # a caption or a line set in italics: its words
        if not cleaned or (is_heading and cleaned.rstrip("# ").strip() == title):
            continue
        if is_heading:
            heading = heading or cleaned
            continue
        return cleaned[:FIRST_LINE_CHARS]
    return heading[:FIRST_LINE_CHARS]
