"""A piece renamed on one machine while the other edited it: one piece afterwards, nothing lost,
at most one conflict copy (library layer; the Syncthing end-to-end test runs the same calls)."""

from __future__ import annotations

import os
from pathlib import Path

from quill.library import Library
from quill.library.moves import likeness
from quill.paths import app_dirs

OPENING = "Words worth keeping, about the lighthouse and its keepers.\n\nThe lamp was lit at dusk.\n"


def _library(root: Path) -> Library:
    library = Library(root, app_dirs())
    library.scan()
    return library


def _pieces(library: Library) -> list[str]:
    library.scan()
    return [p.path.name for p in library.pieces()]


def _as_the_engine_writes(path: Path, text: str, like: int) -> None:
    """A sync engine writes the file with the time it had on the other machine (``like``, ns)."""
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(like, like))


def _conflict_versions(library: Library, path: Path) -> set[str]:
    return {v.read() for v in library.versions(path) if v.reason == "conflict"}


def test_renamed_and_edited_elsewhere_the_piece_is_followed_and_the_difference_kept(library_dir: Path):
    old = library_dir / "draft.md"
    old.write_text(OPENING, encoding="utf-8")
    with _library(library_dir) as library:
        doc, text = library.open_piece(old)
        new = library_dir / "on-lighthouses.md"
        theirs = OPENING + "\nA line added on the laptop after renaming it.\n"
        old.unlink()  # what the sync engine does with a rename: the new name…
        new.write_text(theirs, encoding="utf-8")  # …holding text Quill has not seen
        mine = text + "\nTyped at the desk.\n"
        moved = library.follow(doc, mine)
        assert moved is not None and moved.path == new and doc.path == new
        assert new.read_text(encoding="utf-8") == mine and not old.exists()
        assert moved.conflict_copy is not None and moved.conflict_copy.read_text(encoding="utf-8") == theirs
        assert _pieces(library) == ["on-lighthouses.md"]
        assert [c.path for c in library.conflicts_of(new)] == [moved.conflict_copy]  # one copy, attached


def test_renamed_before_our_edits_reached_it_takes_our_text_without_a_copy(library_dir: Path):
    old = library_dir / "draft.md"
    old.write_text(OPENING, encoding="utf-8")
    with _library(library_dir) as library:
        doc, text = library.open_piece(old)
        then = old.stat().st_mtime_ns
        library.save(doc, text + "\nSaved at the desk.\n")
        new = library_dir / "on-lighthouses.md"
        old.unlink()
        _as_the_engine_writes(new, OPENING, then)  # the state before our save, under the new name
        mine = text + "\nSaved at the desk.\nAnd more.\n"
        moved = library.follow(doc, mine)
        assert moved is not None and moved.path == new and moved.conflict_copy is None
        assert new.read_text(encoding="utf-8") == mine and _pieces(library) == ["on-lighthouses.md"]
        assert list(library_dir.glob("*.md")) == [new]
        assert OPENING in _conflict_versions(library, new)


def test_the_old_name_resurrected_by_the_engine_is_folded_into_the_new(library_dir: Path):
    """Syncthing: B's edit beats A's delete, so the old name comes back holding B's text, and A's
    rename brings the new name holding the text from before B's edit."""
    old = library_dir / "draft.md"
    old.write_text(OPENING, encoding="utf-8")
    with _library(library_dir) as library:
        doc, text = library.open_piece(old)
        then = old.stat().st_mtime_ns
        mine = text + "\nSaved at the desk while the laptop renamed it.\n"
        library.save(doc, mine)
        new = library_dir / "on-lighthouses.md"
        new.write_text(OPENING, encoding="utf-8")  # the same bytes, written now: not an older state
        assert library.follow(doc, mine, appeared=[new]) is None and old.exists()
        _as_the_engine_writes(new, OPENING, then)
        moved = library.follow(doc, mine, appeared=[new])
        assert moved is not None and moved.path == new and moved.folded == old and moved.conflict_copy is None
        assert new.read_text(encoding="utf-8") == mine and not old.exists()
        assert _pieces(library) == ["on-lighthouses.md"] and OPENING in _conflict_versions(library, new)


