"""Substack's export: ``posts.csv`` (one row per post) and ``posts/<post_id>.html`` (its body).

Published posts become finished pieces dated by ``post_date``; the others drafts. The slug is
the part of ``post_id`` after the dot, so the URL is ``<site>/p/<slug>`` when ``--site`` is given.
Posts without a body file or with an empty one (audio, video) are skipped with the reason.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io

from quill.importer import html_to_md
from quill.importer.archive import Archive, decode_utf8, top_prefix
from quill.importer.dates import parse_when
from quill.importer.model import ImportedPiece, ImportFailed, ImportOptions, Skipped

NAME = "Substack"
REQUIRED = ("post_id", "post_date", "is_published", "title")


def _csv_name(archive: Archive) -> str | None:
    names = archive.names()
    prefix = top_prefix(names)
    name = prefix + "posts.csv"
    return name if archive.has(name) else None


def detect(archive: Archive) -> bool:
    """A ``posts.csv`` whose header starts like Substack's (the file name alone proves nothing)."""
    name = _csv_name(archive)
    if name is None:
        return False
    head = archive.head(name, 2048).decode("utf-8", "replace").lstrip("\ufeff").lower()
    return "post_id" in head.split("\n", 1)[0]


def read(archive: Archive, options: ImportOptions) -> tuple[list[ImportedPiece], list[Skipped]]:
    csv_name = _csv_name(archive)
    assert csv_name is not None
    prefix = csv_name[: -len("posts.csv")]
    text = decode_utf8(archive.read(csv_name), "posts.csv", archive.label)
    try:
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        header = next(csv.reader(io.StringIO(text, newline="")), [])
    except csv.Error as exc:
        raise ImportFailed(f"posts.csv in {archive.label} cannot be read as CSV ({exc}); Quill imported nothing.") \
            from None
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportFailed(f"posts.csv in {archive.label} lacks the column{'s' if len(missing) > 1 else ''} "
                           f"{', '.join(missing)}, so it is not a Substack export Quill can read. "
                           "Quill imported nothing.")
    pieces: list[ImportedPiece] = []
    skipped: list[Skipped] = []
    site = options.site.rstrip("/")
    for done, row in enumerate(rows):
        options.step(done, len(rows))
        post_id = (row.get("post_id") or "").strip()
        title = (row.get("title") or "").strip()
        label = title or post_id or "(a row without an id)"
        if not post_id:
            skipped.append(Skipped(label, "its row in posts.csv has no post_id"))
            continue
        body_name = f"{prefix}posts/{post_id}.html"
        if not archive.has(body_name):
            kind = (row.get("type") or "").strip() or "post"
            skipped.append(Skipped(label, f"no text in the export (a {kind} post: audio or video has no body file)"))
            continue
        html = decode_utf8(archive.read(body_name), f"posts/{post_id}.html", archive.label)
        body = html_to_md.convert(html)
        if not body.strip():
            kind = (row.get("type") or "").strip() or "post"
            skipped.append(Skipped(label, f"its body is empty (a {kind} post: audio or video only?)"))
            continue
        slug = post_id.split(".", 1)[1] if "." in post_id else ""
        published = (row.get("is_published") or "").strip().lower() in ("true", "1", "yes", "t")
        when = parse_when(row.get("post_date") or "")
        day = when.date() if isinstance(when, _dt.datetime) else when
        pieces.append(ImportedPiece(
            title=title or slug.replace("-", " ").capitalize() or post_id,
            source=f"substack:{post_id}",
            body=body,
            status="finished" if published else "draft",
            created=day,
            finished=day if published else None,
            url=f"{site}/p/{slug}" if site and slug and published else None,
            subtitle=(row.get("subtitle") or "").strip(),
            stem=slug,
            original=f"posts/{post_id}.html",
        ))
    return pieces, skipped
