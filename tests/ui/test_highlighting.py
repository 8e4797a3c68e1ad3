"""Markdown is shown as you type: distinct formats for structure, dimmed markup."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextCharFormat, QTextDocument

from quill.ui.editor.highlighter import INLINE_MARK, INLINE_MARKS, BlockState, MarkdownHighlighter

SAMPLE = "# A heading\n\nSome *emphasis* and **strong** and `code`.\n\n```\nfirst line\nsecond line\n```\n\nAfter."


def _formats(editor, block_number):
    block = editor.document().findBlockByNumber(block_number)
    return block, [(r.start, r.length, QTextCharFormat(r.format)) for r in block.layout().formats()]


def test_heading_emphasis_and_code_block_have_distinct_formats(make_window, qtbot):
    window = make_window()
    window.editor.setPlainText(SAMPLE)
    editor = window.editor

    _, heading = _formats(editor, 0)
    heading_text = [f for start, length, f in heading if start == 2]
    assert heading_text and heading_text[0].fontWeight() == QFont.Weight.Bold

    block, para = _formats(editor, 2)
    emphasis_start = block.text().index("emphasis")
    italic = [f for start, length, f in para if start <= emphasis_start < start + length and f.fontItalic()]
    assert italic, "emphasis is italic"
    strong_start = block.text().index("strong")
    assert any(f.fontWeight() == QFont.Weight.Bold for s, n, f in para if s <= strong_start < s + n)

    code_lines = [editor.document().findBlockByNumber(n) for n in (5, 6)]
    for line in code_lines:
        assert line.userState() == BlockState.FENCE_BACKTICK
        fmts = [QTextCharFormat(r.format) for r in line.layout().formats()]
        assert fmts and all(f.fontFixedPitch() for f in fmts)
    after = editor.document().findBlockByNumber(9)
    assert after.userState() == BlockState.NORMAL

    heading_color = heading_text[0].foreground().color()
    code_color = _formats(editor, 5)[1][0][2].foreground().color()
    assert heading_color != code_color


def test_markup_characters_are_dimmed(make_window):
    window = make_window()
    window.editor.setPlainText("Some **strong** word")
    _, fmts = _formats(window.editor, 0)
    dim = window.theme.color("dim")
    assert any(s == 5 and f.foreground().color() == dim for s, n, f in fmts)


def test_a_definitions_marker_is_dimmed_as_it_is_typed(make_window, qtbot):  # noqa: ANN001
    """``Term`` / ``: definition`` (pandoc): the ":" is markup, as a list's bullet is, not a colon
    of the writer's; inside a code block or a quote's text it is left alone."""
    from tests.ui.keys import type_text

    window = make_window()
    editor = window.editor
    dim = window.theme.color("dim")
    type_text(qtbot, editor, "Apple\n: A red fruit.\n\n:   Green: a pear 🍐.")

    def dimmed(number: int) -> list[int]:
        return sorted({i for s, n, f in _formats(editor, number)[1] if f.foreground().color() == dim
                       for i in range(s, s + n)})

    qtbot.waitUntil(lambda: dimmed(1) == [0, 1] and dimmed(3) == [0, 1, 2, 3], timeout=3000)
    assert ":" in editor.document().findBlockByNumber(3).text()[4:] and dimmed(3) == [0, 1, 2, 3]
    editor.setPlainText("```\n: not a definition\n```\n\nA line: with a colon.\n~ 50 people, as prose.")
    assert dimmed(1) == [] and dimmed(4) == [] and dimmed(5) == []


def test_closing_a_fence_by_typing_updates_following_blocks(make_window, qtbot):
    window = make_window()
    window.editor.setPlainText("```\ncode\n\nprose")
    assert window.editor.document().findBlockByNumber(3).userState() == BlockState.FENCE_BACKTICK
    cursor = window.editor.textCursor()
    cursor.setPosition(len("```\ncode"))
    window.editor.setTextCursor(cursor)
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(window.editor, "```")
    assert window.editor.document().findBlockByNumber(4).userState() == BlockState.NORMAL


def test_formats_after_an_emoji_never_split_it(make_window, library_dir, qtbot):
    """A heading with an emoji was drawn as two replacement marks: the rules measured in code
    points and Qt's formats in UTF-16 units, so the heading's format ended inside the pair."""
    piece = library_dir / "emoji.md"
    piece.write_text("# On walking 🙂 and *more* 𝑥\n", encoding="utf-8")
    window = make_window(piece)
    block = window.editor.document().firstBlock()
    qtbot.waitUntil(lambda: bool(block.layout().formats()), timeout=3000)
    text = block.text()
    units = len(text.encode("utf-16-le")) // 2
    ranges = [(r.start, r.start + r.length) for r in block.layout().formats()]
    boundaries = {edge for r in ranges for edge in r}
    inside_pairs = {len(text[:i].encode("utf-16-le")) // 2 + 1 for i, c in enumerate(text) if ord(c) > 0xFFFF}
    assert not boundaries & inside_pairs, (ranges, inside_pairs)
    assert max(end for _, end in ranges) == units  # the heading's format reaches the real end


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \t\n\u2028\u00e9\u0301\U0001f600\u05d0") + list(INLINE_MARKS)
                                        + list("|!#-+=>()]}^$"))))
def test_the_quick_look_for_inline_marks_finds_exactly_the_paragraphs_that_have_one(text: str) -> None:
    """One scan for any mark stands in for a scan per mark on every key: it must never miss a
    paragraph the inline rules would style, nor send plain prose to them."""
    assert (INLINE_MARK.search(text) is not None) == any(mark in text for mark in INLINE_MARKS)


def test_a_paragraph_the_rules_cannot_read_costs_its_look_not_the_session(make_window, qtbot, monkeypatch,  # noqa: ANN001
                                                                          caplog) -> None:  # noqa: ANN001
    """An error in a highlighting rule went back up through Qt into the key that caused it (PySide
    passes it on), and in a test it crashed the process: the paragraph stays plain, the key is
    typed, the other paragraphs keep their looks, and the error is logged once."""
    from quill.ui.editor.highlighter import MarkdownHighlighter

    original = MarkdownHighlighter._inline

    def failing(self, text: str) -> None:  # noqa: ANN001
        if "boom" in text:
            raise ValueError("a rule tripped over this paragraph")
        original(self, text)

    monkeypatch.setattr(MarkdownHighlighter, "_inline", failing)
    window = make_window()
    editor = window.editor
    editor.setPlainText("Some *emphasis* here.\n\nLast paragraph ")
    cursor = editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    qtbot.keyClicks(editor, "and a boom, then *more* words.")
    assert editor.toPlainText().endswith("Last paragraph and a boom, then *more* words.")
    _, first = _formats(editor, 0)
    assert any(f.fontItalic() for _start, _length, f in first)  # the paragraph above kept its look
    failures = [r for r in caplog.records if "could not highlight" in r.getMessage()]
    assert len(failures) == 1
    caplog.clear()  # expected here; anywhere else a highlighter error fails the test (tests/ui/conftest.py)


def _is_code(editor, block_number: int) -> bool:  # noqa: ANN001
    fmts = _formats(editor, block_number)[1]
    return bool(fmts) and all(f.fontFixedPitch() for _, _, f in fmts)


def test_a_list_items_second_paragraph_is_not_shown_as_code(make_window, qtbot):  # noqa: ANN001
    """"1. A step.", a blank line, "    More about it.": the item's next paragraph, as CommonMark,
    pandoc and the voice panel read it. The page showed it in the code font, as indented code;
    under a plain paragraph it is code, and so is a line indented past the item's text."""
    from tests.ui.keys import type_text

    window = make_window()
    editor = window.editor
    editor.setPlainText("1. The first step.\n\n    More about it, in a *second* paragraph.\n\n"
                        "\tAnd a third, after a tab.\n\n        nested = code()\n\n"
                        "Plain prose again.\n\n    code = 1\n\nPara above.\n\n    turns into prose")
    assert not _is_code(editor, 2) and not _is_code(editor, 4)
    assert _is_code(editor, 6)  # four columns past the item's text: code inside it
    definition = ("Term\n:   A word I kept looking up.\n\n    And its second paragraph, as pandoc writes it.\n\n"
                  "    A third.\n\n\tA fourth.\n\nAfter.\n\n    y = 2")
    page = QTextDocument()
    page_highlighter = MarkdownHighlighter(page, editor.highlighter.theme)
    page.setPlainText(definition)
    page_highlighter.rehighlight()

    def code_in_page(number: int) -> bool:
        formats = [QTextCharFormat(r.format) for r in page.findBlockByNumber(number).layout().formats()]
        return bool(formats) and all(f.fontFixedPitch() for f in formats)

    assert not code_in_page(3)  # the definition's second paragraph
    assert not code_in_page(5) and not code_in_page(7)  # its third and fourth, as an item's go on
    assert code_in_page(11)  # after a paragraph that ends the list: code
    assert _is_code(editor, 10)  # after a paragraph, not a list: code
    assert _is_code(editor, 14)
    emphasis = [f for s, n, f in _formats(editor, 2)[1] if f.fontItalic()]
    assert emphasis, "the item's paragraph gets its inline formats"
    # "- " typed before the paragraph above makes it an item: the block under it is its paragraph now
    cursor = editor.textCursor()
    cursor.setPosition(editor.document().findBlockByNumber(12).position())
    editor.setTextCursor(cursor)
    type_text(qtbot, editor, "- ")
    assert not _is_code(editor, 14)
    for _ in range(2):
        qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert _is_code(editor, 14)


