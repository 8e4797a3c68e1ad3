"""A long piece is highlighted lazily as it opens (issue #20): what is on screen at once, the rest
after the page is first painted. The end result must be exactly the eager one, edits meanwhile and all.

The reference is the same highlighter on a bare QTextDocument, highlighted whole and at once.
"""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextCharFormat, QTextCursor, QTextDocument

from quill.ui.editor.highlighter import LAZY_FROM_BLOCKS, BlockState, MarkdownHighlighter
from quill.ui.shell.theme import theme_named
from tests.ui.keys import type_text

PARAGRAPHS = [
    "Plain prose with nothing in it.",
    "Some *emphasis*, **strong**, `code` and a [link](https://example.org) 🙂 here.",
    "# A heading 𝑥",
    "## Title {#id .class}",
    "> a quoted line with *slant*",
    "- a list item with ~~strike~~",
    "```",
    "~~~",
    "    indented code after a blank",
    "---",
    "...",
    "",
    "e\u0301t\u00e9 \u05e9\u05dc\u05d5\u05dd — text[^1] and a footnote",
    "[^1]: the note",
    "::: {.aside}",
    "<div>",
    "1. a numbered item",
    ":   a definition",
    "    an item's next paragraph, or code",
    "        code nested in an item",
    "  ",
    "-     x = 1  # an item that opens with code",
]


def _formats_and_states(document: QTextDocument) -> list[tuple[int, list[tuple[int, int, QTextCharFormat]]]]:
    out = []
    block = document.firstBlock()
    while block.isValid():
        formats = [(r.start, r.length, QTextCharFormat(r.format)) for r in block.layout().formats()]
        out.append((block.userState(), formats))
        block = block.next()
    return out


def _eager(text: str, editor) -> list:  # noqa: ANN001
    """What the highlighter gives the whole text at once (it must outlive the comparison)."""
    document = QTextDocument()
    highlighter = MarkdownHighlighter(document, theme_named(editor.highlighter.theme.name))
    document.setPlainText(text)
    highlighter.rehighlight()  # a bare document is not highlighted as its text is set
    result = _formats_and_states(document)
    del highlighter
    return result


def _long_text(kinds: list[int], front_matter: bool) -> str:
    lines = [PARAGRAPHS[k] for k in kinds]
    while len(lines) <= LAZY_FROM_BLOCKS + 50:
        lines += [PARAGRAPHS[k] for k in kinds] or ["Prose."]
    head = ["---", "title: A long one", "tags: [x]", "---"] if front_matter else []
    return "\n".join(head + lines)


