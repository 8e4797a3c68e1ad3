"""Front matter is read in a small YAML subset and rewritten without disturbing anything else."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quill.library.frontmatter import MalformedFrontMatter, parse, update_text

SAMPLE = (
    "---\n"
    "# a comment the writer left\n"
    "layout: post\n"
    "title: 'It''s: a title'\n"
    "tags: [one, \"two, three\"]\n"
    "aliases:\n"
    "  - first\n"
    "  - second\n"
    "created: 2023-04-05\n"
    "extra:\n"
    "  nested: true\n"
    "zeta: 3 # trailing comment\n"
    "---\n"
    "\n"
    "# Heading\n"
    "Body   with  odd   spacing\t\n"
    "---\n"
    "and a rule.\n"
)


def test_unchanged_round_trip_is_byte_for_byte():
    assert parse(SAMPLE).text() == SAMPLE


@given(st.text())
def test_any_text_round_trips_unchanged(text):
    assert parse(text).text() == text


def test_values_are_understood():
    doc = parse(SAMPLE)
    assert doc.get("title") == "It's: a title"
    assert doc.get("tags") == ["one", "two, three"]
    assert doc.get("aliases") == ["first", "second"]
    assert doc.get("created") == dt.date(2023, 4, 5)
    assert doc.get("zeta") == 3
    assert doc.body.startswith("\n# Heading\nBody   with  odd   spacing\t\n")


def test_setting_a_key_keeps_unknown_keys_their_order_and_the_body():
    doc = parse(SAMPLE)
    doc.set("status", "finished")
    doc.set("created", dt.date(2024, 1, 2))
    out = doc.text()
    assert out.endswith(doc.body) and doc.body == parse(SAMPLE).body
    keys = parse(out).keys()
    assert keys == ["layout", "title", "tags", "aliases", "created", "extra", "zeta", "status"]
    # Entries Quill did not touch keep their exact lines, comments included.
    kept = ("# a comment the writer left", "title: 'It''s: a title'", "  nested: true", "zeta: 3 # trailing comment")
    for line in kept:
        assert line in out.splitlines()
    assert "created: 2024-01-02" in out.splitlines()


def test_removing_the_last_key_removes_the_block():
    text = "---\nstatus: draft\n---\n\nHello\n"
    assert update_text(text, {"status": None}) == "Hello\n"


def test_new_block_on_a_plain_file_keeps_the_body():
    text = "# A title\n\nWords.\n"
    out = update_text(text, {"status": "finished", "title": "Yes: no"})
    assert out == '---\nstatus: finished\ntitle: "Yes: no"\n---\n\n' + text
    assert parse(out).get("title") == "Yes: no"


@pytest.mark.parametrize("value", ["true", "2024-01-01", "42", "- dash", "a: b", "#hash", "", " space", "[x]"])
def test_awkward_strings_survive_a_round_trip(value):
    out = update_text("body\n", {"title": value})
    assert parse(out).get("title") == value


@pytest.mark.parametrize("block", [
    "---\ntitle: x\nthis is not yaml\n---\nbody\n",
    "---\n\ntitle: x\n---\nbody\n",  # a blank line after the opening rule: text between rules
    "---\ntitle: [unclosed\n---\nbody\n",
    "---\ntitle: \"unclosed\n---\nbody\n",
    "---\ntitle: a\ntitle: b\n---\nbody\n",
])
def test_malformed_front_matter_is_body_and_refuses_changes(block):
    doc = parse(block)
    assert doc.problem and "front matter" in doc.problem
    assert doc.body == block and doc.text() == block
    with pytest.raises(MalformedFrontMatter):
        doc.set("status", "finished")


@pytest.mark.parametrize("text", [
    "---\nthis is not yaml\n---\nbody\n",
    "---\n\nA paragraph between two rules.\n\n---\n\nMore.\n",
    "---\n# A heading between rules\n---\n",
])
def test_prose_between_two_rules_at_the_top_is_body_and_takes_new_metadata(text):
    """Not front matter (so not a problem either): setting a key puts a block above the rules."""
    doc = parse(text)
    assert doc.problem is None and not doc.has_block and doc.body == text
    changed = update_text(text, {"status": "draft"})
    assert changed.endswith(text) and parse(changed).get("status") == "draft"
    assert parse(changed).body.strip() == text.strip()


def test_a_byte_order_mark_stays_in_front_of_a_rewritten_block():
    text = "\ufeff---\ntitle: A\n---\nBody.\n"
    doc = parse(text)
    assert doc.has_block and doc.get("title") == "A" and doc.body == "Body.\n"
    assert update_text(text, {"status": "draft"}) == "\ufeff---\ntitle: A\nstatus: draft\n---\nBody.\n"


def test_an_opening_rule_without_a_closing_one_is_just_text():
    text = "---\n\nA story that starts with a rule.\n"
    doc = parse(text)
    assert doc.problem is None and not doc.has_block and doc.body == text


@given(st.text(alphabet="ab1-' \n.,’é"))
def test_fast_word_count_agrees_with_the_regex(text):
    from quill.library.words import WORD_RE, count_body_words

    assert count_body_words(text) == len(WORD_RE.findall(text))


def test_a_block_with_a_key_named_twice_is_not_read_as_a_heading(tmp_path):
    """The page, the preview and the exports keep such a block out of the body; the library read its
    lines as prose, its closing --- made them a setext heading, and the piece was listed as
    "title: Rain title: Rain" (and opened under its file name)."""
    from quill.export.frontmatter import split_front_matter
    from quill.library.piece import build_piece, read_title

    text = "---\ntitle: Rain\ntitle: Rain\n---\n\nThe rain came in sideways.\n"
    path = tmp_path / "the-stem.md"
    path.write_text(text, encoding="utf-8")
    piece, body = build_piece(path, tmp_path, text, len(text), 0)
    assert piece.problem and "twice" in piece.problem  # the writer is still told why
    assert piece.title == read_title(path) == "the-stem"
    assert piece.first_line == "The rain came in sideways."
    assert body == split_front_matter(text).body  # what is indexed is what an export prints
