"""Issue #21, finding 1: characters beyond U+FFFF must not corrupt crash recovery.

Qt counts positions in UTF-16 units, Python in code points. These tests fail on the code that
recorded Qt positions and replayed them as Python indices (checked by reverting the editor's
conversion: the repro below then recovers '…brown fcat.Keep this line intact.').
"""

from __future__ import annotations

import itertools
import os
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from quill.storage.journal import read_journal
from quill.storage.recovery import recover_journals
from quill.utf16 import utf16_from_index, what_the_page_cannot_keep
from tests.ui.keys import type_text

REPRO = "🙂 Notes\n\nThe quick brown fox.\nKeep this line intact.\n"


def _crash_copy(window, tmp_path: Path) -> Path:  # noqa: ANN001
    """The journal folder as a kill -9 would leave it: everything flushed, nothing cleaned up."""
    keeper = window.documents.journal
    keeper.flush_soon()
    keeper.wait()
    assert keeper.journal is not None and keeper.journal.path.exists()
    folder = tmp_path / "crashed-journals"
    folder.mkdir()
    shutil.copy2(keeper.journal.path, folder / keeper.journal.path.name)
    return folder


def test_the_reported_repro_recovers_the_exact_saved_text(make_window, library_dir, qtbot, tmp_path):
    piece = library_dir / "notes.md"
    piece.write_text(REPRO, encoding="utf-8")
    window = make_window(piece)
    editor = window.editor
    qtbot.keyClick(editor, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_End):
        qtbot.keyClick(editor, key)
    for _ in range(4):
        qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    type_text(qtbot, editor, "cat.")
    expected = "🙂 Notes\n\nThe quick brown cat.\nKeep this line intact.\n"
    assert editor.raw_text() == expected
    window.documents.save_now()
    qtbot.waitUntil(lambda: piece.read_text(encoding="utf-8") == expected, timeout=5000)
    folder = _crash_copy(window, tmp_path)
    assert read_journal(next(folder.glob("*.journal"))).text == expected
    recover_journals(folder, tmp_path / "fallback")
    assert piece.read_text(encoding="utf-8") == expected  # nothing "recovered" over the saved piece


def test_typing_after_an_emoji_at_the_end_replays_exactly(make_window, library_dir, qtbot, tmp_path):
    piece = library_dir / "wave.md"
    piece.write_text("Surf 🌊", encoding="utf-8")
    window = make_window(piece)
    editor = window.editor
    editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(qtbot, editor, " and more 𝑥 words\nnew line")
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    contents = read_journal(next(_crash_copy(window, tmp_path).glob("*.journal")))
    assert contents.verified, contents.problem
    assert contents.text == editor.raw_text() == "Surf 🌊 and more 𝑥 words\nnew lin"


# -- model-based: random edit sequences through the real editor over hostile texts -------------
hostile_chars = st.sampled_from(
    list("ab cé\n") + ["🙂", "🌊", "𝑥", "\U00020000", "e\u0301", "\u05e9\u05dc\u05d5\u05dd", "\r\n", "\r",
                       "\u2028", "\u2029", "\ufdd0", "\U0010fff0", "\u00a0", "—"])
hostile_text = st.lists(hostile_chars, max_size=30).map("".join)

operations = st.lists(
    st.one_of(
        st.tuples(st.just("type"), st.floats(0, 1), hostile_text.filter(bool)),
        st.tuples(st.just("paste"), st.floats(0, 1), hostile_text.filter(bool)),
        st.tuples(st.just("select-delete"), st.floats(0, 1), st.integers(1, 12)),
        st.tuples(st.just("key"), st.floats(0, 1), st.sampled_from(
            ["Backspace", "Delete", "Return", "Shift+Return", "Left", "Right", "Up", "Down"])),
        st.tuples(st.just("undo"), st.just(0.0), st.just(0)),
        st.tuples(st.just("redo"), st.just(0.0), st.just(0)),
        # The whole text replaced outside a load (Qt reports it as two changes of one revision;
        # the journal once recorded only the deletion, and recovery emptied the piece).
        st.tuples(st.just("replace"), st.just(0.0), hostile_text),
    ),
    min_size=1,
    max_size=20,
)

KEYS = {"Backspace": (Qt.Key.Key_Backspace, Qt.KeyboardModifier.NoModifier),
        "Delete": (Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier),
        "Return": (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier),
        "Shift+Return": (Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier),
        "Left": (Qt.Key.Key_Left, Qt.KeyboardModifier.NoModifier),
        "Right": (Qt.Key.Key_Right, Qt.KeyboardModifier.NoModifier),
        "Up": (Qt.Key.Key_Up, Qt.KeyboardModifier.NoModifier),
        "Down": (Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier)}


