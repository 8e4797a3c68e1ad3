"""A search snippet cut to its row keeps its first match in view, and the marks stay on the matches."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

from quill.library.index import make_snippet
from quill.library.snippet_fit import ELLIPSIS, fit_snippet

characters = st.sampled_from(list("abcdefgh  ") + ["🙂", "e\u0301", "\u05e9", "…", "—", "𝑥", "\u2028"])
snippets = st.lists(characters, min_size=1, max_size=80).map("".join)


@st.composite
def snippets_with_spans(draw):  # noqa: ANN201
    text = draw(snippets)
    cuts = sorted(set(draw(st.lists(st.integers(0, len(text)), max_size=8))))
    pairs = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2) if cuts[i] < cuts[i + 1]]
    return text, tuple(pairs)


def _a_stretch_of(snippet: str, text: str) -> bool:
    """``text`` is one stretch of ``snippet``, with an ellipsis before it, after it, or both."""
    for lead in (0, 1):
        for trail in (0, 1):
            if (lead and not text.startswith(ELLIPSIS)) or (trail and not text.endswith(ELLIPSIS)):
                continue
            if text[lead:len(text) - trail] in snippet:
                return True
    return False


@given(snippets_with_spans(), st.integers(3, 90))
def test_the_fitted_snippet_fits_and_its_marks_are_on_matched_text(case, room):
    snippet, spans = case
    text, marks = fit_snippet(snippet, spans, room, len)
    assert len(text) <= room
    assert _a_stretch_of(snippet, text)
    matched = [snippet[a:b] for a, b in spans]
    for a, b in marks:
        assert 0 <= a < b <= len(text)
        assert any(text[a:b] in m for m in matched), (text, marks, snippet, spans)
    assert list(marks) == sorted(marks)


@given(snippets_with_spans(), st.integers(3, 90))
@example(case=("aa aa", ((1, 3),)), room=4)  # a match ending in a space, at the cut (a random run)
@example(case=("aaae\u0301a", ((2, 4),)), room=5)  # a match ending before its accent (a random run)
def test_the_first_match_stays_whole_when_it_can(case, room):
    snippet, spans = case
    if not spans:
        return
    first = min(spans)
    end = first[1]
    while end < len(snippet) and unicodedata.combining(snippet[end]):
        end += 1  # a cut never parts a letter from its accent: the match needs room for both
    if (end - first[0]) + 2 * len(ELLIPSIS) > room:
        return  # the match alone is wider than the row: it cannot be shown whole
    text, marks = fit_snippet(snippet, spans, room, len)
    assert any(text[a:b] == snippet[first[0]:first[1]] for a, b in marks), (text, marks)


def test_a_late_match_in_a_narrow_row_is_brought_into_view():
    body = "The streets empty out after eleven. You hear your own steps, then nothing, then a fox."
    pattern = re.compile("fox")
    snippet, spans = make_snippet(body, pattern)
    text, marks = fit_snippet(snippet, spans, 40, len)
    assert [text[a:b] for a, b in marks] == ["fox"]
    assert text.startswith(ELLIPSIS) and len(text) <= 40
    # Wide enough: nothing is cut, the marks are the index's own.
    assert fit_snippet(snippet, spans, 200, len) == (snippet, spans)


def test_a_cut_never_leaves_a_combining_mark_without_its_letter():
    snippet = "cafe\u0301 cafe\u0301 cafe\u0301"
    for room in range(3, len(snippet)):
        text, _ = fit_snippet(snippet, (), room, len)
        assert all(text[i - 1] == "e" for i, c in enumerate(text) if c == "\u0301"), text
