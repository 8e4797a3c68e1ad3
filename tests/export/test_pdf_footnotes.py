"""Footnotes in the PDF follow the text: no page for them alone when there is room, and never
parted from the rule above them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from quill.export.pdf import page_count, render_pdf

PARA = "It was cold that morning, and we swam anyway, laughing at the grey water. " * 3


def pages_as_images(pdf: bytes, folder: Path) -> list[QImage]:
    path = folder / "piece.pdf"
    path.write_bytes(pdf)
    for old in folder.glob("page-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(path), str(folder / "page")], check=True)
    return [QImage(str(p)).convertToFormat(QImage.Format.Format_RGB32) for p in sorted(folder.glob("page-*.png"))]


def page_text(pdf: bytes, folder: Path, number: int) -> str:
    path = folder / "piece.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), str(path), "-"],
                          check=True, capture_output=True, text=True).stdout


def rule_rows(image: QImage) -> list[int]:
    """Rows crossed by a horizontal rule: one unbroken stroke over more than half the page's width."""
    white, found = image.pixel(0, 0), []
    for y in range(image.height()):
        run = longest = 0
        for x in range(image.width()):
            run = run + 1 if image.pixel(x, y) != white else 0
            longest = max(longest, run)
        if longest > image.width() * 0.5:
            found.append(y)
    return found


def test_a_short_piece_with_one_footnote_is_one_page() -> None:
    for text in ("A short piece.[^1]\n\n[^1]: The note.\n",
                 "---\ntitle: Short\nauthor: Ann\n---\n\n# Short\n\nA piece.[^1]\n\n---\n\n[^1]: The note.\n"):
        for size in ("A4", "Letter"):
            assert page_count(render_pdf(text, page_size=size)) == 1, (text, size)


@pytest.mark.skipif(shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None,
                    reason="poppler-utils (pdftoppm, pdftotext) are not installed: the pages cannot be looked at")
def test_the_notes_keep_their_rule_across_a_page_break(tmp_path: Path) -> None:
    """Text that ends near a page's foot: the rule above the notes used to stay there, and the notes
    sat alone at the top of the last page. The rule now goes with them."""
    for extra in range(4, 9):
        text = ("# The River\n\n" + "\n\n".join([PARA] * 4) + "\n\n" + "\n\n".join(["Short line."] * extra)
                + "\n\nText[^1].\n\n[^1]: A note.\n")
        pdf = render_pdf(text, page_size="Letter")
        images = pages_as_images(pdf, tmp_path)
        assert len(images) == page_count(pdf)
        # the note's page alone has its text: no clipped-away copy on the page before (test_pdf_pages.py)
        noted = [n for n in range(1, len(images) + 1) if "A note." in page_text(pdf, tmp_path, n)]
        assert len(noted) == 1, f"{extra} short lines: the note is on pages {noted}"
        with_note = noted[0]
        ruled = [n for n in range(1, len(images) + 1) if rule_rows(images[n - 1])]
        assert ruled == [with_note], f"{extra} short lines: rule on pages {ruled}, the note on page {with_note}"
