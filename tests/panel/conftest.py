from __future__ import annotations

import pytest

from tests.ui.conftest import make_window  # noqa: F401 - the shared window fixture


@pytest.fixture
def panel_window(make_window):  # noqa: ANN001, F811
    """A real window with the voice panel installed and opened."""
    from quill.ui.voice import install_voice_panel

    def factory(path=None):  # noqa: ANN001, ANN202
        window = make_window(path)
        panel = install_voice_panel(window)
        panel.set_open(True, animate=False)
        return window, panel

    yield factory
