"""The history view opens with F6 on a real window, draws every section, and closes with Esc."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt

from quill.ui.sessions.controller import install_sessions
from tests.benchmarks.bench_history import generate

ROOT = Path(__file__).resolve().parents[2]


def test_sessions_ui_does_not_import_pyqtgraph_until_the_view_opens():
    code = ("import sys; import quill.ui.sessions.controller; "
            "print('PG', 'pyqtgraph' in sys.modules, 'quill.ui.sessions.history_view' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.stdout.strip() == "PG False False", out.stdout + out.stderr


def test_history_view_on_a_generated_history(qtbot, make_window, isolated_home, library_dir):
    generate(isolated_home, library_dir, sessions=300, pieces=40)
    window = make_window(library_dir / "piece-000.md")
    controller = install_sessions(window)
    qtbot.keyClick(window.editor, Qt.Key.Key_F6)  # the first F6 may import pyqtgraph on a thread first
    qtbot.waitUntil(lambda: controller.history_view is not None and controller.history_view.isVisible())
    view = controller.history_view
    assert not window.editor.isVisible()
    assert "300 sessions" in view.summary.text().replace("\u00a0", " ")
    assert len(view.output_bars.opts["height"]) > 100  # ten years of months
    assert len(view.calendar_cells.data) >= 365
    assert view.table.topLevelItemCount() == 40
    first = view.table.topLevelItem(0)
    first.setExpanded(True)
    assert first.childCount() == int(first.text(1))
    qtbot.waitUntil(view.voice_ready, timeout=20000)
    assert view.finished and len(view.finish_points.data) > 0
    # Fragments are a share of sentences, read as the panel reads them: "10%", never "0.10".
    fragments = view.voice_plots["fragment_rate"][0].getPlotItem().getAxis("left")
    assert fragments.tickStrings([0.0, 0.05, 0.1], 1.0, 0.05) == ["0%", "5%", "10%"]
    assert fragments.tickStrings([0.0, 0.005], 1.0, 0.005) == ["0.0%", "0.5%"]
    xs, ys = view.voice_plots["burstiness"][2].getData()
    assert xs is not None and len(xs) == 2
    # Over ten years the first and last dots stand whole inside the frame (they were cut in half).
    for plot, points in [(view.finish_plot, view.finish_points)] + [(p, d) for p, d, _l in view.voice_plots.values()]:
        (left, right), _ = plot.getPlotItem().viewRange()
        dots = points.getData()[0]
        room = 0.02 * (right - left)
        assert left + room < min(dots) and max(dots) < right - room
    bars = {}
    for name in ("day", "week", "month", "year"):
        view.set_period(name)
        bars[name] = len(view.output_bars.opts["height"])
    assert bars["day"] > bars["week"] > bars["month"] > bars["year"]  # each period really regroups
    # Ten years of days outnumber the chart's pixels: the hours line is a light hairline there,
    # not a zigzag drawn over every bar; by month it is the full line again.
    view.set_period("day")
    crowded = view.hours_curve.opts["pen"]
    view.set_period("month")
    full = view.hours_curve.opts["pen"]
    assert crowded.color().alpha() < full.color().alpha() and crowded.widthF() < full.widthF()
    assert bars["year"] in (10, 11)  # ten years (11 calendar years)
    view.set_period("day")
    view.range_box.setCurrentIndex(3)  # last 90 days
    assert len(view.output_bars.opts["height"]) <= 91 < bars["day"]
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not view.isVisible() and window.editor.isVisible()
    window.commands.run("history")
    assert view.isVisible()
    window.commands.run("history")
    assert not view.isVisible()


def test_a_first_day_reads_well(qtbot, make_window, library_dir):
    """One session: a bar among empty days (not a month-wide wall), a rate scale from zero, and
    an empty range says so in words."""
    from tests.sessions.helpers import Clocks, at, utc
    from tests.ui.keys import type_text

    clocks = Clocks(at(2024, 3, 9, 10))
    window = make_window(library_dir / "first.md", clock=clocks.monotonic,
                         sessions_options=dict(wall=clocks.wall, utc_offset=utc, flush_ms=3_600_000))
    controller = window.sessions
    for ch in "A first morning of writing. ":
        clocks.advance(2)
        type_text(qtbot, window.editor, ch)
    controller.flush()
    qtbot.keyClick(window.editor, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: controller.history_view is not None and controller.history_view.isVisible())
    view = controller.history_view
    assert view.by == "day"  # a first day is read by the day, without the writer choosing it
    assert "1 session ·" in view.summary.text().replace("\u00a0", " ")
    assert "1 days" not in view.streak_label.text()
    hour = controller.settings.day_start_hour
    assert hour and f"a writing day starts at {hour}:00" in view.streak_label.text()  # why 2 a.m. is "yesterday"
    assert view.output_plot.getPlotItem().getAxis("right").labelText == "active minutes"
    minutes = view.hours_curve.getData()[1]
    assert minutes is not None and 0 < max(minutes) < 5  # under a minute of typing: counted in minutes
    assert f"{len('A first morning of writing. '):,} characters typed" in view.summary.text().replace("\u00a0", " ")
    # nothing pasted or deleted is not said as "0 pasted, 0 deleted"; a minute is too short for a rate
    assert "pasted" not in view.summary.text() and "deleted" not in view.summary.text()
    assert "per active hour" not in view.summary.text()
    (bar_width,) = set(view.output_bars.opts["width"])
    x_range = view.output_plot.getPlotItem().vb.viewRange()[0]
    assert bar_width < (x_range[1] - x_range[0]) / 5  # a bar, not the whole chart
    low, high = view.rate_plot.getPlotItem().vb.viewRange()[1]
    assert low == 0 and high > 0
    view.set_period("year")  # a first year: among one empty year before it, not six invented ones
    x_range = view.output_plot.getPlotItem().vb.viewRange()[0]
    (bar_width,) = set(view.output_bars.opts["width"])
    span = x_range[1] - x_range[0]
    assert 2 * 365 * 86400 * 0.95 < span < 3 * 365 * 86400 and bar_width < span / 2
    axis = view.output_plot.getPlotItem().getAxis("bottom")
    shown = [label for value, label in axis._tickLevels[0] if x_range[0] <= value <= x_range[1]]
    assert shown and all(label.isdigit() and len(label) == 4 for label in shown)  # years, not "Mar"
    view.set_period("week")  # a first week still among weeks before it: a bar, not a wall
    x_range = view.output_plot.getPlotItem().vb.viewRange()[0]
    assert x_range[1] - x_range[0] > 6 * 7 * 86400
    view._draw_output([])  # a range with no sessions in it
    notes = [n for n in view._empty_notes.values() if n.parent() is view.output_plot]
    assert notes and notes[0].isVisible() and "No writing sessions" in notes[0].text()


def test_a_rate_chart_without_a_rate_says_why(qtbot, make_window, library_dir):
    """A few seconds of writing give no words-per-hour: the chart says so instead of bare axes."""
    from tests.sessions.helpers import Clocks, at, utc
    from tests.ui.keys import type_text

    clocks = Clocks(at(2024, 3, 9, 10))
    window = make_window(library_dir / "brief.md", clock=clocks.monotonic,
                         sessions_options=dict(wall=clocks.wall, utc_offset=utc, flush_ms=3_600_000))
    for ch in "Hi. ":
        clocks.advance(1)
        type_text(qtbot, window.editor, ch)
    window.sessions.flush()
    qtbot.keyClick(window.editor, Qt.Key.Key_F6)
    # the first F6 of a run loads the charts' modules on a thread before the view exists
    qtbot.waitUntil(lambda: window.sessions.history_view is not None and window.sessions.history_view.isVisible(),
                    timeout=10000)
    view = window.sessions.history_view
    assert len(view.rate_points.data) == 0  # four seconds active: under the minute a rate needs
    notes = [n for n in view._empty_notes.values() if n.parent() is view.rate_plot]
    assert notes and notes[0].isVisible() and "Words per hour" in notes[0].text()
    assert view.rate_plot.maximumHeight() <= 60 < view.output_plot.minimumHeight()  # a line of words, not a box
    view._empty_note(view.rate_plot, False)  # with points again it takes its full height back
    assert view.rate_plot.minimumHeight() > 100
    view._empty_note(view.rate_plot, True, "Words per hour show once a session has a minute or more.")
    view.set_period("month")  # the writer's choice stands
    view.refresh()
    assert view.by == "month"


def _first_day(qtbot, make_window, library_dir, name="first.md", text="A first morning of writing. "):
    """A window with one short session on 9 March 2024 (UTC), its clocks injected."""
    from tests.sessions.helpers import Clocks, at, utc
    from tests.ui.keys import type_text

    clocks = Clocks(at(2024, 3, 9, 10))
    window = make_window(library_dir / name, clock=clocks.monotonic,
                         sessions_options=dict(wall=clocks.wall, utc_offset=utc, flush_ms=3_600_000))
    for ch in text:
        clocks.advance(2)
        type_text(qtbot, window.editor, ch)
    window.sessions.flush()
    return window


def _open_history(qtbot, window):
    window.commands.run("history")
    controller = window.sessions
    qtbot.waitUntil(lambda: controller.history_view is not None and controller.history_view.isVisible())
    return controller.history_view


def test_the_history_follows_a_theme_chosen_while_it_is_closed(qtbot, make_window, library_dir):
    window = _first_day(qtbot, make_window, library_dir)
    window.set_theme("light", persist=False)
    view = _open_history(qtbot, window)
    light = window.theme
    assert view.output_plot.backgroundBrush().color().name() == light.background.lower()
    window.commands.run("history")  # closed again
    qtbot.waitUntil(lambda: not view.isVisible())
    window.set_theme("dark", persist=False)
    dark = window.theme
    assert dark.background != light.background
    assert _open_history(qtbot, window) is view
    assert view.theme is dark
    for plot in (view.output_plot, view.rate_plot, view.calendar_plot, view.pieces_plot):
        assert plot.backgroundBrush().color().name() == dark.background.lower()
    assert view.output_plot.getPlotItem().getAxis("left").textPen().color().name() == dark.legible("faint")
    assert dark.background.lower() in view.styleSheet().lower()  # the table and labels too
    assert light.background.lower() not in view.styleSheet().lower()


def _ticks(plot, side="left"):
    """The tick values an axis draws at its current range, and their labels."""
    axis = plot.getPlotItem().getAxis(side)
    view = axis.linkedView()
    low, high = view.viewRange()[1]
    levels = axis.tickValues(low, high, axis.height() or 150)
    values = [v for _spacing, vs in levels for v in vs if low <= v <= high]
    labels = axis.tickStrings(values, 1.0, levels[0][0] if levels else 1.0)
    return low, values, labels


def test_count_axes_have_whole_ticks_from_zero_and_one_point_looks_intended(qtbot, make_window, library_dir):
    """A first morning and one finished piece: every count axis reads 0, 1, 2 …, never -0.5 or 0.25
    words, and a lone finished piece is a point in the middle of a few months, not at an edge."""
    (library_dir / "done.md").write_text("---\ntitle: Done\nstatus: finished\nfinished: 2024-03-09\n---\n\n"
                                         "It was short. Then it was over, and quiet.\n", encoding="utf-8")
    window = _first_day(qtbot, make_window, library_dir, name="done.md", text="Two words ")
    view = _open_history(qtbot, window)
    qtbot.waitUntil(view.voice_ready, timeout=20000)
    assert len(view.finish_points.data) == 1  # one finished piece, with its days to finish
    assert "trend shows from the second" in view.voice_note.text()  # no "the line is the trend" without one
    charts = [(view.output_plot, "left"), (view.output_plot, "right"), (view.pieces_plot, "left"),
              (view.finish_plot, "left")]
    for plot, side in charts:
        low, values, labels = _ticks(plot, side)
        assert low >= 0, (plot, side, low)
        assert values, (plot, side)
        assert all(float(v).is_integer() and v >= 0 for v in values), (side, values)
        assert all("." not in label and "-" not in label for label in labels), labels
    (x,) = view.finish_points.data["x"]
    left, right = view.finish_plot.getPlotItem().vb.viewRange()[0]
    assert right - left >= 60 * 86400 and left + (right - left) * 0.3 < x < right - (right - left) * 0.3
    (bar_width,) = {round(w) for w in view.started_bars.opts["width"]}
    left, right = view.pieces_plot.getPlotItem().vb.viewRange()[0]
    assert bar_width < (right - left) / 10  # a first month's bar is a bar, not a wall


def test_no_history_yet_says_so_plainly_instead_of_empty_axes(qtbot, make_window, library_dir):
    from tests.sessions.helpers import Clocks, at, utc
    from tests.ui.keys import type_text

    clocks = Clocks(at(2024, 3, 9, 10))
    window = make_window(library_dir / "new.md", clock=clocks.monotonic,
                         sessions_options=dict(wall=clocks.wall, utc_offset=utc, flush_ms=3_600_000))
    view = _open_history(qtbot, window)
    assert view.empty_state.isVisible()
    assert "Nothing here yet" in view.empty_state.text() and "as you write" in view.empty_state.text()
    assert not view.sections.isVisible() and not view.output_plot.isVisible() and not view.table.isVisible()
    assert not view.summary.isVisible()  # no "0 sessions · 0 min active …"
    assert not view.range_box.isVisible() and not any(b.isVisible() for b in view.period_buttons.buttons())
    window.commands.run("history")
    qtbot.waitUntil(window.editor.isVisible)
    for ch in "Now there is some. ":
        clocks.advance(2)
        type_text(qtbot, window.editor, ch)
    window.sessions.flush()
    _open_history(qtbot, window)
    assert not view.empty_state.isVisible()
    assert view.output_plot.isVisible() and view.table.isVisible()
    assert "1 session" in view.summary.text().replace("\u00a0", " ")
    assert view.range_box.isVisible()


def test_the_table_names_pieces_by_title_and_shows_every_column_whole(qtbot, make_window, library_dir):
    (library_dir / "my-essay.md").write_text("---\ntitle: On Walking at Night\n---\n\nThe road was quiet.\n",
                                             encoding="utf-8")
    (library_dir / "letter.md").write_text("# A Letter to My Sister\n\nDear Ann.\n", encoding="utf-8")
    from tests.ui.keys import type_text

    window = _first_day(qtbot, make_window, library_dir, name="my-essay.md", text="More. ")
    window.open_path(library_dir / "letter.md")
    qtbot.waitUntil(lambda: window.document is not None and window.document.path.name == "letter.md")
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    type_text(qtbot, window.editor, "Love. ")
    window.sessions.flush()
    view = _open_history(qtbot, window)
    titles = {view.table.topLevelItem(i).text(0) for i in range(view.table.topLevelItemCount())}
    assert titles == {"On Walking at Night", "A Letter to My Sister"}
    table, header = view.table, view.table.header()
    qtbot.waitUntil(lambda: header.sectionViewportPosition(7) + header.sectionSize(7) <= table.viewport().width())
    item = table.topLevelItem(0)
    metrics = table.fontMetrics()
    for col in range(1, 8):
        assert header.sectionSize(col) >= metrics.horizontalAdvance(item.text(col)), col
    assert header.sectionSize(7) >= metrics.horizontalAdvance("30 Sep 2024")
    # Days as a writer reads them, not as a file name: "9 Mar 2024" (the fixed clock's day), never "2024-03-09".
    assert re.fullmatch(r"9 \S+ 2024", item.text(7)), item.text(7)


def test_without_finished_pieces_their_charts_say_so_instead_of_bare_axes(qtbot, make_window, library_dir):
    window = _first_day(qtbot, make_window, library_dir, text="Still a draft. ")
    view = _open_history(qtbot, window)
    qtbot.waitUntil(view.voice_ready, timeout=20000)
    notes = [n for n in view._empty_notes.values() if n.parent() is view.finish_plot]
    assert notes and notes[0].isVisible() and "marked finished" in notes[0].text()
    assert view.finish_plot.minimumHeight() > 100  # titled: not folded under its own title (a review)
    assert not view.finish_plot.getPlotItem().getAxis("bottom").style["showValues"]  # no "00.250" dates
    assert "No finished pieces yet" in view.voice_note.text()
    assert not any(plot.isVisible() for plot, _points, _line in view.voice_plots.values())


def test_the_summary_wraps_between_its_figures_never_inside_one(qtbot):  # noqa: ANN001
    """"… · 290 writing" over "days": the summary line wrapped anywhere and left a word alone. Laid
    out at every width, each line now ends at a " · " or a comma, and holds whole figures."""
    from hypothesis import assume, given, settings
    from hypothesis import strategies as st
    from PySide6.QtGui import QFont, QFontMetricsF, QTextLayout, QTextOption

    from quill.ui.sessions.history_view import summary_line

    clause = st.lists(st.sampled_from(["300", "sessions", "279 h 04 min", "active", "238,658", "words", "typed,",
                                       "2,033 pasted,", "per", "hour", "writing", "days", "été"]),
                      min_size=1, max_size=6).map(" ".join)

    @given(st.lists(clause, min_size=1, max_size=7), st.integers(120, 900))
    @settings(max_examples=60, deadline=None, derandomize=True)
    def check(clauses: list[str], width: int) -> None:
        text = summary_line(clauses)
        assert text.replace("\u00a0", " ") == " · ".join(clauses)
        font = QFont()
        metrics = QFontMetricsF(font)
        # (a figure wider than the whole line is cut anyway; the page is far wider than any)
        assume(all(metrics.horizontalAdvance(part.replace(" ", "\u00a0") + "\u00a0·") < width
                   for clause in clauses for part in clause.split(", ")))
        layout = QTextLayout(text, font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        layout.setTextOption(option)
        layout.beginLayout()
        lines = []
        while (line := layout.createLine()).isValid():
            line.setLineWidth(width)
            lines.append(text[line.textStart():line.textStart() + line.textLength()])
        layout.endLayout()
        for line in lines[:-1]:
            assert line.rstrip(" ").endswith(("·", ",")), lines

    check()


def test_a_count_axis_never_stacks_its_figures_edge_to_edge(qtbot):  # noqa: ANN001
    """Ten years of months on the output chart (up to 11,600 words a month) read 0, 1,000, 2,000 …
    11,000 down a 200-pixel axis: pyqtgraph drew the finer level's figures too, twelve in a column."""
    import pyqtgraph as pg
    from PySide6.QtGui import QImage, QPainter

    from quill.ui.sessions.history_view import CountAxis

    axis = CountAxis(orientation="left")
    plot = pg.PlotWidget(axisItems={"left": axis})
    qtbot.addWidget(plot)
    plot.resize(600, 260)
    plot.setYRange(0, 11_600, padding=0)
    axis.setWidth(70)
    plot.show()
    qtbot.waitExposed(plot)
    image = QImage(600, 260, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        drawn = [text for _rect, _flags, text in axis.generateDrawSpecs(painter)[2]]
    finally:
        painter.end()
    assert "0" in drawn and "10,000" in drawn
    assert len(drawn) <= 5, drawn
