""""Import writing…" in the window: choose an archive, see what it holds, import it with a progress bar.

The work is :mod:`quill.importer`'s (the same code as ``quill import``); this controller only
asks, shows and waits. Reading and planning run off the GUI thread and write nothing; the
writer then sees the summary (N pieces, by year, anything skipped and why) and decides;
writing runs off the GUI thread too, with a progress bar and a Cancel button that stops
between pieces, keeping what was finished. Afterwards the library is rescanned and the
voice baseline and history are told that the finished pieces changed.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QWidget,
)

from quill.importer.model import ImportCancelled, ImportFailed, ImportOptions
from quill.importer.run import ImportReport, plan_import, restyle, statuses_as_read
from quill.importer.writer import Plan, execute
from quill.storage.atomic import SaveError
from quill.ui.shell.placement import PageFollower, box_across
from quill.wording import plural

if TYPE_CHECKING:
    from quill.ui.library.controller import LibraryController


def choose_source(parent: QWidget) -> Path | None:
    """The export to import: a zip or export file, or a folder. Tests replace this function."""
    from quill.ui.shell.dialogs import QuillDialog, _label

    dialog = QuillDialog(parent, "Import writing")
    dialog.add_body(_label("Import a published archive: a Substack, Ghost, WordPress or Medium export, "
                           "or a folder of markdown or HTML files."))
    choice: list[str] = []
    dialog.add_button("Cancel", accept=False, default=True)
    for kind, label in (("file", "A zip or export file…"), ("folder", "A folder…")):
        button = dialog.add_button(label, accept=True)
        button.clicked.connect(lambda _checked=False, k=kind: choice.append(k))
    dialog.finish_layout()
    dialog.exec()
    if choice[-1:] == ["file"]:
        path, _ = QFileDialog.getOpenFileName(parent, "Import writing: the export", str(Path.home()),
                                              "Exports (*.zip *.json *.xml);;All files (*)")
        return Path(path) if path else None
    if choice[-1:] == ["folder"]:
        path = QFileDialog.getExistingDirectory(parent, "Import writing: the folder", str(Path.home()))
        return Path(path) if path else None
    return None


#: how the window offers the command line's --as: (label, status) with "" for the archive's own
STATUS_CHOICES = (("as the archive says", ""), ("all finished", "finished"), ("all drafts", "draft"))


def dialog_summary(summary: str) -> str:
    """The command line's summary as the dialog shows it: its year rows ("  2021      1"), aligned for
    a fixed-width terminal and ragged in the dialog's font (a review), as one line, "By year: 2021 (1)
    · undated (4)"; skipped files as a short list."""
    lines, years = [], []
    for line in summary.splitlines():
        parts = line.split()
        if line.startswith("  ") and len(parts) == 2 and (parts[0].isdigit() or parts[0] == "undated") \
                and parts[1].replace(",", "").isdigit():
            years.append(f"{parts[0]} ({parts[1]})")
            continue
        if years:
            lines.append("By year: " + " · ".join(years))
            years = []
        lines.append("• " + line.strip() if line.startswith("  ") else line)
    if years:
        lines.append("By year: " + " · ".join(years))
    return "\n".join(lines)


def confirm_import(parent: QWidget, summary: str, collection: str) -> tuple[str, str] | None:
    """Having seen the summary: go ahead into which collection, marked how — or None for not now.

    The command line's --collection and --as, in the window. Enter keeps the safe answer (Not
    now); Import must be chosen. Tests replace this function.
    """
    from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLineEdit, QWidget

    from quill.ui.editor.editor import NO_PREDICTION_HINTS
    from quill.ui.shell.dialogs import QuillDialog, _label

    dialog = QuillDialog(parent, "Import writing")
    dialog.add_body(_label(dialog_summary(summary)))
    form = QWidget()
    rows = QFormLayout(form)
    rows.setContentsMargins(0, 4, 0, 0)
    rows.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    folder = QLineEdit(collection)
    folder.setObjectName("collection")
    folder.setPlaceholderText("the library's top folder")
    folder.setInputMethodHints(NO_PREDICTION_HINTS)
    rows.addRow("Into the collection", folder)
    status = QComboBox()
    status.setObjectName("status")
    for label, _value in STATUS_CHOICES:
        status.addItem(label)
    rows.addRow("Mark the pieces", status)
    dialog.add_body(form)
    dialog.add_button("Not now", accept=False, default=True)
    dialog.add_button("Import", accept=True)
    dialog.finish_layout()
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return folder.text().strip().strip("/"), STATUS_CHOICES[status.currentIndex()][1]


