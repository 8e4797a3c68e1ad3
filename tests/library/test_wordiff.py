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


WORDS = st.sampled_from(["river", "cold", "we", "swam", ",", ".", " ", "\n", "\n\n", "é", "🙂", "don't"])


@given(st.lists(WORDS, max_size=60).map("".join), st.lists(WORDS, max_size=60).map("".join))
@settings(max_examples=80, deadline=None)
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
