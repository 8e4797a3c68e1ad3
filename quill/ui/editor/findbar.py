"""Find and replace in a minimal bar at the foot of the page (Ctrl+F, Ctrl+H)."""

from __future__ import annotations

import bisect
import re

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from quill.graphemes import EXTEND
from quill.ui.editor.editor import NO_PREDICTION_HINTS, WritingEditor
from quill.ui.shell.theme import Theme

MAX_MARKED = 2000  # hits painted at once; every hit is counted and reached
MAX_COUNTED = 100_000
REFRESH_AFTER_EDIT_MS = 250  # a pause in typing, not each key: a search of 100k words takes a few ms


def hits_pattern(query: str, *, match_case: bool = False, whole_words: bool = False) -> re.Pattern[str]:
    """What Find looks for: ``query`` (in any case unless ``match_case``), as whole characters. A
    hit never ends before a combining mark or a joiner that belongs to its last letter (``cafe`` is
    not found in ``café`` typed as ``e`` + U+0301: replacing it left the accent on the replacement's
    last letter), nor starts on a character joined to the one before it (one person of a family
    emoji). An accented letter is found however either side spells it, composed (``é``) or as its
    letter and a combining mark (files from macOS): a review found ``café`` missed in one of them.
    ``whole_words``: not inside a longer word ("rain" is not found in "train" or "Rainy")."""
    import unicodedata  # here, not at the top: the first window waits for no module it does not use

    parts = []
    for char in unicodedata.normalize("NFC", query):
        spelled = unicodedata.normalize("NFD", char)
        parts.append(re.escape(char) if spelled == char else f"(?:{re.escape(char)}|{re.escape(spelled)})")
    body = "".join(parts)
    if whole_words and query:
        if _WORD_CHAR.match(query[0]):
            body = rf"(?<![\w{EXTEND}])" + body
        if _WORD_CHAR.match(query[-1]):
            body += r"(?!\w)"
    return re.compile(f"(?<!\u200d){body}(?![{EXTEND}])", 0 if match_case else re.IGNORECASE)


_WORD_CHAR = re.compile(r"\w")


