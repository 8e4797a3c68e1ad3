"""A paragraph that runs on from one page to the next is printed once: each of its lines on one page.

Qt's layout, asked to draw a page, also drew the line of such a paragraph just above the page,
clipped out of sight but still in the PDF, where copying, searching and reading aloud found it twice.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPageLayout, QPageSize, QPainter, QPalette, QPdfWriter

from quill.export.pdf import (
    _draw_page,
    _pages_with_content,
    _paragraphs_across_pages,
    ensure_gui_application,
    lay_out,
    page_count,
    render_pdf,
)
from quill.export.styles import PAPER

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="pdftotext (poppler-utils) is not installed: the PDF's text cannot be read")


def numbered_piece() -> tuple[str, int]:
    """Paragraphs of numbered sentences, of lengths that put page breaks inside paragraphs at many
    different lines; a list item and a heading among them. Returns the text and the last number."""
    number, blocks = 0, []

    def sentences(count: int) -> str:
        nonlocal number
        out = []
        for _ in range(count):
            number += 1
            out.append(f"Sentence {number} walks along the quiet river bank.")
        return " ".join(out)

    for length in (9, 14, 5, 17, 11, 23, 7, 13, 19, 6, 15, 21, 8, 12, 25, 4, 16, 10, 18):
        blocks.append(sentences(length))
        if length == 23:
            blocks.append("## A heading between")
            blocks.append("- " + sentences(16) + "\n- " + sentences(3))
    return "\n\n".join(blocks) + "\n", number


def pdf_text(pdf: bytes, folder: Path, *pages: int) -> str:
    path = folder / "piece.pdf"
    path.write_bytes(pdf)
    span = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    return subprocess.run(["pdftotext", *span, str(path), "-"], check=True, capture_output=True, text=True).stdout


def sentence_numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"Sentence (\d+) walks", " ".join(text.split()))]


def writer_for(page_size: str) -> tuple[QPdfWriter, QBuffer]:
    """A PDF writer set up as :func:`render_pdf` sets up its own (600 dpi, 20 mm margins)."""
    buffer = QBuffer(QByteArray())
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(600)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter if page_size == "Letter" else QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(20, 20, 20, 20), QPageLayout.Unit.Millimeter)
    return writer, buffer


@pytest.mark.parametrize("page_size", ["A4", "Letter"])
def test_the_piece_does_run_paragraphs_across_pages(page_size: str) -> None:
    """The pieces below exercise what they claim: several paragraphs break across pages."""
    ensure_gui_application()
    writer, _buffer = writer_for(page_size)
    document, page, _font = lay_out(numbered_piece()[0], writer)
    assert len(_paragraphs_across_pages(document, page.height())) >= 3


@needs_poppler
@pytest.mark.parametrize("page_size", ["A4", "Letter"])
def test_each_sentence_is_in_the_pdf_once_and_in_order(page_size: str, tmp_path: Path) -> None:
    text, last = numbered_piece()
    pdf = render_pdf(text, page_size=page_size)
    assert sentence_numbers(pdf_text(pdf, tmp_path)) == list(range(1, last + 1))


@needs_poppler
def test_each_page_holds_only_its_own_lines(tmp_path: Path) -> None:
    """Page by page too: the numbers on each page carry on from the page before, none repeated."""
    text, last = numbered_piece()
    pdf = render_pdf(text)
    pages = page_count(pdf)
    assert pages >= 4
    seen: list[int] = []
    for number in range(1, pages + 1):
        on_page = sentence_numbers(pdf_text(pdf, tmp_path, number))
        assert on_page, f"page {number} has no sentence"
        assert on_page == sorted(on_page) and (not seen or on_page[0] > seen[-1]), (number, on_page, seen[-3:])
        seen += on_page
    assert seen == list(range(1, last + 1))


def test_the_pages_look_as_before() -> None:
    """What the writer sees is unchanged: each page, painted line by line where a paragraph runs on,
    is the same picture as Qt's own drawing of the page (which also painted, out of sight, the
    line above the page)."""
    ensure_gui_application()
    writer, _buffer = writer_for("A4")
    document, page, _font = lay_out(numbered_piece()[0], writer)
    carried = _paragraphs_across_pages(document, page.height())
    scale = 0.12
    size = (round(page.width() * scale), round(page.height() * scale))

    def picture(draw) -> QImage:  # noqa: ANN001
        image = QImage(*size, QImage.Format.Format_RGB32)
        image.fill(0xFFFFFF)
        painter = QPainter(image)
        painter.scale(scale, scale)
        draw(painter)
        painter.end()
        return image

    # Qt's own drawing inks text in the application's palette; the PDF in the paper's (test_pdf_ink)
    app = QGuiApplication.instance()
    before = app.palette()
    paper = QPalette(before)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText):
        paper.setColor(role, QColor(PAPER.text))
    app.setPalette(paper)
    try:
        for index in range(_pages_with_content(document, page.height())):
            def qt_drawing(painter: QPainter, index: int = index) -> None:
                painter.translate(0, -index * page.height())
                document.drawContents(painter, QRectF(0, index * page.height(), page.width(), page.height()))

            ours = picture(lambda painter, index=index: _draw_page(document, painter, index, page, carried))
            assert ours == picture(qt_drawing), f"page {index + 1} looks different"
    finally:
        app.setPalette(before)
