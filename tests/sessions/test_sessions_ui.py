"""Real edits through the editor (key events, paste, backspace) with injected clocks."""

from __future__ import annotations

import datetime as _dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from quill.sessions.goals import Goal
from quill.ui.sessions.controller import install_sessions
from tests.sessions.helpers import Clocks, at, utc
from tests.ui.keys import type_text

pytest.importorskip("pytestqt")


@pytest.fixture
def setup(make_window, library_dir):
    def build(wall: float = at(2024, 3, 9, 10), **kw):
        clocks = Clocks(wall)
        piece = library_dir / "piece.md"
        window = make_window(piece, clock=clocks.monotonic,
                             sessions_options=dict(wall=clocks.wall, utc_offset=utc, flush_ms=3_600_000, **kw))
        controller = window.sessions
        return window, controller, clocks
    return build


def typing(qtbot, window, clocks, text: str, gap: float = 1.0) -> None:
    for ch in text:
        clocks.advance(gap)
        type_text(qtbot, window.editor, ch)


def test_words_added_deleted_and_pasted_counted_exactly(qtbot, setup):
    window, controller, clocks = setup()
    typing(qtbot, window, clocks, "one two three ")
    for _ in range(6):  # backspace "three " -> "one two "
        clocks.advance(1)
        qtbot.keyClick(window.editor, Qt.Key.Key_Backspace)
    QApplication.clipboard().setText("four five six seven")
    clocks.advance(1)
    qtbot.keyClick(window.editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "seven" in window.editor.raw_text())
    typing(qtbot, window, clocks, " eight")
    controller.shutdown()
    (row,) = controller.store.sessions()
    assert window.editor.raw_text() == "one two four five six seven eight"
    assert (row.words_added, row.words_deleted, row.words_pasted) == (4, 1, 4)
    assert row.net_words == 7
    assert row.chars_pasted == len("four five six seven") and row.chars_added == len("one two three ") + 6
    (piece,) = controller.store.piece_sessions()
    assert piece.piece == str(window.document.path) and piece.title == "piece" and piece.words_pasted == 4


def test_session_boundaries_at_the_idle_threshold_through_the_editor(qtbot, setup):
    window, controller, clocks = setup()
    typing(qtbot, window, clocks, "first words ")
    clocks.advance(599)  # a long pause, still within ten minutes
    typing(qtbot, window, clocks, "more ")
    clocks.advance(601)  # gone for more than ten minutes
    typing(qtbot, window, clocks, "again ")
    clocks.advance(601)
    controller._tick()  # the tick ends the idle session without another edit
    assert controller.recorder.current is None
    rows = controller.store.sessions()
    assert [r.words_added for r in rows] == [3, 1]
    # the 600 s pause is excluded from active time (typing "more " began with that gap)
    assert rows[0].active_seconds == (len("first words ") - 1) + (len("more ") - 1)
    assert rows[1].start - rows[0].end >= 601


def test_opening_a_piece_is_not_writing(qtbot, setup, library_dir):
    other = library_dir / "other.md"
    other.write_text("Plenty of words already in this other piece.\n", encoding="utf-8")
    window, controller, clocks = setup()
    typing(qtbot, window, clocks, "hello ")
    window.open_path(other)
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    typing(qtbot, window, clocks, "added ")
    controller.shutdown()
    (row,) = controller.store.sessions()
    assert row.words_added == 2 and row.words_pasted == 0
    assert {p.piece: p.words_added for p in controller.store.piece_sessions()} == {
        str(library_dir / "piece.md"): 1, str(other): 1}


