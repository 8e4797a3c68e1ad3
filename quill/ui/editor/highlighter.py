"""Markdown shown quietly as you type: structure gets a hint of weight, markup characters fade.

Per block, regular expressions find the constructs; the multi-line states (fenced code,
front matter) travel in the block state so only touched paragraphs are re-examined. Whether the
top of the piece is front matter depends on the lines below its first (prose between two ``---``
rules is not, :mod:`quill.markup.frontmatter`), so an edit that changes the answer re-highlights
the paragraphs above it too.

A long piece is not highlighted whole as it loads: that was most of the time between opening a
100,000-word book and seeing it (60 of 66 ms). While it loads, each paragraph only gets its block
state (a few string tests), the paragraphs on screen are highlighted at once, and the whole text
right after the page is first painted (:meth:`MarkdownHighlighter.load_lazily`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from enum import IntEnum

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from quill.markup.frontmatter import front_matter_lines
from quill.markup.headings import FENCE, RULE, SETEXT_UNDERLINE
from quill.markup.lists import indent_columns, item_code_start, item_text_column
from quill.markup.pandoc import ATTRIBUTES, DEFINITION, DIV_TAG, FENCED_DIV
from quill.ui.shell.fonts import code_families
from quill.ui.shell.theme import Theme
from quill.utf16 import has_astral, utf16_from_index

log = logging.getLogger(__name__)


class BlockState(IntEnum):
    NORMAL = -1  # Qt's default for an unhighlighted block; a line of a paragraph
    FENCE_BACKTICK = 1
    FENCE_TILDE = 2
    FRONT_MATTER = 3
    #: Outside fences and front matter but no line of a paragraph (blank, a heading, a rule, a quote, a
    #: list item, code): "===" or "---" under it is no setext underline. Paragraph lines, the most
    #: common, keep Qt's default: a state that changes makes Qt highlight the next paragraph too, so
    #: a lazily loaded piece highlighted on screen would otherwise be highlighted to its end.
    NOT_PARAGRAPH = 4
    #: A quote's line, or a line going on with its paragraph (lazily, without the "> "): "===" or
    #: "---" under it is no setext underline either.
    CONTAINER = 5
    # A list item's line, or a line going on with the item (lazily, indented under it, or after a
    # blank line in the list), is in a state from LIST_BASE up; a blank line inside a list (or code
    # nested in an item) in one from GAP_BASE up. Both carry the text columns of the outermost and
    # innermost items open (list_state), which tell an item's later paragraph from code nested in
    # it, or from a paragraph that ends the list, as CommonMark and the voice do.


LIST_BASE = 1 << 12
GAP_BASE = 2 << 12  # a gap state is its list state + LIST_BASE
_COLUMNS = 64  # text columns are kept up to 63


def list_state(outer: int, inner: int) -> int:
    """The state of a list's line, the outermost open item's text at column ``outer``, the
    innermost's at ``inner``."""
    return LIST_BASE + min(outer, _COLUMNS - 1) * _COLUMNS + min(inner, _COLUMNS - 1)


def _columns(state: int) -> tuple[int, int]:
    """The (outer, inner) text columns a list or gap state carries."""
    return (state % LIST_BASE) // _COLUMNS, state % _COLUMNS


def _in_list(state: int) -> bool:
    return LIST_BASE <= state < GAP_BASE


HEADING = re.compile(r"^(#{1,6})([ \t]+)(.*?)([ \t]+#+[ \t]*)?$")
QUOTE = re.compile(r"^([ ]{0,3}>[ ]?)+")
_DEFINITION_STARTS = frozenset(" :")  # a definition line's first character (cheap test first)
LIST_MARK = re.compile(r"^[ \t]*([-*+]|\d{1,9}[.)])[ \t]+(\[[ xX]\][ \t]+)?")
EMPTY_ITEM = re.compile(r"^[ \t]*([-*+]|\d{1,9}[.)])[ \t]*$")  # a list item with nothing in it yet
CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)")
LINK = re.compile(r"(!?\[)([^\]\n]*)(\]\()([^)\s]*(?:\s+\"[^\"]*\")?)(\))")
AUTOLINK = re.compile(r"<(?:https?|mailto):[^>\s]+>")
FOOTNOTE = re.compile(r"\[\^[^\]\s]+\](?::)?")
FOOTNOTE_DEFINITION = re.compile(r"\[\^[^\]\s]+\]:")  # a note's definition, at a line's start
FOOTNOTE_TEXT_COLUMN = 4  # where a note's later paragraphs are indented to
STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
EMPHASIS = re.compile(r"(?<![\w*])(\*|_)(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![\w*])")
STRIKE = re.compile(r"(~~)(?=\S)(.+?)(?<=\S)~~")
INDENTED_CODE = re.compile(r"^(?: {4}| {0,3}\t)")  # four columns: spaces, or spaces up to a tab
# Pandoc's markup, common in converted archives (quill.markup.pandoc): fenced-div lines and raw div
# wrappers fade as a whole, an attribute block fades, and a backslash escape's backslash fades.
ESCAPE = re.compile(r"\\[!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~]")
INLINE_MARKS = "`<[*_~\\{"  # every inline pattern below needs one of these
INLINE_MARK = re.compile("[" + re.escape(INLINE_MARKS) + "]")  # one scan of a paragraph for any of them


