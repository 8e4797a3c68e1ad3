"""Spell check in the window with text in several writing systems: only the dictionary's own
language is judged, and underlines sit exactly on whole characters in Qt's UTF-16 positions."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QTextBoundaryFinder

from quill.spell.tokens import misspelled_spans
from tests.ui.test_spelling import WAVE, spelled_window, underlined, wait_checked


def test_hebrew_arabic_and_other_scripts_in_an_english_piece_are_not_underlined(make_window, qtbot) -> None:  # noqa: ANN001
    text = ("She wrote “שלום” and “مرحبا” in the Café, then привет, καλημέρα, नमस्ते, 你好 and 🦊; "
            "teh end, a naïve Cafe\u0301 and wrold.")
    window = spelled_window(make_window, qtbot, text)
    qtbot.waitUntil(lambda: underlined(window.editor) == ["teh", "wrold"], timeout=10_000)
    wait_checked(window, qtbot)
    assert underlined(window.editor) == ["teh", "wrold"]
    assert window.editor.raw_text() == text  # nothing was changed, only looked at


def test_ignoring_a_word_ignores_it_with_either_apostrophe(make_window, qtbot) -> None:  # noqa: ANN001
    window = spelled_window(make_window, qtbot, "Wouldn’tve and Wouldn'tve.")
    editor = window.editor
    qtbot.waitUntil(lambda: underlined(editor) == ["Wouldn’tve", "Wouldn'tve"], timeout=10_000)
    with qtbot.waitSignal(window.spelling.checked, timeout=5000):  # the round the ignoring starts
        window.spelling.ignore("Wouldn’tve")
    wait_checked(window, qtbot)
    assert underlined(editor) == []


PIECES = ["teh", "wrold", "the", "Café", "Cafe\u0301", "don’t", "dont'", "שלום", "مرحبا", "привет", "καλημέρα",
          "नमस्ते", "你好", "🦊", "👩‍💻", "𝒜", "x", "naïve", "Tehe\u0301", "wro\u0308ld"]
SEPARATORS = [" ", " ", "\r\n", "\n", "\u2028", "\u0301", "'", "’", "\u200d", "\u200f", "“", ""]


_reused: dict[str, object] = {}


def _grapheme_boundaries(text: str) -> set[int]:
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Grapheme, text)
    found = {0}
    while (position := finder.toNextBoundary()) != -1:
        found.add(position)
    return found


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PIECES + SEPARATORS), min_size=1, max_size=30).map("".join))
def test_underlines_cover_whole_graphemes_of_latin_words_in_utf16(make_window, qtbot, text: str) -> None:  # noqa: ANN001
    if _reused.get("qtbot") is not qtbot:  # one window for every example of this test
        _reused.update(qtbot=qtbot, window=make_window())
    window = _reused["window"]
    editor = window.editor
    editor.setPlainText("\n".join("Go " + line.lstrip() for line in text.split("\n")))
    wait_checked(window, qtbot)
    checker = window.spelling.checker

    def expected() -> list[str]:
        words = []
        block = editor.document().firstBlock()
        while block.isValid():
            line = block.text()
            words += [line[s:e] for s, e in misspelled_spans(line, checker.is_correct)]
            block = block.next()
        return words

    qtbot.waitUntil(lambda: underlined(editor) == expected(), timeout=5000)
    block = editor.document().firstBlock()
    while block.isValid():
        boundaries = _grapheme_boundaries(block.text())  # Qt's own, in UTF-16 units
        for r in block.layout().formats():
            if r.format.underlineStyle() == WAVE:
                assert r.start in boundaries and r.start + r.length in boundaries, (block.text(), r.start, r.length)
        block = block.next()
