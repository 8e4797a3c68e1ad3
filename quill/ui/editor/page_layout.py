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


class PageLayout(QPlainTextDocumentLayout):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        #: (the paragraph's position, the bottom of its lines) just before an edit or new formats
        self._before: tuple[int, float] | None = None
        #: (where in the paragraph a character is typed, its line's number, start and end) before it
        self._typed_line: tuple[int, int, int, int] | None = None
        self._blocks = document.blockCount()  # as Qt's layout last saw them
        #: Repaints one line of a paragraph where the page shows it (set by the editor); without
        #: it the whole paragraph is repainted, as Qt does.
        self.repaint_line: Callable[[QTextBlock, QTextLine], None] | None = None

    def note_lines(self, block: QTextBlock, typed_at: int = -1) -> None:
        """Note ``block``'s height before a change inside it that may throw its lines away (one
        edit or one re-highlight; the next ``documentChanged`` takes the note, whatever it is for).
        ``typed_at``: the document position of one character just typed into it, if that is the
        change; the line it went into is noted when the paragraph has no formats."""
        layout = block.layout()
        if not layout.lineCount():
            self._before = self._typed_line = None
            return
        self._before = (block.position(), layout.boundingRect().bottom())
        self._typed_line = None
        if typed_at >= 0 and self.repaint_line is not None and not layout.formats():
            at = typed_at - self._before[0]
            line = layout.lineForTextPosition(at)  # the old lines: where the key went in
            if not line.isValid():  # at the end of the paragraph: Qt checks against the new text
                line = layout.lineAt(layout.lineCount() - 1)
                if line.textStart() + line.textLength() != at:
                    return
            if line.isValid():
                start = line.textStart()
                self._typed_line = (at, line.lineNumber(), start, start + line.textLength())

    def forget(self) -> None:
        """No change came of the noted one (nothing to re-format): the note must not outlive it."""
        self._before = self._typed_line = None

    def documentChanged(self, position: int, removed: int, added: int) -> None:  # noqa: N802 - Qt's
        before, self._before = self._before, None
        typed, self._typed_line = self._typed_line, None
        document = self.document()
        blocks = document.blockCount()
        known, self._blocks = self._blocks, blocks
        if before is not None and blocks == known:
            block = document.findBlock(position)
            if block.position() == before[0] and position + max(added, 1) <= before[0] + block.length():
                if typed is not None and removed == 0 and added == 1 and position - before[0] == typed[0]:
                    self._one_line_changed(block, position, typed, before[1])
                    return
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

    def _one_line_changed(self, block: QTextBlock, position: int, typed: tuple[int, int, int, int],
                          bottom: float) -> None:
        """One character typed into a paragraph without formats: Qt's one-paragraph path lays it
        out, without its repaint of the whole paragraph (its signals held), and only the line
        the character went into is repainted when no word wrapped differently."""
        self.blockSignals(True)
        try:
            super().documentChanged(position, 0, 1)
        finally:
            self.blockSignals(False)
        layout = block.layout()
        if layout.boundingRect().bottom() != bottom:
            # A line more or fewer: what Qt's path would have said (the size for the scroll bar,
            # and the whole page, since everything below the paragraph moved).
            self.documentSizeChanged.emit(self.documentSize())
            self.requestUpdate()
            return
        at, number, start, end = typed
        line = layout.lineForTextPosition(at)
        if line.isValid() and line.lineNumber() == number and line.textStart() == start \
                and line.textStart() + line.textLength() == end + 1 and self.repaint_line is not None \
                and not layout.formats():
            self.repaint_line(block, line)
        else:
            self.updateBlock.emit(block)  # the words wrapped differently (or formats came): the paragraph