#: A text with more paragraphs than this is highlighted lazily as it loads (below it, whole: a few ms).
LAZY_FROM_BLOCKS = 400

UNDERLINED_KEPT = 2000  # paragraph texts remembered as underlined before the stale ones are forgotten

FENCE_STARTS = ("---", "+++", "\ufeff---", "\ufeff+++")  # how a piece with front matter begins
#: How far below a paragraph's line its setext underline is looked for (lines of the same paragraph;
#: a longer paragraph is taken for no heading, all of it alike).
SETEXT_LOOKAHEAD = 1000


PROSE_STATES = (BlockState.NORMAL, BlockState.NOT_PARAGRAPH)  # after these, a line of letters is prose


def _after_letter(previous: int) -> int | None:
    """The state of a line starting with a letter under one in ``previous`` (None: work it out):
    a paragraph's first line, or (lazily) going on with a quote or a list item. After a blank line
    in a list, the list has ended: an item's own later paragraphs are indented."""
    if previous in PROSE_STATES or previous >= GAP_BASE:
        return BlockState.NORMAL
    if previous == BlockState.CONTAINER or previous >= LIST_BASE:
        return previous
    return None


def _goes_on_with(gap: int, text: str) -> int | None:
    """The text column of the item an indented line under the blank line in state ``gap`` goes on
    with (it is code when four columns further in), or None when it ends the list."""
    outer, inner = _columns(gap)
    column = indent_columns(text)
    if column < outer:
        return None
    return inner if column >= inner else outer


def _indented_code(text: str, previous: int, previous_text: str | None) -> bool:
    """Whether indented ``text`` is code: unless it goes on with a paragraph or a list item above
    (an indented line cannot break into a paragraph), it is."""
    if not INDENTED_CODE.match(text):
        return False
    if previous >= GAP_BASE:  # under a blank line in a list: code four columns past the item's text
        if not text.strip():
            return False
        column = _goes_on_with(previous, text)
        return column is None or indent_columns(text) >= column + 4
    return not ((previous in (BlockState.NORMAL, BlockState.CONTAINER) or _in_list(previous))
                and previous_text and previous_text.strip())


def _block_line(text: str, previous: int, previous_text: str | None) -> bool:
    """Whether ``text`` (outside front matter and fences) is blank or a block of its own line: a
    heading, a rule, a fence, a pandoc div or indented code."""
    if not text.strip() or FENCE.match(text) or RULE.match(text) or HEADING.match(text):
        return True
    if text[:1] in ": <" and (FENCED_DIV.match(text) or DIV_TAG.match(text)):
        return True
    return _indented_code(text, previous, previous_text)


def _starts_item(text: str, previous: int, previous_text: str | None) -> bool:
    """Whether ``text`` starts a list item. Under a line of a paragraph only a bullet with text or
    a list numbered from 1 does: an empty item or "2." there goes on with the paragraph."""
    in_paragraph = previous == BlockState.NORMAL and bool(previous_text)
    listed = LIST_MARK.match(text)
    if listed is None:
        return not in_paragraph and bool(EMPTY_ITEM.match(text))
    mark = listed.group(1)
    return not (in_paragraph and mark[0].isdigit() and int(mark[:-1]) != 1)


def _paragraph_line(text: str, previous: int, previous_text: str | None) -> bool:
    """Whether ``text`` (outside front matter and fences) can be a line of a paragraph: neither
    blank nor a block line of its own, nor a quote or a list item."""
    return not (_block_line(text, previous, previous_text) or QUOTE.match(text)
                or _starts_item(text, previous, previous_text))