def test_a_footnotes_second_paragraph_is_not_shown_as_code(make_window) -> None:  # noqa: ANN001
    """A note's later paragraphs are indented four columns under it, as the preview, the exports
    and pandoc read them; the page drew them in the code font (found on a review)."""
    window = make_window()
    editor = window.editor
    editor.setPlainText("Text with a note.[^1]\n\n[^1]: The note's first paragraph.\n\n"
                        "    And its second, indented under it.\n\n        code = inside_the_note()\n\n"
                        "Prose after the note.\n\n    code = 1")
    assert not _is_code(editor, 4)  # the note's second paragraph
    assert _is_code(editor, 6)  # four columns past the note's text: code inside it
    assert _is_code(editor, 10)  # after a paragraph that ends the note: code, as before


#: the last four open their item with code: more than four columns after the marker make the item's
#: text start one column past it, and the rest of the line is indented code (CommonMark)
_ITEM_MARKS = ["- ", "* ", "1. ", "10. ", "3) ", "-   ", "- \t", "  - ", "-     ", "2.      ", "- \t\t", "*\t  "]
#: what the writer's lines hold beyond ASCII: an emoji (two UTF-16 units), decomposed accents, Hebrew
WIDE = ["🎉 at last", "e\u0301te\u0301 came", "שלום עליכם", "plainly"]
_INDENTS = ["", " ", "  ", "   ", "    ", "     ", "      ", "       ", "        ", "\t", "\t\t", " \t", "  \t"]


