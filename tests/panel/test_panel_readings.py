"""The panel in plain words: what was measured, readings beside gauges, the score's range and
reasons, habit categories, block quotes on request, and marks that stay put after an emoji."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt

from tests.panel.test_panel import wait_for_data
from tests.ui.keys import type_text

DATA = Path(__file__).resolve().parents[1] / "voice" / "data"


def passages(kind: str) -> list[str]:
    rows = [json.loads(line) for line in (DATA / "own_passages.jsonl").read_text(encoding="utf-8").splitlines()]
    return [r["text"] for r in rows if r["kind"] == kind]


def test_the_panel_says_what_it_measured_and_why_not_the_rest(qtbot, panel_window, library_dir):  # noqa: ANN001
    text = ("# Receipts\n\n" + passages("fragmentary")[1] + "\n\n> Someone else's words, quoted here at length.\n\n"
            "- four boxes\n- the spring ones\n")
    path = library_dir / "receipts.md"
    path.write_text(text, encoding="utf-8")
    window, panel = panel_window(path)
    wait_for_data(qtbot, panel, lambda d: d.report.words > 150)
    report = panel.data.report
    total = window.editor.word_count()  # the status line's count
    assert panel.scope_label.text() == f"Whole piece · {report.words:,} of {total:,} words measured"
    tip = panel.scope_label.toolTip()
    assert "block quotes: 7 words" in tip and "headings: 1 word" in tip and "list labels: 5 words" in tip
    # the box appears because there is a quote; ticking it counts the quote and is remembered
    assert panel.quotes.isVisible() and not panel.quotes.isChecked()
    before = report.words
    qtbot.mouseClick(panel.quotes, Qt.MouseButton.LeftButton, pos=panel.quotes.rect().center())
    wait_for_data(qtbot, panel, lambda d: d.report.words == before + 7)
    assert window.settings.voice_include_quotes
    assert "block quotes" not in panel.scope_label.toolTip()


def test_gauges_read_in_plain_words_and_the_score_shows_its_range_and_reasons(qtbot, panel_window,  # noqa: ANN001
                                                                           library_dir):
    path = library_dir / "draft.md"
    path.write_text(passages("assistant")[0] + "\n", encoding="utf-8")
    window, panel = panel_window(path)
    wait_for_data(qtbot, panel, lambda d: d.report.machine_likeness is not None)
    for metric, gauge in panel.gauges.items():
        assert gauge.reading, metric
        assert "general human" in gauge.reading or "usual human range" in gauge.reading
    # Punctuation variety reads on its own scale ("2.1 of 3.3"), not in information theory's bits.
    variety = panel.gauges["punctuation_entropy"].text
    assert variety.endswith(" of 3.3") and "bit" not in variety
    assert panel.likeness.reading.startswith("could be ") and panel.likeness.reading.endswith("at this length")
    assert panel.reasons.isVisible()
    lines = panel.reasons.text().splitlines()
    assert lines[0].startswith("What moved it") and 2 <= len(lines) <= 4
    assert any(line.startswith("↑ ") for line in lines[1:])
    assert panel.shares.text().endswith("% long") and "fragments" in panel.shares.text()
    assert panel.legend.text().endswith("machine&nbsp;prose")  # one item never breaks over two lines
    assert panel.legend.text().index("this&nbsp;draft") < panel.legend.text().index("machine")  # the draft first


def test_a_short_draft_shows_no_score_and_no_reasons(qtbot, panel_window):  # noqa: ANN001
    window, panel = panel_window()
    type_text(qtbot, window.editor, "Short. Very short. A few words, no more.")
    wait_for_data(qtbot, panel, lambda d: d.report.sentences == 3)
    assert panel.likeness.text == "not enough text yet" and panel.likeness.reading == ""
    assert not panel.reasons.isVisible()
    assert all(not g.reading for g in panel.gauges.values())
    # Nor a shape read into three sentences: the charts show the references, not the draft's bars.
    assert max(panel.histogram.bars.opts["height"]) == 0
    assert max(panel.palette.bars.opts["width"]) == 0
    # One line says what would be enough, where five empty strips each said "not enough text yet".
    assert panel.too_short.isVisible() and "from 150 words" in panel.too_short.text()
    assert "8 words measured" in panel.scope_label.text()  # how far there is to go
    assert not any(g.isVisible() for g in (*panel.gauges.values(), panel.likeness, panel.legend))
    assert panel.palette_note.isVisible() and "150 words" in panel.palette_note.text()
    assert "from 150 words" in panel.histogram_legend.text()
    # No habits: one line saying so, not an empty box.
    assert [panel.habits.item(i).text() for i in range(panel.habits.count())] == ["No habit words found."]
    assert panel.habits.height() < 2.5 * panel.habits.sizeHintForRow(0)


def test_a_long_enough_draft_draws_its_own_bars(qtbot, panel_window):  # noqa: ANN001
    window, panel = panel_window()
    type_text(qtbot, window.editor, " ".join(passages("fragmentary")[:2]))
    wait_for_data(qtbot, panel, lambda d: d.report.words >= 150)
    assert max(panel.histogram.bars.opts["height"]) > 0
    assert max(panel.palette.bars.opts["width"]) > 0
    assert "from 150 words" not in panel.histogram_legend.text()
    # With enough text the strips come back and the note goes.
    assert all(g.isVisible() for g in (*panel.gauges.values(), panel.likeness, panel.legend))
    assert not panel.too_short.isVisible() and not panel.palette_note.isVisible()


def test_habit_rows_merge_case_and_name_their_category(qtbot, panel_window):  # noqa: ANN001
    window, panel = panel_window()
    type_text(qtbot, window.editor, "Moreover, it rained. It was cold. Moreover, we stayed.")
    wait_for_data(qtbot, panel, lambda d: bool(d.habits))
    rows = panel.habits.rows()
    assert ("moreover", "transition", 2) in rows and ("moreover", "word", 2) in rows
    assert not [r for r in rows if r[0] != r[0].lower()]
    labels = [panel.habits.item(i).text() for i in range(panel.habits.count())]
    assert "“moreover” · opening transition   ×2" in labels and "“moreover” · stock word   ×2" in labels


def test_a_long_habit_keeps_its_kind_and_count_in_view(qtbot, panel_window):  # noqa: ANN001
    """A list of three ran off the row's edge and took its kind and count with it."""
    window, panel = panel_window()
    triad = "The hedges went by, bare and wet and dripping, the fields flooded and grey, and the sky low."
    type_text(qtbot, window.editor, (triad + " ") * 2)
    wait_for_data(qtbot, panel, lambda d: any(kind == "triad" for _t, kind, _s in d.habits))
    habits = panel.habits
    metrics = habits.fontMetrics()
    for row in range(habits.count()):
        label = habits.item(row).text()
        assert metrics.horizontalAdvance(label) <= habits.viewport().width(), label
    triads = [habits.item(r).text() for r in range(habits.count()) if "list of three" in habits.item(r).text()]
    assert triads and triads[0].endswith("list of three   ×2") and "…" in triads[0]


