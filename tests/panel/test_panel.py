"""The live voice panel, driven through real key events (issue 5, Must show)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from tests.ui.keys import type_text

LENGTHS = [3, 12, 7, 25, 1, 9, 31, 5]
WORDS = ["river", "stone", "lamp", "quiet", "morning", "paper",
         "window", "garden", "letter", "winter", "coffee", "music"]


def sentences(lengths: list[int]) -> list[str]:
    out = []
    for n, length in enumerate(lengths):
        words = [WORDS[(n + i) % len(WORDS)] for i in range(length)]
        out.append(" ".join(words).capitalize() + ".")
    return out


def wait_for_data(qtbot, panel, predicate, timeout=5000):  # noqa: ANN001
    qtbot.waitUntil(lambda: panel.data is not None and predicate(panel.data), timeout=timeout)


def test_eight_sentences_make_eight_bars_and_a_click_jumps(qtbot, panel_window):  # noqa: ANN001
    window, panel = panel_window()
    editor = window.editor
    text = " ".join(sentences(LENGTHS))
    type_text(qtbot, editor, text)
    wait_for_data(qtbot, panel, lambda d: d.report.sentences == 8 and len(editor.raw_text()) == len(text))
    assert panel.strip.bar_heights() == LENGTHS
    assert panel.strip.current == 7  # the cursor is in the last sentence
    accent = window.theme.color("accent").name()
    assert panel.strip.bar_brush(7) == accent and panel.strip.bar_brush(2) != accent  # only it is highlighted

    # Click the third bar with the mouse: the cursor lands in the third sentence.
    point = panel.strip.bar_center(2)
    qtbot.mouseClick(panel.strip.viewport(), Qt.MouseButton.LeftButton, pos=point)
    starts = [m.start() for m in re.finditer(r"[A-Z]", text)]
    qtbot.waitUntil(lambda: starts[2] <= editor.textCursor().position() < starts[3], timeout=2000)
    qtbot.waitUntil(lambda: panel.strip.current == 2, timeout=3000)  # the highlight follows the cursor
    assert panel.strip.bar_brush(2) == accent and panel.strip.bar_heights() == LENGTHS


def test_the_strip_says_what_its_lines_mean_and_variety_shows_once_it_has_a_line(qtbot, panel_window,  # noqa: ANN001
                                                                                   library_dir):
    """The dashed lines are labelled on the strip itself; the variety line under it, named, appears
    only once it has two points to draw (bare, its dotted floor looked like a stray rule)."""
    short = library_dir / "short.md"
    short.write_text(" ".join(sentences(LENGTHS)) + "\n", encoding="utf-8")
    window, panel = panel_window(short)
    wait_for_data(qtbot, panel, lambda d: d.report.sentences > 0)
    assert panel.data.report.sentences == len(LENGTHS), panel.data.report.sentences
    assert (panel.strip.fragment_label.textItem.toPlainText(), panel.strip.long_label.textItem.toPlainText()) == (
        "fragments", "long")
    assert panel.strip.long_label.isVisible() and panel.strip.fragment_label.isVisible()
    assert panel.rolling.isHidden() and panel.rolling_caption.isHidden()
    longer = library_dir / "longer.md"
    longer.write_text(" ".join(sentences(LENGTHS * 6)) + "\n", encoding="utf-8")
    window.open_path(longer)
    window.editor.moveCursor(QTextCursor.MoveOperation.End)  # the stretch before the cursor
    wait_for_data(qtbot, panel, lambda d: len(d.rolling) >= 2)
    qtbot.waitUntil(lambda: not panel.rolling.isHidden(), timeout=3000)
    assert not panel.rolling_caption.isHidden() and "Variety" in panel.rolling_caption.text()


def test_no_text_every_gauge_says_not_enough(qtbot, panel_window):  # noqa: ANN001
    window, panel = panel_window()
    wait_for_data(qtbot, panel, lambda d: d.report.words == 0)
    for gauge in (*panel.gauges.values(), panel.likeness):
        assert gauge.text == "not enough text yet"
        assert not gauge.band_visible
    assert "No finished pieces" in panel.baseline_label.text()


def _finished_piece(path, seed: int) -> None:  # noqa: ANN001
    body = " ".join(sentences([(seed * 7 + i * 5) % 23 + 2 for i in range(60)]))
    path.write_text(f"---\ntitle: Piece {seed}\nstatus: finished\n---\n\n{body}\n", encoding="utf-8")


def test_finished_pieces_put_the_writer_band_on_the_gauges(qtbot, panel_window, library_dir):  # noqa: ANN001
    for i in range(3):
        _finished_piece(library_dir / f"piece-{i}.md", i)
    window, panel = panel_window()
    window.library.scan_soon()  # as the app does after the first paint; the panel follows the scan
    qtbot.waitUntil(lambda: panel.controller.profile.pieces == 3, timeout=10000)
    type_text(qtbot, window.editor, " ".join(sentences(LENGTHS * 3)) * 1)
    wait_for_data(qtbot, panel, lambda d: d.report.words >= 200 and d.profile_pieces == 3)
    assert "your 3 finished pieces" in panel.baseline_label.text()
    # three pieces are not yet the writer's whole shape: the curve says it leans on the reference
    assert "solid: your 3 finished pieces blended with a general human reference" in panel.histogram_legend.text()
    for metric in ("burstiness", "mean_word_length"):
        gauge = panel.gauges[metric]
        assert gauge.band_visible, metric
        assert gauge.writer_band is not None and gauge.llm_band is not None
    # the baseline is cached on disk, keyed by the pieces
    assert (window.dirs.cache / "voice-baseline.json").exists()


def test_panel_follows_a_theme_switch(qtbot, panel_window):  # noqa: ANN001
    window, panel = panel_window()
    type_text(qtbot, window.editor, "One short line. ")
    wait_for_data(qtbot, panel, lambda d: d.report.sentences == 1)
    window.set_theme("dark")
    assert panel.theme.name == "dark"
    assert panel.strip.backgroundBrush().color().name() == window.theme.panel_background
    assert window.theme.panel_background in panel.styleSheet()
    window.set_theme("sepia")
    assert panel.histogram.backgroundBrush().color().name() == window.theme.panel_background


def test_toggle_remembers_and_hidden_panel_costs_nothing(qtbot, make_window):  # noqa: ANN001
    from quill.ui.voice import install_voice_panel

    window = make_window()
    panel = install_voice_panel(window)
    assert install_voice_panel(window) is panel  # the window installs it itself; a second call changes nothing
    assert not panel.isVisible() and not panel.controller.active
    window.commands.run("voice_panel")
    assert panel.isVisible() and window.settings.panel_visible
    window.commands.run("voice_panel")
    assert not panel.isVisible() and not window.settings.panel_visible
    assert not panel.controller.active
    assert not panel.controller._pause.isActive() and not panel.controller._max_wait.isActive()
    type_text(qtbot, window.editor, "Typing while hidden. ")
    assert not panel.controller._pause.isActive() and panel.controller._pending == []
    # the real shortcut, through the window's action
    qtbot.keyClick(window.editor, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(panel.isVisible, timeout=2000)


def test_section_scope_measures_the_heading_the_cursor_is_in(qtbot, panel_window):  # noqa: ANN001
    window, panel = panel_window()
    type_text(qtbot, window.editor, "# One\n\nFirst part. Still first.\n\n# Two\n\nSecond part here.")
    panel.set_scope("section")
    wait_for_data(qtbot, panel, lambda d: d.scope == "section" and d.scope_title == "Two")
    assert panel.data.report.sentences == 1
    panel.set_scope("piece")
    wait_for_data(qtbot, panel, lambda d: d.scope == "piece" and d.report.sentences == 3)


def test_section_scope_follows_a_cursor_at_the_start_of_a_heading_and_keeps_its_count(qtbot, panel_window):  # noqa: ANN001
    """QA: with the cursor on the first character of a heading the panel measured the section
    before and the one after as one; a long title pushed the word count out of the line."""
    window, panel = panel_window()
    title = "Two, a heading long enough to run past the panel's edge by some way"
    type_text(qtbot, window.editor,
              f"# One\n\nFirst part. Still first.\n# {title}\n\nSecond part here.\n# Three\n\nThird.")
    cursor = window.editor.textCursor()
    cursor.setPosition(window.editor.raw_text().index("# Two"))
    window.editor.setTextCursor(cursor)
    panel.set_scope("section")
    wait_for_data(qtbot, panel, lambda d: d.scope == "section" and d.scope_title == title)
    assert panel.data.report.sentences == 1
    shown = panel.scope_label.shown_text()
    assert shown.startswith("Section: Two") and "…" in shown  # the title gave way
    assert shown.endswith(" · 3 of 17 words measured")  # the count did not (the heading's words are left out)


def test_habits_list_jumps_to_a_tell(qtbot, panel_window):  # noqa: ANN001
    window, panel = panel_window()
    type_text(qtbot, window.editor, "We delve into the rich tapestry of ideas. Then we rest.")
    wait_for_data(qtbot, panel, lambda d: bool(d.habits))
    rows = panel.habits.rows()
    assert rows
    text, kind, _n = rows[0]
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    panel.habits.cursor_position = window.editor.textCursor().position()
    item = panel.habits.item(0)
    panel.habits.itemClicked.emit(item)
    position = window.editor.textCursor().position()
    assert window.editor.raw_text()[position:].casefold().startswith(text.casefold()[:4])


@pytest.mark.parametrize("width", [1700, 1000])
def test_opening_the_panel_does_not_move_the_text(qtbot, make_window, width: int) -> None:  # noqa: ANN001
    """Wide window: the panel lies in the margin and nothing moves. Narrow window: the column keeps
    its left edge (the start of every line stays put) and only its right edge gives way."""
    from quill.ui.voice import install_voice_panel

    window = make_window()
    window.resize(width, 800)
    type_text(qtbot, window.editor, "A line to look at. ")
    qtbot.waitUntil(lambda: window.editor.width() > width - 50, timeout=2000)
    before = text_rect(window)
    first_char = first_character_on_screen(window)
    panel = install_voice_panel(window)
    panel.set_open(True, animate=False)
    qtbot.waitUntil(lambda: panel.isVisible() and panel.geometry().right() >= window.centralWidget().width() - 1,
                    timeout=2000)
    after = text_rect(window)
    assert after.left() == before.left()  # the start of each line has not moved
    panel_left = panel.mapTo(window, panel.rect().topLeft()).x()
    assert after.right() < panel_left  # and no text lies under the panel
    if width == 1700:
        assert after == before  # room in the margin: nothing moved at all
    else:
        assert after.width() < before.width()
    assert first_character_on_screen(window) == first_char
    status = window.status.right  # the session figures at the status line's right end stay in view
    qtbot.waitUntil(lambda: status.mapTo(window, status.rect().topRight()).x() < panel_left, timeout=2000)
    panel.set_open(False, animate=False)
    assert text_rect(window) == before
    qtbot.waitUntil(lambda: status.mapTo(window, status.rect().topRight()).x() > panel_left, timeout=2000)


def first_character_on_screen(window):  # noqa: ANN001, ANN201
    editor = window.editor
    rect = editor.cursorRect(QTextCursor(editor.document()))
    return editor.viewport().mapTo(window, rect.topLeft())


def test_marking_the_open_piece_finished_updates_the_baseline(qtbot, panel_window, library_dir):  # noqa: ANN001
    for i in range(2):
        _finished_piece(library_dir / f"piece-{i}.md", i)
    draft = library_dir / "draft.md"
    draft.write_text("---\ntitle: Draft\n---\n\n" + " ".join(sentences([(i * 5) % 19 + 2 for i in range(60)])) + "\n",
                     encoding="utf-8")
    window, panel = panel_window(draft)
    window.library.scan_soon()
    qtbot.waitUntil(lambda: panel.controller.profile.pieces == 2, timeout=10000)
    with qtbot.waitSignal(panel.controller.profile_ready, timeout=10000):
        window.commands.run("finish")  # through the command, as the palette runs it
    # Finished, the open piece is still not part of the baseline it is compared with...
    assert panel.controller.profile.pieces == 2
    assert window.document is not None and panel.controller.profile_left_out == window.document.path
    # ...but it is part of every other piece's.
    other = library_dir / "other-draft.md"
    other.write_text("A new draft.\n", encoding="utf-8")
    window.open_path(other)
    qtbot.waitUntil(lambda: panel.controller.profile.pieces == 3, timeout=10000)
    window.open_path(library_dir / "piece-0.md")  # a finished piece: the other two and the one just finished
    qtbot.waitUntil(lambda: panel.controller.profile_left_out == library_dir / "piece-0.md", timeout=10000)
    qtbot.waitUntil(lambda: panel.controller.profile.pieces == 2, timeout=10000)


def test_a_finished_piece_is_never_compared_with_itself(qtbot, panel_window, library_dir):  # noqa: ANN001
    """With one finished piece open, the panel said "your 1 finished piece": it was the baseline."""
    only = library_dir / "only.md"
    _finished_piece(only, 7)
    window, panel = panel_window(only)
    window.library.scan_soon()
    qtbot.waitUntil(lambda: panel.controller.profile_left_out == only, timeout=10000)
    wait_for_data(qtbot, panel, lambda d: d.report.words >= 200)
    # ... nor told there are "No finished pieces yet" under a piece marked finished.
    qtbot.waitUntil(lambda: panel.baseline_label.text().startswith("This is your only finished piece"),
                    timeout=10000)
    assert panel.controller.profile.pieces == 0
    assert "your 1 finished piece" not in panel.baseline_label.text()


def test_session_line_stays_small_however_long_quill_stays_open() -> None:
    from quill.sessions.tally import MAX_POINTS, SessionTally

    now = [0.0]
    tally = SessionTally(lambda: now[0], lambda: int(now[0] // 60))
    for _ in range(3 * 24 * 60):  # three days, sampled every minute
        now[0] += 60
        series = tally.sample()
    assert len(series) == MAX_POINTS
    assert series[0] == 0 and series[-1] == 3 * 24 * 60
    assert series == sorted(series)  # still the shape of the day: words only grew here
    now[0] += 60 * 10
    assert tally.sample()[-1] == 3 * 24 * 60 + 10


def text_rect(window):  # noqa: ANN001, ANN201
    """Where the editor's text column is, in window coordinates."""
    viewport = window.editor.viewport()
    return viewport.rect().translated(viewport.mapTo(window, viewport.rect().topLeft()))


