"""Start the window: QApplication, fonts, settings, the piece to open. No dialog before writing."""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from stat import S_ISREG

_STARTED = time.perf_counter()


GUI_SWITCH_INTERVAL_S = 0.001
COLLECTOR_FALLBACK_MS = 10_000  # the cyclic collector resumes by then even if the page never painted


def choose_start_path(library_dir: Path, last_path: str | None) -> Path | None:
    """The piece to open at launch: the last one edited, else the newest file in the library."""
    if last_path:
        candidate = Path(last_path)
        if candidate.is_file():
            return candidate
    newest: tuple[float, Path] | None = None
    try:
        for path in library_dir.rglob("*.md"):
            if any(part.startswith(".") for part in path.relative_to(library_dir).parts):
                continue
            try:
                st = path.stat()
            except OSError:
                continue
            if S_ISREG(st.st_mode) and (newest is None or st.st_mtime > newest[0]):
                newest = (st.st_mtime, path)  # only regular files: a FIFO named *.md once hung start-up
    except OSError:
        return None
    return newest[1] if newest else None


def keep_qt_settings_in(folder: Path) -> None:
    """Qt's own settings (file dialogs remember recent folders in QtProject.conf) go under Quill's
    config folder, so QUILL_HOME really holds all of Quill's state and ~/.config stays untouched."""
    from PySide6.QtCore import QSettings

    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))


def run_app(open_path: Path | None = None, windowed: bool = False) -> int:
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    # Start-up makes a few hundred thousand objects that live as long as the app (modules, Qt's
    # wrappers, the window) and throws few away; the cyclic collector walking them again and
    # again was 6-8 ms of the first window. It resumes once the page is up (see
    # _after_first_paint), with what exists then frozen out of its scans for good.
    gc.disable()
    # The Qt-free core first: once PySide6 is loaded, its import hook reads the source of every
    # module imported after it (to see whether it uses PySide's __feature__), a few ms at start-up.
    import quill.storage.document
    import quill.storage.journal
    import quill.textstats  # noqa: F401
    from quill import __version__
    from quill.paths import default_library_dir, usable_app_dirs
    from quill.settings import load_settings
    from quill.state import load_state
    from quill.storage.recovery import bring_back_unsaved_copies, recover_journals

    # isort: split
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from quill.ui.pyside_sources import stop_keeping_sources

    stop_keeping_sources()  # before the window's modules: PySide6 would keep each one's source (15 MB)

    from quill.ui.shell.single_instance import SingleInstance
    from quill.ui.shell.window import MainWindow

    QGuiApplication.setApplicationName("Quill")
    QGuiApplication.setApplicationDisplayName("Quill")
    QGuiApplication.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName("io.github.quill_writer.Quill")  # matches the desktop entry
    app = QApplication.instance() or QApplication(sys.argv[:1])
    # Workers (preview rendering, voice analysis) run Python beside the GUI thread. Each time
    # the GUI thread comes back from Qt it needs the GIL, and by default a busy worker keeps it
    # for up to 5 ms: a keystroke could wait that long several times over. 1 ms bounds the wait.
    sys.setswitchinterval(GUI_SWITCH_INTERVAL_S)

    library = default_library_dir()
    instance = SingleInstance(library)
    if not instance.acquire():
        if instance.hand_over(open_path):
            print("quill: Quill is already open on this library; it has been asked to show "
                  f"{open_path.name if open_path else 'itself'}.", file=sys.stderr)
            return 0
        print("quill: another Quill holds this library but does not answer. Close it, or use "
              "--library to write elsewhere.", file=sys.stderr)
        return 1

    dirs, home_notice = usable_app_dirs()  # a home that cannot be made still opens the page, and says so
    keep_qt_settings_in(dirs.config)
    # Words a crash or a kill left only in the journal go back into their pieces before anything opens.
    recovered = recover_journals(dirs.journal_dir, library)
    # Words kept in the data folder when their piece could not be saved at quit go back beside it.
    recovered += bring_back_unsaved_copies(dirs.data / "unsaved")
    loaded = load_settings(dirs.settings_file)
    state = load_state(dirs.state_file)
    window = MainWindow(dirs, loaded.settings, state, library_dir=library, defer_features=True)
    if os.environ.get("QUILL_BENCH_PROBE"):
        _install_probe(app, window, os.environ["QUILL_BENCH_PROBE"])
    instance.open_requested.connect(window.open_requested)
    instance.command_handler = window.handle_command
    app.aboutToQuit.connect(instance.release)
    open_first_piece(window, open_path, recovered, lambda: choose_start_path(library, state.last_path),
                     [n for n in (home_notice, loaded.notice) if n])

    start_window(window, windowed)
    from quill.ui.shell.keyfeeder import trace

    trace(f"ready {window.document.path if window.document else ''}")
    if os.environ.get("QUILL_TEST_FEED"):
        from quill.ui.shell.keyfeeder import feeder_from_environment

        window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
        window._key_feeder = feeder_from_environment(window.editor)
    if os.environ.get("QUILL_BENCH_EXIT_AFTER_PAINT"):
        when_first_painted(window.editor.viewport(), lambda: _report_and_quit(app))
    close_on_termination(window)
    return app.exec()