def test_session_spanning_midnight_with_a_4am_day_start(qtbot, setup):
    window, controller, clocks = setup(wall=at(2024, 3, 9, 23, 58))
    controller.set_daily_goal(Goal("words", 3), day_start_hour=4)
    typing(qtbot, window, clocks, "late ", gap=30)  # 23:58:30 .. 00:00:30
    typing(qtbot, window, clocks, "night ", gap=30)
    assert window.status._goal_text.startswith("today 2 of 3")
    typing(qtbot, window, clocks, "words ", gap=30)
    qtbot.waitUntil(lambda: "goal is met" in window.banner.text())
    controller.shutdown()
    (row,) = controller.store.sessions()
    assert row.words_added == 3
    assert _dt.datetime.fromtimestamp(row.end, _dt.UTC).date() == _dt.date(2024, 3, 10)
    assert controller.today() == _dt.date(2024, 3, 9)  # 00:08 is still the evening of the 9th
    assert controller.streaks().current == 1


def test_session_goal_in_minutes_shows_progress_and_a_gentle_notice(qtbot, setup, monkeypatch):
    window, controller, clocks = setup()
    monkeypatch.setattr("quill.ui.sessions.controller.ask_text", lambda *a, **k: "2 minutes")
    window.commands.run("session_goal")
    assert controller.session_goal == Goal("minutes", 2)
    typing(qtbot, window, clocks, "a" * 60, gap=1)
    assert 0.45 < window.status._goal_fraction < 0.55
    assert "Session goal" not in window.banner.text()
    typing(qtbot, window, clocks, "b" * 61, gap=1)
    assert window.status._goal_fraction == 1.0
    qtbot.waitUntil(lambda: "Session goal reached: 2 min" in window.banner.text())
    window.commands.run("session_goal_clear")
    assert window.status._goal_fraction is None


