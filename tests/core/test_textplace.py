"""The writer's place carried through a change made elsewhere (a reload of another device's version)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from quill.textplace import carry_position

OLD = "First paragraph.\n\nSecond paragraph.\n\nThird paragraph, where I was.\n"


def test_a_change_after_the_place_leaves_it_alone():
    place = OLD.index("Second")
    assert carry_position(OLD, OLD + "\nAdded at the end.\n", place) == place


def test_a_change_before_the_place_keeps_it_before_the_same_words():
    place = OLD.index("where I was")
    new = OLD.replace("First paragraph.", "First paragraph, longer now.\n\nAnd a new one above.")
    assert new[carry_position(OLD, new, place):].startswith("where I was")
    shorter = OLD.replace("Second paragraph.\n\n", "")
    assert shorter[carry_position(OLD, shorter, place):].startswith("where I was")


def test_a_place_inside_the_change_stays_inside_it():
    old, new = "abc XXXX def", "abc YY def"
    assert carry_position(old, new, old.index("XX") + 3) == len("abc YY")
    assert carry_position(old, new, 100) == len(new)
    assert carry_position("", "anything", 0) == 0


def test_an_ambiguous_deletion_keeps_the_place_before_the_same_text():
    # Four of five "a"s went: the change can be put before the place or after it; after keeps the
    # text that followed the place ("a") after it. (A random run carried the place to the end.)
    assert carry_position("aaaaa", "a", 4) == 0
    assert carry_position("ab ab ab.", "ab.", 6) == 0


def test_astral_characters_count_as_one():
    old = "🙂 one\n\ntwo 🙂 three"
    new = "🙂 zero\n\n🙂 one\n\ntwo 🙂 three"
    place = old.index("three")
    assert new[carry_position(old, new, place):] == "three"


# Text as writers' files hold it: astral characters, combining marks, RTL, CR/CRLF, U+2028.
_CHARS = st.sampled_from(list("ab \n.,—") + ["\r\n", "\r", "\u2028", "🙂", "👩‍💻", "e\u0301", "שלום", "\u200f"])
_TEXT = st.lists(_CHARS, max_size=30).map("".join)


@given(_TEXT, _TEXT, _TEXT, _TEXT, st.data())
def test_a_place_outside_the_change_stays_before_the_same_text(head: str, was: str, now: str, tail: str,
                                                               data: st.DataObject) -> None:
    old, new = head + was + tail, head + now + tail
    place = data.draw(st.integers(0, len(old)))
    carried = carry_position(old, new, place)
    assert 0 <= carried <= len(new)
    if place <= len(head):  # before the change (or at it): the same number, the same text before it
        assert carried == place
    elif place >= len(head) + len(was):  # after it: the same text follows the place ("a" → "aa" is
        # ambiguous, an insertion before or after it: then the same text before it is as right)
        assert new[carried:] == old[place:] or new[:carried] == old[:place]
