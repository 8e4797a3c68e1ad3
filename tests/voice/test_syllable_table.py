"""The shipped syllable rows kept as one sorted string (issue 20's memory): every row answers as the
plain dict built from the same file did, and nothing else does."""

from __future__ import annotations

import gzip
import json

from quill.resources import resource_path
from quill.voice.syllables import ExceptionTable, exceptions, syllables


def _as_dict() -> dict[str, int]:
    with gzip.open(resource_path("voice", "syllables.json.gz"), "rt", encoding="utf-8") as fh:
        payload = json.load(fh)
    table: dict[str, int] = {}
    for count, words in payload["by_count"].items():
        for word in words.split():
            table[word] = int(count)
    return table


def test_every_shipped_row_answers_as_the_dict_did() -> None:
    plain = _as_dict()
    table = exceptions()
    assert len(table) == len(plain) > 10_000
    assert all(table.get(word) == n and table[word] == n and word in table for word, n in plain.items())
    assert dict(table.items()) == plain


def test_words_that_are_not_rows_are_not_found() -> None:
    plain = _as_dict()
    table = exceptions()
    probes = ["", "a", "zzzz", "~", "aaaaaaaaaa"] + [w + "x" for w in list(plain)[:2000]] + \
        [w[:-1] for w in list(plain)[:2000]]
    for word in probes:
        assert table.get(word) == plain.get(word)
        assert (word in table) == (word in plain)
    assert table.get("zzzz", 7) == 7


def test_a_small_table_keeps_the_last_count_of_a_repeated_word() -> None:
    table = ExceptionTable([("b", 2), ("a", 1), ("c", 3), ("b", 5)])
    assert [table.get(w) for w in "abcd"] == [1, 5, 3, None] and len(table) == 3
    assert not ExceptionTable(()).get("a") and "a" not in ExceptionTable(())


def test_syllables_use_the_rows() -> None:
    word, n = next((w, c) for w, c in _as_dict().items() if "'" not in w)
    assert syllables(word) == n
