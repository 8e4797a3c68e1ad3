"""Search snippets show the writer's words, not the markdown around them."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from quill.library.index import make_snippet
from quill.library.piece import first_line
from quill.markup.readable import BLOCK_BREAK, readable_glimpse, readable_line


def test_marks_a_reader_never_sees_are_left_out():
    assert readable_line("## The ferry ##") == "The ferry"
    assert readable_line("> - [ ] pack the *good* boots") == "pack the good boots"
    assert readable_line("3. the [harbour](https://example.org/a/long/path) at **dawn**") == "3. the harbour at dawn"
    assert readable_line("![a gull over the pier](gull.jpg)") == "a gull over the pier"
    assert readable_line("It rained.[^1] See <https://example.org>.") == "It rained. See https://example.org."
    assert readable_line("Run `make` twice") == "Run make twice"
    assert readable_line("The rain here is *warm*, _always_") == "The rain here is warm, always"
    for only_marks in ("===", "---", "* * *", "___", "|---|:--:|", "```python", "~~~"):
        assert readable_line(only_marks) == "", only_marks


def test_what_is_not_plainly_markup_stays():
    for line in ("It was 5 * 3 * 2 = 30, she said.", "snake_case_name and 2*x*y", "A #hashtag, not a heading",
                 "2026. That year.", "-- a dash typed as two hyphens", "Nothing to see"):
        assert readable_line(line) == line.strip(), line
    # The end of a line cut inside it: a dash that opens it is the writer's, not a list mark.
    assert readable_line("- then nothing", whole=False) == "- then nothing"


def _is_subsequence(small: str, big: str) -> bool:
    rest = iter(big)
    return all(char in rest for char in small)


_PIECES = st.sampled_from(["#", "## ", "> ", "- ", "* ", "1. ", "[x] ", "**", "__", "`", "[", "]", "(", ")",
                           "![", "[^1]", "<https://a.b>", "---", "===", "|", ":", " ", "\t", "word", "🙂",
                           "e\u0301", "שלום", "\u200f", "\u2028", "x_y", "5 * 3"])


@given(st.lists(_PIECES, max_size=14).map("".join), st.booleans())
def test_a_readable_line_only_ever_leaves_characters_out(line: str, whole: bool) -> None:
    """Never a character the writer did not type, never one moved: what is shown is a glimpse."""
    shown = readable_line(line, whole=whole)
    assert _is_subsequence(shown, line), (line, shown)
    assert shown == shown.strip()
    assert readable_line(line, whole=whole) == shown  # no state: the same line reads the same


def test_a_search_snippet_reads_as_prose_with_its_match_marked():
    body = ("# The ferry\n\n> She said the [harbour](https://example.org/a/very/long/path) was "
            "**never** this quiet.\n\nSetext\n------\n")
    snippet, spans = make_snippet(body, re.compile("harbour|never", re.IGNORECASE))
    assert snippet == "The ferry · She said the harbour was never this quiet. · Setext"
    assert [snippet[a:b] for a, b in spans] == ["harbour", "never"]
    # A snippet starting inside a line keeps the writer's dash.
    snippet, spans = make_snippet("x " * 200 + "- then the ferry", re.compile("ferry"))
    assert snippet.endswith("x - then the ferry") and [snippet[a:b] for a, b in spans] == ["ferry"]


def test_blocks_stay_apart_in_a_glimpse_and_a_paragraph_reads_on():
    lines = ["# Gulls", "", "## Morning", "The gulls came in", "over the pier.", "- fog", "- rain", "",
             "Setext", "------", "after"]
    assert readable_glimpse(lines) == BLOCK_BREAK.join(
        ["Gulls", "Morning", "The gulls came in over the pier.", "fog", "rain", "Setext", "after"])
    # cut inside its first line: what opens it is the writer's text, not a block's mark
    assert readable_glimpse(["- then nothing", "- a list item"], first_whole=False) == \
        "- then nothing" + BLOCK_BREAK + "a list item"


def test_a_pieces_first_line_in_the_library_reads_as_prose():
    body = "# The ferry\n\n> She said the [harbour](https://example.org/a) was **never** this quiet.[^1]\n"
    assert first_line(body, "The ferry") == "She said the harbour was never this quiet."
    # past its section headings to what it opens with; a piece of headings alone gives its first
    assert first_line("# The Long Way Home\n\n## Part 1\n\nWe left at *dawn*.\n", "The Long Way Home") == \
        "We left at dawn."
    assert first_line("# Notes\n\n## Part 1\n\n## Part 2\n", "Notes") == "Part 1"


_BODY = st.lists(st.sampled_from(["# ", "> ", "- ", "**", "*", "_", "`", "[", "](u)", "---", "word", "ferry",
                                  "Ferry", "🙂", "👩‍💻", "e\u0301", "שלום", "\u200f", " ", "\n", "\r\n", "\r",
                                  "\u2028", "\n\n", "x_y", "[^1]"]), max_size=60).map("".join)


@given(_BODY)
def test_a_snippet_marks_only_matched_words_and_adds_only_separators(body: str) -> None:
    """Any body (markdown, emoji, accents, Hebrew, CRLF, CR, U+2028): every mark in the snippet lies
    on a match, and the snippet holds nothing the body did not, beyond the ellipses and the " · "
    between blocks."""
    pattern = re.compile("ferry", re.IGNORECASE)
    snippet, spans = make_snippet(body, pattern)
    for a, b in spans:
        assert pattern.fullmatch(snippet[a:b]), (snippet, spans)
    assert all(0 <= a < b <= len(snippet) for a, b in spans)
    assert not any(c in snippet for c in "\r\n\u2028")  # one line
    core = snippet.removeprefix("…").removesuffix("…").replace(BLOCK_BREAK, " ")
    assert _is_subsequence(core.replace(" ", ""), body.replace(" ", "").replace("\t", ""))
