from __future__ import annotations

import sqlite3

from quill.sessions.store import SCHEMA_VERSION, SessionStore


def _session(**kw):
    base = {"id": None, "start": 100.0, "end": 200.0, "utc_offset": 0, "active_seconds": 90.0, "words_added": 5,
            "words_deleted": 1, "words_pasted": 2, "chars_added": 20, "chars_deleted": 3, "chars_pasted": 9}
    base.update(kw)
    return base


def test_round_trip_and_wal(tmp_path):
    path = tmp_path / "sessions.sqlite3"
    store = SessionStore(path)
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    sid = store.save_session(_session(), [{"piece": "/a.md", "title": "a", "start": 100.0, "end": 200.0,
                                           "active_seconds": 90.0, "words_added": 5, "words_deleted": 1,
                                           "words_pasted": 2, "chars_added": 20, "chars_deleted": 3,
                                           "chars_pasted": 9}])
    store.save_session(_session(id=sid, end=300.0, words_added=8), [])
    store.close()
    again = SessionStore(path)
    rows = again.sessions()
    assert len(rows) == 1 and rows[0].end == 300.0 and rows[0].words_added == 8 and rows[0].net_words == 9
    assert again.piece_sessions("/a.md")[0].title == "a"
    assert again.get_meta("schema_version") == str(SCHEMA_VERSION)


def test_garbage_file_is_set_aside_never_deleted(tmp_path):
    path = tmp_path / "sessions.sqlite3"
    path.write_bytes(b"this is not a database at all" * 100)
    store = SessionStore(path)
    assert store.notice and "set aside" in store.notice
    aside = [p for p in tmp_path.iterdir() if ".damaged-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is not a database")
    assert store.count() == 0
    store.save_session(_session(), [])
    assert store.count() == 1


def test_a_foreign_sqlite_database_is_set_aside(tmp_path):
    path = tmp_path / "sessions.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE other(x)")
    conn.commit()
    conn.close()
    store = SessionStore(path)
    assert store.notice and any(".damaged-" in p.name for p in tmp_path.iterdir())


def test_newer_schema_is_left_untouched(tmp_path):
    path = tmp_path / "sessions.sqlite3"
    store = SessionStore(path)
    store.set_meta("schema_version", str(SCHEMA_VERSION + 1))
    store.close()
    newer = SessionStore(path)
    assert newer.read_only and "newer Quill" in (newer.notice or "")
    assert path.exists() and not any(".damaged-" in p.name for p in tmp_path.iterdir())


def test_opening_a_current_history_writes_nothing_and_a_damaged_schema_is_repaired(tmp_path):
    """Reopening at launch must not write (a synchronous transaction held the window's thread
    50-80 ms after every first paint); a history missing a table or index still gets it back."""
    path = tmp_path / "sessions.sqlite3"
    SessionStore(path).close()
    again = SessionStore(path)
    assert again.conn.total_changes == 0
    again.conn.execute("DROP INDEX sessions_by_start")
    again.conn.commit()
    again.close()
    repaired = SessionStore(path)
    assert repaired.conn.total_changes > 0
    names = {row[0] for row in repaired.conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert "sessions_by_start" in names
    repaired.close()
    old = sqlite3.connect(path)
    old.execute("UPDATE meta SET value='0' WHERE key='schema_version'")
    old.commit()
    old.close()
    assert SessionStore(path).get_meta("schema_version") == str(SCHEMA_VERSION)


def test_a_piece_whose_name_is_not_utf8_keeps_its_history(tmp_path):
    """Linux allows any bytes in a name; Python reads the ones it cannot decode as lone surrogates.
    Before this, saving a session that wrote in such a piece raised UnicodeEncodeError (SQLite text
    cannot hold them): the session's words were never recorded, and renaming the piece failed."""
    import os

    odd = os.fsdecode(b"/lib/caf\xe9.md")
    row = {"piece": odd, "title": os.fsdecode(b"caf\xe9"), "start": 100.0, "end": 200.0, "active_seconds": 90.0,
           "words_added": 5, "words_deleted": 1, "words_pasted": 2, "chars_added": 20, "chars_deleted": 3,
           "chars_pasted": 9}
    path = tmp_path / "sessions.sqlite3"
    store = SessionStore(path)
    store.save_session(_session(), [row])
    store.close()
    again = SessionStore(path)
    [kept] = again.piece_sessions(odd)
    assert kept.piece == odd and kept.words_added == 5 and kept.title == "caf\ufffd"
    again.rename_piece(odd, "/lib/cafe.md")
    assert again.piece_sessions(odd) == [] and len(again.piece_sessions("/lib/cafe.md")) == 1
    again.rename_piece("/lib/cafe.md", odd)
    key = again.retire_piece(odd, 1000.0)
    assert [r.piece for r in again.piece_sessions()] == [key]


def test_a_history_that_cannot_be_opened_is_left_as_it_is_not_set_aside(tmp_path, monkeypatch):
    """A read-only or failing disk, no permission: the history cannot be opened, but it is not
    damaged. Before this it was set aside as "damaged" and a new, empty history started; with no
    file there yet (a read-only data folder) setting aside raised, and the window never installed
    the features after sessions (the voice panel, spelling, flow mode)."""
    path = tmp_path / "sessions.sqlite3"
    store = SessionStore(path)
    store.save_session(_session(), [])
    store.close()
    kept = path.read_bytes()
    real = sqlite3.connect

    def cannot_open(target, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if str(target) == str(path):
            raise sqlite3.OperationalError("unable to open database file")
        return real(target, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", cannot_open)
    for missing in (False, True):
        if missing:
            path.rename(tmp_path / "elsewhere.sqlite3")  # nothing to set aside: this used to raise
        store = SessionStore(path)
        assert store.notice and "cannot write your session history" in store.notice and "memory" in store.notice
        store.save_session(_session(), [])  # this run's sessions still count
        assert store.count() == 1
        store.close()
    monkeypatch.undo()
    assert (tmp_path / "elsewhere.sqlite3").read_bytes() == kept
    assert not [p for p in tmp_path.iterdir() if ".damaged-" in p.name]

    folder_is_a_file = tmp_path / "data"
    folder_is_a_file.write_text("not a folder")
    store = SessionStore(folder_is_a_file / "sessions.sqlite3")
    assert store.notice and "memory" in store.notice
    assert folder_is_a_file.read_text() == "not a folder"
