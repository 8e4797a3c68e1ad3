"""The sentence segmenter: golden rules, Quill's own rules, and speed."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from quill.voice.segment import split_sentences
from tests.conftest import shared_path


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_golden_rules_at_least_85_percent() -> None:
    cases = json.loads(shared_path("lexicons", "pysbd-golden-rules", "english_golden_rules.json").read_text())
    exact = sum(sentences(c["text"]) == c["sentences"] for c in cases)
    assert len(cases) == 48
    assert exact / len(cases) >= 0.85, f"{exact}/48 exact"


def test_speech_tag_after_question_mark_does_not_split() -> None:
    assert sentences('"Is this your seat?" Christopher asked. "No," she said.') == [
        '"Is this your seat?" Christopher asked.', '"No," she said.'
    ]
    assert sentences('"Can I sit here?" he asked. She nodded.') == ['"Can I sit here?" he asked.', "She nodded."]
    assert sentences('"Run!" Then they ran.') == ['"Run!"', "Then they ran."]


def test_ellipsis_before_lowercase_continues() -> None:
    assert sentences("I thought... maybe not. Then I left.") == ["I thought... maybe not.", "Then I left."]


def test_abbreviations_initials_and_decimals() -> None:
    assert sentences("Dr. Watson paid $3.50 to J. R. Smith. He left.") == [
        "Dr. Watson paid $3.50 to J. R. Smith.", "He left."
    ]
    assert sentences("We met at 5 p.m. and talked. Then e.g. tea.") == [
        "We met at 5 p.m. and talked.", "Then e.g. tea."
    ]


def test_spans_are_trimmed_offsets() -> None:
    text = "  One. Two!  Three?  "
    assert split_sentences(text) == [(2, 6), (7, 11), (13, 19)]


def test_caseless_and_cjk_scripts_split() -> None:
    assert sentences("مرحبا بالعالم. هذا نص عربي.") == ["مرحبا بالعالم.", "هذا نص عربي."]
    assert sentences("这是一个句子。这是另一个句子。") == ["这是一个句子。", "这是另一个句子。"]


# -- an emoji where the full stop would be -------------------------------------------------------
EMOJI = st.sampled_from(["🚀", "🎉", "😍", "👍🏽", "❤️", "✅", "🇫🇷", "👨\u200d👩\u200d👧", "🙂🙂", "🎉 🎉"])
WORDS = st.lists(st.sampled_from(["we", "shipped", "it", "today", "after", "months", "café", "naïve", "e\u0301te\u0301",
                                  "שלום", "tout", "42"]), min_size=1, max_size=8)
OPENERS = st.sampled_from(["The", "Then", "We", "But", "So", "I", "It", "They", "This"])
NAMES = st.sampled_from(["New", "Paris", "Anna", "Quill", "London", "Monday"])


def _sentence(words: list[str]) -> str:
    first, *rest = words
    return " ".join([first[:1].upper() + first[1:], *rest])


@settings(max_examples=200, deadline=None)
@given(WORDS, EMOJI, OPENERS, WORDS)
def test_an_emoji_after_a_word_ends_the_sentence_before_an_opener(first: list[str], emoji: str, opener: str,
                                                                  second: list[str]) -> None:
    """Writers who end a sentence with an emoji and no full stop ("Shipped it 🚀 The team
    cheered") wrote two sentences, and a mirror that read one long one misread their rhythm."""
    before = f"{_sentence(first)} {emoji}"
    after = f"{opener} {' '.join(second)}."
    assert sentences(f"{before} {after}") == [before, after]


@settings(max_examples=200, deadline=None)
@given(WORDS, EMOJI, NAMES, WORDS)
def test_an_emoji_before_a_name_or_a_lowercase_word_stays_in_the_sentence(first: list[str], emoji: str,
                                                                          name: str, second: list[str]) -> None:
    """ "I ❤️ New York": an emoji used as a word is part of its sentence."""
    for text in (f"{_sentence(first)} {emoji} {name} {' '.join(second)}.",
                 f"{_sentence(first)} {emoji} {' '.join(second).lower()} and more."):
        assert sentences(text) == [text]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(WORDS, st.sampled_from([".", "!", "?", "", " 🎉", ". 🎉", " 🎉.", "! 🙂"]),
                          st.sampled_from([" ", "  ", "\u2028", "\n", "\r\n", "\r"])), min_size=1, max_size=6))
def test_an_emoji_never_stands_as_a_sentence_of_its_own(parts) -> None:  # noqa: ANN001
    """An emoji after a full stop opens the next sentence; it is never cut off as a sentence with
    no words (which the mirror would count as a fragment)."""
    text = "".join(f"{_sentence(words)}{end}{gap}" for words, end, gap in parts)
    for sentence in sentences(text):
        assert any(c.isalnum() for c in sentence), (text, sentences(text))
