"""PDF through Qt's own printing support: QTextDocument → QPdfWriter. The only Qt in quill.export.

Imported only when a PDF is asked for. Works without a display: when no QGuiApplication
exists one is created, on the offscreen platform when there is no X11 or Wayland display.
Pages are laid out here rather than by ``QTextDocument.print`` so the margins are exactly
the ones asked for, with a quiet page number in the bottom margin.
"""

from __future__ import annotations

import math
import os
import re
import sys
from pathlib import Path

from quill.export.render import preview_html
from quill.export.styles import PAPER, Typography, qt_css

PAGE_SIZES = ("A4", "Letter")


def ensure_gui_application() -> object:
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        # A QApplication (not just a QGuiApplication), so that widgets can still be made later in
        # the same process: Qt cannot upgrade one into the other.
        from PySide6.QtWidgets import QApplication

        app = QApplication(["quill-export"])
    return app


def _register_fonts() -> None:
    from PySide6.QtGui import QFontDatabase

    from quill.resources import resource_path

    if getattr(_register_fonts, "done", False):
        return
    try:
        for path in sorted(resource_path("fonts").glob("*.ttf")):
            QFontDatabase.addApplicationFont(str(path))
    except FileNotFoundError:
        pass  # an incomplete install falls back to the system's serif
    _register_fonts.done = True  # type: ignore[attr-defined]


#: the blank between a bullet and the item's text, in ems of the item's font (a browser's "• ")
LIST_MARKER_GAP_EM = 0.45


def space_list_markers(document) -> None:  # noqa: ANN001 - QTextDocument
    """Give bullets a normal gap before the item's text, in the preview and the PDF alike.

    Qt's rich text draws a bullet one space's width left of the text, a quarter of an em in a
    book face, so the bullet touches the words. That space is measured in the block's own
    character format, which no text uses (the words carry their own), so it is widened there
    by stretching that font: its bullet stays the same size (it follows the line height) and a
    proportion holds at any resolution, screen or 600 dpi paper. Numbered lists keep Qt's
    "1. " (their numbers are drawn in that font and must not stretch).
    """
    from PySide6.QtGui import QFontInfo, QFontMetricsF, QTextCursor, QTextListFormat

    bullets = {QTextListFormat.Style.ListDisc, QTextListFormat.Style.ListCircle, QTextListFormat.Style.ListSquare}
    stretch_for: dict[str, int] = {}
    block = document.begin()
    while block.isValid():
        text_list = block.textList()
        if text_list is not None and text_list.format().style() in bullets:
            char_format = block.charFormat()
            font = char_format.font()
            key = font.key()
            if key not in stretch_for:
                space = QFontMetricsF(font).horizontalAdvance(" ")
                wanted = LIST_MARKER_GAP_EM * QFontInfo(font).pixelSize()
                stretch_for[key] = min(max(round(100 * wanted / space), 100), 400) if space > 0 else 100
            font.setStretch(stretch_for[key])
            char_format.setFont(font)
            QTextCursor(block).setBlockCharFormat(char_format)
        block = block.next()


MAX_PDF_PARAGRAPH_CHARS = 100_000  # Qt lays out and paints a paragraph once per page it spans


class PdfTooLong(ValueError):
    """A paragraph too long to lay out into pages in reasonable time; the message says what to do."""


def longest_paragraph(text: str) -> int:
    """The length of the longest line of ``text`` (a paragraph, for layout purposes)."""
    return max((len(line) for line in text.splitlines()), default=0)


def lay_out(markdown_text: str, writer, typography: Typography = PAPER,  # noqa: ANN001 - QPdfWriter
            base_dir: Path | None = None, smart: bool = True) -> tuple:
    """The piece as a QTextDocument laid out in pages for ``writer``: ``(document, page size, body font)``.

    The page is the writer's margin box less the room for the page number at its foot."""
    from PySide6.QtCore import QSizeF, QUrl
    from PySide6.QtGui import QFont, QTextDocument

    _register_fonts()
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    font = QFont()
    font.setFamilies(list(typography.body_fonts))
    font.setPointSizeF(typography.font_size_pt)
    for tag in ("liga", "clig", "dlig"):  # ligature glyphs lose their letters in PDF text extraction
        font.setFeature(QFont.Tag(tag), 0)
    document.setDefaultFont(font)
    document.setDefaultStyleSheet(qt_css(typography))
    document.setDocumentMargin(0)
    def exists(url: str) -> bool:  # without a folder to look in, local images show as their alt text
        return False

    if base_dir is not None:
        base = Path(base_dir)
        document.setBaseUrl(QUrl.fromLocalFile(str(base) + os.sep))

        def exists(url: str) -> bool:
            return (base / url).is_file()
    document.setHtml(preview_html(markdown_text, exists, smart))
    space_list_markers(document)
    area = writer.pageLayout().paintRectPixels(writer.resolution())
    footer = int(writer.resolution() * 0.35)  # room for the page number inside the margin box
    page = QSizeF(area.width(), area.height() - footer)
    document.setPageSize(page)
    _keep_notes_with_their_rule(document, page.height())
    return document, page, font