def test_the_page_shows_as_code_what_commonmark_reads_as_code_in_a_list(qtbot) -> None:  # noqa: ANN001
    """Hypothesis: lists whose items go on in indented paragraphs (markers with spaces or a tab
    after them, indents of spaces and tabs, paragraphs indented less than the item's text). Each
    paragraph is in the code font on the page exactly when mistune, reading the whole document,
    makes it a code block: the voice reads it the same way, and the preview and exports use mistune."""
    import mistune
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from quill.ui.shell.theme import theme_named

    def code_lines(nodes) -> set[str]:  # noqa: ANN001
        out: set[str] = set()
        for node in nodes or []:
            if node.get("type") == "block_code":
                out.update(line.strip() for line in node.get("raw", "").splitlines() if line.strip())
            out |= code_lines(node.get("children") if isinstance(node.get("children"), list) else None)
        return out

    @given(st.lists(st.tuples(st.sampled_from(_ITEM_MARKS), st.lists(st.sampled_from(_INDENTS), max_size=3)),
                    min_size=1, max_size=4))
    @settings(max_examples=150, deadline=None, derandomize=True)
    def check(items: list[tuple[str, list[str]]]) -> None:
        blocks, number = [], 0
        for mark, indents in items:
            lines = [f"{mark}Item {number} opens here {WIDE[number % len(WIDE)]}."]
            number += 1
            for indent in indents:
                lines += ["", f"{indent}Line {number} goes on {WIDE[number % len(WIDE)]}."]
                number += 1
            blocks.append("\n".join(lines))
        doc = "\n\n".join(blocks)
        want = code_lines(mistune.create_markdown(renderer=None)(doc + "\n"))
        page = QTextDocument()
        highlighter = MarkdownHighlighter(page, theme_named("light"))
        page.setPlainText(doc)
        highlighter.rehighlight()
        shown = set()
        block = page.firstBlock()
        while block.isValid():
            # in the code font: the line from where its code starts (after an item's marker, or all of it)
            ranges = sorted(block.layout().formats(), key=lambda r: r.start)
            code = [r for r in ranges if QTextCharFormat(r.format).fontFixedPitch()]
            units = block.text().rstrip().encode("utf-16-le")  # Qt's positions count UTF-16 units
            if units and code and code[-1].start + code[-1].length >= len(units) // 2 and all(
                    QTextCharFormat(r.format).fontFixedPitch() for r in ranges if r.start >= code[0].start):
                shown.add(units[2 * code[0].start:].decode("utf-16-le").strip())
            block = block.next()
        assert shown == want, doc

    check()
