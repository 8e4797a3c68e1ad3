"""A pandoc definition list exports as one: terms at the margin, definitions indented under them
(as far as a list's items), in the HTML, the plain text and the PDF alike. Before, ``Apple`` /
``: A red fruit.`` came out as one paragraph, "Apple : A red fruit.", colon and all."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from quill.export.render import render_fragment
from quill.export.text import plain_text

PIECE = ("A list first:\n\n- itemword\n\nApple\n: Fruitword, red.\n: Secondword *too*.\n\n"
         "Pear\n\n:   Greenword.\n\n    Moreword, a second paragraph.\n\nAfterword.\n")


def test_html_and_plain_text_keep_terms_and_definitions_apart() -> None:
    page = render_fragment(PIECE)
    assert "<dl>\n<dt>Apple</dt>\n<dd>Fruitword, red.</dd>\n<dd>Secondword <em>too</em>.</dd>" in page
    assert '<dt>Pear</dt>\n<dd><p dir="auto">Greenword.</p>\n<p dir="auto">Moreword, a second paragraph.</p>' in page
    assert ": Fruitword" not in page
    text = plain_text(PIECE)
    assert "Apple\n    Fruitword, red.\n    Secondword too.\n\nPear\n    Greenword.\n\n    Moreword" in text


def test_pdf_indents_definitions_as_far_as_list_items(tmp_path: Path) -> None:
    from quill.export.pdf import render_pdf

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: the PDF cannot be read back")
    pdf = tmp_path / "terms.pdf"
    pdf.write_bytes(render_pdf(PIECE))
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True,
                           text=True).stdout
    left = {m.group(2).rstrip(".,"): float(m.group(1))
            for m in re.finditer(r'<word xMin="([\d.]+)"[^>]*>([^<]+)</word>', boxes)}
    margin, item = left["A"], left["itemword"]
    assert item > margin + 10  # the list's own indent, as a reference
    for word in ("Apple", "Pear", "Afterword"):
        assert left[word] == pytest.approx(margin, abs=0.5), word
    for word in ("Fruitword", "Secondword", "Greenword", "Moreword"):
        assert left[word] == pytest.approx(item, abs=0.5), word
