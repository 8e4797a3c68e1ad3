"""Find and replace as a writer means them (found on a review): a replacement takes the capitals
of each hit it replaces ("Rain again." stays a sentence), Match case and Whole words narrow what is
found, an accented letter is found however either side spells it, and "N replaced" stays on the bar."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from quill.ui.editor.findbar import cased_like, hits_pattern
from tests.ui.test_replace_all import _replace_all

TEXT = "Rain again. Rain, rain, RAIN. Rainy days on a train."


def test_a_replacement_takes_the_capitals_of_each_hit(make_window, library_dir, qtbot) -> None:  # noqa: ANN001
    piece = library_dir / "rain.md"
    piece.write_text(TEXT + "\n", encoding="utf-8")
    window = make_window(piece)
    _replace_all(qtbot, window, "rain", "snow")
    assert window.editor.raw_text() == "Snow again. Snow, snow, SNOW. Snowy days on a tsnow.\n"
    # the bar's refresh after an edit, which used to overwrite the count with "No matches", is not due
    assert not window.find_bar._refresh_timer.isActive()
    assert window.find_bar.count_label.text() == "6 replaced"


def test_whole_words_and_match_case_narrow_what_is_replaced(make_window, library_dir, qtbot) -> None:  # noqa: ANN001
    piece = library_dir / "rain.md"
    piece.write_text(TEXT + "\n", encoding="utf-8")
    window = make_window(piece)
    qtbot.keyClick(window.editor, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    qtbot.mouseClick(bar.words_button, Qt.MouseButton.LeftButton)
    assert bar.words_button.isChecked()
    _replace_all(qtbot, window, "rain", "snow")
    assert window.editor.raw_text() == "Snow again. Snow, snow, SNOW. Rainy days on a train.\n"
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # one step undoes it all
    assert window.editor.raw_text() == TEXT + "\n"
    qtbot.mouseClick(bar.case_button, Qt.MouseButton.LeftButton)
    _replace_all(qtbot, window, "Rain", "Snow")
    assert window.editor.raw_text() == "Snow again. Snow, rain, RAIN. Rainy days on a train.\n"


def test_an_accent_is_found_composed_or_spelled_with_a_mark() -> None:
    composed, spelled = "caf\u00e9", "cafe\u0301"
    for query in (composed, spelled):
        for text in (f"Le {composed} noir", f"Le {spelled} noir"):
            found = hits_pattern(query).search(text)
            assert found is not None and unicodedata.normalize("NFC", found.group()) == composed, (query, text)
    assert hits_pattern("cafe").search(f"Le {spelled} noir") is None  # never half a letter
    assert hits_pattern("CAFÉ").search(f"Le {spelled} noir") is not None


@settings(max_examples=200, derandomize=True, database=None, deadline=None)
@given(st.text(alphabet="aAbBéÉßx ", min_size=1, max_size=8), st.text(alphabet="rstu", min_size=1, max_size=5))
def test_a_lower_case_replacement_follows_the_hit_and_one_with_capitals_is_kept(hit: str, replacement: str) -> None:
    got = cased_like(hit, replacement)
    assert got.lower() == replacement  # the same word, only its case changed
    assert cased_like(hit, replacement.upper()) == replacement.upper()  # typed with capitals: as typed
    letters = [c for c in hit if c.isalpha()]
    if letters and letters[0].islower():
        assert got == replacement
