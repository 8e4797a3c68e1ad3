"""Browse a piece's versions: when each was kept and why, what changed since, and restore one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
)

from quill.ui.shell.fonts import code_families
from quill.ui.shell.theme import Theme

REASONS = {
    "session": "before a writing session",
    "manual": "kept by you",
    "finished": "marked finished",
    "reopened": "reopened as draft",
    "before-restore": "before a restore",
}


class _DiffHighlighter(QSyntaxHighlighter):
    def __init__(self, document, theme: Theme) -> None:  # noqa: ANN001
        super().__init__(document)
        self.added = QTextCharFormat()
        self.added.setForeground(QColor("#3f7d4e" if theme.name != "dark" else "#8cc79a"))
        self.removed = QTextCharFormat()
        self.removed.setForeground(theme.color("warning"))
        self.meta = QTextCharFormat()
        self.meta.setForeground(theme.color("faint"))

    def highlightBlock(self, text: str) -> None:  # noqa: N802
        if text.startswith(("+++", "---", "@@")):
            self.setFormat(0, len(text), self.meta)
        elif text.startswith("+"):
            self.setFormat(0, len(text), self.added)
        elif text.startswith("-"):
            self.setFormat(0, len(text), self.removed)


class VersionsDialog(QDialog):
    restore_requested = Signal(object)  # a quill.library.snapshots.Version

    def __init__(self, parent, library, path: Path, theme: Theme) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.library = library
        self.path = path
        self.setWindowTitle(f"Versions of {path.stem}")
        self.resize(980, 620)
        self.list = QListWidget(self)
        self.list.setMinimumWidth(280)
        self.diff = QPlainTextEdit(self)
        self.diff.setReadOnly(True)
        font = QFont()
        font.setFamilies(code_families())
        font.setPointSize(10)
        self.diff.setFont(font)
        self.diff.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self._highlighter = _DiffHighlighter(self.diff.document(), theme)
        self.summary = QLabel(self)
        self.buttons = QDialogButtonBox(self)
        self.restore_button = self.buttons.addButton("Restore this version", QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._restore)
        panes = QHBoxLayout()
        panes.addWidget(self.list, 1)
        panes.addWidget(self.diff, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(panes, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.setPalette(theme.palette())
        self.list.currentItemChanged.connect(self._show)
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        for version in self.library.versions(self.path):
            label = f"{version.taken:%d %b %Y, %H:%M}\n{REASONS.get(version.reason, version.reason)} · " \
                    f"{version.words:,} words"
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, version)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.diff.setPlainText("No versions yet. Quill keeps one before each writing session, when a piece is "
                                   "finished or reopened, and whenever you ask (Ctrl+Shift+S).")
        self.restore_button.setEnabled(self.list.count() > 0)

    def selected(self):  # noqa: ANN201
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _show(self, *_args) -> None:  # noqa: ANN002
        version = self.selected()
        if version is None:
            return
        diff = self.library.diff(self.path, version)
        self.diff.setPlainText(diff or "This version is the same as the text now.")
        added = sum(1 for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++"))
        removed = sum(1 for line in diff.splitlines() if line.startswith("-") and not line.startswith("---"))
        self.summary.setText(f"From this version to now: {added} line(s) added, {removed} removed.")

    def _restore(self) -> None:
        version = self.selected()
        if version is not None:
            self.restore_requested.emit(version)
