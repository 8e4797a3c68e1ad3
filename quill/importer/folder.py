"""A folder (or zip) of markdown and HTML files: Jekyll, Hugo, Obsidian, iA Writer, pandoc output.

Markdown files are copied **byte for byte** — never reformatted, front matter, BOM and line
endings included — so what they say about themselves (``status``, ``draft``, ``date`` …) is
what the library reads (:func:`quill.library.piece.piece_status`). Their metadata is read here
only for the summary; a date in the file name (``2024-05-01-slug.md``) stands in when the
front matter has none. HTML files are converted to markdown and get Quill's front matter.
The folder's own sub-folders are kept below the collection. A converted HTML file's ``source`` is
the hash of its bytes, so a second import recognises it wherever the folder has moved, and two
folders that both hold an ``index.html`` are never mistaken for each other.
"""

from __future__ import annotations

import datetime as _dt
import posixpath
import re

from quill.digest import sha256_hex
from quill.fsnames import legible
from quill.importer import html_to_md
from quill.importer.archive import Archive, decode_utf8
from quill.importer.dates import as_date, date_in_name
from quill.importer.model import ImportedPiece, ImportFailed, ImportOptions, Skipped
from quill.library.frontmatter import parse
from quill.library.piece import FINISHED, first_heading, piece_status
from quill.storage.textfile import MAX_EDITABLE_BYTES, UnreadableFile, decode

NAME = "folder"
MARKDOWN = (".md", ".markdown", ".mdown", ".mkd", ".mkdn")
HTML = (".html", ".htm", ".xhtml")
_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}[-_ ]*")


def detect(archive: Archive) -> bool:
    return any(n.lower().endswith(MARKDOWN + HTML) for n in archive.names())


def _stem(name: str) -> str:
    """The file's own name without its suffix, as text: a name that is not UTF-8 (a folder from an
    old Latin-1 disk) is read as what its bytes meant. Before this one such file refused the whole
    import with "'utf-8' codec can't encode character '\\udce9'"."""
    base = posixpath.basename(name)
    return legible(base.rsplit(".", 1)[0])


def read(archive: Archive, options: ImportOptions) -> tuple[list[ImportedPiece], list[Skipped]]:
    names = archive.names()
    texts = [n for n in names if n.lower().endswith(MARKDOWN + HTML)]
    if not texts:
        raise ImportFailed(f"{archive.label} holds no markdown or HTML files ({len(names):,} other files), and it is "
                           "not an export from Substack, Ghost, WordPress or Medium. Quill imported nothing.")
    pieces: list[ImportedPiece] = []
    skipped: list[Skipped] = []
    for done, name in enumerate(texts):
        options.step(done, len(texts))
        size = getattr(archive, "size", None)
        if size is not None and size(name) > MAX_EDITABLE_BYTES:
            skipped.append(Skipped(name, "larger than Quill edits (16 MB)"))
            continue
        data = archive.read(name)
        subfolder = posixpath.dirname(name)
        if name.lower().endswith(MARKDOWN):
            try:
                piece = _markdown(name, data, subfolder, archive.label)
            except UnreadableFile as exc:
                # One file Quill cannot read as text is listed as skipped, with why; it no longer
                # refused the whole folder (a review: one Latin-1 note among five pieces).
                skipped.append(Skipped(name, str(exc)))
                continue
            if piece.mtime is None:
                piece.mtime = archive.mtime(name)  # a copy keeps its own modification time
            pieces.append(piece)
        else:
            piece = _html(name, data, subfolder, archive.label, options)
            if piece is None:
                skipped.append(Skipped(name, "no text in it"))
            else:
                pieces.append(piece)
    return pieces, skipped


def _markdown(name: str, data: bytes, subfolder: str, label: str) -> ImportedPiece:
    text, _ = decode(data, name)  # UnreadableFile: the caller skips the file
    doc = parse(text)
    meta = doc.as_dict() if doc.problem is None else {}
    status = piece_status(meta)
    said = as_date(meta.get("finished")) or as_date(meta.get("published")) or as_date(meta.get("date"))
    named = date_in_name(posixpath.basename(name)) if said is None else None
    when = said or named
    title = str(meta.get("title") or "").strip() or first_heading(doc.body) or \
        _DATE_PREFIX.sub("", _stem(name)).replace("-", " ").strip() or _stem(name)
    # The bytes cannot change, so a date only the file name holds reaches the library as the copy's
    # modification time: the day a finished piece without a date was finished (Piece.finished_day).
    mtime = _dt.datetime.combine(named, _dt.time(12)).timestamp() if named else None
    return ImportedPiece(
        title=title, source=f"file:{name}", status=status,
        created=as_date(meta.get("created")) or when,
        finished=when if status == FINISHED else None,
        stem=_stem(name), subfolder=subfolder, raw=data, original=name, mtime=mtime,
    )


def _html(name: str, data: bytes, subfolder: str, label: str, options: ImportOptions) -> ImportedPiece | None:
    html = decode_utf8(data, name, label)
    soup = html_to_md.parse(html)
    title_tag = soup.find("title")
    h1 = soup.find("h1")
    title = (title_tag.get_text(" ").strip() if title_tag else "") or (h1.get_text(" ").strip() if h1 else "")
    when: _dt.date | None = None
    for meta in soup.find_all("meta"):
        key = str(meta.get("name") or meta.get("property") or "").lower()
        if key in ("date", "dcterms.date", "article:published_time", "dc.date"):
            when = as_date(str(meta.get("content") or ""))
            if when:
                break
    time_tag = soup.find("time", attrs={"datetime": True})
    if when is None and time_tag is not None:
        when = as_date(str(time_tag["datetime"]))
    when = when or date_in_name(posixpath.basename(name))
    if title_tag is not None:
        title_tag.decompose()
    body_tag = soup.find("body") or soup
    if h1 is not None and title and h1.get_text(" ").strip() == title:
        h1.decompose()  # the title goes into the front matter, not twice into the text
    body = html_to_md.convert(body_tag)
    if not body.strip():
        return None
    status = options.as_status or FINISHED
    return ImportedPiece(
        title=title or _DATE_PREFIX.sub("", _stem(name)).replace("-", " ").strip() or _stem(name),
        source=f"html:{sha256_hex(data)[:24]}", body=body, status=status, created=when,
        finished=when if status == FINISHED else None,
        stem=_DATE_PREFIX.sub("", _stem(name)) or _stem(name), subfolder=subfolder, original=name,
    )
