"""Typing in a paragraph that shows markdown repaints that paragraph, not the page (issue #20), and
the page is never left showing anything stale.

Qt's highlighter sets a formatted paragraph's formats again on every key, which threw its lines
away and made Qt repaint the whole page. ``PageLayout`` repaints the paragraph alone when its
height is unchanged. The adversary: an edit that changes the paragraph's height (a line more or
less, inline code in another font) must still move and repaint everything below it. So after
every key the window's backing store (what the screen shows: only the areas Qt was told to
repaint are drawn again) is compared with the same page repainted from nothing.
"""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QImage, QTextCursor
from PySide6.QtWidgets import QApplication

from tests.ui.keys import perform, type_text

TEXT = ("# A heading\n\n- a list item with *emphasis* and `code` in it\n\n"
        "A paragraph with **strong** words, a [link](x.md) and a wrold misspelled, long enough to wrap "
        "onto a second line of the page.\n\n> A quote below.\n\nThe last paragraph.\n")

ACTIONS = st.one_of(
    st.sampled_from(["a", "word ", "`", "`code`", "*", "**", "🦊", "e\u0301", "שלום", " long words to wrap " * 3,
                     "# ", "- ", "[x](y)", "\u2028"]),
    st.sampled_from([Qt.Key.Key_Backspace, Qt.Key.Key_Delete, Qt.Key.Key_Left, Qt.Key.Key_Right, "undo"]),
)


def screen(window) -> QImage:  # noqa: ANN001
    """What the page shows now: the window's backing store where the page is, not a fresh
    rendering (``grab`` would repaint it)."""
    QApplication.processEvents()
    viewport = window.editor.viewport()
    origin = viewport.mapTo(window, viewport.rect().topLeft())
    return window.screen().grabWindow(window.winId(), origin.x(), origin.y(), viewport.width(),
                                      viewport.height()).toImage().convertToFormat(QImage.Format.Format_RGB32)


def repainted(window) -> QImage:  # noqa: ANN001
    window.editor.viewport().repaint()
    return screen(window)


def check_every_key(qtbot, window, position: int, actions: list) -> None:  # noqa: ANN001
    """From ``position``, perform ``actions`` one by one: after each, the page shows what it shows
    when repainted from nothing."""
    editor = window.editor
    cursor = editor.textCursor()
    cursor.setPosition(position)
    editor.setTextCursor(cursor)
    screen(window)
    for action in actions:
        perform(qtbot, editor, action)
        shown = screen(window)
        assert shown == repainted(window), (action, editor.toPlainText())


class PaintRecorder(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.rects: list[tuple[int, int]] = []

    def eventFilter(self, watched, event) -> bool:  # noqa: ANN001, N802
        if event.type() == QEvent.Type.Paint:
            self.rects.append((event.rect().width(), event.rect().height()))
        return False


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from([2, 4, 6]), st.integers(min_value=0, max_value=40), st.lists(ACTIONS, min_size=1, max_size=10))
def test_the_page_shows_what_a_full_repaint_shows_after_every_key(make_window, qtbot, paragraph: int,  # noqa: ANN001
                                                                   offset: int, actions: list) -> None:
    window = make_window()
    editor = window.editor
    editor.setCursorWidth(0)  # the caret's blink is not what is compared
    editor.setPlainText(TEXT)
    block = editor.document().findBlockByNumber(paragraph)
    check_every_key(qtbot, window, block.position() + min(offset, block.length() - 1), actions)


def test_a_key_in_a_formatted_paragraph_repaints_that_paragraph_alone(make_window, qtbot) -> None:  # noqa: ANN001
    window = make_window()
    editor = window.editor
    editor.setPlainText(TEXT)
    editor.moveCursor(QTextCursor.MoveOperation.Start)
    for _ in range(2):
        editor.moveCursor(QTextCursor.MoveOperation.NextBlock)
    editor.moveCursor(QTextCursor.MoveOperation.EndOfBlock)  # the list item, after its emphasis and code
    screen(window)
    recorder = PaintRecorder()
    editor.viewport().installEventFilter(recorder)
    page = editor.viewport().size()
    type_text(qtbot, editor, "and")
    screen(window)
    assert recorder.rects, "nothing was repainted"
    assert all(height < page.height() / 3 for _width, height in recorder.rects), recorder.rects
    assert editor.document().findBlockByNumber(2).text().endswith("in itand")


PROSE = ("Morning came slowly over the harbour, and the boats knocked against the pier. Nobody spoke. The "
         "gulls had already found the night's catch, circling low and loud above the crates while the men "
         "hauled rope and argued about the weather. Was it going to turn? Probably. Anna kept her hands in "
         "her pockets and watched the light move across the water.\n\n"
         "A second paragraph of plain prose, long enough to wrap over two or three lines of the page, "
         "with nothing in it that the highlighter would ever format in any way at all, only words.\n\n"
         "A third paragraph has *emphasis that runs on over the end of a line and into the next one*, "
         "some `code`, a **strong word** or two and a [link](notes.md), then goes on for a while so that "
         "its formats sit on several lines: a key in one line must leave the others as they were. It is "
         "long because a paragraph of a few lines is simply repainted whole when it has formats, and "
         "this one must be long enough for its formats to be compared before and after each key.\n")

