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
import math
from pathlib import Path

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence, QPainter, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextBrowser,
    QWidget,
)

from quill.library.sync_conflicts import BOTH, MINE, THEIRS, ConflictCopy, Stretch, merge, stretches
from quill.library.wordiff import space_for_a_break, word_diff
from quill.ui.shell.dialogs import QuillDialog, _theme_of
from quill.ui.shell.fonts import writing_font
from quill.ui.shell.theme import Theme

KEEP, TAKE, MERGE = "keep", "take", "merge"
_CHOICE_WORDS = {MINE: "yours", THEIRS: "theirs", BOTH: "both"}
_ROW_CHARS = 190  # of each side's paragraphs in a row of the list: three lines or so, then "…"


def side_html(text_a: str, text_b: str, side: str, theme: Theme) -> str:
    """One side of the comparison: ``side`` "-" shows ``text_a`` with the words only it has marked,
    "+" shows ``text_b`` with the words only it has marked."""
    mark = theme.warning if side == "-" else ("#3f7d4e" if theme.name != "dark" else "#8cc79a")
    out = []
    for block in word_diff(text_a, text_b, context=10**9).blocks:
        paragraphs: list[list[str]] = [[]]
        for index, (op, text) in enumerate(block.parts):
            if op != "=" and op != side:
                continue
            # the space a paragraph break took the place of (or gave way to) is this side's text,
            # not a change worth marking
            plain = op == "=" or space_for_a_break(block.parts, index)
            style = f"color:{theme.text}" if plain else f"color:{mark}; text-decoration: underline"
            for line_number, line in enumerate(text.split("\n")):  # a changed stretch keeps its breaks
                if line_number:
                    paragraphs.append([])
                if line:
                    paragraphs[-1].append(f"<span style='{style}'>{html.escape(line)}</span>")
        # A blank line is the space between two paragraphs, which the margin already draws: shown
        # as an empty paragraph of its own it doubled every gap.
        out.extend("<p style='line-height: 125%; margin-bottom: 12px'>" + "".join(spans) + "</p>"
                   for spans in paragraphs if spans)
    return "".join(out)


def _first_words(paragraphs: list[str], limit: int = 60) -> str:
    text = " ".join(p.strip() for p in paragraphs if p.strip()) or "(nothing)"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _pane_point_size(parent: QWidget | None) -> int:
    """The writer's text size in the editor, a little smaller: each pane is half a page wide."""
    editor = getattr(parent.window(), "editor", None) if parent is not None else None
    size = editor.font().pointSize() if editor is not None else 14
    return max(11, round(size * 0.78))


class ElidedLabel(QLabel):
    """A one-line label that shortens itself with "…" to the room it has, the whole text in its
    tooltip: a piece or copy name is often longer than the dialog is wide."""

    def __init__(self, text: str = "", mode: Qt.TextElideMode = Qt.TextElideMode.ElideMiddle) -> None:
        super().__init__()
        self.mode = mode
        self.full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(40)
        self.set_full_text(text)

    def set_full_text(self, text: str, tooltip: str | None = None) -> None:
        self.full = text
        self.setToolTip(tooltip if tooltip is not None else text)
        self._elide()

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's signature
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = self.width() if self.width() > 0 else 10**6
        super().setText(QFontMetrics(self.font()).elidedText(self.full, self.mode, width))

    def is_elided(self) -> bool:
        return self.text() != self.full