def test_opening_the_panel_takes_the_analysed_text_out_of_the_collectors_way(qtbot, panel_window):  # noqa: ANN001
    """The long-lived objects of an analysis are frozen, so full collections while typing stay cheap."""
    import gc

    was_frozen = gc.get_freeze_count()
    gc.unfreeze()  # start from nothing frozen, so only the panel can freeze what is checked below
    try:
        window, panel = panel_window()
        first: list[object] = []  # the analysis made when the panel opened (the one it freezes)
        panel.controller.refreshed.connect(lambda data: first or first.append(data))
        type_text(qtbot, window.editor, "One sentence here. Another one there.")
        qtbot.waitUntil(lambda: bool(first), timeout=5000)
        analysis = first[0]
        # Frozen objects are left out of gc.get_objects(): the analysis the panel holds must be one of them.
        qtbot.waitUntil(lambda: all(o is not analysis for o in gc.get_objects()), timeout=5000)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        if was_frozen:
            gc.freeze()  # leave the process as the test found it


def _dotted(editor) -> list[str]:  # noqa: ANN001
    """The text under the editor's dotted (habit) underlines."""
    from PySide6.QtGui import QTextCharFormat

    return [s.cursor.selectedText().casefold() for s in editor.extraSelections()
            if s.format.underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine]


