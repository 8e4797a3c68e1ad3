from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from quill.paths import app_dirs
from quill.settings import load_settings
from quill.state import load_state


@pytest.fixture(autouse=True)
def _highlighting_never_fails_quietly(caplog):  # noqa: ANN001, ANN202
    """The highlighter logs a rule's error and goes on (a writer keeps typing); a test must not
    go on past one: any such log line fails the test that caused it."""
    yield
    failures = [r.getMessage() for r in caplog.get_records("call")
                if r.name == "quill.ui.editor.highlighter" and r.levelno >= logging.ERROR]
    assert not failures, f"the highlighter failed: {failures}"


@pytest.fixture(autouse=True)
def _system_language_is_american(monkeypatch):  # noqa: ANN001, ANN202
    """Spell check's default follows the system's language; the tests must not follow the machine's."""
    import quill.ui.spell.controller as spell

    monkeypatch.setattr(spell, "system_locale_name", lambda: "en_US")


@pytest.fixture
def make_window(qtbot, isolated_home):  # noqa: ANN001
    """Build a real MainWindow the way the app does (fresh settings and state from QUILL_HOME)."""
    from quill.ui.shell.window import MainWindow

    made = []

    def factory(path: Path | None = None, **kwargs):  # noqa: ANN202
        dirs = app_dirs().ensure()
        window = MainWindow(dirs, load_settings(dirs.settings_file).settings, load_state(dirs.state_file),
                            library_dir=Path(os.environ["QUILL_LIBRARY"]), **kwargs)
        qtbot.addWidget(window)
        if path is not None:
            window.open_path(path)
        else:
            window.new_piece()
        window.resize(1000, 700)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)
        window.editor.setFocus()
        made.append(window)
        return window

    yield factory
    for window in made:
        if window.isVisible():
            window.close()
