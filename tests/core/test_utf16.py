"""Qt-to-Python position conversion agrees with an explicit UTF-16 encoding for any text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from quill.utf16 import (
    all_single_units,
    astral_count,
    from_editor,
    has_astral,
    index_from_utf16,
    to_editor,
    utf16_from_index,
    utf16_length,
    what_the_page_cannot_keep,
)

texts = st.text(alphabet=st.one_of(st.characters(codec="utf-8", exclude_categories=("Cs",)),
                                   st.sampled_from(["🙂", "𝑥", "\U00020000", "\u0301", "\u2028", "\r", "\n"])))


@given(texts)
def test_length_is_the_utf16_encoding_length(text):
    assert utf16_length(text) == len(text.encode("utf-16-le")) // 2
    assert has_astral(text) == (astral_count(text) > 0)


@given(texts, st.data())
def test_conversions_are_inverse_at_character_boundaries(text, data):
    index = data.draw(st.integers(0, len(text)))
    offset = utf16_from_index(text, index)
    assert offset == len(text[:index].encode("utf-16-le")) // 2
    assert index_from_utf16(text, offset) == index


#: Also lone surrogates (a Python str can hold them; no file decodes to one) and plain ASCII runs.
texts_with_surrogates = st.one_of(
    st.text(alphabet=st.one_of(st.characters(codec="utf-8", exclude_categories=("Cs",)),
                               st.characters(categories=("Cs",)),
                               st.sampled_from(["🙂", "\U0010ffff", "\U00010000", "\ud83d", "\udfff", "\u05d0",
                                                "\u0301", "\u2028", "\r", "\uffff"]))),
    st.text(alphabet=st.characters(max_codepoint=127)))


@given(texts_with_surrogates)
def test_single_units_means_no_astral_character_and_no_lone_surrogate(text):
    """The one-scan check the editor makes before its first paint agrees with asking character by
    character what UTF-16 does with each."""
    def one_unit(character: str) -> bool:
        return len(character.encode("utf-16-le", "surrogatepass")) == 2 and not 0xD800 <= ord(character) <= 0xDFFF

    assert all_single_units(text) == all(one_unit(c) for c in text)
    assert has_astral(text) == any(ord(c) > 0xFFFF for c in text)


def test_an_offset_inside_a_pair_maps_to_that_character():
    assert index_from_utf16("a🙂b", 2) == 1
    assert index_from_utf16("a🙂b", 3) == 2


page_texts = st.text(alphabet=st.sampled_from(["a", " ", "\n", "🙂", "\u2028", "\u2029", "\ufdd0", "\ufdd1",
                                               "\U0010fff0", "\U0010fff1", "\r"]))


@given(page_texts)
def test_what_the_page_keeps_goes_in_without_a_break_qt_would_add_and_comes_back_out(text):
    """The page refuses exactly the texts it would change: whatever it accepts reaches Qt with no
    U+2029, U+FDD0 or U+FDD1 (each becomes a paragraph break there) and comes back out unchanged."""
    held = to_editor(text)
    back = from_editor(held) if held is not text else held  # as the editor does: only stand-ins it made
    keeps = not any(mark in held for mark in "\u2029\ufdd0\ufdd1") and back == text
    assert (what_the_page_cannot_keep(text) is None) == keeps
