"""Browse a piece's versions: when each was kept and why, what changed since, and restore one."""

from __future__ import annotations

import html
import re
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QTextBrowser, QWidget

from quill.library.errors import LibraryError
from quill.library.wordiff import WordDiff, space_for_a_break, word_diff
from quill.ui.shell.dialogs import QuillDialog
from quill.ui.shell.fonts import writing_font
from quill.ui.shell.theme import Theme
from quill.wording import moment_text, plural

_BREAKS = re.compile(r"(\n+)")  # a run of line breaks in a changed stretch: one paragraph break

REASONS = {
    "session": "before a writing session",
    "manual": "kept by you",
    "finished": "marked finished",
    "reopened": "reopened as draft",
    "before-restore": "before a restore",
    "conflict": "from a conflict between devices",
    "replaced": "before another piece was saved over it",
    "reloaded": "before another program changed it",
}


def diff_html(diff: WordDiff, theme: Theme) -> str:
    """The comparison as the dialog shows it: prose in the writing font, removed words struck
    through, added words underlined in green, unchanged stretches folded to one line. A changed
    stretch of several paragraphs keeps its line breaks: one added shows as an underlined "¶" and
    starts a new paragraph, one removed as a struck "¶" where the two paragraphs now join."""
    added = "#3f7d4e" if theme.name != "dark" else "#8cc79a"
    removed = theme.warning
    out = []
    for block in diff.blocks:
        if block.kind == "skipped":
            n = block.skipped
            out.append(f"<p style='color:{theme.faint}'>⋯ {n} unchanged line{'s' if n != 1 else ''}</p>")
            continue
        if block.kind == "same" and not block.parts[0][1].strip():
            continue
        paragraphs: list[list[str]] = [[]]
        for index, (op, text) in enumerate(block.parts):
            if op != "=" and space_for_a_break(block.parts, index):
                continue  # the space a paragraph break became, or was replaced by: the "¶" says it
            if op == "+" and index and block.parts[index - 1][0] == "-" and "\n" not in text:
                paragraphs[-1].append(" ")  # "~~cold~~ warm", not "~~cold~~warm"
            if op == "=":
                style = f"color:{theme.faint if block.kind == 'same' else theme.text}"
            elif op == "+":
                style = f"color:{added}; text-decoration: underline"
            else:
                style = f"color:{removed}; text-decoration: line-through"
            for piece in _BREAKS.split(text):
                if not piece:
                    continue
                if piece[0] != "\n":
                    paragraphs[-1].append(f"<span style='{style}'>{html.escape(piece)}</span>")
                    continue
                if op != "=":
                    paragraphs[-1].append(f"<span style='{style}'>¶</span>")
                if op != "-":
                    paragraphs.append([])
        out.extend("<p>" + "".join(spans) + "</p>" for spans in paragraphs if "".join(spans).strip())
    return "".join(out)


class VersionsDialog(QuillDialog):
    """The versions in Quill's own dialog look: dates and reasons on the left, the word-level
    changes from that version to now on the right, in the writing font on the page's colour."""

    restore_requested = Signal(object)  # a quill.library.snapshots.Version

    def __init__(self, parent, library, path: Path, theme: Theme, title: str = "") -> None:  # noqa: ANN001
        super().__init__(parent, f"Versions of {title or path.stem}")
        self.library = library
        self.path = path
        self.theme = theme
        self.setMinimumSize(900, 560)
        self.list = QListWidget(self)
        self.list.setMinimumWidth(300)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setStyleSheet(
            f"QListWidget {{ background: transparent; border: none; outline: none; font-size: 13px; }}"
            f"QListWidget::item {{ color: {theme.text}; padding: 7px 10px; border-radius: 6px; }}"
            f"QListWidget::item:selected {{ background: {theme.selection}; color: {theme.text}; }}"
            + theme.scrollbar_qss())
        self.diff = QTextBrowser(self)
        self.diff.setOpenLinks(False)
        self.diff.setFont(writing_font(13))
        self.diff.setStyleSheet(f"QTextBrowser {{ background: {theme.background}; color: {theme.text}; "
                                f"border: 1px solid {theme.dim}; border-radius: 6px; padding: 10px 14px; }}"
                                + theme.scrollbar_qss(width=8, margin="4px 2px"))
        self.word_diff: WordDiff | None = None
        self.summary = QLabel(self)
        self.summary.setStyleSheet(f"color: {theme.faint}; font-size: 12px;")
        panes = QWidget(self)
        row = QHBoxLayout(panes)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.list, 1)
        row.addWidget(self.diff, 3)
        self.add_body(panes)
        self.layout_.setStretchFactor(panes, 1)
        self.add_body(self.summary)
        self.add_button("Close", accept=False, default=True)
        self.restore_button = self.add_button("Restore this version", accept=False)
        self.restore_button.clicked.disconnect()
        self.restore_button.clicked.connect(self._restore)
        self.list.currentItemChanged.connect(self._show)
        self.reload()
        self.finish_layout()

    def showEvent(self, event) -> None:  # noqa: N802, ANN001
        super().showEvent(event)
        self.list.setFocus()  # ↑/↓ walk the versions at once; Enter still means Close

    def reload(self) -> None:
        self.list.clear()
        for version in self.library.versions(self.path):
            label = f"{moment_text(version.taken)}\n{REASONS.get(version.reason, version.reason)} · " \
                    f"{plural(version.words, 'word')}"
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, version)
            self.list.addItem(item)
        self.restore_button.setEnabled(False)  # until a version that differs from the text is shown
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.diff.setPlainText("No versions yet. Quill keeps one before each writing session, when a piece is "
                                   "finished or reopened, and whenever you ask (Ctrl+Shift+S).")

    def selected(self):  # noqa: ANN201
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _show(self, *_args) -> None:  # noqa: ANN002
        version = self.selected()
        self.restore_button.setEnabled(False)
        if version is None:
            return
        try:
            current = self.library.current_text(self.path)
            then = version.read()
        except (OSError, UnicodeDecodeError, LibraryError) as exc:
            self.diff.setPlainText(f"Quill cannot show this version now: {exc}")
            self.summary.setText("")
            return
        diff = self.word_diff = word_diff(then, current)
        # restoring the text as it already is would only add a version: nothing to restore
        self.restore_button.setEnabled(not diff.unchanged)
        if diff.unchanged:
            self.diff.setPlainText("This version is the same as the text now.")
            self.summary.setText("")
            return
        self.diff.setHtml(diff_html(diff, self.theme))
        changes = [f"{plural(count, 'word')} {what}" for count, what in
                   ((diff.words_added, "added"), (diff.words_removed, "removed")) if count]
        said = ", ".join(changes) or "only spacing and punctuation changed"
        self.summary.setText(f"From this version to now: {said}.")

    def _restore(self) -> None:
        version = self.selected()
        if version is not None:
            self.restore_requested.emit(version)
