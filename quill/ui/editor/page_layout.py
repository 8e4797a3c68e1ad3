"""The editor's document layout: Qt's plain-text layout, repainting as little as a key changed.

Two repaints Qt makes on a key are wider than what the key changed:

- Typing in a paragraph that shows any markdown (a dimmed list bullet, an emphasis, a heading's
  marker, a spelling underline) repainted the whole page, and laid the paragraph out twice.
  ``QSyntaxHighlighter`` sets a paragraph's formats again after every edit whenever it has any,
  even unchanged. Setting them throws the paragraph's lines away, so its old height is gone, and
  the re-format is merged into the edit's report as the whole paragraph removed and added again,
  which ``QPlainTextDocumentLayout.documentChanged`` reads as reaching past the paragraph: it asks
  for the whole page. Measured with keys 100 ms apart at 100,000 words: 1.6-1.8 ms of CPU a key in
  plain prose, 2.3-2.9 ms in a paragraph with one ``*emphasis*`` before the cursor (1.7 with this).
- In a paragraph of plain prose Qt repaints the whole paragraph, every line of it, though a key
  typed in the middle of a line changes only that line unless the words wrap differently. Drawing
  the text is most of what Qt does for a key: a hundred-word paragraph is five or six lines.

Here the paragraph's height before the edit is noted (:meth:`note_lines`, while its old lines are
still there), and a change inside one paragraph takes Qt's one-paragraph path, which repaints
that paragraph alone; if its height changed, the page is repainted as before, since everything
below it moved. For a character typed into a paragraph without formats, the line it went into is
noted too: if afterwards that line starts where it did and ends one character later, no word
wrapped differently, every other line of the paragraph is as it was, and only that line is
repainted (``repaint_line``, the editor's).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QTextBlock, QTextDocument, QTextLine
from PySide6.QtWidgets import QPlainTextDocumentLayout

#: A paragraph with formats has them compared before and after a key (each read is a copy of
#: every format through the bindings) only when repainting it whole would cost more: from this
#: many lines (measured with bench_instructions.py: a three-line paragraph is cheaper repainted).
FORMATS_COMPARED_FROM_LINES = 4


class PageLayout(QPlainTextDocumentLayout):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        #: (the paragraph's position, the bottom of its lines) just before an edit or new formats
        self._before: tuple[int, float] | None = None
        #: (the paragraph, where a character is typed, its line's start and end) before the key
        self._typed_line: tuple[QTextBlock, int, int, int, list] | None = None
        self._blocks = document.blockCount()  # as Qt's layout last saw them
        #: Repaints one line of a paragraph where the page shows it (set by the editor); without
        #: it the whole paragraph is repainted, as Qt does.
        self.repaint_line: Callable[[QTextBlock, QTextLine], None] | None = None

    def note_lines(self, block: QTextBlock) -> None:
        """Note ``block``'s height before a change inside it that may throw its lines away (one
        edit or one re-highlight; the next ``documentChanged`` takes the note, whatever it is for)."""
        layout = block.layout()
        self._before = (block.position(), layout.boundingRect().bottom()) if layout.lineCount() else None
        self._typed_line = None

    def note_typed(self, block: QTextBlock, typed_at: int, typed: str = "") -> None:
        """:meth:`note_lines` for one character (``typed``) just typed into ``block`` at document
        position ``typed_at`` (on every key): where the line it goes into starts and ends is noted
        too, and the paragraph's formats, for :meth:`documentChanged` to repaint that line alone."""
        layout = block.layout()
        count = layout.lineCount()
        if not count:
            self._before = self._typed_line = None
            return
        position = block.position()
        self._before = (position, layout.boundingRect().bottom())
        self._typed_line = None
        at = typed_at - position
        line = layout.lineForTextPosition(at)  # the old lines: where the key goes in
        if not line.isValid():  # at the end of the paragraph: Qt checks against the new text
            line = layout.lineAt(count - 1)
        start = line.textStart()
        end = start + line.textLength()
        formats = layout.formats()
        if start <= at <= end and (not formats or count >= FORMATS_COMPARED_FROM_LINES) \
                and not (start == 0 and _strong(typed) and turns_paragraph(block.text(), typed, at)):
            self._typed_line = (block, typed_at, start, end, formats)

    def forget(self) -> None:
        """No change came of the noted one (nothing to re-format): the note must not outlive it."""
        self._before = self._typed_line = None

    def documentChanged(self, position: int, removed: int, added: int) -> None:  # noqa: N802 - Qt's
        before, self._before = self._before, None
        typed = self._typed_line
        if typed is not None:
            self._typed_line = None
            if position == typed[1] and removed == 0 and added == 1:  # the key alone: nothing merged in
                self._one_line_changed(typed, before[1], position, 1)
                return
            block = typed[0]
            if typed[4] and block.position() <= position and position + added <= block.position() + block.length():
                # The key, and the highlighter setting the paragraph's formats again (reported as
                # the whole paragraph removed and added): the paragraph's lines may be gone.
                self._one_line_changed(typed, before[1], position, added)
                return
        document = self.document()
        blocks = document.blockCount()
        known, self._blocks = self._blocks, blocks
        if before is not None and blocks == known:
            block = document.findBlock(position)
            if block.position() == before[0] and position + max(added, 1) <= before[0] + block.length():
                # One paragraph changed, whatever Qt merged into the report (the highlighter's
                # formats report the whole paragraph as removed and added again, which Qt reads as
                # reaching past it). Laid out now if the new formats took its lines (some Qt releases
                # take their one-paragraph path only for a paragraph with lines); that path repaints
                # the paragraph alone.
                self.blockBoundingRect(block)
                super().documentChanged(position, 0, added)
                if block.layout().boundingRect().bottom() != before[1]:
                    self.requestUpdate()  # a new height: everything below it moved
                return
        super().documentChanged(position, removed, added)

    def _one_line_changed(self, typed: tuple[QTextBlock, int, int, int, list], bottom: float, position: int,
                          added: int) -> None:
        """One character typed into a paragraph, no break (the paragraphs are as many as before):
        Qt's one-paragraph path lays it out, without its repaint of the whole paragraph (its
        signals held), and only the line the character went into is repainted when nothing else
        changed. That is when the line still starts where it did (so every line above it is as it
        was, laid out from the same text) and ends one character later (so every line below
        starts at the same word), and every format reaching beyond the line is the one it had
        before, moved along by the character (:func:`formats_kept`)."""
        block, typed_at, start, end, formats = typed
        self.blockSignals(True)
        try:
            self.blockBoundingRect(block)  # laid out now if new formats took its lines
            super().documentChanged(position, 0, added)
        finally:
            self.blockSignals(False)
        layout = block.layout()
        if layout.boundingRect().bottom() != bottom:
            # A line more or fewer: what Qt's path would have said (the size for the scroll bar,
            # and the whole page, since everything below the paragraph moved).
            self.documentSizeChanged.emit(self.documentSize())
            self.requestUpdate()
            return
        at = typed_at - block.position()
        line = layout.lineForTextPosition(at)
        repaint = self.repaint_line
        if repaint is not None and line.isValid() and line.textStart() == start \
                and line.textLength() == end + 1 - start \
                and (not formats and added == 1 or formats_kept(formats, layout.formats(), at, start, end + 1)):
            repaint(block, line)
        else:
            self.updateBlock.emit(block)  # words wrapped differently, or a look changed: the paragraph


