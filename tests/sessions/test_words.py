from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from quill.sessions.words import EditCounter, EditDelta, measure_edit
from quill.textstats import count_words


def edit(text: str, pos: int, removed: int, inserted: str, pasted: bool = False):
    return measure_edit(text, pos, removed, inserted, pasted=pasted)


def test_typing_a_word_letter_by_letter_adds_one_word():
    counter = EditCounter("")
    added = 0
    for i, ch in enumerate("hello"):
        added += counter.edit(i, 0, ch).words_added
    assert added == 1 and counter.text == "hello"


def test_typing_inside_a_word_adds_nothing_and_a_space_splits():
    assert edit("catdog", 3, 0, "s")[1].words_added == 0
    text, d = edit("catdog", 3, 0, " ")
    assert text == "cat dog" and d.words_added == 1 and d.words_deleted == 0


def test_backspace_merging_two_words_deletes_one():
    text, d = edit("cat dog", 3, 1, "")
    assert text == "catdog" and d.words_deleted == 1 and d.words_added == 0


def test_select_and_type_over_counts_both_ways():
    text, d = edit("one two three four", 4, 9, "x")  # "two three" -> "x"
    assert text == "one x four" and d.words_deleted == 2 and d.words_added == 1


def test_multi_paragraph_delete_counts_every_word_removed():
    text = "alpha beta\ngamma delta\nepsilon"
    new, d = edit(text, 6, 17, "")  # "beta\ngamma delta\n" removed
    assert new == "alpha epsilon" and d.words_deleted == 3


def test_paste_counts_as_pasted_never_typed():
    d = edit("intro ", 6, 0, "three pasted words", pasted=True)[1]
    assert (d.words_added, d.words_pasted, d.chars_added, d.chars_pasted) == (0, 3, 0, 18)


def test_paste_over_selection_deletes_then_pastes():
    d = edit("keep drop drop keep", 5, 9, "new words", pasted=True)[1]
    assert d.words_deleted == 2 and d.words_pasted == 2 and d.words_added == 0


def test_expect_paste_marks_only_the_next_edit():
    counter = EditCounter("")
    counter.expect_paste("a b c")
    assert counter.edit(0, 0, "a b c").words_pasted == 3
    assert counter.edit(5, 0, " d").words_added == 1


def test_characters_exclude_line_breaks():
    d = edit("", 0, 0, "ab\ncd")[1]
    assert d.chars_added == 4


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8), st.text("ab -'\n.", max_size=8)), max_size=25))
def test_net_words_always_equal_the_change_in_the_whole_count(edits):
    text = "start of a text\n"
    counter = EditCounter(text)
    for pos, removed, inserted in edits:
        before = count_words(counter.text)
        d = counter.edit(pos, removed, inserted)
        assert d.net_words == count_words(counter.text) - before



@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.text(alphabet="ab \n-", max_size=40),
       st.lists(st.tuples(st.floats(0, 1), st.integers(0, 6), st.text(alphabet="ab \n'", max_size=5)), max_size=30))
def test_line_mirror_follows_any_edits_and_counts_exactly(start, edits):
    counter = EditCounter(start)
    text = start
    net = 0
    for where, removed, inserted in edits:
        position = int(where * len(text))
        removed = min(removed, len(text) - position)
        delta = counter.edit(position, removed, inserted)
        text = text[:position] + inserted + text[position + removed:]
        net += delta.words_added - delta.words_deleted
        assert counter.text == text and counter.length == len(text)
    assert net == count_words(text) - count_words(start)


def test_far_jumps_find_the_same_line_as_walking(monkeypatch):
    """Edits far from the last one locate their line by bisection; the mirror stays exact."""
    import random

    import quill.sessions.words as words

    rng = random.Random(7)
    start = "".join(rng.choice("ab \n\n'") for _ in range(3000))
    for far in (0, 1, 50, 10**9):  # always bisect … never bisect
        monkeypatch.setattr(words, "_FAR", far)
        counter, text, net = EditCounter(start), start, 0
        for _ in range(300):
            position = rng.randrange(len(text) + 1)
            removed = min(rng.randrange(4), len(text) - position)
            inserted = "".join(rng.choice("ab \n") for _ in range(rng.randrange(4)))
            delta = counter.edit(position, removed, inserted)
            text = text[:position] + inserted + text[position + removed:]
            net += delta.words_added - delta.words_deleted
            assert counter.text == text
        assert net == count_words(text) - count_words(start)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab Z09 \n\r\t-'’<>[]()_.éß\u00a0\u2028\u0301😀\u05d0\u0628\u4e2d", max_size=40),
       st.integers(0, 40), st.sampled_from(list("aZ9 é-'<_\u00a0\u0301😀\u4e2d\r")))
def test_a_typed_key_counts_as_the_word_rule_counts_it(text, position, key):
    """One key typed (the common case has a shortcut that skips counting; issue #20): the words it
    adds or takes away are what counting the text around it says. A paste of the same character
    goes the long way, so it is the reference."""
    position = min(position, len(text))
    typed_text, typed = measure_edit(text, position, 0, key)
    pasted_text, pasted = measure_edit(text, position, 0, key, pasted=True)
    assert typed_text == pasted_text == text[:position] + key + text[position:]
    assert (typed.words_added, typed.words_deleted) == (pasted.words_pasted, pasted.words_deleted)
    assert typed.chars_added == pasted.chars_pasted == 1 and typed.words_pasted == typed.chars_pasted == 0
    whole_change = count_words(typed_text) - count_words(text)
    if "<" not in text + key and ">" not in text + key:  # a tag closed by the key is not a word either way
        assert typed.net_words == whole_change


TYPED_KEYS = st.text(alphabet="ab Z09 \n\r\t-'’<>[]()_.:/éß\u00a0\u2028\u0301😀\u05d0\u4e2d", max_size=30)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab Z09 \n\r\t-'’<>[]()_.:/é\u00a0\u2028\u0301😀\u05d0", max_size=60), st.integers(0, 60),
       TYPED_KEYS | st.text(alphabet="ab Z09 ", max_size=30))
def test_keys_counted_together_count_as_keys_counted_one_by_one(text, position, keys):
    """A burst of keys typed one after another is counted in one step when it can be (issue #20):
    the mirror's text and every counter must be what one edit a key gives, for any keys in any
    surroundings (markup that swallows words, marks, emoji, CR, U+2028, line breaks typed)."""
    position = min(position, len(text))
    one_by_one, together = EditCounter(text), EditCounter(text)
    expected = EditDelta()
    for offset, key in enumerate(keys):
        expected.add(one_by_one.edit(position + offset, 0, key))
    got = together.typed(position, keys)
    assert together.text == one_by_one.text == text[:position] + keys + text[position:]
    assert got.counts() == expected.counts()
    assert together.length == one_by_one.length
