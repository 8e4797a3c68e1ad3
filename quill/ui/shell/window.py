"""The main window: the page, and the quiet machinery around it.

No menu bar, no toolbar, no scroll bar. Every command lives in the registry, so it has a
shortcut and a place in the command palette. The window lays out the widgets and wires
features together; what happens to the open piece's file is the
:class:`~quill.ui.document.controller.DocumentController`'s job, and how the page looks is
:class:`~quill.ui.shell.view_settings.ViewSettings`'.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QHBoxLayout, QMainWindow, QVBoxLayout, QWidget

from quill.fsnames import legible
from quill.paths import AppDirs, default_library_dir, reveal_in_file_manager
from quill.settings import STATUS_COUNTS, Settings
from quill.state import AppState, save_state
from quill.storage.document import DocumentFile
from quill.textstats import count_characters, front_matter_value, headings, reading_minutes, word_target
from quill.ui.document.controller import DocumentController
from quill.ui.editor.editor import WritingEditor
from quill.ui.editor.findbar import FindBar
from quill.ui.shell.banner import Banner
from quill.ui.shell.commands import CommandRegistry
from quill.ui.shell.keyfeeder import trace
from quill.ui.shell.statusline import StatusLine, session_figures
from quill.ui.shell.theme import THEMES, Theme, theme_named
from quill.ui.shell.view_settings import COLUMN_STEP, ViewSettings
from quill.wording import plural

log = logging.getLogger(__name__)

if TYPE_CHECKING:  # the picker (and the overlay it is drawn with) is imported when first opened
    from quill.ui.shell.picker import Picker, PickerItem

TYPING_PAUSE_MS = 1500  # the status line returns after this long without a keystroke
#: After this long without a keystroke, the C heap's free pages go back to the system (see
#: quill.memory): the saves, journal segments and panel refreshes of the burst are all done by then.
IDLE_TRIM_MS = 30_000


def _trim_heap() -> bool:
    """quill.memory's trim, imported when first needed: it loads ctypes (~3 ms before the first paint)."""
    from quill.memory import trim_heap

    return trim_heap()