def render_pdf(markdown_text: str, *, page_size: str = "A4", margins_mm: float = 20.0,
               typography: Typography = PAPER, title: str = "", author: str = "",
               base_dir: Path | None = None, smart: bool = True) -> bytes:
    """The PDF file's bytes for a piece.

    Raises :class:`PdfTooLong` for a paragraph past :data:`MAX_PDF_PARAGRAPH_CHARS`: Qt paints a
    paragraph on every page it spans, so a 5 MB single-line piece once ran for five minutes with
    no output. A 200,000-word book in ordinary paragraphs is well inside the bound.
    """
    longest = longest_paragraph(markdown_text)
    if longest > MAX_PDF_PARAGRAPH_CHARS:
        raise PdfTooLong(f"This piece has a paragraph of {longest:,} characters with no line break; PDF export "
                         f"handles paragraphs up to {MAX_PDF_PARAGRAPH_CHARS:,}. Export it as HTML, markdown or "
                         "plain text, or break that paragraph up.")
    ensure_gui_application()
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(600)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter if page_size.lower() == "letter"
                                 else QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(margins_mm, margins_mm, margins_mm, margins_mm), QPageLayout.Unit.Millimeter)
    writer.setTitle(title)
    writer.setCreator("Quill")
    if author and hasattr(writer, "setAuthor"):
        writer.setAuthor(author)

    document, page, font = lay_out(markdown_text, writer, typography, base_dir, smart)
    area = writer.pageLayout().paintRectPixels(writer.resolution())
    footer = area.height() - page.height()  # the room for the page number
    painter = QPainter(writer)
    try:
        pages = _pages_with_content(document, page.height())
        number_font = QFont(font)
        number_font.setPointSizeF(typography.font_size_pt * 0.75)
        carried = _paragraphs_across_pages(document, page.height())
        for index in range(pages):
            if index:
                writer.newPage()
            _draw_page(document, painter, index, page, carried, typography)
            if pages > 1:
                painter.setFont(number_font)
                painter.setPen(QColor(typography.muted))
                painter.drawText(QRectF(0, area.height() - footer * 0.6, area.width(), footer * 0.6),
                                 int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom), str(index + 1))
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


#: How far inside a page's edges the layout is asked to draw, in device pixels (1/1200 inch at
#: 600 dpi): a line whose top lies exactly on a page's lower edge belongs to the next page alone.
PAGE_EDGE = 0.5


def _line_on_page(top: float, index: int, page_height: float) -> bool:
    """Whether a line whose top is at ``top`` (document coordinates) is printed on page ``index``:
    the same test Qt's layout makes with the clip :func:`_draw_page` gives it, so every line has
    exactly one page."""
    return index * page_height - PAGE_EDGE < top <= (index + 1) * page_height - PAGE_EDGE


def _paragraphs_across_pages(document, page_height: float) -> dict[int, list]:  # noqa: ANN001
    """The paragraphs that run on from one page to the next, by the pages they run on to:
    ``{page: [(block, origin), ...]}``. Qt's layout, asked to draw a page, also draws the line of
    such a paragraph just above the page (QTextLayout::draw starts one line early), clipped out of
    sight but still in the PDF: copied, searched or read aloud twice. :func:`_draw_page` draws
    their lines itself instead, each on its own page."""
    layout = document.documentLayout()
    layout.documentSize()  # the whole text laid out first
    carried: dict[int, list] = {}
    block = document.begin()
    while block.isValid():
        lines = block.layout().lineCount() if block.isVisible() else 0
        if lines > 1:
            text_layout = block.layout()
            # where Qt draws the block from: its layout's position plus its frames' (and table
            # cell's) offset, which is where Qt puts the top left of the block's bounding rect
            origin = layout.blockBoundingRect(block).topLeft()
            first = _page_of(origin.y() + text_layout.lineAt(0).y(), page_height)
            last = _page_of(origin.y() + text_layout.lineAt(lines - 1).y(), page_height)
            for index in range(first + 1, last + 1):
                carried.setdefault(index, []).append((block, origin))
        block = block.next()
    return carried


