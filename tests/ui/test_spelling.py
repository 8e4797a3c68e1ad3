"""Spell check in the window: quiet underlines after a pause, suggestions only when asked (issue 17)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QMenu

from quill.paths import app_dirs
from quill.settings import load_settings
from tests.ui.keys import type_text

WAVE = QTextCharFormat.UnderlineStyle.WaveUnderline


def underlined(editor) -> list[str]:  # noqa: ANN001
    """The underlined words, read back from the page's layout (UTF-16 ranges, like Qt paints them)."""
    words = []
    block = editor.document().firstBlock()
    while block.isValid():
        text16 = block.text().encode("utf-16-le")
        runs = sorted((r.start, r.start + r.length) for r in block.layout().formats()
                      if r.format.underlineStyle() == WAVE)
        merged: list[list[int]] = []
        for start, end in runs:
            if merged and merged[-1][1] == start:
                merged[-1][1] = end
            else:
                merged.append([start, end])
        words += [text16[2 * s:2 * e].decode("utf-16-le") for s, e in merged]
        block = block.next()
    return words


def spelled_window(make_window, qtbot, text: str = "", path: Path | None = None):  # noqa: ANN001, ANN201
    window = make_window(path)
    if text:
        type_text(qtbot, window.editor, text)
    return window


def wait_checked(window, qtbot) -> None:  # noqa: ANN001
    """Wait until a round of checking has come back with nothing left to check."""
    spelling = window.spelling
    qtbot.waitUntil(lambda: spelling.checker is not None and spelling.checker.loaded and not spelling._busy
                    and not spelling._timer.isActive(), timeout=10_000)


def test_a_misspelled_word_is_underlined_after_the_pause_and_nothing_else_changes(make_window, qtbot) -> None:  # noqa: ANN001
    window = spelled_window(make_window, qtbot, "The writer saw teh river")
    editor = window.editor
    qtbot.waitUntil(lambda: underlined(editor) == ["teh"], timeout=10_000)
    # The writer keeps typing: the text is exactly what was typed, nothing replaced or added.
    type_text(qtbot, editor, " and wrote on.")
    assert editor.raw_text() == "The writer saw teh river and wrote on."
    wait_checked(window, qtbot)
    assert underlined(editor) == ["teh"]


def test_underlines_are_exact_after_an_emoji(make_window, qtbot) -> None:  # noqa: ANN001
    window = spelled_window(make_window, qtbot, "A 🦊🦊 saw teh fox and a wrold")
    qtbot.waitUntil(lambda: underlined(window.editor) == ["teh", "wrold"], timeout=10_000)


def test_a_word_being_typed_is_not_judged_before_the_pause(make_window, qtbot) -> None:  # noqa: ANN001
    window = spelled_window(make_window, qtbot, "Steady words here.")
    wait_checked(window, qtbot)
    type_text(qtbot, window.editor, " Wrold")
    assert underlined(window.editor) == []  # right after the keystroke: nothing judged yet
    qtbot.waitUntil(lambda: underlined(window.editor) == ["Wrold"], timeout=10_000)


def test_markdown_urls_and_code_are_not_flagged(make_window, qtbot) -> None:  # noqa: ANN001
    text = ("# A heading with teh\n\nSee [the lnk](https://exmple.com/zzq) and `teh code`, mail mee@exmple.org, "
            "NASA, v2.\n\n```\nqwzx inside code\n```\n\nLast wrold.")
    window = spelled_window(make_window, qtbot, text)
    qtbot.waitUntil(lambda: underlined(window.editor) == ["teh", "lnk", "wrold"], timeout=10_000)


