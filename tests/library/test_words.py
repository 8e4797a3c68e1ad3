"""The library's word count is the same however the text is cut into stretches for counting."""

from __future__ import annotations

import random

import pytest

from quill.library import words

PIECES = ["word", "won't", "well-known", "été", "—", " ", "\n", "-", "'", "x_y", "42", "  ", "naïve", "don’t", "\t"]


@pytest.mark.parametrize("seed", range(40))
def test_counting_in_stretches_matches_one_pass(monkeypatch, seed: int) -> None:  # noqa: ANN001
    rng = random.Random(seed)
    text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 2500)))
    expected = len(words.WORD_RE.findall(text))
    monkeypatch.setattr(words, "CHUNK_CHARS", rng.randint(1, 60))
    assert words.count_body_words(text) == expected


def test_a_book_is_counted_in_many_stretches(monkeypatch) -> None:  # noqa: ANN001
    calls = []
    real = words._chunk_end
    monkeypatch.setattr(words, "_chunk_end", lambda body, end: calls.append(end) or real(body, end))
    book = "A sentence of some length, with a comma. " * 20_000  # 820,000 characters
    assert words.count_body_words(book) == 160_000
    assert len(calls) >= len(book) // words.CHUNK_CHARS  # no single regex call over the whole book
