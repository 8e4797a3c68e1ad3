"""The rhythm strip feeds only the bar item whose bars changed, so Qt repaints one column."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from quill.ui.shell.theme import theme_named  # noqa: E402
from quill.ui.voice.charts import RhythmStrip  # noqa: E402


def test_a_growing_sentence_refeeds_only_its_own_bar(qtbot, monkeypatch):  # noqa: ANN001
    theme = theme_named("light")
    strip = RhythmStrip(theme)
    qtbot.addWidget(strip)
    fed: list[str] = []
    for name in ("bars", "current_bar"):
        item = getattr(strip, name)
        original = item.setOpts
        monkeypatch.setattr(item, "setOpts", lambda _o=original, _n=name, **opts: (fed.append(_n), _o(**opts)))
    strip.set_sentences([3, 5, 7], 2)
    assert sorted(fed) == ["bars", "current_bar"]
    fed.clear()
    strip.set_sentences([3, 5, 8], 2)  # the writer typed a word into the last sentence
    assert fed == ["current_bar"]
    assert strip.bar_heights() == [3, 5, 8]
    fed.clear()
    strip.set_sentences([3, 5, 8, 1], 3)  # a new sentence: the old one joins the others
    assert sorted(fed) == ["bars", "current_bar"]
    assert strip.bar_heights() == [3, 5, 8, 1]
    assert strip.bar_brush(3) == theme.color("accent").name() != strip.bar_brush(2)
    fed.clear()
    strip.apply_theme(theme_named("dark"))  # new colours reach both items
    assert sorted(fed) == ["bars", "current_bar"]
