"""The open piece's life: open, new draft, save as, autosave and journal, other programs' changes, quit.

The window lays out the page; this controller decides what happens to the writer's file.
It owns the :class:`~quill.storage.document.DocumentFile` of the open piece, the
:class:`AutoSaver` and the :class:`JournalKeeper` that follow the editor's edits, the
watcher that notices another program changing the file, and the quit policy (never ask
"Save changes?": save, and if saving is impossible keep an emergency copy and say so).

Other features (the library, sessions, export) use its small public interface instead of
reaching into the window: :attr:`document`, :meth:`open_path`, :meth:`ensure_file`,
:meth:`save_first`, :meth:`replace`, :meth:`release_journal` and :meth:`set_writer`.
It tells the window what to show through signals, never by touching widgets itself.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtGui import QTextCursor

from quill.digest import sha256_text
from quill.library.errors import LibraryError
from quill.paths import AppDirs, spelled_within
from quill.state import AppState
from quill.storage.atomic import why_unsaveable
from quill.storage.document import DocumentFile, save_keeping_both, unique_path
from quill.storage.recovery import note_unsaved_copy
from quill.storage.replaced import keep_copy, worth_keeping
from quill.storage.textfile import UnreadableFile, save_text
from quill.textplace import carry_position
from quill.ui.document.autosave import AutoSaver, SaveOutcome
from quill.ui.document.journaling import JournalKeeper
from quill.ui.editor.editor import WritingEditor
from quill.utf16 import index_from_utf16, utf16_from_index, what_the_page_cannot_keep

if TYPE_CHECKING:  # named in an annotation only: the module loads with the library, after the paint
    from quill.library.moves import Moved

DISK_CHECK_MS = 250  # after the watcher fires, look at the file this long later (writes come in bursts)
SAVED_AGAIN_NOTICE_MS = 4000
SAVED_AS_NOTICE_MS = 5000

Writer = Callable[[DocumentFile, str], "Path | None"]


class DocumentController(QObject):
    """One open piece at a time, from opening it to the moment Quill quits."""

    #: the open piece changed (another piece, a new draft, a draft's first file, save as): titles follow
    document_changed = Signal()
    #: the editor is about to get another piece's text (the old text is still in the editor)
    leaving = Signal()
    #: a piece's text was just put in the editor
    loaded = Signal()
    #: (message, kind, hide_after_ms, topic, about_piece): something the writer should know; kind is
    #: "info" or "warning", hide_after_ms 0 keeps it until something replaces it; about_piece: it
    #: concerns the open piece, and goes when another one opens
    notice = Signal(str, str, int, str, bool)
    #: a draft Quill named provisionally has a finished first line: its file may take the title's name
    title_ready = Signal()
    #: a new file holding the writer's words was written beside the pieces (a copy of words the open
    #: piece could not take): listings should find it
    copy_written = Signal(Path)

    def __init__(self, editor: WritingEditor, dirs: AppDirs, state: AppState, library_dir: Path,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.dirs = dirs
        self.state = state
        self.library_dir = library_dir
        self.document: DocumentFile | None = None
        self._writer: Writer = save_keeping_both
        self.saver = AutoSaver(self._snapshot, self, self._write)
        self.saver.saved.connect(self._on_saved)
        self.saver.failed.connect(self._on_save_failed)
        self.journal = JournalKeeper(dirs.journal_dir, self)
        self.journal.current_text = lambda: (self.editor.raw_text(), self.editor.text_revision)
        self.journal.failed.connect(lambda message: self._notify(message, "warning", 0, "journal", about_piece=False))
        self._journal_base: tuple[str, int] | None = None  # text and revision the first edit applies to
        self._save_failing = False  # a save failed and the writer was told; the next success says so
        self._loading = False
        #: the open draft's file name is Quill's own ("Untitled draft …"), not yet the writer's title
        self.provisional_name = False
        self._close_attempts = 0
        #: finds the open piece again when another program or machine renamed it (maybe editing it
        #: too) and writes the editor's text there; the library controller sets it to
        #: :meth:`Library.follow` (document, editor text, files that appeared in its folder)
        self.mover: Callable[[DocumentFile, str, list[Path] | None], Moved | None] | None = None
        #: keeps a library piece's text as a version before it is replaced (:meth:`Library.keep_before_replacing`);
        #: returns None for a file outside the library, which is then copied into Quill's data folder
        self.version_keeper: Callable[[Path], object | None] | None = None
        #: whether a path is a library piece, whose words :attr:`version_keeper` would keep
        self.holds_versions: Callable[[Path], bool] | None = None
        #: keeps the editor's (saved) text as a version before a reload shows another program's
        #: (:meth:`Library.keep_before_reload`); returns None for a file outside the library, whose
        #: text is then copied into Quill's data folder
        self.reload_keeper: Callable[[Path, str], object | None] | None = None
        self._folder_names: set[str] = set()  # the open piece's folder, as last seen
        self._appeared: set[Path] = set()  # files that appeared in it since the piece was opened
        self._fold_pending: set[Path] = set()  # appeared while the piece stayed: an older state of it?
        self._told_gone: Path | None = None  # the piece whose file vanished, once the writer was told
        #: the text the last reload put in the editor: replaced again without a keystroke in between
        #: (another machine writing while this one is idle), it is the other machine's, not kept twice
        self._reloaded_text: str | None = None
        editor.add_edit_listener(self._on_edited)

        # Another program (a sync tool, another editor) changing the open piece is noticed at once.
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._on_file_changed)
        self.watcher.directoryChanged.connect(self._on_folder_changed)
        self._disk_check = QTimer(self, singleShot=True, interval=DISK_CHECK_MS)
        self._disk_check.timeout.connect(self.check_disk)

    # -- what the rest of the window may ask ------------------------------------------------------
    @property
    def loading(self) -> bool:
        """True while a piece's text is being put in the editor: those changes are not writing."""
        return self._loading

    def set_writer(self, writer: Writer) -> None:
        """Save through ``writer`` (the library: snapshots and index) instead of a plain atomic save.

        Called on the save worker thread with the document and text; returns a conflict copy's path.
        """
        self._writer = writer

    def _write(self, document: DocumentFile, text: str) -> Path | None:
        return self._writer(document, text)

    def _snapshot(self) -> tuple[str, int]:
        return self.editor.raw_text(), self.editor.text_revision

    def title(self) -> str:
        """The open file's stem, or "New draft"."""
        return self.document.path.stem if self.document else "New draft"

    # -- opening ------------------------------------------------------------------------------------
    def open_path(self, path: Path) -> bool:
        """Open a markdown file (created if missing). On bad input, say why and touch nothing.
        A piece of the library reached by another spelling (its real path, where the library is
        reached through a symlink) opens under the library's spelling: one file, one name."""
        path = spelled_within(Path(path), self.library_dir)
        if not self.leave():
            return False
        try:
            is_dir, exists = path.is_dir(), path.exists()
        except OSError as exc:  # e.g. a name longer than the file system allows
            is_dir, exists, problem = False, False, exc
        else:
            problem = None
        if is_dir:
            self._refuse(f"{path} is a folder, not a markdown file. Quill opened a new draft instead.")
            return False
        if not exists:
            try:
                if problem is not None:
                    raise problem
                path.parent.mkdir(parents=True, exist_ok=True)
                path.touch()
            except OSError as exc:
                self._refuse(f"Quill could not create {path.name}: {exc.strerror or exc}. Your words go into a new "
                             "draft in the library instead.")
                return False
        try:
            document, text = DocumentFile.open(path)
        except UnreadableFile as exc:
            self._refuse(f"{exc} You are writing in a new draft.")
            return False
        cannot_keep = what_the_page_cannot_keep(text, path.name)
        if cannot_keep is not None:  # the page would turn them into line breaks, and a save write those
            self._refuse(f"{cannot_keep} Quill left the file untouched; you are writing in a new draft.")
            return False
        self._load(document, text)
        return True

    def _refuse(self, message: str) -> None:
        self._load(None, "")
        self._notify(message, "warning", 0)  # after the load: it is about this moment, not the piece before

    def new_piece(self) -> None:
        if self.leave():
            self._load(None, "")

    def save_as(self, path: Path, *, replace: bool = False) -> bool:
        """Write the piece to ``path`` and carry on writing there (the old file stays as it was).

        An existing file at ``path`` is replaced only when ``replace`` says the writer agreed to it,
        and even then its earlier text is kept first (:meth:`keep_replaced`); otherwise Quill refuses
        and says so. A name without a suffix gets ".md" *before* that check."""
        if path.suffix == "":
            path = path.with_suffix(".md")
        text = self.editor.raw_text()
        same_file = self.document is not None and _same_file(path, self.document.path)
        kept = None
        if not same_file and (path.exists() or os.path.lexists(path)):
            if not replace:
                self._notify(f"{path.name} already exists in {path.parent}; Quill did not replace it. "
                             "Choose another name (your words are still here, unchanged).", "warning", 0, "save")
                return False
            try:
                kept = self.keep_replaced(path, text.encode("utf-8"))
            except (OSError, ValueError) as exc:
                self._notify(f"Quill could not keep a copy of the file {path.name} before replacing it ({exc}), "
                             "so it left that file alone. Your words are still here, unchanged.", "warning", 0, "save")
                return False
        document = DocumentFile(path, self.document.format if self.document else None)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            document.save(text, force=True)
        except OSError as exc:
            self._notify(f"{exc} Your words are still here, unchanged.", "warning", 0)
            return False
        self.saver.flush()
        self.journal.finish(saved=self.saver.last_error is None)
        self.document = document
        revision = self.editor.text_revision
        self.saver.attach(document, revision)
        self._journal_base = (text, revision)
        self.state.last_path = str(path)
        self._watch(path)
        self.document_changed.emit()
        note = f" The earlier {path.name} is kept {kept}." if kept else ""
        self._notify(f"Saved as {path}. Quill keeps saving there.{note}", "info",
                     SAVED_AS_NOTICE_MS * (2 if kept else 1), "save")
        return True

    def how_kept(self, path: Path) -> str:
        """How :meth:`keep_replaced` would keep what ``path`` holds, for the writer's question
        before replacing it: as a version, as a copy, or (an earlier export) not at all."""
        if not worth_keeping(path):
            return "Quill keeps no copy of this kind of file, so what it holds now will be gone."
        if self.holds_versions is not None and self.holds_versions(path):
            return "Quill keeps what it holds now as a version of that piece, so you can restore it."
        return f"Quill keeps a copy of what it holds now in {self.dirs.data / 'replaced'}."

    def keep_replaced(self, path: Path, new_data: bytes | None = None) -> str | None:
        """Keep the words of ``path`` before the writer's chosen replacement overwrites it.

        A library piece keeps them as a version; any other file holding writing is copied into
        Quill's data folder. Returns where, as words for a notice ("as a version of …", "in …"),
        or None when nothing needed keeping (an earlier export, the same bytes). Raises OSError
        when the words could not be kept: the caller must then leave the file alone."""
        if not worth_keeping(path, new_data):
            return None
        if self.version_keeper is not None:
            with contextlib.suppress(LibraryError, UnicodeDecodeError):
                version = self.version_keeper(path)
                if version is not None:
                    return "among its versions"
        copy = keep_copy(path, self.dirs.data / "replaced", datetime.now())
        return f"as {copy}"

    def _load(self, document: DocumentFile | None, text: str) -> None:
        self._loading = True
        self._reloaded_text = None
        self.provisional_name = False
        self.document = document
        editor = self.editor
        editor.setPlainText(text)  # tracking edits starts afresh from here (reset_tracking)
        editor.document().setModified(False)
        revision = editor.text_revision
        self.saver.attach(document, revision)
        # The journal starts on the first edit: merely reading a piece writes nothing anywhere.
        self._journal_base = (text, revision) if document is not None else None
        self._save_failing = False
        self._loading = False
        if document is not None:
            cursor_pos, scroll = self.state.position_of(document.path)
            if str(document.path) not in self.state.positions:
                cursor_pos = editor.qt_position(first_writing_position(text))  # not inside the metadata
            cursor = editor.textCursor()
            cursor.setPosition(min(cursor_pos, editor.document().characterCount() - 1))
            editor.setTextCursor(cursor)
            editor.verticalScrollBar().setValue(scroll)
            # The place was remembered in a window of another size (or before the text changed on
            # another machine): the writer's line must be on screen whatever the old scroll says.
            editor.ensureCursorVisible()
            self.state.last_path = str(document.path)
        else:
            editor.moveCursor(QTextCursor.MoveOperation.End)
        self._watch(document.path if document else None)
        self.loaded.emit()
        self.document_changed.emit()
        if editor.unbroken_run:
            self._notify("This piece has a line with thousands of characters without a space (an image embedded "
                         "as text?). Quill shows that line cut off at the edge of the page, so that typing stays "
                         "quick; it is kept whole in the file.", "info", 0, "wrap")
        unsaveable = why_unsaveable(document.path) if document is not None else None
        if unsaveable is not None:
            self._notify(self._cannot_save(unsaveable), "warning", 0, "save")

    def adopt_path(self, document: DocumentFile) -> None:
        """The open piece's file was renamed with the same text in it: carry on writing there.

        The editor (and its undo history) is left alone; only the file, journal and title follow."""
        self.provisional_name = False
        self.document = document
        self.saver.document = document
        text, revision = self.editor.raw_text(), self.editor.text_revision
        if self.journal.journal is not None:
            self.journal.follow(document.path, text, revision)  # and the old name's journal goes
        else:  # nothing written since the last save: the next edit starts a journal under the new name
            self._journal_base = (text, revision)
        self.state.last_path = str(document.path)
        self.document_changed.emit()

    def replace(self, document: DocumentFile | None, text: str, cursor: int, scroll: int) -> None:
        """Show a piece whose file the library just rewrote or moved, keeping the writer's place.

        Unlike :meth:`open_path`, nothing of the old piece is saved again: it is already on disk.
        """
        self.leaving.emit()
        self._load(document, text)
        position = self.editor.textCursor()
        position.setPosition(min(cursor, self.editor.document().characterCount() - 1))
        self.editor.setTextCursor(position)
        self.editor.verticalScrollBar().setValue(scroll)

    def leave(self) -> bool:
        """Before switching pieces: save, remember where the writer was. False when the piece must
        stay in the editor: its words could not be put anywhere.

        When the piece cannot be saved (a read-only file, a full disk), the words written in it
        must not vanish with the switch: they go into a copy the writer can see, and are told where;
        failing that, into the recovery journal. When even the journal cannot be written (one full
        disk holding everything), the words exist only in the editor: the switch is refused."""
        self.leaving.emit()
        self._follow_if_gone()
        outcome = self.saver.flush()
        saved = self.saver.last_error is None and (outcome is None or outcome.error is None)
        reason = ""
        if not saved and self.document is not None:
            reason = outcome.error if outcome is not None and outcome.error else str(self.saver.last_error)
            saved = self._keep_unsaved_in_copy(reason)
        if not self.journal.finish(saved=saved):
            self._notify(f"{reason} Quill could not write a copy of this piece or its recovery journal either, so "
                         "it stays open with your words: free some space, or use Save as… (Ctrl+Alt+S) to put "
                         "them on another drive, then open the other piece.", "warning", 0, "kept-copy",
                         about_piece=False)
            return False
        if not saved and self.document is not None:
            self._notify(f"{reason} Quill could not write a copy of it either, so your words from it stay in "
                         "Quill's recovery journal, and come back when Quill next starts.", "warning", 0,
                         "kept-copy", about_piece=False)
        self.remember_position()
        return True

    def _keep_unsaved_in_copy(self, reason: str) -> bool:
        """Write the words the open piece could not take into a new piece beside the others (the
        library, else Quill's own folder) and say where. Whether they are now safe in a file."""
        document = self.document
        assert document is not None
        name = document.path.name
        stamp = datetime.now().strftime("%Y-%m-%d %H%M")
        text = self.editor.raw_text()
        for folder in (self.library_dir, self.dirs.data / "unsaved"):
            try:
                folder.mkdir(parents=True, exist_ok=True)
                copy = unique_path(folder, f"{document.path.stem} (copy {stamp})")
                save_text(copy, text, document.format)
            except OSError:
                continue
            where = "your library" if folder == self.library_dir else str(folder)
            if folder != self.library_dir:  # out of sight: the next start puts it beside its piece
                with contextlib.suppress(OSError):
                    note_unsaved_copy(copy, document.path)
            self.copy_written.emit(copy)
            self._notify(f"{reason} Your words from it are in {copy.name} in {where}; {name} is as it was.",
                         "warning", 0, "kept-copy", about_piece=False)
            return True
        return False  # the caller says where the words are (the journal), or refuses to let them go

    def remember_position(self) -> None:
        if self.document is not None:
            self.state.remember(self.document.path, self.editor.textCursor().position(),
                                self.editor.verticalScrollBar().value())

    # -- saving -------------------------------------------------------------------------------------
    def ensure_file(self) -> None:
        """An untitled draft gets a file in the library as soon as it has words: autosave never skips it."""
        if self.document is not None or not self.editor.raw_text().strip():
            return
        try:
            self.library_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self._notify(f"Quill cannot create your library folder {self.library_dir}: {exc.strerror}. "
                             "Your words stay in the editor.", "warning", 0)
            return
        path = unique_path(self.library_dir, f"Untitled draft {date.today().isoformat()}")
        self.provisional_name = True  # until the first line is written: then it takes the title's name
        self.document = DocumentFile(path)
        self.saver.document = self.document
        self.journal.attach(path, self.editor.raw_text(), self.editor.text_revision)
        self.state.last_path = str(path)
        self.document_changed.emit()

    def save_now(self) -> None:
        self.ensure_file()
        self.saver.save_soon()

    def save_soon(self) -> None:
        self.saver.save_soon()

    def save_first(self) -> bool:
        """Everything the writer typed is on disk (before another feature rewrites or moves the file)."""
        self.ensure_file()
        outcome = self.saver.flush()
        return not ((outcome is not None and outcome.error) or self.saver.last_error)

    def release_journal(self) -> None:
        """The open piece's text is safely on disk and about to be rewritten by the library: the
        journal of its edits is no longer needed. If the library then refuses (malformed front
        matter, a full disk), call :meth:`resume_journal`: the piece stays open and is typed on."""
        self.journal.finish(saved=True)

    def resume_journal(self) -> None:
        """Journal again from the text as it is now, after :meth:`release_journal` when the piece
        stays in the editor after all. Without this, every word typed afterwards was in no journal
        until another piece was opened: a crash, or a kill while saving failed, lost them."""
        if self.document is None or self.journal.journal is not None:
            return
        self._journal_base = (self.editor.raw_text(), self.editor.text_revision)

    def _on_edited(self, position: int, removed: int, inserted: str) -> None:
        if self._loading:
            return
        revision = self.editor.text_revision
        if self.document is None:
            self.ensure_file()  # a new draft's journal starts from the text as it is now
        else:
            if self._journal_base is not None:
                base_text, base_revision = self._journal_base
                self._journal_base = None
                self.journal.attach(self.document.path, base_text, base_revision)
            self.journal.record(revision, position, removed, inserted, self.editor.text_length())
        self.saver.edited(self.editor.text_length())
        if self.provisional_name and "\n" in inserted:
            self.title_ready.emit()  # the writer moved past a line: the first one may be the title

    def _notify(self, message: str, kind: str, hide_after_ms: int, topic: str = "", *,
                about_piece: bool = True) -> None:
        self.notice.emit(message, kind, hide_after_ms, topic, about_piece)

    @staticmethod
    def _cannot_save(reason: str) -> str:
        return (f"{reason} What you write stays here and in Quill's recovery journal, and goes into a copy if "
                "you open another piece; Save as… (Ctrl+Alt+S) puts it elsewhere now.")

    def _on_saved(self, outcome: SaveOutcome) -> None:
        self._told_gone = None  # written back: a later deletion is news again
        if not self.watcher.files() and outcome.path.exists():
            self.watcher.addPath(str(outcome.path))
        if outcome.text is not None:
            self.journal.saved(outcome.text, outcome.revision)
        if self._save_failing:
            self._save_failing = False
            self._notify(f"Saved again: {outcome.path.name} is safe on disk.", "info", SAVED_AGAIN_NOTICE_MS, "save")
        if outcome.conflict_copy is not None:
            self._notify(
                f"{outcome.path.name} was changed by another program while you wrote. Your text is kept in "
                f"{outcome.path.name}; the other version is saved beside it as {outcome.conflict_copy.name}.",
                "warning", 0)

    def _on_save_failed(self, outcome: SaveOutcome) -> None:
        self._save_failing = True
        self._notify(self._cannot_save(str(outcome.error)), "warning", 0, "save")

    # -- other programs ----------------------------------------------------------------------------
    def _watch(self, path: Path | None) -> None:
        """Watch the piece and its folder. The folder matters when a program deletes the file and
        writes a new one (git checkout, some sync tools): the file's own watch ends with the delete,
        and only the folder tells when the new file appears."""
        watched = self.watcher.files() + self.watcher.directories()
        if watched:
            self.watcher.removePaths(watched)
        self._appeared = set()
        self._fold_pending = set()
        self._folder_names = set()
        if path is not None and path.exists():
            self.watcher.addPath(str(path))
            self.watcher.addPath(str(path.parent))
            self._folder_names = _names(path.parent)

    def _watch_above(self, folder: Path) -> None:
        """Watch the nearest folder above a vanished one: a watch ends with its folder, and without
        this Quill never noticed the folder (and the piece) coming back, so a newer version the sync
        engine brought back with it was not loaded."""
        above = folder.parent
        while not above.is_dir() and above != above.parent:
            above = above.parent
        if str(above) not in self.watcher.directories():
            self.watcher.addPath(str(above))

    def _watch_again(self, doc: DocumentFile) -> None:
        """The piece's folder is back: watch it (and the piece) as before, and look at the piece."""
        extra = [d for d in self.watcher.directories() if d != str(doc.path.parent)]
        if extra:
            self.watcher.removePaths(extra)
        self.watcher.addPath(str(doc.path.parent))
        if doc.path.exists() and str(doc.path) not in self.watcher.files():
            self.watcher.addPath(str(doc.path))
        self._folder_names = _names(doc.path.parent)
        self._disk_check.start()

    def _on_file_changed(self, path: str) -> None:
        # Saves replace the file (atomic rename), which ends a watch on Linux: watch the new file again.
        if self.document is not None and Path(path) == self.document.path and self.document.path.exists():
            self.watcher.addPath(path)
        self._disk_check.start()

    def _on_folder_changed(self, folder: str) -> None:
        doc = self.document
        if doc is None:
            return
        parent = doc.path.parent
        if not parent.is_dir():
            self._watch_above(parent)  # gone for a moment (a sync engine moving things)? see it come back
            self._disk_check.start()
            return
        if Path(folder) != parent:
            if str(parent) not in self.watcher.directories():  # the piece's folder is back
                self._watch_again(doc)
            return
        names = _names(doc.path.parent)
        appeared = [doc.path.parent / name for name in sorted(names - self._folder_names) if _piece_like(name)]
        self._folder_names = names
        # only pieces, and only while they are there: saves' temporary files come and go all day
        self._appeared = {path for path in self._appeared if path.name in names}
        self._appeared.update(appeared)
        if doc.path.exists() and str(doc.path) not in self.watcher.files():
            self.watcher.addPath(str(doc.path))  # the piece reappeared: follow it again
            self._disk_check.start()
        elif not doc.path.exists():
            self._disk_check.start()  # gone: renamed here or on another machine? (check_disk follows it)
        elif appeared:
            # An older state of this piece under a new name? Renamed on another machine while edited
            # here, the sync engine bringing back the old name with our edit (an edit beats a delete).
            # Looked at with the other disk checks, once the engine has finished writing it.
            self._fold_pending.update(appeared)
            self._disk_check.start()

    def check_disk(self) -> None:
        """Reload a piece another program changed, if the writer has no unsaved edits in it."""
        doc = self.document
        pending, self._fold_pending = sorted(self._fold_pending), set()
        if doc is not None and pending and doc.exists_on_disk and not doc.changed_on_disk():
            self._follow_move(doc, pending)
            return
        if doc is None or not doc.exists_on_disk or not doc.changed_on_disk():
            return
        if not doc.path.exists():
            self._follow_move(doc, sorted(self._appeared) or None)
            return
        if self.saver.is_dirty(self.editor.text_revision) or self.saver.busy:
            self.saver.save_soon()  # saving keeps both versions (conflict copy) and says so
            return
        editor = self.editor
        before = editor.raw_text()
        try:
            text = doc.adopt_disk(refuse=lambda new: what_the_page_cannot_keep(new, doc.path.name))
        except UnreadableFile as exc:
            # Not text Quill can read (another encoding, a binary, too large): the page keeps the
            # writer's words, and a save keeps the other version beside the piece, byte for byte.
            self._notify(f"{doc.path.name} was changed by another program, and Quill cannot read the new version: "
                         f"{exc} Your words stay here; if you write on, Quill saves them into {doc.path.name} and "
                         "keeps the other version beside it as a conflict copy, exactly as it is.",
                         "warning", 0, "save")
            return
        except OSError:
            return
        if text != before and before != self._reloaded_text:
            self._keep_before_reload(doc, before)
        self._reloaded_text = text
        place = index_from_utf16(before, editor.textCursor().position())
        scroll = editor.verticalScrollBar().value()
        self._loading = True
        editor.setPlainText(text)
        self._loading = False
        self.journal.finish(saved=True)  # nothing of ours was unsaved
        self._journal_base = (text, editor.text_revision)
        self.saver.attach(doc, editor.text_revision)
        after = editor.raw_text()
        # the same place in the words, not the same number (a paragraph may have been added above)
        cursor = editor.textCursor()
        cursor.setPosition(min(utf16_from_index(after, carry_position(before, after, place)),
                               editor.document().characterCount() - 1))
        editor.setTextCursor(cursor)
        editor.verticalScrollBar().setValue(scroll)
        editor.ensureCursorVisible()
        self._notify(f"{doc.path.name} was changed by another program; Quill loaded the new version.", "info", 0)
        self.document_changed.emit()

    def _keep_before_reload(self, doc: DocumentFile, before: str) -> None:
        """The writer's saved words are about to leave the editor for another program's version of
        the file: keep them (a version of a library piece, else a copy in Quill's data folder). The
        other program may have put back an older file, and then nothing else holds them."""
        try:
            if self.reload_keeper is not None and self.reload_keeper(doc.path, before) is not None:
                return
            if self.reload_keeper is not None and self._inside_library(doc.path):
                return  # the same text is already the piece's latest version
            folder = self.dirs.data / "replaced"
            folder.mkdir(parents=True, exist_ok=True)
            save_text(unique_path(folder, f"{doc.path.stem} (before reload {datetime.now():%Y-%m-%d %H%M%S})"),
                      before, doc.format)
        except (OSError, LibraryError, UnicodeError):
            pass  # never stop the reload over its safety copy; the notice still says what happened

    def _inside_library(self, path: Path) -> bool:
        try:
            path.resolve().relative_to(self.library_dir.resolve())
        except (ValueError, OSError):
            return False
        return True

    def _follow_if_gone(self) -> None:
        """Before a last save (quitting, switching pieces): a piece renamed moments ago, before the
        watcher's check ran, is followed now, so the last save lands in the renamed file instead of
        writing the piece back under its old name (the piece twice, a journal for a stale name)."""
        doc = self.document
        if doc is None or self.mover is None or not doc.exists_on_disk or doc.path.exists():
            return
        self.saver.settle()
        if not doc.path.exists():  # the save in flight did not write it back
            self._follow_move(doc, sorted(self._appeared) or None)

    def _follow_move(self, doc: DocumentFile, appeared: list[Path] | None) -> None:
        """The piece's file vanished, or an older state of it appeared under another name. A sync
        engine carrying a rename from another machine deletes the old name and writes the new one:
        follow it, so the next save does not write the piece back under its old name (two copies
        of one piece). The library decides (:meth:`Library.follow`) and writes the editor's text
        there; the other machine's words, if it changed them too, are kept beside it. Not found:
        the editor keeps the text and the next save writes it back, as before."""
        if self.mover is None:
            return
        if self.saver.busy:  # a save is being written: look again when it is done
            QTimer.singleShot(DISK_CHECK_MS, self, lambda: self._follow_move(doc, appeared)
                              if self.document is doc else None)
            return
        old_name = doc.path.name
        try:
            moved = self.mover(doc, self.editor.raw_text(), appeared)
        except OSError:
            return
        if moved is None:
            if not doc.path.exists() and self.document is doc:
                self._gone_from_disk(doc)
            return
        self._watch(moved.path)
        self.adopt_path(doc)
        self._disk_check.start()  # renamed and added to over there: an ordinary change (reload)
        name = moved.path.name
        if moved.conflict_copy is not None:
            message = (f"{old_name} was renamed to {name} and changed on another device while you wrote. Your "
                       f"text is in {name}; the other version is beside it as {moved.conflict_copy.name} "
                       "(Compare versions from other devices…).")
        elif moved.folded is not None:
            message = (f"{old_name} was renamed to {name} on another device while you edited it here. Your text "
                       f"is now in {name}; the older text it held is in Versions of this piece….")
        else:
            message = f"{old_name} was renamed to {name} by another program or device; Quill follows it."
        self._notify(message, "warning" if moved.conflict_copy is not None else "info", 0)

    def _gone_from_disk(self, doc: DocumentFile) -> None:
        """The open piece's file was deleted outside Quill (or moved where Quill cannot find it). Its
        words now exist only in the editor: say so once, and count them as unsaved, so switching
        pieces or quitting writes them back rather than letting them go without a word."""
        if self._told_gone == doc.path:
            return
        self._told_gone = doc.path
        self.saver.mark_unsaved()
        self._notify(f"{doc.path.name} was deleted or moved outside Quill. Its words are still here and Quill "
                     "will save them back there. To let the piece go, use “Move this piece to the trash” in "
                     "Quill instead.",
                     "warning", 0, "save")

    # -- quitting -----------------------------------------------------------------------------------
    def may_close(self) -> bool:
        """Save before quitting. If saving is impossible, keep an emergency copy, say so, and refuse the
        first attempt (the writer may fix the disk); a second attempt closes, the copy being safe."""
        self.ensure_file()
        self._follow_if_gone()
        outcome = self.saver.flush()
        copy = None
        if outcome is not None and outcome.error:
            self._close_attempts += 1
            copy = self.emergency_copy()
            if copy is None:  # the words are only in the editor: leaving would lose them
                self._notify(f"{outcome.error} Quill could not write a copy anywhere either, so it stays open with "
                             "your words: free some space, or use Save as… (Ctrl+Alt+S) to put them on another "
                             "drive, then quit.", "warning", 0)
                return False
            if self._close_attempts == 1:
                self._notify(f"{outcome.error} A copy is kept in {copy}. Quill stays open so nothing is lost; quit "
                             "again to leave anyway.", "warning", 0)
                return False
        # Words in the copy need no journal: kept, it would "recover" them a second time at the next start.
        self.journal.finish(saved=outcome is None or outcome.error is None or copy is not None)
        self.remember_position()
        return True

    def emergency_copy(self) -> Path | None:
        """When the piece cannot be saved where it belongs, keep the words in Quill's own data folder."""
        stem = self.document.path.stem if self.document else "Untitled draft"
        folder = self.dirs.data / "unsaved"
        text = self.editor.raw_text()
        previous = getattr(self, "_emergency", None)
        digest = sha256_text(text)
        if previous is not None and previous[1] == digest and previous[0].is_file():
            return previous[0]  # quitting twice: the same words need one copy, not two
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = unique_path(folder, f"{stem} {datetime.now():%Y-%m-%d %H%M}")
            # in the piece's own encoding and line endings: it comes back beside the piece as a file of its kind
            save_text(path, text, self.document.format if self.document else None)
        except OSError:
            return None
        if self.document is not None:
            with contextlib.suppress(OSError):  # without it the copy stays, a file the writer was told of
                note_unsaved_copy(path, self.document.path)
        self._emergency = (path, digest)
        return path

    def shutdown(self) -> None:
        self.saver.shutdown()
        self.journal.shutdown()


__all__ = ["DocumentController"]


def _names(folder: Path) -> set[str]:
    """The names in a folder (empty when it cannot be read: gone for a moment, say)."""
    try:
        return set(os.listdir(folder))
    except OSError:
        return set()


def first_writing_position(text: str) -> int:
    """Where a piece opened for the first time puts the cursor: at the start of its body, so the
    front matter stays folded away (and is not typed into by accident); 0 when it has none."""
    from quill.library.frontmatter import body_start

    position = body_start(text)
    while position and position < len(text) and text[position] in "\r\n":
        position += 1
    return position


def _piece_like(name: str) -> bool:
    """A name that may be a piece: not hidden (Quill's own ``.quill-….tmp``), not a sync engine's
    temporary file, a text suffix."""
    return not name.startswith((".", "~")) and name.lower().endswith((".md", ".markdown", ".txt"))


def _same_file(a: Path, b: Path) -> bool:
    """True when ``a`` and ``b`` name one file (also through a symlink, or different spellings)."""
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False
