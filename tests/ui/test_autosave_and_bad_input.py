"""Autosave writes the exact editor text; bad input gets a plain message and nothing is lost."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from quill.storage.textfile import MAX_EDITABLE_BYTES
from tests.ui.keys import open_and_type_at_end, type_text


def test_autosave_puts_the_exact_text_on_disk_within_the_pause(make_window, qtbot, library_dir):
    piece = library_dir / "essay.md"
    piece.write_text("# Essay\n", encoding="utf-8")
    window = open_and_type_at_end(qtbot, make_window, piece, 'Typed words — "quoted"\u00a0and more')
    expected = window.editor.raw_text()
    # the pause window is 1 s; allow generous slack for a loaded CI machine, but no fixed sleep
    qtbot.waitUntil(lambda: piece.read_text(encoding="utf-8") == expected, timeout=5000)
    assert expected.endswith('Typed words — "quoted"\u00a0and more')


def test_continuous_typing_saves_a_long_book_less_often_and_a_short_piece_as_before() -> None:
    """A save's cost grows with the piece, so its interval during non-stop typing does too (flat
    cost per key), between the short piece's 8 s and a minute; pauses still save at once."""
    from quill.ui.document.autosave import LONGEST_WAIT_MS, MAX_WAIT_CHARS, MAX_WAIT_MS, continuous_save_interval_ms

    assert continuous_save_interval_ms(0) == continuous_save_interval_ms(MAX_WAIT_CHARS) == MAX_WAIT_MS
    assert continuous_save_interval_ms(3 * MAX_WAIT_CHARS) == 3 * MAX_WAIT_MS
    assert continuous_save_interval_ms(10**9) == LONGEST_WAIT_MS
    lengths = range(0, 3_000_000, 7919)
    intervals = [continuous_save_interval_ms(n) for n in lengths]
    assert intervals == sorted(intervals)


