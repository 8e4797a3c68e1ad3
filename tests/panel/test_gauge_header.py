"""A gauge's title and value share one line without running into each other at any panel width
(QA at 640×420: "Rhythm · sentence variety" ran into "not enough text yet")."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QFontMetrics

from quill.ui.shell.theme import theme_named
from quill.ui.voice.gauges import NOT_ENOUGH, TITLE_GAP, Gauge

TITLES = ["Rhythm · sentence variety", "Punctuation · variety", "Resemblance to machine style", "Ω · 🙂 ünïcode"]


@settings(max_examples=60, deadline=None)
@given(width=st.integers(120, 520), title=st.sampled_from(TITLES),
       value=st.one_of(st.none(), st.floats(0, 1000, allow_nan=False)), note=st.sampled_from(["", "(2 pieces)"]))
def test_title_and_value_never_overlap(qapp, width: int, title: str, value: float | None, note: str) -> None:  # noqa: ANN001
    gauge = Gauge(title, 0, 1, "{:.2f}", theme_named("light"), "")
    gauge.set_state(value, None, None, note=note)
    metrics = QFontMetrics(gauge.font())
    shown_title, shown_value = gauge.header_texts(metrics, width)
    used = metrics.horizontalAdvance(shown_title) + metrics.horizontalAdvance(shown_value)
    assert used + TITLE_GAP <= width + 1
    assert shown_value, "the value (or 'not enough text yet') always shows, shortened at worst"
    if width >= 300:  # a panel of ordinary width says both in full
        assert shown_title == title and shown_value in (gauge.text, f"{gauge.text}  {note}")
    if value is None and width >= 240:
        assert shown_value == NOT_ENOUGH
