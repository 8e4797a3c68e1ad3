"""A word keeps its combining marks: Hindi's vowel signs, Hebrew's points, an accent typed as a
combining mark (NFD, as text pasted from macOS often is) never split a word in two, in the status
line's count, the library's and the voice engine's."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from quill.graphemes import EXTEND, EXTEND_RUN
from quill.library.words import count_words as library_count
from quill.textstats import count_words
from quill.voice.words import WORD, tokens


def test_words_in_scripts_written_with_marks() -> None:
    assert count_words("हिन्दी भाषा") == 2  # was 5: each vowel sign ended a word
    assert count_words("שָׁלוֹם עולם") == 2  # pointed Hebrew
    assert count_words("می‌خواهم بروم") == 2  # Persian's zero-width non-joiner is inside a word
    assert count_words(unicodedata.normalize("NFD", "école, café et naïve")) == 4
    assert WORD.findall(unicodedata.normalize("NFD", "l'école d'été")) == \
        [unicodedata.normalize("NFD", w) for w in ("l'école", "d'été")]


def test_the_fast_path_in_front_of_the_marks_lets_every_mark_through() -> None:
    """``EXTEND_RUN`` checks for U+0300 and above before the long class: no mark may sit below."""
    first = EXTEND[0]
    assert first == "\u0300"
    assert all(ord(c) >= 0x300 for c in EXTEND if c not in "-")
    assert EXTEND_RUN.startswith("(?=[\\u0300-")


PIECES = ["école", "naïve", "Tehe\u0301", "हिन्दी", "नमस्ते", "שָׁלוֹם", "مَرْحَبًا", "می‌خواهم", "がぎ", "ガ", "한국어",
          "Ελλάδα", "привет", "won't", "well-known", "🦊", "👩🏽‍💻", "x", "42", "日本", "Ǆ", "ṩ"]
SEPARATORS = [" ", "\r\n", "\r", "\u2028", "\u2029", "\u00a0", "-", "'", "’", "—", ",", ".", "*", "_", ""]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.sampled_from(SEPARATORS),
                           st.text(st.characters(exclude_categories=("Cs",)), max_size=3)),
                 max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_how_a_character_is_spelled_never_changes_a_count(text: str) -> None:
    composed, decomposed = unicodedata.normalize("NFC", text), unicodedata.normalize("NFD", text)
    assert count_words(composed) == count_words(decomposed)
    if not composed.startswith("---"):  # (the library leaves front matter out of its count)
        assert library_count(composed) == library_count(decomposed) == count_words(composed)
    assert len(tokens(composed)) == len(tokens(decomposed))
