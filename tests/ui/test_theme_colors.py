"""Chart colours are opaque equivalents of translucent ones: same look, no per-pixel blending."""

from __future__ import annotations

import pytest

from quill.ui.shell.theme import theme_named


@pytest.mark.parametrize("name", ["light", "dark", "sepia"])
def test_solid_is_the_translucent_colour_seen_over_the_panel(name: str) -> None:
    theme = theme_named(name)
    assert theme.solid("accent", 255).name() == theme.color("accent").name()
    assert theme.solid("accent", 0).name() == theme.color("panel_background").name()
    half = theme.solid("text", 128)
    text, panel = theme.color("text"), theme.color("panel_background")
    assert half.alpha() == 255
    for mixed, a, b in ((half.red(), text.red(), panel.red()), (half.green(), text.green(), panel.green()),
                        (half.blue(), text.blue(), panel.blue())):
        assert min(a, b) <= mixed <= max(a, b) and abs(mixed - (a + b) / 2) <= 1