def test_a_copy_made_of_the_current_text_is_never_folded(library_dir: Path):
    """A backup the writer makes (cp draft.md backup.md) holds the current bytes, not an older
    state: it stays a piece of its own, and so does the piece."""
    old = library_dir / "draft.md"
    old.write_text(OPENING, encoding="utf-8")
    with _library(library_dir) as library:
        doc, text = library.open_piece(old)
        backup = library_dir / "backup.md"
        backup.write_bytes(old.read_bytes())
        assert library.follow(doc, text, appeared=[backup]) is None
        assert old.exists() and backup.exists() and doc.path == old


def test_nothing_is_followed_into_an_unrelated_or_ambiguous_file(library_dir: Path):
    old = library_dir / "draft.md"
    old.write_text(OPENING, encoding="utf-8")
    with _library(library_dir) as library:
        doc, text = library.open_piece(old)
        old.unlink()
        (library_dir / "shopping.md").write_text("Eggs, milk, bread and tea.\n", encoding="utf-8")
        assert library.follow(doc, text) is None and doc.path == old  # really deleted: written back later
        for name in ("one.md", "two.md"):
            (library_dir / name).write_text(OPENING + "\nAn edit.\n", encoding="utf-8")
        assert library.follow(doc, text) is None and doc.path == old  # two alike: ask nobody, guess nothing
        os.remove(library_dir / "two.md")
        assert library.follow(doc, text).path == library_dir / "one.md"


def test_likeness_is_about_shared_words():
    assert likeness(OPENING, OPENING) == 1.0
    assert likeness(OPENING, OPENING + "\nAnother line or two of text.\n") > 0.8
    assert likeness(OPENING, "Eggs, milk, bread and tea.") < 0.2
    assert likeness("", "") == 1.0 and likeness("", "words") == 0.0


def test_a_few_words_identify_nothing(library_dir: Path):
    """An empty draft or "Start." is anybody's: never taken for an older state of the open piece."""
    old = library_dir / "draft.md"
    old.write_text("Start.", encoding="utf-8")
    with _library(library_dir) as library:
        doc, text = library.open_piece(old)
        then = old.stat().st_mtime_ns
        library.save(doc, "Start. And a good deal more, typed at the desk.")
        other = library_dir / "fuzz-2.md"
        _as_the_engine_writes(other, "Start.", then)
        assert library.follow(doc, "Start. And a good deal more, typed at the desk.", appeared=[other]) is None
        assert old.exists() and other.read_text(encoding="utf-8") == "Start."


def test_renamed_and_added_to_elsewhere_with_every_line_of_ours_is_a_plain_reload(library_dir: Path):
    """Nothing of the writer's is lost by taking the other machine's text: no conflict copy."""
    from quill.library.conflicts import RELOADED

    old = library_dir / "draft.md"
    old.write_text(OPENING, encoding="utf-8")
    with _library(library_dir) as library:
        doc, text = library.open_piece(old)
        new = library_dir / "on-lighthouses.md"
        theirs = OPENING + "\nA line added on the laptop after renaming it.\n"
        new.write_text(theirs, encoding="utf-8")
        old.unlink()
        moved = library.follow(doc, text)
        assert moved is not None and moved.path == new and moved.conflict_copy is None
        result = library.check_external(doc, text, dirty=False)
        assert result.kind == RELOADED and result.text == theirs
        assert list(library_dir.glob("*.md")) == [new]


def test_only_files_near_in_size_are_compared_word_by_word(library_dir: Path):
    """A file many times the piece's size is not the piece renamed (and comparing every file of a
    library whose index is not built yet would hold the window up)."""
    old = library_dir / "draft.md"
    old.write_text(OPENING, encoding="utf-8")
    with _library(library_dir) as library:
        doc, text = library.open_piece(old)
        old.unlink()
        (library_dir / "anthology.md").write_text(OPENING * 2 + "Other pieces. " * 400, encoding="utf-8")
        assert library.follow(doc, text) is None and doc.path == old
