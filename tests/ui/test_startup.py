"""Issue #20: start-up loads only what the page needs, and a remembered-open panel waits for the page.

The budgets themselves are measured by ``tests/benchmarks/bench_startup.py``; these tests hold
the rules that make them possible.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from quill.paths import app_dirs
from quill.settings import Settings, load_settings, save_settings
from quill.state import load_state
from tests.fresh_imports import loaded_after_importing

ROOT = Path(__file__).resolve().parents[2]
PROBE = ROOT / "tests" / "benchmarks" / "startup_probe.py"
HEAVY = {"numpy", "pyqtgraph", "mistune"}


def test_the_window_and_every_feature_it_installs_import_nothing_heavy():
    """The import graph of ``quill`` up to the first window, and of what is installed after it."""
    imports = ["quill.cli", "quill.ui.shell.app", "quill.ui.shell.window", "quill.ui.library.controller",
               "quill.ui.export.commands", "quill.ui.sessions.controller", "quill.ui.voice", "quill.ui.spell",
               "quill.ui.flow", "quill.library", "quill.export.frontmatter"]
    assert loaded_after_importing(imports, HEAVY) == set()


def test_the_first_window_waits_for_no_module_it_does_not_use_yet():
    """Standard modules only the first save, the first journal write or a rare key needs (each ~1-2 ms
    of import before the first paint): the autosave's and journal's thread pools, line-ending
    matching, Unicode categories, the library's piece records and its rename matching (the page's
    own controller names the library's errors only), and ctypes (the allocator's tuning and idle
    trim, set up after the paint)."""
    imports = ["quill.cli", "quill.ui.shell.app", "quill.ui.shell.window"]
    assert loaded_after_importing(imports, {"concurrent.futures", "difflib", "unicodedata", "ctypes",
                                            "quill.library.piece", "quill.library.frontmatter",
                                            "quill.library.moves"}) == set()


def test_the_overlays_and_pickers_load_when_first_opened():
    """The list overlays (library, quick open, pickers) are not part of a launch: their modules, and
    the list widgets' classes PySide builds enums for on first use, cost ~20 ms after the paint."""
    imports = ["quill.cli", "quill.ui.shell.app", "quill.ui.shell.window", "quill.ui.library.controller",
               "quill.ui.spell", "quill.ui.sessions.controller", "quill.ui.voice", "quill.ui.flow"]
    overlays = {"quill.ui.shell.overlay", "quill.ui.shell.picker", "quill.ui.library.overlay"}
    assert loaded_after_importing(imports, overlays) == set()


def _probe_events(stderr: str) -> dict[str, object]:
    events = {}
    for line in stderr.splitlines():
        if line.startswith("probe "):
            _, name, _stamp, *rest = line.split(" ", 3)
            events[name] = json.loads(rest[0]) if rest else None
    return events


def test_a_launch_loads_nothing_heavy_and_the_panel_and_history_still_open_later(library_dir):
    """A real ``quill`` process: nothing heavy at the first paint, nor once every feature is installed
    and the process has gone quiet; then the writer's first Ctrl+Shift+L and F6 still work."""
    (library_dir / "A piece.md").write_text("# A café piece\n\n" + "Short words here. Then a longer sentence "
                                            "follows it, as sentences do.\n\n" * 40, encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QUILL_BENCH_PROBE": str(PROBE),
           "QUILL_PROBE_MODE": "cold"}
    done = subprocess.run([sys.executable, "-m", "quill", "--windowed"], capture_output=True, text=True,
                          timeout=180, env=env, cwd=ROOT)
    events = _probe_events(done.stderr)
    assert done.returncode == 0 and "panel" in events, done.stderr[-3000:]
    assert not HEAVY & set(events["paint"]["modules"])
    # The Unicode word rule (a café is not ASCII) compiles after the paint, for the status line's count.
    assert events["paint"]["word_rule_compiled"] is False
    panel = events["panel"]
    assert panel["features"]  # the library, sessions, spelling … were installed before the request
    assert not HEAVY & set(panel["modules_before"])
    assert events["paint"]["allocator_module"] is False  # the allocator is tuned after the paint …
    assert panel["allocator_module"] is True  # … and by the writer's first request
    assert "paint" in panel and "data" in panel  # the panel showed itself, then its figures
    assert {"numpy", "pyqtgraph"} <= set(panel["modules_after"])
    # OpenSSL (3.4 MB resident) stays out: the panel's analysis cache names its files with quill.digest.
    assert "_hashlib" not in panel["modules_after"]
    # PySide6's import hook read each module's source through linecache, which kept it (15 MB).
    assert panel["sources_read"] < 5, panel["sources_read"]
    assert "paint" in events["history"]


