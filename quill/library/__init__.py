"""The writer's library: pieces as plain markdown files, a SQLite/FTS5 index, lifecycle and history.

Pure Python: nothing in this package imports Qt, so the command line stays fast and
everything is testable without a display. The UI talks to :class:`Library`.
"""

# Names are looked up on first use (PEP 562): the window imports light modules of the package
# (``quill.library.naming``) before the first paint without loading the index, SQLite and the rest.
_WHERE = {
    "ExternalChange": "conflicts",
    "ExternalResult": "conflicts",
    "AmbiguousPiece": "errors",
    "LibraryError": "errors",
    "LibraryUnavailable": "errors",
    "PieceNotFound": "errors",
    "MalformedFrontMatter": "frontmatter",
    "SearchHit": "index",
    "Library": "library",
    "SaveResult": "library",
    "finished_pieces": "library",
    "slugify": "naming",
    "DRAFT": "piece",
    "FINISHED": "piece",
    "Piece": "piece",
    "Changes": "scanning",
    "Version": "snapshots",
    "TrashItem": "trash",
    "count_words": "words",
}


def __getattr__(name: str) -> object:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)


__all__ = [
    "DRAFT",
    "FINISHED",
    "AmbiguousPiece",
    "Changes",
    "ExternalChange",
    "ExternalResult",
    "Library",
    "LibraryError",
    "LibraryUnavailable",
    "MalformedFrontMatter",
    "Piece",
    "PieceNotFound",
    "SaveResult",
    "SearchHit",
    "TrashItem",
    "Version",
    "count_words",
    "finished_pieces",
    "slugify",
]