def test_typing_in_a_long_book_schedules_its_save_by_its_length(make_window, qtbot, library_dir):
    from quill.ui.document.autosave import MAX_WAIT_MS, continuous_save_interval_ms

    for name, length in (("note.md", 2_000), ("book.md", 900_000)):
        piece = library_dir / name
        piece.write_text(("A line of a piece. " * 40 + "\n\n") * (length // 762), encoding="utf-8")
        window = make_window(piece)
        window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
        before = window.editor.text_length()
        type_text(qtbot, window.editor, "More.")
        saver = window.documents.saver
        assert saver._max_wait.isActive()  # started by the first key
        assert saver._max_wait.interval() == continuous_save_interval_ms(before + 1)
        assert (saver._max_wait.interval() == MAX_WAIT_MS) == (name == "note.md")
        qtbot.waitUntil(lambda piece=piece, window=window: piece.read_text(encoding="utf-8")
                        == window.editor.raw_text(), timeout=5000)  # a pause still saves


@pytest.mark.parametrize(("paragraphs", "newline"), [(3, "\n"), (600, "\n"), (600, "\r\n")])  # long: lazily highlighted
def test_highlighting_alone_never_rewrites_an_unchanged_piece(make_window, qtbot, library_dir, paragraphs, newline):
    """Qt counts a new document revision whenever the highlighter re-formats paragraphs (the whole
    pass after a long piece is loaded, a new theme, spelling underlines). None of that is an edit:
    saving on a pause, on focus loss or on quit must leave the file alone, bytes and time."""
    from quill.ui.editor.editor import LAZY_FROM_BLOCKS

    piece = library_dir / "piece.md"
    paragraph = "A paragraph of *the* piece 🖋, with a tpyo,\u2028a line break and שלום.\n\n"
    original = ("# A piece\n\n" + paragraph * paragraphs).replace("\n", newline)
    piece.write_bytes(original.encode("utf-8"))
    stamp = 1_700_000_000_000_000_000
    os.utime(piece, ns=(stamp, stamp))
    window = make_window(piece)
    editor = window.editor
    qtbot.waitUntil(lambda: not editor.highlighter.pending, timeout=5000)  # the whole pass, after the paint
    if paragraphs * 2 >= LAZY_FROM_BLOCKS:  # loaded lazily: the passes after loading moved Qt's revision
        assert editor.document().revision() > editor.text_revision
    revision = editor.document().revision()
    window.view.cycle_theme()  # every paragraph re-formatted
    assert editor.document().revision() != revision  # Qt counted it (otherwise this proves nothing)
    saver = window.documents.saver
    assert not saver.is_dirty(editor.text_revision)
    saver.save_soon()
    window.documents.may_close()  # what quitting does: flush
    window.close()
    assert piece.stat().st_mtime_ns == stamp
    assert piece.read_bytes() == original.encode("utf-8")


def test_untitled_draft_is_saved_into_the_library(make_window, qtbot, library_dir):
    window = make_window()
    qtbot.keyClicks(window.editor, "A first line")
    qtbot.waitUntil(lambda: any(library_dir.glob("*.md")), timeout=5000)
    saved = next(library_dir.glob("*.md"))
    qtbot.waitUntil(lambda: saved.read_text(encoding="utf-8") == "A first line", timeout=5000)
    assert saved.name.startswith("Untitled draft")


def test_ctrl_s_and_quit_save_without_asking(make_window, qtbot, library_dir):
    piece = library_dir / "quick.md"
    window = make_window(piece)  # created when missing
    assert piece.exists()
    qtbot.keyClicks(window.editor, "saved at once")
    qtbot.keyClick(window.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: piece.read_text(encoding="utf-8") == "saved at once", timeout=3000)
    qtbot.keyClicks(window.editor, " and on quit")
    window.close()
    assert piece.read_text(encoding="utf-8") == "saved at once and on quit"


def test_crlf_and_bom_are_preserved(make_window, qtbot, library_dir):
    piece = library_dir / "windows.md"
    piece.write_bytes(b"\xef\xbb\xbfline one\r\nline two\r\n")
    window = make_window(piece)
    assert window.editor.raw_text() == "line one\nline two\n"
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(window.editor, "three")
    window.close()
    assert piece.read_bytes() == b"\xef\xbb\xbfline one\r\nline two\r\nthree"


@pytest.mark.parametrize(
    ("content", "phrase"),
    [
        (b"caf\xe9 au lait\n", "not valid UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ],
)
def test_unreadable_files_are_refused_and_untouched(make_window, qtbot, library_dir, content, phrase):
    piece = library_dir / "odd.md"
    piece.write_bytes(content)
    window = make_window(piece)
    assert phrase in window.banner.text()
    qtbot.keyClicks(window.editor, "new words")
    window.close()
    assert piece.read_bytes() == content  # never overwritten
    drafts = [p for p in library_dir.glob("*.md") if p != piece]
    assert [p.read_text(encoding="utf-8") for p in drafts] == ["new words"]  # and nothing lost


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("One.\u2029Two.\n", "paragraph separator (U+2029)"),
        # Qt's frame marker beside the character Quill holds in its place: the page cannot keep both
        # (it showed, and saved, a line break for the marker).
        ("One.\ufdd0Two. \U0010fff0\n", "U+FDD0 or U+FDD1"),
        ("One.\ufdd1Two. \U0010fff1\n", "U+FDD0 or U+FDD1"),
    ],
)
def test_characters_the_page_cannot_keep_are_refused_and_untouched(make_window, qtbot, library_dir, text, phrase):
    piece = library_dir / "odd.md"
    piece.write_bytes(text.encode("utf-8"))
    window = make_window(piece)
    assert window.document is None
    assert phrase in window.banner.text() and "odd.md" in window.banner.text()
    qtbot.keyClicks(window.editor, "new words")
    window.close()
    assert piece.read_bytes() == text.encode("utf-8")  # never overwritten
    drafts = [p for p in library_dir.glob("*.md") if p != piece]
    assert [p.read_text(encoding="utf-8") for p in drafts] == ["new words"]  # and nothing lost


def test_another_programs_version_the_page_cannot_keep_is_not_loaded(make_window, qtbot, library_dir):
    """Reloaded, its U+2029 would have become a line break in the page and in the next save. The
    writer's words stay, and the other version is kept beside the piece byte for byte."""
    piece = library_dir / "synced.md"
    piece.write_text("Version one.", encoding="utf-8")
    window = make_window(piece)
    theirs = "Version two,\u2029from the laptop.".encode()
    piece.write_bytes(theirs)
    os.utime(piece, ns=(1, 1))
    window.check_disk()
    assert window.editor.raw_text() == "Version one."
    assert "cannot read the new version" in window.banner.text() and "U+2029" in window.banner.text()
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(window.editor, " Mine.")
    window.close()
    assert piece.read_text(encoding="utf-8") == "Version one. Mine."
    conflicts = list(library_dir.glob("synced (conflict *).md"))
    assert [c.read_bytes() for c in conflicts] == [theirs]


def test_huge_file_gets_a_plain_message(make_window, library_dir):
    piece = library_dir / "huge.md"
    with open(piece, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    assert piece.stat().st_size > MAX_EDITABLE_BYTES
    window = make_window(piece)
    assert "50 MB" in window.banner.text() and "too large" in window.banner.text()
    assert piece.stat().st_size == 50 * 1024 * 1024


def test_folder_passed_as_a_file(make_window, library_dir):
    folder = library_dir / "a folder.md"
    folder.mkdir()
    window = make_window(folder)
    assert "is a folder" in window.banner.text()
    assert folder.is_dir()


def test_vanished_folder_keeps_edits_and_saving_resumes(make_window, qtbot, tmp_path):
    drive = tmp_path / "usb-stick"
    drive.mkdir()
    piece = drive / "story.md"
    piece.write_text("Start.", encoding="utf-8")
    window = make_window(piece)
    window.documents.saver._retry.setInterval(100)  # retry quickly in the test; the mechanism is the real one
    backup = tmp_path / "backup"
    shutil.move(drive, backup)  # the drive is unplugged
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(window.editor, " More.")
    qtbot.keyClick(window.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "gone" in window.banner.text(), timeout=5000)
    assert window.editor.raw_text() == "Start. More."
    shutil.move(backup, drive)  # plugged back in
    qtbot.waitUntil(lambda: piece.read_text(encoding="utf-8") == "Start. More.", timeout=5000)
    qtbot.waitUntil(lambda: "Saved again" in window.banner.text(), timeout=5000)


class _ReadOnly:
    """Make a folder truly read-only, also for root (who ignores permission bits): a read-only bind mount."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.mounted = False

    def __enter__(self) -> _ReadOnly:
        if os.geteuid() == 0:
            bind = subprocess.run(["mount", "--bind", str(self.folder), str(self.folder)], capture_output=True)
            if bind.returncode != 0:
                pytest.skip("running as root without permission to mount: cannot make a folder read-only")
            self.mounted = True
            ro = subprocess.run(["mount", "-o", "remount,bind,ro", str(self.folder)], capture_output=True)
            if ro.returncode != 0:
                self.__exit__()
                pytest.skip("cannot remount read-only here")
        else:
            self.folder.chmod(0o555)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.mounted:
            subprocess.run(["umount", str(self.folder)], check=True)
            self.mounted = False
        else:
            self.folder.chmod(0o755)


def test_read_only_folder_keeps_edits_and_retries(make_window, qtbot, tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    piece = folder / "piece.md"
    piece.write_text("Old.", encoding="utf-8")
    window = make_window(piece)
    window.documents.saver._retry.setInterval(100)
    with _ReadOnly(folder):
        qtbot.keyClicks(window.editor, "New. ")
        qtbot.keyClick(window.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: "read-only" in window.banner.text() or "not allowed" in window.banner.text(),
                        timeout=5000)
        assert piece.read_text(encoding="utf-8") == "Old."
        assert window.editor.raw_text() == "New. Old."
    # writable again: saving resumes by itself
    qtbot.waitUntil(lambda: piece.read_text(encoding="utf-8") == "New. Old.", timeout=5000)


def test_external_change_without_local_edits_reloads(make_window, qtbot, library_dir):
    piece = library_dir / "synced.md"
    piece.write_text("Version one.", encoding="utf-8")
    window = make_window(piece)
    piece.write_text("Version two, from the laptop.", encoding="utf-8")
    window.check_disk()
    assert window.editor.raw_text() == "Version two, from the laptop."
    assert "changed by another program" in window.banner.text()


def test_external_change_with_local_edits_keeps_both(make_window, qtbot, library_dir):
    piece = library_dir / "both.md"
    piece.write_text("Shared start.", encoding="utf-8")
    window = make_window(piece)
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(window.editor, " Mine.")
    piece.write_text("Shared start. Theirs.", encoding="utf-8")
    os.utime(piece, ns=(1, 1))  # a different mtime, whatever the clock's resolution
    window.close()
    assert piece.read_text(encoding="utf-8") == "Shared start. Mine."
    conflicts = list(library_dir.glob("both (conflict *).md"))
    assert [c.read_text(encoding="utf-8") for c in conflicts] == ["Shared start. Theirs."]


def test_position_is_restored_when_reopening(make_window, qtbot, library_dir):
    piece = library_dir / "long.md"
    piece.write_text("word " * 2000, encoding="utf-8")
    window = make_window(piece)
    cursor = window.editor.textCursor()
    cursor.setPosition(5000)
    window.editor.setTextCursor(cursor)
    window.close()
    again = make_window(Path(piece))
    assert again.editor.textCursor().position() == 5000


def test_save_as_moves_writing_to_the_new_file(make_window, qtbot, library_dir, tmp_path):
    piece = library_dir / "first.md"
    piece.write_text("Draft.", encoding="utf-8")
    window = make_window(piece)
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(window.editor, " More.")
    elsewhere = tmp_path / "elsewhere" / "copy"
    assert window.save_as(elsewhere)
    copy = elsewhere.with_suffix(".md")
    assert copy.read_text(encoding="utf-8") == "Draft. More."
    qtbot.keyClicks(window.editor, " Later.")
    window.close()
    assert copy.read_text(encoding="utf-8") == "Draft. More. Later."


def test_very_long_and_unicode_names(make_window, qtbot, library_dir):
    too_long = library_dir / ("é" * 200 + ".md")  # 400 bytes: over the file system's name limit
    window = make_window(too_long)
    assert "could not create" in window.banner.text()
    qtbot.keyClicks(window.editor, "kept")
    window.close()
    assert [p.read_text(encoding="utf-8") for p in library_dir.glob("Untitled*.md")] == ["kept"]
    named = library_dir / "Ünïcödé — 日本語 ✍.md"
    again = make_window(named)
    qtbot.keyClicks(again.editor, "words")
    again.close()
    assert named.read_text(encoding="utf-8") == "words"


def test_an_external_edit_is_noticed_without_any_action(make_window, qtbot, library_dir):
    piece = library_dir / "watched.md"
    piece.write_text("Mine.", encoding="utf-8")
    window = make_window(piece)
    qtbot.keyClicks(window.editor, "Typed. ")
    qtbot.keyClick(window.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: piece.read_text(encoding="utf-8") == "Typed. Mine.", timeout=5000)
    piece.write_text("Rewritten by a sync tool.", encoding="utf-8")  # after our own (atomic) save
    qtbot.waitUntil(lambda: window.editor.raw_text() == "Rewritten by a sync tool.", timeout=5000)


def test_an_unforeseen_error_while_saving_is_told_and_retried(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    """A save that fails with something no one foresaw (here the writer raises RuntimeError) is a
    failed save like any other: reported with its reason, retried, and flush returns it rather
    than raising at quit. Before, the error came out of the worker's result in the event loop and
    the outcome was never applied."""
    from quill.storage.document import DocumentFile, save_keeping_both
    from quill.ui.document.autosave import AutoSaver

    path = tmp_path / "piece.md"
    path.write_text("before\n", encoding="utf-8")
    calls = []

    def writer(document, text):  # noqa: ANN001, ANN202
        calls.append(text)
        if len(calls) == 1:
            raise RuntimeError("something unforeseen")
        return save_keeping_both(document, text)

    text = {"now": ("after\n", 2)}
    saver = AutoSaver(lambda: text["now"], writer=writer)
    document, _ = DocumentFile.open(path)
    saver.attach(document, 1)
    with qtbot.waitSignal(saver.failed, timeout=5000) as failed:
        saver.save_soon()
    assert "something unforeseen" in failed.args[0].error and "piece.md" in failed.args[0].error
    assert saver.last_error and saver._retry.isActive()  # a retry is on its way
    outcome = saver.flush()  # what quitting does: the save again, on this thread
    assert outcome is not None and outcome.error is None
    assert path.read_text(encoding="utf-8") == "after\n" and saver.last_error is None
    saver.shutdown()


def test_a_library_operation_that_leaves_such_characters_is_not_shown(make_window, qtbot, library_dir):
    """A version restored or a conflict resolved into text the page cannot keep: the page keeps the
    writer's words and says so, rather than showing (and later saving) line breaks in their place."""
    piece = library_dir / "kept.md"
    piece.write_text("The writer's words.", encoding="utf-8")
    window = make_window(piece)
    written = "Another text,\u2029with a separator.".encode()
    assert not window.library._apply(lambda path: path.write_bytes(written))
    assert window.editor.raw_text() == "The writer's words."
    assert "could not reopen kept.md" in window.banner.text() and "U+2029" in window.banner.text()
    assert piece.read_bytes() == written  # what the operation wrote stays as it wrote it
