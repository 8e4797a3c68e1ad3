"""WordPress's WXR export (Tools → Export): an RSS file whose items carry ``wp:`` fields.

Posts with ``wp:status`` publish become finished pieces, drafts, pending, private and future
ones drafts; trashed posts, revisions, attachments and menu items are left out. Pages only
with ``--pages``. Categories and tags become ``tags``. WordPress stores paragraphs as blank
lines (it adds ``<p>`` only when it shows a post), so bodies without block tags get them here.
"""

from __future__ import annotations

import html as _html
import re
import xml.etree.ElementTree as ET

from quill.importer import html_to_md
from quill.importer.archive import Archive, decode_utf8
from quill.importer.dates import as_date
from quill.importer.model import ImportedPiece, ImportFailed, ImportOptions, Skipped

NAME = "WordPress"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_WP_NS = re.compile(r"^http://wordpress\.org/export/\d+\.\d+/$")
_BLOCK = re.compile(r"<(?:p|div|h[1-6]|ul|ol|li|dl|blockquote|pre|table|figure|hr|section|iframe|address|style"
                    r"|script)[\s/>]", re.IGNORECASE)
_GUTENBERG = re.compile(r"<!--\s*/?wp:.*?-->", re.DOTALL)
_PRE = re.compile(r"<pre[\s>].*?</pre>", re.IGNORECASE | re.DOTALL)
DRAFTISH = {"draft", "pending", "private", "future"}


def _xml_names(archive: Archive) -> list[str]:
    return [n for n in archive.names() if n.lower().endswith((".xml", ".wxr"))]


def detect(archive: Archive) -> bool:
    return any(b"wordpress.org/export/" in archive.head(n, 8192) for n in _xml_names(archive))


def autop(text: str) -> str:
    """WordPress's own paragraphs (its ``wpautop``, simplified): blank lines separate paragraphs and a
    single newline is a line break, except in chunks that already are HTML blocks; ``<pre>`` is kept whole."""
    text = _GUTENBERG.sub("", text.replace("\r\n", "\n"))
    kept: list[str] = []

    def keep(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return f"\n\n\ue010{len(kept) - 1}\ue011\n\n"

    text = _PRE.sub(keep, text)
    out: list[str] = []
    for chunk in re.split(r"\n\s*\n", text):
        chunk = chunk.strip()
        if not chunk:
            continue
        if chunk.startswith("\ue010") or _BLOCK.match(chunk):
            out.append(chunk)
        else:
            out.append("<p>" + chunk.replace("\n", "<br>\n") + "</p>")
    return re.sub("\ue010(\\d+)\ue011", lambda m: kept[int(m.group(1))], "\n".join(out))


def read(archive: Archive, options: ImportOptions) -> tuple[list[ImportedPiece], list[Skipped]]:
    pieces: list[ImportedPiece] = []
    skipped: list[Skipped] = []
    site = options.site.rstrip("/")
    for name in _xml_names(archive):
        data = archive.read(name)
        if b"wordpress.org/export/" not in data[:8192]:
            continue
        decode_utf8(data, name, archive.label)  # refuse another encoding plainly, before the parser guesses
        if b"<!ENTITY" in data[:65536]:
            raise ImportFailed(f"{name} declares XML entities, which a WordPress export never does; "
                               "Quill imported nothing.")
        try:
            root = ET.fromstring(data)
        except ET.ParseError as exc:
            raise ImportFailed(f"{name} in {archive.label} is not complete XML ({exc}); Quill imported nothing.") \
                from None
        wp = _namespace(root)
        items = root.findall("./channel/item") or list(root.iter("item"))
        for done, item in enumerate(items):
            options.step(done, len(items))
            kind = _text(item, f"{{{wp}}}post_type") or "post"
            status = _text(item, f"{{{wp}}}status")
            title = _html.unescape(_text(item, "title")).strip()
            slug = _text(item, f"{{{wp}}}post_name")
            label = title or slug or _text(item, f"{{{wp}}}post_id")
            if kind not in ("post", "page") or status in ("trash", "auto-draft", "inherit"):
                continue
            if kind == "page" and not options.include_pages:
                skipped.append(Skipped(label, "a page, not a post (add --pages to import pages)"))
                continue
            content = item.findtext(CONTENT) or ""
            body = html_to_md.convert(autop(content)) if content.strip() else ""
            if not body.strip():
                skipped.append(Skipped(label, "no text in it"))
                continue
            published = status == "publish"
            day = as_date(_text(item, f"{{{wp}}}post_date"))
            tags = []
            for cat in item.findall("category"):
                name_ = (cat.text or "").strip()
                if name_ and name_ != "Uncategorized" and name_ not in tags:
                    tags.append(_html.unescape(name_))
            link = _text(item, "link")
            url = link if published and link.startswith("http") else (f"{site}/{slug}/" if site and slug and
                                                                      published else None)
            pieces.append(ImportedPiece(
                title=title or slug.replace("-", " ").capitalize() or "Untitled",
                source=f"wordpress:{_text(item, f'{{{wp}}}post_id') or _text(item, 'guid')}",
                body=body,
                status="finished" if published else "draft",
                created=day,
                finished=day if published else None,
                url=url,
                tags=tags,
                stem=slug,
                original=f"{name}: {label}",
            ))
    if not pieces and not skipped:
        raise ImportFailed(f"{archive.label} is a WordPress export without posts; Quill imported nothing.")
    return pieces, skipped


def _namespace(root: ET.Element) -> str:
    for el in root.iter():
        if el.tag.startswith("{"):
            ns = el.tag[1:].split("}", 1)[0]
            if _WP_NS.match(ns):
                return ns
    return "http://wordpress.org/export/1.2/"


def _text(item: ET.Element, tag: str) -> str:
    return (item.findtext(tag) or "").strip()
