"""A gauge's title and value share one line without running into each other at any panel width
(QA at 640×420: "Rhythm · sentence variety" ran into "not enough text yet"). With no value yet, the
title has the line to itself and "not enough text yet" is drawn under the strip."""

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
    assert used + (TITLE_GAP if shown_value else 0) <= width + 1
    if value is None:
        assert shown_value == "" and gauge.text == NOT_ENOUGH
        if width >= 240:  # the narrowest panel says the whole title
            assert shown_title == title
        return
    assert shown_value, "the value always shows, shortened at worst"
    if width >= 300:  # a panel of ordinary width says both in full
        assert shown_title == title and shown_value in (gauge.text, f"{gauge.text}  {note}")


def test_not_enough_text_is_said_under_the_strip(qtbot) -> None:  # noqa: ANN001
    """Read from pixels: the words are drawn in the row under the strip, and the header's right
    half is blank."""
    gauge = Gauge("Rhythm · sentence variety", 0, 1, "{:.2f}", theme_named("light"), "")
    qtbot.addWidget(gauge)
    gauge.set_state(None, None, None)
    gauge.resize(280, 56)
    image = gauge.grab().toImage()
    background = image.pixelColor(image.width() - 1, image.height() - 1).name()

    def inked(top: int, bottom: int, left: int, right: int) -> int:
        return sum(image.pixelColor(x, y).name() != background for x in range(left, right) for y in range(top, bottom))

    ratio = image.height() / 56
    assert inked(int(40 * ratio), int(52 * ratio), 0, int(image.width() * 0.5)) > 20  # "not enough text yet"
    assert inked(0, int(18 * ratio), int(image.width() * 0.75), image.width()) == 0  # nothing right of the title
