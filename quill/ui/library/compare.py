"""Versions from other devices: compare the writer's text with a sync engine's conflict copy, side by
side and word by word, and settle it: keep mine, take theirs, or take paragraphs from either.

Why a dialog of its own (not the versions dialog): a conflict copy is a whole second draft written
somewhere else, not an older state of this one; the writer needs both side by side and a merge by
paragraph. The rules (what is kept where) live in :mod:`quill.library.sync_conflicts` and
:meth:`Library.resolve_conflicts`: whatever is not kept becomes a version of the piece.

Keys: Ctrl+PgDown / Ctrl+PgUp the next / previous copy; in the list of differing paragraphs, ←
takes mine, → takes theirs, B both; Ctrl+Return settles as chosen; Esc leaves everything as it is.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QTextBrowser, QWidget

from quill.library.sync_conflicts import BOTH, MINE, THEIRS, ConflictCopy, Stretch, merge, stretches
from quill.library.wordiff import word_diff
from quill.ui.shell.dialogs import QuillDialog, _theme_of
from quill.ui.shell.theme import Theme

KEEP, TAKE, MERGE = "keep", "take", "merge"
_CHOICE_WORDS = {MINE: "yours", THEIRS: "theirs", BOTH: "both"}


def side_html(text_a: str, text_b: str, side: str, theme: Theme) -> str:
    """One side of the comparison: ``side`` "-" shows ``text_a`` with the words only it has marked,
    "+" shows ``text_b`` with the words only it has marked."""
    mark = theme.warning if side == "-" else ("#3f7d4e" if theme.name != "dark" else "#8cc79a")
    out = []
    for block in word_diff(text_a, text_b, context=10**9).blocks:
        spans = []
        for op, text in block.parts:
            if op == "=":
                spans.append(f"<span style='color:{theme.text}'>{html.escape(text)}</span>")
            elif op == side:
                spans.append(f"<span style='color:{mark}; text-decoration: underline'>{html.escape(text)}</span>")
        if spans or block.kind == "same":
            out.append("<p>" + ("".join(spans) or "&nbsp;") + "</p>")
    return "".join(out)


def _first_words(paragraphs: list[str], limit: int = 60) -> str:
    text = " ".join(p.strip() for p in paragraphs if p.strip()) or "(nothing)"
    return text if len(text) <= limit else text[: limit - 1] + "…"


class CompareDialog(QuillDialog):
    """The writer's text and each conflict copy side by side; ``outcome`` says what was chosen."""

    def __init__(self, parent: QWidget | None, piece: Path, mine: str, copies: list[tuple[ConflictCopy, str]]) -> None:
        count = len(copies)
        super().__init__(parent, f"{count} version{'s' if count != 1 else ''} from other devices")
        self.setMinimumWidth(900)
        self.piece, self.mine, self.copies = piece, mine, copies
        self.index = 0
        self.choices: dict[int, str] = {}
        self.parts: list[Stretch] = []
        self.outcome: tuple[str, str] | None = None  # (KEEP/TAKE/MERGE, the text to keep)
        self.theme = _theme_of(parent)
        self.heading = QLabel()
        self.add_body(self.heading)
        sides = QWidget()
        row = QHBoxLayout(sides)
        row.setContentsMargins(0, 0, 0, 0)
        self.left, self.right = QTextBrowser(), QTextBrowser()
        for browser in (self.left, self.right):
            browser.setMinimumHeight(260)
            browser.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            browser.setStyleSheet(f"QTextBrowser {{ background: {self.theme.background}; border: 1px solid "
                                  f"{self.theme.dim}; border-radius: 6px; padding: 6px; }}")
            row.addWidget(browser)
        self.add_body(sides)
        self.add_body(QLabel("Paragraphs that differ (← yours, → theirs, B both):"))
        self.paragraphs = QListWidget()
        self.paragraphs.setMinimumHeight(120)
        self.paragraphs.installEventFilter(self)
        self.add_body(self.paragraphs)
        self.add_button("Later", accept=False, default=True)
        self.keep_button = self.add_button("Keep mine", accept=False)
        self.take_button = self.add_button("Take theirs", accept=False)
        self.merge_button = self.add_button("Merge as chosen (Ctrl+Enter)", accept=False)
        for button, kind in ((self.keep_button, KEEP), (self.take_button, TAKE), (self.merge_button, MERGE)):
            button.clicked.disconnect()
            button.clicked.connect(lambda _checked=False, k=kind: self.settle(k))
        QShortcut(QKeySequence("Ctrl+Return"), self, lambda: self.settle(MERGE))
        QShortcut(QKeySequence("Ctrl+PgDown"), self, lambda: self.show_copy(self.index + 1))
        QShortcut(QKeySequence("Ctrl+PgUp"), self, lambda: self.show_copy(self.index - 1))
        self.finish_layout()
        self.show_copy(0)
        self.paragraphs.setFocus()

    # -- showing ------------------------------------------------------------------------------------
    def show_copy(self, index: int) -> None:
        self.index = index % len(self.copies)
        copy, theirs = self.copies[self.index]
        self.heading.setText(f"{self.piece.name}: yours (left) and {copy.path.name} — {copy.label()} (right)"
                             + (f"   [{self.index + 1} of {len(self.copies)}, Ctrl+PgDown for the next]"
                                if len(self.copies) > 1 else ""))
        self.left.setHtml(side_html(self.mine, theirs, "-", self.theme))
        self.right.setHtml(side_html(self.mine, theirs, "+", self.theme))
        self.parts = stretches(self.mine, theirs)
        self.choices = {}
        self.paragraphs.clear()
        for i, part in enumerate(self.parts):
            if part.differs:
                item = QListWidgetItem()
                item.setData(Qt.ItemDataRole.UserRole, i)
                self.paragraphs.addItem(item)
                self._label_item(item)
        if self.paragraphs.count():
            self.paragraphs.setCurrentRow(0)

    def _label_item(self, item: QListWidgetItem) -> None:
        i = item.data(Qt.ItemDataRole.UserRole)
        part = self.parts[i]
        choice = self.choices.get(i, MINE)
        item.setText(f"[{_CHOICE_WORDS[choice]}]  yours: {_first_words(part.mine)}   ·   theirs: "
                     f"{_first_words(part.theirs or [])}")

    def choose(self, row: int, choice: str) -> None:
        item = self.paragraphs.item(row)
        if item is None:
            return
        self.choices[item.data(Qt.ItemDataRole.UserRole)] = choice
        self._label_item(item)

    def merged_text(self) -> str:
        return merge(self.parts, self.choices)

    # -- keys and settling -------------------------------------------------------------------------------
    def eventFilter(self, watched, event) -> bool:  # noqa: ANN001, N802 - Qt's signature
        if watched is self.paragraphs and event.type() == event.Type.KeyPress:
            key = event.key()
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                # the list would take these for itself before any shortcut saw them
                action = {Qt.Key.Key_Return: lambda: self.settle(MERGE), Qt.Key.Key_Enter: lambda: self.settle(MERGE),
                          Qt.Key.Key_PageDown: lambda: self.show_copy(self.index + 1),
                          Qt.Key.Key_PageUp: lambda: self.show_copy(self.index - 1)}.get(key)
                if action is not None:
                    action()
                    return True
            choice = {Qt.Key.Key_Left: MINE, Qt.Key.Key_Right: THEIRS, Qt.Key.Key_B: BOTH}.get(key)
            if choice is not None and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.choose(self.paragraphs.currentRow(), choice)
                return True
        return super().eventFilter(watched, event)

    def settle(self, kind: str) -> None:
        theirs = self.copies[self.index][1]
        text = {KEEP: self.mine, TAKE: theirs, MERGE: self.merged_text()}[kind]
        self.outcome = (kind, text)
        self.accept()


__all__ = ["KEEP", "MERGE", "TAKE", "CompareDialog", "side_html"]