def test_the_menu_offers_the_suggestion_and_replacing_is_one_undo_step(make_window, qtbot) -> None:  # noqa: ANN001
    window = spelled_window(make_window, qtbot, "I saw teh fox.")
    editor = window.editor
    qtbot.waitUntil(lambda: underlined(editor) == ["teh"], timeout=10_000)
    menu = window.spelling.build_menu(editor.toPlainText().index("teh") + 1)
    titles = [a.text() for a in menu.actions()]
    assert titles[0] == "the" and "Add to dictionary" in titles and "Ignore in this piece" in titles
    suggestions = titles[:titles.index("Add to dictionary")]
    assert suggestions[-1] == "" and menu.actions()[len(suggestions) - 1].isSeparator()  # set apart
    assert len(suggestions) - 1 <= 6
    # Quill's menu, not Qt's stock one (seen on a review): no mnemonics, sentence case, the page's colours
    labels = [title.split("\t")[0] for title in titles]  # Qt's items carry their shortcut after a tab
    assert not any("&" in label for label in labels) and "Select all" in labels and "Undo" in labels
    assert window.theme.panel_background in menu.styleSheet()
    menu.actions()[0].trigger()
    assert editor.raw_text() == "I saw the fox."
    qtbot.waitUntil(lambda: underlined(editor) == [], timeout=5000)
    editor.undo()
    assert editor.raw_text() == "I saw teh fox."
    editor.redo()
    assert editor.raw_text() == "I saw the fox."


def test_a_right_click_on_a_correct_word_offers_no_suggestions(make_window, qtbot) -> None:  # noqa: ANN001
    window = spelled_window(make_window, qtbot, "I saw the fox.")
    wait_checked(window, qtbot)
    titles = [a.text() for a in window.spelling.build_menu(7).actions()]
    assert "Add to dictionary" not in titles


def test_right_click_opens_the_spelling_menu(make_window, qtbot) -> None:  # noqa: ANN001
    window = spelled_window(make_window, qtbot, "I saw teh fox.")
    editor = window.editor
    qtbot.waitUntil(lambda: underlined(editor) == ["teh"], timeout=10_000)
    shown: list[list[str]] = []

    places: list[QPoint] = []

    def read_menu(menu: QMenu, at: QPoint) -> None:
        shown.append([x.text() for x in menu.actions()])
        places.append(at)

    window.spelling.exec_menu = read_menu
    cursor = QTextCursor(editor.document())
    cursor.setPosition(7)
    point = editor.cursorRect(cursor).center()
    qtbot.mouseClick(editor.viewport(), Qt.MouseButton.RightButton, pos=point)
    if not shown:  # platforms that open context menus on release only through the event itself
        editor.customContextMenuRequested.emit(point)
    assert shown and shown[0][0] == "the"
    # it opens under the word's line, leaving the word in sight (it used to cover it)
    assert places[0].y() > editor.viewport().mapToGlobal(editor.cursorRect(cursor).bottomLeft()).y()
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)  # the keyboard's way
    assert len(shown) == 2 and shown[1][0] == "the"
    assert editor.raw_text() == "I saw teh fox."  # asking changes nothing


def test_add_to_dictionary_persists_across_restarts(make_window, qtbot) -> None:  # noqa: ANN001
    window = spelled_window(make_window, qtbot, "Meet Zorblat today.")
    editor = window.editor
    qtbot.waitUntil(lambda: underlined(editor) == ["Zorblat"], timeout=10_000)
    menu = window.spelling.build_menu(7)
    next(a for a in menu.actions() if a.text() == "Add to dictionary").trigger()
    qtbot.waitUntil(lambda: underlined(editor) == [], timeout=5000)
    assert "Zorblat" in app_dirs().personal_dictionary.read_text(encoding="utf-8").split()
    window.close()
    again = spelled_window(make_window, qtbot, "Zorblat again, and teh.")
    qtbot.waitUntil(lambda: underlined(again.editor) == ["teh"], timeout=10_000)


def test_ignore_in_this_piece(make_window, qtbot) -> None:  # noqa: ANN001
    window = spelled_window(make_window, qtbot, "Qwzx and qwzx.")
    editor = window.editor
    qtbot.waitUntil(lambda: underlined(editor) == ["Qwzx", "qwzx"], timeout=10_000)
    menu = window.spelling.build_menu(editor.toPlainText().index("qwzx") + 1)
    next(a for a in menu.actions() if a.text() == "Ignore in this piece").trigger()
    qtbot.waitUntil(lambda: underlined(editor) == ["Qwzx"], timeout=5000)
    assert "qwzx" not in app_dirs().personal_dictionary.read_text(encoding="utf-8") \
        if app_dirs().personal_dictionary.exists() else True


