"""The incremental engine equals a from-scratch analysis; bad input never raises or hangs."""

from __future__ import annotations

import time
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quill.voice import VoiceEngine, analyze

FAST = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

BASE = """---
title: Draft
---

# The river

The river was cold that morning. We swam anyway, laughing, shouting — and then it rained.
Nobody minded. "Is it deep?" Anna asked. It wasn't.

```
code = "not prose"
```

It is a testament to the town, highlighting its pivotal role. Short. Very short. Tiny.

- a list item
- another

> A quoted line with *emphasis* and a [link](https://example.com).

Mr. Smith paid $3.50 at 5 p.m. and left... slowly. The end!
"""


@given(st.text(max_size=400))
@FAST
def test_analyze_never_raises_on_arbitrary_unicode(text: str) -> None:
    rep = analyze(text)
    d = rep.to_dict()
    assert d["words"] >= 0
    for s, e in d["sentence_spans"]:
        assert 0 <= s <= e <= len(text)


MARKUP = st.sampled_from(
    list("abc XYZ.,!?\n\n#*_`[]()>-—…\"'\\&|") + ["```\n", "\n\n", "Mr. ", "...", "  ", "&amp;", "\r\n", "1. ",
                                                  "[^1]", "\n[^1]: ", "\n- ", "\n> ", "\n|---|---|\n", " -- ", "| a |",
                                                  "\n: ", "\n~ ", "\n\n: ", "Term\n:   ",
                                                  # a list item's (or definition's) next paragraph, indented
                                                  # under it, and indented code: told apart by what is above
                                                  "\n\n    ", "\n    ", "\t", "\n\n- ", "\n\n1. "]
)

EDIT = st.one_of(
    st.tuples(st.just("insert"), st.integers(0, 10_000), st.lists(MARKUP, min_size=1, max_size=4).map("".join)),
    st.tuples(st.just("delete"), st.integers(0, 10_000), st.integers(1, 30)),
    st.tuples(st.just("paste"), st.integers(0, 10_000), st.sampled_from(
        ["\n\nA new paragraph. With two sentences.\n\n", " more words here", "\n```\n", "\n---\n"])),
)


@given(st.lists(EDIT, min_size=1, max_size=12))
@FAST
def test_update_equals_analyze_after_random_edits(edits: list[tuple]) -> None:
    engine = VoiceEngine()
    text = BASE
    assert engine.update(text) == analyze(text)
    for kind, pos, arg in edits:
        pos %= len(text) + 1
        text = text[:pos] + text[pos + arg:] if kind == "delete" else text[:pos] + arg + text[pos:]
        got = engine.update(text)
        want = analyze(text)
        assert got.to_dict() == want.to_dict()
        assert got == want
        assert engine.sentence_length_counts() == dict(Counter(want.sentence_lengths))


def test_long_document_edits_match_analyze() -> None:
    """Many paragraphs, so the memoised MTLD/MATTR pieces must re-synchronise after edits."""
    import random

    rng = random.Random(11)
    vocab = [
        "the", "a", "of", "river", "cold", "swim", "night", "light", "stone", "bird", "water", "tree",
        "wind", "road", "house", "door", "quiet", "slowly", "under", "over", "we", "they", "she", "ran",
        "sang", "fell", "rose", "morning"
    ]
    paras = []
    for _ in range(60):
        sents = [" ".join(rng.choice(vocab) for _ in range(rng.randint(2, 18))).capitalize() + rng.choice(".!?")
                 for _ in range(rng.randint(1, 6))]
        paras.append(" ".join(sents))
    text = "\n\n".join(paras)
    engine = VoiceEngine()
    engine.update(text)
    for _ in range(25):
        pos = rng.randrange(len(text))
        op = rng.random()
        if op < 0.5:
            text = text[:pos] + rng.choice(["x", " ", ".", "\n\n", " river", "Quiet. "]) + text[pos:]
        else:
            text = text[:pos] + text[pos + rng.randint(1, 40):]
        want = analyze(text)
        assert engine.update(text) == want
        assert engine.sentence_length_counts() == dict(Counter(want.sentence_lengths))
        assert list(engine.update(text).sentence_spans) == [tuple(s) for s in want.to_dict()["sentence_spans"]]


def test_spans_read_like_the_tuple_of_pairs_they_stand_for() -> None:
    from quill.voice.report import Spans

    spans = Spans([0, 13], [12, 28])
    assert spans == ((0, 12), (13, 28)) == tuple(spans) and spans[1] == (13, 28) and spans[:1] == ((0, 12),)
    assert spans != ((0, 12), (13, 29)) and len(spans) == 2 and hash(spans) == hash(Spans((0, 13), (12, 28)))


