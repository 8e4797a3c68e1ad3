"""The writer's goal in the status line outlasts the title when room runs short: at ~1100 px a
long title used to push "today 120 / 500 words" off the line altogether."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quill.ui.shell.statusline import StatusLine
from quill.ui.shell.theme import THEMES

GOAL = "today 120 / 500 words"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(width=st.integers(420, 1800),
       title=st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=90))
def test_the_goal_stays_whole_while_the_title_gives_way(qtbot, width: int, title: str) -> None:  # noqa: ANN001
    line = StatusLine(next(iter(THEMES.values())))
    qtbot.addWidget(line)
    line.resize(width, 40)
    line.show()
    line.set_goal(GOAL, 0.24)
    line.set_texts("1,234 words", title, "+40 this session · open 12 min")
    label = line.center
    metrics = label.fontMetrics()
    assert metrics.horizontalAdvance(label.text()) <= label.width() + 1
    if metrics.horizontalAdvance(GOAL) + metrics.horizontalAdvance(" · Mmmm…") <= label.width():
        assert label.text().endswith(" · " + GOAL), label.text()


def test_at_1100_px_in_the_window_the_daily_goal_is_shown(make_window, qtbot, library_dir) -> None:  # noqa: ANN001
    from quill.sessions.goals import Goal

    piece = library_dir / "The long and winding title of a piece about lighthouses and their keepers.md"
    piece.write_text("Words.", encoding="utf-8")
    window = make_window(piece)
    qtbot.waitUntil(lambda: getattr(window, "sessions", None) is not None, timeout=5000)
    window.resize(1100, 700)
    window.sessions.set_daily_goal(Goal("words", 500))
    window.refresh_status()
    qtbot.waitUntil(lambda: "today" in window.status.center.text(), timeout=3000)
    assert "500 words" in window.status.center.text()