class ImportProgress(QFrame):
    """A slim bar at the foot of the page: what is happening, how far, and Cancel."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("importProgress")
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(6)
        self.cancel = QPushButton("Cancel", self)
        self.cancel.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cancel.clicked.connect(self.cancel_requested.emit)
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 8, 10, 8)
        row.addWidget(self.label)
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel)
        self._follower = PageFollower(self, self.place)
        self.hide()

    def show_busy(self, text: str) -> None:
        self.label.setText(text)
        self.bar.setRange(0, 0)
        self.place()
        self.show()
        self.raise_()

    def show_count(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self.label.setText(f"Importing {done:,} of {total:,}")

    def place(self) -> None:
        parent = self.parentWidget()
        left, width = box_across(parent, 560, 240, margin=60)
        self.setGeometry(left, parent.height() - 64, width, 44)


class ImportController(QObject):
    """Runs one import at a time for the window. ``done(report or None)`` when it ends, however it ends."""

    done = Signal(object)
    _planned = Signal(object)  # Plan | Exception, from the worker
    _progress = Signal(int, int)
    _reading = Signal(int, int)
    _written = Signal(object)  # (ImportReport | Exception)

    def __init__(self, library: LibraryController) -> None:
        super().__init__(library)
        self.library = library
        self.window = library.window
        self.progress = ImportProgress(self.window.centralWidget())
        self.progress.cancel_requested.connect(self.cancel)
        self._thread: threading.Thread | None = None
        self._cancel = False
        self._source: Path | None = None
        self._planned.connect(self._on_planned, Qt.ConnectionType.QueuedConnection)
        self._progress.connect(self.progress.show_count, Qt.ConnectionType.QueuedConnection)
        self._written.connect(self._on_written, Qt.ConnectionType.QueuedConnection)
        self._reading.connect(self._on_reading, Qt.ConnectionType.QueuedConnection)

    @property
    def busy(self) -> bool:
        return self._thread is not None and self._thread.is_alive() or self.progress.isVisible()

    def start(self, source: Path | None = None) -> None:
        """Ask for the archive (unless given), then read and plan it off the GUI thread."""
        if self.busy:
            self.window.banner.show_message("An import is already running.")
            return
        source = source if source is not None else choose_source(self.window)
        if source is None:
            return
        self._source = Path(source)
        self._cancel = False
        self.window.banner.retract("import")  # the last import's failure is over (it outlived a good retry)
        root = self.library.library.root
        self.progress.cancel.setEnabled(True)
        self.progress.show_busy(f"Reading {self._source.name}…")
        options = ImportOptions(cancelled=lambda: self._cancel,
                                reading=lambda d, t: self._reading.emit(d, t) if d % 10 == 0 else None)

        def work() -> None:
            try:
                result: object = plan_import(self._source, root, options)
            except (ImportFailed, OSError, ImportCancelled) as exc:
                result = exc
            except Exception as exc:  # noqa: BLE001 - a plain message rather than a dead worker
                result = ImportFailed(f"Quill could not read {self._source.name}: {exc}")
            self._planned.emit(result)

        self._thread = threading.Thread(target=work, name="quill-import", daemon=True)
        self._thread.start()

    def _on_reading(self, done: int, total: int) -> None:
        if self._cancel or not self.progress.isVisible():
            return
        self.progress.bar.setRange(0, max(total, 1))
        self.progress.bar.setValue(done)
        self.progress.label.setText(f"Reading {done:,} of {total:,}")

    def _on_planned(self, result: object) -> None:
        if isinstance(result, ImportCancelled):
            self.progress.hide()
            self.window.banner.show_message("Import cancelled; nothing was written.")
            self.done.emit(None)
            return
        if isinstance(result, Exception):
            self.progress.hide()
            self.window.banner.show_message(str(result), "warning", topic="import")
            self.done.emit(None)
            return
        assert isinstance(result, Plan) and self._source is not None
        report = ImportReport(self._source, result)
        summary = "\n".join(report.summary())
        if not result.new:
            self.progress.hide()
            self.window.banner.show_message(summary.split("\n")[0] + ". Nothing new to import.")
            self.done.emit(report)
            return
        self.progress.hide()
        read_as = statuses_as_read(result)
        choice = confirm_import(self.window, summary, result.collection)
        if choice is None:
            self.done.emit(None)
            return
        collection, as_status = choice
        self.progress.cancel.setEnabled(True)
        self.progress.show_busy("Importing…")
        self.progress.show_count(0, len(result.new))
        library = self.library.library

        def work() -> None:
            plan = result
            try:
                if (collection, as_status) != (result.collection, ""):
                    plan = report.plan = restyle(result, collection, as_status, read_as)  # no second read
                outcome = execute(plan, lambda d, t: self._progress.emit(d, t), lambda: self._cancel)
                report.written, report.cancelled = outcome.written, outcome.cancelled
                library.refresh_changed()  # list, search and the baseline see the new pieces at once
                self._written.emit(report)
            except (SaveError, OSError, ImportFailed) as exc:
                self._written.emit(exc)

        self._thread = threading.Thread(target=work, name="quill-import", daemon=True)
        self._thread.start()

    def cancel(self) -> None:
        self._cancel = True
        self.progress.label.setText("Stopping after this piece…")

    def _on_written(self, result: object) -> None:
        self.progress.hide()
        if isinstance(result, Exception):
            self.window.banner.show_message(f"{result} Pieces written before this stay in the library.", "warning",
                                            topic="import")
            self.done.emit(None)
            self.library.finished_changed.emit()
            return
        assert isinstance(result, ImportReport)
        by_year = result.plan.by_year()
        years = [y for y in by_year if y != "undated"]
        span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (years[0] if years else "")
        undated = by_year.get("undated", 0)
        if years and undated:
            span += f"; {undated:,} undated"  # "(2021)" over five pieces, four of them undated, said too much
        span = f" ({span})" if span else ""
        if result.cancelled:
            message = f"Import stopped: {plural(len(result.written), 'piece')} kept{span}. Import again for the rest."
        else:
            where = result.plan.collection or "your library"
            message = f"Imported {plural(len(result.written), 'piece')}{span} into {where}."
        skipped = len(result.plan.skipped)
        if skipped:
            message += f" {skipped:,} skipped."
        self.window.banner.show_message(message, topic="import")
        if self.library.overlay_shown():
            self.library.overlay.refresh()
        self.library.finished_changed.emit()  # the voice baseline and the history follow
        self.done.emit(result)

    def shutdown(self) -> None:
        """Stop between pieces and wait, so quitting never leaves half a piece (each file is atomic anyway)."""
        self._cancel = True
        if self._thread is not None:
            self._thread.join(timeout=30)
