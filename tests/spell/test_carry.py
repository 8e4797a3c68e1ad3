"""Underlines carried through an edit of the paragraph being typed in (``quill.spell.carry``).

A carried underline must stand on a word the checker, run afresh on the new text, would underline
too: one on anything else would be a judgement nobody made. Checked by hypothesis over paragraphs
of words, punctuation that joins or ends words, markup the checker skips within a word (digits,
file names, URLs, snake_case), emoji, combining marks, right-to-left script and U+2028, with edits
anywhere: a key typed, a character or a run deleted, a word pasted over a selection.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from quill.spell import checkable_words
from quill.spell.carry import carry_spans, common_prefix, common_suffix


#: "Misspelled" for these tests: any word holding a q or a ǫ (a fixed rule, so the fresh judgement
#: of the new text is known exactly).
def misspelled(text: str) -> list[tuple[int, int]]:
    return [(start, end) for start, end, word in checkable_words(text) if "q" in word.lower() or "ǫ" in word]


PIECES = ["teq", "qat", "word", "the", "Q", "qq", "don't", "don’t", "well-", "-known", "re", "e\u0301q",
          "שלום", "קq", "🦊", "👩‍🔬", "2nd", "v2", "notes.md", "a_b", "www.q.com", "q@x.org", "QQQ", "ǫ"]
SEPARATORS = [" ", "  ", ",", ".", "!", "?", "—", "-", "'", "’", "\u2028", "\t", "\u00a0", "\u0301", "*", "_",
              "\r\n", "\r"]
paragraphs = st.lists(st.one_of(st.sampled_from(PIECES), st.sampled_from(SEPARATORS)), max_size=30).map("".join)


@st.composite
def edits(draw) -> tuple[str, str]:  # noqa: ANN001
    before = draw(paragraphs)
    start = draw(st.integers(0, len(before)))
    end = draw(st.integers(start, min(len(before), start + draw(st.sampled_from([0, 0, 1, 1, 3, 12])))))
    inserted = draw(st.one_of(st.sampled_from(PIECES + SEPARATORS), st.just(""), paragraphs))
    return before, before[:start] + inserted + before[end:]


@settings(max_examples=1500, deadline=None)
@given(edits())
def test_a_carried_underline_is_one_a_fresh_check_would_draw(edit: tuple[str, str]) -> None:
    before, after = edit
    carried = carry_spans(before, misspelled(before), after)
    assert set(carried) <= set(misspelled(after)), (before, after, carried)


@settings(max_examples=300, deadline=None)
@given(paragraphs, paragraphs, st.sampled_from(["q", "x", "qu", "e\u0301", "🦊", "\u0301", "’"]))
def test_words_a_space_away_from_a_typed_key_keep_their_underlines(head: str, tail: str, typed: str) -> None:
    """A key typed at the end of ``head``, just before a space: every underlined word with a space
    between it and the key keeps its underline, the ones after it moved by what was typed."""
    before = f"{head} {tail}"
    at = len(head)
    after = before[:at] + typed + before[at:]
    spans = misspelled(before)
    expected = [(s, e) for s, e in spans if e <= at and re.search(r"\s", before[e:at])] + \
               [(s + len(typed), e + len(typed)) for s, e in spans if s > at]
    assert carry_spans(before, spans, after) == expected, (before, after)


def test_typing_on_in_a_paragraph_keeps_its_underlines_and_judges_nothing_new() -> None:
    text = "A qat sat on teq"
    spans = misspelled(text)
    assert [text[s:e] for s, e in spans] == ["qat", "teq"]
    for key in " and qu":  # a new misspelling being typed at the end
        after = text + key
        spans = carry_spans(text, spans, after)
        text = after
    assert [text[s:e] for s, e in spans] == ["qat", "teq"]  # the word being typed, "qu", is not judged


def test_a_word_edited_or_touched_loses_its_underline_until_the_pause() -> None:
    text = "Then teq went"
    spans = misspelled(text)
    assert carry_spans(text, spans, "Then teqs went") == []  # typed onto its end
    assert carry_spans(text, spans, "Then steq went") == []  # onto its start
    assert carry_spans(text, spans, "Then te went") == []  # a letter deleted
    assert carry_spans(text, spans, "Then teq, went") == []  # punctuation touching it
    assert carry_spans(text, spans, "Then  teq went") == [(6, 9)]  # a space typed before it
    assert carry_spans(text, spans, "Then teq  went") == [(5, 8)]  # or after it
    assert carry_spans(text, spans, "Thenteq went") == []  # the space before it deleted
    assert carry_spans("teq,x", [(0, 3)], "teq'x") == []  # now one word with what follows it
    assert carry_spans("x,teq", [(2, 5)], "x-teq") == []  # or with what comes before it
    assert carry_spans(text, spans, "So then teq went") == [(8, 11)]  # moved, not touched
    assert carry_spans(text, spans, "🦊 Then teq went") == [(7, 10)]  # one code point, whatever UTF-16 says


def test_the_common_prefix_and_suffix_are_exact() -> None:
    for a, b in [("", ""), ("abc", "abc"), ("abc", "abd"), ("xabc", "abc"), ("aaa", "aa"), ("🦊a", "🦊b")]:
        prefix = common_prefix(a, b)
        assert a[:prefix] == b[:prefix] and (prefix == min(len(a), len(b)) or a[prefix] != b[prefix])
        limit = min(len(a), len(b)) - prefix
        suffix = common_suffix(a, b, limit)
        assert suffix <= limit and a[len(a) - suffix:] == b[len(b) - suffix:]
        assert suffix == limit or a[len(a) - suffix - 1] != b[len(b) - suffix - 1]
