"""Names that sync engines (and Quill itself) give to second versions of a piece, and to their own files.

When two machines change the same file before they see each other's change, every sync
engine keeps both by writing the other version under a new name beside the file. Those
copies are not pieces of their own: counted as pieces they would list an essay four times,
put it in the backlog four times and weigh it four times in the voice baseline. They belong
to the piece whose name they carry. Temporary and metadata files of sync engines are never
pieces at all.

Recognised (the piece is ``essay.md``):

==================  ==========================================================
engine              name of the other version
==================  ==========================================================
Syncthing           ``essay.sync-conflict-20261203-080101-ABCDEFG.md``
Dropbox             ``essay (Ana's conflicted copy 2026-12-03).md``, ``essay (conflicted copy 2026-12-03).md``
Nextcloud           ``essay (conflicted copy 2026-12-03 080101).md``
ownCloud (old)      ``essay_conflict-20261203-080101.md``
OneDrive            ``essay-LAPTOP-7QK2M.md`` (an upper-case device name; only when ``essay.md`` exists)
Google Drive        ``[Conflict] essay.md``, ``essay (Conflict 2026-12-03).md``
Quill               ``essay (conflict 2026-12-03 0801).md``, ``essay (recovered 2026-12-03 0801).md``
==================  ==========================================================

iCloud Drive's ``essay 2.md`` is left alone on purpose: Quill names its own new pieces the
same way ("Untitled draft 2.md"), and hiding a writer's real piece would be far worse than
listing a sync copy.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

SYNCTHING = "Syncthing"
DROPBOX = "Dropbox"
NEXTCLOUD = "Nextcloud"
OWNCLOUD = "ownCloud"
ONEDRIVE = "OneDrive"
GOOGLE_DRIVE = "Google Drive"
QUILL = "Quill"

CONFLICT = "conflict"  # the other side's version of the piece
RECOVERED = "recovered"  # words Quill recovered from its journal beside a piece another program changed


@dataclass(frozen=True)
class ConflictName:
    """What a conflict copy's name says about it."""

    original: str  # file name of the piece it belongs to, in the same folder
    engine: str
    kind: str = CONFLICT
    device: str | None = None  # the other machine, when the name says
    when: datetime | None = None  # when the copy was made, when the name says


_SYNCTHING = re.compile(r"^(?P<stem>.+)\.sync-conflict-(?P<date>\d{8})-(?P<time>\d{6})-(?P<device>[A-Z0-9]{7})"
                        r"(?P<ext>\.[^.]+)?$")
_QUILL = re.compile(r"^(?P<stem>.+) \((?P<kind>conflict|recovered) (?P<date>\d{4}-\d{2}-\d{2}) (?P<time>\d{4})"
                    r"(?: \d+)?\)(?: \d+)?(?P<ext>\.[^.]+)$")
_CONFLICTED_COPY = re.compile(r"^(?P<stem>.+) \((?:(?P<device>[^()]+?)['’]s )?conflicted copy"
                              r"(?: (?P<date>\d{4}-\d{2}-\d{2}))?(?: (?P<time>\d{6}))?(?: \d+)?\)(?: \(\d+\))?"
                              r"(?P<ext>\.[^.]+)?$", re.IGNORECASE)
_OWNCLOUD = re.compile(r"^(?P<stem>.+)_conflict-(?P<date>\d{8})-(?P<time>\d{6})(?P<ext>\.[^.]+)?$")
_GOOGLE_PREFIX = re.compile(r"^\[conflict\] (?P<stem>.+?)(?P<ext>\.[^.]+)?$", re.IGNORECASE)
# Dated, so that a title such as "War (conflict).md" stays a piece of its own.
_GOOGLE_SUFFIX = re.compile(r"^(?P<stem>.+) \(conflict (?P<date>\d{4}-\d{2}-\d{2})[^()]*\)(?P<ext>\.[^.]+)?$",
                            re.IGNORECASE)
# A OneDrive device suffix: upper case letters and digits (with inner hyphens), at least one letter,
# optionally followed by "-2" when there were several. Tried only when the piece without it exists.
_ONEDRIVE_DEVICE = re.compile(r"(?P<device>(?=[A-Z0-9-]*[A-Z])[A-Z0-9][A-Z0-9-]{2,}[A-Z0-9])(?:-\d+)?")

