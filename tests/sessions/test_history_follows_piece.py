"""The writing history follows a piece through renames; a deleted piece's history is marked and
a new piece with the same name starts its own."""

from __future__ import annotations

from quill.sessions.history import pieces_history
from tests.ui.keys import open_and_type_at_end


def piece_histories(window) -> dict[str, str]:  # noqa: ANN001
    store = window.sessions.store
    return {k: h.title for k, h in pieces_history(store.piece_sessions(), {}).items()}


def test_rename_carries_the_history_and_trash_retires_it(qtbot, make_window, library_dir, monkeypatch) -> None:  # noqa: ANN001
    from quill.ui.library import controller as library_ui

    path = library_dir / "draft.md"
    path.write_text("First words.\n", encoding="utf-8")
    window = open_and_type_at_end(qtbot, make_window, path, "More words here. ")
    window.documents.save_now()
    qtbot.waitUntil(lambda: "More words" in path.read_text(encoding="utf-8"), timeout=5000)
    window.sessions.flush()
    assert list(piece_histories(window)) == [str(path)]
    monkeypatch.setattr(library_ui, "ask_text", lambda *a, **k: "The Final Title")
    window.commands.run("rename")
    renamed = window.document.path
    assert renamed != path and renamed.exists()
    histories = piece_histories(window)
    assert list(histories) == [str(renamed)]  # one history, at the new name: not split in two
    window.commands.run("trash")
    (key,) = piece_histories(window)
    assert key.startswith(str(renamed)) and piece_histories(window)[key].endswith("(deleted)")
    # a new piece under the old name does not inherit the deleted one's history
    renamed.write_text("A different piece.\n", encoding="utf-8")
    assert not window.sessions.store.piece_sessions(str(renamed))


def test_a_new_draft_keeps_what_was_typed_before_it_had_a_file(qtbot, make_window, library_dir) -> None:  # noqa: ANN001
    """A new draft gets its file with its first word; blank lines typed before that were recorded
    under no name, a "New draft" history every untitled draft shared. They are the draft's own."""
    from tests.ui.keys import type_text

    window = make_window()
    assert window.document is None
    type_text(qtbot, window.editor, "\n\n")  # blank lines first: no words yet, so no file yet
    window.sessions.flush()
    assert window.document is None
    type_text(qtbot, window.editor, "The first four words")
    first = window.document.path  # the first word gave the draft its file in the library
    window.new_piece()
    type_text(qtbot, window.editor, "Another draft entirely")
    second = window.document.path
    window.sessions.flush()

    store = window.sessions.store
    words = {key: h.totals.words_added for key, h in pieces_history(store.piece_sessions(), {}).items()}
    assert words == {str(first): 4, str(second): 3}  # nothing left under no name


def test_only_the_open_sessions_untitled_words_are_claimed(tmp_path) -> None:  # noqa: ANN001
    """Untitled words of an earlier session (a draft emptied before it ever got a file) are not
    credited to the draft that gets a file now."""
    from quill.sessions.recorder import UNTITLED
    from quill.sessions.store import SessionStore

    store = SessionStore(tmp_path / "sessions.db")
    conn = store.conn
    with conn:
        for session_id in (1, 2):
            conn.execute("INSERT INTO sessions (id, start, end, active_seconds) VALUES (?, 0, 60, 60)", (session_id,))
            conn.execute("INSERT INTO piece_sessions (session_id, piece, start, end, active_seconds, words_added) "
                         "VALUES (?, ?, 0, 60, 60, 5)", (session_id, UNTITLED))
    store.rename_piece(UNTITLED, "/lib/draft.md", session_id=2)
    rows = {(row.session_id, row.piece) for row in store.piece_sessions()}
    assert rows == {(1, UNTITLED), (2, "/lib/draft.md")}
