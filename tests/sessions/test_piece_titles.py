"""Sessions name a piece by its title, not its file name, on the command line and in the view; a
piece's history follows it through renames; records written before titles were kept still count."""

from __future__ import annotations

import json
import sqlite3

from quill.paths import app_dirs
from quill.sessions.history import pieces_history
from quill.sessions.recorder import Recorder
from quill.sessions.store import FILE_NAME, SessionStore
from quill.sessions.words import EditDelta
from tests.sessions.helpers import Clocks, at, utc
from tests.sessions.test_history_cli import run_stats
from tests.ui.keys import open_and_type_at_end, type_text

#: the sessions database exactly as Quill 1 wrote it: titles were the files' stems
OLD_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sessions (id INTEGER PRIMARY KEY, start REAL NOT NULL, end REAL NOT NULL,
    utc_offset INTEGER NOT NULL DEFAULT 0, active_seconds REAL NOT NULL DEFAULT 0,
    words_added INTEGER NOT NULL DEFAULT 0, words_deleted INTEGER NOT NULL DEFAULT 0,
    words_pasted INTEGER NOT NULL DEFAULT 0, chars_added INTEGER NOT NULL DEFAULT 0,
    chars_deleted INTEGER NOT NULL DEFAULT 0, chars_pasted INTEGER NOT NULL DEFAULT 0);
CREATE INDEX sessions_by_start ON sessions(start);
CREATE TABLE piece_sessions (session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    piece TEXT NOT NULL, title TEXT NOT NULL DEFAULT '', start REAL NOT NULL, end REAL NOT NULL,
    active_seconds REAL NOT NULL DEFAULT 0,
    words_added INTEGER NOT NULL DEFAULT 0, words_deleted INTEGER NOT NULL DEFAULT 0,
    words_pasted INTEGER NOT NULL DEFAULT 0, chars_added INTEGER NOT NULL DEFAULT 0,
    chars_deleted INTEGER NOT NULL DEFAULT 0, chars_pasted INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (session_id, piece));
