"""The sentence segmenter: golden rules, Quill's own rules, and speed."""

from __future__ import annotations

import json

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
