"""One import from start to finish, for the command line and the window alike: read, plan, write, index."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quill.importer.detect import read_source, set_status
from quill.importer.model import ImportFailed, ImportOptions
from quill.importer.writer import Plan, execute, make_plan
from quill.storage.atomic import SaveError


@dataclass
class ImportReport:
    """What an import did (or, with ``dry_run``, would do): the summary the writer is shown."""

    source: Path
    plan: Plan
    dry_run: bool = False
    written: list[Path] = field(default_factory=list)
    cancelled: bool = False

    @property
    def count(self) -> int:
        return len(self.written) if not self.dry_run else len(self.plan.new)

    def to_json(self) -> dict[str, Any]:
        plan = self.plan
        return {
            "source": str(self.source),
            "platform": plan.platform,
            "library": str(plan.root),
            "collection": plan.collection,
            "dry_run": self.dry_run,
            "cancelled": self.cancelled,
            "imported": self.count,
            "finished": plan.statuses().get("finished", 0),
            "drafts": plan.statuses().get("draft", 0),
            "by_year": plan.by_year(),
            "already_imported": len(plan.already),
            "skipped": [{"name": s.name, "reason": s.reason} for s in plan.skipped],
            "pieces": [{"title": p.piece.title, "status": p.piece.status, "source": p.piece.source,
                        "path": str(p.path)} for p in plan.new],
        }

    def summary(self) -> list[str]:
        """What the archive holds: N new pieces, by year, what was imported before, anything skipped and why."""
        plan = self.plan
        statuses = plan.statuses()
        drafts = statuses.get("draft", 0)
        lines = [f"{plan.platform} archive {self.source.name}: "
                 f"{len(plan.new):,} new piece{'s' if len(plan.new) != 1 else ''} "
                 f"({statuses.get('finished', 0):,} finished, {drafts:,} draft{'s' if drafts != 1 else ''})"]
        for year, n in plan.by_year().items():
            lines.append(f"  {year}  {n:>5,}")
        if plan.already:
            lines.append(f"Already in the library (left alone): {len(plan.already):,}")
        if plan.skipped:
            lines.append(f"Skipped {len(plan.skipped):,}:")
            lines.extend(f"  {s.name}: {s.reason}" for s in plan.skipped)
        return lines

    @property
    def destination(self) -> str:
        plan = self.plan
        return f"{plan.root}/{plan.collection}" if plan.collection else str(plan.root)

    def outcome(self) -> str:
        """One sentence on what was done."""
        plan = self.plan
        if self.dry_run:
            return f"Nothing was written (--dry-run). The pieces would go to {self.destination}."
        if self.cancelled:
            return (f"Stopped after {len(self.written):,} of {len(plan.new):,}; those are in {self.destination}. "
                    "Run the same import again for the rest (nothing is duplicated).")
        if plan.new:
            return f"Imported {len(self.written):,} into {self.destination}."
        return "Nothing new to import."

    def describe(self) -> str:
        """The plain-text summary for the terminal."""
        return "\n".join([*self.summary(), self.outcome()])


def plan_import(source: Path, root: Path, options: ImportOptions) -> Plan:
    """Read the archive and decide every file name; writes nothing."""
    platform, default_collection, pieces, skipped = read_source(source, options)
    collection = default_collection if options.collection is None else options.collection
    try:
        return make_plan(root, platform, collection, pieces, skipped)
    except ValueError as exc:
        raise ImportFailed(str(exc)) from None


def statuses_as_read(plan: Plan) -> dict[int, tuple[str, Any]]:
    """Each new piece's status and finished date as the archive gave them, for :func:`restyle`."""
    return {id(p.piece): (p.piece.status, p.piece.finished) for p in plan.new}


def restyle(plan: Plan, collection: str, as_status: str, read_as: dict[int, tuple[str, Any]]) -> Plan:
    """The same pieces under another collection or status, without reading the archive again.

    The window asks for these after showing what an archive holds (reading a large one takes
    seconds); ``as_status`` "" puts back the statuses ``read_as`` recorded.
    """
    pieces = [p.piece for p in plan.new]
    for piece in pieces:
        piece.status, piece.finished = read_as.get(id(piece), (piece.status, piece.finished))
    set_status(pieces, as_status)
    try:
        return make_plan(plan.root, plan.platform, collection, pieces + plan.already, plan.skipped)
    except ValueError as exc:
        raise ImportFailed(str(exc)) from None


def import_archive(source: Path, root: Path, options: ImportOptions | None = None, *, dry_run: bool = False,
                   progress: Callable[[int, int], None] | None = None) -> ImportReport:
    """Import ``source`` into the library at ``root`` and bring the library's index up to date."""
    options = options or ImportOptions()
    root = Path(root).expanduser().absolute()
    plan = plan_import(Path(source), root, options)
    report = ImportReport(source=Path(source), plan=plan, dry_run=dry_run)
    if dry_run or not plan.new:
        return report
    try:
        root.mkdir(parents=True, exist_ok=True)
        outcome = execute(plan, progress, options.cancelled)
    except (SaveError, OSError) as exc:
        raise ImportFailed(f"{exc} Pieces written before this stay in the library.") from None
    report.written = outcome.written
    report.cancelled = outcome.cancelled
    _index(root)
    return report


def _index(root: Path) -> None:
    """Let the index see the new files now, so list, search and the baseline have them at once."""
    from quill.library import Library, LibraryError

    with contextlib.suppress(LibraryError, OSError), Library(root) as library:
        library.scan()
