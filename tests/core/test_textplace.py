"""The writer's place carried through a change made elsewhere (a reload of another device's version)."""

from __future__ import annotations

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


def test_astral_characters_count_as_one():
    old = "🙂 one\n\ntwo 🙂 three"
    new = "🙂 zero\n\n🙂 one\n\ntwo 🙂 three"
    place = old.index("three")
    assert new[carry_position(old, new, place):] == "three"