def _line_state(previous: int, text: str, previous_text: str | None) -> int:
    """The state of a line outside front matter and fences that is no setext underline (see
    :class:`BlockState`): a paragraph's, a quote's or list item's (or going on with one), or neither."""
    if _block_line(text, previous, previous_text):
        if previous >= LIST_BASE and not text.strip():  # a blank line inside a list
            return GAP_BASE + previous % LIST_BASE
        if previous >= GAP_BASE and _indented_code(text, previous, previous_text):
            return previous  # code nested in an item: the list goes on after it
        return BlockState.NOT_PARAGRAPH
    if QUOTE.match(text) or previous == BlockState.CONTAINER:
        return BlockState.CONTAINER
    opened = None
    if _starts_item(text, previous, previous_text):
        listed = LIST_MARK.match(text) or EMPTY_ITEM.match(text)
        opened = item_text_column(text, listed.end(1))
    elif text[:1] in _DEFINITION_STARTS and DEFINITION.match(text):
        opened = item_text_column(text, text.index(":") + 1)  # a definition's paragraphs go on as an item's
    elif text[:2] == "[^" and FOOTNOTE_DEFINITION.match(text):
        # A footnote's later paragraphs are indented four columns under it, as the preview and the
        # exports read them: drawn as code, the second paragraph of a note looked broken (a review).
        opened = FOOTNOTE_TEXT_COLUMN
    if opened is not None:
        if previous >= LIST_BASE:  # an item inside the list, or the next one
            outer = _columns(previous)[0]
            if indent_columns(text) >= outer:
                return list_state(outer, opened)
        return list_state(opened, opened)
    if _in_list(previous):
        return previous
    if previous >= GAP_BASE and text[:1] in (" ", "\t"):
        column = _goes_on_with(previous, text)
        if column is not None:
            return list_state(_columns(previous)[0], column)
    return BlockState.NORMAL


#: what QTextDocument.characterAt gives for a paragraph's end (and the document's last one)
PARAGRAPH_BREAKS = ("\u2029", "\u2028", "\x00", "")


def _in_paragraph(block) -> bool:  # noqa: ANN001 - QTextBlock
    """Whether ``block`` is a highlighted line of a paragraph (see :class:`BlockState`)."""
    return block.isValid() and block.userState() == BlockState.NORMAL and bool(block.text().strip())


