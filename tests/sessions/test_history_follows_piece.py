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
