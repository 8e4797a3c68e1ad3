"""The rhythm strip repaints only the column of the bar that changed, and draws without pyqtgraph."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytest.importorskip("pytestqt")

from quill.ui.shell.theme import theme_named  # noqa: E402
from quill.ui.voice.charts import RhythmStrip  # noqa: E402


def test_a_growing_sentence_repaints_only_its_own_bar(qtbot, monkeypatch):  # noqa: ANN001
    theme = theme_named("light")
    strip = RhythmStrip(theme)
    qtbot.addWidget(strip)
    strip.resize(320, 120)
    asked: list[object] = []
    monkeypatch.setattr(strip, "update", lambda *rect: asked.append(rect[0] if rect else None))
    strip.set_sentences([3, 5, 7], 2)
    assert asked and len(asked) == 3  # three new bars
    asked.clear()
    strip.set_sentences([3, 5, 8], 2)  # the writer typed a word into the last sentence
    assert len(asked) == 1 and asked[0] is not None
    column = asked[0]
    assert column.contains(strip.bar_center(2)) and not column.contains(strip.bar_center(1))
    assert column.width() < strip.width() / 10
    assert strip.bar_heights() == [3, 5, 8]
    asked.clear()
    strip.set_sentences([3, 5, 8, 1], 3)  # a new sentence: the old current one changes colour too
    assert len(asked) == 2
    assert strip.bar_heights() == [3, 5, 8, 1]
    assert strip.bar_brush(3) == theme.color("accent").name() != strip.bar_brush(2)
    asked.clear()
    strip.set_sentences([3, 5, 8, 45], 3)  # taller than the scale: everything is redrawn to the new one
    assert asked == [None]


def test_bars_are_painted_where_bar_center_says(qtbot):  # noqa: ANN001
    theme = theme_named("light")
    strip = RhythmStrip(theme)
    qtbot.addWidget(strip)
    strip.resize(320, 120)
    strip.set_sentences([3, 30, 7], 1)
    image = strip.grab().toImage()
    assert image.pixelColor(strip.bar_center(1)).name() == theme.color("accent").name()
    assert image.pixelColor(strip.bar_center(0)).name() != theme.panel_background
    above = strip.bar_center(0)
    above.setY(5)
    assert image.pixelColor(above).name() == theme.panel_background


def test_the_panels_charts_do_not_import_pyqtgraph_or_numpy() -> None:
    code = ("import quill.ui.voice.charts, quill.ui.voice.widget, quill.ui.voice.controller, sys; "
            "print(sorted(m for m in ('pyqtgraph', 'numpy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"QT_QPA_PLATFORM": "offscreen", **__import__("os").environ})
    assert out.stdout.strip() == "[]"