CREATE INDEX piece_sessions_by_piece ON piece_sessions(piece);
INSERT INTO meta VALUES ('schema_version', '1');
"""


def write_old_history(library_dir) -> dict[str, str]:  # noqa: ANN001
    """Three pieces as an older Quill recorded them (stems for titles): one still in the library
    (since retitled), one whose file is gone, one deleted whose name a new piece has taken since."""
    river = library_dir / "my-draft-2.md"
    river.write_text("---\ntitle: The River\n---\n\nWater, mostly.\n", encoding="utf-8")
    taken = library_dir / "notes.md"
    taken.write_text("# Someone Else\n\nA new piece under an old name.\n", encoding="utf-8")
    gone = library_dir / "lost-chapter.md"
    keys = {"river": str(river), "gone": str(gone), "deleted": f"{taken}\x00deleted@1700000000"}
    conn = sqlite3.connect(app_dirs().ensure().data / FILE_NAME)
    conn.executescript(OLD_SCHEMA)
    for i, (key, stem, day) in enumerate([(keys["river"], "my-draft-2", 3), (keys["gone"], "lost-chapter", 4),
                                          (keys["deleted"], "notes", 5), (keys["river"], "my-draft-2", 6)], 1):
        start = at(2024, 3, day, 9)
        tally = (100 * i, 10, 0, 500 * i, 50, 0)
        conn.execute("INSERT INTO sessions VALUES (?, ?, ?, 0, 1800, ?, ?, ?, ?, ?, ?)",
                     (i, start, start + 1800, *tally))
        conn.execute("INSERT INTO piece_sessions VALUES (?, ?, ?, ?, ?, 1800, ?, ?, ?, ?, ?, ?)",
                     (i, key, stem, start, start + 1800, *tally))
    conn.commit()
    conn.close()
    return keys


def test_old_records_load_count_and_show_titles_on_the_command_line(library_dir):
    write_old_history(library_dir)
    totals = json.loads(run_stats("--json").stdout)["totals"]
    assert totals["sessions"] == 4 and totals["words_added"] == 1000  # every old record counts
    result = run_stats("--pieces")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "The River" in out and "my-draft-2" not in out  # the title, not the file's stem
    assert "lost-chapter" in out  # a vanished file keeps the only name recorded for it
    assert "notes (deleted)" in out and "Someone Else" not in out  # not the new piece's title
    pieces = json.loads(run_stats("--pieces", "--json").stdout)
    by_title = {p["title"]: p for p in pieces}
    assert set(by_title) == {"The River", "lost-chapter", "notes (deleted)"}
    assert by_title["The River"]["sessions"] == 2 and by_title["The River"]["words_added"] == 500
    assert by_title["notes (deleted)"]["deleted"] and by_title["The River"]["last_day"] == "2024-03-06"
    assert [p["title"] for p in pieces][0] == "The River"  # the latest written first
    ranged = json.loads(run_stats("--pieces", "--json", "--since", "2024-03-05").stdout)
    assert {p["title"]: p["sessions"] for p in ranged} == {"The River": 1, "notes (deleted)": 1}


def test_recorder_carries_the_open_session_through_a_rename():
    store = SessionStore(None)
    clocks = Clocks(at(2024, 3, 9, 10))
    recorder = Recorder(store, monotonic=clocks.monotonic, wall=clocks.wall, utc_offset=utc)
    recorder.record("/lib/a.md", "A Title", EditDelta(words_added=3))
    recorder.flush()
    recorder.rename_piece("/lib/a.md", "/lib/b.md")
    clocks.advance(5)
    recorder.record("/lib/b.md", "B Title", EditDelta(words_added=2))
    recorder.flush()  # the open session used to write the old name's part back here
    (row,) = store.piece_sessions()
    assert (row.piece, row.title, row.words_added) == ("/lib/b.md", "B Title", 5)
    recorder.retire_piece("/lib/b.md", at(2024, 3, 9, 11))
    clocks.advance(5)
    recorder.record("/lib/b.md", "New piece", EditDelta(words_added=1))  # a new piece took the name
    recorder.flush()
    titles = {h.title: h.totals.words_added for h in pieces_history(store.piece_sessions(), {}).values()}
    assert titles == {"B Title (deleted)": 5, "New piece": 1}


def test_sessions_record_the_title_and_follow_renames_here_and_from_elsewhere(qtbot, make_window, library_dir,
                                                                               monkeypatch):
    from quill.ui.library import controller as library_ui

    path = library_dir / "my-draft-2.md"
    path.write_text("# The River\n\nFirst words.\n", encoding="utf-8")
    window = open_and_type_at_end(qtbot, make_window, path, " More words here.")
    window.sessions.flush()
    (row,) = window.sessions.store.piece_sessions()
    assert row.title == "The River" and row.piece == str(path)

    monkeypatch.setattr(library_ui, "ask_text", lambda *a, **k: "The Final Title")
    window.commands.run("rename")
    renamed = window.document.path
    type_text(qtbot, window.editor, " And after.")
    window.sessions.flush()
    assert {r.piece for r in window.sessions.store.piece_sessions()} == {str(renamed)}

    # another device renamed it; the document controller followed the file (as _follow_move does)
    window.documents.save_now()
    qtbot.waitUntil(lambda: "And after" in renamed.read_text(encoding="utf-8"), timeout=5000)
    synced = library_dir / "renamed-elsewhere.md"
    renamed.rename(synced)
    document = window.document
    document.path = synced
    window.documents.adopt_path(document)
    type_text(qtbot, window.editor, " Later still.")
    window.sessions.flush()
    rows = window.sessions.store.piece_sessions()
    assert {r.piece for r in rows} == {str(synced)}
    hist = pieces_history(rows, {})
    assert [h.title for h in hist.values()] == ["The Final Title"]
    assert hist[str(synced)].totals.words_added == 7  # More words here. And after. Later still.
