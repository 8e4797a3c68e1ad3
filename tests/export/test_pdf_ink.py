"""A PDF is printed in ink on paper whatever theme the window is in."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from quill.export.pdf import render_pdf
from quill.ui.shell.theme import THEMES

from .test_pdf_footnotes import pages_as_images

PIECE = ("# The Orchard in October\n\nThe apples had mostly fallen. What was left hung high, out of reach, "
         "and the wasps had found them first.\n\n" + "A long paragraph about the light over the hill. " * 90
         + "\n\nThe end.[^1]\n\n[^1]: A note.\n")


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm) is not installed: "
                    "the pages cannot be looked at")
def test_a_pdf_exported_in_the_dark_theme_is_dark_ink_on_paper(qapp: QApplication, tmp_path: Path) -> None:
    """Found on a review: exported while the dark theme was on, the body and the headings came out in
    the theme's pale grey on white paper (the paint context took the application's palette); only
    the footnote, drawn another way, was black. Every page's darkest ink is now dark, on both
    themes, and the paragraph carried over onto the second page too."""
    before = qapp.palette()
    try:
        darkest = {}
        for name in ("light", "dark"):
            qapp.setPalette(THEMES[name].palette())
            assert (name == "dark") == (QColor(qapp.palette().color(QPalette.ColorRole.Text)).lightnessF() > 0.5)
            pages = pages_as_images(render_pdf(PIECE), tmp_path)
            assert len(pages) == 2
            darkest[name] = [min(QColor(page.pixel(x, y)).lightnessF()
                                 for x in range(0, page.width(), 2) for y in range(0, page.height() // 2, 2))
                             for page in pages]
        assert all(value < 0.35 for value in darkest["dark"]), darkest
        assert darkest["dark"] == pytest.approx(darkest["light"], abs=0.05)
    finally:
        qapp.setPalette(before)