def test_marks_and_jumps_land_on_the_word_after_an_emoji(qtbot, panel_window):  # noqa: ANN001
    window, panel = panel_window()
    editor = window.editor
    panel.underline.setChecked(True)
    text = "🙂🙂 A smile first.\n\nWe delve into it. Then rest."
    type_text(qtbot, editor, text)
    wait_for_data(qtbot, panel, lambda d: bool(d.marks) and editor.raw_text() == text)
    selections = editor._habit_selections
    assert [s.cursor.selectedText() for s in selections] == ["delve"]
    editor.moveCursor(editor.textCursor().MoveOperation.Start)
    panel.habits.cursor_position = editor.cursor_point()
    panel.habits.itemClicked.emit(panel.habits.item(0))
    cursor = editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.EndOfWord, cursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "delve"
    # and the panel knows which sentence the cursor is in, in the text's own units
    assert editor.cursor_point() == editor.raw_text().index("delve")


def test_the_find_bar_keeps_its_buttons_clear_of_the_panel(qtbot, panel_window) -> None:  # noqa: ANN001
    window, panel = panel_window()
    window.resize(1000, 700)
    qtbot.keyClick(window.editor, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.find_bar.replace_all_button.isVisible, timeout=2000)
    button = window.find_bar.replace_all_button
    qtbot.waitUntil(lambda: button.mapTo(window, button.rect().topRight()).x() < panel.x(), timeout=2000)


def test_a_narrow_panel_says_whole_piece_and_drops_measured_rather_than_eliding(qtbot, panel_window):  # noqa: ANN001
    """At the panel's usual width "Whole piece · 3,020 of 3,027 words measured" did not fit, and the
    line read "Whole … · 3,020 of 3,027 words measured". "measured" gives way first now."""
    window, panel = panel_window()
    type_text(qtbot, window.editor, "# Title\n\nShort words here. And more of them, said plainly.")
    wait_for_data(qtbot, panel, lambda d: d.report.words > 5)
    label = panel.scope_label
    full = label.text()
    assert full.startswith("Whole piece · ") and full.endswith(" words measured")
    short = full.removesuffix(" measured")
    metrics = label.fontMetrics()
    label.resize(metrics.horizontalAdvance(short) + 2, label.height())
    assert label.shown_text() == short
    label.resize(metrics.horizontalAdvance(full) + 2, label.height())
    assert label.shown_text() == full
