"""How the history reads: its charts line up, quiet text can still be read in every theme, and
the wheel scrolls the page even over a chart."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QWheelEvent
from PySide6.QtWidgets import QApplication

from quill.ui.shell.theme import THEMES, contrast_ratio
from tests.benchmarks.bench_history import generate


def _open_history(qtbot, window):  # noqa: ANN001, ANN202
    window.commands.run("history")
    controller = window.sessions
    qtbot.waitUntil(lambda: controller.history_view is not None and controller.history_view.isVisible())
    return controller.history_view


def _edges(plot, window) -> tuple[int, int]:  # noqa: ANN001
    """Left and right x of a chart's plotting area, in the window's coordinates."""
    rect = plot.getPlotItem().vb.sceneBoundingRect()
    left = plot.viewport().mapTo(window, plot.mapFromScene(rect.topLeft()))
    right = plot.viewport().mapTo(window, plot.mapFromScene(rect.topRight()))
    return left.x(), right.x()


def _laid_out(plot) -> bool:  # noqa: ANN001
    """The chart's layout has caught up with its widget's width (axes plus plotting area fill it)."""
    item = plot.getPlotItem()
    used = item.getAxis("left").width() + item.vb.width() + item.getAxis("right").width()
    return abs(used - plot.viewport().width()) <= 2


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_charts_plotting_areas_line_up_at_any_width(qtbot, make_window, isolated_home, library_dir, theme):
    generate(isolated_home, library_dir, sessions=200, pieces=12)
    (library_dir / "done.md").write_text("---\ntitle: Done\nstatus: finished\nfinished: 2024-02-01\n---\n\n"
                                         + "The rain came. It stopped. We walked home, slowly, talking.\n" * 30,
                                         encoding="utf-8")
    window = make_window(library_dir / "piece-000.md")
    window.set_theme(theme, persist=False)
    view = _open_history(qtbot, window)
    qtbot.waitUntil(view.voice_ready, timeout=20000)  # the finished pieces redraw two charts
    full_width = [view.output_plot, view.rate_plot, view.calendar_plot]
    for width in (900, 1500):
        window.resize(width, 800)
        qtbot.waitUntil(lambda w=width: window.width() == w
                        and all(_laid_out(p) for p in view._plots if p.isVisible()))
        output = _edges(view.output_plot, window)
        assert output[1] - output[0] > width / 2
        for plot in full_width:
            assert _edges(plot, window) == pytest.approx(output, abs=1), plot  # left and right
        # the charts below start where these do, and the right-hand ones end where these do
        assert _edges(view.pieces_plot, window)[0] == pytest.approx(output[0], abs=1)
        assert _edges(view.finish_plot, window)[1] == pytest.approx(output[1], abs=1)
        burstiness, variety = view.voice_plots["burstiness"][0], view.voice_plots["punctuation_entropy"][0]
        assert burstiness.isVisible() and variety.isVisible()
        assert _edges(burstiness, window)[0] == pytest.approx(output[0], abs=1)
        assert _edges(variety, window)[1] == pytest.approx(output[1], abs=1)


def test_the_wheel_scrolls_the_page_over_a_chart(qtbot, make_window, isolated_home, library_dir):
    generate(isolated_home, library_dir, sessions=60, pieces=5)
    window = make_window(library_dir / "piece-000.md")
    view = _open_history(qtbot, window)
    bar = view.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    plot = view.rate_plot
    inside = QPointF(plot.viewport().width() / 2, plot.viewport().height() / 2)
    wheel = QWheelEvent(inside, plot.viewport().mapToGlobal(inside), QPoint(0, 0), QPoint(0, -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    before = bar.value()
    QApplication.sendEvent(plot.viewport(), wheel)
    assert bar.value() > before  # the page moved; the chart (which never zooms) did not take it


def _text_pixels(label) -> tuple[QColor, float]:  # noqa: ANN001
    """A label's background (its commonest pixel) and the best contrast of any pixel on it: the
    core of a glyph is drawn in the text's colour, its antialiased edges only lower the contrast."""
    image = label.grab().toImage()
    pixels = Counter(image.pixel(x, y) for x in range(image.width()) for y in range(image.height()))
    page = QColor.fromRgb(pixels.most_common(1)[0][0])
    return page, max(contrast_ratio(QColor.fromRgb(p), page) for p in pixels)