def test_habit_underlines_follow_the_toggle_and_leave_with_the_panel(qtbot, panel_window):  # noqa: ANN001
    window, panel = panel_window()
    editor = window.editor
    type_text(qtbot, editor, "We delve into the rich tapestry of ideas. Then we rest.")
    wait_for_data(qtbot, panel, lambda d: bool(d.marks))
    assert _dotted(editor) == []  # off unless asked for
    panel.underline.setChecked(True)
    assert {"delve", "tapestry"} <= set(_dotted(editor)) and window.settings.underline_habits
    assert editor.raw_text().startswith("We delve into")  # marks only: the text is untouched
    panel.underline.setChecked(False)
    assert _dotted(editor) == []
    panel.underline.setChecked(True)
    panel.set_open(False, animate=False)
    assert _dotted(editor) == []  # only while the panel is open


def test_a_new_word_count_repaints_its_line_not_the_panel(qtbot, panel_window):  # noqa: ANN001
    """While the writer types, the counts change on every refresh: the panel's background and
    layout must not be redone for them (they were, and it cost more than the charts)."""
    from PySide6.QtCore import QEvent, QObject

    window, panel = panel_window()
    type_text(qtbot, window.editor, "A plain line of words. ")
    wait_for_data(qtbot, panel, lambda d: d.report.words == 5)
    seen: list[tuple[str, QEvent.Type]] = []

    class Spy(QObject):
        def eventFilter(self, watched, event):  # noqa: ANN001, N802
            if event.type() in (QEvent.Type.Paint, QEvent.Type.LayoutRequest):
                seen.append((type(watched).__name__, event.type()))
            return False

    spy = Spy()
    for widget in (panel, panel.scroll.widget(), panel.scope_label):
        widget.installEventFilter(spy)
    type_text(qtbot, window.editor, "And more.")
    wait_for_data(qtbot, panel, lambda d: d.report.words == 7)
    assert "7 words" in panel.scope_label.text()
    qtbot.waitUntil(lambda: ("TextLine", QEvent.Type.Paint) in seen, timeout=2000)
    assert [s for s in seen if s[0] != "TextLine"] == []


