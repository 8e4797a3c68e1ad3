"""Quill's library on two machines joined by two real Syncthing daemons (loopback only).

Each side is a Library (the window is too heavy for CI; the window's reload, conflict and
rename handling call exactly these library functions). Every wait is bounded (WAIT seconds
per step) and the daemons are always stopped. The figures these tests print (-s) are the
ones in docs/SYNC.md.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from quill.library import Library
from quill.library.conflicts import DELETED, RELOADED
from quill.library.sync_conflicts import BOTH, merge, stretches
from quill.paths import AppDirs

from .syncthing import Pair, syncthing_missing, wait_for

pytestmark = pytest.mark.skipif(syncthing_missing() is not None, reason=syncthing_missing() or "")


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[Pair]:
    with Pair(tmp_path) as started:
        yield started


def _library(root: Path, home: Path) -> Library:
    """A library with its own Quill data folder (versions, index): two machines share nothing."""
    library = Library(root, AppDirs(*(home / part for part in ("config", "data", "cache", "log"))))
    library.scan()
    return library


def test_an_edit_on_a_reaches_bs_open_piece_and_b_reloads(pair: Pair, tmp_path: Path):
    a, b = _library(pair.a.folder, tmp_path / "quill-a"), _library(pair.b.folder, tmp_path / "quill-b")
    with a, b:
        piece = a.new_piece("Essay", text="The first line.\n")
        pair.a.scan()
        wait_for(lambda: (pair.b.folder / piece.path.name).exists(), "the new piece to reach B")
        doc_b, text_b = b.open_piece(pair.b.folder / piece.path.name)  # open on B, idle

        doc_a, text_a = a.open_piece(piece.path)
        a.save(doc_a, text_a + "A second line, written on the laptop.\n")
        started = time.monotonic()
        pair.a.scan()
        wait_for(doc_b.changed_on_disk, "A's edit to reach B")
        print(f"\nedit propagated A→B in {time.monotonic() - started:.2f} s")
        result = b.check_external(doc_b, text_b, dirty=False)
        assert result.kind == RELOADED and result.text == text_a + "A second line, written on the laptop.\n"
        b.scan()
        assert [p.words for p in b.pieces()] == [10] and b.conflicts() == {}


def test_both_edit_while_the_link_is_paused_one_conflict_copy_nothing_lost(pair: Pair, tmp_path: Path):
    a, b = _library(pair.a.folder, tmp_path / "quill-a"), _library(pair.b.folder, tmp_path / "quill-b")
    with a, b:
        piece = a.new_piece("Essay", text="Shared opening.\n\nMiddle.\n")
        pair.a.scan()
        on_b = pair.b.folder / piece.path.name
        wait_for(on_b.exists, "the piece to reach B")
        pair.settle()
        pair.a.pause(pair.b)
        pair.b.pause(pair.a)
        wait_for(lambda: not pair.a.connected(pair.b), "the link to pause")

        doc_a, text_a = a.open_piece(piece.path)
        mine_a = text_a + "\nWritten on the laptop, offline.\n"
        a.save(doc_a, mine_a)
        doc_b, text_b = b.open_piece(on_b)
        mine_b = text_b.replace("Middle.", "Middle, rewritten at the desk.")
        b.save(doc_b, mine_b)
        pair.a.scan()
        pair.b.scan()

        started = time.monotonic()
        pair.resume_link()

        def one_copy_each_side() -> bool:
            return all(len(list(d.folder.glob("*.sync-conflict-*"))) == 1 for d in (pair.a, pair.b))

        wait_for(one_copy_each_side, "one conflict copy on each side")
        pair.settle()
        print(f"\nconflict surfaced on both sides {time.monotonic() - started:.2f} s after resuming; "
              f"copies: {sorted(p.name for p in pair.a.folder.glob('*.md'))}")
        for library, folder in ((a, pair.a.folder), (b, pair.b.folder)):
            library.scan()
            assert [p.path.name for p in library.pieces()] == [piece.path.name]  # listed once
            [(owner, copies)] = library.conflicts().items()
            assert owner == folder / piece.path.name and len(copies) == 1 and copies[0].engine == "Syncthing"
            texts = {owner.read_text(encoding="utf-8"), copies[0].path.read_text(encoding="utf-8")}
            assert texts == {mine_a, mine_b}  # nothing lost

        # Each open (idle) piece takes what is now on disk; no second copy is made on either side.
        for library, doc, text in ((a, doc_a, mine_a), (b, doc_b, mine_b)):
            result = library.check_external(doc, text, dirty=False)
            assert result.conflict_copy is None and result.kind in ("unchanged", "reloaded")
        assert one_copy_each_side() and not list(pair.a.folder.glob("* (conflict *")) \
            and not list(pair.b.folder.glob("* (conflict *"))

        # A settles it by taking both paragraphs; B gets the merge and the copy goes on both sides.
        [copy] = a.conflicts_of(piece.path)
        mine, theirs = piece.path.read_text(encoding="utf-8"), copy.path.read_text(encoding="utf-8")
        parts = stretches(mine, theirs)
        merged = merge(parts, {i: BOTH for i, part in enumerate(parts) if part.differs})
        a.resolve_conflicts(piece.path, merged, [copy])
        pair.a.scan()
        wait_for(lambda: on_b.read_text(encoding="utf-8") == merged and not list(pair.b.folder.glob("*.sync-*")),
                 "the settled piece to reach B")
        pair.settle()
        assert "Written on the laptop, offline." in merged and "rewritten at the desk" in merged
        assert {v.read() for v in a.versions(piece.path) if v.reason == "conflict"} >= {theirs}
        b.scan()
        assert b.conflicts() == {} and [p.path.name for p in b.pieces()] == [piece.path.name]


def test_a_renames_a_piece_while_b_has_it_open(pair: Pair, tmp_path: Path):
    a, b = _library(pair.a.folder, tmp_path / "quill-a"), _library(pair.b.folder, tmp_path / "quill-b")
    with a, b:
        piece = a.new_piece("Draft", text="Words worth keeping.\n")
        pair.a.scan()
        old_b = pair.b.folder / piece.path.name
        wait_for(old_b.exists, "the piece to reach B")
        pair.settle()
        doc_b, text_b = b.open_piece(old_b)

        renamed = a.rename_file(piece.path, "On lighthouses")
        started = time.monotonic()
        pair.a.scan()
        new_b = pair.b.folder / renamed.path.name
        wait_for(lambda: new_b.exists() and not old_b.exists(), "the rename to reach B")
        print(f"\nrename propagated A→B in {time.monotonic() - started:.2f} s")

        typed = text_b + "Typed on B while A renamed it.\n"
        result = b.check_external(doc_b, typed, dirty=True)
        assert result.kind == DELETED
        assert b.follow_move(doc_b) == new_b  # B finds its piece under the new name
        b.save(doc_b, typed)
        pair.b.scan()
        wait_for(lambda: renamed.path.read_text(encoding="utf-8") == typed, "B's words to reach A")
        pair.settle()
        for folder in (pair.a.folder, pair.b.folder):  # one piece, under its new name, nothing resurrected
            assert sorted(p.name for p in folder.glob("*.md")) == [renamed.path.name]


def test_the_side_that_loses_keeps_typing_and_one_copy_is_left(pair: Pair, tmp_path: Path):
    """Both edit while the link is paused; at resume Syncthing moves the losing side's file aside
    (``.sync-conflict-…``) and puts the winner in its place while that side's writer is still typing.
    Quill keeps the writer's newer text, the winner is the one copy, the writer's older words a version."""
    a, b = _library(pair.a.folder, tmp_path / "quill-a"), _library(pair.b.folder, tmp_path / "quill-b")
    with a, b:
        piece = a.new_piece("Essay", text="Shared opening.\n\nMiddle.\n")
        pair.a.scan()
        wait_for((pair.b.folder / piece.path.name).exists, "the piece to reach B")
        pair.settle()
        pair.a.pause(pair.b)
        pair.b.pause(pair.a)
        wait_for(lambda: not pair.a.connected(pair.b), "the link to pause")
        sides = {}
        for name, library, daemon, words in (("A", a, pair.a, "Laptop, offline."), ("B", b, pair.b, "Desk, offline.")):
            path = daemon.folder / piece.path.name
            doc, text = library.open_piece(path)
            mine = text + f"\n{words}\n"
            library.save(doc, mine)
            daemon.scan()
            sides[name] = (library, daemon, doc, mine, path)
        started = time.monotonic()
        pair.resume_link()

        def loser() -> str | None:
            for name, side in sides.items():
                mine, path = side[3], side[4]
                if path.exists() and path.read_text(encoding="utf-8") != mine:
                    return name
            return None

        wait_for(loser, "the winner to replace the losing side's piece")
        lost = loser()
        library, daemon, doc, mine, path = sides[lost]
        other = sides["B" if lost == "A" else "A"][3]
        print(f"\nside {lost} lost, {time.monotonic() - started:.2f} s after resuming")
        typed = mine + "Still typing when the winner arrived.\n"
        result = library.save(doc, typed)  # the writer's autosave, with unsaved words
        assert result.conflict_copy is not None and result.conflict_copy.read_text(encoding="utf-8") == other
        daemon.scan()

        def one_copy_each_side() -> bool:
            for d in (pair.a, pair.b):
                names = sorted(p.name for p in d.folder.glob("*.md"))
                if len(names) != 2 or (d.folder / piece.path.name).read_text(encoding="utf-8") != typed:
                    return False
            return True

        wait_for(one_copy_each_side, "the piece and one copy on each side")
        pair.settle()
        assert one_copy_each_side()
        for lib in (a, b):
            lib.scan()
            [(owner, copies)] = lib.conflicts().items()
            assert len(copies) == 1 and copies[0].path.read_text(encoding="utf-8") == other  # nothing lost
            assert [p.path.name for p in lib.pieces()] == [piece.path.name]
        assert mine in {v.read() for v in library.versions(path) if v.reason == "conflict"}


def test_a_renames_while_b_edits_with_the_link_paused_one_piece_afterwards(pair: Pair, tmp_path: Path):
    """Syncthing alone ends with the piece twice (B's edit beats A's delete, so the old name comes
    back, and the new name arrives holding the text from before B's edit). B's Quill, with the piece
    open, folds the old name into the new: one piece on both sides, B's words in it, no copy."""
    a, b = _library(pair.a.folder, tmp_path / "quill-a"), _library(pair.b.folder, tmp_path / "quill-b")
    with a, b:
        piece = a.new_piece("Draft", text="Words worth keeping, about the lighthouse.\n")
        pair.a.scan()
        old_b = pair.b.folder / piece.path.name
        wait_for(old_b.exists, "the piece to reach B")
        pair.settle()
        doc_b, text_b = b.open_piece(old_b)
        pair.a.pause(pair.b)
        pair.b.pause(pair.a)
        wait_for(lambda: not pair.a.connected(pair.b), "the link to pause")
        renamed = a.rename_file(piece.path, "On lighthouses")
        typed = text_b + "\nWritten at the desk while the laptop renamed it.\n"
        b.save(doc_b, typed)
        pair.a.scan()
        pair.b.scan()
        before = set(pair.b.folder.iterdir())
        started = time.monotonic()
        pair.resume_link()
        new_b = pair.b.folder / renamed.path.name
        wait_for(new_b.exists, "the renamed piece to reach B")
        print(f"\nrename reached B {time.monotonic() - started:.2f} s after resuming")
        moved = b.follow(doc_b, typed, appeared=sorted(set(pair.b.folder.iterdir()) - before))
        assert moved is not None and moved.path == new_b and moved.folded == old_b and moved.conflict_copy is None
        pair.b.scan()

        def one_piece_each_side() -> bool:
            return all(sorted(p.name for p in d.folder.glob("*.md")) == [renamed.path.name]
                       and (d.folder / renamed.path.name).read_text(encoding="utf-8") == typed
                       for d in (pair.a, pair.b))

        wait_for(one_piece_each_side, "one piece, with B's words, on both sides")
        pair.settle()
        print(f"one piece on both sides {time.monotonic() - started:.2f} s after resuming")
        assert one_piece_each_side()
        for library in (a, b):
            library.scan()
            assert [p.path.name for p in library.pieces()] == [renamed.path.name] and library.conflicts() == {}


def test_a_renames_and_edits_while_b_types_b_follows_with_one_copy(pair: Pair, tmp_path: Path):
    a, b = _library(pair.a.folder, tmp_path / "quill-a"), _library(pair.b.folder, tmp_path / "quill-b")
    with a, b:
        piece = a.new_piece("Draft", text="Words worth keeping, about the lighthouse and its keepers.\n")
        pair.a.scan()
        old_b = pair.b.folder / piece.path.name
        wait_for(old_b.exists, "the piece to reach B")
        pair.settle()
        doc_b, text_b = b.open_piece(old_b)
        before = set(pair.b.folder.iterdir())
        renamed = a.rename_file(piece.path, "On lighthouses")
        doc_a, text_a = a.open_piece(renamed.path)
        theirs = text_a + "\nAdded on the laptop after renaming it.\n"
        a.save(doc_a, theirs)
        started = time.monotonic()
        pair.a.scan()
        new_b = pair.b.folder / renamed.path.name
        wait_for(lambda: new_b.exists() and not old_b.exists(), "the rename to reach B")
        print(f"\nrename and edit propagated A→B in {time.monotonic() - started:.2f} s")
        typed = text_b + "\nTyped on B meanwhile.\n"
        moved = b.follow(doc_b, typed, appeared=sorted(set(pair.b.folder.iterdir()) - before))
        assert moved is not None and moved.path == new_b and moved.conflict_copy is not None
        pair.b.scan()

        def settled() -> bool:
            return all(sorted(p.name for p in d.folder.glob("*.md")) == sorted([new_b.name, moved.conflict_copy.name])
                       and (d.folder / new_b.name).read_text(encoding="utf-8") == typed
                       and (d.folder / moved.conflict_copy.name).read_text(encoding="utf-8") == theirs
                       for d in (pair.a, pair.b))

        wait_for(settled, "one piece and one copy on both sides")
        pair.settle()
        assert settled()
        for library in (a, b):
            library.scan()
            assert [p.path.name for p in library.pieces()] == [new_b.name]
