"""A piece renamed outside Quill while it is not open (``mv`` while Quill was closed, a file manager,
another machine's rename) keeps its writing history, as its versions already did: the history used
to stay under the old path, and the piece under its new name started from nothing."""

from __future__ import annotations

import os
from pathlib import Path

from quill.library import Library
from quill.sessions.history import pieces_history
from tests.ui.keys import open_and_type_at_end


def histories(window) -> dict[str, int]:  # noqa: ANN001
    """Each piece's recorded history: its key (the path) and the words it was credited with."""
    return {key: h.totals.words_added for key, h in pieces_history(window.sessions.store.piece_sessions(), {}).items()}


def test_a_library_scan_reports_each_rename_it_can_tell_apart_once(tmp_path: Path):
    root = tmp_path / "Quill"
    root.mkdir()
    (root / "essay.md").write_text("# Essay\n\nWords.\n", encoding="utf-8")
    (root / "twin-a.md").write_text("Same.\n", encoding="utf-8")
    (root / "twin-b.md").write_text("Same.\n", encoding="utf-8")
    for name in ("twin-a.md", "twin-b.md"):
        os.utime(root / name, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    with Library.open(root, None) as lib:
        lib.scan()
        assert lib.take_renamed() == []
        (root / "Essays").mkdir()
        (root / "essay.md").rename(root / "Essays" / "essay.md")
        (root / "twin-a.md").rename(root / "x.md")  # two alike, both renamed: which is which is a guess
        (root / "twin-b.md").rename(root / "y.md")
        changes = lib.scan()
        assert changes.renamed == [(root / "essay.md", root / "Essays" / "essay.md")]
        assert lib.take_renamed() == changes.renamed
        assert lib.take_renamed() == []


def test_a_piece_renamed_outside_while_another_is_open_keeps_its_history(qtbot, make_window, library_dir: Path):
    first = library_dir / "morning.md"
    first.write_text("# Morning\n\nThe start.\n", encoding="utf-8")
    window = open_and_type_at_end(qtbot, make_window, first, " Some more words today.")
    window.documents.save_now()
    qtbot.waitUntil(lambda: "more words" in first.read_text(encoding="utf-8"), timeout=5000)
    other = library_dir / "evening.md"
    other.write_text("# Evening\n\nAnother piece.\n", encoding="utf-8")
    window.open_path(other)  # the morning piece is closed now
    window.sessions.flush()
    before = histories(window)
    assert before.get(str(first), 0) > 0
    window.library.library.scan()  # the index knows both, as after any launch
    window.library.library.take_renamed()

    moved = library_dir / "Essays" / "The Morning.md"
    moved.parent.mkdir()
    first.rename(moved)  # a file manager, while Quill shows the other piece
    window.commands.run("library")  # the library opened: the index catches up and the history follows
    after = histories(window)
    assert str(first) not in after
    assert after[str(moved)] == before[str(first)]


def test_a_rename_the_command_line_finds_first_takes_the_history_along(tmp_path: Path, capsys):  # noqa: ANN001
    """`quill list` run after a rename (Quill closed) scans first: the window opened afterwards no
    longer sees the rename, so the command line carries the history along itself."""
    from quill.cli import main
    from quill.paths import app_dirs
    from quill.sessions.store import SessionStore

    root = tmp_path / "Quill"
    root.mkdir()
    essay = root / "essay.md"
    essay.write_text("# Essay\n\nWords of mine.\n", encoding="utf-8")
    assert main(["list", "--library", str(root)]) == 0
    store = SessionStore.default(app_dirs())
    tally = {"words_added": 3, "words_deleted": 0, "words_pasted": 0, "chars_added": 14, "chars_deleted": 0,
             "chars_pasted": 0}
    store.save_session({"id": None, "start": 0.0, "end": 60.0, "utc_offset": 0, "active_seconds": 60.0, **tally},
                       [{"piece": str(essay), "title": "Essay", "start": 0.0, "end": 60.0, "active_seconds": 60.0,
                         **tally}])
    store.close()

    moved = root / "Essays" / "essay.md"
    moved.parent.mkdir()
    essay.rename(moved)
    assert main(["list", "--library", str(root)]) == 0
    capsys.readouterr()
    store = SessionStore.default(app_dirs())
    assert [row.piece for row in store.piece_sessions()] == [str(moved)]
    store.close()