def test_update_reuses_unchanged_paragraphs() -> None:
    engine = VoiceEngine()
    engine.update(BASE)
    before = [st for st in engine._cst if st is not None]
    edited = BASE.replace("Nobody minded.", "Nobody minded at all.")
    engine.update(edited)
    after = [st for st in engine._cst if st is not None]
    reused = [a for a, b in zip(before, after, strict=True) if a is b]
    assert len(after) >= 2 and len(reused) == len(after) - 1


def test_a_fence_typed_recuts_everything_and_keeps_every_unchanged_paragraphs_figures() -> None:
    """A fence line sends the engine back to cutting the whole text; paragraphs whose text did not
    change keep their figures (they are not kept by text between updates, only found again)."""
    paragraphs = [f"Paragraph {i} has words. It ends here." for i in range(6)]
    text = "\n\n".join(paragraphs)
    engine = VoiceEngine()
    engine.update(text)
    before = list(engine._cst)
    edited = text + "\n\n```\ncode, not prose\n```\n"
    assert engine.update(edited) == analyze(edited)
    assert engine._cst[:6] == before and all(a is b for a, b in zip(engine._cst, before, strict=False))
    assert engine._cst[6] is None  # the code chunk



def test_an_edit_recounts_only_the_paragraph_it_touched(monkeypatch) -> None:
    """The window re-cut around an edit includes a neighbouring chunk on each side; those come
    back as the same text at the same place, and are not counted out and in again."""
    paragraphs = [f"Paragraph {i} has words. It ends here." for i in range(9)]
    text = "\n\n".join(paragraphs)
    engine = VoiceEngine()
    engine.update(text)
    replaced = []
    original = engine._replace_parts
    monkeypatch.setattr(engine, "_replace_parts", lambda lo, hi, new: replaced.append(
        (lo, hi, [len(st.sentence_lengths) for _, st in new])) or original(lo, hi, new))
    middle = text.index("Paragraph 4") + len("Paragraph 4 has words.")
    edited = text[:middle] + " More." + text[middle:]
    assert engine.update(edited) == analyze(edited)
    # paragraph 4 (two sentences) is counted out and its new version (three) in; nothing else
    assert replaced == [(4, 5, [3])]



def test_a_line_that_closes_unclosed_front_matter_far_below_it() -> None:
    """Front matter whose closing line is missing is text (an opening rule and "key: value" lines):
    typing the closing line far below makes all of it front matter, above the edit, and deleting
    it makes it text again. (Prose between two rules never becomes front matter: see
    tests/core/test_front_matter_rule.py.)"""
    text = "---\ntitle: Draft\n\n" + "\n\n".join(f"Note {i}: it was short and cold." for i in range(8)) + \
        "\n\n" + "\n\n".join(f"Paragraph {i} is prose. Quite short." for i in range(6))
    engine = VoiceEngine()
    engine.update(text)
    at = text.index("Paragraph 0")
    closed = text[:at] + "---\n\n" + text[at:]
    assert engine.update(closed) == analyze(closed)
    assert analyze(closed).words < analyze(text).words  # the notes became front matter
    assert engine.update(text) == analyze(text)  # and text again once the line is gone

PATHOLOGICAL = {
    "empty": "",
    "single word": "word",
    "1 MB without punctuation": "word another thing " * 55_000,
    "1 MB without spaces": "a" * 1_000_000,
    "only code": "```\n" + "x = 1\n" * 50_000 + "```\n",
    "deeply nested quotes": "> " * 3000 + "text here.",
    "deeply nested lists": "".join("  " * i + "- item\n" for i in range(400)),
    "nested brackets": "[" * 50_000 + "a" + "]" * 50_000,
    "emphasis soup": "*_" * 50_000,
    "1 MB of inline markup in one paragraph": "**a _b_ [c](d) `e` " * 50_000,
    "control characters": "".join(chr(i) for i in range(32)) * 2000 + " Hello there. Fine.",
    "right-to-left": "مرحبا بالعالم. هذا نص عربي طويل. " * 3000,
    "CJK": "这是一个句子。这是另一个句子！" * 5000,
    "dots and spaces": ". " * 300_000,
    "many not": "not " * 100_000,
}


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_bad_input_is_fast_and_safe(name: str) -> None:
    text = PATHOLOGICAL[name]
    t = time.perf_counter()
    rep = analyze(text)
    elapsed = time.perf_counter() - t
    # Catastrophic backtracking takes minutes on these inputs, so a generous bound catches it without
    # failing on a loaded CI machine; the 1 s budget itself is measured by tests/benchmarks/bench_voice.py.
    assert elapsed < 10.0, f"{name}: {elapsed:.2f} s"
    d = rep.to_dict()
    assert d["words"] >= 0
    if d["words"] == 0:
        assert d["mean_sentence_length"] is None and d["flesch_reading_ease"] is None
        assert d["machine_likeness"] is None


