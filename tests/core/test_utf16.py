"""Qt-to-Python position conversion agrees with an explicit UTF-16 encoding for any text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from quill.utf16 import astral_count, has_astral, index_from_utf16, utf16_from_index, utf16_length

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


def test_an_offset_inside_a_pair_maps_to_that_character():
    assert index_from_utf16("a🙂b", 2) == 1
    assert index_from_utf16("a🙂b", 3) == 2
