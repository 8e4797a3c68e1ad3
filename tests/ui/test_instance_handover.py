"""Issue #21, findings 12 and 14: the command line never races the window; one Quill per library
whatever TMPDIR says."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtGui import QTextCursor

from quill.library.library import Library
from quill.ui.shell.single_instance import SingleInstance
from tests.ui.keys import type_text


def test_quill_finish_hands_over_to_the_window_with_unsaved_edits(make_window, library_dir, qtbot, monkeypatch):
    piece = library_dir / "On walking.md"
    piece.write_text("---\ntitle: On walking\nstatus: draft\n---\nA first line.", encoding="utf-8")
    window = make_window(piece)
    instance = SingleInstance(library_dir)
    assert instance.acquire()
    instance.command_handler = window.handle_command
    try:
        window.editor.moveCursor(QTextCursor.MoveOperation.End)
        type_text(qtbot, window.editor, " Unsaved words.")
        cli = subprocess.Popen([sys.executable, "-m", "quill", "finish", "On walking", "--library", str(library_dir)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        qtbot.waitUntil(lambda: cli.poll() is not None, timeout=60_000)
        out, err = cli.communicate()
        assert cli.returncode == 0, err
        assert "Finished" in out
        window.documents.save_now()
        qtbot.waitUntil(lambda: not window.documents.saver.busy, timeout=5000)
        text = piece.read_text(encoding="utf-8")
        assert "status: finished" in text and "Unsaved words." in text  # both: nothing raced
        assert "status: finished" in window.editor.raw_text()
        assert sorted(p.name for p in library_dir.glob("*.md")) == ["On walking.md"]  # no conflict copy
    finally:
        instance.release()


def test_finished_conflict_copies_never_count_as_finished_work(library_dir):
    for name in ("On walking.md", "On walking (conflict 2026-12-04 0930).md"):
        (library_dir / name).write_text("---\ntitle: On walking\nstatus: finished\nfinished: 2026-12-01\n---\nText.",
                                        encoding="utf-8")
    library = Library(library_dir)
    library.scan()
    assert [p.path.name for p in library.backlog()] == ["On walking.md"]
    assert library.resolve("On walking").path.name == "On walking.md"  # the title lookup no longer fails
    library.close()


def test_one_quill_per_library_whatever_tmpdir_says(library_dir, qapp, monkeypatch, tmp_path):
    first = SingleInstance(library_dir)
    assert first.acquire()
    try:
        other_tmp = tmp_path / "elsewhere"
        other_tmp.mkdir()
        monkeypatch.setenv("TMPDIR", str(other_tmp))
        second = SingleInstance(library_dir)
        assert not second.acquire()
    finally:
        first.release()
