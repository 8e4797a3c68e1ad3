"""Properties: conversion keeps every character of the writing, and any title survives the round trip."""

from __future__ import annotations

import html
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from quill.importer.html_to_md import convert
from quill.importer.model import ImportOptions
from quill.importer.run import import_archive
from quill.library import Library

from .archives import substack_zip

# Letters, emoji, combining marks, right-to-left text, punctuation markdown cares about, every line break.
_TEXT = st.lists(st.sampled_from(["word", "Émile", "😀", "👩🏽‍💻", "e\u0301", "שלום", "مرحبا", ".", ",", ";", "!", "?",
                                  "'", '"', "(", ")", "-", "*", "_", "#", "1.", " ", "  ", "\t", "\r\n", "\r", "\n",
                                  "\u2028", "&", "<", ">"]), min_size=1, max_size=40).map("".join)


def _visible(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace())


@given(_TEXT)
def test_a_paragraph_keeps_every_visible_character_in_order(text: str) -> None:
    markdown = convert(f"<p>{html.escape(text)}</p>")
    # markdownify escapes * and _ with a backslash; whitespace may be folded. Nothing else may change.
    assert _visible(markdown).replace("\\*", "*").replace("\\_", "_") == _visible(text)


@settings(max_examples=40, deadline=None)
@given(_TEXT.filter(lambda t: t.strip()))
def test_any_title_survives_csv_front_matter_and_the_library(title: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        rows = [{"post_id": "1.a-post", "post_date": "2020-02-02T10:00:00.000Z", "is_published": "true",
                 "title": title, "type": "newsletter"}]
        archive = substack_zip(tmp_path / "e.zip", rows=rows, bodies={"1.a-post": "<p>Some words here.</p>"})
        report = import_archive(archive, tmp_path / "lib", ImportOptions())
        assert len(report.written) == 1
        with Library(tmp_path / "lib") as library:
            library.scan()
            [piece] = library.pieces()
        assert piece.title == " ".join(title.split())  # one line, every character kept
        assert piece.status == "finished" and piece.problem is None
        assert import_archive(archive, tmp_path / "lib").written == []


def test_front_matter_quotes_a_carriage_return() -> None:
    """A bare CR in a plain scalar read back as a line break and broke the block; it is quoted now."""
    from quill.library.frontmatter import Document, parse

    doc = Document(body="Text.\n")
    doc.set("title", "one\rtwo")
    text = doc.text()
    assert text.startswith('---\ntitle: "one\\rtwo"\n---\n')
    assert parse(text).get("title") == "one\rtwo"
