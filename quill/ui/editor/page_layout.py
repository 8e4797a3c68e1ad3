"""The editor's document layout: Qt's plain-text layout, without repainting the whole page for a key.

Typing in a paragraph that shows any markdown (a dimmed list bullet, an emphasis, a heading's
marker, a spelling underline) repainted the whole page on every key, and laid the paragraph out
twice. ``QSyntaxHighlighter`` sets a paragraph's formats again after every edit whenever it has
any, even unchanged. Setting them throws the paragraph's lines away, so its old height is gone,
and the re-format is merged into the edit's report as the whole paragraph removed and added again,
which ``QPlainTextDocumentLayout.documentChanged`` reads as reaching past the paragraph: it asks
for the whole page. Measured with keys 100 ms apart at 100,000 words: 1.6-1.8 ms of CPU a key in
plain prose, 2.3-2.9 ms in a paragraph with one ``*emphasis*`` before the cursor (1.7 with this).

Here the paragraph's height before the edit is noted (:meth:`note_lines`, while its old lines are
still there), and a change inside one paragraph takes Qt's one-paragraph path, which repaints
that paragraph alone; if its height changed, the page is repainted as before, since everything
below it moved.
"""

from __future__ import annotations

from PySide6.QtGui import QTextBlock, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout


class PageLayout(QPlainTextDocumentLayout):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        #: (the paragraph's position, the bottom of its lines) just before an edit or new formats
        self._before: tuple[int, float] | None = None
        self._blocks = document.blockCount()  # as Qt's layout last saw them

    def note_lines(self, block: QTextBlock) -> None:
        """Note ``block``'s height before a change inside it that may throw its lines away (one
        edit or one re-highlight; the next ``documentChanged`` takes the note, whatever it is for)."""
        layout = block.layout()
        self._before = (block.position(), layout.boundingRect().bottom()) if layout.lineCount() else None

    def forget(self) -> None:
        """No change came of the noted one (nothing to re-format): the note must not outlive it."""
        self._before = None

    def documentChanged(self, position: int, removed: int, added: int) -> None:  # noqa: N802 - Qt's
        before, self._before = self._before, None
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
