"""The main window: the page, and the quiet machinery around it.

No menu bar, no toolbar, no scroll bar. Every command lives in the registry, so it has a
shortcut and a place in the command palette.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QFileDialog, QHBoxLayout, QMainWindow, QVBoxLayout, QWidget

from quill.paths import AppDirs, default_library_dir, reveal_in_file_manager
from quill.settings import Settings, save_settings
from quill.state import AppState, save_state
from quill.storage.document import DocumentFile, save_keeping_both, unique_path
from quill.storage.textfile import UnreadableFile
from quill.textstats import headings
from quill.ui.document.autosave import AutoSaver, SaveOutcome
from quill.ui.document.journaling import JournalKeeper
from quill.ui.editor.editor import WritingEditor
from quill.ui.editor.findbar import FindBar
from quill.ui.shell.banner import Banner
from quill.ui.shell.commands import CommandRegistry
from quill.ui.shell.keyfeeder import trace
from quill.ui.shell.picker import Picker, PickerItem
from quill.ui.shell.statusline import StatusLine, format_minutes
from quill.ui.shell.theme import THEMES, next_theme_name, theme_named

TYPING_PAUSE_MS = 1500  # the status line returns after this long without a keystroke


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
        self.theme = theme_named(settings.theme)
        self.document: DocumentFile | None = None
        self.setWindowTitle("Quill")
        self.setMinimumSize(480, 320)

        self.editor = WritingEditor(self.theme)
        self.banner = Banner(self.theme)
        self.find_bar = FindBar(self.editor, self.theme)
        self.status = StatusLine(self.theme)
        page = QWidget()
        page.setObjectName("page")
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.editor, 1)
        column.addWidget(self.find_bar)
        column.addWidget(self.status)
        central = QWidget()
        self.body = QHBoxLayout(central)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(0)
        self.body.addWidget(page, 1)
        self.setCentralWidget(central)
        self.picker = Picker(central, self.theme)
        self.picker.closed.connect(self.editor.setFocus)
        self.picker.chosen.connect(self._on_picker_chosen)
        self._picker_action: Callable[[object], object] = lambda _payload: None
        self.menuBar().hide()

        self.library = None  # a LibraryController once install_features has run
        self._use_library = use_library
        self._sessions_options = sessions_options or {}
        self._features_installed = False
        self._closed = False
        self.saver = AutoSaver(lambda: (self.editor.raw_text(), self.editor.document().revision()), self,
                               self._write_piece)
        self.saver.saved.connect(self._on_saved)
        self.saver.failed.connect(self._on_save_failed)
        self.editor.add_edit_listener(self._on_edited)
        self.journal = JournalKeeper(dirs.journal_dir, self)
        self.journal.failed.connect(lambda message: self.banner.show_message(message, "warning"))
        self._journal_base: tuple[str, int] | None = None  # text and revision the first edit applies to
        self.editor.focus_lost.connect(self._on_focus_lost)

        # Another program (a sync tool, another editor) changing the open piece is noticed at once.
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._on_file_changed)
        self._disk_check = QTimer(self, singleShot=True, interval=250)
        self._disk_check.timeout.connect(self.check_disk)
        self._pause_timer = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._pause_timer.timeout.connect(self._on_typing_paused)
        self._clock_timer = QTimer(self, interval=30_000)
        self._clock_timer.timeout.connect(self.refresh_status)
        self._clock_timer.start()
        self.session_started = clock()
        self._session_words_base = 0  # net words added in pieces already left this session
        self._piece_start_words = 0  # words in the current piece when it was opened
        self._close_attempts = 0
        self._loading = False

        self.commands = CommandRegistry(self)
        self._register_commands()
        self.apply_settings()
        if not defer_features:
            self.install_features()

    def install_features(self) -> None:
        """The library, preview/export and writing sessions: imported and wired here, not at start-up."""
        if self._features_installed:
            return
        self._features_installed = True
        from quill.ui.export.commands import install_export_commands
        from quill.ui.library.controller import LibraryController
        from quill.ui.sessions.controller import install_sessions

        if self._use_library:
            self.library = LibraryController(self)
            self.library.register_commands()
        install_export_commands(self)
        # Sessions listen to the editor and register goals and history. Options inject clocks in tests.
        install_sessions(self, **self._sessions_options)
        from quill.ui.voice import install_voice_panel

        install_voice_panel(self)  # cheap: pyqtgraph and the voice engine load when the panel first opens

    def _write_piece(self, document: DocumentFile, text: str) -> Path | None:
        """The save worker's writer: through the library (snapshots, index) once it is installed."""
        library = self.library
        if library is not None:
            return library.write(document, text)
        return save_keeping_both(document, text)
        self.editor.mouse_moved.connect(self._on_mouse_moved)
        QApplication.instance().applicationStateChanged.connect(self._on_application_state)

    # -- commands ---------------------------------------------------------------------------
    def _register_commands(self) -> None:
        add = self.commands.add
        add("palette", "Command palette", self.open_palette, ["Ctrl+Shift+P"], "commands search")
        add("fullscreen", "Toggle full screen", self.toggle_fullscreen, ["F11"], "window")
        add("focus", "Focus mode", self.toggle_focus_mode, ["F8"], "dim sentence paragraph")
        add("focus_scope", "Focus mode: sentence or paragraph", self.toggle_focus_scope, ["Shift+F8"])
        add("typewriter", "Typewriter scrolling", self.toggle_typewriter, ["F9"], "center line")
        add("theme_next", "Next theme", self.cycle_theme, ["Ctrl+Shift+T"], "colors dark light sepia")
        for name in THEMES:
            add(f"theme_{name}", f"Theme: {name.capitalize()}", lambda n=name: self.set_theme(n), (), "colors")
        add("font_bigger", "Larger text", lambda: self.change_font_size(+1), ["Ctrl+=", "Ctrl++"], "zoom font")
        add("font_smaller", "Smaller text", lambda: self.change_font_size(-1), ["Ctrl+-"], "zoom font")
        add("font_reset", "Reset text size", lambda: self.change_font_size(0), ["Ctrl+0"], "zoom font")
        add("column_wider", "Wider column", lambda: self.change_column(+4), ["Ctrl+]"], "measure width")
        add("column_narrower", "Narrower column", lambda: self.change_column(-4), ["Ctrl+["], "measure width")
        add("save", "Save now", self.save_now, ["Ctrl+S"])
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
        items = [PickerItem(c.title, c.shortcut_text(), c.id, c.keywords) for c in self.commands.all()
                 if c.id != "palette"]
        self._open_picker("Commands", items, self.commands.run, "Type a command")

    def open_headings(self) -> None:
        text = self.editor.raw_text()
        items = [PickerItem(("    " * (level - 1)) + title, f"H{level}", offset, title)
                 for level, title, offset in headings(text)]
        self._open_picker("Jump to heading", items, self.jump_to, "Type part of a heading")

    def _open_picker(self, title: str, items: list[PickerItem], on_choice: Callable, placeholder: str) -> None:
        self._picker_action = on_choice
        self.picker.open(title, items, placeholder)

    def _on_picker_chosen(self, payload: object) -> None:
        # Run after the picker has closed and focus is back on the page.
        action = self._picker_action
        QTimer.singleShot(0, self, lambda: action(payload))

    def jump_to(self, position: int) -> None:
        cursor = self.editor.textCursor()
        cursor.setPosition(min(int(position), self.editor.document().characterCount() - 1))
        self.editor.setTextCursor(cursor)
        self.editor.centerCursor()
        self.editor.setFocus()

    # -- settings ---------------------------------------------------------------------------
    def apply_settings(self) -> None:
        s = self.settings
        self.editor.apply_font(s.font_size)
        self.editor.set_column_chars(s.column_chars)
        self.editor.set_focus_mode(s.focus_mode, s.focus_scope)
        self.editor.set_typewriter(s.typewriter)
        self.set_theme(s.theme, persist=False)

    def persist_settings(self) -> None:
        message = save_settings(self.dirs.settings_file, self.settings)
        if message:
            self.banner.show_message(message, "warning")

    def set_theme(self, name: str, *, persist: bool = True) -> None:
        self.theme = theme_named(name)
        self.settings.theme = self.theme.name
        t = self.theme
        self.setPalette(t.palette())
        QApplication.instance().setPalette(t.palette())  # tooltips and dialogs follow the theme too
        for widget in (self.editor, self.banner, self.find_bar, self.status, self.picker):
            widget.apply_theme(t)
        if getattr(self, "library", None) is not None:
            self.library.overlay.apply_theme(t)
        self.theme_changed.emit(t)
        if persist:
            self.persist_settings()

    def cycle_theme(self) -> None:
        self.set_theme(next_theme_name(self.settings.theme))

    def change_font_size(self, step: int) -> None:
        s = self.settings
        s.font_size = Settings().font_size if step == 0 else s.font_size + step
        s.clamp()
        self.editor.apply_font(s.font_size)
        self.text_size_changed.emit(s.font_size)
        self.persist_settings()

    def change_column(self, step: int) -> None:
        self.settings.column_chars += step
        self.settings.clamp()
        self.editor.set_column_chars(self.settings.column_chars)
        self.persist_settings()

    def toggle_focus_mode(self) -> None:
        self.settings.focus_mode = not self.settings.focus_mode
        self.editor.set_focus_mode(self.settings.focus_mode, self.settings.focus_scope)
        self.persist_settings()

    def toggle_focus_scope(self) -> None:
        self.settings.focus_scope = "paragraph" if self.settings.focus_scope == "sentence" else "sentence"
        self.editor.set_focus_mode(self.settings.focus_mode, self.settings.focus_scope)
        self.persist_settings()

    def toggle_typewriter(self) -> None:
        self.settings.typewriter = not self.settings.typewriter
        self.editor.set_typewriter(self.settings.typewriter)
        self.persist_settings()

    def toggle_fullscreen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    # -- pieces -----------------------------------------------------------------------------
    def open_path(self, path: Path) -> bool:
        """Open a markdown file (created if missing). On bad input, say why and touch nothing."""
        path = Path(path)
        self._leave_current_piece()
        try:
            is_dir, exists = path.is_dir(), path.exists()
        except OSError as exc:  # e.g. a name longer than the file system allows
            is_dir, exists, problem = False, False, exc
        else:
            problem = None
        if is_dir:
            self.banner.show_message(f"{path} is a folder, not a markdown file. Quill opened a new draft instead.",
                                     "warning")
            self._load(None, "")
            return False
        if not exists:
            try:
                if problem is not None:
                    raise problem
                path.parent.mkdir(parents=True, exist_ok=True)
                path.touch()
            except OSError as exc:
                self.banner.show_message(
                    f"Quill could not create {path.name}: {exc.strerror or exc}. Your words go into a new draft in "
                    "the library instead.", "warning")
                self._load(None, "")
                return False
        try:
            document, text = DocumentFile.open(path)
        except UnreadableFile as exc:
            self.banner.show_message(f"{exc} You are writing in a new draft.", "warning")
            self._load(None, "")
            return False
        if "\u2029" in text:
            # Qt's editor turns this rare character into a line break; saving would change the file.
            self.banner.show_message(
                f"{path.name} contains a Unicode paragraph separator (U+2029), which Quill's editor cannot keep "
                "as it is. Quill left the file untouched; you are writing in a new draft.", "warning")
            self._load(None, "")
            return False
        self._load(document, text)
        return True

    def open_requested(self, path: str) -> None:
        """Another launch of Quill asked for this piece (or just for the window)."""
        trace(f"handover {path}")
        if path:
            self.open_path(Path(path))
        if self.isMinimized():
            self.showNormal()
        self.raise_()
        self.activateWindow()

    def new_piece(self) -> None:
        self._leave_current_piece()
        self._load(None, "")

    def open_file_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open a markdown file", str(self.library_dir),
                                              "Markdown (*.md *.markdown *.txt);;All files (*)")
        if path:
            self.open_path(Path(path))

    def save_as_dialog(self) -> None:
        start = str(self.document.path if self.document else self.library_dir / "Untitled draft.md")
        path, _ = QFileDialog.getSaveFileName(self, "Save as", start, "Markdown (*.md)")
        if path:
            self.save_as(Path(path))

    def save_as(self, path: Path) -> bool:
        """Write the piece to ``path`` and carry on writing there (the old file stays as it was)."""
        if path.suffix == "":
            path = path.with_suffix(".md")
        text = self.editor.raw_text()
        document = DocumentFile(path, self.document.format if self.document else None)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            document.save(text, force=True)
        except OSError as exc:
            self.banner.show_message(f"{exc} Your words are still here, unchanged.", "warning")
            return False
        self.saver.flush()
        self.journal.finish(saved=self.saver.last_error is None)
        self.document = document
        revision = self.editor.document().revision()
        self.saver.attach(document, revision)
        self._journal_base = (text, revision)
        self.state.last_path = str(path)
        self.setWindowTitle(f"{path.stem} — Quill")
        self.banner.show_message(f"Saved as {path}. Quill keeps saving there.")
        QTimer.singleShot(5000, self.banner, self.banner.hide)
        self.refresh_status()
        return True

    def show_library_folder(self) -> None:
        self.library_dir.mkdir(parents=True, exist_ok=True)
        if not reveal_in_file_manager(self.library_dir):
            self.banner.show_message(f"Your library is {self.library_dir}")

    def _load(self, document: DocumentFile | None, text: str) -> None:
        self._loading = True
        self.document = document
        self.editor.setPlainText(text)
        self.editor.document().setModified(False)
        self.editor.reset_tracking()
        revision = self.editor.document().revision()
        self.saver.attach(document, revision)
        # The journal starts on the first edit: merely reading a piece writes nothing anywhere.
        self._journal_base = (text, revision) if document is not None else None
        self._loading = False
        if document is not None:
            cursor_pos, scroll = self.state.position_of(document.path)
            cursor = self.editor.textCursor()
            cursor.setPosition(min(cursor_pos, self.editor.document().characterCount() - 1))
            self.editor.setTextCursor(cursor)
            self.editor.verticalScrollBar().setValue(scroll)
            self.state.last_path = str(document.path)
        else:
            self.editor.moveCursor(QTextCursor.MoveOperation.End)
        self._piece_start_words = self.editor.word_count()
        self._watch(document.path if document else None)
        self.setWindowTitle(f"{document.path.stem if document else 'New draft'} — Quill")
        self.refresh_status()

    def _watch(self, path: Path | None) -> None:
        watched = self.watcher.files()
        if watched:
            self.watcher.removePaths(watched)
        if path is not None and path.exists():
            self.watcher.addPath(str(path))

    def _on_file_changed(self, path: str) -> None:
        # Saves replace the file (atomic rename), which ends a watch on Linux: watch the new file again.
        if self.document is not None and Path(path) == self.document.path and self.document.path.exists():
            self.watcher.addPath(path)
        self._disk_check.start()

    def _leave_current_piece(self) -> None:
        """Before switching pieces: save, remember where the writer was, count the session's words."""
        self._session_words_base += self.editor.word_count() - self._piece_start_words
        outcome = self.saver.flush()
        saved = self.saver.last_error is None and (outcome is None or outcome.error is None)
        self.journal.finish(saved=saved)
        self._remember_position()

    def _remember_position(self) -> None:
        if self.document is not None:
            self.state.remember(self.document.path, self.editor.textCursor().position(),
                                self.editor.verticalScrollBar().value())

    def _ensure_document(self) -> None:
        """An untitled draft gets a file in the library as soon as it has words: autosave never skips it."""
        if self.document is not None or not self.editor.raw_text().strip():
            return
        try:
            self.library_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.banner.show_message(f"Quill cannot create your library folder {self.library_dir}: {exc.strerror}. "
                                     "Your words stay in the editor.", "warning")
            return
        path = unique_path(self.library_dir, f"Untitled draft {date.today().isoformat()}")
        self.document = DocumentFile(path)
        self.saver.document = self.document
        self.journal.attach(path, self.editor.raw_text(), self.editor.document().revision())
        self.state.last_path = str(path)
        self.setWindowTitle(f"{path.stem} — Quill")

    def replace_document(self, document: DocumentFile | None, text: str, cursor: int, scroll: int) -> None:
        """Show a piece whose file the library just rewrote or moved, keeping the writer's place.

        Unlike :meth:`open_path`, nothing of the old piece is saved again: it is already on disk.
        """
        self._session_words_base += self.editor.word_count() - self._piece_start_words
        self._load(document, text)
        position = self.editor.textCursor()
        position.setPosition(min(cursor, self.editor.document().characterCount() - 1))
        self.editor.setTextCursor(position)
        self.editor.verticalScrollBar().setValue(scroll)

    def save_now(self) -> None:
        self._ensure_document()
        self.saver.save_soon()

    # -- typing -----------------------------------------------------------------------------
    def _on_edited(self, position: int, removed: int, inserted: str) -> None:
        if self._loading:
            return
        revision = self.editor.document().revision()
        if self.document is None:
            self._ensure_document()  # a new draft's journal starts from the text as it is now
        else:
            if self._journal_base is not None:
                base_text, base_revision = self._journal_base
                self._journal_base = None
                self.journal.attach(self.document.path, base_text, base_revision)
            self.journal.record(revision, position, removed, inserted)
        self.saver.edited()
        self.status.fade(False)
        self._pause_timer.start()

    def _on_typing_paused(self) -> None:
        self.refresh_status()
        self.status.fade(True)

    def _on_focus_lost(self) -> None:
        if not self.picker.isVisible() and not self.find_bar.isVisible():
            self.saver.save_soon()

    def _on_saved(self, outcome: SaveOutcome) -> None:
        if not self.watcher.files() and outcome.path.exists():
            self.watcher.addPath(str(outcome.path))
        if outcome.text is not None:
            self.journal.saved(outcome.text, outcome.revision)
        if self.banner.kind == "warning" and "sav" in self.banner.text().lower():
            self.banner.show_message(f"Saved again: {outcome.path.name} is safe on disk.")
            QTimer.singleShot(4000, self.banner, self.banner.hide)
        if outcome.conflict_copy is not None:
            self.banner.show_message(
                f"{outcome.path.name} was changed by another program while you wrote. Your text is kept in "
                f"{outcome.path.name}; the other version is saved beside it as {outcome.conflict_copy.name}.",
                "warning")

    def _on_save_failed(self, outcome: SaveOutcome) -> None:
        self.banner.show_message(
            f"{outcome.error} Your words are safe in the editor and in Quill's recovery journal; Quill keeps trying "
            "to save every few seconds. To put them somewhere else now, use Save as… (Ctrl+Alt+S).", "warning")

    def session_words(self, words_now: int | None = None) -> int:
        """Net words added this session, across every piece opened since launch."""
        words = self.editor.word_count() if words_now is None else words_now
        return self._session_words_base + words - self._piece_start_words

    @property
    def loading(self) -> bool:
        """True while a piece's text is being put in the editor: those changes are not writing."""
        return self._loading

    def piece_title(self) -> str:
        """The open piece's title as the library knows it (front matter, first heading), else its file name."""
        if self.document is None:
            return "New draft"
        if self.library is not None:
            try:
                piece = self.library.library.piece(self.document.path)
            except Exception:  # noqa: BLE001 - outside the library, or the index is busy
                piece = None
            if piece is not None and piece.title:
                return piece.title
        return self.document.path.stem

    def refresh_status(self) -> None:
        words = self.editor.word_count()
        session_words = self.session_words(words)
        elapsed = self.clock() - self.session_started
        name = self.piece_title()
        self.status.set_texts(f"{words:,} words", name, f"{session_words:+,} this session · {format_minutes(elapsed)}")

    def check_disk(self) -> None:
        """Reload a piece another program changed, if the writer has no unsaved edits in it."""
        doc = self.document
        if doc is None or not doc.exists_on_disk or not doc.changed_on_disk():
            return
        if self.saver.is_dirty(self.editor.document().revision()) or self.saver.busy:
            self.saver.save_soon()  # saving keeps both versions (conflict copy) and says so
            return
        try:
            text = doc.adopt_disk()
        except (UnreadableFile, OSError):
            return
        position = self.editor.textCursor().position()
        scroll = self.editor.verticalScrollBar().value()
        self._loading = True
        self.editor.setPlainText(text)
        self.editor.reset_tracking()
        self._loading = False
        self.journal.finish(saved=True)  # nothing of ours was unsaved
        self._journal_base = (text, self.editor.document().revision())
        self.saver.attach(doc, self.editor.document().revision())
        cursor = self.editor.textCursor()
        cursor.setPosition(min(position, self.editor.document().characterCount() - 1))
        self.editor.setTextCursor(cursor)
        self.editor.verticalScrollBar().setValue(scroll)
        self.banner.show_message(f"{doc.path.name} was changed by another program; Quill loaded the new version.")
        self.refresh_status()

    def _emergency_copy(self) -> Path | None:
        """When the piece cannot be saved where it belongs, keep the words in Quill's own data folder."""
        from datetime import datetime

        from quill.storage.textfile import save_text

        stem = self.document.path.stem if self.document else "Untitled draft"
        folder = self.dirs.data / "unsaved"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = unique_path(folder, f"{stem} {datetime.now():%Y-%m-%d %H%M}")
            save_text(path, self.editor.raw_text())
        except OSError:
            return None
        return path

    # -- events -----------------------------------------------------------------------------
    def _on_mouse_moved(self) -> None:
        if not self.status.shown:
            self.refresh_status()
            self.status.fade(True)

    def _on_application_state(self, state: Qt.ApplicationState) -> None:
        if self._closed:
            return
        if state == Qt.ApplicationState.ApplicationActive:
            self.check_disk()
            if self.library is not None:
                self.library.scan_soon()
        else:
            self.saver.save_soon()

    def resizeEvent(self, event) -> None:  # noqa: N802, ANN001
        super().resizeEvent(event)
        if self.picker.isVisible():
            self.picker._place()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """Quit never asks "Save changes?": it saves. If saving is impossible, it says so and stays open."""
        self.closing.emit()
        if self._closed:
            event.accept()
            return
        self._ensure_document()
        outcome = self.saver.flush()
        if outcome is not None and outcome.error:
            self._close_attempts += 1
            copy = self._emergency_copy()
            if self._close_attempts == 1 or copy is None:
                where = f" A copy is kept in {copy}." if copy else ""
                self.banner.show_message(
                    f"{outcome.error}{where} Quill stays open so nothing is lost; quit again to leave anyway.",
                    "warning")
                event.ignore()
                return
        self.journal.finish(saved=outcome is None or outcome.error is None)
        self._remember_position()
        save_state(self.dirs.state_file, self.state)
        self.persist_settings()
        self._closed = True  # from now on, application state changes are ignored
        self.saver.shutdown()
        self.journal.shutdown()
        if self.library is not None:
            self.library.shutdown()
        event.accept()
