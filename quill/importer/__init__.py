"""Bringing a writer's published archive into the library (``quill import``). No Qt.

One small module per source (``substack``, ``ghost``, ``wordpress``, ``medium``, ``folder``),
each turning an export into :class:`~quill.importer.model.ImportedPiece` records; ``archive``
opens a zip or a folder safely (no climbing paths, no zip bombs); ``html_to_md`` converts
post bodies and drops each platform's furniture; ``detect`` recognises an export by its
content; ``writer`` plans the import against the library and writes new pieces atomically,
never replacing a file, so a second import of the same archive changes nothing.
"""

from quill.importer.model import ImportedPiece, ImportFailed, ImportOptions, Skipped

__all__ = ["ImportFailed", "ImportOptions", "ImportedPiece", "Skipped"]