def test_expected_numbers_on_bad_input() -> None:
    assert analyze("").words == 0 and analyze("").sentences == 0
    one = analyze("word")
    assert (one.words, one.sentences, one.fragment_rate) == (1, 1, 1.0)
    assert analyze(PATHOLOGICAL["only code"]).words == 0
    assert analyze(PATHOLOGICAL["1 MB without spaces"]).words == 1
    cjk = analyze("这是一个句子。这是另一个句子！")
    assert cjk.sentences == 2
    rtl = analyze("مرحبا بالعالم. هذا نص عربي طويل.")
    assert rtl.sentences == 2 and rtl.words == 6


@given(st.lists(MARKUP, max_size=60).map("".join))
@FAST
def test_spans_stay_inside_markdown_rich_text(text: str) -> None:
    rep = analyze(text)
    for s, e in rep.sentence_spans:
        assert 0 <= s <= e <= len(text)
    for t in rep.tells:
        assert 0 <= t.start <= t.end <= len(text)


def test_the_voice_report_counts_agree_with_their_nouns() -> None:
    """'1 paragraphs' read as a machine's sentence: counts and nouns agree in `quill voice`."""
    from quill.voice.cli import render
    from quill.voice.engine import analyze

    one = render(analyze("Past the mill. Past the fence."), "piece")
    assert "2 sentences, 1 paragraph\n" in one + "\n" and "1 paragraphs" not in one
    two = render(analyze("Past the mill.\n\nPast the fence. And home."), "piece")
    assert "3 sentences, 2 paragraphs" in two


def test_a_carry_of_the_same_length_but_other_words_is_followed_through() -> None:
    """MTLD's carries are kept as lengths (issue 20's memory): after an edit, a part whose carry has
    the length it had must still be redone when the carry's words changed. In these two pieces the
    edited paragraph leaves a carry as long as before, whose other words end a factor in the next
    paragraph (forward) or the one before (backward) where the old ones did not, or the reverse."""
    forward = ("W4 w11 w9 w9.\n\nW2 w8 w3 w0 w3 w8.", "W4 w11 w9 w10.\n\nW2 w8 w3 w0 w3 w8.")
    backward = ("W3 w10 w1 w8 w2 w4 w3 w3.\n\nW1 w5 w11 w0 w3 w11 w1 w0.",
                "W3 w10 w1 w8 w2 w4 w3 w3.\n\nW4 w5 w11 w0 w3 w11 w1 w0.")
    for before, after in (forward, backward, forward[::-1], backward[::-1]):
        engine = VoiceEngine()
        engine.update(before)
        assert engine.update(after) == analyze(after)
        fresh = VoiceEngine()
        fresh.update(after)
        state = ("_mf_done", "_mb_done", "_mf_in", "_mb_in", "_mf_out", "_mb_out")
        assert [getattr(engine, name) for name in state] == [getattr(fresh, name) for name in state]


def test_a_paragraph_turned_list_item_takes_the_indented_paragraphs_below_it_along() -> None:
    """An indented block is read with the list item above it (split_chunks). Typing "- " before a
    paragraph made it an item: the two-space paragraph under it joined it, and so must the
    four-space one after that, though it lies past the stretch the engine re-cuts around an edit
    (read alone it is code, so the panel left it out until the piece was read afresh)."""
    text = "Para one here.\n\n  Two spaces in.\n\n    Four spaces in, a paragraph of the item.\n"
    engine = VoiceEngine()
    assert engine.update(text).words == 6  # the four-space block is code under a plain paragraph
    text = "- " + text
    want = analyze(text)
    assert want.words == 14
    assert engine.update(text) == want


def test_an_edit_in_an_items_third_paragraph_reads_the_paragraphs_above_by_the_item() -> None:
    """An item's later paragraphs are chunks of their own, read by the item above them. The engine
    re-cuts one chunk either side of an edit: here that is the item's second paragraph, which
    alone, without its item, reads as code. The re-cut must start at the item."""
    text = "1. The item, opening an outline.\n\n    Its second paragraph, as prose.\n\n    And its third.\n"
    engine = VoiceEngine()
    assert engine.update(text).words == 13
    text = text.replace("its third", "its long third")
    want = analyze(text)
    assert want.words == 14
    assert engine.update(text) == want
