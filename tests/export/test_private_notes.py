"""An HTML comment is the writer's note to self: no export and no preview prints it (one printed in
a PDF was found on a review), and everything around it is kept. A plain-text export with a title in
its front matter names it once, not twice."""

from __future__ import annotations

import html

from hypothesis import given, settings
from hypothesis import strategies as st

from quill.export.render import render_fragment, standalone_html, without_comments
from quill.export.text import plain_text

SECRET = "zanzibarsecret"
WORDS = st.sampled_from(["river", "cold", "Zoë", "😀", "שלום", "naïve"])
PROSE = st.lists(WORDS, min_size=1, max_size=6).map(" ".join)
COMMENTS = st.sampled_from([
    f"<!-- {SECRET} -->", f"<!--{SECRET}-->", f"<!-- a note\n{SECRET} over lines -->", f"<!-- 😀 {SECRET} -->",
])


@settings(max_examples=150, derandomize=True, database=None, deadline=None)
@given(st.lists(st.tuples(PROSE, COMMENTS, st.sampled_from(["block", "inline", "after"])), min_size=1, max_size=5))
def test_a_comment_never_reaches_an_export_and_the_words_around_it_do(parts) -> None:  # noqa: ANN001
    paragraphs = []
    for prose, comment, where in parts:
        if where == "block":
            paragraphs.append(comment)
            paragraphs.append(prose)
        elif where == "inline":
            paragraphs.append(f"{prose} {comment} {prose}")
        else:
            paragraphs.append(f"{prose} {comment}")
    piece = "\n\n".join(paragraphs) + "\n"
    for out in (plain_text(piece), render_fragment(piece), standalone_html(piece)):
        assert SECRET not in out
        assert "&lt;!--" not in out and "<!--" not in out
        for prose, _comment, _where in parts:
            assert prose.split()[0] in html.unescape(out)


def test_an_unclosed_comment_runs_to_the_end_as_a_browser_reads_it() -> None:
    assert without_comments("<p>kept</p><!-- never closed") == "<p>kept</p>"
    assert without_comments("a <!-- x --> b <!-- y --> c") == "a  b  c"
    assert without_comments("no comment here") == "no comment here"


def test_a_title_in_front_matter_leads_the_plain_text_once() -> None:
    piece = "---\ntitle: On walking\n---\n\nI walk to think.\n"
    assert plain_text(piece) == "On walking\n\nI walk to think.\n"
    headed = "---\ntitle: On walking\n---\n\n# On walking\n\nI walk to think.\n"
    assert plain_text(headed) == "On walking\n\nI walk to think.\n"