def _page_of(top: float, page_height: float) -> int:
    """The page a line whose top is at ``top`` is printed on (see :func:`_line_on_page`)."""
    return max(0, math.ceil((top + PAGE_EDGE) / page_height) - 1)


def _draw_page(document, painter, index: int, page, carried: dict[int, list],  # noqa: ANN001
               typography: Typography = PAPER) -> None:
    """Draw page ``index`` of the laid-out ``document``: every line whose top is on it, once.

    The layout draws the page, with the paragraphs that began on an earlier page hidden; their
    lines on this page (and their background, as Qt would fill it) are drawn here one by one.
    Text with no colour of its own is drawn in the paper's ink: the paint context's palette is
    the application's, and in the dark theme that wrote pale grey on white paper."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QPalette

    height = page.height()
    top = index * height
    painter.save()
    painter.translate(0, -top)
    painter.setClipRect(QRectF(0, top, page.width(), height))  # what shows is the page, as before
    context = QAbstractTextDocumentLayout.PaintContext()
    context.clip = QRectF(0, top + PAGE_EDGE, page.width(), height - 2 * PAGE_EDGE)
    palette = QPalette(context.palette)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText):
        palette.setColor(role, QColor(typography.text))
    context.palette = palette
    here = carried.get(index, [])
    for block, _origin in here:
        block.setVisible(False)  # no relayout: the layout's draw just passes it by
    try:
        document.documentLayout().draw(painter, context)
    finally:
        for block, _origin in here:
            block.setVisible(True)
    for block, origin in here:
        text_layout = block.layout()
        background = block.blockFormat().background()
        if background.style() != Qt.BrushStyle.NoBrush:
            painter.fillRect(text_layout.boundingRect().translated(origin), background)
        painter.setPen(context.palette.color(QPalette.ColorRole.Text))
        for number in range(text_layout.lineCount()):
            line = text_layout.lineAt(number)
            if _line_on_page(origin.y() + line.y(), index, height):
                line.draw(painter, origin)
    painter.restore()


def _keep_notes_with_their_rule(document, page_height: float) -> None:  # noqa: ANN001 - QTextDocument
    """The rule above the footnotes goes to the page the notes start on: left at the foot of the
    text's last page, it parted the notes from what they belong to and left them alone on a page
    of their own, like a stray paragraph. (Footnotes come last: the last rule, followed by a list.)"""
    from PySide6.QtGui import QTextBlockFormat, QTextCursor, QTextFormat

    ruled = QTextFormat.Property.BlockTrailingHorizontalRulerWidth
    rule = document.lastBlock()
    while rule.isValid() and not rule.blockFormat().hasProperty(ruled):
        rule = rule.previous()
    note = rule.next() if rule.isValid() else rule
    if not note.isValid() or note.textList() is None or note.layout().lineCount() == 0:
        return
    layout = document.documentLayout()
    rule_page = int(layout.blockBoundingRect(rule).top() // page_height)
    note_top = note.layout().position().y() + note.layout().lineAt(0).y()
    if int(note_top // page_height) > rule_page:
        breaking = QTextBlockFormat()
        breaking.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        QTextCursor(rule).mergeBlockFormat(breaking)


def _pages_with_content(document, page_height: float) -> int:  # noqa: ANN001 - QTextDocument
    """Pages up to the last one that shows something: a trailing rule (a closing "---", the line
    above footnotes) or empty paragraphs must not make a blank last page."""
    layout = document.documentLayout()
    block = document.lastBlock()
    while block.isValid() and not block.text().strip():
        block = block.previous()
    if not block.isValid():
        return 1
    bottom = layout.blockBoundingRect(block).bottom()
    return max(1, min(document.pageCount(), math.ceil(bottom / page_height - 1e-6)))


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
