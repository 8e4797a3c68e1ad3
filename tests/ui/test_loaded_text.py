"""raw_text() hands out the loaded string itself until the first edit (issue #20: the features
installed after the first paint each read the text once, ~10 ms a copy at 100,000 words).
Sharing must never give back a text the page no longer holds."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.ui.test_journal_astral import apply_operation, hostile_text, operations


def _copied(editor) -> str:  # noqa: ANN001
    """raw_text() as read out of Qt, with the shared loaded string set aside."""
    kept = editor._loaded_revision
    editor._loaded_revision = None
    try:
        return editor.raw_text()
    finally:
        editor._loaded_revision = kept


def test_a_loaded_piece_is_shared_until_the_first_key(make_window, library_dir, qtbot):
    text = "# Title\n\nA line with 🙂 and e\u0301 and \u05e9\u05dc\u05d5\u05dd.\n" * 300  # long: loaded lazily
    piece = library_dir / "long.md"
    piece.write_text(text, encoding="utf-8")
    window = make_window(piece)
    editor = window.editor
    assert editor.raw_text() is editor.loaded_text
    assert editor.raw_text() == _copied(editor) == text
    editor.highlighter.highlight_rest()  # re-formatting moves Qt's revision, not the text's
    assert editor.raw_text() is editor.loaded_text
    qtbot.keyClick(editor, "x")
    assert editor.raw_text() is not editor.loaded_text
    assert editor.raw_text() == _copied(editor) == "x" + text


def test_a_text_the_page_holds_differently_is_never_shared(make_window):
    """Qt makes CR and CRLF paragraph breaks, and U+FDD0 is held as a stand-in: the page's text is
    not the string it was given (a file's line endings are settled before it gets here)."""
    editor = make_window().editor
    for text in ["one\r\ntwo\r\n", "lone\rreturn", "marker \ufdd0 here", "para\u2029graph", "half a\ud800 pair",
                 "🙂 and then half a\udc00 pair"]:  # astral and a lone surrogate: one scan finds both
        editor.setPlainText(text)
        assert editor.raw_text() is not editor.loaded_text
        assert editor.raw_text() == _copied(editor)


# Texts the page holds exactly, so that the shared string is what is being checked (hostile_text
# alone is mostly CR, U+2029 and U+FDD0, never shared); some long enough to load lazily.
shareable_text = st.one_of(
    hostile_text.map(lambda t: t.replace("\r", "").replace("\u2029", "").replace("\ufdd0", "")),
    st.tuples(hostile_text, st.integers(1, 800)).map(
        lambda tn: ("Line with 🙂, e\u0301 and \u05e9. " + tn[0].replace("\r", "").replace("\u2029", "")
                    .replace("\ufdd0", "") + "\n") * tn[1]),
)


@settings(max_examples=25, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(base=st.one_of(hostile_text, shareable_text), script=operations)
def test_raw_text_is_the_pages_text_after_any_edits_over_any_text(make_window, library_dir, qtbot, base, script):
    window = make_window()
    editor = window.editor
    editor.setPlainText(base)
    assert editor.raw_text() == _copied(editor)
    if not any(mark in base for mark in "\r\u2029\ufdd0"):
        assert editor.raw_text() is editor.loaded_text  # shared: what follows checks the shared path
    for action, where, arg in script:
        apply_operation(editor, qtbot, action, where, arg)
        assert editor.raw_text() == _copied(editor), (action, arg)
    window.close()
