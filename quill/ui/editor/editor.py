"""The writing surface: a QPlainTextEdit that puts exactly what the writer types on the page.

No completion, no correction, no substitution, no auto-pairing: Qt's plain text edit
does none of these by default, and we also tell input methods not to predict.
Layout concerns (a centred column, typewriter scrolling, focus dimming) live here;
counting words lives in :mod:`quill.textstats`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator

from PySide6.QtCore import QMimeData, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QPainter,
    QPalette,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
    QTextOption,
)
from PySide6.QtWidgets import QFrame, QPlainTextEdit, QTextEdit, QWidget

from quill.markup.frontmatter import front_matter_lines
from quill.textstats import WORD_RE, count_words, sentence_bounds
from quill.ui.editor.highlighter import LAZY_FROM_BLOCKS, MarkdownHighlighter
from quill.ui.editor.highlighter import PARAGRAPH_BREAKS as BREAK_CHARACTERS
from quill.ui.editor.page_layout import PageLayout
from quill.ui.shell.fonts import writing_font
from quill.ui.shell.theme import Theme
from quill.utf16 import (
    all_single_units,
    astral_count,
    from_editor,
    has_astral,
    index_from_utf16,
    to_editor,
    utf16_from_index,
)

log = logging.getLogger(__name__)

NO_PREDICTION_HINTS = (
    Qt.InputMethodHint.ImhNoPredictiveText
    | Qt.InputMethodHint.ImhNoAutoUppercase
    | Qt.InputMethodHint.ImhSensitiveData
    | Qt.InputMethodHint.ImhMultiLine
)
def _typing_modifiers() -> tuple[Qt.KeyboardModifier, ...]:
    """The modifiers a key that types a character may have: none, Shift, the keypad's, and Ctrl+Alt,
    which is how Windows reports AltGr (€, @ on many keyboards). Any other Ctrl, Alt or Meta makes
    a command (Ctrl+V pastes). A tuple, matched by identity: Qt's flags combine as Python enums,
    and ``modifiers & mask`` on every key cost more than the check is worth (issue #20)."""
    m = Qt.KeyboardModifier
    plain = (m.NoModifier, m.ShiftModifier)
    altgr = m.ControlModifier | m.AltModifier
    return (*plain, *(p | m.KeypadModifier for p in plain), altgr, altgr | m.ShiftModifier)


_TYPING_MODIFIERS = _typing_modifiers()


#: After a lazy load, the paragraphs off screen get their formats from the page's first paint on,
#: or after this long if it is not painted by then (hidden, minimised).
REST_FALLBACK_MS = 300
#: The line the bottom edge cuts lies within this many lines of it (lines share the page's font;
#: generous for any line spacing), so a repaint ending higher cannot have drawn any of it.
CUT_SEARCH_LINES = 4
LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # in a Python str, any surrogate is a lone one

#: Where Qt's setPlainText starts a new paragraph (QTextCursor::insertText), in the editor's text.
PARAGRAPH_BREAKS = re.compile("\r\n|[\n\r\u2029\ufdd0\ufdd1]")

#: A run of this many characters without a space (an image pasted as a base64 data URI, a
#: minified blob) switches the page to wrapping at word boundaries only: Qt's default, "at a word,
#: else anywhere", lays such a run out in quadratic time (a 1 MB one took 78 s to open and 27 s
#: a key). Prose wraps as before; the run itself goes on past the edge of the column.
UNBROKEN_RUN_CHARS = 4096


def has_unbroken_run(text: str, length: int = UNBROKEN_RUN_CHARS) -> bool:
    """Whether ``text`` holds ``length`` characters in a row without white space.

    Searched with the regex alone this took 5-9 ms for a 100,000-word piece, before its first
    paint. Such a run contains a whole aligned block of ``length // 2`` characters, and a block
    of prose shows white space within a few characters: only a block without any is looked at
    closely (the regex, on the stretch around it)."""
    step = max(1, length // 2)
    run = re.compile(rf"\S{{{length}}}")  # compiled once: re keeps it
    for start in range(0, len(text) - step + 1, step):
        head = text[start:start + step].split(None, 1)
        blank_free = len(head) == 1 and len(head[0]) == step  # not one white space in the block
        if blank_free and run.search(text, max(0, start - length), start + step + length):
            return True
    return False
MIN_COLUMN_FRACTION = 0.6  # a panel may narrow the column to this share of its measure before moving it
#: a window narrower than the column (half a screen, beside the preview) keeps this share of its
#: width clear on each side, within these bounds in pixels: 24 px of a half screen read as cramped
GUTTER_FRACTION, MIN_GUTTER, MAX_GUTTER = 0.05, 24, 64


def front_matter_paragraphs(paragraphs: Iterable[str]) -> int:
    """How many paragraphs at the top are front matter (0 when none), by the rule the preview and
    the exports use (:mod:`quill.markup.frontmatter`): prose between two ``---`` rules is not. Reads
    no further than it must, so it can be handed the editor's paragraphs lazily."""
    return front_matter_lines(paragraphs)


class WritingEditor(QPlainTextEdit):
    """The editor widget.

    Every real change of the text (not re-highlighting, which Qt also reports as a content
    change) is passed as ``(position, removed, inserted)``, in Python code points (Qt's own
    positions count UTF-16 units, which differ after any emoji), to the functions registered with
    :meth:`add_edit_listener`: the window (journal, autosave, chrome), the session counter
    and the voice panel. They are plain Python calls, not a Qt signal: each Python slot a
    signal enters on every keystroke costs measurable CPU, and these run on every key.
    """

    pasted_text = Signal(str)
    paste_refused = Signal(str)  # why a paste was not made, for the writer
    focus_lost = Signal()
    mouse_moved = Signal()
    reservation_changed = Signal()  # the voice panel took or gave back the page's right side
    escape_pressed = Signal()  # Esc on the page: what is open beside it may close (MainWindow.close_beside)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        document = QTextDocument(self)
        #: Repaints the paragraph typed in, not the page, when Qt sets its formats again (page_layout.py).
        self.page_layout = PageLayout(document)
        document.setDocumentLayout(self.page_layout)
        self.page_layout.repaint_line = self._repaint_line
        self.setDocument(document)
        self.setObjectName("writingEditor")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Lines always wrap, so there is nothing to scroll sideways to. While the column narrows
        # (the voice panel opening), Qt can briefly see a line wider than the viewport and scroll
        # to the cursor, cutting off the first letters of every line: keep the offset at zero.
        self.horizontalScrollBar().valueChanged.connect(
            lambda value: value and self.horizontalScrollBar().setValue(0))
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setInputMethodHints(NO_PREDICTION_HINTS)
        self.setTabChangesFocus(False)
        self.setCursorWidth(2)
        self.setMouseTracking(True)
        self.document().setDocumentMargin(0)
        self.setUndoRedoEnabled(True)
        #: the document's revision right after the last typed character (see _type_grouped), and
        #: whether that character was a space
        self._typing_at: int | None = None
        self._typed_space = False
        self._step_has_word = False  # the undo step being typed holds more than spaces

        self._theme = theme
        self._column_chars = 68
        self._font_size = 18
        self._focus_mode = False
        self._focus_scope = "sentence"
        self._typewriter = False
        self._side_margin = 24  # left; the right one differs only while something covers the right
        self._right_margin = 24
        self._reserved_right = 0  # pixels at the right edge covered by a panel
        self._wrap_width = -1
        self._base_top_margin = 24
        self._bottom_margin = 12
        self._in_margin_update = False
        self._laid_out_size = QSize()
        self._habit_selections: list[QTextEdit.ExtraSelection] = []
        self._find_selections: list[QTextEdit.ExtraSelection] = []
        self._find_spans: list[tuple[int, int]] = []
        self._finding = False
        self._block_words: list[int | None] | None = None  # words per paragraph; None: not counted yet
        self._last_revision = -1
        self._length = 0  # in Qt's UTF-16 units
        # Characters beyond U+FFFF per paragraph, to turn Qt positions into code points; None while
        # the text holds none (the common case, where the two counts agree and nothing is counted).
        self._block_astral: list[int] | None = None
        self._astral_total = 0
        self._markers_held = False  # the text holds stand-ins for U+FDD0/U+FDD1 (see setPlainText)
        #: the page holds a run without spaces too long to wrap anywhere (see UNBROKEN_RUN_CHARS)
        self.unbroken_run = False
        self._edit_listeners: list[Callable[[int, int, str], None]] = []
        self._replacing = False  # inside setPlainText
        #: Edits reported so far (a load is one): unlike the document's revision, highlighting
        #: does not move it, so "nothing typed since" is ``edits`` unchanged.
        self.edits = 0
        self._loaded_text = ""
        self._loaded_revision: int | None = None  # the text revision at which the page holds _loaded_text exactly
        self._after_paint: list[Callable[[], None]] = []
        self._blanked_from: int | None = None  # where the page was last left blank above its bottom edge
        # What paintEvent needs on most keys, kept rather than asked of Qt each paint (each a call
        # through the bindings): the viewport, the font's line spacing (renewed by apply_font, the one
        # place the page's font is set) and the page's colour (by _apply_palette). Not a changeEvent
        # override: building PySide's QEvent.Type enum for it cost the first window 0.7 ms.
        self._viewport = self.viewport()
        self._line_spacing = self.fontMetrics().lineSpacing()
        self._page_colour: QColor | None = None  # None: read from the viewport's palette at the next paint
        #: A cursor kept in the paragraph whose layout keeps its shaped glyphs (see _keep_glyphs).
        #: A cursor, not the block: the document moves it when text comes or goes, and it never
        #: names a paragraph that no longer exists.
        self._glyphs_kept_at: QTextCursor | None = None
        # The highlighter is told of each edit by _on_contents_change, connected in its place ahead
        # of Qt's highlighting slot: one Python entry a key for the editor and the highlighter.
        self.highlighter = MarkdownHighlighter(self.document(), theme, slot=self._on_contents_change)
        #: front matter folds to its first line while the cursor is in the body (the file is unchanged)
        self.fold_front_matter = True
        self._folded_blocks = 0  # paragraphs hidden under the front matter's first line now
        self._fold_stale = False  # an edit reached folded paragraphs: lay the fold out again
        self._composing_only = False  # inside an input method event that commits nothing
        self._front_matter_cache: tuple[int, int] | None = None  # (paragraphs, Qt position read up to)

        self._cursor_listeners: list[Callable[[], None]] = []
        self.cursorPositionChanged.connect(self._on_cursor_moved)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.apply_font(self._font_size)
        self.apply_theme(theme)

    # -- appearance --------------------------------------------------------------------------
    def apply_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._apply_palette()
        # Colours come from the palette alone: a style sheet here would route every paint of the
        # page through QStyleSheetStyle, which costs measurable time per keystroke.
        self.highlighter.set_theme(theme)
        if self._find_spans:
            self.set_find_marks(self._find_spans)  # in the new theme's colours
        self._refresh_extra_selections()

    def apply_font(self, point_size: int) -> None:
        self._keeping_cursor_in_view(lambda: self._apply_font(point_size))  # larger text: more lines above it

    def _apply_font(self, point_size: int) -> None:
        self._font_size = point_size
        font = writing_font(point_size)
        self.setFont(font)
        self._line_spacing = self.fontMetrics().lineSpacing()  # (paintEvent keeps it: set here, with the font)
        self.document().setDefaultFont(font)
        metrics = QFontMetricsF(font)
        self.setTabStopDistance(metrics.horizontalAdvance(" ") * 4)
        self._update_margins()

    def set_column_chars(self, chars: int) -> None:
        self._column_chars = chars
        self._update_margins()

    def column_width_px(self) -> float:
        metrics = QFontMetricsF(self.font())
        sample = "the quick brown fox jumps over a lazy dog and then writes a sentence"
        per_char = metrics.horizontalAdvance(sample) / len(sample)
        return per_char * self._column_chars

    def reserve_right(self, pixels: int) -> None:
        """Something (the voice panel) now covers ``pixels`` at the right edge: keep text clear of it.

        The column stays where it is whenever the right margin is wide enough; otherwise its left
        edge stays put and only its right edge gives way (the lines rewrap, the eye's anchor at
        the start of each line does not move). Only when that would leave a column narrower than
        :data:`MIN_COLUMN_FRACTION` of the chosen measure does the column move left as well.
        """
        if pixels != self._reserved_right:
            self._reserved_right = pixels
            self._update_margins()
            self.reservation_changed.emit()

    @property
    def reserved_right(self) -> int:
        """Pixels at the right edge that something else (the voice panel) covers."""
        return self._reserved_right

    def _update_margins(self) -> None:
        """Centre a column of the chosen measure; the margins scale with the window."""
        width = self.width()
        gutter = max(MIN_GUTTER, min(int(width * GUTTER_FRACTION), MAX_GUTTER))
        column = min(self.column_width_px(), max(width - 2 * gutter, 200))
        left = right = max(int((width - column) / 2), gutter)
        needed = self._reserved_right + MIN_GUTTER if self._reserved_right else 0
        if right < needed:
            right = needed
            shortest = int(column * MIN_COLUMN_FRACTION)
            if width - left - right < shortest:
                left = max(width - right - shortest, MIN_GUTTER)
        self._side_margin, self._right_margin = left, right
        self._base_top_margin = max(int(self.height() * 0.12), 24)
        self._bottom_margin = max(int(self.height() * 0.06), 12)
        self._set_top_margin(self._base_top_margin)
        if self._typewriter:
            self._align_typewriter()

    def _set_top_margin(self, top: int) -> None:
        current = self.viewportMargins()
        if current.top() != top or current.left() != self._side_margin or current.right() != self._right_margin:
            self._in_margin_update = True  # setViewportMargins re-enters resizeEvent
            try:
                self.setViewportMargins(self._side_margin, top, self._right_margin, self._bottom_margin)
            finally:
                self._in_margin_update = False
            self._rewrap()

    def _rewrap(self) -> None:
        """Wrap lines at the viewport's width. QPlainTextEdit rewraps when the widget is resized but
        not always when only its margins change (before the first show, for one): the text was then
        laid out for the old width and clipped at the column's right edge. Its resize handler is
        the only public way to make it lay the text out again for the viewport it has now."""
        width = self.viewport().width()
        if width > 0 and width != self._wrap_width:
            self._wrap_width = width
            self._keeping_cursor_in_view(
                lambda: QPlainTextEdit.resizeEvent(self, QResizeEvent(self.viewport().size(), QSize(-1, -1))))

    def _keeping_cursor_in_view(self, rewrap: Callable[[], None]) -> None:
        """Rewrap the text, and if the cursor's line was on the page, keep it there.

        Qt keeps the top line in place when the column changes width: opening the voice panel
        (or narrowing the window) while typing at the foot of the page rewrapped the lines above
        the cursor into more lines and pushed the line being typed out of sight. A cursor the
        writer has scrolled away from stays where it is (they are reading elsewhere)."""
        if not self.isVisible():  # before the first show (the font, the margins): nothing is on the page yet
            rewrap()
            return
        height = self.viewport().height()
        caret = self.cursorRect()
        in_view = height > 0 and caret.bottom() > 0 and caret.top() < height
        rewrap()
        if in_view:
            caret = self.cursorRect()
            if caret.top() < 0 or caret.bottom() > self.viewport().height():
                self.ensureCursorVisible()

    def resizeEvent(self, event) -> None:  # noqa: N802, ANN001
        if event.oldSize().width() != event.size().width():
            self._keeping_cursor_in_view(lambda: QPlainTextEdit.resizeEvent(self, event))
        else:
            super().resizeEvent(event)
        if event.size() != self._laid_out_size and not self._in_margin_update:
            self._laid_out_size = event.size()
            self._update_margins()
        shrink = event.oldSize().height() - event.size().height()
        if shrink > 0 and event.oldSize().height() > 0:
            # A notice appeared above the page (or the window got shorter): a line the writer was
            # typing at the bottom must not slip under the status line out of sight.
            caret = self.cursorRect()
            height = self.viewport().height()
            if height < caret.bottom() <= height + shrink:
                self.ensureCursorVisible()

    # -- typewriter ---------------------------------------------------------------------------
    @property
    def typewriter(self) -> bool:
        return self._typewriter

    def set_typewriter(self, enabled: bool) -> None:
        self._typewriter = enabled
        self.setCenterOnScroll(enabled)
        if enabled:
            self._align_typewriter()
        else:
            self._set_top_margin(self._base_top_margin)
            self.ensureCursorVisible()

    def _align_typewriter(self) -> None:
        """Keep the cursor's line at the vertical centre of the page.

        Below the first screenful, QPlainTextEdit's own centring does it (centerOnScroll lets
        the end of the text reach the centre too). Near the top there is nothing to scroll,
        so the page's top margin grows instead, and the text rises as the writer types —
        as on a typewriter.
        """
        target = self.height() / 2
        if self.verticalScrollBar().value() == 0:
            top = self.viewportMargins().top()
            cursor_y = top + self.cursorRect().center().y()
            needed = int(top + target - cursor_y)
            if needed >= self._base_top_margin:
                self._set_top_margin(needed)
                return
        self._set_top_margin(self._base_top_margin)
        self.centerCursor()

    # -- focus mode ---------------------------------------------------------------------------
    @property
    def focus_mode(self) -> bool:
        return self._focus_mode

    def set_focus_mode(self, enabled: bool, scope: str | None = None) -> None:
        self._focus_mode = enabled
        if scope:
            self._focus_scope = scope
        self._refresh_extra_selections()

    def focus_range(self) -> tuple[int, int]:
        """Document positions [start, end) left undimmed in focus mode."""
        block = self.textCursor().block()
        start = block.position()
        if self._focus_scope == "paragraph":
            return start, start + block.length() - 1
        local = self.textCursor().position() - start
        s, e = sentence_bounds(block.text(), local)
        return start + s, start + e

    def _focus_selections(self) -> list[QTextEdit.ExtraSelection]:
        if not self._focus_mode:
            return []
        start, end = self.focus_range()
        dim = QTextCharFormat()
        dim.setForeground(self._theme.color("dim"))
        # A misspelling's wavy line dims with its words: at full strength it pulled the eye away
        # from the sentence in focus.
        dim.setUnderlineColor(self._theme.color("dim"))
        selections = []
        for a, b in ((0, start), (end, self.document().characterCount() - 1)):
            if b <= a:
                continue
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(a)
            cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            sel.format = dim
            selections.append(sel)
        return selections

    # -- positions: raw_text() counts code points, Qt counts UTF-16 units ----------------------
    def qt_positions(self, points: list[int]) -> list[int]:
        """Editor (UTF-16) positions of code-point offsets into :meth:`raw_text`.

        Spans found in the text (habits, find hits, headings, sentences) are code-point
        offsets; after an emoji Qt's positions run ahead of them by one per astral character.
        One walk over the paragraphs converts a whole batch."""
        if self._block_astral is None:
            return [int(p) for p in points]
        counts = self._block_astral
        out = [0] * len(points)
        block = self.document().firstBlock()
        block_start = 0  # code-point offset of ``block``
        for index in sorted(range(len(points)), key=points.__getitem__):
            point = int(points[index])
            while True:
                length = block.length() - counts[block.blockNumber()]  # the separator is one unit in both
                following = block.next()
                if point < block_start + length or not following.isValid():
                    break
                block_start += length
                block = following
            text = block.text()
            local = max(point - block_start, 0)
            out[index] = block.position() + utf16_from_index(text, min(local, len(text))) + max(local - len(text), 0)
        return out

    def qt_position(self, point: int) -> int:
        return self.qt_positions([point])[0]

    def point_position(self, position: int) -> int:
        """The code-point offset into :meth:`raw_text` of editor position ``position``."""
        if self._block_astral is None:
            return position
        block = self.document().findBlock(position)
        before = sum(self._block_astral[:block.blockNumber()])
        return block.position() - before + index_from_utf16(block.text(), position - block.position())

    def cursor_point(self) -> int:
        """Where the cursor is, as a code-point offset into :meth:`raw_text`."""
        return self.point_position(self.textCursor().position())

    def set_habit_marks(self, spans: list[tuple[int, int]]) -> None:
        """Subtle underlines for habits the voice panel found (only while the panel asks for them).

        ``spans`` are code-point offsets into :meth:`raw_text`."""
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        fmt.setUnderlineColor(self._theme.color("warning", 160))
        self._habit_selections = self._selections(spans, fmt)
        self._refresh_extra_selections()

    def _apply_palette(self) -> None:
        palette = self._theme.palette()
        if self._finding:  # the selection is the find bar's current hit: it outshines the other hits
            for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
                palette.setColor(group, QPalette.ColorRole.Highlight, self._theme.color("find_current"))
                palette.setColor(group, QPalette.ColorRole.HighlightedText, self._theme.color("find_current_text"))
        self.setPalette(palette)
        self.viewport().setPalette(palette)
        self._page_colour = None

    def set_finding(self, finding: bool) -> None:
        """The find bar is open (its current hit is the selection) or closed."""
        if finding != self._finding:
            self._finding = finding
            self._apply_palette()

    def set_find_marks(self, spans: list[tuple[int, int]]) -> None:
        """Highlight find hits; ``spans`` are code-point offsets into :meth:`raw_text`."""
        self._find_spans = spans
        fmt = QTextCharFormat()
        fmt.setBackground(self._theme.color("find_match"))  # the theme's: legible on every page
        fmt.setForeground(self._theme.color("find_match_text"))
        self._find_selections = self._selections(spans, fmt)
        self._refresh_extra_selections()

    def _selections(self, spans: list[tuple[int, int]], fmt: QTextCharFormat) -> list[QTextEdit.ExtraSelection]:
        flat = self.qt_positions([p for span in spans for p in span])
        return [self._selection(flat[2 * i], flat[2 * i + 1], fmt) for i in range(len(spans))]

    def _selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        limit = self.document().characterCount() - 1
        cursor.setPosition(min(start, limit))
        cursor.setPosition(min(end, limit), QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cursor
        sel.format = fmt
        return sel

    def _refresh_extra_selections(self) -> None:
        self.setExtraSelections(self._focus_selections() + self._habit_selections + self._find_selections)

    def _on_cursor_moved(self) -> None:
        self._update_fold()
        if self._focus_mode:
            self._refresh_extra_selections()
        if self._typewriter:
            self._align_typewriter()
        for listener in self._cursor_listeners:
            try:
                listener()
            except Exception:  # noqa: BLE001 - one failing listener must not starve the others
                log.exception("a cursor listener failed")

    def add_cursor_listener(self, listener: Callable[[], None]) -> None:
        """Call ``listener()`` each time the cursor moves (typing moves it on every key): one Python
        entry a key for all of them, where each a slot on ``cursorPositionChanged`` was one more."""
        self._cursor_listeners.append(listener)

    def remove_cursor_listener(self, listener: Callable[[], None]) -> None:
        if listener in self._cursor_listeners:
            self._cursor_listeners.remove(listener)

    def inputMethodEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt override
        # While the writer composes (an input method's preedit), Qt re-lays the paragraph and
        # reports it as replaced by itself, with a new revision, on every composing key. No
        # character changes until the commit: those reports must not become edits.
        self._composing_only = not event.commitString() and event.replacementLength() == 0
        try:
            super().inputMethodEvent(event)
        finally:
            self._composing_only = False

    def _on_contents_change(self, position: int, removed: int, added: int) -> None:
        document = self.document()
        typed = block = None
        if removed == 0 and added == 1:  # most likely a key: its character and paragraph, read once here
            typed = document.characterAt(position)
            if typed not in BREAK_CHARACTERS:
                block = document.findBlock(position)
                self._keep_glyphs(block, typed)
                self.page_layout.note_typed(block, position, typed)  # before the highlighter may throw its lines away
        elif added > 1 and self._glyphs_kept_at is not None:
            self._release_glyphs()  # a paste may bring a tab (the next key keeps them again if not)
        self.highlighter.note_change(position, removed, added, typed, block)  # every report, before Qt formats them
        if self._replacing:
            return  # setPlainText reports the whole replacement itself
        if self._composing_only and removed == added:
            return  # the preedit drawn into the paragraph: no character changed
        revision = document.revision()
        if revision == self._last_revision:
            return  # a highlighter repaint (markContentsDirty), not an edit
        self._last_revision = revision
        cached = self._front_matter_cache
        if cached is not None and position <= cached[1]:
            self._front_matter_cache = None
            if self._folded_blocks:
                self._fold_stale = True  # paragraphs came or went under the fold: lay it out afresh
        # Qt counts the document's implicit final paragraph separator in some reports; clamp to real text.
        length = document.characterCount() - 1
        end = min(position + added, length)
        inserted = ""
        if end == position + 1:  # a keystroke: one character, without building a cursor
            inserted = typed if typed is not None else document.characterAt(position)
            if inserted == "\u2029":
                inserted = "\n"
        if inserted and inserted != "\n" and removed == 0 and added == 1:
            # A character typed inside a paragraph: only that paragraph's count is stale, and the
            # paragraphs are as many as before (the general case finds the touched ones with two
            # more block lookups).
            counts = self._block_words
            if counts is not None:
                number = (block if block is not None else document.findBlock(position)).blockNumber()
                if len(counts) == document.blockCount() and 0 <= number < len(counts):
                    counts[number] = None
                else:
                    self._block_words = None
        else:
            self._forget_words(position, added)
        if end > position + 1:
            cursor = QTextCursor(document)
            cursor.setPosition(position)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            inserted = cursor.selectedText().replace("\u2029", "\n")
        old_length, old_astral = self._length, self._astral_total
        self._length = length
        if self._block_astral is None and (inserted < "\U00010000" if len(inserted) <= 1 else not has_astral(inserted)):
            point_position = position  # no emoji anywhere: Qt's units are code points
            point_removed = max(old_length - (length - len(inserted)), 0)
        elif self._block_astral is None:
            # The first character beyond U+FFFF arrives: everything before it still counted alike.
            point_position = position
            point_removed = max(old_length - (length - len(inserted) - astral_count(inserted)), 0)
            self._count_astral()
        else:
            self._recount_astral(position, added)
            block = document.findBlock(min(position, length))
            before = sum(self._block_astral[:block.blockNumber()])
            point_position = block.position() - before + index_from_utf16(block.text(), position - block.position())
            point_removed = max((old_length - old_astral) - (length - self._astral_total - len(inserted)), 0)
        if self._markers_held:
            inserted = from_editor(inserted)  # one character for one: positions stay right
        self._tell_listeners(point_position, point_removed, inserted)

    def _repaint_line(self, block, line) -> None:  # noqa: ANN001 - QTextBlock, QTextLine
        """Repaint one line of ``block`` where the page shows it (the page layout's hook: a key
        that wrapped no word changed only its own line)."""
        rect = line.rect()
        top = self.blockBoundingGeometry(block).translated(self.contentOffset()).top() + rect.top()
        viewport = self._viewport
        viewport.update(0, int(top) - 1, viewport.width(), int(rect.height()) + 3)

    def _keep_glyphs(self, block, typed: str) -> None:  # noqa: ANN001 - QTextBlock
        """Let the paragraph being typed in keep its shaped glyphs between keys.

        Qt throws a paragraph's shaping away after laying it out and again after drawing it, and
        every later use on the same key shapes the whole paragraph again with HarfBuzz: the draw,
        the cursor's position for drawing it, for keeping it visible, for the input method. Kept
        (``QTextLayout.setCacheEnabled``), a key shapes it once. Only this paragraph keeps them:
        the text of a book would take tens of MB. Runs before Qt lays out the edited paragraph.

        Not in a paragraph with a tab: a tab's width depends on where on its line it lands, and kept
        shaping left it at the width it had (a line break typed after "a<tab>b" drew the caret after
        the tab 14 px off what a fresh layout shows; found by a random run of the kept-glyphs test)."""
        layout = block.layout()
        if typed == "\t":
            self._release_glyphs()
            return
        if layout.cacheEnabled():
            return  # this paragraph keeps them already
        self._release_glyphs()
        if "\t" in block.text():  # read once, on the first key in this paragraph
            return
        layout.setCacheEnabled(True)
        self._glyphs_kept_at = QTextCursor(block)

    def _release_glyphs(self) -> None:
        """The paragraph that kept its glyphs shapes afresh again, as every other one does."""
        kept = self._glyphs_kept_at
        if kept is not None:  # (the paragraph the cursor is in now: valid, whatever was edited since)
            kept.block().layout().setCacheEnabled(False)
            self._glyphs_kept_at = None

    def _tell_listeners(self, position: int, removed: int, inserted: str) -> None:
        self.edits += 1
        for listener in self._edit_listeners:
            try:
                listener(position, removed, inserted)
            except Exception:  # noqa: BLE001 - one failing listener must not starve the others
                log.exception("an edit listener failed")

    @property
    def text_revision(self) -> int:
        """The document's revision as of the last change to its text: what saving and the journal
        key on. Qt also moves ``document().revision()`` each time the highlighter re-formats
        paragraphs (the whole pass after a long piece is loaded, spelling underlines, a new
        theme), which changes no character: a save keyed on that rewrote unchanged files."""
        return self._last_revision

    def text_length(self) -> int:
        """The text's length in code points: the coordinates the edit listeners receive."""
        return self._length - self._astral_total

    def _count_astral(self) -> None:
        """Count characters beyond U+FFFF per paragraph (None when there are none at all)."""
        counts: list[int] = []
        block = self.document().firstBlock()
        while block.isValid():
            counts.append(astral_count(block.text()))
            block = block.next()
        total = sum(counts)
        self._block_astral = counts if total else None
        self._astral_total = total

    def _recount_astral(self, position: int, added: int) -> None:
        """Recount the paragraphs an edit touched (the others keep their counts)."""
        counts = self._block_astral
        touched = self._touched_blocks(position, added, len(counts))
        if touched is None:
            self._count_astral()
            if self._block_astral is None:
                self._block_astral = [0] * self.document().blockCount()
            return
        first, last_old, last_new = touched
        document = self.document()
        counts[first:last_old + 1] = [astral_count(document.findBlockByNumber(n).text())
                                      for n in range(first, last_new + 1)]
        self._astral_total = sum(counts)

    def _touched_blocks(self, position: int, added: int, known: int) -> tuple[int, int, int] | None:
        """``(first, last_old, last_new)``: the paragraphs an edit touched, numbered before and after it.

        Paragraphs before the edit keep their numbers, those after it shift by the change in
        paragraph count, so a per-paragraph list of ``known`` entries (one per paragraph before
        the edit) replaces ``[first:last_old + 1]`` with the paragraphs ``first..last_new``.
        None when the report does not fit (recount everything).
        """
        document = self.document()
        last_position = document.characterCount() - 1
        first = document.findBlock(min(position, last_position)).blockNumber()
        last_new = document.findBlock(min(position + added, last_position)).blockNumber()
        last_old = last_new - (document.blockCount() - known)
        if first < 0 or last_new < first or last_old < first - 1 or last_old >= known:
            return None
        return first, last_old, last_new

    def add_edit_listener(self, listener: Callable[[int, int, str], None]) -> None:
        """Call ``listener(position, removed, inserted)`` after every edit, in the order added."""
        self._edit_listeners.append(listener)

    def remove_edit_listener(self, listener: Callable[[int, int, str], None]) -> None:
        if listener in self._edit_listeners:
            self._edit_listeners.remove(listener)

    # -- front matter, folded while the writer is in the body ---------------------------------
    def set_fold_front_matter(self, fold: bool) -> None:
        self.fold_front_matter = fold
        self._update_fold()

    def front_matter_folded(self) -> bool:
        return self._folded_blocks > 0

    def front_matter_block_count(self) -> int:
        """How many paragraphs at the top are front matter (0 without a closed block)."""
        return self._front_matter_blocks()

    def _update_fold(self) -> None:
        """Hide the front matter's lines after the first while the cursor is below it; show them
        all as soon as the cursor goes into it (arrow up, Ctrl+Home, a click on the summary)."""
        count = self._front_matter_blocks()
        if count <= 1 and not self._folded_blocks and not self._fold_stale:
            return  # no front matter to fold, none folded (every keystroke moves the cursor)
        want = count - 1 if (self.fold_front_matter and count > 1
                             and self.textCursor().blockNumber() >= count) else 0
        stale, self._fold_stale = self._fold_stale, False
        if want == self._folded_blocks and not stale:
            return
        document = self.document()
        block = document.firstBlock().next()
        index = 1
        limit = max(want, self._folded_blocks) + 1
        # After an edit under the fold (a line added to the front matter, say), paragraphs moved: a
        # hidden one may now be in the body. Walk on past the limit while hidden ones remain.
        while block.isValid() and (index < limit or (stale and not block.isVisible())):
            block.setVisible(index > want)
            block, index = block.next(), index + 1
        self._folded_blocks = want
        end = block.position() if block.isValid() else document.characterCount() - 1
        document.markContentsDirty(0, max(end, 1))
        self.viewport().update()

    def front_matter_summary(self) -> str:
        """The dim line shown in place of folded front matter: "title · status · tags"."""
        document = self.document()
        lines, block = [], document.firstBlock().next()
        for _ in range(max(self._front_matter_blocks() - 2, 0)):
            lines.append(block.text())
            block = block.next()
        fields: dict[str, str] = {}
        for line in lines:
            key, sep, value = line.partition(":")
            if sep and not line.startswith((" ", "\t", "-")):
                fields[key.strip().casefold()] = value.strip().strip("\"'").strip("[]")
        parts = [fields.get(k, "") for k in ("title", "status", "tags")]
        # without those, the fields it has ("lang: en-GB"), not a bare "1 line" (a review)
        others = [f"{key}: {value}" for key, value in fields.items() if value][:3]
        shown = " · ".join(p for p in parts if p) or " · ".join(others) or \
            f"{len(lines)} line{'s' if len(lines) != 1 else ''}"
        return f"{shown}  ⋯"

    def paintEvent(self, event) -> None:  # noqa: N802, ANN001
        if self._after_paint:
            QTimer.singleShot(0, self, self._run_after_paint)
        super().paintEvent(event)
        # Finding the cut line costs a hit test and a layout walk (~0.1 ms): a key's repaint is
        # usually one line well above the bottom edge, where nothing this blanks was drawn.
        viewport = self._viewport
        height = viewport.height()
        painted_to = event.rect().bottom()
        reaches_bottom = painted_to >= height - CUT_SEARCH_LINES * self._line_spacing
        if not reaches_bottom:
            cut = None
        elif self._blanked_from is not None and painted_to < height - 1:
            # A key typed on the line just above the blank (at the foot of the page, where writers
            # type): the line the edge cuts is where it was found last time, since anything that
            # moves it (a line added above it, a scroll, a resize, a new look) repaints down to the
            # bottom edge, where it is found again. Finding it cost a hit test and a layout walk.
            cut = self._blanked_from
        else:
            cut = self._blanked_from = self.cut_line_top()
        if cut is not None and painted_to < cut:
            # Nothing was drawn below the cut line (a key typed on a line above it, the paragraph
            # ending there): the blank painted under it before is still there, and a painter
            # opened to paint it again cost a Python QPainter and a fill on most keys.
            cut = None
        if not self._folded_blocks and cut is None:
            return
        painter = QPainter(viewport)
        if self._folded_blocks:
            self._paint_fold_summary(painter)
        if cut is not None:
            colour = self._page_colour
            if colour is None:
                colour = self._page_colour = viewport.palette().color(viewport.backgroundRole())
            painter.fillRect(0, cut, viewport.width(), height - cut, colour)
        painter.end()

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802 - Qt override
        """Qt scrolls by moving the pixels already drawn and painting only the strip that comes
        into view, so the blank left over the line at the bottom edge would move up with the
        text and hide a whole line (and, step after step, stripe the page). Repaint from where
        that blank has moved to, down to the bottom edge, where the new cut line is found."""
        # Plain-text geometry is measured from the top paragraph, which the scroll changes: follow
        # one paragraph's place on screen across it to learn how far the pixels moved.
        anchor = self.firstVisibleBlock()
        before = self.blockBoundingGeometry(anchor).translated(self.contentOffset()).top()
        super().scrollContentsBy(dx, dy)
        viewport = self.viewport()
        height = viewport.height()
        if abs(self.firstVisibleBlock().blockNumber() - anchor.blockNumber()) > height:
            return  # a jump of more paragraphs than the page has pixels: Qt repaints it all
        moved = int(self.blockBoundingGeometry(anchor).translated(self.contentOffset()).top() - before)
        if not moved:
            return
        near_bottom = height - CUT_SEARCH_LINES * self._line_spacing
        top = near_bottom if self._blanked_from is None else min(self._blanked_from + moved, near_bottom)
        top = max(top, 0)
        viewport.update(0, top, viewport.width(), height - top)

    def _paint_fold_summary(self, painter: QPainter) -> None:
        first = self.document().firstBlock()
        rect = self.blockBoundingGeometry(first).translated(self.contentOffset())
        if rect.bottom() < 0 or rect.top() > self.viewport().height():
            return
        painter.setPen(self._theme.color("faint"))
        metrics = self.fontMetrics()
        x = rect.left() + self.document().documentMargin() + metrics.horizontalAdvance(first.text() + "  ")
        painter.drawText(int(x), int(rect.top() + self.document().documentMargin() + metrics.ascent()),
                         self.front_matter_summary())

    def cut_line_top(self) -> int | None:
        """Where the line the viewport's bottom edge runs through begins, if it does run through one.

        The page never shows half a line: the line the edge would cut is left blank, and the page's
        bottom margin simply looks a line taller. Qt scrolls to make the cursor's whole line
        visible, so the writer never types into the blank. Lines have their own heights
        (headings are larger), so the line is found in the layout, not by arithmetic: each line's
        top is its paragraph's place on screen plus the line's place in the paragraph's layout,
        which is where Qt draws it (and what ``cursorRect`` reports, at many times the cost).
        """
        bottom = self.viewport().height()
        hit = self.cursorForPosition(QPoint(1, bottom - 1))
        block = hit.block()
        offset = self.contentOffset()
        if block.isVisible():
            # Usually the hit lands on the very line the edge runs through: ask the layout for that
            # line alone (walking every line of the paragraph in Python ran on most repaints).
            layout = block.layout()
            line = layout.lineForTextPosition(hit.position() - block.position())
            if line.isValid():
                line_top = (self.blockBoundingGeometry(block).translated(offset).top() + layout.position().y()
                            + line.y())
                if 0 < line_top < bottom < line_top + line.height() - 0.5:
                    return int(line_top)
        for candidate in (block, block.previous()):
            if not candidate.isValid() or not candidate.isVisible():
                continue
            layout = candidate.layout()
            top = self.blockBoundingGeometry(candidate).translated(offset).top() + layout.position().y()
            for index in range(layout.lineCount()):
                line = layout.lineAt(index)
                line_top = top + line.y()
                if 0 < line_top < bottom < line_top + line.height() - 0.5:
                    return int(line_top)
        return None

    def reset_tracking(self, held: str | None = None, *, single_units: bool = False) -> None:
        """After loading a text wholesale: the next edit is measured from here. ``held``: the
        text just put in the page, as the page holds it (saves reading it back);
        ``single_units``: the caller found that it has no astral character (no need to look)."""
        self._last_revision = self.document().revision()
        self._length = self.document().characterCount() - 1
        self._block_words = None
        self._block_astral = None
        self._astral_total = 0
        if not single_units and has_astral(self.document().toRawText() if held is None else held):
            self._count_astral()
        self._folded_blocks = 0  # a new text: every paragraph starts visible
        self._front_matter_cache = None
        self._update_fold()

    def _forget_words(self, position: int, added: int) -> None:
        """Mark the paragraphs an edit touched as uncounted; the others keep their count."""
        counts = self._block_words
        if counts is None:
            return
        touched = self._touched_blocks(position, added, len(counts))
        if touched is None:
            self._block_words = None  # something unexpected: count everything next time
            return
        first, last_old, last_new = touched
        counts[first:last_old + 1] = [None] * (last_new - first + 1)

    # -- text in and out ----------------------------------------------------------------------
    def setPlainText(self, text: str) -> None:  # noqa: N802 - Qt override
        """Load ``text`` so that :meth:`raw_text` gives it back exactly (Qt's frame markers
        U+FDD0/U+FDD1 are held as stand-ins; see :func:`quill.utf16.to_editor`)."""
        held = to_editor(text)
        self._typing_at = None
        removed = self.text_length()
        # Qt reports the replacement as two changes under one revision (all removed, then all
        # inserted), and _on_contents_change takes a second report of a revision for a repaint:
        # listeners heard "everything deleted" and nothing more. Outside a load (which listeners
        # ignore), a journal would have recorded exactly that. The replacement is one edit.
        self._replacing = True
        self._fit_wrap(held, keep=False)  # before the text goes in: it is laid out once, in the right mode
        try:
            self._markers_held = held is not text
            if held.count("\n") < LAZY_FROM_BLOCKS:
                super().setPlainText(held)
            else:
                # A long piece: its paragraphs get their formats on screen first and the rest on
                # the event loop once the page is painted (see quill/ui/editor/highlighter.py).
                self.highlighter.load_lazily(lambda: super(WritingEditor, self).setPlainText(held))
        finally:
            self._replacing = False
        single_units = all_single_units(held)  # the usual answer: one scan instead of two
        self.reset_tracking(held, single_units=single_units)
        # What the page now holds: Qt turns CR, CRLF and its frame markers into paragraph breaks,
        # and a lone surrogate (not a character; no file decodes to one) does not come back out.
        exact = not any(mark in held for mark in "\r\u2029\ufdd0\ufdd1") and (
            single_units or not LONE_SURROGATE.search(held))
        self._loaded_text = text
        self._loaded_revision = self._last_revision if exact and not self._markers_held else None
        self._tell_listeners(0, removed, text if exact else self.raw_text())
        if self.highlighter.pending:
            self.highlight_visible()
            self.after_next_paint(self.highlighter.highlight_rest)

    def _fit_wrap(self, text: str, *, keep: bool) -> None:
        """Wrap at word boundaries only while the page holds a run without spaces long enough to
        make Qt's layout crawl (:data:`UNBROKEN_RUN_CHARS`); ``keep``: only ever switch to it (a
        paste adds to the page, a load replaces it)."""
        unbroken = has_unbroken_run(text)
        if keep and not unbroken:
            return
        self.unbroken_run = unbroken
        mode = QTextOption.WrapMode.WordWrap if unbroken else QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
        if self.wordWrapMode() != mode:
            self.setWordWrapMode(mode)

    def _on_scrolled(self) -> None:
        if self.highlighter.pending:  # a jump before the slices got there: what comes into view first
            self.highlight_visible()

    def highlight_visible(self) -> None:
        """After a lazy load, give the paragraphs on screen their formats now (the cursor and
        scroll position may have moved since; a whole screen of lines is done, whatever the
        window's size turns out to be)."""
        if not self.highlighter.pending:
            return
        screen = self.screen()
        height = max(self.viewport().height(), screen.size().height() if screen is not None else 0)
        lines = height // max(1, self.fontMetrics().lineSpacing()) + 8
        self.highlighter.highlight_blocks(self.firstVisibleBlock(), lines)

    def raw_text(self) -> str:
        """The exact text: toRawText keeps non-breaking spaces that toPlainText would flatten.

        Until the first edit after a load the loaded string is the answer, shared, not copied:
        the features installed after the first paint each read the text once (a 100,000-word
        piece takes ~10 ms to copy out of Qt)."""
        if self._loaded_revision is not None and self._loaded_revision == self._last_revision:
            return self._loaded_text
        text = self.document().toRawText().replace("\u2029", "\n")
        return from_editor(text) if self._markers_held else text

    def word_count(self) -> int:
        """Words in the piece: the body, without front matter or markup syntax (the library's
        and the statistics' definition too). Only paragraphs edited since the last call are
        counted again, so asking after every pause costs the same in a 200,000-word book as in
        a short note."""
        document = self.document()
        counts = self._block_words
        if counts is None or len(counts) != document.blockCount():
            counts = self._block_words = [None] * document.blockCount()
            block = document.firstBlock()
            index = 0
            while block.isValid():
                counts[index] = count_words(block.text())
                block = block.next()
                index += 1
        else:
            index = -1
            while True:
                try:
                    index = counts.index(None, index + 1)
                except ValueError:
                    break
                counts[index] = count_words(document.findBlockByNumber(index).text())
        return sum(counts) - sum(counts[:self._front_matter_blocks()])

    def _front_matter_blocks(self) -> int:
        """How many paragraphs at the top are front matter (0 without a closed block).

        Asked on every cursor move (folding) and word count; the answer is kept until an edit
        reaches the paragraphs it was read from (usually just the first)."""
        cached = self._front_matter_cache
        if cached is not None:
            return cached[0]
        read_to = 0

        def texts() -> Iterator[str]:
            nonlocal read_to
            block = self.document().firstBlock()
            while block.isValid():
                read_to = block.position() + block.length()
                yield block.text()
                block = block.next()

        count = front_matter_paragraphs(texts())
        self._front_matter_cache = (count, read_to)
        return count

    @property
    def loaded_text(self) -> str:
        """The text last put in the page by :meth:`setPlainText` (not a copy; edits since are not in it)."""
        return self._loaded_text

    @staticmethod
    def count_loaded_words(text: str) -> int:
        """What :meth:`word_count` said right after ``setPlainText(text)``, from the string alone:
        the session's baseline for a piece, counted after the first paint, whatever was typed
        meanwhile. Paragraphs are split where Qt splits them (CR LF, LF, CR, U+2029 and its frame
        markers; U+2028 stays inside a paragraph); a test holds the two counts together."""
        paragraphs = PARAGRAPH_BREAKS.split(to_editor(text))
        skipped = front_matter_paragraphs(paragraphs)
        return sum(count_words(paragraph) for paragraph in paragraphs[skipped:])

    @property
    def words_counted(self) -> bool:
        """Whether :meth:`word_count` is cheap now: every paragraph counted before, or a short
        text whose count needs no compiling (the word rule for text beyond ASCII compiles on first
        use, ~9 ms the first window need not wait for)."""
        if self._block_words is not None:
            return True
        return self.document().blockCount() < LAZY_FROM_BLOCKS and (
            WORD_RE.is_compiled or (self._loaded_revision == self._last_revision and self._loaded_text.isascii()))

    # -- after the page is painted -------------------------------------------------------------
    def after_next_paint(self, callback: Callable[[], None], fallback_ms: int = REST_FALLBACK_MS) -> None:
        """Run ``callback`` once the page has been painted (on the next turn of the event loop),
        or after ``fallback_ms`` if it is not painted by then (hidden, minimised). For work a
        writer need not wait for before seeing the page."""
        self._after_paint.append(callback)
        QTimer.singleShot(fallback_ms, self, self._run_after_paint)

    def _run_after_paint(self) -> None:
        """One waiting callback per turn of the event loop: a key pressed meanwhile goes between."""
        if self._after_paint:
            self._after_paint.pop(0)()
        if self._after_paint:
            QTimer.singleShot(0, self, self._run_after_paint)

    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802 - Qt override
        """Remember what this page put on the clipboard (cut or copy): pasting it back is the
        writer moving their own words, not pasting someone else's."""
        data = super().createMimeDataFromSelection()
        self._own_clipboard = data.text() if data.hasText() else None
        return data

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 - Qt override
        """Paste as plain text only, and let the session know these words were pasted, not typed
        (unless they are the writer's own, cut or copied from this page: a move)."""
        text = source.text() if source.hasText() else ""
        if not text and source.hasHtml():
            # Some programs offer only HTML (no plain text at all): its words, as plain text. Before
            # this the paste did nothing, and the writer was left to wonder where the words went.
            text = QTextDocumentFragment.fromHtml(source.html()).toPlainText()
        own = text and text == getattr(self, "_own_clipboard", None)
        # A NUL would be saved into a file Quill then refuses to open as binary: whatever the
        # editor accepts must round-trip, so it becomes the visible symbol for NUL (U+2400).
        text = text.replace("\x00", "\u2400")
        if self._would_confuse_stand_ins(text):
            self.paste_refused.emit(
                "Nothing was pasted: the text holds U+FDD0 or U+FDD1 (characters Qt's editor uses for itself) or "
                "U+10FFF0 or U+10FFF1, and this page already holds the other kind. Quill keeps the first as the "
                "second while you write, so it could not tell them apart again.")
            return
        held = to_editor(text)
        if held is not text:
            self._markers_held = True
            text = held
        if text:
            if not own:
                self.pasted_text.emit(text)
            self._fit_wrap(text, keep=True)
            cursor = self.textCursor()
            cursor.beginEditBlock()  # a step of its own: Qt merges a bare insert into the typing before it
            cursor.insertText(text)
            cursor.endEditBlock()

    def _would_confuse_stand_ins(self, pasted: str) -> bool:
        """Whether pasting ``pasted`` would put Qt's frame markers and the code points that stand in for
        them on the page together, where the way out (:func:`quill.utf16.from_editor`) would turn
        one into the other. The page is read only when the paste holds one of the four (rare)."""
        markers = "\ufdd0" in pasted or "\ufdd1" in pasted
        stand_ins = "\U0010fff0" in pasted or "\U0010fff1" in pasted
        if not (markers or stand_ins):
            return False
        if markers and stand_ins:
            return True
        if stand_ins:
            return self._markers_held  # the page's markers are held as these very code points
        if self._markers_held:
            return False  # the page's stand-ins are its own markers: the pasted ones join them
        page = self.document().toRawText()
        return "\U0010fff0" in page or "\U0010fff1" in page  # the writer's own, which would come out as markers

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802
        return source.hasText() or source.hasHtml()

    def keyPressEvent(self, event) -> None:  # noqa: N802, ANN001
        """Shift+Enter starts a new line like Enter: Qt's own U+2028 line separator is not a
        newline in a markdown file, and other programs would show it as an odd character."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.textCursor().insertText("\n")
            self.ensureCursorVisible()
            return
        text = event.text()
        # a character typed: not a control character (Tab, Backspace, Enter, Esc; any space counts),
        # with no modifier that makes the key a command
        if text and text >= " " and event.modifiers() in _TYPING_MODIFIERS and not "\x7f" <= text[0] <= "\x9f":
            self._type_grouped(event, text)
            return
        self._typing_at = None
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            self.escape_pressed.emit()
        super().keyPressEvent(event)

    def _type_grouped(self, event, text: str) -> None:  # noqa: ANN001
        """Type one character so that Ctrl+Z takes back the last word, not the whole paragraph.

        Qt merges an unbroken run of typing into one undo step: a writer who typed a paragraph
        and pressed Ctrl+Z to take back a word lost all of it (found on a review). Each word and
        the spaces and punctuation after it are one step here: a character starts a new step
        when it starts a word after a space (spaces typed before the step's first word go with
        that word), or when anything but this typing changed the text since (a paste, undo, a
        replacement). Qt merges typing only into a *modified* document's last step, so marking
        the document unmodified just before the key starts a step, and typing, layout and
        scrolling stay Qt's own. (Quill keeps its own record of what is saved, never Qt's flag.)
        The revision is the one _on_contents_change noted for the last edit, not asked of Qt."""
        word = not text.isspace()
        if self._typing_at != self._last_revision or (word and self._typed_space and self._step_has_word):
            self.document().setModified(False)
            self._step_has_word = word
        else:
            self._step_has_word |= word
        super().keyPressEvent(event)
        self._typed_space = not word if len(text) == 1 else text[-1].isspace()
        self._typing_at = self._last_revision

    def keyReleaseEvent(self, event) -> None:  # noqa: N802, ANN001
        """Taken here: Qt passes an editor's key releases up to every parent and its event filters
        (the open voice panel's, the window's), which entered Python on every key for nothing."""
        super().keyReleaseEvent(event)
        event.accept()

    def focusOutEvent(self, event) -> None:  # noqa: N802, ANN001
        super().focusOutEvent(event)
        self.focus_lost.emit()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802, ANN001
        super().mouseMoveEvent(event)
        self.mouse_moved.emit()