def cased_like(hit: str, replacement: str) -> str:
    """``replacement`` in the case of the ``hit`` it takes the place of, when Find ignored case and
    the writer typed the replacement in lower case: "Rain again" and "RAIN" with "snow" become
    "Snow again" and "SNOW", not "snow again" (a review found capitals lost at sentence starts).
    A replacement with capitals of its own is put in as typed."""
    if not replacement or replacement != replacement.lower() or not any(c.isalpha() for c in hit):
        return replacement
    letters = [c for c in hit if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if letters[0].isupper():
        return replacement[0].upper() + replacement[1:]
    return replacement


def _moved_point(point: int, spans: list[tuple[int, int]], length: int) -> int:
    """Where code-point offset ``point`` is once each of ``spans`` holds ``length`` characters
    (inside a replaced hit: just after its replacement)."""
    shift = 0
    for start, end in spans:
        if end <= point:
            shift += length - (end - start)
        elif start < point:
            return start + shift + length
        else:
            break
    return point + shift


class FindBar(QWidget):
    closed = Signal()

    def __init__(self, editor: WritingEditor, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.editor = editor
        self.find_field = QLineEdit(self)
        self.find_field.setPlaceholderText("Find")
        self.replace_field = QLineEdit(self)
        self.replace_field.setPlaceholderText("Replace with")
        for field in (self.find_field, self.replace_field):
            field.setInputMethodHints(NO_PREDICTION_HINTS)
            field.installEventFilter(self)
        self.count_label = QLabel(self)  # "3 of 12", "No matches": which hit is selected, of how many
        self.count_label.setObjectName("findCount")
        self._matches: list[tuple[int, int]] = []  # code-point spans into the editor's raw text
        #: how Find matches: case, and whole words only (off: any case, inside words too)
        self.case_button = QPushButton("Aa", self)
        self.case_button.setToolTip("Match case: off, “rain” also finds “Rain” and a replacement takes each "
                                    "hit's capitals")
        self.words_button = QPushButton("Whole words", self)
        self.words_button.setToolTip("Whole words only: “rain” is not found in “train” or “rainy”")
        for toggle in (self.case_button, self.words_button):
            toggle.setObjectName("findOption")
            toggle.setCheckable(True)
            toggle.setFlat(True)
            toggle.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            toggle.setCursor(Qt.CursorShape.PointingHandCursor)
            toggle.toggled.connect(self._on_options_changed)
        self.replace_button = QPushButton("Replace", self)
        self.replace_all_button = QPushButton("Replace all", self)
        for button in (self.replace_button, self.replace_all_button):
            button.setFlat(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        self._layout = layout
        layout.addStretch(1)
        layout.addWidget(self.find_field, 3)
        layout.addWidget(self.case_button)
        layout.addWidget(self.words_button)
        layout.addWidget(self.count_label)
        layout.addWidget(self.replace_field, 3)
        layout.addWidget(self.replace_button)
        layout.addWidget(self.replace_all_button)
        layout.addStretch(1)
        self.find_field.textChanged.connect(self._on_query_changed)
        # Hits are spans into the text: after an edit they would mark the wrong words and the count
        # would be stale, so they are found again once the writer pauses.
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_AFTER_EDIT_MS)
        self._refresh_timer.timeout.connect(self._refresh_after_edit)
        # The editor's signals reach the bar only while it is shown (showEvent): connected for good,
        # they entered Python twice on every keystroke to find the bar hidden.
        self._following = False
        self.replace_button.clicked.connect(self.replace_current)
        self.replace_all_button.clicked.connect(self.replace_all)
        self.apply_theme(theme)
        self.hide()

    def apply_theme(self, theme: Theme) -> None:
        self.setStyleSheet(
            f"""
            QWidget#findBar {{ background: {theme.background}; }}
            QLineEdit {{ background: {theme.panel_background}; color: {theme.text}; border: 1px solid {theme.dim};
                         border-radius: 6px; padding: 4px 8px; max-width: 320px;
                         selection-background-color: {theme.selection}; }}
            QLabel {{ color: {theme.legible("faint")}; padding: 0 6px; }}
            QPushButton {{ color: {theme.accent}; border: none; padding: 4px 8px; }}
            QPushButton#findOption {{ color: {theme.legible("faint")}; padding: 4px 6px; }}
            QPushButton#findOption:checked {{ color: {theme.text}; border-bottom: 2px solid {theme.accent}; }}
            """
        )

    def reserve_right(self, pixels: int) -> None:
        """Something (the voice panel) covers ``pixels`` at the right edge: keep the bar's buttons clear."""
        margins = self._layout.contentsMargins()
        if margins.right() != pixels:
            margins.setRight(pixels)
            self._layout.setContentsMargins(margins)

    # -- following the editor while shown -----------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt override
        super().showEvent(event)
        self._steady_count_width()
        self._follow(True)

    def _steady_count_width(self) -> None:
        """Room for the usual counts from the start: the bar is centred, and as "1 of 7" became
        "No matches" under the writer's eyes the whole bar slid sideways."""
        label = self.count_label
        label.ensurePolished()
        metrics = label.fontMetrics()
        widest = max(metrics.horizontalAdvance(t) for t in ("No matches", "999 of 9,999", "9,999 matches"))
        margins = label.contentsMargins()
        label.setMinimumWidth(widest + margins.left() + margins.right() + 12)  # + the label's 6 px padding
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)

    def hideEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt override
        super().hideEvent(event)
        self._follow(False)

    def _follow(self, following: bool) -> None:
        if following == self._following:
            return
        self._following = following
        if following:
            self.editor.cursorPositionChanged.connect(self._on_cursor_moved)
            self.editor.textChanged.connect(self._on_text_edited)
        else:
            self.editor.cursorPositionChanged.disconnect(self._on_cursor_moved)
            self.editor.textChanged.disconnect(self._on_text_edited)

    # -- opening ------------------------------------------------------------------------------
    def open_find(self, replace: bool = False) -> None:
        selected = self.editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.find_field.setText(selected)
        for widget in (self.replace_field, self.replace_button, self.replace_all_button):
            widget.setVisible(replace)
        self.show()
        self.editor.set_finding(True)
        self.find_field.setFocus()
        self.find_field.selectAll()
        self._mark_all()

    def dismiss(self) -> None:
        self._refresh_timer.stop()
        self.hide()
        self.editor.set_finding(False)
        self.editor.set_find_marks([])
        self.editor.setFocus()
        self.closed.emit()

    # -- searching ----------------------------------------------------------------------------
    def _searched_from(self, text: str) -> int:
        """Where Find and Replace start in ``text``: after the front matter while it is folded away
        (Replace all used to change words there that the writer could not see, turning a
        ``status: draft`` into ``status: chapter``); at the top once the writer has opened it."""
        if not self.editor.front_matter_folded():
            return 0
        at = -1
        for _ in range(self.editor.front_matter_block_count()):
            at = text.find("\n", at + 1)
            if at < 0:
                return len(text)
        return at + 1

    def _spans(self, limit: int = MAX_COUNTED) -> list[tuple[int, int]]:
        query = self.find_field.text()
        if not query:
            return []
        spans = []
        text = self.editor.raw_text()
        for m in self.pattern(query).finditer(text, self._searched_from(text)):
            spans.append((m.start(), m.end()))
            if len(spans) >= limit:
                break
        return spans

    def pattern(self, query: str) -> re.Pattern[str]:
        return hits_pattern(query, match_case=self.case_button.isChecked(), whole_words=self.words_button.isChecked())

    def _replacement_for(self, hit: str) -> str:
        replacement = self.replace_field.text()
        return replacement if self.case_button.isChecked() else cased_like(hit, replacement)

    def _on_options_changed(self, _checked: bool) -> None:
        if self.find_field.text():
            self._mark_all()

    def _mark_all(self) -> None:
        self._matches = self._spans()
        self.editor.set_find_marks(self._matches[:MAX_MARKED])
        self._show_count()

    def _selected(self) -> tuple[int, int]:
        """The editor's selection as code-point offsets (the cursor's position twice when none)."""
        cursor = self.editor.textCursor()
        return self.editor.point_position(cursor.selectionStart()), self.editor.point_position(cursor.selectionEnd())

    def current_index(self) -> int | None:
        """Which hit the editor's selection is (from 0), or None when it is none of them."""
        selected = self._selected()
        i = bisect.bisect_left(self._matches, selected)
        return i if i < len(self._matches) and self._matches[i] == selected else None

    def _show_count(self) -> None:
        total = len(self._matches)
        if not self.find_field.text():
            text = ""
        elif not total:
            text = "No matches"
        else:
            more = "+" if total >= MAX_COUNTED else ""
            index = self.current_index()
            text = f"{index + 1} of {total:,}{more}" if index is not None else \
                f"{total:,}{more} match{'' if total == 1 else 'es'}"
        self.count_label.setText(text)

    def _on_text_edited(self) -> None:
        if self.isVisible() and self.find_field.text():
            self._refresh_timer.start()

    def _refresh_after_edit(self) -> None:
        if self.isVisible():
            self._mark_all()

    def _on_cursor_moved(self) -> None:
        if self._matches and self.isVisible():
            self._show_count()  # the writer moved off the hit (or onto one): a bisect, no search

    def _on_query_changed(self, _text: str) -> None:
        cursor = self.editor.textCursor()
        cursor.setPosition(cursor.selectionStart())
        self.editor.setTextCursor(cursor)
        self._mark_all()
        self.find_next()

    def find_next(self, backwards: bool = False) -> bool:
        """Select the next hit after the selection (the one before it, ``backwards``), round the end."""
        if not self.find_field.text():
            return False
        self._mark_all()  # the text may have changed since (F3 from the page)
        matches = self._matches
        if not matches:
            return False
        start, end = self._selected()
        if backwards:
            i = bisect.bisect_left(matches, (start, -1)) - 1  # the last hit starting before the selection
        else:
            i = bisect.bisect_left(matches, (end, -1))  # the first hit starting at or after its end
            i = 0 if i >= len(matches) else i
        first, last = self.editor.qt_positions(list(matches[i]))
        cursor = self.editor.textCursor()
        cursor.setPosition(first)
        cursor.setPosition(last, QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)
        self.editor.ensureCursorVisible()
        self._show_count()
        return True

    def replace_current(self) -> None:
        cursor = self.editor.textCursor()
        self._mark_all()
        if cursor.hasSelection() and self.current_index() is not None:  # the very hit the count shows
            start, end = self._selected()
            cursor.insertText(self._replacement_for(self.editor.raw_text()[start:end]))
        self.find_next()
        self._mark_all()

    def replace_all(self) -> int:
        """Replace every match in one undoable step: the hits the count showed, no others.

        The hits of one paragraph are replaced by one edit, so a piece whose paragraphs are long
        (an unbroken run of text, a pasted book without line breaks) is not laid out again for each
        hit: 40,000 hits in a 900 KB paragraph took a minute, with the page frozen. Line breaks
        between paragraphs are never part of an edit, so each keeps its ending (CR, CRLF, LF)."""
        query, replacement = self.find_field.text(), self.replace_field.text()
        if not query:
            return 0
        editor = self.editor
        text = editor.raw_text()
        spans = [(m.start(), m.end()) for m in self.pattern(query).finditer(text, self._searched_from(text))]
        if spans:
            # The editor's own text: the same code points as raw_text(), with the stand-ins Qt holds.
            shown = editor.document().toRawText().replace("\u2029", "\n")
            groups: list[list[tuple[int, int]]] = [[spans[0]]]
            for span in spans[1:]:
                if "\n" in text[groups[-1][-1][1]:span[0]]:
                    groups.append([span])
                else:
                    groups[-1].append(span)
            point = editor.cursor_point()
            places = editor.qt_positions([p for group in groups for p in (group[0][0], group[-1][1])])
            edit = QTextCursor(editor.document())
            edit.beginEditBlock()
            for index in range(len(groups) - 1, -1, -1):  # from the end: earlier positions stay right
                group = groups[index]
                parts, at = [], group[0][0]
                for start, end in group:
                    parts += [shown[at:start], self._replacement_for(text[start:end])]
                    at = end
                edit.setPosition(places[2 * index])
                edit.setPosition(places[2 * index + 1], QTextCursor.MoveMode.KeepAnchor)
                edit.insertText("".join(parts))
            edit.endEditBlock()
            cursor = editor.textCursor()
            cursor.setPosition(editor.qt_position(_moved_point(point, spans, len(replacement))))
            editor.setTextCursor(cursor)
        self._mark_all()
        self._refresh_timer.stop()  # its count after the edit said "No matches" over this one (a review)
        self.count_label.setText(f"{len(spans):,} replaced")
        return len(spans)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape:
                self.dismiss()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if watched is self.replace_field:
                    self.replace_current()
                else:
                    self.find_next(backwards=bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
                return True
        return super().eventFilter(watched, event)
