"""No export drops the writer's words: the words of a piece's body, counted as a multiset, are all
in its plain text, its HTML (text and image descriptions) and its clean markdown's plain text.

Hypothesis builds pieces from every construct the exports handle, each written with known
words. Before the fix a footnote defined but not (yet) cited vanished from every export, and
a pandoc span ``[words]{.smallcaps}`` was printed with its brackets. Definition lists
(``Term`` / ``: definition``) are exported as definition lists.
"""

from __future__ import annotations

import html
import re
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from quill.export.render import render_fragment, standalone_html
from quill.export.text import clean_markdown, plain_text

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
VOCAB = ["river", "cold", "swam", "Zoë", "naïve", "𝒜lpha", "😀", "𠀋字", "שלום", "مرحبا", "Привет",
         "well-known", "don't", "supercalifragilisticexpialidocious" * 8]
W = st.sampled_from(VOCAB)
PHRASE = st.lists(W, min_size=1, max_size=5).map(" ".join)


def _words(text: str) -> Counter[str]:
    return Counter(w.lower().replace("’", "'") for w in _WORD.findall(text))  # printer’s quotes on the page


def _html_text(page: str) -> str:
    page = re.sub(r"<(style|script|title)\b[^>]*>.*?</\1>", " ", page, flags=re.S)
    alts = " ".join(re.findall(r'alt="([^"]*)"', page))
    return html.unescape(re.sub(r"<[^>]+>", " ", page) + " " + alts)


@st.composite
def blocks(draw: st.DrawFn) -> tuple[str, str]:
    """A markdown block and the writer's words in it."""
    a, b, c = draw(PHRASE), draw(PHRASE), draw(PHRASE)
    key = draw(st.sampled_from(["1", "n", "note-2"]))
    kind = draw(st.integers(0, 17))
    return [
        (f"{a}. {b}!", f"{a} {b}"),
        (f"# {a}", a),
        (f"{a}\n{'=' * 5}", a),
        (f"{a}\n---", a),
        (f"- {a}\n- [ ] {b}\n- [x] {c}", f"{a} {b} {c}"),
        (f"1. {a}\n   - {b}", f"{a} {b}"),
        (f"| {a} | {b} |\n|---|---|\n| {c} | {a} |", f"{a} {b} {c} {a}"),
        (f"{a}.[^{key}]\n\n[^{key}]: {b}.", f"{a} {b}"),
        (f"{a}.\n\n[^{key}]: {b}.", f"{a} {b}"),  # a note not cited yet
        (f"> {a}\n> {b}", f"{a} {b}"),
        (f"{a} ![{b}](missing-{kind}.png) {c}", f"{a} {b} {c}"),
        (f"[{a}](https://en.wikipedia.org/wiki/Foo_(bar)) {b}", f"{a} {b}"),
        (f"[{a}]{{.smallcaps}} {b}", f"{a} {b}"),
        (f"::: note\n{a}\n:::", a),
        (f"## {a} {{#id}}", a),
        (f"{a} ~~{b}~~ **{c}**", f"{a} {b} {c}"),
        (f"{a}\n: {b}\n: *{c}*", f"{a} {b} {c}"),  # a pandoc definition list, tight
        (f"{a}\n\n:   {b}.\n\n    {c}.", f"{a} {b} {c}"),  # loose, a definition of two paragraphs
    ][kind]


FRONT = st.sampled_from(["", "---\ntitle: T\n---\n\n", "+++\ntitle = \"T\"\n+++\n\n"])


@given(FRONT, st.lists(blocks(), min_size=1, max_size=8))
@settings(max_examples=60, deadline=None, derandomize=True)
def test_every_export_keeps_every_word(front: str, parts: list[tuple[str, str]]) -> None:
    # blocks may repeat a note's key: every definition's words are exported all the same
    body = "\n\n".join(md for md, _ in parts) + "\n"
    expected = _words(" ".join(words for _, words in parts))
    for name, text in (("plain", plain_text(front + body)),
                       ("html", _html_text(render_fragment(body))),
                       ("page", _html_text(standalone_html(front + body))),
                       ("clean", plain_text(clean_markdown(front + body)))):
        missing = expected - _words(text)
        assert not missing, (name, dict(missing), text)


def test_a_note_not_yet_cited_is_exported_without_a_link_back() -> None:
    doc = "Alpha.[^a]\n\n[^a]: Beta gamma.\n\n[^b]: A note drafted before its mark.\n"
    assert "[2] A note drafted before its mark." in plain_text(doc)
    page = render_fragment(doc)
    assert "A note drafted before its mark.</p></li>" in page
    assert page.count("footnote-back") == 1


def test_a_pandoc_span_keeps_its_words_without_brackets() -> None:
    assert plain_text("[Small caps]{.smallcaps} here\n").split() == ["Small", "caps", "here"]


def test_a_note_key_defined_twice_keeps_both_notes() -> None:
    """mistune kept the first definition of a repeated key and dropped the second's words."""
    doc = "Alpha.[^1] Beta.[^2]\n\n[^1]: First note.\n\n[^2]: Second note.\n\n[^1]: A third, numbered again.\n"
    for text in (plain_text(doc), _html_text(render_fragment(doc)), _html_text(standalone_html(doc))):
        assert "First note." in text and "Second note." in text and "A third, numbered again." in text
