"""The library inside the window: overlay, quick open, lifecycle commands on the open piece."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

import quill.ui.library.controller as commands
from quill.ui.library.versions import VersionsDialog


def _piece(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _library(library_dir: Path) -> None:
    _piece(library_dir, "walking.md", "# On walking\n\nI walk to think about lighthouses.\n")
    _piece(library_dir, "letters.md", "---\ntitle: Letters\nstatus: finished\nfinished: 2026-03-01\n---\n\nDear you.\n")
    _piece(library_dir, "essays/rain.md", "# Rain\n\nIt rained all week.\n")


def test_overlay_filters_searches_and_opens(make_window, qtbot, library_dir):
    _library(library_dir)
    window = make_window()
    assert window.library._overlay is None  # made on the first Ctrl+E, not at launch
    window.set_theme("dark", persist=False)  # a theme chosen before the overlay exists still reaches it
    qtbot.keyClick(window.editor, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    overlay = window.library.overlay
    assert overlay.isVisible()
    assert overlay.theme.name == "dark"
    assert sorted(r.title for r in overlay.rows()) == ["Letters", "On walking", "Rain"]
    qtbot.keyClick(overlay.query, Qt.Key.Key_Tab)  # drafts
    assert sorted(r.title for r in overlay.rows()) == ["On walking", "Rain"]
    qtbot.keyClick(overlay.query, Qt.Key.Key_Tab)  # finished
    assert [r.title for r in overlay.rows()] == ["Letters"]
    qtbot.keyClick(overlay.query, Qt.Key.Key_Tab)  # all again
    qtbot.keyClicks(overlay.query, "lighthouses")  # a word only in the body
    qtbot.waitUntil(lambda: [r.title for r in overlay.rows()] == ["On walking"], timeout=3000)
    qtbot.keyClick(overlay.query, Qt.Key.Key_Return)
    assert not overlay.isVisible()
    assert window.document.path == library_dir / "walking.md"


def test_quick_open_by_title(make_window, qtbot, library_dir):
    _library(library_dir)
    window = make_window()
    qtbot.keyClick(window.editor, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.picker.query, "rain")
    assert [i.label for i in window.picker.visible_items()] == ["Rain"]
    qtbot.keyClick(window.picker.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.document is not None and window.document.path.name == "rain.md", timeout=3000)


def test_finish_keeps_the_writers_place_and_unsaved_words(make_window, qtbot, library_dir):
    piece = _piece(library_dir, "draft.md", "# Draft\n\nSome words.")
    window = make_window(piece)
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(window.editor, " Typed just now")
    window.commands.run("finish")
    text = piece.read_text(encoding="utf-8")
    assert text.startswith("---\nstatus: finished\nfinished: ")
    assert text.endswith("# Draft\n\nSome words. Typed just now")
    assert window.editor.raw_text() == text
    assert window.editor.textCursor().position() == len(text)  # still at the end of the body
    assert window.library.library.piece(piece).status == "finished"
    assert any(v.reason == "finished" for v in window.library.library.versions(piece))
    window.commands.run("reopen")
    assert "status: draft" in piece.read_text(encoding="utf-8")


def test_rename_moves_the_file_and_the_editor_follows(make_window, qtbot, library_dir, monkeypatch):
    piece = _piece(library_dir, "untitled.md", "Body text.")
    window = make_window(piece)
    monkeypatch.setattr(commands, "ask_text", lambda *a, **k: "A Better Title")
    window.commands.run("rename")
    assert not piece.exists()
    assert window.document.path.name == "a-better-title.md"
    qtbot.keyClicks(window.editor, "More. ")
    window.close()
    assert (library_dir / "a-better-title.md").read_text(encoding="utf-8").startswith("---\ntitle: A Better Title")
    assert "More. " in (library_dir / "a-better-title.md").read_text(encoding="utf-8")
    assert not piece.exists()  # the old name was not written again


def test_versions_snapshot_and_restore(make_window, qtbot, library_dir):
    piece = _piece(library_dir, "story.md", "First version.")
    window = make_window(piece)
    window.commands.run("snapshot")
    assert "Version kept" in window.banner.text()
    window.editor.selectAll()
    qtbot.keyClicks(window.editor, "Rewritten entirely.")
    window.commands.run("save")
    qtbot.waitUntil(lambda: piece.read_text(encoding="utf-8") == "Rewritten entirely.", timeout=3000)
    library = window.library.library
    window.commands.run("versions")  # the dialog the writer sees, wired by the controller
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, VersionsDialog) and w.isVisible())
    rows = [dialog.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dialog.list.count())]
    row = next(i for i, v in enumerate(rows) if v.read() == "First version.")
    dialog.list.setCurrentRow(row)
    changes = [part for block in dialog.word_diff.blocks for part in block.parts if part[0] != "="]
    assert changes == [("-", "First version"), ("+", "Rewritten entirely")]  # by word, not by line
    assert dialog.summary.text() == "From this version to now: 2 words added, 2 words removed."
    shown = dialog.diff.toPlainText()
    assert "First" in shown and "Rewritten entirely." in shown
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert piece.read_text(encoding="utf-8") == "First version."
    assert window.editor.raw_text() == "First version."
    assert any(v.read() == "Rewritten entirely." for v in library.versions(piece))  # restoring is undoable


def test_trash_and_restore(make_window, qtbot, library_dir):
    piece = _piece(library_dir, "gone.md", "Soon in the trash.")
    window = make_window(piece)
    window.commands.run("trash")
    assert not piece.exists() and window.document is None
    assert "trash" in window.banner.text()
    window.commands.run("restore_trash")
    assert [i.label for i in window.picker.visible_items()] == ["gone"]
    qtbot.keyClick(window.picker.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: piece.exists() and window.document is not None, timeout=3000)
    assert window.editor.raw_text() == "Soon in the trash."


def test_autosave_reindexes_the_open_piece_at_most_once_a_minute(make_window, qtbot, library_dir):
    piece = _piece(library_dir, "draft.md", "# Draft\n\nSome words.\n")
    window = make_window(piece)
    controller = window.library
    now = [1000.0]
    controller.clock = lambda: now[0]
    library = controller.library

    def saved_words() -> int:
        found = library.index.piece(library.root, "draft.md")
        return found.words if found else -1

    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(window.editor, "One two three.")
    window.documents.saver.flush()
    assert saved_words() == 6  # the first save of the session is indexed at once
    qtbot.keyClicks(window.editor, " Four five.")
    now[0] += 30
    window.documents.saver.flush()
    assert "Four five." in piece.read_text(encoding="utf-8")  # saved…
    assert saved_words() == 6  # …but not re-indexed half a minute later
    now[0] += 31
    qtbot.keyClicks(window.editor, " Six.")
    window.documents.saver.flush()
    assert saved_words() == 9  # a minute on, it is
    qtbot.keyClicks(window.editor, " Seven.")
    window.documents.saver.flush()
    qtbot.keyClick(window.editor, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)  # the library view
    assert [r.words for r in window.library.overlay.rows() if r.title == "Draft"] == [10]  # is never stale


def test_versions_dialog_is_quills_own_and_enter_restores_nothing(make_window, qtbot, library_dir):
    """The versions dialog has Quill's look and the piece's title; its default button is Close, so
    Enter (or Esc) never restores an old version over today's words."""
    from quill.ui.shell.dialogs import QuillDialog

    piece = _piece(library_dir, "walk-draft.md", "# On walking home\n\nThe long way.\n")
    window = make_window(piece)
    window.commands.run("snapshot")
    qtbot.keyClick(window.editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.editor, " Past the mill.")
    window.commands.run("save")
    qtbot.waitUntil(lambda: "Past the mill." in piece.read_text(encoding="utf-8"), timeout=3000)
    window.commands.run("versions")
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, VersionsDialog) and w.isVisible())
    assert isinstance(dialog, QuillDialog)
    assert dialog.windowTitle() == "Versions of On walking home"
    qtbot.waitUntil(dialog.list.hasFocus, timeout=2000)  # arrows walk the versions at once
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    assert "Past the mill." in piece.read_text(encoding="utf-8")
    assert "Past the mill." in window.editor.raw_text()


