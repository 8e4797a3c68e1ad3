"""Clock jumps and suspend/resume in a real window: saves, the journal, sessions and versions stay whole.

Every clock the window uses is injected (tests/sessions/helpers.Clocks): monotonic time for the
window, the session recorder and retention; wall time for sessions and version stamps. Between
two stretches of real typing the wall clock is set back, set forward, or the machine "sleeps"
(monotonic time stands still while wall time runs on; or, as on systems whose monotonic clock
counts sleep, both jump). Then:

- autosave still writes exactly the editor's text to the piece;
- the recovery journal still replays to exactly the editor's text;
- every session in sessions.sqlite3 has a sane duration (never negative, never longer than the
  monotonic time that really passed while writing) and the words add up;
- every version of the piece is kept, with unique ids in the order they were taken.
"""

from __future__ import annotations

import datetime as _dt

import pytest

from quill.library.snapshots import MANUAL, SESSION, SnapshotStore
from quill.sessions.store import SessionStore
from quill.storage.journal import read_journal
from quill.textstats import count_words
from tests.sessions.helpers import Clocks, at, utc
from tests.ui.keys import type_text

pytest.importorskip("pytestqt")

HOUR = 3600.0
START = "Morning pages.\n\n"


def set_back(clocks: Clocks) -> None:
    clocks.wall_time -= 2 * HOUR  # NTP or the writer corrects a clock that ran fast


def set_forward(clocks: Clocks) -> None:
    clocks.wall_time += 3 * 24 * HOUR  # a clock reset to a wrong date


def suspend(clocks: Clocks) -> None:
    clocks.wall_time += 8 * HOUR  # Linux: CLOCK_MONOTONIC stands still while the laptop sleeps


def suspend_both(clocks: Clocks) -> None:
    clocks.advance(8 * HOUR)  # macOS/Windows-style: monotonic time counts the sleep too


def back_then_forward(clocks: Clocks) -> None:
    clocks.wall_time -= 5 * HOUR
    clocks.wall_time += 5 * HOUR + 90  # corrected again, a minute and a half later than before


JUMPS = {
    "wall clock set back": (set_back, 1),
    "wall clock set forward": (set_forward, 3),
    "suspend, monotonic still": (suspend, 3),
    "suspend, both clocks": (suspend_both, 3),
    "set back then forward": (back_then_forward, 1),
}


def typing(qtbot, window, clocks: Clocks, text: str) -> None:  # noqa: ANN001
    for char in text:
        clocks.advance(1.0)
        type_text(qtbot, window.editor, char)


def saved(qtbot, window, piece) -> None:  # noqa: ANN001
    """Wait for autosave (after its one-second pause) to put exactly the editor's text on disk."""
    saver = window.documents.saver
    qtbot.waitUntil(lambda: not saver.busy and piece.read_text(encoding="utf-8") == window.editor.raw_text(),
                    timeout=5000)


def journal_replays(window) -> str:  # noqa: ANN001
    window.documents.journal.flush_soon()
    window.documents.journal.wait()
    return read_journal(window.documents.journal.journal.path).text


@pytest.mark.parametrize("jump", list(JUMPS), ids=list(JUMPS))
def test_a_clock_jump_between_edits_corrupts_nothing(qtbot, make_window, library_dir, jump):  # noqa: ANN001
    move_clocks, expected_sessions = JUMPS[jump]
    clocks = Clocks(at(2024, 3, 9, 10))
    piece = library_dir / "piece.md"
    piece.write_text(START, encoding="utf-8")
    window = make_window(piece, clock=clocks.monotonic,
                         sessions_options=dict(wall=clocks.wall, utc_offset=utc, flush_ms=3_600_000))
    controller = window.library
    controller.clock = clocks.monotonic
    store = controller.library.snapshots
    controller.library.snapshots = SnapshotStore(
        store.folder, controller.library.root, clock=lambda: _dt.datetime.fromtimestamp(clocks.wall_time),
        monotonic=clocks.monotonic)
    mono_start = clocks.mono

    typing(qtbot, window, clocks, "The first words arrive. ")
    saved(qtbot, window, piece)
    window.commands.run("snapshot")  # a version kept by hand before the jump
    before = window.editor.raw_text()
    clocks.advance(30)

    move_clocks(clocks)
    mono_jumped = clocks.mono

    typing(qtbot, window, clocks, "More of them after the jump.")
    assert journal_replays(window) == window.editor.raw_text()
    saved(qtbot, window, piece)
    assert journal_replays(window) == window.editor.raw_text()
    window.commands.run("snapshot")
    after = window.editor.raw_text()
    clocks.advance(10)
    move_clocks(clocks)  # and once more, with a version already stamped on the far side of the jump
    typing(qtbot, window, clocks, " Done.")
    saved(qtbot, window, piece)
    window.commands.run("snapshot")
    final = window.editor.raw_text()
    assert piece.read_text(encoding="utf-8") == final

    # Versions: nothing overwritten or thinned out, ids unique and in the order taken.
    versions = list(reversed(controller.library.versions(piece)))  # oldest first
    assert [(v.reason, v.read()) for v in versions] == [(SESSION, START), (MANUAL, before), (MANUAL, after),
                                                         (MANUAL, final)]
    ids = [v.id for v in versions]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)

    window.close()
    window.sessions.shutdown()
    rows = SessionStore(window.sessions.store.path).sessions()
    writing = (mono_jumped - mono_start) + (clocks.mono - mono_jumped)
    if move_clocks is suspend_both:
        writing -= 2 * 8 * HOUR  # the machine slept; that was no writing
    assert len(rows) == expected_sessions
    for row in rows:
        duration = row.end - row.start
        assert 0 <= duration <= writing
        assert 0 <= row.active_seconds <= duration
    for earlier, later in zip(rows, rows[1:], strict=False):
        assert later.start >= earlier.end  # a session after a jump never lies inside the one before
    net = sum(r.words_added + r.words_pasted - r.words_deleted for r in rows)
    assert net == count_words(final) - count_words(START)


@pytest.mark.parametrize("jump", ["suspend, monotonic still", "idle"])
def test_a_new_session_after_a_suspend_keeps_a_version_before_its_first_change(qtbot, make_window, library_dir,
                                                                                 jump):  # noqa: ANN001
    clocks = Clocks(at(2024, 3, 9, 22))
    piece = library_dir / "piece.md"
    piece.write_text(START, encoding="utf-8")
    window = make_window(piece, clock=clocks.monotonic,
                         sessions_options=dict(wall=clocks.wall, utc_offset=utc, flush_ms=3_600_000))
    typing(qtbot, window, clocks, "Late at night. ")
    saved(qtbot, window, piece)
    evening = window.editor.raw_text()
    if jump == "idle":
        clocks.advance(3 * HOUR)  # the writer went to bed with Quill open
    else:
        suspend(clocks)  # the lid was closed overnight
    typing(qtbot, window, clocks, "Next morning. ")
    saved(qtbot, window, piece)
    versions = list(reversed(window.library.library.versions(piece)))
    assert [(v.reason, v.read()) for v in versions] == [(SESSION, START), (SESSION, evening)]
    window.close()