@settings(max_examples=8, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(kinds=st.lists(st.integers(0, len(PARAGRAPHS) - 1), min_size=1, max_size=60), front_matter=st.booleans(),
       edits=st.lists(st.tuples(st.floats(0, 1),
                                st.sampled_from(["```", "x", "\n", "# ", "---\n", "🙂", "- ", "    ", 3, 40])),
                      max_size=4))
def test_a_lazily_loaded_piece_ends_highlighted_exactly_as_an_eager_one(make_window, qtbot, kinds, front_matter,
                                                                         edits):
    window = make_window()
    editor = window.editor
    text = _long_text(kinds, front_matter)
    editor.setPlainText(text)
    highlighter = editor.highlighter
    assert highlighter.pending  # long enough to be loaded lazily
    for where, typed in edits:  # the writer types before the rest is highlighted, above and below
        cursor = editor.textCursor()
        cursor.setPosition(int(where * (editor.document().characterCount() - 1)))
        cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
        editor.setTextCursor(cursor)
        if isinstance(typed, int):  # that many characters deleted backwards: what follows moves up
            for _ in range(typed):
                qtbot.keyClick(editor, Qt.Key.Key_Backspace)
        else:
            type_text(qtbot, editor, typed)
    qtbot.waitUntil(lambda: not highlighter.pending, timeout=20000)
    assert _formats_and_states(editor.document()) == _eager(editor.document().toRawText(), editor)


def test_a_screen_deep_inside_a_fenced_block_is_highlighted_as_code_at_once(make_window, qtbot):
    """The paragraphs above the screen have no state before the whole pass: the state the screen
    starts in is worked out from their texts (here: inside a fence opened far above)."""
    window = make_window()
    editor = window.editor
    lines = ["---", "title: x", "---"] + [f"Prose line {n}." for n in range(100)] + ["```"]
    lines += [f"code line {n} *not emphasis*" for n in range(2000)] + ["```"] + ["After."] * 10
    editor.setPlainText("\n".join(lines))
    assert editor.highlighter.pending
    cursor = editor.textCursor()
    cursor.setPosition(editor.document().findBlockByNumber(1500).position())
    editor.setTextCursor(cursor)
    editor.centerCursor()  # a remembered place deep in the code
    top = editor.firstVisibleBlock()
    assert 1000 < top.blockNumber() < 2000
    assert editor.highlighter.pending, "still before the whole pass"
    assert top.userState() == BlockState.FENCE_BACKTICK
    formats = [QTextCharFormat(r.format) for r in top.layout().formats()]
    assert formats and all(f.fontFixedPitch() for f in formats), "code, not prose with emphasis"
    qtbot.waitUntil(lambda: not editor.highlighter.pending, timeout=10000)
    assert _formats_and_states(editor.document()) == _eager(editor.document().toRawText(), editor)


def test_the_paragraphs_on_screen_have_their_formats_before_the_first_paint(make_window, qtbot):
    window = make_window()
    editor = window.editor
    lines = [f"# Heading {n}" if n % 5 == 0 else f"Paragraph {n} with *slant*." for n in range(3000)]
    editor.setPlainText("\n".join(lines))
    assert editor.highlighter.pending
    heading = editor.firstVisibleBlock()
    formats = [QTextCharFormat(r.format) for r in heading.layout().formats()]
    assert any(f.fontWeight() == QFont.Weight.Bold for f in formats), "the top heading is bold at once"
    last = editor.document().lastBlock().previous().previous()
    assert not last.layout().formats(), "far below the screen: not yet (after the first paint)"
    # A jump to the end before the rest is highlighted shows formatted paragraphs too.
    qtbot.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    if editor.highlighter.pending:
        bottom = editor.cursorForPosition(editor.viewport().rect().center()).block()
        assert bottom.layout().formats()
    qtbot.waitUntil(lambda: not editor.highlighter.pending, timeout=10000)
    assert last.layout().formats()


def test_a_short_piece_is_highlighted_whole_as_it_loads(make_window):
    window = make_window()
    editor = window.editor
    editor.setPlainText("# Title\n\nSome *text*.")
    assert not editor.highlighter.pending
    assert editor.document().firstBlock().layout().formats()


# -- the word count of a long piece waits for the page too ------------------------------------
hostile = st.lists(st.sampled_from(
    ["word", " ", "—", "it's", "\n", "\r\n", "\r", "\u2028", "\u2029", "\ufdd0", "🙂", "e\u0301", "---", "+++",
     "...", "[x](http://a.b \n\"t\")", "<b>", "[^1]:", "www.x.org", "\u05e9\u05dc\u05d5\u05dd", "漢字"]),
    max_size=40).map("".join)


@settings(max_examples=80, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=hostile)
@example(text="---\rtitle: x\r---\rtwo words")  # front matter closed across CR breaks
@example(text="---\u2029tags: y\r\n---\u2029three more words")
@example(text="---\u2028a\n---\nfour")  # U+2028 does not end the opening line
def test_words_counted_from_the_loaded_string_equal_the_pages_count(qtbot, text):
    """The session's baseline is counted from the string after the first paint; it must be what
    the page itself counts once the text is in it: paragraphs split where Qt splits them, front
    matter skipped alike."""
    from quill.ui.editor.editor import WritingEditor

    editor = WritingEditor(theme_named("light"))
    editor.setPlainText(text)
    assert editor.count_loaded_words(text) == editor.word_count()
    editor.deleteLater()


def test_typing_before_a_long_piece_is_counted_still_counts_from_the_piece_as_opened(make_window, library_dir,
                                                                                      qtbot):
    piece = library_dir / "long.md"
    piece.write_text("\n\n".join(f"Paragraph {n} has five words." for n in range(600)), encoding="utf-8")
    window = make_window()
    window.open_path(piece)
    assert window._piece_start_words is None, "not counted while the piece opens"
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(qtbot, window.editor, " three more words")
    assert window.session_words() == 3
    qtbot.waitUntil(lambda: "3,003 words" in window.status.left.text(), timeout=5000)


def test_qt_does_not_highlight_the_whole_piece_before_the_page_is_painted(qtbot):
    """Re-attaching the highlighter makes Qt queue a whole pass for the next turn of the event
    loop, which at launch came before the first paint; it is taken back. A page never painted
    (hidden) still gets its formats after a moment."""
    from PySide6.QtWidgets import QApplication

    from quill.ui.editor.editor import WritingEditor

    editor = WritingEditor(theme_named("light"))
    qtbot.addWidget(editor)
    editor.setPlainText("\n".join(f"Paragraph {n} with *slant*." for n in range(3000)))
    QApplication.processEvents()
    last = editor.document().lastBlock()
    assert editor.highlighter.pending and not last.layout().formats()
    qtbot.waitUntil(lambda: not editor.highlighter.pending, timeout=5000)
    assert last.layout().formats()
