"""Qt-to-Python position conversion agrees with an explicit UTF-16 encoding for any text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from quill.utf16 import all_single_units, astral_count, has_astral, index_from_utf16, utf16_from_index, utf16_length

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
