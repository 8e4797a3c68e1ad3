"""Half a minute after the writer stops typing, the C heap's free pages go back to the system
(issue #20: the eight-hour soak ended with ~1.5 MB that malloc kept after every save, journal
segment and panel refresh had freed its copy of the text). Armed once per pause, never per key,
and skipped when typing began again before it fired."""

from __future__ import annotations

from pathlib import Path

import pytest

from quill.ui.shell import window as window_module


@pytest.fixture
def quick_pauses(monkeypatch):  # noqa: ANN001, ANN201
    monkeypatch.setattr(window_module, "TYPING_PAUSE_MS", 50)
    monkeypatch.setattr(window_module, "IDLE_TRIM_MS", 150)


def _window_counting_trims(make_window, library_dir: Path):  # noqa: ANN001, ANN202
    """A window on a short piece whose trims are counted (by the edit count each came at)."""
    piece = library_dir / "harbour.md"
    piece.write_text("The boats knocked against the pier.\n", encoding="utf-8")
    window = make_window(piece)
    trims: list[int] = []
    window.trim_heap = lambda: trims.append(window.editor.edits)
    return window, trims


def test_the_heap_is_given_back_once_after_a_pause(quick_pauses, make_window, qtbot, library_dir: Path) -> None:  # noqa: ANN001, ARG001
    window, trims = _window_counting_trims(make_window, library_dir)
    qtbot.keyClicks(window.editor, "Nobody spoke.")
    qtbot.waitUntil(lambda: bool(trims), timeout=5000)
    assert trims == [window.editor.edits]  # after the last key, once
    qtbot.waitUntil(lambda: not window._idle_trim.isActive(), timeout=5000)
    assert len(trims) == 1  # not again while nothing is typed


def test_no_trim_while_the_writer_is_typing_again(quick_pauses, make_window, qtbot, library_dir: Path) -> None:  # noqa: ANN001, ARG001
    window, trims = _window_counting_trims(make_window, library_dir)
    qtbot.keyClicks(window.editor, "Nobody")
    qtbot.waitUntil(lambda: window._idle_trim.isActive(), timeout=5000)  # the pause came; the trim is armed
    window._pause_timer.setInterval(60_000)  # the writer types on: no pause comes to arm it again
    qtbot.keyClicks(window.editor, " spoke")
    qtbot.waitUntil(lambda: not window._idle_trim.isActive(), timeout=5000)  # it fired
    assert trims == []