class MainWindow(QMainWindow):
    theme_changed = Signal(object)  # Theme: for widgets installed later (the voice panel)
    text_size_changed = Signal(int)  # point size of the writing font
    closing = Signal()  # every close attempt, before the window saves (it may still stay open)

    def __init__(self, dirs: AppDirs, settings: Settings, state: AppState, *,
                 library_dir: Path | None = None, clock: Callable[[], float] = time.monotonic,
                 use_library: bool = True, sessions_options: dict | None = None,
                 defer_features: bool = False) -> None:
        """``defer_features``: install the library, export and sessions after the first paint
        (:meth:`install_features`), so that launching shows the page as fast as possible."""
        super().__init__()
        self.dirs = dirs
        self.settings = settings
        self.state = state
        self.library_dir = library_dir or default_library_dir()
        self.clock = clock
        self.setWindowTitle("Quill")
        self.setMinimumSize(480, 320)

        theme = theme_named(settings.theme)
        self.editor = WritingEditor(theme)
        self.editor.fold_front_matter = settings.fold_front_matter
        self.banner = Banner(theme)
        self.find_bar = FindBar(self.editor, theme)
        self.status = StatusLine(theme)
        page = QWidget()
        page.setObjectName("page")
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.editor, 1)
        column.addWidget(self.find_bar)
        column.addWidget(self.status)
        # a passing notice floats over the page's blank top margin: the text does not jump down and back
        self.banner.float_within(column, lambda: self.editor.viewportMargins().top())
        central = QWidget()
        self.body = QHBoxLayout(central)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(0)
        self.body.addWidget(page, 1)
        self.setCentralWidget(central)
        self._picker: Picker | None = None  # the palette's overlay, made when first opened
        self._picker_action: Callable[[object], object] = lambda _payload: None
        self.menuBar().hide()

        self.library = None  # a LibraryController once install_features has run
        self._use_library = use_library
        self._sessions_options = sessions_options or {}
        self._features_installed = False
        self._closed = False

        self.documents = DocumentController(self.editor, dirs, state, self.library_dir, self)
        self.documents.notice.connect(self.show_notice)
        self.documents.document_changed.connect(self._on_document_changed)
        self.documents.leaving.connect(self._on_leaving_piece)
        self.documents.loaded.connect(self.banner.retract_piece_notice)  # first: later handlers may say something new
        self.documents.loaded.connect(self._on_piece_loaded)
        self.editor.add_edit_listener(self._on_edited)
        self.editor.reservation_changed.connect(self._follow_reservation)
        self.editor.focus_lost.connect(self._on_focus_lost)
        self.editor.paste_refused.connect(lambda message: self.banner.show_message(message, "warning"))
        self.editor.mouse_moved.connect(self._on_mouse_moved)
        self.editor.escape_pressed.connect(self.close_beside)
        QApplication.instance().applicationStateChanged.connect(self._on_application_state)

        self.view = ViewSettings(settings, dirs.settings_file, self.editor,
                                 lambda message: self.banner.show_message(message, "warning"), self)
        self.view.theme_changed.connect(self._on_theme_changed)
        self.view.text_size_changed.connect(self.text_size_changed)

        self._pause_timer = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._pause_timer.timeout.connect(self._on_typing_paused)
        # Armed once per pause, never per key: it checks on firing that no key came meanwhile.
        self._idle_trim = QTimer(self, singleShot=True, interval=IDLE_TRIM_MS)
        self._idle_trim.timeout.connect(self._trim_if_still_idle)
        self._edits_at_pause = -1
        #: what gives memory back at idle (tests count the calls)
        self.trim_heap: Callable[[], object] = _trim_heap
        self._clock_timer = QTimer(self, interval=30_000)
        self._clock_timer.timeout.connect(self.refresh_status)
        self._clock_timer.start()
        self.session_started = clock()
        self._session_words_base = 0  # net words added in pieces already left this session
        self._written_this_session = False  # the writer has changed a piece since launch
        self._piece_start_words: int | None = 0  # words in the current piece when it was opened
        self._piece_start_text = ""  # the text it was opened with, until those are counted
        self._piece_start_edits = -1
        self._characters: tuple[int, tuple[int, int]] = (-1, (0, 0))  # (revision, counts) for the status line

        self.commands = CommandRegistry(self)
        #: wall-clock time, for what must survive a restart (the palette's "recent")
        self.wall = time.time
        self.commands.on_run = lambda command_id: self.state.note_command(command_id, self.wall())
        self._register_commands()
        self.view.apply()
        if not defer_features:
            self.install_features()

    @property
    def picker(self) -> Picker:
        """The palette-style picker (palette, headings, quick open), made on first use."""
        if self._picker is None:
            from quill.ui.shell.picker import Picker

            self._picker = Picker(self.centralWidget(), self.theme)
            self._picker.closed.connect(self.editor.setFocus)
            self._picker.chosen.connect(self._on_picker_chosen)
        return self._picker

    @property
    def theme(self) -> Theme:
        return self.view.theme

    @property
    def document(self) -> DocumentFile | None:
        """The open piece's file (None for a new draft without words yet)."""
        return self.documents.document

    @property
    def loading(self) -> bool:
        """True while a piece's text is being put in the editor: those changes are not writing."""
        return self.documents.loading

    def install_features(self) -> None:
        """The library, preview/export and writing sessions: imported and wired here, not at start-up."""
        for step in self.feature_steps():
            self._install(step)

    #: what each step of :meth:`feature_steps` gives the writer, for a message when it fails
    FEATURE_NAMES = {"library": "library", "export": "export and preview", "sessions": "writing history",
                     "voice": "voice panel", "spelling": "spell check", "flow": "flow mode"}

    def _install(self, step: Callable[[], None]) -> None:
        """One feature; if it fails the others still come, and the writer is told which is missing
        (one step raising used to stop every step after it: no spell check, no flow mode, no scan).
        The page, the journal and autosave never depend on these."""
        try:
            step()
        except Exception as exc:  # noqa: BLE001 - whatever broke, the rest of Quill must come up
            log.exception("could not install the %s", step.__name__)
            name = self.FEATURE_NAMES.get(step.__name__, step.__name__)
            self.banner.show_message(
                f"Quill could not start its {name} ({exc}). Your writing is saved as always; the rest of "
                "Quill works. Restarting Quill may help; the log has the details.", "warning")

    def install_features_in_steps(self, done: Callable[[], None] = lambda: None) -> None:
        """:meth:`install_features` one feature per turn of the event loop (each takes 5-30 ms of
        imports and wiring): a key pressed meanwhile is taken between two of them, not after all."""
        steps = list(self.feature_steps())

        def next_step() -> None:
            if self._closed:
                return
            if steps:
                self._install(steps.pop(0))
                QTimer.singleShot(0, self, next_step)
            else:
                done()

        next_step()

    def feature_steps(self) -> list[Callable[[], None]]:
        """The steps of :meth:`install_features`, in order (empty once they have been handed out)."""
        if self._features_installed:
            return []
        self._features_installed = True

        def library() -> None:
            if self._use_library:
                from quill.ui.library.controller import LibraryController

                self.library = LibraryController(self)
                self.library.register_commands()
                self.documents.set_writer(self.library.write)  # snapshots and index come with each save
                self.documents.version_keeper = self.library.library.keep_before_replacing
                self.documents.holds_versions = self.library.library.holds
                self.documents.reload_keeper = self.library.library.keep_before_reload

        def export() -> None:
            from quill.ui.export.commands import install_export_commands

            install_export_commands(self)

        def sessions() -> None:
            from quill.ui.sessions.controller import install_sessions

            # Sessions listen to the editor and register goals and history. Options inject clocks in tests.
            install_sessions(self, **self._sessions_options)

        def voice() -> None:
            from quill.ui.voice import install_voice_panel

            install_voice_panel(self)  # cheap: pyqtgraph and the voice engine load when the panel first opens

        def spelling() -> None:
            from quill.ui.spell import install_spell_check

            install_spell_check(self)  # the dictionary loads in its worker

        def flow() -> None:
            from quill.ui.flow import install_flow_mode

            install_flow_mode(self)

        return [library, export, sessions, voice, spelling, flow]

    # -- commands ---------------------------------------------------------------------------
    def _register_commands(self) -> None:
        add = self.commands.add
        view = self.view
        add("palette", "Command palette", self.open_palette, ["Ctrl+Shift+P"], "commands search")
        add("reading_time", "Show reading time", self.toggle_reading_time, (), "minutes read status line")
        add("fold_front_matter", "Fold front matter in the body", self.toggle_fold_front_matter, (),
            "metadata yaml title tags hide show")
        add("typographic_export", "Printer’s quotes and dashes in exports", self.toggle_typographic_export, (),
            "smart quotes curly typography html pdf rich text")
        add("status_count", "Status line: words, characters or both", self.cycle_status_count, (),
            "characters chars count letters status line")
        add("fullscreen", "Toggle full screen", self.toggle_fullscreen, ["F11"], "window")
        add("focus", "Focus mode", view.toggle_focus_mode, ["F8"], "dim sentence paragraph")
        add("focus_scope", "Focus mode: sentence or paragraph", view.toggle_focus_scope, ["Shift+F8"])
        add("typewriter", "Typewriter scrolling", view.toggle_typewriter, ["F9"], "center line")
        add("theme_next", "Next theme", view.cycle_theme, ["Ctrl+Shift+T"], "colors dark light sepia")
        for name in THEMES:
            add(f"theme_{name}", f"Theme: {name.capitalize()}", lambda n=name: view.set_theme(n), (), "colors")
        add("font_bigger", "Larger text", lambda: view.change_font_size(+1), ["Ctrl+=", "Ctrl++"], "zoom font")
        add("font_smaller", "Smaller text", lambda: view.change_font_size(-1), ["Ctrl+-"], "zoom font")
        add("font_reset", "Reset text size", lambda: view.change_font_size(0), ["Ctrl+0"], "zoom font")
        add("column_wider", "Wider column", lambda: view.change_column(+COLUMN_STEP), ["Ctrl+]"], "measure width")
        add("column_narrower", "Narrower column", lambda: view.change_column(-COLUMN_STEP), ["Ctrl+["],
            "measure width")
        add("save", "Save now", self.documents.save_now, ["Ctrl+S"])
        add("find", "Find", lambda: self.find_bar.open_find(False), ["Ctrl+F"], "search")
        add("replace", "Find and replace", lambda: self.find_bar.open_find(True), ["Ctrl+H"], "search")
        add("find_next", "Find next", lambda: self.find_bar.find_next(False), ["F3"])
        add("find_previous", "Find previous", lambda: self.find_bar.find_next(True), ["Shift+F3"])
        add("headings", "Jump to heading", self.open_headings, ["Ctrl+J"], "outline section go to")
        add("undo", "Undo", self.editor.undo, (), "")
        add("redo", "Redo", self.editor.redo, (), "")
        add("new", "New piece", self.new_piece, ["Ctrl+N"], "draft create")
        add("open_file", "Open a markdown file…", self.open_file_dialog, ["Ctrl+O"])
        add("save_as", "Save as…", self.save_as_dialog, ["Ctrl+Alt+S"], "copy elsewhere move")
        add("show_library", "Show library folder", self.show_library_folder, (), "files finder explorer")
        add("quit", "Quit", self.close, ["Ctrl+Q"], "exit close")

    def open_palette(self) -> None:
        from quill.ui.shell.picker import PickerItem

        items = [PickerItem(c.title, self._command_detail(c.id, c.shortcut_text()), c.id, c.keywords, c.destructive,
                            self._habit_boost(c.id))
                 for c in self.commands.all() if c.id != "palette"]
        self.open_picker("Commands", items, self.commands.run, "Type a command")

    def _command_detail(self, command_id: str, shortcut: str) -> str:
        """A command's shortcut, and for a setting the palette switches, whether it is the one in use:
        the theme list named three themes and never said which one the page had."""
        settings = self.settings
        switches = {"focus": settings.focus_mode, "typewriter": settings.typewriter,
                    "reading_time": settings.show_reading_time, "typographic_export": settings.typographic_export,
                    "spell_check": settings.spell_check, "spell_caps": not settings.spell_skip_caps,
                    "fullscreen": self.isFullScreen(),
                    "voice_panel": bool(getattr(getattr(self, "voice_panel", None), "open", False))}
        if command_id in switches:  # every switch says where it stands, off as well as on
            state = "on" if switches[command_id] else "off"
        else:
            state = "current" if command_id == f"theme_{settings.theme}" else ""
        return f"{state} · {shortcut}" if state and shortcut else state or shortcut

    def _habit_boost(self, command_id: str) -> float:
        """The writer's own habits in the palette: frequent and recent commands rise, by less than
        one matching title word (so what was typed still decides)."""
        count, last = self.state.command_use.get(command_id, (0, 0.0))
        if not count:
            return 0.0
        recent = 2.0 if self.wall() - float(last) < 7 * 24 * 3600 else 0.0
        return min(3.0, math.log2(1 + int(count))) + recent

    def open_headings(self) -> None:
        from quill.ui.shell.picker import PickerItem

        text = self.editor.raw_text()
        items = [PickerItem(("    " * (level - 1)) + title, f"H{level}", offset, title)
                 for level, title, offset in headings(text)]
        self.open_picker("Jump to heading", items, self.jump_to, "Type part of a heading")

    def open_picker(self, title: str, items: list[PickerItem], on_choice: Callable, placeholder: str,
                    current: object = None) -> None:
        """Show the palette-style picker (``current``: the payload chosen now, selected to start);
        ``on_choice(payload)`` runs once it has closed."""
        self._picker_action = on_choice
        self.picker.open(title, items, placeholder, current)

    def _on_picker_chosen(self, payload: object) -> None:
        # Run after the picker has closed and focus is back on the page.
        action = self._picker_action
        QTimer.singleShot(0, self, lambda: action(payload))

    def close_beside(self) -> bool:
        """Esc on the page closes what is open around it, one at a time: the find bar (its own field
        took Esc, the page did not), the preview, then the voice panel (every overlay and dialog
        already closed on Esc; these did not). True if one closed."""
        if self.find_bar.isVisible():
            self.find_bar.dismiss()
            return True
        export = getattr(self, "export_controller", None)
        preview = getattr(export, "preview", None)
        if preview is not None and preview.isVisible():
            export.toggle_preview()
            return True
        panel = getattr(self, "voice_panel", None)
        if panel is not None and panel.open:
            panel.set_open(False)
            return True
        return False

    def jump_to(self, position: int) -> None:
        """Put the cursor at ``position``, a code-point offset into the text (as every span
        the core finds is), and show it."""
        cursor = self.editor.textCursor()
        cursor.setPosition(min(self.editor.qt_position(int(position)), self.editor.document().characterCount() - 1))
        self.editor.setTextCursor(cursor)
        self.editor.centerCursor()
        self.editor.setFocus()

    def show_notice(self, message: str, kind: str = "info", hide_after_ms: int = 0, topic: str = "",
                    about_piece: bool = False) -> None:
        """Show ``message`` above the page; an "info" notice may leave by itself after ``hide_after_ms``,
        and one ``about_piece`` leaves when another piece opens.

        A lesser notice never hides a warning about something else (see :meth:`Banner.show_message`)."""
        if self.banner.show_message(message, kind, topic, about_piece=about_piece) and hide_after_ms:
            shown = self.banner.shown
            QTimer.singleShot(hide_after_ms, self.banner, lambda: self.banner.hide_if_still(shown))

    # -- view settings ------------------------------------------------------------------------
    def persist_settings(self) -> None:
        self.view.persist()

    def set_theme(self, name: str, *, persist: bool = True) -> None:
        self.view.set_theme(name, persist=persist)

    def _on_theme_changed(self, theme: Theme) -> None:
        self.setPalette(theme.palette())
        QApplication.instance().setPalette(theme.palette())  # tooltips and dialogs follow the theme too
        for widget in (self.editor, self.banner, self.find_bar, self.status, self._picker):
            if widget is not None:
                widget.apply_theme(theme)
        if self.library is not None:
            self.library.apply_theme(theme)
        self.theme_changed.emit(theme)

    def change_font_size(self, step: int) -> None:
        self.view.change_font_size(step)

    def toggle_fullscreen(self) -> None:
        """F11. Back from full screen, the window takes the size it last had as a window (kept in
        state.json), or a comfortable share of the screen: never the 480×320 minimum."""
        if self.isFullScreen():
            self.showNormal()
            self.setGeometry(self.windowed_geometry())
        else:
            if self.isVisible() and not self.isMaximized():
                g = self.geometry()
                self.state.window_geometry = [g.x(), g.y(), g.width(), g.height()]
            self.showFullScreen()

    def windowed_geometry(self) -> QRect:
        screen = (self.screen() or QApplication.primaryScreen()).availableGeometry()
        remembered = self.state.window_geometry
        if remembered and len(remembered) == 4:
            rect = QRect(*remembered)
            if rect.width() >= 640 and rect.height() >= 400 and screen.intersects(rect):
                return rect
        width = max(min(int(screen.width() * 0.7), 1400), min(640, screen.width()))
        height = max(int(screen.height() * 0.8), min(400, screen.height()))
        return QRect(screen.x() + (screen.width() - width) // 2, screen.y() + (screen.height() - height) // 2,
                     width, height)

    # -- pieces -----------------------------------------------------------------------------
    def open_path(self, path: Path) -> bool:
        """Open a markdown file (created if missing). On bad input, say why and touch nothing."""
        return self.documents.open_path(path)

    def open_requested(self, path: str) -> None:
        """Another launch of Quill asked for this piece (or just for the window)."""
        trace(f"handover {path}")
        if path:
            self.open_path(Path(path))
        if self.isMinimized():
            self.showNormal()
        self.raise_()
        self.activateWindow()

    def handle_command(self, request: dict) -> dict:
        """A library command handed over by the command line (``quill finish``/``reopen``).

        Done here, not by the command line on the file, because the window may hold unsaved
        edits of that very piece: the command line used to print "Finished" while the window's
        next save put the draft back, and the conflict copy became a second finished piece.
        """
        command = request.get("command")
        path = Path(str(request.get("path", "")))
        if command not in ("finish", "reopen") or self.library is None:
            return {"ok": False, "message": f"Quill cannot do {command!r} now."}
        controller = self.library
        document = self.document
        if document is not None and document.path.resolve() == path.resolve():
            before = self.banner.text()
            (controller.finish if command == "finish" else controller.reopen)()
            piece = controller.library.piece(document.path)
            wanted = "finished" if command == "finish" else "draft"
            ok = piece is not None and piece.status == wanted
            message = self.banner.text() if not ok and self.banner.text() != before else ""
            return {"ok": ok, "message": message, "path": str(document.path)}
        try:
            library = controller.library
            piece = library.finish(path) if command == "finish" else library.reopen(path)
        except Exception as exc:  # noqa: BLE001 - the reply carries the reason to the command line
            return {"ok": False, "message": str(exc)}
        controller.finished_changed.emit()
        return {"ok": True, "message": "", "path": str(piece.path)}

    def new_piece(self) -> None:
        self.documents.new_piece()

    def open_file_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open a markdown file", str(self.library_dir),
                                              "Markdown (*.md *.markdown *.txt);;All files (*)")
        if path:
            self.open_path(Path(path))

    def save_as_dialog(self) -> None:
        from quill.ui.shell.save_dialog import choose_save_path

        document = self.document
        start = document.path if document else self.library_dir / "Untitled draft.md"
        chosen = choose_save_path(self, "Save as", start, "Markdown (*.md)", ".md", self.documents.how_kept)
        if chosen is not None:
            path, replace = chosen
            self.save_as(path, replace=replace)

    def save_as(self, path: Path, *, replace: bool = False) -> bool:
        """Write the piece to ``path`` and carry on writing there (the old file stays as it was).

        An existing file there is replaced only with ``replace`` (the writer said so), its words kept."""
        return self.documents.save_as(path, replace=replace)

    def show_library_folder(self) -> None:
        self.library_dir.mkdir(parents=True, exist_ok=True)
        if not reveal_in_file_manager(self.library_dir):
            self.banner.show_message(f"Your library is {self.library_dir}")

    def _on_document_changed(self) -> None:
        self.setWindowTitle(f"{self.piece_title()} — Quill")
        if self.editor.words_counted:
            self.refresh_status()
        else:  # a long piece just opened: counting its words (30 ms at 100,000) waits for the page
            self.status.set_texts("", self.piece_title(), "")
            self.editor.after_next_paint(self.refresh_status)

    # -- session words ------------------------------------------------------------------------
    def _on_leaving_piece(self) -> None:
        self._session_words_base += self.editor.word_count() - self._start_words()

    def _on_piece_loaded(self) -> None:
        # Counted when first needed, from the text as it was loaded (so typing first changes nothing).
        self._piece_start_words = None
        self._piece_start_text = self.editor.loaded_text
        self._piece_start_edits = self.editor.edits

    def _start_words(self) -> int:
        """Words in the current piece when it was opened."""
        if self._piece_start_words is None:
            if self.editor.edits == self._piece_start_edits:
                self._piece_start_words = self.editor.word_count()  # unchanged: the page's own count
            else:
                self._piece_start_words = self.editor.count_loaded_words(self._piece_start_text)
            self._piece_start_text = ""
        return self._piece_start_words

    def session_words(self, words_now: int | None = None) -> int:
        """Net words added this session, across every piece opened since launch."""
        words = self.editor.word_count() if words_now is None else words_now
        return self._session_words_base + words - self._start_words()

    # -- typing -----------------------------------------------------------------------------
    def _on_edited(self, position: int, removed: int, inserted: str) -> None:
        if self.documents.loading:
            return
        self._written_this_session = True
        self.status.fade(False)
        self._pause_timer.start()

    def _on_typing_paused(self) -> None:
        self.refresh_status()
        self.status.fade(True)
        self._edits_at_pause = self.editor.edits
        self._idle_trim.start()

    def _trim_if_still_idle(self) -> None:
        """Half a minute after typing stopped, give the C heap's free pages back: every whole-text
        copy of the burst (saves, journal segments, panel refreshes) was freed into malloc's
        arenas, which kept ~1.5 MB of them at the end of the eight-hour soak. Skipped when the
        writer typed again meanwhile: the next pause arms it again."""
        if self.editor.edits == self._edits_at_pause:
            self.trim_heap()

    def _follow_reservation(self) -> None:
        """The voice panel took or gave back the page's right side: the bars above and below the
        page keep their words and buttons clear of it too."""
        pixels = self.editor.reserved_right
        for bar in (self.banner, self.find_bar, self.status):
            bar.reserve_right(pixels)

    def _on_focus_lost(self) -> None:
        if not (self._picker is not None and self._picker.isVisible()) and not self.find_bar.isVisible():
            self.documents.save_soon()

    def piece_title(self) -> str:
        """The open piece's title by the library's rule (front matter, first heading), else its file name.

        Read from the page, not the index: the index knows the file as it was last indexed (Quill's
        saves re-index it at most once a minute, scans run when the window regains the focus), so a
        heading the writer retitled kept the old name in the status line and the window's title
        for up to a minute or more. The page is what the writer sees, and reading it never waits
        for a scan either."""
        document = self.document
        if document is None:
            return "New draft"
        front = self.editor.front_matter_block_count()  # kept by the page: however long, read whole
        head = self.editor.document().firstBlock()
        lines = []
        while head.isValid() and len(lines) < front + 60:
            lines.append(head.text())
            head = head.next()
        title = front_matter_value("\n".join(lines[:front]), "title") if front else None
        title = " ".join(title.split()) if title else title  # one line, as the library lists it
        if title is None:  # its first heading, "# Title" or Title over ===, as the library will say
            from quill.markup.headings import first_heading

            title = first_heading("\n".join(lines[front:])) or None
        if title is None:  # a draft titled on its first line, named after it: that line, not "the-bridge"
            from quill.library.naming import title_named_after

            title = title_named_after(document.path.stem, "\n".join(lines))
        # A file name that is not UTF-8 (bytes from an old disk): Qt drops what it cannot show, and
        # "caf\xe9.md" read "caf"; shown as what its bytes meant, "café".
        return title or legible(document.path.stem)

    def refresh_status(self) -> None:
        words = self.editor.word_count()
        session_words = self.session_words(words)
        elapsed = self.clock() - self.session_started
        name = self.piece_title()
        if self.windowTitle() != f"{name} — Quill":
            self.setWindowTitle(f"{name} — Quill")  # a heading retitled: the task bar follows it
        left = plural(words, "word")
        target = self._piece_target()
        if target:
            left = f"{words:,} of {plural(target, 'word')}"
        if self.settings.show_reading_time and words:
            left += f" · {reading_minutes(words)} min read"
        left = self._counted(left, words)
        right = session_figures(session_words, elapsed, written=self._written_this_session)
        flow = getattr(self, "flow", None)
        if flow is not None and flow.active:
            # first, so it is the last figure to give way
            right = " · ".join(part for part in (flow.status_text(), right) if part)
        self.status.set_texts(left, name, right)
        self.status.set_target(min(words / target, 1.0) if target else None)

    def _piece_target(self) -> int | None:
        """The piece's word target from its front matter, read from the first lines only."""
        first = self.editor.document().firstBlock().text()
        if first.rstrip() not in ("---", "+++"):
            return None
        block, lines = self.editor.document().firstBlock(), []
        while block.isValid() and len(lines) < 200:
            lines.append(block.text())
            if len(lines) > 1 and block.text().rstrip() in ("---", "...", "+++"):
                break
            block = block.next()
        return word_target("\n".join(lines))

    def toggle_fold_front_matter(self) -> None:
        self.settings.fold_front_matter = not self.settings.fold_front_matter
        self.persist_settings()
        self.editor.set_fold_front_matter(self.settings.fold_front_matter)

    def toggle_typographic_export(self) -> None:
        self.settings.typographic_export = not self.settings.typographic_export
        self.persist_settings()
        self.banner.show_message("HTML, PDF and rich-text copies now use printer’s quotes and dashes."
                                 if self.settings.typographic_export else
                                 "HTML, PDF and rich-text copies now keep quotes and dashes exactly as typed.")

    def _counted(self, left: str, words: int) -> str:
        """The status line's count in words, characters (with and without spaces) or both
        (a setting). Characters are of the body, without front matter, counted once per edit."""
        shown = self.settings.status_count
        if shown == "words":
            return left
        revision = self.editor.text_revision
        if self._characters[0] != revision:
            from quill.library.frontmatter import body_start  # not at start-up: the library loads later

            text = self.editor.raw_text()
            self._characters = (revision, count_characters(text[body_start(text):]))
        with_spaces, without = self._characters[1]
        characters = f"{plural(with_spaces, 'character')} ({without:,} without spaces)"
        return characters if shown == "characters" else f"{left} · {characters}"

    def cycle_status_count(self) -> None:
        order = STATUS_COUNTS
        self.settings.status_count = order[(order.index(self.settings.status_count) + 1) % len(order)]
        self.persist_settings()
        self.refresh_status()

    def toggle_reading_time(self) -> None:
        self.settings.show_reading_time = not self.settings.show_reading_time
        self.persist_settings()
        self.refresh_status()

    def check_disk(self) -> None:
        """Reload a piece another program changed, if the writer has no unsaved edits in it."""
        self.documents.check_disk()

    # -- events -----------------------------------------------------------------------------
    def _on_mouse_moved(self) -> None:
        if not self.status.shown:
            self.refresh_status()
            self.status.fade(True)

    def _on_application_state(self, state: Qt.ApplicationState) -> None:
        if self._closed:
            return
        if state == Qt.ApplicationState.ApplicationActive:
            self.documents.check_disk()
            if self.library is not None:
                self.library.scan_soon()
        else:
            self.documents.save_soon()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """Quit never asks "Save changes?": it saves. If saving is impossible, it says so and stays open."""
        self.closing.emit()
        if self._closed:
            event.accept()
            return
        if not self.documents.may_close():
            event.ignore()
            return
        save_state(self.dirs.state_file, self.state)
        self.view.persist()
        self._closed = True  # from now on, application state changes are ignored
        self.documents.shutdown()
        if self.library is not None:
            self.library.shutdown()
        event.accept()
