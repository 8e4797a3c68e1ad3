"""Sync engines' conflict copies belong to their piece: listed once, never counted, settled without loss."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from quill.library import Library
from quill.library.sync_conflicts import BOTH, MINE, THEIRS, merge, stretches
from quill.paths import app_dirs
from quill.voice.profile import finished_pieces as voice_finished

FINISHED = "---\ntitle: Essay\nstatus: finished\nfinished: 2026-01-10\n---\n\n{}\n"

#: one copy per naming scheme, with the engine and device the name says
COPIES = {
    "essay.sync-conflict-20261203-080101-ABCDEFG.md": ("Syncthing", "ABCDEFG"),
    "essay (conflicted copy 2026-12-03).md": ("Dropbox", None),
    "essay (Ana's conflicted copy 2026-12-03).md": ("Dropbox", "Ana"),
    "essay (conflicted copy 2026-12-03 080101).md": ("Nextcloud", None),
    "essay-LAPTOP-7QK2M.md": ("OneDrive", "LAPTOP-7QK2M"),
    "[Conflict] essay.md": ("Google Drive", None),
    "essay (conflict 2026-12-03 0801).md": ("Quill", None),
    "essay (recovered 2026-12-03 0802).md": ("Quill", None),
}
ARTIFACTS = ("~syncthing~essay.md.tmp", ".syncthing.essay.md.tmp", "essay.md.tmp", "essay.md~", ".~lock.essay.md#")


def _library(root: Path) -> Library:
    library = Library(root, app_dirs())
    library.scan()
    return library


@pytest.mark.parametrize("name", sorted(COPIES))
def test_each_scheme_is_attached_to_its_piece_and_never_a_piece(library_dir: Path, name: str):
    (library_dir / "essay.md").write_text(FINISHED.format("Mine, the writer's text."), encoding="utf-8")
    (library_dir / name).write_text(FINISHED.format("Theirs, from another machine."), encoding="utf-8")
    with _library(library_dir) as lib:
        assert [p.path.name for p in lib.pieces()] == ["essay.md"]
        assert [p.path.name for p in lib.backlog()] == ["essay.md"]
        assert lib.search("machine") == []  # the copy's words are not searched as a piece
        found = lib.conflicts()
        assert list(found) == [library_dir / "essay.md"]
        [copy] = found[library_dir / "essay.md"]
        assert (copy.path.name, copy.engine, copy.device) == (name, *COPIES[name])


def test_the_issue_library_lists_one_essay_everywhere(library_dir: Path):
    (library_dir / "essay.md").write_text(FINISHED.format("Mine."), encoding="utf-8")
    for name in ("essay.sync-conflict-20261203-080101-ABCDEFG.md", "essay (conflicted copy 2026-12-03).md",
                 "essay (conflict 2026-12-03 0801).md"):
        (library_dir / name).write_text(FINISHED.format("Theirs."), encoding="utf-8")
    for name in ARTIFACTS:
        (library_dir / name).write_text("half-written", encoding="utf-8")
    for folder in (".stfolder", ".stversions", ".dropbox.cache"):
        (library_dir / folder).mkdir()
        (library_dir / folder / "essay.md").write_text(FINISHED.format("Old."), encoding="utf-8")
    with _library(library_dir) as lib:
        assert [p.title for p in lib.pieces()] == ["Essay"]
        assert len(lib.conflicts()[library_dir / "essay.md"]) == 3
    # The voice baseline and the history read the same rule.
    assert [p.name for p in voice_finished(library_dir)] == ["essay.md"]
    from quill.sessions.history import finished_pieces as history_finished
    assert len(history_finished(library_dir, app_dirs(), with_voice=False)) == 1


def test_a_copy_whose_piece_is_gone_is_listed_rather_than_hidden(library_dir: Path):
    (library_dir / "essay.sync-conflict-20261203-080101-ABCDEFG.md").write_text("Only copy.\n", encoding="utf-8")
    with _library(library_dir) as lib:
        assert [p.path.name for p in lib.pieces()] == ["essay.sync-conflict-20261203-080101-ABCDEFG.md"]
        assert lib.conflicts() == {}


def test_a_copy_appearing_later_leaves_the_index_and_a_quill_conflict_is_never_indexed(library_dir: Path):
    with _library(library_dir) as lib:
        piece = lib.new_piece("Both", text="Shared start.\n")
        lib.scan()
        copy = piece.path.with_name("both.sync-conflict-20261203-080101-ABCDEFG.md")
        copy.write_text("Theirs.\n", encoding="utf-8")
        lib.scan()
        assert [p.path for p in lib.pieces()] == [piece.path]
        assert lib.note_saved(copy) is None and lib.piece(copy) is None


def test_keep_mine_keeps_theirs_as_a_version_and_removes_the_copy(library_dir: Path):
    (library_dir / "essay.md").write_text("Mine.\n", encoding="utf-8")
    copy = library_dir / "essay.sync-conflict-20261203-080101-ABCDEFG.md"
    copy.write_text("Theirs.\n", encoding="utf-8")
    with _library(library_dir) as lib:
        lib.resolve_conflicts(library_dir / "essay.md", "Mine.\n")
        assert not copy.exists() and (library_dir / "essay.md").read_text() == "Mine.\n"
        versions = lib.versions(library_dir / "essay.md")
        assert [(v.reason, v.read()) for v in versions] == [("conflict", "Theirs.\n")]
        assert lib.conflicts() == {}


def test_take_theirs_keeps_mine_as_a_version(library_dir: Path):
    (library_dir / "essay.md").write_text("Mine.\r\n", encoding="utf-8", newline="")
    copy = library_dir / "essay (conflicted copy 2026-12-03).md"
    copy.write_text("Theirs.\n", encoding="utf-8")
    with _library(library_dir) as lib:
        [c] = lib.conflicts_of(library_dir / "essay.md")
        lib.resolve_conflicts(library_dir / "essay.md", c.path.read_text(encoding="utf-8"), [c])
        assert (library_dir / "essay.md").read_bytes() == b"Theirs.\r\n"  # the piece's own line endings
        texts = sorted(v.read() for v in lib.versions(library_dir / "essay.md"))
        assert texts == ["Mine.\r\n", "Theirs.\n"] or texts == ["Mine.\n", "Theirs.\n"]
        assert not copy.exists()


def test_merge_by_paragraph():
    mine = "# Title\n\nOne.\n\nMy second.\n\nThree.\n"
    theirs = "# Title\n\nOne.\n\nTheir second.\n\nThree.\n\nTheir fourth.\n"
    parts = stretches(mine, theirs)
    differing = [i for i, p in enumerate(parts) if p.differs]
    assert len(differing) == 2
    assert merge(parts, {}) == mine
    assert merge(parts, {i: THEIRS for i in differing}) == theirs
    merged = merge(parts, {differing[0]: BOTH, differing[1]: THEIRS})
    assert merged == "# Title\n\nOne.\n\nMy second.\n\nTheir second.\n\nThree.\n\nTheir fourth.\n"
    assert merge(parts, {differing[0]: MINE, differing[1]: THEIRS}) == mine + "\nTheir fourth.\n"


def test_quill_conflicts_json(library_dir: Path):
    (library_dir / "Essays").mkdir()
    (library_dir / "Essays" / "essay.md").write_text("# Essay\n\nMine.\n", encoding="utf-8")
    (library_dir / "Essays" / "essay.sync-conflict-20261203-080101-ABCDEFG.md").write_text("Theirs.\n")
    (library_dir / "other.md").write_text("Alone.\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "quill", "conflicts", "--library", str(library_dir), "--json"],
                         capture_output=True, text=True, timeout=60, check=True)
    rows = json.loads(run.stdout)
    assert rows == [{
        "piece": str(library_dir / "Essays" / "essay.md"), "relpath": "Essays/essay.md", "title": "Essay",
        "copies": [{"path": str(library_dir / "Essays" / "essay.sync-conflict-20261203-080101-ABCDEFG.md"),
                    "relpath": "Essays/essay.sync-conflict-20261203-080101-ABCDEFG.md", "engine": "Syncthing",
                    "kind": "conflict", "device": "ABCDEFG", "when": "2026-12-03T08:01:01"}],
    }]
    plain = subprocess.run([sys.executable, "-m", "quill", "conflicts", "--library", str(library_dir)],
                           capture_output=True, text=True, timeout=60, check=True)
    assert "Essay  [Essays/essay.md]  1 version from other devices" in plain.stdout
    assert "device ABCDEFG" in plain.stdout