def _place(editor, where: float) -> QTextCursor:  # noqa: ANN001
    """A cursor at a character boundary (as arrow keys and clicks leave it), never inside a pair.

    Counted on the document's own text: the editor holds U+FDD0 as an astral stand-in, so its
    UTF-16 length differs from raw_text()'s."""
    text = editor.document().toRawText()
    cursor = editor.textCursor()
    cursor.setPosition(utf16_from_index(text, int(where * len(text))))
    editor.setTextCursor(cursor)
    return cursor


def apply_operation(editor, qtbot, action: str, where: float, arg) -> None:  # noqa: ANN001
    """One step of an ``operations`` script, done to the real editor as a writer would."""
    from PySide6.QtCore import QMimeData

    if action == "type":
        _place(editor, where)
        type_text(qtbot, editor, arg)
    elif action == "paste":
        _place(editor, where)
        data = QMimeData()
        data.setText(arg)
        editor.insertFromMimeData(data)
    elif action == "select-delete":
        cursor = _place(editor, where)
        for _ in range(arg):
            cursor.movePosition(QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.KeepAnchor)
        editor.setTextCursor(cursor)
        qtbot.keyClick(editor, Qt.Key.Key_Delete)
    elif action == "key":
        key, modifier = KEYS[arg]
        qtbot.keyClick(editor, key, modifier)
    elif action == "undo":
        editor.undo()
    elif action == "replace":
        editor.setPlainText(arg)
    else:
        editor.redo()


# CI runs a fixed, bounded budget; tests/benchmarks/fuzz_journal.py runs a long one with fresh seeds.
_EXAMPLE = itertools.count()
FUZZ_EXAMPLES = int(os.environ.get("QUILL_FUZZ_EXAMPLES", "30"))
FUZZ_DERANDOMIZE = os.environ.get("QUILL_FUZZ_RANDOM", "") != "1"


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, derandomize=FUZZ_DERANDOMIZE, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(base=hostile_text, script=operations)
def test_journal_replay_equals_the_editor_for_any_edits_over_any_text(make_window, library_dir, qtbot, base, script):
    # A piece of its own per example: a window per library is the rule, and an earlier example's
    # closed window must not be what this one measures.
    piece = library_dir / f"fuzz-{next(_EXAMPLE)}.md"
    piece.write_bytes(("Start. " + base).encode("utf-8"))
    window = make_window(piece)
    editor = window.editor
    # A base the page cannot keep (U+2029; U+FDD0 beside its stand-in U+10FFF0) is not opened into
    # it: the script then writes in a new draft, whose journal must replay just the same.
    assert (window.document is None) == (what_the_page_cannot_keep("Start. " + base) is not None)
    for action, where, arg in script:
        apply_operation(editor, qtbot, action, where, arg)
    keeper = window.documents.journal
    keeper.flush_soon()
    keeper.wait()
    if keeper.journal is not None and keeper.journal.path.exists():
        contents = read_journal(keeper.journal.path)
        assert contents.verified, contents.problem
        assert contents.text == editor.raw_text()
    assert window.close(), window.banner.text()


def test_a_journal_removed_by_another_program_is_started_again(make_window, library_dir, qtbot):
    """Finding 3: flush opened without O_CREAT, so journaling failed for good once the file vanished."""
    piece = library_dir / "gone.md"
    piece.write_text("Base.", encoding="utf-8")
    window = make_window(piece)
    editor = window.editor
    editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(qtbot, editor, " one")
    keeper = window.documents.journal
    keeper.flush_soon()
    keeper.wait()
    keeper.journal.path.unlink()
    type_text(qtbot, editor, " two")
    keeper.flush_soon()
    qtbot.waitUntil(lambda: keeper.journal.path.exists() and not keeper.journal.has_pending, timeout=5000)
    keeper.wait()
    type_text(qtbot, editor, " three")
    keeper.flush_soon()
    keeper.wait()
    assert read_journal(keeper.journal.path).text == "Base. one two three"
    assert "journal" not in window.banner.text()


def test_a_lesser_notice_never_hides_a_journal_warning(make_window, library_dir, qtbot):
    piece = library_dir / "warn.md"
    piece.write_text("Base.", encoding="utf-8")
    window = make_window(piece)
    window.documents.journal.failed.emit("Quill cannot write its recovery journal in /x (disk full).")
    window.show_notice("Saved again: warn.md is safe on disk.", "info", 10, "save")
    assert "recovery journal" in window.banner.text()
    window.show_notice("Quill cannot save warn.md: the disk is full.", "warning", 0, "save")
    window.show_notice("Saved again: warn.md is safe on disk.", "info", 10, "save")
    assert window.banner.text().startswith("Saved again")  # a resolution replaces its own warning
