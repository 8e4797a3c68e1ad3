"""The heading finder (jump list, preview following) reads headings exactly as the renderer does."""

from __future__ import annotations

from typing import Any

import mistune
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quill.export.frontmatter import split_front_matter
from quill.export.outline import outline
from quill.export.render import PLUGINS
from quill.markup import pandoc
from quill.textstats import headings


def test_setext_headings_and_their_look_alikes() -> None:
    text = ("---\ntitle: Front\n---\n"  # front matter: neither a heading nor a rule
            "Title\n=====\n\n"  # setext h1
            "A paragraph\nover two lines\n---\n\n"  # setext h2 (the whole paragraph)
            "Some words.\n\n---\n\n"  # after a blank line: a thematic break
            "- item\n---\n\n"  # under a list: a thematic break
            "```\ncode\n---\n```\n\n"  # in code: nothing
            "## Closing ##\n")
    assert headings(text) == [(1, "Title", text.index("Title")),
                              (2, "A paragraph over two lines", text.index("A paragraph")),
                              (2, "Closing", text.index("## Closing"))]


def test_offsets_are_into_the_text_as_written() -> None:
    text = "\ufeff---\r\ntitle: x\r\n---\r\n\r\n😀 Über\r\n===\r\nWörds\r\n\r\nNext 𝒜\r\n---\r\n"
    found = headings(text)
    assert [(level, title) for level, title, _ in found] == [(1, "😀 Über"), (2, "Next 𝒜")]
    assert [offset for _, _, offset in found] == [text.index("😀"), text.index("Next")]


def test_quoted_and_listed_headings_are_marked_nested() -> None:
    text = "Intro\n\n> Quoted\n> ---\n\n- Listed\n  ===\n"
    assert [(h.level, h.title, h.nested) for h in outline(text)] == [(2, "Quoted", True), (1, "Listed", True)]
    assert [h.offset for h in outline(text)] == [text.index(">"), text.index("- Listed")]
    assert headings(text) == []  # the jump list holds the piece's own outline only


# -- against mistune's own parse, on generated documents -------------------------------------------
WORD = st.lists(st.sampled_from([*"abcxyzÅé", "𝒜", "😀", "中", "e\u0301", "a\u0308\u0323", "\u0301"]),
                min_size=1, max_size=6).map("".join)
WORDS = st.lists(WORD, min_size=1, max_size=4).map(" ".join)
LINE = st.one_of(
    WORDS,
    WORDS.map(lambda w: "  " + w),
    WORDS.map(lambda w: "# " + w),
    WORDS.map(lambda w: "### " + w + " ###"),
    WORDS.map(lambda w: "> " + w),
    WORDS.map(lambda w: "- " + w),
    WORDS.map(lambda w: "1. " + w),
    WORDS.map(lambda w: "    " + w),
    st.sampled_from(["", "", "===", "=", "---", "-", "--", "----------", "   ---", "--- ", "- - -", "***",
                     "> ---", "> ===", "  ===", "```", "~~~", "---", "...", ":::", "a | b", "--- | ---"]),
)


UNDERLINE = st.sampled_from(["===", "=", "---", "-", "-----", "   ===", "--- ", "- - -"])
#: a line of words over an underline (a setext heading, or a paragraph and a rule, or a list)
SETEXT = st.tuples(st.one_of(WORDS, LINE), UNDERLINE).map(list)


@st.composite
def documents(draw: Any) -> str:
    lines = [line for group in draw(st.lists(st.one_of(LINE.map(lambda line: [line]), SETEXT), max_size=20))
             for line in group]
    if draw(st.booleans()):
        lines = ["---", "title: " + draw(WORDS), "---", *lines]
    return draw(st.sampled_from(["\n", "\r\n"])).join(lines) + draw(st.sampled_from(["", "\n"]))


def mistune_headings(text: str) -> list[tuple[int, str, bool]]:
    """Every heading mistune finds in what the renderer parses (front matter off, pandoc markup blanked)."""
    body = pandoc.blank(split_front_matter(text).body)
    tokens, _state = mistune.create_markdown(renderer=None, plugins=list(PLUGINS)).parse(body)
    found: list[tuple[int, str, bool]] = []

    def inline(children: list[dict[str, Any]]) -> str:
        return "".join(c.get("raw", " ") if c["type"] != "softbreak" else " " for c in children)

    def walk(items: list[dict[str, Any]], nested: bool) -> None:
        for token in items:
            if token["type"] == "heading":
                title = " ".join(inline(token.get("children", [])).split(" "))
                found.append((token["attrs"]["level"], title, nested))
            elif isinstance(token.get("children"), list):
                walk(token["children"], True)

    walk(tokens, False)
    return found


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_the_finder_agrees_with_mistune(text: str) -> None:
    expected = mistune_headings(text)
    found = outline(text)
    assert [(h.level, " ".join(h.title.split(" ")), h.nested) for h in found] == expected
    # the jump list: the piece's own headings, in the same order
    assert [(level, " ".join(title.split(" "))) for level, title, _ in headings(text)] == [
        (level, title) for level, title, nested in expected if not nested and title]
    for heading in found:
        assert heading.offset == 0 or text[heading.offset - 1] in "\n\ufeff"  # a line's start, as written
        if not heading.nested:
            line = text[heading.offset:].lstrip(" ")
            assert line.startswith("#") or line.startswith(heading.title.split(" ")[0])
