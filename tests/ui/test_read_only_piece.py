"""A piece Quill cannot save into (a read-only file): the writer is told at once, and words
written in it survive moving to another piece (QA finding: they vanished from the page and
lived only in the journal until a later start "recovered" them with the wrong story)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from quill.paths import app_dirs
from quill.storage.recovery import recover_journals
from tests.ui.keys import open_and_type_at_end, type_text


def _open_with_picker(qtbot, window, title: str, name: str) -> None:  # noqa: ANN001
    qtbot.keyClick(window.editor, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: any(i.label == title for i in window.picker.visible_items()), timeout=5000)
    qtbot.keyClicks(window.picker.query, title)
    qtbot.waitUntil(lambda: [i.label for i in window.picker.visible_items()] == [title], timeout=3000)
    qtbot.keyClick(window.picker.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.document is not None and window.document.path.name == name, timeout=3000)


def test_a_read_only_piece_says_so_when_it_opens(make_window, library_dir: Path) -> None:
    piece = library_dir / "locked.md"
    piece.write_text("# Locked\n\nOld words.\n", encoding="utf-8")
    piece.chmod(0o444)
    window = make_window(piece)
    assert "locked.md is read-only" in window.banner.text()
    assert window.banner.kind == "warning"


def test_words_written_in_a_read_only_piece_survive_moving_on(make_window, qtbot, library_dir: Path) -> None:
    piece = library_dir / "locked.md"
    piece.write_text("# Locked\n\nOld words.\n", encoding="utf-8")
    piece.chmod(0o444)
    (library_dir / "other.md").write_text("# Other\n\nSomething else.\n", encoding="utf-8")
    window = open_and_type_at_end(qtbot, make_window, piece, "New words, typed here — ✍️ and kept.")
    written = window.editor.raw_text()

    _open_with_picker(qtbot, window, "Other", "other.md")

    assert piece.read_text(encoding="utf-8") == "# Locked\n\nOld words.\n"  # untouched, as it must be
    copies = sorted(library_dir.glob("locked (copy *).md"))
    assert [c.read_text(encoding="utf-8") for c in copies] == [written]
    assert copies[0].name in window.banner.text() and "locked.md is read-only" in window.banner.text()
    # The copy is a piece of the library, found like any other, and told apart from the piece by
    # its file name (both are titled "Locked").
    qtbot.waitUntil(lambda: any(p.path == copies[0] for p in window.library.library.pieces()), timeout=5000)
    qtbot.keyClick(window.editor, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    overlay = window.library.overlay
    qtbot.waitUntil(lambda: len([r for r in overlay.rows() if r.title == "Locked"]) == 2, timeout=5000)
    hints = {r.name_hint for r in overlay.rows() if r.title == "Locked"}
    assert hints == {"locked.md", copies[0].name}
    assert all(r.name_hint == "" for r in overlay.rows() if r.title != "Locked")
    qtbot.keyClick(overlay.query, Qt.Key.Key_Escape)
    # The words are safe in a file, so no journal is left to "recover" them again at the next start.
    window.close()
    assert recover_journals(app_dirs().journal_dir, library_dir) == []


def test_a_notice_about_a_piece_goes_when_another_opens(make_window, qtbot, library_dir: Path) -> None:
    locked = library_dir / "locked.md"
    locked.write_text("# Locked\n\nOld words.\n", encoding="utf-8")
    locked.chmod(0o444)
    (library_dir / "other.md").write_text("# Other\n\nSomething else.\n", encoding="utf-8")
    latin = library_dir / "letter.md"
    latin.write_bytes("Caf\xe9 au lait.\n".encode("latin-1"))
    window = make_window(locked)
    assert "read-only" in window.banner.text()
    _open_with_picker(qtbot, window, "Other", "other.md")
    assert window.banner.text() == ""  # nothing was written in locked.md: nothing more to say about it

    window.open_path(latin)  # refused (not UTF-8): the warning is about this moment, so it shows
    assert "letter.md" in window.banner.text()
    _open_with_picker(qtbot, window, "Other", "other.md")
    assert window.banner.text() == ""


def test_a_notice_about_the_app_stays_when_another_piece_opens(make_window, qtbot, library_dir: Path) -> None:
    (library_dir / "other.md").write_text("# Other\n\nSomething else.\n", encoding="utf-8")
    window = make_window()
    window.show_notice("Quill cannot write its recovery journal in /nowhere.", "warning", 0, "journal")
    _open_with_picker(qtbot, window, "Other", "other.md")
    assert "recovery journal" in window.banner.text()


def test_quitting_twice_from_a_read_only_piece_leaves_cleanly(make_window, qtbot, library_dir: Path) -> None:
    """The first Ctrl+Q is refused (the words cannot be saved; a copy is kept), the second quits. A
    save retry or a focus change arriving after that must not start a save on the stopped worker
    (it raised "cannot schedule new futures after shutdown")."""
    piece = library_dir / "locked.md"
    piece.write_text("Old words.\n", encoding="utf-8")
    piece.chmod(0o444)
    window = make_window(piece)
    type_text(qtbot, window.editor, "More. ")
    qtbot.keyClick(window.editor, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert window.isVisible() and "quit again" in window.banner.text()
    qtbot.keyClick(window.editor, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)
    saver = window.documents.saver
    assert not saver._retry.isActive()
    window.editor.focus_lost.emit()  # what a focus change after quitting does
    saver.save_soon()  # and what the retry timer did
    assert not saver.busy
    kept = list((app_dirs().data / "unsaved").glob("locked *.md"))
    assert [k.read_text(encoding="utf-8") for k in kept] == ["More. Old words.\n"]
    assert recover_journals(app_dirs().journal_dir, library_dir) == []  # the copy holds them; nothing to replay


def test_a_read_only_piece_named_near_the_limit_still_gets_its_copy(make_window, qtbot, library_dir: Path) -> None:
    """A name of ~250 bytes (accented letters are two bytes each): '(copy DATE)' added to it would
    pass the file system's 255-byte limit; the copy's name is shortened, never the words lost."""
    stem = "Été " * 41  # 246 bytes of UTF-8
    piece = library_dir / f"{stem.strip()}.md"
    piece.write_text("Old words.\n", encoding="utf-8")
    piece.chmod(0o444)
    (library_dir / "other.md").write_text("# Other\n\nSomething else.\n", encoding="utf-8")
    window = make_window(piece)
    type_text(qtbot, window.editor, "Kept. ")
    window.open_path(library_dir / "other.md")
    copies = [p for p in library_dir.iterdir() if p not in (piece, library_dir / "other.md") and p.suffix == ".md"]
    assert [c.read_text(encoding="utf-8") for c in copies] == ["Kept. Old words.\n"]
    assert len(copies[0].name.encode("utf-8")) <= 255
    assert piece.read_text(encoding="utf-8") == "Old words.\n"


def test_the_emergency_copy_of_a_windows_piece_keeps_its_encoding_and_line_endings(make_window, qtbot,
                                                                                   library_dir: Path) -> None:
    """QA round h8: the copy kept when quitting could not save was always UTF-8 with LF endings, so
    a UTF-16 CRLF piece came back beside itself as a file of another kind (the words were there,
    but its program saw one long line, or no BOM)."""
    piece = library_dir / "windows.md"
    original = "\ufeffOld words.\r\nSecond line.\r\n".encode("utf-16-le")
    piece.write_bytes(original)
    piece.chmod(0o444)
    window = make_window(piece)
    type_text(qtbot, window.editor, "More. ")
    qtbot.keyClick(window.editor, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.editor, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)
    kept = list((app_dirs().data / "unsaved").glob("windows *.md"))
    assert [k.read_bytes() for k in kept] == ["\ufeffMore. Old words.\r\nSecond line.\r\n".encode("utf-16-le")]
    assert piece.read_bytes() == original