PROSE_ACTIONS = st.one_of(
    st.sampled_from(["a", "W", " ", "  ", "word ", "—", "🦊", "e\u0301", "ệ", "Ở", "A\u0301\u0302\u0303\u0308",
                     "g\u0323\u0324", "שלום", "x" * 30, "unbreakablewordthatislong",
                     ".", "\u2028", "*", "**a**"]),
    st.sampled_from([Qt.Key.Key_Backspace, Qt.Key.Key_Delete, Qt.Key.Key_Left, Qt.Key.Key_Right, "undo"]),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from([0, 2, 4]), st.integers(min_value=0, max_value=4), st.integers(min_value=-2, max_value=2),
       st.lists(PROSE_ACTIONS, min_size=1, max_size=8))
# found by a random sweep: Hebrew typed before a paragraph's first letter turns all its lines right to left
@example(0, 0, 0, ["שלום"])
@example(0, 0, 0, ["שלום", Qt.Key.Key_Home, "W"])
def test_typing_in_plain_prose_leaves_no_line_stale(make_window, qtbot, paragraph: int, line: int,  # noqa: ANN001
                                                    nudge: int, actions: list) -> None:
    """A key in prose repaints only its line when no word wrapped differently and no format beyond
    the line changed: keys at the ends of lines (a space that takes a word to the next line, a long
    word, a Backspace that lets one come back up), emoji, combining marks, Hebrew, and marks that
    open or close an emphasis running over several lines must leave every line as a full repaint
    draws it."""
    window = make_window()
    window.spelling.set_enabled(False, persist=False)  # its rounds come at pauses: not while keys are sent
    editor = window.editor
    editor.setCursorWidth(0)
    editor.setPlainText(PROSE)
    block = editor.document().findBlockByNumber(paragraph)
    layout = block.layout()
    start = layout.lineAt(min(line, layout.lineCount() - 1)).textStart()  # the start of a line, then nudged
    check_every_key(qtbot, window, block.position() + max(0, min(start + nudge, block.length() - 1)), actions)


def test_a_key_in_the_middle_of_plain_prose_repaints_its_line_alone(make_window, qtbot) -> None:  # noqa: ANN001
    window = make_window()
    window.spelling.set_enabled(False, persist=False)
    editor = window.editor
    editor.setPlainText(PROSE)
    block = editor.document().firstBlock()
    assert block.layout().lineCount() >= 3
    second = block.layout().lineAt(1)
    cursor = editor.textCursor()
    cursor.setPosition(block.position() + second.textStart() + 10)  # inside a word, mid-line
    editor.setTextCursor(cursor)
    screen(window)
    recorder = PaintRecorder()
    editor.viewport().installEventFilter(recorder)
    type_text(qtbot, editor, "ab")
    screen(window)
    line_height = second.height()
    assert recorder.rects, "nothing was repainted"
    assert all(height <= line_height + 4 for _width, height in recorder.rects), (recorder.rects, line_height)


def test_a_key_that_unmakes_a_link_over_several_lines_repaints_them(make_window, qtbot) -> None:  # noqa: ANN001
    """A space between a link's ``]`` and ``(`` unmakes a link whose text runs over two lines:
    the line above the key loses the link's colour and underline while no word wraps
    differently (colours do not change widths), so only its formats say it changed."""
    window = make_window()
    window.spelling.set_enabled(False, persist=False)
    editor = window.editor
    editor.setCursorWidth(0)
    link = "[" + " ".join(["linked words"] * 12) + "](notes.md)"
    editor.setPlainText("A sentence before it. " * 12 + link + " and after.\n")  # lines enough to compare formats
    block = editor.document().firstBlock()
    layout = block.layout()
    close = block.text().index("](")
    assert layout.lineForTextPosition(1).lineNumber() != layout.lineForTextPosition(close).lineNumber()
    starts = [layout.lineAt(i).textStart() for i in range(layout.lineCount())]
    cursor = editor.textCursor()
    cursor.setPosition(block.position() + close + 1)
    editor.setTextCursor(cursor)
    screen(window)
    type_text(qtbot, editor, " ")
    layout = block.layout()
    moved = [layout.lineAt(i).textStart() - (1 if layout.lineAt(i).textStart() > close else 0)
             for i in range(layout.lineCount())]
    assert moved == starts, "the test needs the key to wrap no word"
    assert screen(window) == repainted(window)


def test_a_key_that_adds_a_line_moves_the_page_below_and_the_scroll_bar(make_window, qtbot) -> None:  # noqa: ANN001
    """The line-only repaint's other branch: a key that wraps a paragraph onto one more line
    moved every line below it, and the document grew by a line. Both must reach the page (all
    of it repainted) and the scroll bar (one more line to scroll to: without the size change
    Qt was never told, and the book's last line could not be scrolled to)."""
    window = make_window()
    editor = window.editor
    paragraph = "Words go here and on and on. " * 5
    editor.setPlainText("\n\n".join([paragraph] * 60))
    bar = editor.verticalScrollBar()
    layout = editor.document().documentLayout()
    cursor = editor.textCursor()
    cursor.setPosition(len(paragraph) * 3 + 5)  # the end of the second paragraph, text below it on the page
    editor.setTextCursor(cursor)
    editor.ensureCursorVisible()
    screen(window)
    lines, maximum = layout.documentSize().height(), bar.maximum()
    assert maximum > 0
    for _ in range(200):
        qtbot.keyClick(editor, Qt.Key.Key_A)
        shown = screen(window)
        if layout.documentSize().height() != lines:
            break
    assert layout.documentSize().height() == lines + 1
    assert bar.maximum() == maximum + 1
    assert shown == repainted(window)