@pytest.mark.parametrize("name", list(THEMES))
def test_the_empty_history_message_reads_at_wcag_aa_in_every_theme(qtbot, make_window, library_dir, name):
    window = make_window(library_dir / "new.md")
    window.set_theme(name, persist=False)
    view = _open_history(qtbot, window)
    assert view.empty_state.isVisible()
    page, best = _text_pixels(view.empty_state)
    assert page.name() == THEMES[name].background
    assert best >= 4.5, (name, best)
    # the whole message is shown (it wraps in its column and keeps its height)
    assert view.empty_state.height() >= view.empty_state.heightForWidth(view.empty_state.width())


@pytest.mark.parametrize("name", list(THEMES))
def test_the_histories_quiet_text_and_figures_read_at_wcag_aa(qtbot, make_window, isolated_home, library_dir, name):
    generate(isolated_home, library_dir, sessions=60, pieces=5)
    window = make_window(library_dir / "piece-000.md")
    view = _open_history(qtbot, window)
    window.set_theme(name, persist=False)  # chosen while the history is open
    theme = THEMES[name]
    for label in (view.summary, view.streak_label, view.voice_note):
        assert contrast_ratio(label.palette().color(label.foregroundRole()), theme.background) >= 4.5, label.text()
    for plot in view._plots:
        axis = plot.getPlotItem().getAxis("left")
        assert contrast_ratio(axis.textPen().color(), theme.background) >= 4.5
    page, best = _text_pixels(view.summary)
    assert page.name() == theme.background and best >= 4.5
    # the pieces chart's two bars can be told apart from the page, and the key says which is which
    started, finished = (bars.opts["brush"].color() for bars in (view.started_bars, view.finished_bars))
    assert contrast_ratio(started, theme.background) >= 3 and contrast_ratio(finished, theme.background) >= 3
    key = view.pieces_key.text()
    assert key.index(started.name()) < key.index("started") < key.index(finished.name()) < key.index("finished")


def test_a_narrow_window_shows_the_whole_page(qtbot, make_window, isolated_home, library_dir):
    """At the window's smallest width nothing is cut off at the right: controls go under the title,
    long headings wrap, the voice charts stack, and the calendar's days stay apart."""
    from PySide6.QtWidgets import QPushButton

    generate(isolated_home, library_dir, sessions=120, pieces=8)
    (library_dir / "done.md").write_text("---\ntitle: Done\nstatus: finished\nfinished: 2024-02-01\n---\n\n"
                                         + "The rain came. It stopped. We walked home, slowly, talking.\n" * 30,
                                         encoding="utf-8")
    window = make_window(library_dir / "piece-000.md")
    view = _open_history(qtbot, window)
    qtbot.waitUntil(view.voice_ready, timeout=20000)
    content = view.scroll.widget()
    (back,) = [b for b in view.findChildren(QPushButton) if b.text().startswith("Back to writing")]
    first, second = (view.voice_plots[name][0] for name in ("burstiness", "fragment_rate"))

    def right_edge(widget) -> int:  # noqa: ANN001
        return widget.mapTo(view, widget.rect().topRight()).x()

    for width, columns in ((480, 1), (700, 2), (1200, 3)):
        window.resize(width, 700)
        qtbot.waitUntil(lambda w=width: window.width() == w and content.width() <= view.scroll.viewport().width())
        assert content.minimumSizeHint().width() <= view.scroll.viewport().width()
        assert right_edge(view.range_box) <= view.scroll.viewport().width()
        assert right_edge(back) <= view.scroll.viewport().width()
        assert right_edge(view.voice_plots["machine_likeness"][0]) <= view.scroll.viewport().width()
        # side by side in two or three columns, one above the other in one (laid out on the next turn)
        qtbot.waitUntil(lambda c=columns: (abs(first.y() - second.y()) < 2) == (c > 1))
        assert first.width() > (view.scroll.viewport().width() - 48) / (columns + 1)  # a chart, not a sliver
        qtbot.waitUntil(lambda: _laid_out(view.calendar_plot))
        box = view.calendar_plot.getPlotItem().vb
        assert view.calendar_cells.opts["size"] < box.width() / 53.8  # a gap between one week and the next


