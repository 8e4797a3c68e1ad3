"""Ghost's JSON export (Settings → Labs → Export): ``db[0].data.posts`` with each post's ``html``.

Published posts become finished pieces dated by ``published_at``; drafts and scheduled posts
drafts. Tags come from ``tags`` and ``posts_tags``. Pages (``type: page``, or ``page: true``
in old exports) are imported only with ``--pages``. A post whose export carries no HTML
(only mobiledoc or lexical) is skipped with the reason.
"""

from __future__ import annotations

import json
from typing import Any

from quill.importer import html_to_md
from quill.importer.archive import Archive, decode_utf8
from quill.importer.dates import as_date
from quill.importer.model import ImportedPiece, ImportFailed, ImportOptions, Skipped, TooLarge

NAME = "Ghost"


def _json_names(archive: Archive) -> list[str]:
    return [n for n in archive.names() if n.lower().endswith(".json") and "/__macosx/" not in f"/{n.lower()}"]


def _data(doc: Any) -> dict | None:
    """The ``data`` object of a Ghost export, in its 1.x–5.x shapes, or None."""
    if isinstance(doc, dict) and isinstance(doc.get("db"), list) and doc["db"]:
        doc = doc["db"][0]
    if isinstance(doc, dict) and isinstance(doc.get("data"), dict) and isinstance(doc["data"].get("posts"), list):
        return doc["data"]
    return None


def _load(archive: Archive, name: str) -> Any:
    text = decode_utf8(archive.read(name), name, archive.label)
    try:
        return json.loads(text)
    except ValueError as exc:
        raise ImportFailed(f"{name} in {archive.label} is not valid JSON ({exc}); Quill imported nothing.") from None


def _find(archive: Archive, strict: bool = True) -> tuple[str, dict] | None:
    """The export's JSON file and its data. Not strict (detecting): a broken JSON file is just not Ghost's."""
    for name in _json_names(archive):
        head = archive.head(name, 4096)
        if b'"db"' not in head and b'"data"' not in head:
            continue
        try:
            data = _data(_load(archive, name))
        except TooLarge:
            raise
        except ImportFailed:
            if strict:
                raise
            continue
        if data is not None:
            return name, data
    return None


def detect(archive: Archive) -> bool:
    return _find(archive, strict=False) is not None


def read(archive: Archive, options: ImportOptions) -> tuple[list[ImportedPiece], list[Skipped]]:
    found = _find(archive)
    if found is None:
        raise ImportFailed(f"{archive.label} is not a Ghost export Quill can read; Quill imported nothing.")
    _name, data = found
    tags = {str(t.get("id")): str(t.get("name") or "").strip() for t in data.get("tags") or [] if isinstance(t, dict)}
    post_tags: dict[str, list[str]] = {}
    for link in data.get("posts_tags") or []:
        if isinstance(link, dict) and tags.get(str(link.get("tag_id"))):
            post_tags.setdefault(str(link.get("post_id")), []).append(tags[str(link.get("tag_id"))])
    site = options.site.rstrip("/")
    pieces: list[ImportedPiece] = []
    skipped: list[Skipped] = []
    for done, post in enumerate(data["posts"]):
        options.step(done, len(data["posts"]))
        if not isinstance(post, dict):
            continue
        title = str(post.get("title") or "").strip()
        slug = str(post.get("slug") or "").strip()
        label = title or slug or str(post.get("id"))
        is_page = post.get("type") == "page" or post.get("page") in (True, 1)
        if is_page and not options.include_pages:
            skipped.append(Skipped(label, "a page, not a post (add --pages to import pages)"))
            continue
        html = post.get("html")
        if not isinstance(html, str) or not html.strip():
            skipped.append(Skipped(label, "no HTML in the export (an empty post, or one saved only as mobiledoc)"))
            continue
        body = html_to_md.convert(html)
        if not body.strip():
            skipped.append(Skipped(label, "its body is empty once converted"))
            continue
        published = str(post.get("status") or "") == "published"
        day = as_date(post.get("published_at")) if published else None
        tag_names = [t for t in post_tags.get(str(post.get("id")), []) if not t.startswith("#")]  # '#x': internal
        pieces.append(ImportedPiece(
            title=title or slug.replace("-", " ").capitalize() or "Untitled",
            source=f"ghost:{post.get('uuid') or post.get('id')}",
            body=body,
            status="finished" if published else "draft",
            created=as_date(post.get("created_at")) or day,
            finished=day,
            url=f"{site}/{slug}/" if site and slug and published else None,
            tags=tag_names,
            subtitle=str(post.get("custom_excerpt") or "").strip(),
            stem=slug,
            original=f"post {post.get('id')}",
        ))
    return pieces, skipped