def test_a_remembered_open_panel_does_not_delay_the_first_paint(qtbot, library_dir, monkeypatch):
    """Under a fake clock that the panel's building advances by 800 ms (pyqtgraph, the charts), the
    page is painted at 0 and the panel is built only after it."""
    from quill.ui.shell.app import start_window, when_first_painted
    from quill.ui.shell.window import MainWindow
    from quill.ui.voice.widget import VoicePanel

    dirs = app_dirs().ensure()
    save_settings(dirs.settings_file, Settings(panel_visible=True))  # the panel was open at the last quit
    now = [0.0]
    events: list[tuple[str, float]] = []
    real_steps = VoicePanel._build_steps

    def costly_steps(panel: VoicePanel):  # noqa: ANN202 - the build, as a generator
        if not panel._built and not panel._building:
            events.append(("panel built", now[0]))
            now[0] += 0.8
        yield from real_steps(panel)

    monkeypatch.setattr(VoicePanel, "_build_steps", costly_steps)
    piece = library_dir / "piece.md"
    piece.write_text("# Remembered\n\nA page to paint first.\n", encoding="utf-8")
    window = MainWindow(dirs, load_settings(dirs.settings_file).settings, load_state(dirs.state_file),
                        library_dir=library_dir, clock=lambda: now[0], defer_features=True)
    qtbot.addWidget(window)
    window.open_path(piece)
    assert not hasattr(window, "voice_panel")  # nothing of the panel exists before the page
    when_first_painted(window.editor.viewport(), lambda: events.append(("first paint", now[0])))
    start_window(window, windowed=True)
    qtbot.waitUntil(lambda: getattr(window, "voice_panel", None) is not None and window.voice_panel.open
                    and window.voice_panel._built, timeout=15_000)
    assert events[0] == ("first paint", 0.0)
    assert events[1] == ("panel built", 0.0)
    assert window.settings.panel_visible
    window.close()


def test_words_typed_before_the_features_are_installed_reach_the_journal_and_the_file(qtbot, library_dir):
    """The journal and autosave belong to the page, not to the features installed after it: a key
    pressed right after the first paint, before the library or sessions exist, is kept."""
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QTextCursor

    from quill.storage.journal import read_journal
    from quill.ui.shell.app import start_window, when_first_painted
    from quill.ui.shell.window import MainWindow
    from tests.ui.keys import type_text

    dirs = app_dirs().ensure()
    piece = library_dir / "early.md"
    piece.write_text("The first line.", encoding="utf-8")
    window = MainWindow(dirs, load_settings(dirs.settings_file).settings, load_state(dirs.state_file),
                        library_dir=library_dir, defer_features=True)
    qtbot.addWidget(window)
    window.open_path(piece)
    start_window(window, windowed=True)
    seen: dict[str, bool] = {}

    def type_at_once() -> None:
        seen["library"] = window.library is not None
        window.editor.moveCursor(QTextCursor.MoveOperation.End)
        type_text(qtbot, window.editor, " Early words.")

    # installed after start_window's own watcher, so it runs first: before any feature step
    when_first_painted(window.editor.viewport(), lambda: QTimer.singleShot(0, window, type_at_once))
    qtbot.waitUntil(lambda: hasattr(window, "flow"), timeout=15_000)  # every feature installed
    assert seen == {"library": False}
    journal = window.documents.journal
    journal.flush_soon()
    journal.wait()
    assert read_journal(journal.journal.path).text == "The first line. Early words."
    window.documents.save_now()
    qtbot.waitUntil(lambda: piece.read_text(encoding="utf-8") == "The first line. Early words.", timeout=10_000)
    window.close()


def test_pyside6_learns_which_modules_use_it_without_keeping_their_sources():
    """quill.ui.pyside_sources answers PySide6's question (does this module's source mention PySide6?)
    from the file's bytes: the same answers as PySide6's own, and linecache keeps nothing."""
    code = """
import json, linecache, sys
import PySide6.QtCore
feature = sys.modules["shibokensupport.feature"]
original = feature._mod_uses_pyside
from quill.ui.pyside_sources import _reading_the_file, stop_keeping_sources
ours = _reading_the_file(original)
import quill.ui.shell.window, quill.textstats, json.decoder
modules = [quill.ui.shell.window, quill.textstats, json.decoder, sys, PySide6.QtCore]
answers = [[original(m), ours(m)] for m in modules]
assert stop_keeping_sources()
import quill.ui.voice.gauges, quill.voice.rhythm  # imported after: one uses PySide6, one does not
kept = sorted(name for name in linecache.cache if "quill" in name)
marks = feature.pyside_feature_dict
print(json.dumps({"answers": answers, "gauges": marks.get("quill.ui.voice.gauges"),
                  "rhythm": marks.get("quill.voice.rhythm"), "kept": kept}))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["answers"] == [[True, True], [False, False], [False, False], [False, False], [False, False]]
    assert result["gauges"] == 0 and result["rhythm"] == -1  # PySide6's own marks: uses it / ignore it
    assert result["kept"] == []
