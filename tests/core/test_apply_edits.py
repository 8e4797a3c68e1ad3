"""A batch of recorded edits (the panel worker's, a journal replay) is applied in one pass."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from quill.storage.journal import apply_edits


def one_by_one(text: str, edits: list[tuple[int, int, str]]) -> str:
    for position, removed, inserted in edits:
        text = text[:position] + inserted + text[position + removed:]
    return text


@st.composite
def text_and_edits(draw):  # noqa: ANN001, ANN201
    text = draw(st.text(alphabet="ab \n.", max_size=60))
    edits = []
    length = len(text)
    for _ in range(draw(st.integers(0, 12))):
        position = draw(st.integers(0, length))
        removed = draw(st.integers(0, length - position))
        inserted = draw(st.text(alphabet="xyz ", max_size=4))
        edits.append((position, removed, inserted))
        length += len(inserted) - removed
    return text, edits


@given(text_and_edits())
def test_a_batch_gives_the_same_text_as_edits_applied_one_by_one(case) -> None:  # noqa: ANN001
    text, edits = case
    assert apply_edits(text, edits) == one_by_one(text, edits)


def test_typing_then_deleting_across_the_start_of_the_batch() -> None:
    text = "One. Two. Three."
    edits = [(5, 0, "x"), (6, 0, "y"), (4, 3, ""), (0, 1, "o")]
    assert apply_edits(text, edits) == "one.Two. Three."
