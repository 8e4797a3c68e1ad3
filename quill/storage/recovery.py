"""Bring back words a crash, a kill or a power cut left only in the journal.

Runs at start-up, before any piece is opened. For each journal: if the piece on disk
already holds the journal's text, there is nothing to do. Otherwise the recovered text
is written — into the piece itself when the piece is still what the edits started from,
or beside it as "name (recovered DATE).md" when another program changed it meanwhile,
so neither version is lost. A journal is deleted only after its text is safely written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from quill.digest import sha256_text
from quill.storage.atomic import SaveError
from quill.storage.document import unique_path
from quill.storage.journal import CorruptJournal, read_journal
from quill.storage.owner_lock import OwnerLock
from quill.storage.textfile import TextFormat, UnreadableFile, load_text, save_text
from quill.textstats import count_words
from quill.wording import plural


@dataclass(frozen=True)
class Recovery:
    piece: Path
    written_to: Path | None  # None: could not be written; the journal is kept
    words: int
    started: str
    message: str
    #: where the writer's last edit ended in the text written (code points), to put the cursor back
    cursor: int | None = None


def recover_journals(journal_dir: Path, fallback_dir: Path, now: datetime | None = None) -> list[Recovery]:
    """Recover every journal in ``journal_dir``. Returns what was recovered, for the writer to be told."""
    results: list[Recovery] = []
    if not journal_dir.is_dir():
        return results
    for journal in sorted(journal_dir.glob("*.journal")):
        owner = OwnerLock.try_acquire(journal)
        if owner is None:
            continue  # a live Quill (on another library, sharing this home) is writing it
        try:
            result = _recover_one(journal, fallback_dir, now)
        finally:
            owner.release(remove=not journal.exists())
        if result is not None:
            results.append(result)
    return results


def _recover_one(journal: Path, fallback_dir: Path, now: datetime | None) -> Recovery | None:
    """Recover one journal this process now owns; None when there was nothing to tell."""
    try:
        contents = read_journal(journal)
    except (CorruptJournal, OSError) as exc:
        aside = set_aside(journal, ".damaged")
        return Recovery(journal, None, 0, "", f"A recovery journal was damaged ({exc}); "
                        f"it is kept as {aside} for inspection.")
    piece = contents.piece
    fmt = TextFormat()
    disk_text: str | None
    try:
        loaded = load_text(piece)
        disk_text, fmt = loaded.text, loaded.format
    except (FileNotFoundError, UnreadableFile):
        disk_text = None
    if disk_text == contents.text:
        journal.unlink()
        return None
    unchanged = disk_text is not None and _sha(disk_text) in (contents.base_sha256, *contents.saved_sha256)
    stamp = (now or datetime.now()).strftime("%Y-%m-%d %H%M")
    folder = piece.parent if piece.parent.is_dir() else fallback_dir
    if not contents.verified:
        # The replay disagrees with the journal's own record of the text: never write it over
        # the piece. It goes beside the piece, and the journal is kept for inspection.
        target = unique_path(folder, f"{piece.stem} (unverified recovery {stamp})")
    elif unchanged or (disk_text is None and piece.parent.is_dir() and not piece.exists()):
        target = piece
    else:
        target = unique_path(folder, f"{piece.stem} (recovered {stamp})")
    words = count_words(contents.text)
    # The piece itself may refuse them (made read-only meanwhile): then a copy beside it, or in
    # the library when its folder refuses too. Only when nothing can be written do they wait.
    candidates = [target]
    if target == piece:
        candidates += [lambda: unique_path(folder, f"{piece.stem} (recovered {stamp})"),
                       lambda: unique_path(fallback_dir, f"{piece.stem} (recovered {stamp})")]
    refused: Exception | None = None
    for candidate in candidates:
        target = candidate if isinstance(candidate, Path) else candidate()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            save_text(target, contents.text, fmt)
            break
        except (SaveError, OSError) as exc:
            refused = refused or exc
    else:
        return Recovery(piece, None, words, contents.started,
                        f"Quill found unsaved words for {piece.name} but cannot write them yet ({refused}). "
                        "They stay in the recovery journal.")
    if not contents.verified:
        aside = set_aside(journal, ".unverified")
        return Recovery(piece, target, words, contents.started,
                        f"Quill found unsaved words for {piece.name} but could not check them "
                        f"({contents.problem}). {piece.name} is untouched; the recovered text is in "
                        f"{target.name}, and the journal is kept as {aside.name}.")
    journal.unlink()
    cursor = contents.last_edit_end
    if target == piece:
        where = ""
    elif refused is not None:
        where = f" {refused} They are in {target.name} instead."
    else:
        where = f" Another program had changed the piece, so they are in {target.name}."
    return Recovery(piece, target, words, contents.started,
                    f"Recovered your unsaved text in {piece.name} ({plural(words, 'word')}) after Quill "
                    f"was interrupted.{where}", cursor)


#: beside an emergency copy in ``<data>/unsaved``: which piece its words belong to
UNSAVED_NOTE = ".piece.json"


def note_unsaved_copy(copy: Path, piece: Path) -> None:
    """Remember which piece an emergency copy (words Quill could not save at quit) belongs to, so
    the next start can put it back beside that piece (:func:`bring_back_unsaved_copies`)."""
    import json

    from quill.storage.atomic import atomic_write_text

    atomic_write_text(copy.with_name(copy.name + UNSAVED_NOTE), json.dumps({"piece": str(piece)}))


def bring_back_unsaved_copies(unsaved_dir: Path, now: datetime | None = None) -> list[Recovery]:
    """Words kept in Quill's data folder because their piece could not be saved when Quill quit
    go back beside their piece, as "name (recovered DATE).md": a copy of the piece the library
    attaches to it and the window announces, where the writer can compare and settle it. (In the
    data folder nobody ever saw them again.) A copy whose piece now holds the same words is simply
    removed; one that cannot be written yet stays, and says so."""
    import json

    results: list[Recovery] = []
    if not unsaved_dir.is_dir():
        return results
    stamp = (now or datetime.now()).strftime("%Y-%m-%d %H%M")
    for note in sorted(unsaved_dir.glob("*.md" + UNSAVED_NOTE)):
        copy = note.with_name(note.name[: -len(UNSAVED_NOTE)])
        try:
            piece = Path(json.loads(note.read_text(encoding="utf-8"))["piece"])
            text = load_text(copy).text
        except FileNotFoundError:
            note.unlink(missing_ok=True)
            continue
        except (OSError, ValueError, KeyError, TypeError, UnreadableFile):
            continue  # left where it is: still a file the writer can open
        fmt = TextFormat()
        try:
            loaded = load_text(piece)
            if loaded.text == text:  # saved after all (the disk came back before Quill quit)
                copy.unlink()
                note.unlink(missing_ok=True)
                continue
            fmt = loaded.format
        except (FileNotFoundError, UnreadableFile):
            pass
        if not piece.parent.is_dir():
            continue  # its folder is not there (an unplugged drive): next time
        target = piece if not piece.exists() else unique_path(piece.parent, f"{piece.stem} (recovered {stamp})")
        try:
            save_text(target, text, fmt)
        except (SaveError, OSError) as exc:
            results.append(Recovery(piece, None, count_words(text), "",
                                    f"Words Quill could not save in {piece.name} when it last quit are still in "
                                    f"{copy} ({exc})."))
            continue
        copy.unlink()
        note.unlink(missing_ok=True)
        where = "" if target == piece else \
            f", beside it in {target.name} (Compare versions from other devices… settles it)"
        results.append(Recovery(piece, target, count_words(text), "",
                                f"The words Quill could not save in {piece.name} when it last quit are back{where}."))
    return results


def set_aside(journal: Path, suffix: str) -> Path:
    """Rename ``journal`` to a name ending in ``suffix`` that no earlier one holds (a second
    damaged journal must never overwrite the first)."""
    aside = journal.with_suffix(suffix)
    number = 1
    while aside.exists():
        aside = journal.with_suffix(f".{number}{suffix}")
        number += 1
    journal.rename(aside)
    return aside


def _sha(text: str) -> str:
    return sha256_text(text)