class MarkdownHighlighter(QSyntaxHighlighter):
    _edit_reported = Signal(int, int, int)  # an edit _after_edit may need to look at (queued to it)

    def __init__(self, document: QTextDocument, theme: Theme,
                 slot: Callable[[int, int, int], None] | None = None) -> None:
        """``slot``: connected to the document's ``contentsChange`` in place of :meth:`note_change`,
        before Qt's own slot; it must call :meth:`note_change` first thing. The editor passes its
        own, so an edit enters Python once for both (one entry a key fewer)."""
        super().__init__(document)
        self._astral_text: str | None = None  # the block being highlighted, when it holds astral characters
        self._prose = False  # the block being highlighted is prose (not code, front matter or a rule)
        #: Misspelled words of a paragraph of prose, as code-point spans (set by the spell checker).
        #: It only reads answers already known, so calling it on every keystroke costs microseconds.
        self.spelling: Callable[[str], list[tuple[int, int]]] | None = None
        #: Texts of blocks painted with an underline: turning spell check off repaints only those.
        self.underlined: set[str] = set()
        self._pending = False  # a lazily loaded text waits for its formats beyond the screen
        self._front_matter: tuple[int, int] | None = None  # (paragraphs, position read up to)
        #: The setext level last worked out, (paragraph number, level, document revision): the next
        #: line of the same paragraph, highlighted next in the same pass, has the same one.
        self._setext_memo: tuple[int, int, int] | None = None
        self._watched = document
        self._failed = False  # a paragraph could not be highlighted (logged once)
        self.set_theme(theme, rehighlight=False)
        # Told of every change before QSyntaxHighlighter's own slot formats the changed paragraphs
        # (connected first: Qt's connection is made again after it), so they see the new answer.
        self.setDocument(None)
        document.contentsChange.connect(slot or self.note_change)
        self.setDocument(document)
        # Queued: re-highlighting in the middle of the edit's report would reach the editor as a
        # change of the same revision before the edit itself, which it would then take for a repaint.
        # Posted by note_change, and only when there may be something to do.
        self._edit_reported.connect(self._after_edit, Qt.ConnectionType.QueuedConnection)

    def set_theme(self, theme: Theme, *, rehighlight: bool = True) -> None:
        self.theme = theme

        def fmt(color: str | None = None, *, bold: bool = False, italic: bool = False) -> QTextCharFormat:
            f = QTextCharFormat()
            if color:
                f.setForeground(theme.color(color))
            if bold:
                f.setFontWeight(QFont.Weight.Bold)
            if italic:
                f.setFontItalic(True)
            return f

        self.markup = fmt("dim")
        self.heading = fmt("accent", bold=True)
        self.heading_marker = fmt("dim", bold=True)
        self.strong = fmt(bold=True)
        self.emphasis = fmt(italic=True)
        self.strike = fmt("faint")
        self.strike.setFontStrikeOut(True)
        # A quote is prose the writer reads (often their own): quiet, never below 4.5:1 (it was 2.8:1)
        self.quote = fmt(italic=True)
        self.quote.setForeground(QColor(theme.legible("faint")))
        self.link_text = fmt("accent")
        self.link_text.setFontUnderline(True)
        self.link_text.setUnderlineColor(theme.color("dim"))
        self.code = QTextCharFormat()
        self.code.setFontFamilies(code_families())
        self.code.setFontFixedPitch(True)
        self.code.setBackground(theme.color("code_background"))
        self.code_block = QTextCharFormat(self.code)
        self.code_block.setForeground(theme.color("faint"))
        self.front_matter = fmt("faint")
        self.footnote = fmt("accent")
        self.footnote.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignNormal)
        self.misspelled = QTextCharFormat()
        self.misspelled.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self.misspelled.setUnderlineColor(theme.color("warning", 170))
        if rehighlight:
            self.rehighlight()

    # -- loading a long text lazily ---------------------------------------------------------
    def load_lazily(self, load: Callable[[], None]) -> None:
        """Run ``load`` (which replaces the document's text) with the highlighter detached, so Qt
        calls no Python for any paragraph; the caller then highlights what is on screen
        (:meth:`highlight_blocks`) and, once the page is painted, the whole text (:meth:`highlight_rest`).

        Re-attaching makes Qt queue a whole pass for the next turn of the event loop, which at
        launch comes before the first paint: that queued call is taken back (our own pass
        replaces it after the paint). Until then Qt's own flag holds back highlighting on edits,
        which the whole pass covers."""
        document = self.document()
        self.setDocument(None)
        try:
            load()
        finally:
            self.setDocument(document)
            QCoreApplication.removePostedEvents(self, QEvent.Type.MetaCall)
        self._pending = True

    @property
    def pending(self) -> bool:
        """A lazily loaded text still waits for its formats beyond the paragraphs on screen."""
        return self._pending

    def highlight_blocks(self, block, count: int) -> None:  # noqa: ANN001 - QTextBlock
        """Highlight ``count`` paragraphs from ``block`` now (those on screen after a lazy load).

        The paragraphs above have no block state yet: the one ``block`` starts in (inside front
        matter or a fenced block?) is worked out from their texts first."""
        if not block.isValid():
            return
        previous = block.previous()
        if previous.isValid():
            state, number, front = BlockState.NORMAL, 0, self.front_matter_paragraphs()
            paragraph, above = self.document().firstBlock(), None
            while paragraph.isValid() and paragraph != block:
                text = paragraph.text()
                state = self._next_state(state, text, above, number, front)
                paragraph, number, above = paragraph.next(), number + 1, text
            previous.setUserState(state)
        while block.isValid() and count > 0:
            self.rehighlightBlock(block)
            block, count = block.next(), count - 1

    def highlight_rest(self) -> None:
        """After a lazy load: every paragraph, in one pass (28 ms at 100,000 words).

        One pass, not slices between keys: Qt lays out at once a paragraph highlighted on its
        own (rehighlightBlock), so slices laid out the whole book off screen, +27 MB and four
        times the time; a whole pass leaves layouts to be made when paragraphs are shown."""
        if self._pending:
            self.rehighlight()

    def rehighlight(self) -> None:
        """Everything at once (a new theme, the rest of a lazy load): nothing waits afterwards."""
        self._pending = False
        super().rehighlight()

    # -- the per-block pass -------------------------------------------------------------------
    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        # The rules below measure in Python code points; Qt's formats count UTF-16 units. After an
        # emoji they differ, and a format ending between the halves of a pair drew it as two "�".
        self._astral_text = text if has_astral(text) else None
        self._prose = False
        try:
            self._highlight(text)
            if self.spelling is not None and self._prose:
                self._underline(text)
        except Exception:  # noqa: BLE001 - a look is not worth the writer's session
            # Raised here, an error goes back up through Qt's layout into the key or the load that
            # caused it (PySide passes it on), which crashed a test outright: a paragraph the rules
            # cannot read is left as it is drawn so far, and typing goes on.
            if not self._failed:
                self._failed = True
                log.exception("could not highlight a paragraph; it is shown plain")

    def _forget_gone_paragraphs(self) -> None:
        """Every pause while typing in a paragraph with a misspelling adds that paragraph's new text;
        over a day the old versions would pile up. Keep only texts still on the page (a rare walk)."""
        document = self.document()
        if document is None:
            return
        present = set()
        block = document.firstBlock()
        while block.isValid():
            present.add(block.text())
            block = block.next()
        self.underlined.intersection_update(present)

    def _underline(self, text: str) -> None:
        """A quiet wavy line under each misspelled word, on top of the markdown formats (per
        character, so a word half in bold keeps both)."""
        spans = self.spelling(text)
        if not spans:
            return
        self.underlined.add(text)
        if len(self.underlined) > UNDERLINED_KEPT:
            self._forget_gone_paragraphs()
        astral = self._astral_text
        for start, end in spans:
            if astral is not None:
                start, end = utf16_from_index(astral, start), utf16_from_index(astral, end)
            run_start = start
            while run_start < end:  # one format range per run of alike characters: each range
                base = self.format(run_start)  # splits Qt's layout, and costs on every paint
                run_end = run_start + 1
                while run_end < end and self.format(run_end) == base:
                    run_end += 1
                merged = QTextCharFormat(base)
                merged.merge(self.misspelled)
                QSyntaxHighlighter.setFormat(self, run_start, run_end - run_start, merged)  # UTF-16 units
                run_start = run_end

    def setFormat(self, start: int, count: int, fmt) -> None:  # noqa: N802, ANN001 - Qt's, in code points
        text = self._astral_text
        if text is not None:
            first = utf16_from_index(text, start)
            start, count = first, utf16_from_index(text, start + count) - first
        super().setFormat(start, count, fmt)

    # -- front matter ---------------------------------------------------------------------------
    def front_matter_paragraphs(self) -> int:
        """How many paragraphs at the top are front matter: read once, and again only after an
        edit reaches the lines it was read from (up to the closing fence, or to the first line
        that rules front matter out)."""
        known = self._front_matter
        if known is not None:
            return known[0]
        first = self._watched.firstBlock()
        read_to = first.position() + first.length()
        count = 0
        if first.text().startswith(FENCE_STARTS):
            def texts():  # noqa: ANN202
                nonlocal read_to
                block = first
                while block.isValid():
                    read_to = block.position() + block.length()
                    yield block.text()
                    block = block.next()

            count = front_matter_lines(texts())
        self._front_matter = (count, read_to)
        return count

    def note_change(self, position: int, removed: int, added: int, typed: str | None = None,
                    block=None) -> None:  # noqa: ANN001 - QTextBlock
        """Every report of the document's ``contentsChange``, before Qt's slot formats the paragraphs.

        For a one-character insertion the editor's slot passes the character (``typed``) and,
        unless it breaks a paragraph, its paragraph (``block``): it reads both anyway, and each
        read is a call through the bindings on every key."""
        known = self._front_matter
        if known is not None and position <= known[1]:
            self._front_matter = known = None
        memo = self._setext_memo
        if memo is not None and (removed != added or memo[2] != self._watched.revision()):
            self._setext_memo = None  # an edit, not formats being applied (a load may reuse a revision)
        if known is not None and removed == 0 and added == 1 and not self._pending:
            # A keystroke below the front matter, in the middle of a paragraph's text: the front
            # matter's paragraphs keep their looks, and the paragraph above (whose look an
            # underline typed here could change) is none. Nothing for _after_edit to do, so no
            # call is posted for it (one a key, most keys).
            document = self._watched
            if typed is None:
                typed = document.characterAt(position)
            if typed not in PARAGRAPH_BREAKS:
                above = (block if block is not None else document.findBlock(position)).previous()
                if not _in_paragraph(above):
                    return
        self._edit_reported.emit(position, removed, added)

    def _after_edit(self, position: int, removed: int, added: int) -> None:
        """Qt re-highlights from the edited paragraph on; two looks depend on lines further down.

        An edit may make the top of the piece front matter or take that away ("title: x" typed
        between two rules, a closing fence deleted): each top paragraph whose state says otherwise
        than the rule is highlighted again (Qt goes on to the next while their states change). And
        a paragraph is a heading when a setext underline ("===", "---") is right under it: an edit
        to the underline, or below the paragraph's first line, re-highlights its lines above the
        edit when their look changes. Runs once the edit has been reported."""
        if self.document() is None:
            return  # a long text loading detached: its formats come afterwards, whole
        count = self.front_matter_paragraphs()
        document = self._watched
        block, number = document.firstBlock(), 0
        while block.isValid():
            inside = number < count - 1  # the closing fence leaves the normal state behind it
            held = block.userState() == BlockState.FRONT_MATTER
            if held != inside:
                self.rehighlightBlock(block)
            elif not inside:
                break
            block, number = block.next(), number + 1
        above = document.findBlock(min(position, max(document.characterCount() - 1, 0))).previous()
        if not _in_paragraph(above) or (self._underline_below(above) > 0) == self._shows_heading(above):
            return
        first = above
        while _in_paragraph(first.previous()):
            first = first.previous()
        while _in_paragraph(first):  # the whole paragraph, from its first line down (see _setext_level)
            self.rehighlightBlock(first)  # its state stays: Qt goes no further down by itself
            first = first.next()

    @staticmethod
    def _next_state(previous: int, text: str, previous_text: str | None, number: int, front: int) -> int:
        """The block state paragraph ``number`` leaves for the next one: inside front matter (the
        first ``front`` paragraphs are), inside a fenced block, a line of a paragraph, or none of
        these (``previous_text``: the paragraph above, None for the first). :meth:`_highlight`
        sets the same states along with formats; a lazy load works out the state above the
        screen with this alone, and tests hold the two to the same answers."""
        if text[:1].isalpha() and (after := _after_letter(previous)) is not None:
            return after
        if number < front:
            return BlockState.FRONT_MATTER if number < front - 1 else BlockState.NOT_PARAGRAPH
        fence = FENCE.match(text)
        if previous in (BlockState.FENCE_BACKTICK, BlockState.FENCE_TILDE):
            fence_kind = BlockState.FENCE_BACKTICK if fence and fence.group(1)[0] == "`" else BlockState.FENCE_TILDE
            closes = fence is not None and fence_kind == previous and not text[fence.end():].strip()
            return BlockState.NOT_PARAGRAPH if closes else previous
        if fence:
            return BlockState.FENCE_BACKTICK if fence.group(1)[0] == "`" else BlockState.FENCE_TILDE
        if previous == BlockState.NORMAL and number > 0 and SETEXT_UNDERLINE.match(text):
            return BlockState.NOT_PARAGRAPH
        return _line_state(previous, text, previous_text)

    def _highlight(self, text: str) -> None:
        previous = self.previousBlockState()
        if text[:1].isalpha() and (after := _after_letter(previous)) is not None:
            # A paragraph of prose (this runs on every keystroke): no block construct starts
            # with a letter, so only inline markup is left to find, unless the line below makes
            # the paragraph a heading.
            lazy = after != BlockState.NORMAL  # going on with a quote's or a list item's paragraph
            self.setCurrentBlockState(after)
            self._prose = True
            if not lazy and self._setext_level(self.currentBlock(), text):
                self._setext_heading(text)
            else:
                self._inline(text)
            return
        block = self.currentBlock()

        if previous == BlockState.FRONT_MATTER or (text.startswith(FENCE_STARTS) and block.blockNumber() == 0):
            front, number = self.front_matter_paragraphs(), block.blockNumber()
            if number < front:
                self.setFormat(0, len(text), self.front_matter)
                self.setCurrentBlockState(BlockState.FRONT_MATTER if number < front - 1 else BlockState.NOT_PARAGRAPH)
                return
            previous = BlockState.NOT_PARAGRAPH  # a state left from before the edit that ended the front matter

        if previous in (BlockState.FENCE_BACKTICK, BlockState.FENCE_TILDE):
            self.setFormat(0, len(text), self.code_block)
            fence = FENCE.match(text)
            fence_kind = BlockState.FENCE_BACKTICK if fence and fence.group(1)[0] == "`" else BlockState.FENCE_TILDE
            closes = fence is not None and fence_kind == previous and not text[fence.end():].strip()
            if closes:
                self.setFormat(0, len(text), self.markup)
            self.setCurrentBlockState(BlockState.NOT_PARAGRAPH if closes else previous)
            return

        self.setCurrentBlockState(BlockState.NOT_PARAGRAPH)
        fence = FENCE.match(text)
        if fence:
            self.setFormat(0, len(text), self.markup)
            kind = BlockState.FENCE_BACKTICK if fence.group(1)[0] == "`" else BlockState.FENCE_TILDE
            self.setCurrentBlockState(kind)
            return

        if previous == BlockState.NORMAL and block.previous().isValid() and SETEXT_UNDERLINE.match(text):
            # A setext heading's underline ("===" or "---" right under a paragraph): its marks, as
            # quiet as an ATX heading's "#"s. (After a blank line, "---" is a rule; "===" is text.)
            self.setFormat(0, len(text), self.heading_marker)
            return

        if RULE.match(text) or (text[:1] in ": <" and (FENCED_DIV.match(text) or DIV_TAG.match(text))):
            self.setFormat(0, len(text), self.markup)
            return

        self._prose = True  # headings, quotes, lists and paragraphs from here on
        heading = HEADING.match(text)
        if heading:
            marker_end = heading.end(2)
            self.setFormat(0, marker_end, self.heading_marker)
            self.setFormat(marker_end, len(text) - marker_end, self.heading)
            if heading.group(4):
                self.setFormat(heading.start(4), len(heading.group(4)), self.heading_marker)
            if "{" in text:  # pandoc's "## Title {#id .class}"
                for m in ATTRIBUTES.finditer(text, marker_end):
                    self.setFormat(m.start(), m.end() - m.start(), self.heading_marker)
            return

        above = block.previous()
        above_text = above.text() if above.isValid() else None
        if _indented_code(text, previous, above_text):
            self.setFormat(0, len(text), self.code_block)
            self._prose = False
            if previous >= GAP_BASE:
                self.setCurrentBlockState(previous)  # code nested in an item: the list goes on after it
            return

        body_start = 0
        quote = QUOTE.match(text)
        if quote:
            self.setFormat(0, len(text), self.quote)
            self.setFormat(0, quote.end(), self.markup)
            body_start = quote.end()
        listed = LIST_MARK.match(text, body_start)
        if listed and (quote or _starts_item(text, previous, above_text)):
            self.setFormat(listed.start(1), listed.end() - listed.start(1), self.markup)
            code_at = item_code_start(text, listed.end(1))
            if code_at is not None:  # "-     x = 1": the item opens with code, as CommonMark reads it
                self.setFormat(code_at, len(text) - code_at, self.code_block)
                self._prose = False
                self.setCurrentBlockState(_line_state(previous, text, above_text))
                return
        elif not body_start and text[:1] in _DEFINITION_STARTS and (defined := DEFINITION.match(text)):
            self.setFormat(0, defined.end(), self.markup)  # a definition's ":" is markup, dim as a bullet
        state = _line_state(previous, text, above_text)
        self.setCurrentBlockState(state)
        if state == BlockState.NORMAL and self._setext_level(block, text):  # a line of a paragraph
            self._setext_heading(text)
            return

        self._inline(text)

    # -- setext headings ------------------------------------------------------------------------
    def _setext_level(self, block, text: str | None = None) -> int:  # noqa: ANN001 - QTextBlock
        """1 or 2 when the paragraph that paragraph line ``block`` belongs to is a setext heading
        ("===" or "---" right under its last line), else 0: the look of a line that depends on the
        lines below it (:meth:`_after_edit` re-highlights it when they change). The lines of one
        paragraph are highlighted one after the other and share the answer, worked out once: a
        hard-wrapped paragraph of n lines would otherwise read n * n lines."""
        number, revision = block.blockNumber(), self._watched.revision()
        memo = self._setext_memo
        if memo is not None and memo[0] == number - 1 and memo[2] == revision and _in_paragraph(block.previous()):
            level = memo[1]
        else:
            level = self._underline_below(block, text)
        self._setext_memo = (number, level, revision)
        return level

    def _underline_below(self, block, text: str | None = None) -> int:  # noqa: ANN001 - QTextBlock
        """The setext level of paragraph line ``block``'s paragraph, read from the lines below it.
        ``text``: the block's text when the caller has it (highlightBlock does: reading it again
        from the block copies the paragraph through the bindings on every key)."""
        previous_text = block.text() if text is None else text
        following = block.next()
        for _ in range(SETEXT_LOOKAHEAD):
            if not following.isValid():
                return 0
            text = following.text()
            if not text[:1].isalpha():  # (a line that starts with a letter goes on with the paragraph)
                underline = SETEXT_UNDERLINE.match(text)
                if underline:
                    return 1 if underline.group(1)[0] == "=" else 2
                if not _paragraph_line(text, BlockState.NORMAL, previous_text):
                    return 0
            previous_text, following = text, following.next()
        return 0

    def _setext_heading(self, text: str) -> None:
        """A line of a setext heading, styled as an ATX heading's text is."""
        self.setFormat(0, len(text), self.heading)
        if "{" in text:  # pandoc's "Title {#id .class}"
            for m in ATTRIBUTES.finditer(text):
                self.setFormat(m.start(), m.end() - m.start(), self.heading_marker)

    def _shows_heading(self, block) -> bool:  # noqa: ANN001 - QTextBlock
        """Whether paragraph line ``block`` is drawn as a heading now (the heading's colour and weight
        from its first character, whatever a misspelling underline added)."""
        colour = self.heading.foreground().color()
        return any(r.start == 0 and r.format.foreground().color() == colour
                   and r.format.fontWeight() == QFont.Weight.Bold for r in block.layout().formats())

    def _inline(self, text: str) -> None:
        # Most paragraphs of prose hold no inline markup at all: one scan for any of the marks saves
        # seven regex scans of the whole paragraph on every keystroke.
        if INLINE_MARK.search(text) is None:
            return
        protected: list[tuple[int, int]] = []

        def free(start: int, end: int) -> bool:
            return all(end <= a or start >= b for a, b in protected)

        for m in CODE_SPAN.finditer(text):
            self.setFormat(m.start(), m.end() - m.start(), self.code)
            self.setFormat(m.start(), len(m.group(1)), self.markup)
            self.setFormat(m.end() - len(m.group(1)), len(m.group(1)), self.markup)
            protected.append((m.start(), m.end()))
        for m in AUTOLINK.finditer(text):
            if free(m.start(), m.end()):
                self.setFormat(m.start(), m.end() - m.start(), self.markup)
                protected.append((m.start(), m.end()))
        for m in LINK.finditer(text):
            if not free(m.start(), m.end()):
                continue
            self.setFormat(m.start(1), len(m.group(1)), self.markup)
            self.setFormat(m.start(2), len(m.group(2)), self.link_text)
            self.setFormat(m.start(3), m.end() - m.start(3), self.markup)
            protected.append((m.start(3), m.end()))
        if "{" in text:
            for m in ATTRIBUTES.finditer(text):
                if free(m.start(), m.end()):
                    self.setFormat(m.start(), m.end() - m.start(), self.markup)
                    protected.append((m.start(), m.end()))
        if "\\" in text:
            for m in ESCAPE.finditer(text):
                if free(m.start(), m.end()):
                    self.setFormat(m.start(), 1, self.markup)  # the backslash fades; the character stays
        for m in FOOTNOTE.finditer(text):
            if free(m.start(), m.end()):
                self.setFormat(m.start(), m.end() - m.start(), self.footnote)
        for pattern, style in ((STRONG, self.strong), (STRIKE, self.strike), (EMPHASIS, self.emphasis)):
            for m in pattern.finditer(text):
                if not free(m.start(), m.end()):
                    continue
                mark = len(m.group(1))
                inner_start, inner_end = m.start() + mark, m.end() - mark
                self._merge(inner_start, inner_end - inner_start, style)
                self.setFormat(m.start(), mark, self.markup)
                self.setFormat(inner_end, mark, self.markup)

    def _merge(self, start: int, length: int, style: QTextCharFormat) -> None:
        """Add weight or slant on top of what is already there (bold inside a link stays a link)."""
        if length <= 0:
            return
        merged = QTextCharFormat(self.format(start))
        merged.merge(style)
        self.setFormat(start, length, merged)