def test_word_goal_ignores_pasted_words(qtbot, setup, monkeypatch):
    window, controller, clocks = setup()
    monkeypatch.setattr("quill.ui.sessions.controller.ask_text", lambda *a, **k: "3 words")
    window.commands.run("session_goal")
    QApplication.clipboard().setText("many many pasted words here ")
    qtbot.keyClick(window.editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.status._goal_fraction == 0.0
    typing(qtbot, window, clocks, "one two ")
    assert window.status._goal_text.startswith("2 of 3 words")


def test_daily_goal_command_and_bad_answer(qtbot, setup, monkeypatch):
    window, controller, clocks = setup()
    monkeypatch.setattr("quill.ui.sessions.controller.ask_text", lambda *a, **k: "lots")
    window.commands.run("daily_goal")
    assert "did not understand" in window.banner.text() and controller.settings.daily is None
    monkeypatch.setattr("quill.ui.sessions.controller.ask_text", lambda *a, **k: "30 minutes")
    window.commands.run("daily_goal")
    assert controller.settings.daily == Goal("minutes", 30)


def test_install_is_idempotent_and_flushes_on_close(qtbot, setup):
    window, controller, clocks = setup()
    assert install_sessions(window) is controller
    typing(qtbot, window, clocks, "kept ")
    window.close()
    assert controller.store.sessions()[0].words_added == 1


def test_flush_timer_writes_the_open_session(qtbot, make_window, library_dir):
    window = make_window(library_dir / "p.md", sessions_options={"flush_ms": 50})
    controller = window.sessions
    type_text(qtbot, window.editor, "timed flush ")
    qtbot.waitUntil(lambda: controller.store.count() == 1 and controller.store.sessions()[0].words_added == 2,
                    timeout=3000)


def test_fast_typing_is_counted_as_a_burst_with_each_edit_at_its_own_moment(qtbot, setup, monkeypatch):
    """At typing speed edits wait to be counted together; the counts, the active time and the
    goal mark come out exactly as if each key had been counted on its own."""
    window, controller, clocks = setup()
    monkeypatch.setattr("quill.ui.sessions.controller.ask_text", lambda *a, **k: "6 words")
    window.commands.run("session_goal")
    typing(qtbot, window, clocks, "one two three ", gap=0.1)
    QApplication.clipboard().setText("four five ")
    clocks.advance(0.1)
    qtbot.keyClick(window.editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    typing(qtbot, window, clocks, "six", gap=0.1)
    qtbot.keyClick(window.editor, Qt.Key.Key_Backspace)
    assert controller._queue, "keys typed 0.1 s apart wait to be counted together"
    # Nothing read the counts: the goal mark still catches up by itself, promptly.
    qtbot.waitUntil(lambda: window.status._goal_text.startswith("4 of 6 words"), timeout=2000)
    assert not controller._queue
    session = controller.recorder.current
    assert (session.tally.words_added, session.tally.words_pasted) == (4, 2)
    assert session.tally.chars_added == len("one two three six") and session.tally.chars_deleted == 1
    # 17 keys and a paste, 0.1 s apart: the first starts the session, the rest add their gaps
    assert session.active_seconds == pytest.approx(0.1 * 17)


def test_the_first_key_after_opening_a_piece_does_not_copy_the_whole_text(qtbot, make_window, library_dir, monkeypatch):
    """The session counter mirrors a loaded piece right after the load, not at the writer's first key."""
    window = make_window()
    reads: list[int] = []
    original = window.editor.raw_text
    monkeypatch.setattr(window.editor, "raw_text", lambda: (reads.append(1), original())[1])
    piece = library_dir / "book.md"
    piece.write_text("Some words already here.\n\n" * 50, encoding="utf-8")
    window.open_path(piece)
    qtbot.waitUntil(lambda: len(reads) >= 1, timeout=2000)  # the mirror taken in after the load
    reads.clear()
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    type_text(qtbot, window.editor, "Two more.")
    assert reads == []
    assert window.sessions.since_launch().words_added == 2


def test_todays_goal_is_announced_once_a_day_not_at_every_launch(qtbot, setup):
    window, controller, clocks = setup(wall=at(2024, 3, 9, 10))
    controller.set_daily_goal(Goal("words", 2))
    typing(qtbot, window, clocks, "two words ")
    qtbot.waitUntil(lambda: "goal is met" in window.banner.text())
    assert window.state.announced["daily_goal"] == "2024-03-09"
    # a second launch the same day (same state, goal still met): nothing greets the writer
    window.banner.hide()
    controller._daily_announced = None  # what a fresh controller starts with
    controller.update_goal_mark()
    assert window.banner.text() == ""


def test_moving_ones_own_sentence_by_cut_and_paste_is_not_pasted(qtbot, setup):
    window, controller, clocks = setup()
    typing(qtbot, window, clocks, "First sentence here. Second one. ")
    editor = window.editor
    cursor = editor.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(len("First sentence here. "), cursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    clocks.advance(1)
    qtbot.keyClick(editor, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    clocks.advance(1)
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: editor.raw_text() == "Second one. First sentence here. ")
    QApplication.clipboard().setText("someone else's words")
    clocks.advance(1)
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    controller.shutdown()
    (row,) = controller.store.sessions()
    assert row.words_pasted == 3  # only the words that came from elsewhere


@pytest.mark.parametrize("command", ["daily_goal", "session_goal"])
def test_a_valid_goal_ends_the_did_not_understand_notice(qtbot, setup, command: str) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QLineEdit

    from tests.ui.modal import answering

    window, controller, _clocks = setup()

    def answer_with(text: str):  # noqa: ANN202
        def answer(dialog) -> None:  # noqa: ANN001
            field = dialog.findChild(QLineEdit)
            field.selectAll()
            qtbot.keyClicks(field, text)
            qtbot.keyClick(field, Qt.Key.Key_Return)
        return answer

    answering(qtbot, [answer_with("lots")], lambda: window.commands.run(command))
    assert "did not understand “lots”" in window.banner.text()
    answering(qtbot, [answer_with("300 words")], lambda: window.commands.run(command))
    assert "did not understand" not in window.banner.text()
    assert Goal("words", 300) in (controller.settings.daily, controller.session_goal)
