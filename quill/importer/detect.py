"""Which platform an export came from, judged by its content, and reading it with that platform's reader."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from quill.importer import folder, ghost, medium, substack, wordpress
from quill.importer.archive import Archive, open_archive
from quill.importer.dates import as_date
from quill.importer.model import ImportedPiece, ImportFailed, ImportOptions, Skipped

#: Readers in the order they are tried: the most specific shapes first, a plain folder last.
READERS: list[ModuleType] = [substack, ghost, wordpress, medium, folder]


def reader_for(archive: Archive) -> ModuleType:
    for reader in READERS:
        if reader.detect(archive):
            return reader
    count = len(archive.names())
    raise ImportFailed(f"{archive.label} does not look like an export from Substack, Ghost, WordPress or Medium, "
                       f"and holds no markdown or HTML files ({count:,} other file{'s' if count != 1 else ''}). "
                       "Quill imported nothing.")


def read_source(path: Path, options: ImportOptions) -> tuple[str, str, list[ImportedPiece], list[Skipped]]:
    """(platform name, default collection, pieces, skipped) for the export at ``path``.

    Everything is read and converted before anything is written; every refusal is an
    :class:`ImportFailed` whose message is for the writer.
    """
    archive = open_archive(Path(path))
    try:
        reader = reader_for(archive)
        pieces, skipped = reader.read(archive, options)
    finally:
        archive.close()
    if reader is folder:
        default = Path(path).stem if Path(path).is_file() else Path(path).expanduser().absolute().name
    else:
        default = reader.NAME
    set_status(pieces, options.as_status)
    return reader.NAME, default, pieces, skipped


def set_status(pieces: list[ImportedPiece], as_status: str) -> None:
    """Converted pieces take the status asked for ("" leaves them as read); copied files keep their own."""
    if not as_status:
        return
    for piece in pieces:
        if piece.raw is None:
            piece.status = as_status
            piece.finished = (piece.finished or as_date(piece.created)) if as_status == "finished" else None