@pytest.mark.parametrize(("lang", "flagged"), [("en-GB", ["color"]), ("en-US", ["colour"])])
@pytest.mark.parametrize("front", ["---\ntitle: Colours\nlang: {lang}\n---\n",
                                   '+++\ntitle = "Colours"\nlang = "{lang}"\n+++\n'])  # YAML, and Hugo's TOML
def test_lang_in_front_matter_picks_the_dictionary(make_window, qtbot, library_dir, lang, flagged, front) -> None:  # noqa: ANN001
    """(The editor looked for front matter only under a '---' line: a Hugo post's 'lang' was ignored.)"""
    path = library_dir / "piece.md"
    path.write_text(front.format(lang=lang) + "\nThe colour and the color.\n", encoding="utf-8")
    window = make_window(path)
    qtbot.waitUntil(lambda: underlined(window.editor) == flagged, timeout=10_000)


def test_the_palette_switches_the_language_in_one_undo_step(make_window, qtbot) -> None:  # noqa: ANN001
    window = spelled_window(make_window, qtbot, "The colour and the color.")
    editor = window.editor
    qtbot.waitUntil(lambda: underlined(editor) == ["colour"], timeout=10_000)
    assert "en_GB" in window.spelling.languages()
    window.spelling.set_piece_language("en_GB")
    assert editor.raw_text() == "---\nlang: en-GB\n---\nThe colour and the color."
    qtbot.waitUntil(lambda: underlined(editor) == ["color"], timeout=10_000)
    editor.undo()
    assert editor.raw_text() == "The colour and the color."
    qtbot.waitUntil(lambda: underlined(editor) == ["colour"], timeout=10_000)


def test_f7_turns_it_off_the_underlines_vanish_and_the_choice_persists(make_window, qtbot) -> None:  # noqa: ANN001
    window = spelled_window(make_window, qtbot, "I saw teh fox.")
    editor = window.editor
    qtbot.waitUntil(lambda: underlined(editor) == ["teh"], timeout=10_000)
    qtbot.keyClick(editor, Qt.Key.Key_F7)
    assert underlined(editor) == []
    assert load_settings(app_dirs().settings_file).settings.spell_check is False
    type_text(qtbot, editor, " More wrold.")
    qtbot.wait(0)  # let queued events run; nothing may be scheduled while off
    assert not window.spelling._timer.isActive() and underlined(editor) == []
    qtbot.keyClick(editor, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: underlined(editor) == ["teh", "wrold"], timeout=10_000)
    assert load_settings(app_dirs().settings_file).settings.spell_check is True


