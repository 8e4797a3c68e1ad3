"""A piece reopened unchanged shows its saved figures without analysing it again (issue 20)."""

from __future__ import annotations

from quill.voice import analyze
from quill.voice.panel_cache import FOLDER
from tests.ui.keys import type_text

TEXT = ("# Notes\n\nThe river ran under the stone bridge. Short one. We delve into the rich tapestry of "
        "ideas, highlighting each. Then the lamp went out; morning came — and with it, music.\n\n") * 40


def test_a_remembered_open_panel_shows_saved_figures_then_edits_stay_exact(qtbot, panel_window, tmp_path):  # noqa: ANN001
    piece = tmp_path / "piece.md"
    piece.write_text(TEXT, encoding="utf-8")

    window, panel = panel_window(piece)
    qtbot.waitUntil(lambda: panel.data is not None and panel.data.report.words > 500, timeout=10000)
    first = panel.data.report
    assert panel.controller.full_analyses == 1 and panel.controller.from_cache == 0
    cache = window.dirs.cache / FOLDER
    qtbot.waitUntil(lambda: cache.is_dir() and any(cache.iterdir()), timeout=5000)  # saved after the analysis
    window.close()

    # Launch again on the same, unchanged piece: figures at once, and no analysis ran to get them.
    window, panel = panel_window(piece)
    controller = panel.controller
    qtbot.waitUntil(lambda: panel.data is not None and panel.data.text_length == len(TEXT), timeout=10000)
    assert controller.from_cache == 1 and controller.full_analyses == 0
    assert panel.data.report == first
    assert controller._analyzer.piece_cold  # noqa: SLF001 - the engine never saw the piece
    assert panel.strip.bar_heights() == list(panel.data.strip_lengths) and panel.data.strip_lengths
    assert panel.gauges["burstiness"].text != "not enough text yet"

    # The first edit after a cached open: the figures are a fresh analysis of the edited text.
    editor = window.editor
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    type_text(qtbot, editor, "A new sentence here, typed after the reopening. ")
    edited = editor.raw_text()
    assert edited != TEXT
    qtbot.waitUntil(lambda: panel.data.text_length == len(edited), timeout=10000)
    assert controller.full_analyses == 1
    assert panel.data.report == analyze(edited)
    # and the next edit is incremental, still exact
    type_text(qtbot, editor, "One more. ")
    edited = editor.raw_text()
    qtbot.waitUntil(lambda: panel.data.text_length == len(edited), timeout=10000)
    assert controller.full_analyses == 1 and panel.data.report == analyze(edited)


def test_closing_the_window_keeps_the_latest_analysis(qtbot, panel_window, tmp_path):  # noqa: ANN001
    piece = tmp_path / "piece.md"
    piece.write_text(TEXT, encoding="utf-8")
    window, panel = panel_window(piece)
    qtbot.waitUntil(lambda: panel.data is not None and panel.data.report.words > 500, timeout=10000)
    type_text(qtbot, window.editor, "Typed before closing. ")
    edited = window.editor.raw_text()
    qtbot.waitUntil(lambda: panel.data.text_length == len(edited) and not panel.controller._busy,  # noqa: SLF001
                    timeout=10000)
    window.close()  # saves the piece, and the panel its latest analysis

    window, panel = panel_window(piece)
    assert window.editor.raw_text() == edited
    qtbot.waitUntil(lambda: panel.data is not None and panel.data.text_length == len(edited), timeout=10000)
    assert panel.controller.from_cache == 1 and panel.controller.full_analyses == 0
    assert panel.data.report == analyze(edited)
