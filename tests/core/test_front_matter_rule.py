"""One rule for where front matter is (quill.markup.frontmatter), and every reader of a piece keeps to it.

A ``---`` line is markdown's horizontal rule too. A piece that opened with a rule and had another
one later lost everything between them from the preview and every export, taken for front matter.
Now a block is front matter only when its lines read as metadata; whatever it is, no word of the
body is lost on the way to the exported text.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from quill.export.frontmatter import split_front_matter
from quill.export.text import plain_text
from quill.library import words as library_words
from quill.library.frontmatter import parse
from quill.markup.frontmatter import body_start, front_matter_lines
from quill.markup.prose import split_chunks
from quill.spell.tokens import prose_lines
from quill.textstats import count_body_words, count_words

# Letters of many scripts: Latin with and without accents, Greek, Hebrew and Arabic (right to left),
# Devanagari, CJK, and astral letters (mathematical script, Deseret, a CJK extension B ideograph).
LETTERS = [c for c in "abcdefghijklmnopqrstuvwxyzAZéßøΩλשלוםمرحباनमस्ते漢字𝒜𝒷𐐀𐐨𠀋" if c.isalpha()]
COMBINING = "\u0301\u0308\u0327\u05b7\u064e"  # acute, diaeresis, cedilla, Hebrew patah, Arabic fatha
BREAKS = st.sampled_from(["\n", "\r\n", "\r"])


@st.composite
def word(draw) -> str:  # noqa: ANN001
    """A word: letters, some followed by a combining mark, sometimes an emoji (astral, not a letter)."""
    chars = draw(st.lists(st.tuples(st.sampled_from(LETTERS), st.sampled_from(["", "", *COMBINING])),
                          min_size=1, max_size=6))
    text = "".join(letter + mark for letter, mark in chars)
    return text + draw(st.sampled_from(["", "", "", "🙂", "🖋️"]))


@st.composite
def sentence(draw) -> str:  # noqa: ANN001
    words = draw(st.lists(word(), min_size=1, max_size=7))
    joined = "".join(w + draw(st.sampled_from([" ", " ", " ", ", ", "\u2028"])) for w in words[:-1]) + words[-1]
    return joined + draw(st.sampled_from([".", "!", "?", "…"]))


@st.composite
def paragraph(draw) -> list[str]:  # noqa: ANN001
    """One paragraph's lines (a paragraph may be written over several lines)."""
    return [" ".join(draw(st.lists(sentence(), min_size=1, max_size=3)))
            for _ in range(draw(st.integers(1, 3)))]


@st.composite
def key(draw) -> str:  # noqa: ANN001
    first = draw(st.sampled_from([*LETTERS, *"0123456789_"]))
    inner = st.sampled_from([*LETTERS, *"0123456789_-."])
    rest = draw(st.lists(st.tuples(inner, st.sampled_from(["", "", *COMBINING])), max_size=8))
    return first + "".join(a + b for a, b in rest)


VALUE_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n\x85\u2029\ufdd0\ufdd1")


@st.composite
def yaml_block(draw) -> list[str]:  # noqa: ANN001
    """The lines between the fences of YAML front matter: key lines with any value (astral, RTL,
    combining, U+2028 inside it), comments, blank lines inside, lists and nested values after a key."""
    space = draw(st.sampled_from([" ", " ", "  ", "\t"]))
    lines = [f"{draw(key())}:{space}{draw(st.text(VALUE_CHARS, max_size=20))}"]
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(["key", "key", "item", "nested", "comment", "blank", "bare"]))
        if kind == "key":
            lines.append(f"{draw(key())}: {draw(st.text(VALUE_CHARS, max_size=20))}")
        elif kind == "item":
            lines.append(f"{draw(st.sampled_from(['- ', '  - ']))}{draw(word())}")
        elif kind == "nested":
            lines.append(f"  {draw(key())}: {draw(word())}")
        elif kind == "comment":
            lines.append(f"# {draw(sentence())}")
        elif kind == "blank":
            lines.append("")
        else:
            lines.append(f"{draw(key())}:")
    return lines


@st.composite
def body(draw) -> str:  # noqa: ANN001
    """What follows the front matter: paragraphs, maybe a heading, maybe a rule of its own."""
    newline = draw(BREAKS)
    blocks = [newline.join(draw(paragraph())) for _ in range(draw(st.integers(1, 3)))]
    if draw(st.booleans()):
        blocks.insert(draw(st.integers(0, len(blocks))), "---")
    return (newline * 2).join(blocks) + newline


def words_of(text: str) -> Counter:
    """Letters and digits: an underscore is markup ("_0\n0_" is an emphasised "0 0", which the export
    rightly prints without its underscores; a random run counted those as words lost)."""
    return Counter(re.findall(r"[^\W_]+", text))


def exported_words_keep(source_body: str, text: str) -> None:
    """Every letter and digit of ``source_body`` is in the plain-text export of ``text``, as often.

    Counted by character, not by word: emphasis may end inside a word ("*0\n0*0" prints an
    emphasised "0 0" and then "0", as "0 00"), which joins two of the source's words into one
    without losing anything (a 3,000-example random run counted that as a word dropped)."""
    def characters(text: str) -> Counter:
        return Counter("".join(words_of(text).elements()))

    missing = characters(source_body) - characters(plain_text(text))
    assert not missing, f"dropped from the export: {list(missing)[:5]}"


