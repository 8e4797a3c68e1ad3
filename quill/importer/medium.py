"""Medium's export: a zip whose ``posts/`` folder holds one HTML file per post and draft.

Each file is an ``article.h-entry``: the title in ``h1.p-name``, the subtitle and body in
``section[data-field]``, the date in ``time.dt-published`` and the link in ``a.p-canonical``.
Only the body is converted, so Medium's header and footer ("Exported from Medium …") never
reach the piece. Files named ``draft_…`` are drafts.
"""

from __future__ import annotations

import posixpath

from quill.importer import html_to_md
from quill.importer.archive import Archive, decode_utf8
from quill.importer.dates import as_date, date_in_name
from quill.importer.model import ImportedPiece, ImportOptions, Skipped

NAME = "Medium"


def _posts(archive: Archive) -> list[str]:
    return [n for n in archive.names() if n.lower().endswith(".html") and posixpath.basename(posixpath.dirname(n))
            == "posts"]


def detect(archive: Archive) -> bool:
    posts = _posts(archive)
    heads = [archive.head(n, 65536) for n in posts[:5]]
    return any(b"h-entry" in head and b'data-field="body"' in head for head in heads)


def read(archive: Archive, options: ImportOptions) -> tuple[list[ImportedPiece], list[Skipped]]:
    pieces: list[ImportedPiece] = []
    skipped: list[Skipped] = []
    posts = _posts(archive)
    for done, name in enumerate(posts):
        options.step(done, len(posts))
        html = decode_utf8(archive.read(name), name, archive.label)
        soup = html_to_md.parse(html)
        base = posixpath.basename(name)[:-5]
        title_tag = soup.find(class_="p-name")
        title = title_tag.get_text(" ").strip() if title_tag else ""
        body_tag = soup.find("section", attrs={"data-field": "body"})
        if body_tag is None:
            skipped.append(Skipped(title or base, "not a Medium post (no body section)"))
            continue
        sub_tag = soup.find("section", attrs={"data-field": "subtitle"})
        subtitle = sub_tag.get_text(" ").strip() if sub_tag else ""
        time_tag = soup.find("time", class_="dt-published")
        canonical = soup.find("a", class_="p-canonical")
        draft = base.startswith("draft_")
        day = as_date(str(time_tag.get("datetime"))) if time_tag and time_tag.get("datetime") else None
        day = day or date_in_name(base)
        for tag in body_tag.find_all(["h3", "h4"], class_=["graf--title", "graf--subtitle"]):
            if tag.get_text(" ").strip() in (title, subtitle):
                tag.decompose()  # Medium repeats the title and subtitle at the top of the body
        for tag in body_tag.find_all(class_="section-divider"):
            tag.decompose()
        body = html_to_md.convert(body_tag)
        if not body.strip():
            skipped.append(Skipped(title or base, "its body is empty"))
            continue
        post_id = base.rsplit("-", 1)[-1] if "-" in base else base
        slug = base.split("_", 1)[1] if "_" in base else base
        slug = slug.rsplit("-", 1)[0] if "-" in slug else slug
        url = str(canonical.get("href")) if canonical and canonical.get("href") and not draft else None
        pieces.append(ImportedPiece(
            title=title or slug.replace("-", " "),
            source=f"medium:{post_id}",
            body=body,
            status="draft" if draft else "finished",
            created=day,
            finished=None if draft else day,
            url=html_to_md.strip_tracking(url) if url else None,
            subtitle=subtitle if subtitle != title else "",
            stem=slug,
            original=name,
        ))
    return pieces, skipped