class _StretchDelegate(QStyledItemDelegate):
    """Draws a differing stretch as a row of two columns (yours, theirs), wrapped over a few lines
    in the writing font, the side or sides chosen tinted and the other dimmed."""

    def __init__(self, dialog: CompareDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog

    def document(self, index: QModelIndex, width: int) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(self.dialog.row_font)
        doc.setDocumentMargin(6)
        doc.setHtml(self.dialog.row_html(index.data(Qt.ItemDataRole.UserRole)))
        doc.setTextWidth(max(width, 200))
        return doc

    def _width(self) -> int:
        return self.dialog.paragraphs.viewport().width() - 8

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        width = self._width()
        return QSize(width, math.ceil(self.document(index, width).size().height()) + 8)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        theme = self.dialog.theme
        painter.save()
        rect: QRect = option.rect
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, theme.color("selection", 110))
            painter.fillRect(QRect(rect.left(), rect.top() + 3, 3, rect.height() - 6), theme.color("accent"))
        painter.setPen(theme.color("dim", 90))
        painter.drawLine(rect.left() + 6, rect.bottom(), rect.right() - 6, rect.bottom())
        painter.translate(rect.left() + 6, rect.top() + 4)
        self.document(index, rect.width() - 8).drawContents(painter)
        painter.restore()


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
        self.theme = t = _theme_of(parent)
        scrollbar = t.scrollbar_qss(width=8, margin="4px 2px")
        size = _pane_point_size(parent)
        self.pane_font = writing_font(size)
        self.row_font = writing_font(max(10, size - 2))

        self.title = ElidedLabel()
        title_font = writing_font(size + 2)
        title_font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(title_font)
        self.title.set_full_text(piece.stem, str(piece))
        self.add_body(self.title)

        sides = QWidget()
        grid = QGridLayout(sides)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        caption_style = f"color: {t.faint}; font-size: 12px;"
        self.mine_caption = ElidedLabel("Yours, on this computer", Qt.TextElideMode.ElideRight)
        self.heading = ElidedLabel("", Qt.TextElideMode.ElideRight)  # the copy: engine, device, time
        self.counter = QLabel()
        for label in (self.mine_caption, self.heading, self.counter):
            label.setStyleSheet(caption_style)
        grid.addWidget(self.mine_caption, 0, 0)
        grid.addWidget(self.heading, 0, 1)
        self.left, self.right = QTextBrowser(), QTextBrowser()
        for column, browser in enumerate((self.left, self.right)):
            browser.setMinimumHeight(240)
            browser.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            browser.setFont(self.pane_font)
            browser.document().setDefaultFont(self.pane_font)
            browser.document().setDocumentMargin(14)
            browser.setPalette(t.palette())
            browser.setStyleSheet(f"QTextBrowser {{ background: {t.background}; color: {t.text}; "
                                  f"border: 1px solid {t.dim}; border-radius: 6px; "
                                  f"selection-background-color: {t.selection}; }} {scrollbar}")
            grid.addWidget(browser, 1, column)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.add_body(sides)
        self.layout_.setStretchFactor(sides, 3)  # the drafts get the room; the list of differences less

        hint = QLabel("Paragraphs that differ  ·  ← keep yours   → take theirs   B both   "
                      "Ctrl+Enter merge as chosen")
        hint.setStyleSheet(caption_style)
        self.add_body(hint)
        self.paragraphs = QListWidget()
        self.paragraphs.setItemDelegate(_StretchDelegate(self))
        self.paragraphs.setWordWrap(True)
        self.paragraphs.setUniformItemSizes(False)
        self.paragraphs.setResizeMode(QListView.ResizeMode.Adjust)
        self.paragraphs.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.paragraphs.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.paragraphs.setMinimumHeight(170)
        self.paragraphs.setPalette(t.palette())
        self.paragraphs.setStyleSheet(f"QListWidget {{ background: {t.background}; border: 1px solid {t.dim}; "
                                      "border-radius: 6px; outline: none; } " + scrollbar)
        self.paragraphs.installEventFilter(self)
        self.add_body(self.paragraphs)
        self.layout_.setStretchFactor(self.paragraphs, 2)
        self.buttons.insertWidget(0, self.counter)
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
        self.show_copy(0)
        self.finish_layout()
        self._fit_to(parent)
        self.paragraphs.setFocus()

    def _fit_to(self, parent: QWidget | None) -> None:
        """Most of the window: two drafts side by side want room (and never less than 900 × 600)."""
        window = parent.window() if parent is not None else None
        if window is None:
            return
        width = max(900, min(1200, round(window.width() * 0.9)))
        height = max(600, min(900, round(window.height() * 0.88)))
        self.resize(width, height)
        top_left = window.mapToGlobal(window.rect().topLeft())
        self.move(top_left.x() + (window.width() - width) // 2, top_left.y() + max((window.height() - height) // 2, 0))

    # -- showing ------------------------------------------------------------------------------------
    def show_copy(self, index: int) -> None:
        self.index = index % len(self.copies)
        copy, theirs = self.copies[self.index]
        self.heading.set_full_text(f"Theirs: {copy.label()}", f"{copy.path.name}\n{copy.label()}")
        self.counter.setText(f"{self.index + 1} of {len(self.copies)}  ·  Ctrl+PgDown the next"
                             if len(self.copies) > 1 else "")
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
        """The row's plain text (what a screen reader says; the delegate draws the row itself)."""
        i = item.data(Qt.ItemDataRole.UserRole)
        part = self.parts[i]
        choice = self.choices.get(i, MINE)
        item.setText(f"[{_CHOICE_WORDS[choice]}]  yours: {_first_words(part.mine)}   ·   theirs: "
                     f"{_first_words(part.theirs or [])}")
        item.setToolTip("← keep yours   → take theirs   B both")

    def row_html(self, i: int) -> str:
        """A differing stretch as two columns, the chosen side(s) tinted, the other dimmed."""
        t, part = self.theme, self.parts[i]
        choice = self.choices.get(i, MINE)
        cells = []
        for side, paragraphs, word in ((MINE, part.mine, "Yours"), (THEIRS, part.theirs or [], "Theirs")):
            chosen = choice in (side, BOTH)
            text = _first_words(paragraphs, _ROW_CHARS)
            label = f"{word.upper()}{' ✓' if chosen else ''}"
            colour = t.text if chosen else t.faint
            background = f" bgcolor='{t.panel_background}'" if chosen else ""
            cells.append(f"<td width='50%'{background} style='padding: 4px 8px'>"
                         f"<span style='color:{t.accent if chosen else t.faint}; font-size: small; "
                         f"letter-spacing: 1px'>{label}</span><br>"
                         f"<span style='color:{colour}'>{html.escape(text)}</span></td>")
        return f"<table width='100%' cellspacing='0' cellpadding='0'><tr>{''.join(cells)}</tr></table>"

    def choose(self, row: int, choice: str) -> None:
        item = self.paragraphs.item(row)
        if item is None:
            return
        self.choices[item.data(Qt.ItemDataRole.UserRole)] = choice
        self._label_item(item)
        self.paragraphs.viewport().update()

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


__all__ = ["KEEP", "MERGE", "TAKE", "CompareDialog", "ElidedLabel", "side_html"]