def test_session_line_tells_typed_from_pasted_words_and_hidden_costs_no_listener(qtbot, make_window):  # noqa: ANN001
    from PySide6.QtWidgets import QApplication

    from quill.ui.voice import install_voice_panel
    from tests.sessions.helpers import Clocks, utc

    clocks = Clocks()
    window = make_window(clock=clocks.monotonic, sessions_options=dict(wall=clocks.wall, utc_offset=utc))
    listeners = list(window.editor._edit_listeners)
    panel = install_voice_panel(window)
    assert window.editor._edit_listeners == listeners  # a hidden panel adds nothing to a keystroke
    panel.set_open(True, animate=False)
    type_text(qtbot, window.editor, "One two three. ")
    QApplication.clipboard().setText("four five six seven")
    qtbot.keyClick(window.editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "seven" in window.editor.raw_text(), timeout=2000)
    clocks.advance(31)  # the line is sampled every half minute
    type_text(qtbot, window.editor, " Eight.")
    wait_for_data(qtbot, panel, lambda d: d.report.words == 8)
    qtbot.waitUntil(lambda: "typed 4 · pasted 4" in panel.session_label.text(), timeout=3000)
    assert panel.session_label.text().startswith("+8 words in under a minute")  # not "in 0 min"
    panel.set_open(False, animate=False)
    assert window.editor._edit_listeners == listeners


