"""``quill --self-test``: prove that this installation can open a window, take typing and keep it.

It runs the real application code, offscreen by default (``QT_QPA_PLATFORM`` is honoured when set),
with Quill's own folders and a library in a temporary directory, so a writer's files are never touched:

1. the resources folder (fonts, voice data) is found;
2. the real :class:`~quill.ui.shell.window.MainWindow` opens on a new draft;
3. a paragraph is typed through real ``QKeyEvent`` s;
4. autosave (its own timer, not a forced save) writes the draft, which must equal the typed text byte for byte;
5. the voice engine counts the paragraph's words;
6. pyqtgraph (the voice panel's and the history's plotting) draws one curve;
7. the spell checker, with the English dictionaries shipped inside Quill only (never the system's),
   flags ``teh``, suggests ``the`` and tells US from UK spelling;
8. closing the window (which saves again) leaves the file unchanged.

It prints exactly one line — ``quill self-test: ok (...)`` and returns 0, or
``quill self-test: FAILED: <reason>`` and returns 1.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

PARAGRAPH = ("Quill keeps every word you type and never suggests another one. "
             "The page stays quiet while you think, and your draft is saved without a question.")
EXPECTED_WORDS = 26
SAVE_TIMEOUT_S = 15.0


class SelfTestFailure(Exception):
    """A check failed; the message is the reason shown to the user."""


def run_self_test() -> int:
    started = time.perf_counter()
    saved_env = {key: os.environ.get(key) for key in ("QUILL_HOME", "QUILL_LIBRARY", "QT_QPA_PLATFORM",
                                                       "PYQTGRAPH_QT_LIB")}
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    try:
        with tempfile.TemporaryDirectory(prefix="quill-self-test-", ignore_cleanup_errors=True) as tmp:
            os.environ["QUILL_HOME"] = str(Path(tmp) / "home")
            os.environ["QUILL_LIBRARY"] = str(Path(tmp) / "library")
            details = _run_checks(Path(os.environ["QUILL_LIBRARY"]))
    except SelfTestFailure as exc:
        print(f"quill self-test: FAILED: {exc}", flush=True)
        return 1
    except Exception as exc:  # noqa: BLE001 - any crash is a failed installation, reported in one line
        where = traceback.extract_tb(exc.__traceback__)[-1]
        print(f"quill self-test: FAILED: {type(exc).__name__}: {exc} "
              f"(at {Path(where.filename).name}:{where.lineno})", flush=True)
        return 1
    finally:
        for key, value in saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    details.append(f"{time.perf_counter() - started:.1f} s")
    print(f"quill self-test: ok ({', '.join(details)})", flush=True)
    return 0


def _run_checks(library: Path) -> list[str]:
    from quill import __version__
    from quill.resources import resources_dir

    try:
        fonts = sorted(p.name for p in (resources_dir() / "fonts").glob("*.ttf"))
    except FileNotFoundError as exc:
        raise SelfTestFailure(str(exc)) from exc
    if not fonts:
        raise SelfTestFailure(f"no fonts in {resources_dir() / 'fonts'}")

    try:
        from PySide6 import __version__ as qt_version
        from PySide6.QtCore import QCoreApplication, QEvent, Qt
        from PySide6.QtGui import QKeyEvent
        from PySide6.QtWidgets import QApplication
    except ImportError as exc:
        raise SelfTestFailure(f"Qt (PySide6) cannot be loaded: {exc}") from exc

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "quill"])

    from quill.paths import app_dirs
    from quill.settings import load_settings
    from quill.state import load_state
    from quill.ui.shell.window import MainWindow

    def pump(until: Callable[[], bool], timeout_s: float, what: str) -> None:
        deadline = time.monotonic() + timeout_s
        while not until():
            if time.monotonic() > deadline:
                raise SelfTestFailure(f"timed out after {timeout_s:.0f} s waiting for {what}")
            QCoreApplication.processEvents()
            time.sleep(0.005)

    dirs = app_dirs().ensure()
    window = MainWindow(dirs, load_settings(dirs.settings_file).settings, load_state(dirs.state_file),
                        library_dir=library)
    try:
        window.new_piece()
        window.resize(1000, 700)
        window.show()
        pump(lambda: window.windowHandle() is not None and window.windowHandle().isExposed(), 10,
             "the window to appear")
        window.activateWindow()
        window.editor.setFocus()
        QCoreApplication.processEvents()

        editor = window.editor
        for char in PARAGRAPH:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(editor, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier,
                                                         char))
        typed = editor.raw_text()
        if typed != PARAGRAPH:
            raise SelfTestFailure(f"the editor holds {typed!r} after typing {PARAGRAPH!r}")

        typed_at = time.monotonic()
        revision = editor.text_revision
        pump(lambda: window.documents.saver.saved_revision == revision and window.document is not None, SAVE_TIMEOUT_S,
             "autosave")
        save_seconds = time.monotonic() - typed_at
        path = window.document.path
        on_disk = path.read_text(encoding="utf-8")
        if on_disk != PARAGRAPH:
            raise SelfTestFailure(f"{path.name} holds {on_disk!r}, not the typed text")

        words = _voice_words(PARAGRAPH)
        plotting = _plot_once()
        spelling = _spelling()
    finally:
        window.close()
        QCoreApplication.processEvents()
        window.deleteLater()
        QCoreApplication.processEvents()

    if path.read_text(encoding="utf-8") != PARAGRAPH:
        raise SelfTestFailure(f"{path.name} changed when the window closed")
    del app
    return [f"quill {__version__}", f"Qt {qt_version} on {os.environ.get('QT_QPA_PLATFORM')}",
            f"typed {len(PARAGRAPH)} characters", f"autosaved in {save_seconds:.1f} s",
            f"voice: {words} words", plotting, spelling, f"{len(fonts)} fonts"]


def _voice_words(text: str) -> int:
    try:
        from quill.voice import analyze
    except ImportError as exc:
        raise SelfTestFailure(f"the voice engine (quill.voice) cannot be imported: {exc}") from exc
    words = analyze(text).to_dict()["words"]
    if words != EXPECTED_WORDS:
        raise SelfTestFailure(f"the voice engine counted {words} words, expected {EXPECTED_WORDS}")
    return words


def _spelling() -> str:
    """Check spelling with the shipped dictionaries alone: an install with no system dictionary must work."""
    try:
        from quill.spell import SpellChecker, available_dictionaries
    except ImportError as exc:
        raise SelfTestFailure(f"the spell checker (quill.spell, spylls) cannot be imported: {exc}") from exc
    shipped = available_dictionaries(None, include_system=False)
    missing = {"en_US", "en_GB"} - set(shipped)
    if missing:
        raise SelfTestFailure(f"the shipped dictionaries {sorted(missing)} are missing")
    us, gb = SpellChecker(shipped["en_US"]), SpellChecker(shipped["en_GB"])
    if us.is_correct("teh") or not us.is_correct("the") or us.is_correct("colour") or not gb.is_correct("colour"):
        raise SelfTestFailure("the spell checker gives wrong answers (teh, the, colour)")
    if "the" not in us.suggest("teh"):
        raise SelfTestFailure(f"the spell checker suggests {us.suggest('teh')} for 'teh'")
    return "spelling: en_US, en_GB"


def _plot_once() -> str:
    """The panel and the history plot with pyqtgraph, which loads Qt modules dynamically: draw one
    curve offscreen. Returns how pyqtgraph was imported ("charts: pyqtgraph lean" or "… plain")."""
    try:
        from quill.ui import plotting
        from quill.ui.plotting import pg  # as the panel imports it
    except ImportError as exc:
        raise SelfTestFailure(f"pyqtgraph cannot be imported: {exc}") from exc
    plot = pg.PlotWidget()
    try:
        curve = plot.plot([1, 3, 2, 4])
        plot.resize(200, 100)
        plot.grab()
        if len(curve.getData()[0]) != 4:
            raise SelfTestFailure("pyqtgraph did not keep the plotted data")
    finally:
        plot.close()
        plot.deleteLater()
    return f"charts: pyqtgraph {plotting.HOW_IMPORTED or 'plain'}"