def test_the_library_and_the_palette_sit_on_the_page_clear_of_the_voice_panel(make_window, qtbot, library_dir):
    """Seen under Xvfb: centred on the whole window, the library ran under the open voice panel. It
    follows the page while shown (the window resized, the panel opened under it) and stops
    watching once closed."""
    from PySide6.QtCore import QPoint

    from quill.ui.voice import install_voice_panel

    _library(library_dir)
    window = make_window()
    window.resize(1200, 700)
    panel = install_voice_panel(window)
    central = window.centralWidget()

    def panel_left() -> int:
        return panel.mapTo(central, QPoint(0, 0)).x() if panel.isVisible() else central.width()

    def on_the_page(box) -> bool:  # noqa: ANN001
        """Clear of the panel, and as near the text column's centre as that allows."""
        geometry = box.geometry()
        column = window.editor.viewport()
        centre = column.mapTo(central, QPoint(column.width() // 2, 0)).x()
        clear = geometry.right() < panel_left() - 20
        on_column = abs(geometry.center().x() - centre) <= 2
        pushed_left = geometry.right() >= panel_left() - 25 and geometry.center().x() < centre
        return geometry.left() >= 0 and clear and (on_column or pushed_left)

    qtbot.keyClick(window.editor, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    overlay = window.library.overlay
    assert overlay.isVisible() and on_the_page(overlay)
    panel.set_open(True, animate=False)  # the panel opens under the open library: it moves aside
    qtbot.waitUntil(lambda: panel_left() < window.width() - 100 and on_the_page(overlay), timeout=3000)
    window.resize(1500, 800)  # the window grows (full screen): the library follows the page
    qtbot.waitUntil(lambda: on_the_page(overlay) and overlay.width() == min(820, panel_left() - 80), timeout=3000)
    qtbot.keyClick(overlay.query, Qt.Key.Key_Escape)
    assert overlay._follower._watched is None  # closed: no filter left on the window for every key
    qtbot.keyClick(window.editor, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert window.picker.isVisible() and on_the_page(window.picker)
    window.resize(1100, 650)  # resizing with the palette open (this raised once: a renamed method)
    qtbot.waitUntil(lambda: on_the_page(window.picker), timeout=3000)
    qtbot.keyClick(window.picker.query, Qt.Key.Key_Escape)
    assert not window.picker.isVisible()


def test_in_a_small_window_the_library_spans_the_window_rather_than_half_the_panel(make_window, qtbot, library_dir):
    """QA at 640×420 with the panel open: the column left too little room, and the library poked
    half under the panel with its header and hints clipped. It now spans the window."""
    from PySide6.QtCore import QPoint

    from quill.ui.shell.placement import EDGE
    from quill.ui.voice import install_voice_panel

    _library(library_dir)
    window = make_window()
    window.resize(640, 420)
    qtbot.waitUntil(lambda: window.width() == 640, timeout=2000)
    panel = install_voice_panel(window)
    panel.set_open(True, animate=False)
    central = window.centralWidget()
    qtbot.keyClick(window.editor, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    overlay = window.library.overlay
    geometry = overlay.geometry()
    assert geometry.left() == EDGE and geometry.right() == central.width() - EDGE - 1
    # Nothing in its header or its hints is cut off.
    for label in (overlay.count, overlay.hint):
        assert label.sizeHint().width() <= label.width() or label.wordWrap(), label.text()
    qtbot.keyClick(overlay.query, Qt.Key.Key_Escape)
    # With the panel closed the same window has room on the column again.
    panel.set_open(False, animate=False)
    qtbot.keyClick(window.editor, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    column = window.editor.viewport()
    centre = column.mapTo(central, QPoint(column.width() // 2, 0)).x()
    assert abs(overlay.geometry().center().x() - centre) <= 2


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_library_list_scrollbar_is_quiet_in_every_theme(make_window, qtbot, library_dir, theme):
    """QA: the library's scrollbar was drawn as a black block. It is a thin handle in the theme's
    dim colour over nothing: every pixel it paints lies between the panel's colour and that."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QColor, QImage

    for number in range(40):
        _piece(library_dir, f"piece {number:02}.md", f"# Piece {number}\n\nWords.\n")
    window = make_window()
    window.set_theme(theme, persist=False)
    qtbot.keyClick(window.editor, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    overlay = window.library.overlay
    qtbot.waitUntil(lambda: len(overlay.rows()) == 40, timeout=5000)
    bar = overlay.list.verticalScrollBar()
    qtbot.waitUntil(bar.isVisible, timeout=2000)
    image = overlay.grab(overlay.list.geometry()).toImage().convertToFormat(QImage.Format.Format_RGB32)
    left = bar.mapTo(overlay.list, QPoint(0, 0)).x()  # the bar sits in a container of the list's
    t = window.theme
    ends = [QColor(t.panel_background), QColor(t.dim)]
    low = [min(getattr(c, ch)() for c in ends) - 8 for ch in ("red", "green", "blue")]
    high = [max(getattr(c, ch)() for c in ends) + 8 for ch in ("red", "green", "blue")]
    outside = set()
    handle = 0
    for y in range(image.height()):
        for x in range(left, left + bar.width()):
            c = QColor(image.pixel(x, y))
            rgb = (c.red(), c.green(), c.blue())
            if not all(lo <= v <= hi for v, lo, hi in zip(rgb, low, high, strict=True)):
                outside.add(rgb)
            handle += rgb == (QColor(t.dim).red(), QColor(t.dim).green(), QColor(t.dim).blue())
    assert not outside, f"colours outside the quiet range: {sorted(outside)[:5]}"
    assert handle > 20, "no handle drawn"


def test_an_empty_list_says_why(make_window, qtbot, library_dir):
    """QA: a search with no matches showed an empty box. The list says what it means instead."""
    _library(library_dir)
    window = make_window()
    qtbot.keyClick(window.editor, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    overlay = window.library.overlay
    qtbot.waitUntil(lambda: len(overlay.rows()) == 3, timeout=5000)
    assert not overlay.empty_note.isVisible()
    qtbot.keyClicks(overlay.query, "zebrafish")
    qtbot.waitUntil(lambda: overlay.rows() == [], timeout=3000)
    assert overlay.empty_note.isVisible()
    assert overlay.empty_note.text() == "Nothing in your library matches “zebrafish”."
    note = overlay.empty_note.geometry()
    assert overlay.list.viewport().rect().contains(note.topLeft()) and note.width() > 100
    qtbot.keyClick(overlay.query, Qt.Key.Key_Tab)  # drafts only
    qtbot.waitUntil(lambda: "among drafts" in overlay.empty_note.text(), timeout=3000)
    overlay.query.clear()
    qtbot.waitUntil(lambda: len(overlay.rows()) == 2, timeout=3000)
    assert not overlay.empty_note.isVisible()
    qtbot.keyClick(overlay.query, Qt.Key.Key_Escape)
    # The palette says the same.
    qtbot.keyClick(window.editor, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.picker.query, "zzzqqq")
    qtbot.waitUntil(lambda: window.picker.visible_items() == [], timeout=3000)
    assert window.picker.empty_note.isVisible() and "zzzqqq" in window.picker.empty_note.text()


def test_a_split_paragraph_shows_as_one_new_break_in_the_versions_dialog() -> None:
    """The dialog draws a changed stretch's line breaks: a paragraph split in two is the two halves
    as they are now, with one underlined "¶" where the break was added; nothing struck through."""
    from quill.library.wordiff import word_diff
    from quill.ui.library.versions import diff_html
    from quill.ui.shell.theme import theme_named

    old = "# Rain\n\nIt rained all week. Then the sun came out, late.\n\nThe end.\n"
    new = old.replace("week. Then", "week.\n\nThen")
    html = diff_html(word_diff(old, new), theme_named("light"))
    assert "line-through" not in html
    assert html.count("¶") == 1 and "text-decoration: underline'>¶" in html
    assert "It rained all week.</span><span" in html.replace("\n", "")
    joined = word_diff(new, old)  # and back: the break removed, struck, the halves joined on one line
    html = diff_html(joined, theme_named("light"))
    assert html.count("¶") == 1 and "line-through'>¶" in html and "underline" not in html


def test_the_library_veils_the_page_behind_it_and_a_click_outside_closes_it(make_window, qtbot, library_dir):
    """Seen in the README's screenshot: the library's card sat on the live page, and the lines
    below it read as part of the card. The page now recedes behind a veil of its own colour
    (grabbed from the window: the darkest pixel below the card is nearly the page's colour), a
    click on the veil closes the library, and the veil follows the window and the theme."""
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtGui import QColor

    _library(library_dir)
    piece = _piece(library_dir, "long.md", "\n\n".join(f"Line {n} of a page full of words." for n in range(80)))
    window = make_window(piece)
    window.resize(1200, 800)
    central = window.centralWidget()

    def darkest_below_card() -> float:
        """Lightness of the darkest pixel in a band across the page under the card (text is dark)."""
        image = central.grab().toImage()
        card = window.library.overlay.geometry() if window.library._overlay is not None else QRect(0, 0, 0, 500)
        top = min(card.bottom() + 12, central.height() - 40)
        return min(QColor(image.pixel(x, y)).lightnessF()
                   for x in range(40, central.width() - 40, 3) for y in range(top, top + 30, 2))

    qtbot.waitUntil(lambda: window.editor.isVisible(), timeout=3000)
    page_text = darkest_below_card()
    assert page_text < 0.4  # the page's words are there to be veiled
    qtbot.keyClick(window.editor, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    overlay = window.library.overlay
    scrim = overlay._scrim
    assert overlay.isVisible() and scrim is not None and scrim.isVisible()
    assert scrim.geometry() == central.rect()
    assert darkest_below_card() > 0.8  # a trace of the words, not words to read
    window.resize(1400, 900)  # the veil follows the window
    qtbot.waitUntil(lambda: scrim.geometry() == central.rect(), timeout=3000)
    window.set_theme("dark", persist=False)  # and the page's colour
    qtbot.waitUntil(lambda: darkest_below_card() < 0.2, timeout=3000)
    qtbot.mouseClick(scrim, Qt.MouseButton.LeftButton, pos=QPoint(10, scrim.height() - 10))
    assert not overlay.isVisible() and not scrim.isVisible()
    qtbot.waitUntil(window.editor.hasFocus, timeout=3000)
    qtbot.keyClick(window.editor, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert scrim.isVisible()
    qtbot.keyClicks(overlay.query, "rain")
    qtbot.keyClick(overlay.query, Qt.Key.Key_Escape)  # Esc first empties the search, the library stays
    assert overlay.query.text() == "" and overlay.isVisible()
    qtbot.waitUntil(lambda: len(overlay.rows()) == 4, timeout=3000)  # every piece again
    qtbot.keyClick(overlay.query, Qt.Key.Key_Escape)  # then closes, and takes the veil away with the card
    assert not scrim.isVisible() and not overlay.isVisible()
    qtbot.keyClick(window.editor, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert window.picker.isVisible() and window.picker._scrim is None  # the palette's small box: no veil


def test_a_version_the_same_as_the_text_now_cannot_be_restored(make_window, qtbot, library_dir):
    """Found on a review: "Restore this version" was offered for a version identical to the text,
    where restoring only adds one more version. It is offered again for one that differs."""
    piece = _piece(library_dir, "same.md", "The same words.")
    window = make_window(piece)
    window.commands.run("snapshot")
    window.commands.run("versions")
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, VersionsDialog) and w.isVisible())
    assert dialog.diff.toPlainText() == "This version is the same as the text now."
    assert not dialog.restore_button.isEnabled()
    dialog.close()
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(window.editor, " And more.")
    window.commands.run("save")
    qtbot.waitUntil(lambda: piece.read_text(encoding="utf-8").endswith("And more."), timeout=3000)
    window.commands.run("versions")
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, VersionsDialog) and w.isVisible())
    assert dialog.summary.text() == "From this version to now: 2 words added."
    assert dialog.restore_button.isEnabled()