def test_the_hours_line_drops_its_dots_when_there_are_hundreds_of_periods(qtbot, make_window, isolated_home,
                                                                           library_dir):
    generate(isolated_home, library_dir, sessions=300, pieces=5)
    window = make_window(library_dir / "piece-000.md")
    view = _open_history(qtbot, window)
    view.set_period("day")
    assert len(view.output_bars.opts["height"]) > 60 and view.hours_curve.opts["symbol"] is None
    view.set_period("year")
    assert len(view.output_bars.opts["height"]) <= 11 and view.hours_curve.opts["symbol"] == "o"


def test_an_empty_chart_leaves_no_stray_tick_marks(qtbot, make_window, isolated_home, library_dir):
    generate(isolated_home, library_dir, sessions=60, pieces=5)
    window = make_window(library_dir / "piece-000.md")
    view = _open_history(qtbot, window)
    plot = view.rate_plot
    page = QColor(window.theme.background).rgb()

    def marks_beside_the_axis() -> int:
        """Pixels other than the page in the strip just inside the left axis, where its ticks point."""
        box = plot.getPlotItem().vb.sceneBoundingRect()
        left = plot.mapFromScene(box.topLeft())
        image = plot.viewport().grab().toImage()
        return sum(image.pixel(x, y) != page for x in range(left.x() + 1, left.x() + 5)
                   for y in range(left.y() + 2, left.y() + int(box.height()) - 2))

    qtbot.waitUntil(lambda: marks_beside_the_axis() > 0)  # with data: the ticks are there (the probe sees them)
    view._draw_output([])  # a range with nothing in it: the chart says so in words
    assert marks_beside_the_axis() == 0


def test_active_time_reads_as_a_writer_says_it():
    from quill.ui.sessions.history_view import _hm

    assert [_hm(s) for s in (0, 30, 59, 90, 3599, 3600, 298 * 3600 + 14 * 60, 2758 * 3600 + 26 * 60)] == [
        "0 min", "under a minute", "under a minute", "2 min", "1 h 00 min", "1 h 00 min", "298 h 14 min",
        "2,758 h 26 min"]  # grouped like the summary's other figures (2,361,642 words)


def test_the_history_calls_each_voice_measure_what_the_panel_calls_it(qtbot, make_window, isolated_home,
                                                                       library_dir):
    """It said "Burstiness", "Tells per 1,000 words" and "Machine-likeness" for the panel's "Rhythm ·
    sentence variety", "Habits · per 1,000 words" and "Resemblance to machine style"."""
    from quill.ui.voice import install_voice_panel

    window = make_window()
    panel = install_voice_panel(window)
    panel.set_open(True, animate=False)
    qtbot.waitUntil(lambda: panel._built, timeout=20000)
    panel_titles = {g.title for g in panel.gauges.values()} | {panel.likeness.title}
    view = _open_history(qtbot, window)
    chart_titles = {name: plot.getPlotItem().titleLabel.text for name, (plot, _p, _l) in view.voice_plots.items()}
    for name in ("burstiness", "punctuation_entropy", "tell_rate", "machine_likeness"):
        assert chart_titles[name] in panel_titles, (name, chart_titles[name], panel_titles)
