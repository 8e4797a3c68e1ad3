"""Versions compare by word: a one-word change shows that word, not the paragraph twice."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from quill.library.snapshots import SnapshotStore
from quill.library.wordiff import word_diff

PARA = "The river was cold that morning, and we swam anyway, laughing at the grey water."


def test_one_changed_word_is_one_word() -> None:
    old = f"# Title\n\n{PARA}\n\nAnother paragraph.\n"
    new = old.replace("cold", "warm")
    diff = word_diff(old, new)
    changes = [part for block in diff.blocks for part in block.parts if part[0] != "="]
    assert changes == [("-", "cold"), ("+", "warm")]
    assert (diff.words_added, diff.words_removed) == (1, 1)


def test_unchanged_stretches_fold_and_a_last_line_keeps_its_place() -> None:
    old = "\n".join(f"Line {i}." for i in range(30)) + "\nlast line"
    new = old + "\nA new line after it"
    diff = word_diff(old, new)
    kinds = [b.kind for b in diff.blocks]
    assert kinds[0] == "skipped" and diff.blocks[0].skipped == 30
    assert kinds[-2:] == ["same", "added"] and diff.blocks[-1].parts == [("+", "A new line after it")]
    unified = SnapshotStore.diff(old, new)
    assert "last line+A new" not in unified and "+A new line after it\n" in unified


WORDS = st.sampled_from(["river", "cold", "we", "swam", ",", ".", " ", "\n", "\n\n", "é", "🙂", "don't",
                        "\u2028", "\r\n", "\r", "\t", "  ", "e\u0301", "שלום", "漢字", "\u0301"])


@given(st.lists(WORDS, max_size=60).map("".join), st.lists(WORDS, max_size=60).map("".join))
@settings(max_examples=int(__import__("os").environ.get("QUILL_FUZZ_EXAMPLES", 80)), deadline=None)
def test_the_diff_rebuilds_both_texts(old: str, new: str) -> None:
    diff = word_diff(old, new, context=10**6)
    norm = lambda s: s.replace("\r\n", "\n").replace("\r", "\n")  # noqa: E731
    if diff.unchanged:
        assert norm(old) == norm(new)
        return
    lines_old, lines_new = [], []
    for block in diff.blocks:
        lines_old.append("".join(t for op, t in block.parts if op in "=-") if block.kind != "added" else None)
        lines_new.append("".join(t for op, t in block.parts if op in "=+") if block.kind != "removed" else None)
    assert "\n".join(x for x in lines_old if x is not None) == norm(old)
    assert "\n".join(x for x in lines_new if x is not None) == norm(new)


def test_a_paragraph_split_in_two_is_one_new_break() -> None:
    """Paired in order, the split paragraph's first half was compared with the whole, and its
    second half showed as removed there and added again below: 7 words "changed" for none."""
    old = f"# Title\n\n{PARA} Then we ate.\n\nAnother paragraph.\n"
    new = old.replace("water. Then", "water.\n\nThen")
    diff = word_diff(old, new)
    changes = [part for block in diff.blocks for part in block.parts if part[0] != "="]
    assert changes == [("-", " "), ("+", "\n\n")]
    assert (diff.words_added, diff.words_removed) == (0, 0) and not diff.unchanged


def test_a_new_paragraph_above_an_edited_one_is_only_what_was_written() -> None:
    old = f"{PARA}\n\nThe end.\n"
    new = f"A new opening, written later.\n\n{PARA.replace('cold', 'warm')}\n\nThe end.\n"
    diff = word_diff(old, new)
    assert (diff.words_added, diff.words_removed) == (6, 1)


def test_a_book_with_a_few_changes_compares_fast_enough_to_not_matter() -> None:
    """Not a timing test: the work counted. Blank lines are keyed by the paragraph above them, so
    paragraphs match in long runs; taken as difflib "junk" instead (never anchoring a match), each
    paragraph became a match of its own, ~1,600 searches over the book (2.5× slower)."""
    import difflib

    paragraphs = [f"Paragraph {n} says something of its own, number {n}." for n in range(3000)]
    old = "\n\n".join(paragraphs)
    new = old.replace("number 10.", "number ten.").replace("Paragraph 2000 says", "Paragraph 2000 now says")
    calls = []
    real = difflib.SequenceMatcher.find_longest_match

    def counted(self, *args):  # noqa: ANN001, ANN002, ANN202
        calls.append(1)
        return real(self, *args)

    difflib.SequenceMatcher.find_longest_match = counted
    try:
        diff = word_diff(old, new)
    finally:
        difflib.SequenceMatcher.find_longest_match = real
    assert (diff.words_added, diff.words_removed) == (2, 1)
    assert len(calls) < 100


_EDIT_WORDS = ["river", "cold", "é", "🙂", "don't", "שלום", "e\u0301te\u0301"]


@given(st.lists(st.lists(st.sampled_from(_EDIT_WORDS), min_size=1, max_size=8), min_size=1, max_size=8),
       st.lists(st.tuples(st.sampled_from(["insert", "delete", "split", "join"]), st.integers(0, 10**6)),
                max_size=4),
       st.sampled_from(["\n", "\r\n"]))
@settings(max_examples=int(__import__("os").environ.get("QUILL_FUZZ_EXAMPLES", 200)), deadline=None, derandomize=True)
def test_the_changes_shown_are_no_more_than_the_edits_made(paragraphs, edits, newline) -> None:  # noqa: ANN001
    """Hypothesis: paragraphs of words (emoji, Hebrew, decomposed accents), edited by inserting and
    deleting words and by splitting and joining paragraphs; the words shown added and removed are
    never more than those inserted and deleted (a split or a join moves none). Each word is made
    unique by a number: with repeated paragraphs difflib's longest-match-first may pair the wrong
    copy, which is its known trade for speed and not what this tests."""
    counter = iter(range(10**6))
    paragraphs = [[f"{word}{next(counter)}" for word in p] for p in paragraphs]
    paras = [list(p) for p in paragraphs]
    inserted = deleted = 0
    for op, at in edits:
        flat = [(i, j) for i, p in enumerate(paras) for j in range(len(p))]
        i, j = flat[at % len(flat)]
        if op == "insert":
            paras[i].insert(j, f"inserted{next(counter)}")
            inserted += 1
        elif op == "delete" and len(paras[i]) > 1:
            paras[i].pop(j)
            deleted += 1
        elif op == "split" and j > 0:
            paras[i:i + 1] = [paras[i][:j], paras[i][j:]]
        elif op == "join" and i + 1 < len(paras):
            paras[i:i + 2] = [paras[i] + paras[i + 1]]
    old = newline.join(newline.join([" ".join(p), ""]) for p in paragraphs)
    new = newline.join(newline.join([" ".join(p), ""]) for p in paras)
    diff = word_diff(old, new)
    assert diff.words_added <= inserted and diff.words_removed <= deleted, (old, new)
