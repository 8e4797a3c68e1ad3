"""One rule for "finished": the backlog, the history and the voice baseline list the same pieces."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from quill.library import Library, finished_pieces
from quill.paths import app_dirs
from quill.sessions import history
from quill.voice import profile

from .conftest import write


def test_backlog_history_and_voice_profile_agree_on_finished_pieces(library_dir: Path):
    write(library_dir / "dated.md", "---\ntitle: Dated\nstatus: finished\nfinished: 2024-02-01\n---\nDone.\n")
    undated = write(library_dir / "undated.md", "---\ntitle: Undated\nstatus: finished\n---\nDone too.\n")
    os.utime(undated, (dt.datetime(2023, 5, 5, 12).timestamp(),) * 2)
    write(library_dir / "essays" / "nested.md",
          "---\ntitle: Nested\nstatus: finished\nfinished: 2024-01-01\n---\nDone, in a folder.\n")
    write(library_dir / "draft.md", "---\ntitle: Draft\nstatus: draft\n---\nNot yet.\n")
    write(library_dir / ".trash" / "gone.md", "---\ntitle: Gone\nstatus: finished\nfinished: 2024-03-01\n---\n")
    write(library_dir / "broken.md", b"---\nstatus: finished\n---\n\xff\xfe not text")

    with Library(library_dir, app_dirs()) as lib:
        lib.scan()
        backlog = [p.path for p in lib.backlog()]
    in_order = [library_dir / "undated.md", library_dir / "essays" / "nested.md", library_dir / "dated.md"]
    assert backlog == in_order
    assert [p.path for p in finished_pieces(library_dir, app_dirs())] == in_order
    found = history.finished_pieces(library_dir, app_dirs(), with_voice=False)
    assert [Path(p.path) for p in found] == in_order
    assert [p.finished for p in found] == [dt.date(2023, 5, 5), dt.date(2024, 1, 1), dt.date(2024, 2, 1)]
    assert profile.finished_pieces(library_dir) == sorted(in_order)


def test_a_missing_library_has_no_finished_pieces(tmp_path: Path):
    assert finished_pieces(tmp_path / "unplugged") == []
    assert history.finished_pieces(tmp_path / "unplugged", with_voice=False) == []
