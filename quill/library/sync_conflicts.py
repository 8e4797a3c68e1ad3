"""Conflict copies attached to their piece, and resolving them: keep one, take another, or merge.

Why a module of its own: :mod:`quill.library.conflict_names` only reads names; the library
walk leaves conflict copies out so that nothing counts them as pieces (list, search, counts,
backlog, voice baseline, history). Something still has to find them again, show them beside
their piece and let the writer settle them; that is this module. Resolving never loses a
word: every version not kept goes to the piece's versions (reason ``other-device``, kept
forever) before its copy file is removed.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from quill.library.conflict_names import ConflictName, is_sync_artifact, parse_conflict_name
from quill.library.piece import SUFFIXES
from quill.paths import OWN_FOLDER_MARKER
from quill.wording import day_text


@dataclass(frozen=True)
class ConflictCopy:
    """A second version of a piece, written beside it by a sync engine (or by Quill)."""

    path: Path
    piece: Path  # the piece it belongs to (same folder)
    name: ConflictName

    @property
    def engine(self) -> str:
        return self.name.engine

    @property
    def device(self) -> str | None:
        return self.name.device

    @property
    def when(self) -> datetime | None:
        return self.name.when

    def label(self) -> str:
        """How the writer sees it: "Syncthing, device ABCDEFG, 3 Dec 08:01"."""
        bits = [self.engine if self.name.kind != "recovered" else "recovered by Quill"]
        if self.device:
            bits.append(f"device {self.device}")
        if self.when:
            # not strftime's "%-d": glibc's alone, an error on Windows
            when = day_text(self.when)
            bits.append(f"{when} {self.when:%H:%M}" if self.when.hour or self.when.minute else when)
        return ", ".join(bits)

    def to_json(self, root: Path | None = None) -> dict[str, object]:
        return {
            "path": str(self.path),
            "relpath": _rel(self.path, root),
            "engine": self.engine,
            "kind": self.name.kind,
            "device": self.device,
            "when": self.when.isoformat(timespec="seconds") if self.when else None,
        }


def _rel(path: Path, root: Path | None) -> str:
    if root is None:
        return path.name
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _is_piece_name(name: str) -> bool:
    return name.lower().endswith(SUFFIXES)


def conflicts_in_folder(folder: Path, names: list[str] | None = None) -> dict[Path, list[ConflictCopy]]:
    """The conflict copies of one folder, by the piece they belong to (oldest copy first).

    A copy whose piece is gone (the sync engine removed or renamed it) is not attached to
    anything here; the library walk then lists it as a piece of its own, so it is never hidden."""
    if names is None:
        try:
            names = [e.name for e in os.scandir(folder) if e.is_file()]
        except OSError:
            return {}
    present = set(names)
    found: dict[Path, list[ConflictCopy]] = {}
    for name in names:
        if name.startswith(".") or not _is_piece_name(name) or is_sync_artifact(name):
            continue
        parsed = parse_conflict_name(name, present.__contains__)
        if parsed is None or parsed.original not in present or parsed.original == name:
            continue
        found.setdefault(folder / parsed.original, []).append(ConflictCopy(folder / name, folder / parsed.original,
                                                                           parsed))
    for copies in found.values():
        copies.sort(key=lambda c: (c.when or datetime.min, c.path.name))
    return found


def conflicts_of(piece: Path) -> list[ConflictCopy]:
    """The conflict copies beside one piece (for the open piece: one folder read, no walk)."""
    piece = Path(piece)
    return conflicts_in_folder(piece.parent).get(piece, [])


def find_conflicts(root: Path) -> dict[Path, list[ConflictCopy]]:
    """Every piece of the library with conflict copies, walked with the library's own rules
    (hidden folders, sync engines' folders and Quill's own data folders are skipped)."""
    found: dict[Path, list[ConflictCopy]] = {}
    stack = [Path(root)]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        if folder != root and any(e.name == OWN_FOLDER_MARKER for e in entries):
            continue
        files: list[str] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):  # a writer's "Drafts~" too (see scanning)
                    stack.append(Path(entry.path))
                elif not is_sync_artifact(entry.name) and entry.is_file():
                    files.append(entry.name)
            except OSError:
                continue
        found.update(conflicts_in_folder(folder, files))
    return dict(sorted(found.items()))


# -- merging by paragraph -------------------------------------------------------------------------

@dataclass
class Stretch:
    """A run of paragraphs: the same in both versions (``theirs`` is None), or different."""

    mine: list[str]
    theirs: list[str] | None = None

    @property
    def differs(self) -> bool:
        return self.theirs is not None


MINE, THEIRS, BOTH = "mine", "theirs", "both"


_LINES = re.compile(r"[^\n]*\n|[^\n]+")


def _blank(line: str) -> bool:
    return not line.strip(" \t\n")


def _split(text: str) -> list[str]:
    """Lines, each with the blank lines that follow it, so joining them gives the text back
    (line endings made ``\n``: a merge is written in the piece's own line endings by the saver).

    Only ``\n`` ends a line: ``str.splitlines`` also cut at U+2028, NEL and form feeds, and the
    merge then wrote a blank line into the middle of a paragraph there. A blank line is empty or
    spaces and tabs: a line of only U+2028 is the writer's, not spacing."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out: list[str] = []
    for line in _LINES.findall(text):
        if out and _blank(line):
            out[-1] += line
        else:
            out.append(line)
    return out


def _key(chunk: str) -> str:
    """What two stretches are compared by: the line itself, exactly (two trailing spaces are a
    line break in markdown), without the blank lines after it."""
    return chunk.split("\n", 1)[0]


def stretches(mine: str, theirs: str) -> list[Stretch]:
    """The two texts cut into stretches that are the same or differ, paragraph by paragraph."""
    a, b = _split(mine), _split(theirs)
    key_a = [_key(p) for p in a]
    key_b = [_key(p) for p in b]
    out: list[Stretch] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, key_a, key_b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(Stretch(a[i1:i2]))
        else:
            out.append(Stretch(a[i1:i2], b[j1:j2]))
    return out


def _joined(paragraphs: list[str]) -> str:
    text = ""
    for p in paragraphs:
        if text and not text.endswith("\n"):
            text += "\n\n"  # a last line without its newline, followed by more
        text += p
    return text


def merge(parts: list[Stretch], choices: dict[int, str]) -> str:
    """The text made by taking, for each differing stretch, ``mine``, ``theirs`` or ``both``
    (``choices`` by stretch index; mine by default). Where the text passes from one version to
    the other, the paragraphs are kept apart by a blank line, never run together into one."""
    chosen: list[tuple[str, str]] = []

    def take(side: str, paragraphs: list[str]) -> None:
        for paragraph in paragraphs:
            if chosen and chosen[-1][0] != side and not chosen[-1][1].endswith("\n\n"):
                chosen[-1] = (chosen[-1][0], chosen[-1][1].rstrip("\n") + "\n\n")
            chosen.append((side, paragraph))

    for i, part in enumerate(parts):
        if not part.differs:
            take(MINE, part.mine)
            continue
        choice = choices.get(i, MINE)
        if choice in (MINE, BOTH):
            take(MINE, part.mine)
        if choice in (THEIRS, BOTH):
            take(THEIRS, part.theirs or [])
    return _joined([text for _, text in chosen])


__all__ = ["BOTH", "MINE", "THEIRS", "ConflictCopy", "Stretch", "conflicts_in_folder", "conflicts_of",
           "find_conflicts", "merge", "stretches"]