def test_a_notice_and_its_dismiss_button_stay_clear_of_the_open_panel(qtbot, panel_window):  # noqa: ANN001
    """QA: a warning ran under the open panel and its × could not be reached."""
    window, panel = panel_window()
    window.show_notice("Quill cannot write its recovery journal in /nowhere: the disk is full. "
                       "Your words stay in the editor.", "warning", 0, "journal")
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=2000)
    QApplication.processEvents()
    panel_left = panel.mapTo(window, QPoint(0, 0)).x()

    def right_edge(widget) -> int:  # noqa: ANN001
        return widget.mapTo(window, QPoint(widget.width(), 0)).x()

    assert right_edge(window.banner.close_button) <= panel_left
    assert right_edge(window.banner.message) <= panel_left
    qtbot.mouseClick(window.banner.close_button, Qt.MouseButton.LeftButton)
    assert not window.banner.isVisible()
    # Closing the panel gives the banner its whole width back.
    window.show_notice("Another warning.", "warning", 0, "journal")
    panel.set_open(False, animate=False)
    QApplication.processEvents()
    assert right_edge(window.banner.close_button) > panel_left


def test_non_stop_typing_refreshes_no_more_often_than_its_cost_allows(qtbot, panel_window):  # noqa: ANN001
    """During non-stop typing the panel refreshes every 5 s at the latest, or more rarely when a
    refresh costs more (a long piece), so its share of the time stays small; a pause still brings
    fresh figures at once."""
    from quill.ui.voice.controller import LONGEST_WAIT_MS, MAX_WAIT_MS, TYPING_SHARE, non_stop_wait_ms

    assert non_stop_wait_ms(0.001) == MAX_WAIT_MS
    assert non_stop_wait_ms(0.045) == int(1000 * 0.045 / TYPING_SHARE) > MAX_WAIT_MS
    assert non_stop_wait_ms(0.5) == LONGEST_WAIT_MS
    assert all(non_stop_wait_ms(ms / 1000) <= non_stop_wait_ms((ms + 1) / 1000) for ms in range(100))
    assert non_stop_wait_ms(0.001, 300) == 300  # the floor a test (below) shortens

    window, panel = panel_window()
    controller = panel.controller
    type_text(qtbot, window.editor, "One sentence here. ")
    wait_for_data(qtbot, panel, lambda d: d.report.words == 3)
    assert controller._max_wait.interval() == MAX_WAIT_MS  # a short piece: cheap refreshes
    slow = controller.last
    slow.seconds, slow.incremental = 0.045, True  # as an incremental refresh of a book costs
    controller._busy = True
    controller._on_result(slow)
    after_slow = controller._max_wait.interval()
    assert after_slow >= non_stop_wait_ms(0.045) > MAX_WAIT_MS
    cold = controller.last
    cold.seconds, cold.incremental = 0.9, False  # a whole piece read afresh: not typing's cost
    controller._busy = True
    controller._on_result(cold)
    assert controller._max_wait.interval() == after_slow
    type_text(qtbot, window.editor, "And more.")  # a pause still refreshes within the pause delay
    wait_for_data(qtbot, panel, lambda d: d.report.words == 5)