#: sync engines' temporary files, metadata and version folders: never pieces, never walked into
SYNC_ARTIFACTS = (
    ".stfolder", ".stversions", ".stignore", ".stglobalignore", ".syncthing.*.tmp", "~syncthing~*.tmp",
    ".dropbox", ".dropbox.cache", ".dropbox.attr", ".dropbox.device",
    ".git", ".gitignore", ".gitattributes", ".hg", ".svn",
    ".nextcloudsync.log", ".owncloudsync.log", "._sync_*.db*", ".sync_*.db*", ".csync_journal.db*",
    ".tmp.drivedownload", ".tmp.driveupload", ".~*", "~$*", ".~lock.*#", "*.icloud",
    ".DS_Store", "Thumbs.db", "desktop.ini", "*.tmp", "*.partial", "*.part", "*.crdownload", "*.swp", "*~",
    ".#*", "#*#",
)


def is_sync_artifact(name: str) -> bool:
    """True for a sync engine's (or an editor's) temporary or metadata file or folder."""
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in SYNC_ARTIFACTS)


def parse_conflict_name(name: str, exists: Callable[[str], bool] | None = None) -> ConflictName | None:
    """Recognise ``name`` as a conflict copy, or return None.

    ``exists(file_name)`` says whether a file of that name is in the same folder. Names that
    are only *probably* conflict copies (OneDrive's device suffix) count as such only when the
    piece they would belong to exists; without ``exists`` they are never matched.
    """
    match = _QUILL.match(name)
    if match:
        return ConflictName(match["stem"] + match["ext"], QUILL, match["kind"],
                            when=_when(match["date"], match["time"], "%Y-%m-%d", "%H%M"))
    match = _SYNCTHING.match(name)
    if match:
        return ConflictName(match["stem"] + (match["ext"] or ""), SYNCTHING, device=match["device"],
                            when=_when(match["date"], match["time"], "%Y%m%d", "%H%M%S"))
    match = _CONFLICTED_COPY.match(name)
    if match:
        engine = NEXTCLOUD if match["time"] and not match["device"] else DROPBOX
        return ConflictName(match["stem"] + (match["ext"] or ""), engine, device=match["device"],
                            when=_when(match["date"], match["time"], "%Y-%m-%d", "%H%M%S"))
    match = _OWNCLOUD.match(name)
    if match:
        return ConflictName(match["stem"] + (match["ext"] or ""), OWNCLOUD,
                            when=_when(match["date"], match["time"], "%Y%m%d", "%H%M%S"))
    match = _GOOGLE_PREFIX.match(name) or _GOOGLE_SUFFIX.match(name)
    if match:
        date = match.groupdict().get("date")
        return ConflictName(match["stem"] + (match["ext"] or ""), GOOGLE_DRIVE, when=_when(date, None, "%Y-%m-%d", ""))
    if exists is not None:
        return _onedrive(name, exists)
    return None


def _onedrive(name: str, exists: Callable[[str], bool]) -> ConflictName | None:
    """OneDrive's ``essay-LAPTOP-7QK2M.md``: the stem itself may hold hyphens ("0-0", "self-portrait"),
    so every hyphen is a possible split; the longest stem whose piece exists wins."""
    base, dot, ext = name.rpartition(".")
    if not dot or not base:
        return None
    at = len(base)
    while (at := base.rfind("-", 0, at)) > 0:
        match = _ONEDRIVE_DEVICE.fullmatch(base[at + 1:])
        if match and exists(base[:at] + "." + ext):
            return ConflictName(base[:at] + "." + ext, ONEDRIVE, device=match["device"])
    return None


def conflict_of(path: Path) -> ConflictName | None:
    """:func:`parse_conflict_name` for a file on disk, looking for its piece beside it."""
    path = Path(path)
    return parse_conflict_name(path.name, lambda sibling: (path.parent / sibling).is_file())


def is_conflict_copy(path: Path) -> bool:
    """True when ``path`` is a second version of another piece, not a piece of its own."""
    return conflict_of(path) is not None


def _when(date: str | None, time: str | None, date_format: str, time_format: str) -> datetime | None:
    if not date:
        return None
    try:
        if time:
            return datetime.strptime(f"{date} {time}", f"{date_format} {time_format}")
        return datetime.strptime(date, date_format)
    except ValueError:
        return None


__all__ = ["CONFLICT", "RECOVERED", "SYNC_ARTIFACTS", "ConflictName", "conflict_of", "is_conflict_copy",
           "is_sync_artifact", "parse_conflict_name"]
