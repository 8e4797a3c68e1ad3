"""The library inside the window: the overlay, quick open, and every lifecycle command.

The rules (file names, front matter, snapshots, trash) live in :mod:`quill.library`;
this controller only asks the writer what they want and keeps the open piece in step
when an operation rewrites or moves its file.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal

from quill.library import Library
from quill.library.conflict_names import RECOVERED
from quill.library.errors import LibraryUnavailable
from quill.library.library import LibraryError
from quill.library.naming import title_from_text
from quill.library.snapshots import MANUAL
from quill.library.trash import TrashItem
from quill.memory import release_memory
from quill.storage.atomic import SaveError
from quill.storage.document import DocumentFile, save_keeping_both
from quill.storage.textfile import UnreadableFile, load_text
from quill.ui.shell import dialogs
from quill.utf16 import what_the_page_cannot_keep
from quill.wording import day_text, moment_text, plural

if TYPE_CHECKING:
    from quill.library.piece import Piece
    from quill.ui.library.compare import CompareDialog
    from quill.ui.library.overlay import LibraryOverlay
    from quill.ui.library.versions import VersionsDialog
    from quill.ui.shell.window import MainWindow


log = logging.getLogger(__name__)

INDEX_EVERY_S = 60.0  # autosave re-indexes the open piece at most this often


def ask_text(parent, title: str, label: str, text: str = "") -> str | None:  # noqa: ANN001
    """One line from the writer, or None. Tests replace this function."""
    return dialogs.ask_text(parent, title, label, text)


def ask_choice(parent, title: str, label: str, choices: list[str], current: str = "") -> str | None:  # noqa: ANN001
    return dialogs.ask_choice(parent, title, label, choices, current)


def confirm(parent, title: str, question: str, action: str) -> bool:  # noqa: ANN001
    """The safe answer is the default; only choosing ``action`` on purpose says yes."""
    return dialogs.confirm(parent, title, question, action)


class LibraryController(QObject):
    scanned = Signal(object)  # Changes, on the GUI thread
    finished_changed = Signal()  # a piece was marked finished or reopened: the writer's baseline changed
    _scan_done = Signal(object)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.library = Library(window.library_dir, window.dirs)
        self.clock: Callable[[], float] = time.monotonic
        self._indexed_at: dict[Path, float] = {}  # when autosave last re-indexed each open piece
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="quill-library")
        self._scan_done.connect(self._on_scanned, Qt.ConnectionType.QueuedConnection)
        self._overlay: LibraryOverlay | None = None
        self._importer = None  # made on first use: the importers (bs4 and each platform's rules) load then
        # queued: the rename must not run inside the editor's edit notification
        window.documents.title_ready.connect(self.name_from_title, Qt.ConnectionType.QueuedConnection)
        window.documents.mover = self.library.follow
        self._announced: set[tuple[Path, frozenset[str]]] = set()
        self.compare_dialog: CompareDialog | None = None
        window.documents.document_changed.connect(self.announce_conflicts)
        window.documents.copy_written.connect(lambda _path: self.scan_soon())

    @property
    def overlay(self) -> LibraryOverlay:
        """The library's overlay, made when first shown: its module and the list widgets' Qt
        classes (whose enums PySide builds on first use) cost ~20 ms a writer who only writes
        never needs to pay at launch (#20)."""
        if self._overlay is None:
            from quill.ui.library.overlay import LibraryOverlay

            window = self.window
            self._overlay = LibraryOverlay(window.centralWidget(), window.theme, lambda: self.library)
            self._overlay.chosen.connect(self.open)
            self._overlay.closed.connect(window.editor.setFocus)
            self._overlay.import_requested.connect(self.import_writing)
            self._overlay.trash_requested.connect(self.trash_piece)
        return self._overlay

    def overlay_shown(self) -> bool:
        """Whether the overlay is on screen (without making it)."""
        return self._overlay is not None and self._overlay.isVisible()

    def apply_theme(self, theme) -> None:  # noqa: ANN001 - Theme
        if self._overlay is not None:
            self._overlay.apply_theme(theme)

    @property
    def importer(self):  # noqa: ANN201 - ImportController
        """The import controller, made (and the importers imported) when first asked for."""
        if self._importer is None:
            from quill.ui.library.importing import ImportController

            self._importer = ImportController(self)
        return self._importer

    # -- the save path --------------------------------------------------------------------------
    def write(self, document: DocumentFile, text: str) -> Path | None:
        """AutoSaver's writer (worker thread): snapshot before the session's first change, save, and
        index the piece at most every :data:`INDEX_EVERY_S` (listings catch up by themselves)."""
        if self._inside(document.path):
            now = self.clock()
            due = now - self._indexed_at.get(document.path, -INDEX_EVERY_S) >= INDEX_EVERY_S
            result = self.library.save(document, text, index=due)
            if due:
                self._indexed_at[document.path] = now
            return result.conflict_copy
        return save_keeping_both(document, text)

    def _inside(self, path: Path) -> bool:
        try:
            path.resolve().relative_to(self.library.root.resolve())
        except (ValueError, OSError):
            return False
        return True

    # -- scanning ----------------------------------------------------------------------------
    def scan_soon(self) -> None:
        """Bring the index up to date off the GUI thread (at start-up and when the window regains focus)."""
        future = self._executor.submit(self.library.refresh_changed)
        future.add_done_callback(lambda f: self._scan_done.emit(f))

    def _on_scanned(self, future) -> None:  # noqa: ANN001
        if future.exception() is not None:
            return
        changes = future.result()
        if not getattr(self, "_memory_released", False):
            # The first scan ends start-up's work: drop what its imports and reading left behind.
            self._memory_released = True
            release_memory()
        notice = self.library.notice
        if notice and not getattr(self, "_notice_shown", False):
            self._notice_shown = True
            self.window.banner.show_message(notice, "warning")
        self._follow_renamed_outside()
        if self.overlay_shown():
            self.overlay.refresh()
        self.scanned.emit(changes)

    def shutdown(self) -> None:
        self._shut = True
        self.window.documents.mover = None  # the folder watch may still fire: the library is closing
        if self._importer is not None:
            self._importer.shutdown()
        self._executor.shutdown(wait=True)
        self.library.close()

    # -- commands ----------------------------------------------------------------------------
    def register_commands(self) -> None:
        add = self.window.commands.add
        add("library", "Library", self.show_library, ["Ctrl+E"], "pieces drafts finished browse list")
        add("quick_open", "Quick open a piece", self.quick_open, ["Ctrl+P"], "go to file switch")
        add("rename", "Rename this piece…", self.rename, (), "title")
        add("duplicate", "Duplicate this piece", self.duplicate, (), "copy")
        add("move", "Move to a collection…", self.move, (), "folder collection")
        add("tags", "Tags…", self.edit_tags, (), "tag label")
        add("url", "Published at (URL)…", self.edit_url, (), "link publish")
        add("finish", "Mark finished", self.finish, (), "done complete status")
        add("reopen", "Reopen as draft", self.reopen, (), "status draft")
        add("snapshot", "Keep a version now", self.snapshot, ["Ctrl+Shift+S"], "snapshot history save")
        add("versions", "Versions of this piece…", self.show_versions, (), "history snapshots restore diff")
        add("trash", "Move this piece to the trash", self.trash, (), "delete remove", destructive=True)
        add("restore_trash", "Restore from the trash…", self.restore_from_trash, (), "undelete")
        add("empty_trash", "Empty the trash…", self.empty_trash, (), "delete forever", destructive=True)
        add("compare_conflicts", "Compare versions from other devices…", self.compare_conflicts, (),
            "conflict sync syncthing dropbox nextcloud onedrive merge devices copy")
        add("import", "Import writing…", self.import_writing, (),
            "import archive substack ghost wordpress medium jekyll hugo obsidian export backlog")

    def _refresh(self) -> None:
        """Bring the index up to date now (on this thread), with the history following renames."""
        self.library.refresh_changed()
        self._follow_renamed_outside()

    def _follow_renamed_outside(self) -> None:
        """Pieces renamed or moved outside Quill (``mv`` while it was closed, a file manager, another
        machine's rename) that a scan could tell apart keep their writing history, as their versions do.
        Until the history is installed (a scan can end first) they wait in the library's list."""
        if not hasattr(getattr(self.window, "sessions", None), "follow_piece"):
            return
        for old, new in self.library.take_renamed():
            self._history_follows(old, new)

    def show_library(self) -> None:
        self._refresh()
        try:
            self.overlay.others = {path: len(copies) for path, copies in self.library.conflicts().items()}
        except LibraryUnavailable:
            self.overlay.others = {}
        self.overlay.apply_theme(self.window.theme)
        self.overlay.open()

    def import_writing(self) -> None:
        """Bring a published archive in (see quill.ui.library.importing)."""
        if self.overlay_shown():
            self.overlay.dismiss()
        self.importer.start()

    def quick_open(self) -> None:
        from quill.ui.shell.picker import PickerItem

        self._refresh()
        items = [PickerItem(p.title, plural(p.words, "word") + (" · finished" if p.status == "finished" else ""),
                            p.path, f"{p.relpath} {' '.join(p.tags)}") for p in self.library.pieces()]
        self.window.open_picker("Open a piece", items, self.open, "Type part of a title")

    def open(self, path: Path) -> None:
        self.window.open_path(Path(path))

    # -- operations on the open piece ------------------------------------------------------------
    def _current(self) -> Path | None:
        doc = self.window.document
        if doc is None or not self._inside(doc.path):
            self.window.banner.show_message("This works on pieces in your library; the open file is not one.")
            return None
        return doc.path

    def _saved_first(self) -> bool:
        """Everything the writer typed is on disk before the library rewrites or moves the file."""
        documents = self.window.documents
        if documents.save_first():
            return True
        self.window.banner.show_message(
            f"Quill could not save this piece first, so it changed nothing. {documents.saver.last_error or ''}",
            "warning")
        return False

    def _apply(self, operation: Callable[[Path], object], *, follow: Callable[[object], Path] | None = None,
               asked: tuple[Path, object] | None = None) -> bool:
        """Save, run ``operation`` on the open piece, then show its new text (and new path) in place.

        ``asked``: the piece (path and document) the writer was asked about, when a question came
        first; if another piece is open by now (another launch handed one over meanwhile), nothing
        is done."""
        if asked is not None and not self._still_open(*asked):
            return False
        path = self._current()
        if path is None or not self._saved_first():
            return False
        window = self.window
        old_text = window.editor.raw_text()
        cursor = window.editor.textCursor().position()
        scroll = window.editor.verticalScrollBar().value()
        window.documents.release_journal()
        try:
            result = operation(path)
        except (LibraryError, SaveError, OSError) as exc:
            window.documents.resume_journal()  # the piece stays open: what is typed next is journaled
            window.banner.show_message(str(exc), "warning")
            return False
        except Exception as exc:  # noqa: BLE001 - whatever broke, the journal must not stay off
            log.exception("a library operation failed")
            window.documents.resume_journal()
            window.banner.show_message(f"Quill could not finish that ({exc}). Your words are saved.", "warning")
            return False
        new_path = follow(result) if follow else path
        self._history_follows(path, new_path)
        try:
            document, text = DocumentFile.open(new_path)
            cannot_keep = what_the_page_cannot_keep(text, new_path.name)
            if cannot_keep is not None:  # shown, it would be saved back with line breaks in their place
                raise UnreadableFile(cannot_keep)
        except Exception as exc:  # noqa: BLE001 - the file is the writer's; say what happened
            window.documents.resume_journal()
            window.banner.show_message(f"Done, but Quill could not reopen {new_path.name}: {exc}", "warning")
            return False
        window.documents.replace(document, text, _moved_cursor(old_text, text, cursor), scroll)
        warning, self.library.last_warning = self.library.last_warning, None
        if warning:
            window.banner.show_message(warning, "warning")
        return True

    def _history_follows(self, old: Path, new: Path | None) -> str | None:
        """The writing history follows the piece, not the path: a rename or move carries it along,
        a deletion marks it (so a new piece with the old name starts its own; the key it is kept
        under is returned, for an Undo to take it back)."""
        sessions = getattr(self.window, "sessions", None)
        if sessions is None or not hasattr(sessions, "follow_piece") or new == old:
            return None
        try:
            return sessions.follow_piece(old, new)
        except Exception:  # noqa: BLE001 - statistics must never stop a rename
            log.exception("could not carry the writing history along")
            return None

    def _history_returns(self, trashed: TrashItem | Path, restored: Path, retired: tuple[Path, str] | None) -> None:
        """A restored piece takes back the history it had before it was deleted: under the key noted
        when it was trashed in this launch (``retired``), else the one deleted closest to the time the
        trash recorded."""
        sessions = getattr(self.window, "sessions", None)
        if sessions is None or not hasattr(sessions, "history_returns"):
            return
        try:
            if retired is not None:
                sessions.history_returns(retired[0], restored, key=retired[1])
            elif isinstance(trashed, TrashItem) and trashed.deleted is not None:
                sessions.history_returns(self.library.root.joinpath(*trashed.original.split("/")), restored,
                                         deleted_at=trashed.deleted.timestamp())
        except Exception:  # noqa: BLE001 - statistics must never stop a restore
            log.exception("could not bring the writing history back")

    def name_from_title(self) -> None:
        """A new draft's file takes the name of its title (first heading, else first line) once its
        first line is written: "the-river.md", not "Untitled draft 2026-12-03 3.md". Only for a
        name Quill chose itself; the editor, cursor and undo history are left alone."""
        documents = self.window.documents
        if getattr(self, "_shut", False):
            return  # queued before the window closed: the library is gone
        path = self._current()
        if path is None or not documents.provisional_name:
            return
        text = self.window.editor.raw_text()
        first_line_done = "\n" in text.lstrip("\n")
        title = title_from_text(text) if first_line_done else None
        if title is None or not self._saved_first():
            return
        documents.release_journal()
        try:
            piece = self.library.rename_file(path, title)
            document, _text = DocumentFile.open(piece.path)
        except (LibraryError, SaveError, OSError, ValueError) as exc:
            documents.provisional_name = False  # keep the name it has; say why once
            documents.resume_journal()
            self.window.banner.show_message(f"Quill kept the name {path.name}: {exc}", "warning")
            return
        self._history_follows(path, piece.path)
        documents.adopt_path(document)

    def _asking(self) -> tuple[Path, object] | None:
        """The open piece, noted before a question is asked about it (see ``_apply``'s ``asked``)."""
        path = self._current()
        return None if path is None else (path, self.window.document)

    def rename(self) -> None:
        piece = self.library.piece(self.window.document.path) if self.window.document else None
        offered = piece.title if piece else ""
        if piece is None or piece.title == self.window.document.path.stem:
            offered = title_from_text(self.window.editor.raw_text()) or offered  # offer the text's own title
        asked = self._asking()
        title = ask_text(self.window, "Rename", "Title:", offered)
        if title and asked is not None:
            self._apply(lambda p: self.library.rename(p, title), follow=lambda piece: piece.path, asked=asked)

    def duplicate(self) -> None:
        path = self._current()
        if path is None or not self._saved_first():
            return
        try:
            copy = self.library.duplicate(path)
        except LibraryError as exc:
            self.window.banner.show_message(str(exc), "warning")
            return
        self.window.open_path(copy.path)
        self.window.banner.show_message(f"You are now in the copy, {copy.path.name}.")

    def move(self) -> None:
        asked = self._asking()
        if asked is None:
            return
        choices = ["(top level)", *self.library.collections()]
        piece = self.library.piece(self.window.document.path)
        current = piece.collection if piece and piece.collection else "(top level)"
        chosen = ask_choice(self.window, "Move to a collection", "Collection (a sub-folder; type a new name):",
                            choices, current)
        if chosen is None:
            return
        collection = "" if chosen == "(top level)" else chosen.strip().strip("/")
        self._apply(lambda p: self.library.move_to_collection(p, collection), follow=lambda piece: piece.path,
                    asked=asked)

    def edit_tags(self) -> None:
        asked = self._asking()
        if asked is None:
            return
        piece = self.library.piece(self.window.document.path)
        text = ask_text(self.window, "Tags", "Tags, separated by commas:", ", ".join(piece.tags) if piece else "")
        if text is not None:
            self._apply(lambda p: self.library.set_tags(p, text.split(",")), asked=asked)

    def edit_url(self) -> None:
        asked = self._asking()
        if asked is None:
            return
        piece = self.library.piece(self.window.document.path)
        url = ask_text(self.window, "Published at", "Where it was published (URL):", (piece.url or "") if piece else "")
        if url is not None:
            self._apply(lambda p: self.library.set_url(p, url), asked=asked)

    def finish(self) -> None:
        if self._apply(self.library.finish):
            self.window.banner.show_message("Marked finished. A version was kept; it now counts toward your voice.")
            self.finished_changed.emit()

    def reopen(self) -> None:
        if self._apply(self.library.reopen):
            self.window.banner.show_message("Reopened as a draft.")
            self.finished_changed.emit()

    def snapshot(self) -> None:
        path = self._current()
        if path is None or not self._saved_first():
            return
        try:
            version = self.library.snapshot(path, MANUAL, text=self.window.editor.raw_text())
        except (LibraryError, OSError) as exc:
            self.window.banner.show_message(f"The version was not kept: {exc} Your piece itself is saved as usual.",
                                            "warning")
            return
        message = "Nothing changed since the last version." if version is None else \
            f"Version kept ({plural(version.words, 'word')}, {version.taken:%H:%M})."
        self.window.banner.show_message(message)

    # -- versions from other devices (sync engines' conflict copies) ---------------------------------
    def announce_conflicts(self) -> None:
        """Say once, quietly, that the open piece has versions from other devices beside it."""
        doc = self.window.document
        if doc is None or not self._inside(doc.path):
            return
        copies = self.library.conflicts_of(doc.path)
        key = (doc.path, frozenset(c.path.name for c in copies))
        if not copies or key in self._announced:
            return
        self._announced.add(key)
        n = len(copies)
        if all(copy.name.kind == RECOVERED for copy in copies):  # Quill's own, not another device's
            said = (f"Text Quill recovered for this piece after an interruption is beside it, in "
                    f"{copies[0].path.name}." if n == 1 else
                    f"{n} texts Quill recovered for this piece after interruptions are beside it.")
        else:
            said = (f"{n} version{'s' if n != 1 else ''} of this piece from other devices "
                    f"{'are' if n != 1 else 'is'} beside it.")
        self.window.banner.show_message(f"{said} Command palette: Compare versions from other devices…",
                                        "info", "conflicts", about_piece=True)

    def compare_conflicts(self) -> None:
        path = self._current()
        if path is None or not self._saved_first():
            return
        copies = self.library.conflicts_of(path)
        loaded = []
        for copy in copies:
            try:
                loaded.append((copy, load_text(copy.path).text))
            except (UnreadableFile, OSError) as exc:
                self.window.banner.show_message(f"{copy.path.name} cannot be read, so it is left as it is: {exc}",
                                                "warning")
        if not loaded:
            self.window.banner.show_message("This piece has no versions from other devices.")
            return
        from quill.ui.library.compare import CompareDialog  # the dialogs are imported when first opened (#20)

        dialog = CompareDialog(self.window, path, self.library.current_text(path), loaded)
        self.compare_dialog = dialog
        opened_on = self.window.document
        dialog.accepted.connect(lambda: self._settle_conflicts([c for c, _ in loaded], dialog, path, opened_on))
        dialog.open()

    def _still_open(self, path: Path, opened_on: object) -> bool:
        """The piece a dialog was opened for is still the open one (followed through a rename, or
        reloaded after a restore): another launch may have opened another piece meanwhile, and the
        dialog's text must never be written into that one."""
        document = self.window.document
        if document is not None and (document is opened_on or document.path == path):
            return True
        self.window.banner.show_message(f"That was for {path.name}, which is no longer the open piece, so Quill "
                                        "changed nothing. Open it again to go on.", "warning")
        return False

    def _settle_conflicts(self, copies: list, dialog: CompareDialog, path: Path,  # noqa: ANN001
                          opened_on: object) -> None:
        if dialog.outcome is None:
            return
        from quill.ui.library.compare import KEEP, MERGE, TAKE

        kind, text = dialog.outcome
        before = self.library.note_saved(path)
        if self._apply(lambda p: self.library.resolve_conflicts(p, text, copies), asked=(path, opened_on)):
            after = self.library.piece(self.window.document.path) if self.window.document else None
            if (before and before.status) != (after and after.status):
                self.finished_changed.emit()
            said = {KEEP: "Kept your text", TAKE: "Took the other device's version",
                    MERGE: "Merged the two by paragraph"}[kind]
            self.window.banner.show_message(f"{said}. Every version not kept is in Versions of this piece…",
                                            "info", "conflicts")

    def show_versions(self) -> None:
        path = self._current()
        if path is None or not self._saved_first():
            return
        from quill.ui.library.versions import VersionsDialog

        dialog = VersionsDialog(self.window, self.library, path, self.window.theme, self.window.piece_title())
        opened_on = self.window.document
        dialog.restore_requested.connect(lambda version: self._restore_version(path, version, dialog, opened_on))
        dialog.open()

    def _restore_version(self, path: Path, version, dialog: VersionsDialog, opened_on: object) -> None:  # noqa: ANN001
        if not self._still_open(path, opened_on):
            dialog.reject()
            return
        before = self.library.note_saved(path)
        if self._apply(lambda p: self.library.restore_version(p, version), asked=(path, opened_on)):
            after = self.library.piece(self.window.document.path) if self.window.document else None
            if (before and before.status) != (after and after.status):
                self.finished_changed.emit()  # a finished piece restored to a draft (or back): the baseline moved
            self.window.banner.show_message(
                f"Restored the version of {moment_text(version.taken)}. The text before it was kept as a version.")
            dialog.reload()

    def trash(self) -> None:
        """Move the open piece to the trash. The piece edited last comes onto the page behind the
        library, which opens over it to choose what comes next (keys typed at once went into the
        top of that other piece; a review), or a new draft when none is left. The notice names the
        piece by its title and offers Undo, which brings it back at the writer's place: a blank
        page and a file name alone, gone in seconds, read as the piece having vanished."""
        path = self._current()
        if path is None or not self._saved_first():
            return
        window = self.window
        window.documents.release_journal()
        was = self.library.note_saved(path)  # from the file: the index may not have caught up yet
        try:
            trashed = self.library.trash(path)
        except LibraryError as exc:
            window.documents.resume_journal()
            window.banner.show_message(str(exc), "warning")
            return
        retired = self._history_follows(path, None)
        window.documents.remember_position()  # for Undo: the piece comes back where the writer was
        window.documents.replace(None, "", 0, 0)  # let go of the trashed file first: nothing writes it back
        try:
            self._refresh()  # the index up to date first: a launch's first scan may not have ended
            following = self.library.most_recent()
        except Exception:  # noqa: BLE001 - which piece comes next is a nicety; the trash is done
            log.exception("could not find the piece edited last")
            following = None
        if following is not None and following.path.is_file():
            window.open_path(following.path)
            if self._overlay is None or not self._overlay.isVisible():
                self.show_library()
        self._announce_trashed(path, was, trashed, retired, reopen=True)

    def _announce_trashed(self, path: Path, was: Piece | None, trashed: Path, retired: str | None, *,
                          reopen: bool) -> None:
        """After a piece went to the trash: the voice and history let go of a finished one, and the
        notice names it by its title with an Undo that restores it (``reopen``: onto the page)."""
        if was is not None and was.status == "finished":
            self.finished_changed.emit()  # it no longer counts toward the writer's voice and history
        title = was.title if was is not None and was.title else path.stem
        noted = (path, retired) if retired else None
        self.window.banner.show_message(f"“{title}” is in the trash.", topic="trash",
                                        action=("Undo", lambda: self._restore(trashed, noted, open_it=reopen,
                                                                              original=path)))

    def trash_piece(self, path: Path) -> None:
        """Move the piece at ``path`` to the trash from the library's list: the open piece as
        :meth:`trash` does; any other without touching the page. Undo puts it back in the list."""
        document = self.window.document
        if document is not None and document.path == path:
            self.trash()
        else:
            was = self.library.note_saved(path)
            try:
                trashed = self.library.trash(path)
            except LibraryError as exc:
                self.window.banner.show_message(str(exc), "warning")
                return
            self._announce_trashed(path, was, trashed, self._history_follows(path, None), reopen=False)
        if self._overlay is not None and self._overlay.isVisible():
            self._overlay.refresh()

    def restore_from_trash(self) -> None:
        from quill.ui.shell.picker import PickerItem

        items = [PickerItem(item.title, item.original + (f" · {day_text(item.deleted)}" if item.deleted else ""), item)
                 for item in self.library.trashed()]
        if not items:
            self.window.banner.show_message("The trash is empty.")
            return
        self.window.open_picker("Restore from the trash", items, self._restore, "Type part of a title")

    def _restore(self, trashed: TrashItem | Path, retired: tuple[Path, str] | None = None, *,
                 open_it: bool = True, original: Path | None = None) -> None:
        """Put a trashed piece back (the trash picker's choice, or Undo on the trash notice, which
        knows where its history was kept: ``retired``), with its writing history, and open it.
        Back under another name, because a new piece took its own (``original``), it says so: two
        pieces of one title and a silent rename left the writer to find out which was which."""
        try:
            piece = self.library.restore(trashed)
        except LibraryError as exc:
            self.window.banner.show_message(str(exc), "warning")
            return
        self._history_returns(trashed, piece.path, retired)
        self.window.banner.retract("trash")  # "… is in the trash" is no longer true
        if original is None and isinstance(trashed, TrashItem):
            original = self.library.root.joinpath(*trashed.original.split("/"))
        if original is not None and piece.path != original:
            self.window.banner.show_message(f"“{piece.title}” is back as {piece.path.name}: a new piece has "
                                            f"taken {original.name} since.", topic="trash")
        if piece.status == "finished":
            self.finished_changed.emit()
        if open_it:
            if self._overlay is not None and self._overlay.isVisible():
                self._overlay.dismiss()  # back to writing the piece, as before the trash
            self.window.open_path(piece.path)
        elif self._overlay is not None and self._overlay.isVisible():
            self._overlay.refresh()

    def empty_trash(self) -> None:
        trashed = self.library.trashed()
        count = len(trashed)
        if not count:
            self.window.banner.show_message("The trash is empty.")
            return
        names = [getattr(item, "title", None) or Path(str(getattr(item, "path", item))).stem for item in trashed]
        shown = ", ".join(f"“{n}”" for n in names[:5]) + (f" and {count - 5} more" if count > 5 else "")
        question = (f"Delete {plural(count, 'piece')} in the trash for good: {shown}? "
                    "They cannot be restored afterwards, from Quill or from the trash.")
        if confirm(self.window, "Empty the trash", question, f"Delete {plural(count, 'piece')} for good"):
            try:
                self.library.empty_trash(trashed)  # what the question named, nothing that came since
            except LibraryError as exc:
                self.window.banner.show_message(str(exc), "warning")
                return
            self.window.banner.show_message(f"{plural(count, 'piece')} deleted for good.")


def _moved_cursor(old: str, new: str, cursor: int) -> int:
    """Where the cursor belongs after a change near the top (front matter): shifted by the size change."""
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    if cursor < prefix:
        return cursor
    return max(0, min(len(new), cursor + len(new) - len(old)))


__all__ = ["LibraryController", "ask_choice", "ask_text", "confirm"]