def test_typing_that_never_pauses_still_refreshes_the_panel(qtbot, panel_window):  # noqa: ANN001
    """Keys keep coming faster than the pause delay, so only the longest wait brings new figures
    (shortened here from 5 s, the mechanism is the same): they arrive while the writer types on."""
    from PySide6.QtCore import QTimer

    from quill.ui.voice.controller import PAUSE_MS

    window, panel = panel_window()
    editor, controller = window.editor, panel.controller
    type_text(qtbot, editor, "Start here. ")
    wait_for_data(qtbot, panel, lambda d: d.report.words == 2)
    controller.max_wait_ms = 400
    controller._max_wait.setInterval(400)
    waits_ended = []
    controller._max_wait.timeout.connect(lambda: waits_ended.append(editor.text_length()))
    keys = iter("and on " * 400)
    typist = QTimer(interval=PAUSE_MS // 4)
    typist.timeout.connect(lambda: qtbot.keyClick(editor, next(keys)))
    typist.start()
    try:
        # figures that include keys typed after the longest wait ended, while the typist went on
        wait_for_data(qtbot, panel, lambda d: len(waits_ended) >= 2 and d.text_length >= waits_ended[1]
                      and typist.isActive(), timeout=10000)
    finally:
        typist.stop()


def test_nothing_in_the_narrowest_panel_is_wider_than_it(qtbot, panel_window):  # noqa: ANN001
    """At 700×460 the panel is at its narrowest; a heading that would not wrap ("Compared with the
    general human reference") made its contents wider than the panel, and every line was cut at
    the right edge (the gauges' values too)."""
    from PySide6.QtWidgets import QWidget

    from quill.ui.voice.widget import MIN_WIDTH

    window, panel = panel_window()
    window.resize(700, 460)
    qtbot.waitUntil(lambda: panel.width() == MIN_WIDTH, timeout=3000)
    type_text(qtbot, window.editor, "A few words here. ")
    wait_for_data(qtbot, panel, lambda d: d.report.words == 4)
    QApplication.processEvents()
    viewport = panel.scroll.viewport()
    inner = panel.scroll.widget()
    assert inner.minimumSizeHint().width() <= viewport.width()
    assert inner.width() <= viewport.width()
    for child in inner.findChildren(QWidget):
        if child.isVisible() and child.parent() is inner:
            right = child.mapTo(viewport, QPoint(child.width(), 0)).x()
            assert right <= viewport.width(), (type(child).__name__, getattr(child, "text", None))


def test_a_pause_is_measured_against_the_writers_own_pace(qtbot, panel_window):  # noqa: ANN001
    """A writer typing four keys a second (250 ms apart) "paused" after every key when a pause was a
    fixed 200 ms, and every key cost a refresh. A pause is now twice the writer's usual gap: a
    fast typist still gets figures 200 ms after stopping, a slower one up to 600 ms after."""
    from quill.ui.voice.controller import LONGEST_PAUSE_MS, PAUSE_MS

    window, panel = panel_window()
    editor, controller = window.editor, panel.controller
    qtbot.waitUntil(lambda: controller.active, timeout=5000)
    now = [100.0]
    controller.clock = lambda: now[0]

    def keys(gap_s: float, count: int) -> None:
        for _ in range(count):
            now[0] += gap_s
            qtbot.keyClick(editor, "a")

    keys(2.0, 1)  # coming back to the page: a long gap is not the writer's pace
    assert controller._pause.interval() == PAUSE_MS
    keys(0.08, 20)  # a fast typist
    assert controller._pause.interval() == PAUSE_MS
    keys(0.25, 12)  # four keys a second
    assert 400 <= controller._pause.interval() < 0.25 * 2000 + 1
    assert controller._pause.interval() > 0.25 * 1000  # longer than their gap: no refresh between keys
    keys(0.6, 20)  # a slow, thinking pace
    assert controller._pause.interval() == LONGEST_PAUSE_MS
    keys(0.08, 30)
    assert controller._pause.interval() == PAUSE_MS  # back to a fast typist's


def test_after_a_change_of_scope_keys_wait_for_the_pause_again(qtbot, panel_window):  # noqa: ANN001
    """Changing the scope refreshes at once (QTimer.start(0)), and that 0 stayed the timer's interval:
    every key after it refreshed the panel at once, a whole analysis a key."""
    from quill.ui.voice.controller import PAUSE_MS

    window, panel = panel_window()
    editor, controller = window.editor, panel.controller
    type_text(qtbot, editor, "Start here. ")
    wait_for_data(qtbot, panel, lambda d: d.report.words == 2)
    panel.set_scope("section")
    qtbot.waitUntil(lambda: not controller._pause.isActive(), timeout=5000)
    type_text(qtbot, editor, "and")
    assert controller._pause.isActive() and controller._pause.interval() >= PAUSE_MS


def test_another_piece_is_read_from_the_top_of_the_panel(qtbot, panel_window, library_dir):  # noqa: ANN001
    first, second = library_dir / "first.md", library_dir / "second.md"
    first.write_text(" ".join(sentences([(i * 5) % 19 + 2 for i in range(80)])) + "\n", encoding="utf-8")
    second.write_text("A short one.\n", encoding="utf-8")
    window, panel = panel_window(first)
    window.resize(900, 500)  # short enough for the panel to scroll
    wait_for_data(qtbot, panel, lambda d: d.report.words >= 150)
    bar = panel.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    window.open_path(second)
    assert bar.value() == 0


def test_the_panels_headings_start_where_its_text_does(qtbot, panel_window):  # noqa: ANN001
    """A heading's padding gave it a frame, and Qt indented it half an "x" past the notes under it."""
    from PySide6.QtGui import QColor

    window, panel = panel_window()
    qtbot.waitUntil(lambda: panel._built, timeout=20000)
    wait_for_data(qtbot, panel, lambda d: d.report.words == 0)

    def first_ink(label) -> int:  # noqa: ANN001
        image = label.grab().toImage()
        ground = QColor.fromRgb(image.pixel(image.width() - 1, 0))
        for x in range(image.width()):
            for y in range(image.height()):
                c = QColor.fromRgb(image.pixel(x, y))
                if abs(c.red() - ground.red()) + abs(c.green() - ground.green()) + abs(c.blue() - ground.blue()) > 90:
                    return label.mapTo(panel, label.rect().topLeft()).x() + x
        return -1

    heading = panel.compare_heading
    note = panel.baseline_label
    assert heading.isVisible() and note.isVisible()
    assert abs(first_ink(heading) - first_ink(note)) <= 1, (first_ink(heading), first_ink(note))