def formats_kept(before: list, after: list, at: int, line_start: int, line_end: int) -> bool:
    """Whether a paragraph's formats, ``before`` and ``after`` one character was typed at ``at``,
    differ only within the line it went into (``line_start`` to ``line_end`` after the key, in
    the paragraph's UTF-16 units). A format beyond ``at`` moved along by one; one around it grew."""
    if not before and not after:
        return True

    def beyond_line(start: int, length: int) -> bool:
        return start < line_start or start + length > line_end

    moved = []
    for r in before:
        start, length = r.start, r.length
        if start >= at:
            start += 1
        elif start + length > at:
            length += 1
        if beyond_line(start, length):
            moved.append((start, length, r.format))
    now = [(r.start, r.length, r.format) for r in after if beyond_line(r.start, r.length)]
    return moved == now


_bidirectional: Callable[[str], str] | None = None  # unicodedata's, loaded at the first key that asks


def _strong(char: str) -> str:
    """"L" or "R" for a letter that sets a paragraph's direction (Unicode's strong types), else "".
    (unicodedata is loaded when first needed: the first window waits for no module it does not use.)"""
    global _bidirectional
    if _bidirectional is None:
        import unicodedata

        _bidirectional = unicodedata.bidirectional
    kind = _bidirectional(char) if len(char) == 1 else ""
    return "R" if kind in ("R", "AL") else "L" if kind == "L" else ""


def turns_paragraph(text: str, typed: str, at: int) -> bool:
    """Whether ``typed``, just put at UTF-16 offset ``at`` of a paragraph now reading ``text``, turned
    the paragraph's direction: a paragraph runs the way its first letter does, so "שלום" typed
    before "Morning" turns every line of it right to left, and each line must be drawn again, not
    only the one typed in (found by a random sweep). Asked only for a strong letter typed into a
    paragraph's first line; an earlier letter (almost always its first character) settles it."""
    mine = _strong(typed)
    index = offset = 0  # the code point at UTF-16 offset ``at``, and the offset so far
    while offset < at and index < len(text):
        if _strong(text[index]):
            return False  # a letter before it decides the direction, as it did before
        offset += 2 if ord(text[index]) > 0xFFFF else 1
        index += 1
    for char in text[index + 1:]:
        other = _strong(char)
        if other:
            return other != mine
    return mine != "L"  # it is the paragraph's only letter: before it, the paragraph ran left to right
