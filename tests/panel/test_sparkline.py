"""The sparkline keeps its line inside the view without re-ranging the plot on every refresh."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from quill.ui.shell.theme import theme_named  # noqa: E402
from quill.ui.voice.charts import Sparkline  # noqa: E402


def shown(spark: Sparkline) -> tuple[float, float]:
    (_x0, x1), (_y0, y1) = spark.getPlotItem().vb.viewRange()
    return x1, y1


def test_the_line_always_fits_and_small_changes_keep_the_range(qtbot):
    spark = Sparkline(theme_named("light"), 34, "test")
    qtbot.addWidget(spark)
    spark.set_values([0.4, 0.5, 0.6])
    x1, y1 = shown(spark)
    assert y1 >= 0.6 and x1 >= 2
    spark.set_values([0.41, 0.52, 0.58])  # a refresh while typing: same points, similar values
    assert shown(spark) == (x1, y1)
    assert [y for _x, y in spark.curve.points()] == [0.41, 0.52, 0.58]  # the line itself did change
    spark.set_values([0.4, 0.5, 0.6, 0.9])  # a new point, higher than the range
    x2, y2 = shown(spark)
    assert x2 > x1 and y2 >= 0.9
    spark.set_values([0.1, 0.1, 0.1, 0.1])  # far below: the range shrinks so the line is not flat
    assert shown(spark)[1] < 0.5