@settings(max_examples=80, deadline=None)
@given(block=yaml_block(), newline=BREAKS, closer=st.sampled_from(["---", "...", "---  "]), rest=body(),
       bom=st.sampled_from(["", "", "\ufeff"]))
def test_real_front_matter_is_always_recognised(block: list[str], newline: str, closer: str, rest: str,
                                                bom: str) -> None:
    head = bom + newline.join(["---", *block, closer]) + newline
    text = head + rest
    assert body_start(text) == len(head)
    assert front_matter_lines(re.split(r"\r\n|\r|\n", text)) == len(block) + 2
    exported = split_front_matter(text)
    assert exported.body == rest and bom + exported.block == head
    # the library splits it the same way (or, when it cannot read it, reports it and counts it out)
    doc = parse(text)
    assert doc.body == rest if doc.problem is None else doc.body == text
    # the word counts (status line, library) count the body alone, as the exports print it
    assert count_body_words(text) == count_words(rest) == library_words.count_words(text)
    exported_words_keep(rest, text)
    # and the voice metrics and the spelling skip exactly the front matter's lines
    assert split_chunks(text.replace("\r\n", "\n").replace("\r", "\n"))[0].code
    first_prose = next(prose_lines(text.replace("\r\n", "\n").replace("\r", "\n")), (len(text), ""))[0]
    assert first_prose >= len(head.replace("\r\n", "\n").replace("\r", "\n"))


@settings(max_examples=80, deadline=None)
@given(paragraphs=st.lists(paragraph(), min_size=1, max_size=3), newline=BREAKS,
       blank_after_opener=st.booleans(), rest=body())
def test_prose_between_two_rules_is_never_hidden(paragraphs: list[list[str]], newline: str,
                                                 blank_after_opener: bool, rest: str) -> None:
    between = (newline * 2).join(newline.join(lines) for lines in paragraphs)
    opening = "---" + newline + (newline if blank_after_opener else "")
    text = opening + between + newline + newline + "---" + newline + rest
    assert body_start(text) == 0
    assert split_front_matter(text).body == text and split_front_matter(text).meta == {}
    doc = parse(text)
    assert doc.problem is None and not doc.has_block
    assert count_body_words(text) == count_words(text) == library_words.count_words(text)
    exported_words_keep(between + " " + rest, text)


@settings(max_examples=100, deadline=None)
@given(lines=st.lists(st.one_of(
    st.sampled_from(["---", "...", "+++", "", "title: A", "tags:", "  - x", "- y", "# c", "a = 1", "[t]",
                     "Prose here.", "Note: a line of prose", "? k", ": v", "---  ", "\ufeff---"]),
    st.text(VALUE_CHARS, max_size=12)), max_size=10), newline=BREAKS)
@example(lines=["*0", "0*0"], newline="\n")  # emphasis ending inside a word joins two words, drops none
def test_no_word_of_the_body_is_lost_whatever_the_top_looks_like(lines: list[str], newline: str) -> None:
    """Whatever the first lines are: the exports print exactly what follows the front matter, and
    the word counts count exactly that."""
    text = newline.join(lines) + newline + "The body. Its last words."
    start = body_start(text)
    exported = split_front_matter(text)
    assert exported.block + exported.body in (text, text.removeprefix("\ufeff"))
    assert exported.body == text[start:] if start else exported.body == text
    assert count_body_words(text) == count_words(text[start:]) == library_words.count_words(text)
    exported_words_keep(text[start:], text)


@pytest.mark.parametrize(("text", "lines"), [
    ("---\ntitle: A\n---\nBody", 3),
    ("---\n---\nBody", 2),  # an empty block: Jekyll's way to say "process this page"
    ("---\ntitle: A\n...\nBody", 3),
    ("+++\ntitle = \"A\"\n[params]\n  x = 1\n+++\nBody", 5),
    ("---\r\nauthor: Ann\r\ntags:\r\n  - a\r\n- b\r\n\r\nkey: [x, y]\r\n---\r\nBody", 8),
    ("---\rtitle: A\r---\rBody", 3),
    ("---\ntitle: [broken\n: : :\n---\nBody", 4),  # cannot be read, but it is metadata all the same
    ("---\n\nSome paragraph.\n\n---\nBody", 0),  # a rule, a paragraph, a rule
    ("---\nSome paragraph.\n---\nBody", 0),  # a rule, then a setext heading
    ("---\n\ntitle: A\n---\nBody", 0),  # a blank line after the opening rule: not front matter
    ("---\n# Heading\n---\nBody", 0),  # a comment alone names nothing
    ("---\ntitle: A\nA line of prose.\n---\nBody", 0),
    ("---\n- one\n- two\n---\nBody", 0),  # a list between rules
    ("---\ntitle: A\nBody", 0),  # never closed
    ("+++\nSome prose.\n+++\nBody", 0),
    ("---\nurl: https://example.org\n---\n", 3),
    ("---\nhttps://example.org\n---\n", 0),
    ("----\ntitle: A\n----\n", 0),
    ("---\ntitle: A\u2028more\n---\n", 3),  # U+2028 is inside a line, not the end of one
])
def test_which_blocks_are_front_matter(text: str, lines: int) -> None:
    assert front_matter_lines(re.split(r"\r\n|\r|\n", text)) == lines
