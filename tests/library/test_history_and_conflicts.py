"""Snapshots (take, browse, diff, restore, retention) and external changes to an open piece."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from quill.library import Library
from quill.library.conflicts import CONFLICT, DELETED, RELOADED, UNCHANGED
from quill.library.snapshots import FINISHED, SESSION, Version, versions_to_drop

from .conftest import write


def _bump_mtime(path: Path) -> None:
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))


def test_snapshot_browse_diff_and_restore(lib: Library, library_dir: Path):
    piece = lib.new_piece("Story")
    doc, text = lib.open_piece(piece.path)
    lib.save(doc, text + "First draft line.\n")  # the session's first change snapshots the disk text
    v_session = lib.versions(piece.path)
    assert [v.reason for v in v_session] == ["session"] and v_session[0].words == 0
    lib.save(doc, text + "First draft line.\nSecond line.\n")
    assert len(lib.versions(piece.path)) == 1  # only before the *first* change of a session
    manual = lib.snapshot(piece.path)
    assert manual is not None and manual.words == 5 and lib.snapshot(piece.path) is None  # identical: skipped
    versions = lib.versions(piece.path)
    assert [v.reason for v in versions] == ["manual", "session"]
    assert versions[0].taken >= versions[1].taken
    # Versions live in Quill's data folder, not in the library.
    assert not any(str(v.file).startswith(str(library_dir)) for v in versions)

    lib.save(doc, text + "Rewritten entirely.\n")
    diff = lib.diff(piece.path, manual)
    assert "-First draft line.\n" in diff and "+Rewritten entirely.\n" in diff

    restored = lib.restore_version(piece.path, manual)
    assert restored == manual.read() and piece.path.read_text() == restored
    reasons = [v.reason for v in lib.versions(piece.path)]
    assert reasons[0] == "before-restore"  # restoring is undoable
    undo = lib.versions(piece.path)[0]
    assert undo.read().endswith("Rewritten entirely.\n")
    assert lib.search("rewritten") == []  # the index follows the restore
    # The open editor learns about the restore as an external change.
    result = lib.check_external(doc, text + "Rewritten entirely.\n", dirty=False)
    assert result.kind == RELOADED and result.text == restored


def test_retention_keeps_recent_densely_old_sparsely_and_finished_always():
    now = dt.datetime(2024, 6, 1, 12, 0)
    versions = []
    for minutes in range(0, 60 * 24 * 200, 30):  # one every half hour for 200 days
        taken = now - dt.timedelta(minutes=minutes)
        reason = FINISHED if minutes == 60 * 24 * 150 else SESSION
        versions.append(Version(taken.strftime("%Y%m%dT%H%M%S%f"), taken, reason, 10, Path("x")))
    dropped = {v.id for v in versions_to_drop(versions, now)}
    kept = [v for v in versions if v.id not in dropped]
    ages = [now - v.taken for v in kept]
    assert sum(age <= dt.timedelta(days=1) for age in ages) == 49  # everything from the last day
    assert sum(dt.timedelta(days=1) < age <= dt.timedelta(days=7) for age in ages) == 6 * 24
    assert sum(dt.timedelta(days=7) < age <= dt.timedelta(days=90) for age in ages) in (83, 84)
    assert any(v.reason == FINISHED for v in kept)
    assert len(kept) < 400 < len(versions)


def test_external_edit_without_local_changes_reloads(lib: Library):
    piece = lib.new_piece("Open")
    doc, text = lib.open_piece(piece.path)
    assert lib.check_external(doc, text, dirty=False).kind == UNCHANGED
    write(piece.path, text + "Synced from another machine: pangolin.\n")
    _bump_mtime(piece.path)
    result = lib.check_external(doc, text, dirty=False)
    assert result.kind == RELOADED and result.text.endswith("pangolin.\n")
    assert [h.piece.path for h in lib.search("pangolin")] == [piece.path]


def test_external_edit_with_local_changes_keeps_both(lib: Library, library_dir: Path):
    piece = lib.new_piece("Both")
    doc, text = lib.open_piece(piece.path)
    theirs = text + "Their paragraph.\n"
    mine = text + "My paragraph.\n"
    write(piece.path, theirs)
    _bump_mtime(piece.path)
    result = lib.check_external(doc, mine, dirty=True)
    assert result.kind == CONFLICT and "other version" in result.message
    assert piece.path.read_text() == mine
    assert result.conflict_copy.read_text() == theirs
    assert result.conflict_copy.name.startswith("both (conflict ") and result.conflict_copy.parent == library_dir
    # The copy belongs to its piece: listed once, the copy attached to it (docs/SYNC.md).
    assert {p.path for p in lib.pieces()} == {piece.path}
    assert [c.path for c in lib.conflicts_of(piece.path)] == [result.conflict_copy]


def test_save_over_an_external_change_writes_a_conflict_copy(lib: Library):
    piece = lib.new_piece("Race")
    doc, text = lib.open_piece(piece.path)
    write(piece.path, text + "Theirs.\n")
    _bump_mtime(piece.path)
    result = lib.save(doc, text + "Mine.\n")
    assert piece.path.read_text().endswith("Mine.\n")
    assert result.conflict_copy is not None and result.conflict_copy.read_text().endswith("Theirs.\n")


def test_deleted_while_open_keeps_the_editor_text(lib: Library):
    piece = lib.new_piece("Gone")
    doc, text = lib.open_piece(piece.path)
    piece.path.unlink()
    result = lib.check_external(doc, text + "unsaved\n", dirty=True)
    assert result.kind == DELETED and "Your text is still here" in result.message
    lib.save(doc, text + "unsaved\n")  # saving writes it back
    assert piece.path.read_text().endswith("unsaved\n")
