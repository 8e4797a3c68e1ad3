"""Prose extraction: what counts as prose, and spans into the original markdown."""

from __future__ import annotations

from quill.markup.prose import extract_prose, split_chunks
from quill.voice import analyze

BODY = "The river was cold. We swam anyway."


def test_code_blocks_urls_and_front_matter_add_no_words() -> None:
    base = analyze(BODY).words
    assert base == 7
    doc = (
        "---\ntitle: A title with many words here\ntags: [a, b]\n---\n\n"
        f"{BODY}\n\n"
        "```python\nprint('lots of code words here')\n\nmore = code\n```\n\n"
        "    indented code block words\n\n"
        "~~~\nmore fenced words\n~~~\n"
    )
    assert analyze(doc).words == base
    linked = "The [river](https://example.com/a/long/path.html) was cold. We swam anyway <https://x.org/y>."
    assert analyze(linked).words == base
    bare = "The river was cold https://example.com/some/path?q=1. We swam anyway."
    assert analyze(bare).words == base
    inline = "The river was `not counted` cold. We swam anyway."
    assert analyze(inline).words == base


def test_headings_lists_tables_html_are_not_prose() -> None:
    doc = (
        "# A heading with words\n\nSetext heading\n==============\n\n"
        "- apples\n- two pears\n\n1. numbered item\n\n"
        "| a | b |\n|---|---|\n| c | d |\n\n<div>\nhtml words\n</div>\n\n"
        f"{BODY}\n"
    )
    rep = analyze(doc)
    assert rep.words == 7
    assert rep.sentences == 2
    assert rep.paragraphs == 1


def test_sentence_spans_point_into_original_markdown() -> None:
    doc = "# Title\n\nSome *emphasis* here. A [link](http://x.y) too.\n\n> Quoted **bold** line."
    rep = analyze(doc, include_quotes=True)
    got = [doc[s:e] for s, e in rep.sentence_spans]
    assert got == ["Some *emphasis* here.", "A [link](http://x.y) too.", "Quoted **bold** line."]


def test_tell_spans_point_into_original_markdown() -> None:
    doc = "Intro line.\n\nIt is a **testament** to their *meticulous* work."
    rep = analyze(doc)
    for tell in rep.tells:
        assert doc[tell.start:tell.end].lower().replace("*", "") in (tell.text.lower(), "testament")
    assert {t.text.lower() for t in rep.tells if t.kind == "word"} >= {"testament", "meticulous"}


def test_chunks_cover_fences_with_blank_lines() -> None:
    chunks = split_chunks("a\n\n```\nx\n\ny\n```\n\nb")
    assert [(c.text, c.code) for c in chunks] == [("a", False), ("```\nx\n\ny\n```", True), ("b", False)]


def test_plain_chunk_fast_path_is_identity() -> None:
    [prose] = extract_prose("Plain text. Nothing special")
    assert prose.text == "Plain text. Nothing special"
    assert prose.span(0, 11) == (0, 11)