def close_on_termination(window) -> list[int]:  # noqa: ANN001 - MainWindow
    """SIGTERM (a logout, a shutdown, ``kill``), SIGHUP (its terminal closed) and SIGINT (Ctrl+C
    where it was started) close the window as the writer's own quit does: the piece saved to its
    file, the history and the state written. Killed by the default action instead, the words were
    safe in the journal but the file on disk, which a sync tool carries to the writer's other
    machine, kept the text of the last autosave until Quill next opened on this one.

    Python runs a signal's handler only when it next runs code, which under Qt's event loop may be
    never: :func:`signal.set_wakeup_fd` writes the signal's number to a socket whose notifier wakes
    the loop. Returns the signals taken over (none on Windows)."""
    import signal
    import socket

    from PySide6.QtCore import QSocketNotifier, QTimer
    from PySide6.QtWidgets import QApplication

    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name)]
    if os.name == "nt" or not wanted:
        return []  # Windows sends a GUI app no such signals; it closes windows through Qt itself
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    try:
        signal.set_wakeup_fd(writer.fileno())
    except ValueError:  # not the main thread (an embedding): leave the signals as they are
        reader.close()
        writer.close()
        return []
    for number in wanted:
        signal.signal(number, lambda *_args: None)  # the notifier below does the work, in Qt's loop
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, window)

    def woken() -> None:
        try:
            received = reader.recv(64)
        except OSError:
            return
        if any(number in received for number in wanted):
            # A dialog open (Rename, a question) would keep the application running after the
            # window closed, and its answer would come after the quit: it is cancelled first.
            for widget in QApplication.topLevelWidgets():
                if widget is not window and widget.isVisible() and widget.isModal():
                    widget.close()
            QTimer.singleShot(0, window.close)  # once the dialog's own loop has ended

    notifier.activated.connect(woken)
    window._termination = (reader, writer, notifier)  # kept alive as long as the window
    return wanted


def open_first_piece(window, open_path: Path | None, recovered: list,  # noqa: ANN001
                     start_path: Callable[[], Path | None], notices: list[str]) -> None:
    """Open the piece Quill starts on: the one asked for, else the last one recovered from the
    journal (with the cursor where the writer was typing when Quill stopped), else the last one
    written in. Then say what recovery did (after opening: opening takes away notices about the
    piece before it; these concern the pieces they name, and go when the writer moves on)."""
    recovered_pieces = [r for r in recovered if r.written_to is not None]
    target = open_path or (recovered_pieces[-1].written_to if recovered_pieces else None) or start_path()
    if target is not None:
        window.open_path(target)
        back_to = next((r.cursor for r in reversed(recovered_pieces) if r.written_to == target), None)
        if back_to is not None:
            window.jump_to(back_to)
    else:
        window.new_piece()
    said = [r.message for r in recovered] + notices
    if said:
        window.banner.show_message(" ".join(said), "warning", about_piece=bool(recovered))
        from quill.ui.shell.keyfeeder import trace

        trace("said " + " ".join(said))


def start_window(window, windowed: bool = False) -> None:  # noqa: ANN001 - MainWindow
    """Show the page now; everything else (library, export, sessions, the panel if it was open)
    comes after its first paint, one step per turn of the event loop, so it never waits for them."""
    from PySide6.QtCore import QTimer

    if windowed:
        window.resize(1100, 760)
        window.show()
    else:
        window.showFullScreen()
    window.editor.setFocus()
    when_first_painted(window.editor.viewport(),
                       lambda: QTimer.singleShot(0, window, lambda: _after_first_paint(window)))
    QTimer.singleShot(COLLECTOR_FALLBACK_MS, resume_collector)  # a window never painted (hidden)


def _after_first_paint(window) -> None:  # noqa: ANN001
    """Everything not needed to show the page: library, export, sessions, then an index scan."""
    from quill.memory import tune_allocator  # ctypes: ~3 ms of import, not worth making the page wait

    tune_allocator()  # before the first save: whole-text copies go back to the system once freed

    def installed() -> None:
        resume_collector()
        if window.library is not None:
            window.library.scan_soon()  # off the GUI thread

    window.install_features_in_steps(installed)


def resume_collector() -> None:
    """The cyclic collector, paused for start-up, runs again; what start-up made is frozen out of
    its scans (still freed by reference counting), so a full collection while typing stays short."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def _install_probe(app, window, path: str) -> None:  # noqa: ANN001
    """The start-up benchmark's and tests' measuring hooks (tests/benchmarks/startup_probe.py):
    loaded from a file, never part of Quill, and only when QUILL_BENCH_PROBE names one."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("quill_bench_probe", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.install(app, window)


def _report_and_quit(app) -> None:  # noqa: ANN001
    """For the start-up benchmark: say when the page was first painted, then quit."""
    from PySide6.QtCore import QTimer

    print(f"quill: first paint {1000 * (time.perf_counter() - _STARTED):.0f} ms after import",
          file=sys.stderr, flush=True)
    QTimer.singleShot(0, app.quit)


def when_first_painted(widget, callback) -> None:  # noqa: ANN001
    """Call ``callback`` once, when ``widget`` receives its first paint event."""
    from PySide6.QtCore import QEvent, QObject

    class _FirstPaint(QObject):
        def eventFilter(self, watched, event) -> bool:  # noqa: N802, ANN001
            if event.type() == QEvent.Type.Paint:
                widget.removeEventFilter(self)
                callback()
            return False

    watcher = _FirstPaint(widget)
    widget.installEventFilter(watcher)
