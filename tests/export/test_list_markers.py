"""Bullets stand a normal gap apart from the item's text, in the preview and in the PDF."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo, QImage

from quill.export.styles import PAPER

ITEMS = "- Hello, a bullet item\n- Here is another one\n"
NEAR_EM = 0.42  # Qt's own gap is one space: about a third of an em, which reads as touching


def bullet_gap(image: QImage) -> int:
    """Blank pixels between the leftmost mark on the page (the first bullet) and what follows it on
    the bullet's middle row (the item's first letter, an upright H)."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    background = image.pixel(image.width() - 1, image.height() - 1)
    width, height = image.width(), image.height()
    left = next(x for x in range(width) if any(image.pixel(x, y) != background for y in range(height)))
    top = next(y for y in range(height) if image.pixel(left, y) != background)
    bottom = top
    while image.pixel(left, bottom + 1) != background:
        bottom += 1
    y = (top + bottom) // 2
    x = left
    while x < width and image.pixel(x, y) != background:
        x += 1
    start = x
    while x < width and image.pixel(x, y) == background:
        x += 1
    assert x < width, "nothing after the bullet on its row"
    return x - start


def test_preview_bullets_stand_apart_from_the_text(qtbot, make_window, tmp_path: Path) -> None:  # noqa: ANN001
    path = tmp_path / "list.md"
    path.write_text(ITEMS, encoding="utf-8")
    window = make_window(path)
    qtbot.keyClick(window.editor, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    preview = window.export_controller.preview
    qtbot.waitUntil(lambda: preview.is_current() and "another one" in preview.toPlainText(), timeout=5000)
    em = QFontInfo(preview.font()).pixelSize()
    gap = bullet_gap(preview.viewport().grab().toImage())
    assert gap >= NEAR_EM * em, f"the bullet is {gap} px from the text at {em} px to the em"


def test_pdf_bullets_stand_apart_from_the_text(tmp_path: Path) -> None:
    from quill.export.pdf import render_pdf

    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed: the PDF cannot be looked at")
    pdf = tmp_path / "list.pdf"
    pdf.write_bytes(render_pdf(ITEMS))
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
                   check=True)
    image = QImage(str(next(tmp_path.glob("page*.png"))))
    em = PAPER.font_size_pt * 150 / 72
    gap = bullet_gap(image)
    assert gap >= NEAR_EM * em, f"the bullet is {gap} px from the text at {em:.0f} px to the em"


def test_a_list_numbered_past_99_gets_room_for_its_numbers_in_the_preview(qapp) -> None:  # noqa: ANN001
    """"1986. A great year" (a year at a line's start makes a list) showed as "986." at the
    preview's left edge: Qt's one list indent (40 px) holds two digits and a point (a review)."""
    from PySide6.QtGui import QTextDocument

    from quill.export.render import render_fragment

    document = QTextDocument()
    document.setHtml(render_fragment("1986. A great year.\n", flavour="preview"))
    assert document.firstBlock().textList().format().indent() == 2
    document.setHtml(render_fragment("1. First.\n2. Second.\n", flavour="preview"))
    assert document.firstBlock().textList().format().indent() == 1  # short numbers keep the usual indent