def test_opening_a_long_piece_checks_only_what_is_in_view(make_window, qtbot, library_dir) -> None:  # noqa: ANN001
    path = library_dir / "book.md"
    paragraphs = [f"Paragraph {i} holds a wrold and plain words." for i in range(3000)]
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    window = make_window(path)
    editor = window.editor
    qtbot.waitUntil(lambda: "wrold" in underlined(editor), timeout=10_000)
    wait_checked(window, qtbot)
    painted = len(underlined(editor))
    assert 0 < painted < 200  # a screenful, not the book
    editor.verticalScrollBar().setValue(editor.verticalScrollBar().maximum() // 2)
    qtbot.waitUntil(lambda: len(underlined(editor)) > painted, timeout=10_000)


def test_ignored_words_kept_in_front_matter_only_when_asked(make_window, qtbot, library_dir) -> None:  # noqa: ANN001
    path = library_dir / "ignores.md"
    path.write_text("---\ntitle: Names\nspelling-ignore: [Zorblat]\n---\n\nZorblat met Qwzx and teh.\n",
                    encoding="utf-8")
    window = make_window(path)
    editor = window.editor
    qtbot.waitUntil(lambda: underlined(editor) == ["Qwzx", "teh"], timeout=10_000)
    before = editor.raw_text()
    menu = window.spelling.build_menu(editor.toPlainText().index("Qwzx") + 1)
    next(a for a in menu.actions() if a.text() == "Ignore in this piece").trigger()
    qtbot.waitUntil(lambda: underlined(editor) == ["teh"], timeout=5000)
    assert editor.raw_text() == before  # ignoring changes nothing in the text
    window.commands.run("spell_keep_ignored")
    assert editor.raw_text() == before.replace("[Zorblat]", "[Qwzx, Zorblat]")
    editor.undo()
    assert editor.raw_text() == before
    editor.redo()
    window.close()
    again = make_window(path)  # a restart: the front matter keeps them
    qtbot.waitUntil(lambda: underlined(again.editor) == ["teh"] and again.spelling.checker.loaded, timeout=10_000)
    assert again.spelling.ignored == set() and again.spelling.piece_ignored == {"Qwzx", "Zorblat"}


def test_words_in_capitals_and_the_default_language_are_settings(make_window, qtbot) -> None:  # noqa: ANN001
    window = spelled_window(make_window, qtbot, "QWZX saw the color.")
    editor = window.editor
    wait_checked(window, qtbot)
    assert underlined(editor) == []
    window.commands.run("spell_caps")
    qtbot.waitUntil(lambda: underlined(editor) == ["QWZX"], timeout=10_000)
    window.spelling.set_default_language("en_GB")
    qtbot.waitUntil(lambda: underlined(editor) == ["QWZX", "color"], timeout=10_000)
    settings = load_settings(app_dirs().settings_file).settings
    assert settings.spell_language == "en_GB" and settings.spell_skip_caps is False


@pytest.mark.parametrize(("system", "wrong"), [("en_GB", ["color"]), ("en_AU", ["color"]),
                                               ("en_US", ["harbour", "colour"]), ("fr_FR", ["harbour", "colour"])])
def test_a_writer_who_never_chose_gets_their_systems_spelling(make_window, qtbot, monkeypatch,  # noqa: ANN001
                                                              system: str, wrong: list[str]) -> None:
    """A British writer's "harbour" was underlined until they found the setting; the system's
    language is the default when a dictionary for it is here (French has none: English, as before)."""
    import quill.ui.spell.controller as spell

    monkeypatch.setattr(spell, "system_locale_name", lambda: system)
    window = spelled_window(make_window, qtbot, "The harbour colour, or color.")
    qtbot.waitUntil(lambda: underlined(window.editor) == wrong, timeout=10_000)
    assert window.spelling.lang == ("en_GB" if wrong == ["color"] else "en_US")
    # A choice made once wins over the system's language, and is what is kept.
    window.spelling.set_default_language("en_US" if wrong == ["color"] else "en_GB")
    qtbot.waitUntil(lambda: underlined(window.editor) == (["harbour", "colour"] if wrong == ["color"] else ["color"]),
                    timeout=10_000)


FRENCH = ("Le matin est venu lentement sur le port, et les bateaux cognaient contre la jetée. Personne ne "
          "parlait. Les mouettes avaient déjà trouvé la pêche de la nuit, tournant bas et fort au-dessus des "
          "caisses pendant que les hommes tiraient les cordes et se disputaient au sujet du temps qu'il ferait. ")


@pytest.mark.parametrize(("text", "told"), [(FRENCH, True), (FRENCH[:120], False),
                                             ("Morning came slowly over teh harbor, and the boats knocked agianst the "
                                              "pier. " * 5, False)])
def test_a_page_in_another_language_than_the_dictionary_says_where_to_choose_it(
        make_window, qtbot, tmp_path: Path, text: str, told: bool) -> None:  # noqa: ANN001
    """A French system with French dictionaries now checks an English piece in French (and an
    English one a French piece): every word underlined, with nothing to say why. Once a page has
    enough words and most are not in the dictionary, a notice says where to choose the language;
    English with typos, or too few words to tell, says nothing."""
    path = tmp_path / "piece.md"
    path.write_text(text, encoding="utf-8")
    window = make_window(path)
    wait_checked(window, qtbot)
    qtbot.waitUntil(lambda: window.spelling._language_judged or not told, timeout=10_000)
    message = window.banner.text() if window.banner.isVisible() else ""
    assert ("not in the en-US dictionary" in message) is told, message
    assert window.editor.raw_text() == text  # nothing in the text changed


def test_the_memory_of_underlined_paragraphs_stays_bounded(make_window, qtbot, monkeypatch) -> None:  # noqa: ANN001
    """Each pause in a paragraph with a misspelling remembers its new text; the old versions are
    forgotten once there are many, so a day of typing does not pile them up."""
    import quill.ui.editor.highlighter as highlighter

    monkeypatch.setattr(highlighter, "UNDERLINED_KEPT", 5)
    window = spelled_window(make_window, qtbot, "teh")
    remembered = window.spelling.highlighter.underlined
    for word in ("one", "two", "three", "four", "five", "six", "seven", "eight"):
        type_text(qtbot, window.editor, f" {word}")
        wait_checked(window, qtbot)
        qtbot.waitUntil(lambda: window.editor.raw_text() in remembered, timeout=10_000)
    assert len(remembered) <= 6
    assert window.editor.raw_text() in remembered  # the paragraph on the page is still known
    assert underlined(window.editor) == ["teh"]


def test_underlines_in_the_paragraph_being_typed_in_stay_put_while_the_writer_types(make_window, qtbot) -> None:  # noqa: ANN001
    """They used to go at the first key and come back at each pause: at four keys a second, a
    blink on every key. Words the edit did not touch keep theirs, moved with the text; a word
    typed onto is judged again only at the pause."""
    window = spelled_window(make_window, qtbot, "A 🦊 wrold of teh words\n\n- below, a mispeled one")
    editor = window.editor
    qtbot.waitUntil(lambda: underlined(editor) == ["wrold", "teh", "mispeled"], timeout=10_000)
    wait_checked(window, qtbot)
    editor.moveCursor(QTextCursor.MoveOperation.Start)
    editor.moveCursor(QTextCursor.MoveOperation.EndOfBlock)
    for key in " and more":
        type_text(qtbot, editor, key)
        assert underlined(editor) == ["wrold", "teh", "mispeled"]  # at once, no pause needed
        wait_checked(window, qtbot)  # a round between keys, which also looks at the paragraph below
        # (it may judge the word being typed, "mor": that is what a pause is for)
        assert {"wrold", "teh", "mispeled"} <= set(underlined(editor))
    editor.selectAll()
    type_text(qtbot, editor, "A 🦊 wrold of teh words and more")
    wait_checked(window, qtbot)
    qtbot.waitUntil(lambda: underlined(editor) == ["wrold", "teh"], timeout=10_000)
    editor.moveCursor(QTextCursor.MoveOperation.Start)
    type_text(qtbot, editor, "So 🦊 ")  # before them, an emoji included: they move with the text
    assert underlined(editor) == ["wrold", "teh"]
    wait_checked(window, qtbot)
    cursor = editor.textCursor()
    cursor.setPosition(editor.raw_text().index("teh") + 3 + 2)  # just after "teh" (two 🦊: two UTF-16 units more)
    editor.setTextCursor(cursor)
    type_text(qtbot, editor, "e")
    assert editor.raw_text() == "So 🦊 A 🦊 wrold of tehe words and more"
    assert underlined(editor) == ["wrold"]  # the word typed onto waits for the pause…
    qtbot.waitUntil(lambda: underlined(editor) == ["wrold", "tehe"], timeout=10_000)  # …and is judged then


def test_a_pause_checks_only_what_changed_and_repaints_nothing_that_did_not(make_window, qtbot,  # noqa: ANN001
                                                                           monkeypatch) -> None:  # noqa: ANN001
    """After each pause a round looked at every paragraph in view again: ~1.5 ms of Python on every
    key of a writer typing four keys a second, and the typed paragraph repainted twice a key."""
    import quill.ui.spell.controller as controller

    words = " ".join(["plain words of a page"] * 9)  # enough to judge the page's language at once
    window = spelled_window(make_window, qtbot, f"First teh paragraph.\n\nSecond wrold one, {words}.\n\nThird")
    editor = window.editor
    qtbot.waitUntil(lambda: underlined(editor) == ["teh", "wrold"], timeout=10_000)
    wait_checked(window, qtbot)
    tokenized: list[str] = []
    real = controller.checkable_words

    def counting(text: str, **kwargs) -> list:  # noqa: ANN003
        tokenized.append(text)
        return real(text, **kwargs)

    monkeypatch.setattr(controller, "checkable_words", counting)
    painted = window.spelling.painted_at
    type_text(qtbot, editor, " line")
    qtbot.waitUntil(lambda: bool(tokenized), timeout=10_000)
    wait_checked(window, qtbot)
    assert tokenized == ["Third line"], tokenized  # only the paragraph typed in
    assert window.spelling.painted_at == painted  # its underlines were already right: no repaint
    cursor = editor.textCursor()
    cursor.setPosition(editor.raw_text().index("Second") + 6)
    editor.setTextCursor(cursor)
    tokenized.clear()
    type_text(qtbot, editor, " wrold")
    assert underlined(editor) == ["teh", "wrold"]  # the new "wrold" waits for the pause
    qtbot.waitUntil(lambda: underlined(editor) == ["teh", "wrold", "wrold"], timeout=10_000)
    assert window.spelling.painted_at != painted
    # Painting the round's underlines reads the words the round found: the paragraph is tokenized
    # once a round (twice, the round cost a writer typing four keys a second 0.2 ms a key more).
    final = editor.document().findBlockByNumber(2).text()
    assert "wrold wrold" in final and tokenized.count(final) == 1, tokenized


def test_in_focus_mode_a_misspelling_outside_the_focus_is_dimmed_with_its_words(make_window, qtbot) -> None:  # noqa: ANN001
    """The wavy line kept its warning colour in the dimmed paragraphs and pulled the eye away from
    the sentence in focus. Read from the pixels under the word."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QColor

    from quill.ui.shell.theme import THEMES

    window = spelled_window(make_window, qtbot, "The writer saw teh river.\n\nAnd then she wrote on.")
    editor = window.editor
    qtbot.waitUntil(lambda: underlined(editor) == ["teh"], timeout=10_000)
    theme = THEMES[window.settings.theme]
    warning = QColor(theme.warning)

    def warning_pixels() -> int:
        cursor = QTextCursor(editor.document())
        cursor.setPosition(editor.toPlainText().index("teh"))
        left = editor.cursorRect(cursor)
        cursor.setPosition(editor.toPlainText().index("teh") + 3)
        right = editor.cursorRect(cursor)
        area = QRect(left.left(), left.top(), right.right() - left.left(), left.height() + 4)
        image = editor.viewport().grab().toImage()
        count = 0
        for x in range(max(area.left(), 0), min(area.right(), image.width())):
            for y in range(max(area.top(), 0), min(area.bottom(), image.height())):
                c = QColor.fromRgb(image.pixel(x, y))
                if c.red() - c.green() > 40 and abs(c.red() - warning.red()) < 60:
                    count += 1
        return count

    assert warning_pixels() > 5  # the line is there, in the warning colour
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)  # the focus is on the second paragraph
    window.commands.run("focus")
    assert editor.focus_mode
    qtbot.waitUntil(lambda: warning_pixels() == 0, timeout=3000)


def test_the_language_picker_starts_on_the_pieces_language_and_enter_alone_edits_nothing(
        make_window, qtbot) -> None:  # noqa: ANN001
    """Found on a review: the picker opened on its first row (en-GB) for an en-US piece, and Enter
    wrote "lang: en-GB" into the piece; the rows were bare codes. The piece's own language is now
    selected, choosing it changes nothing, and each row says its language in words."""
    window = spelled_window(make_window, qtbot, "The color of the harbor.")
    editor = window.editor
    wait_checked(window, qtbot)
    before = editor.raw_text()
    lang = window.spelling.lang
    window.commands.run("spell_language")
    picker = window.picker
    assert picker.isVisible() and picker.list.currentItem() is not None
    assert picker.list.currentItem().data(Qt.ItemDataRole.UserRole).payload == lang
    labels = [item.label for item in picker.visible_items()]
    assert "British English (en-GB)" in labels and "American English (en-US)" in labels
    qtbot.keyClick(picker.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "already checked in" in window.banner.text(), timeout=3000)
    assert editor.raw_text() == before
    window.commands.run("spell_language")
    other = "en_GB" if lang != "en_GB" else "en_US"
    qtbot.keyClicks(picker.query, other.replace("_", "-"))
    qtbot.keyClick(picker.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: f"lang: {other.replace('_', '-')}" in editor.raw_text(), timeout=3000)
