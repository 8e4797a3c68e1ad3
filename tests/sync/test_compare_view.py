"""The compare/merge view with real key events: keep mine, take theirs, merge by paragraph, leave
it for later; every version not kept goes to the piece's versions; the library marks the piece."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

MINE = "# Essay\n\nOne.\n\nMy second.\n\nThree.\n"
THEIRS = "# Essay\n\nOne.\n\nTheir second.\n\nThree.\n\nTheir fourth.\n"
SYNCTHING = "essay.sync-conflict-20261203-080101-ABCDEFG.md"
DROPBOX = "essay (Ana's conflicted copy 2026-12-03).md"


def _setup(make_window, qtbot, library_dir: Path, copies: dict[str, str]):  # noqa: ANN001, ANN202
    piece = library_dir / "essay.md"
    piece.write_text(MINE, encoding="utf-8")
    for name, text in copies.items():
        (library_dir / name).write_text(text, encoding="utf-8")
    window = make_window(piece)
    return window, piece


def _open_compare(window, qtbot):  # noqa: ANN001, ANN202
    window.commands.run("compare_conflicts")
    qtbot.waitUntil(lambda: window.library.compare_dialog is not None and window.library.compare_dialog.isVisible(),
                    timeout=5000)
    return window.library.compare_dialog


def _conflict_versions(window, piece: Path) -> list[str]:  # noqa: ANN001
    return sorted(v.read() for v in window.library.library.versions(piece) if v.reason == "conflict")


def test_merge_by_paragraph_with_keys(make_window, qtbot, library_dir: Path):
    window, piece = _setup(make_window, qtbot, library_dir, {SYNCTHING: THEIRS})
    qtbot.waitUntil(lambda: "1 version of this piece from other devices" in window.banner.text(), timeout=5000)
    dialog = _open_compare(window, qtbot)
    assert "Syncthing, device ABCDEFG, 3 Dec 2026 08:01" in dialog.heading.text()
    assert "My second." in dialog.left.toPlainText() and "Their second." in dialog.right.toPlainText()
    assert dialog.paragraphs.count() == 2
    qtbot.keyClick(dialog.paragraphs, Qt.Key.Key_B)  # both second paragraphs
    qtbot.keyClick(dialog.paragraphs, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.paragraphs, Qt.Key.Key_Right)  # their fourth
    assert dialog.paragraphs.item(0).text().startswith("[both]")
    qtbot.keyClick(dialog.paragraphs, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    merged = "# Essay\n\nOne.\n\nMy second.\n\nTheir second.\n\nThree.\n\nTheir fourth.\n"
    qtbot.waitUntil(lambda: piece.read_text(encoding="utf-8") == merged, timeout=5000)
    assert not (library_dir / SYNCTHING).exists()
    assert window.editor.raw_text() == merged
    assert _conflict_versions(window, piece) == sorted([MINE, THEIRS])  # nothing lost
    assert "Merged" in window.banner.text()


def test_keep_mine_with_the_keyboard(make_window, qtbot, library_dir: Path):
    window, piece = _setup(make_window, qtbot, library_dir, {SYNCTHING: THEIRS})
    dialog = _open_compare(window, qtbot)
    dialog.keep_button.setFocus()
    qtbot.keyClick(dialog.keep_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not (library_dir / SYNCTHING).exists(), timeout=5000)
    assert piece.read_text(encoding="utf-8") == MINE
    assert _conflict_versions(window, piece) == [THEIRS]


def test_take_the_second_devices_version(make_window, qtbot, library_dir: Path):
    other = THEIRS.replace("Their", "Ana's")
    window, piece = _setup(make_window, qtbot, library_dir, {SYNCTHING: THEIRS, DROPBOX: other})
    dialog = _open_compare(window, qtbot)
    names = {dialog.copies[0][0].path.name, dialog.copies[1][0].path.name}
    assert names == {SYNCTHING, DROPBOX}
    while dialog.copies[dialog.index][0].path.name != DROPBOX:
        qtbot.keyClick(dialog.paragraphs, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert "Ana's second." in dialog.right.toPlainText()
    dialog.take_button.setFocus()
    qtbot.keyClick(dialog.take_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: piece.read_text(encoding="utf-8") == other, timeout=5000)
    assert not (library_dir / SYNCTHING).exists() and not (library_dir / DROPBOX).exists()
    assert _conflict_versions(window, piece) == sorted([MINE, THEIRS, other])
    assert window.editor.raw_text() == other


def test_escape_leaves_everything_as_it_is(make_window, qtbot, library_dir: Path):
    window, piece = _setup(make_window, qtbot, library_dir, {SYNCTHING: THEIRS})
    dialog = _open_compare(window, qtbot)
    qtbot.keyClick(dialog.paragraphs, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert piece.read_text(encoding="utf-8") == MINE and (library_dir / SYNCTHING).read_text() == THEIRS
    assert _conflict_versions(window, piece) == []


def test_the_library_lists_the_piece_once_with_a_quiet_mark(make_window, qtbot, library_dir: Path):
    window, _piece = _setup(make_window, qtbot, library_dir, {SYNCTHING: THEIRS, DROPBOX: THEIRS})
    window.library.show_library()
    rows = window.library.overlay.rows()
    assert [(r.path.name, r.others) for r in rows] == [("essay.md", 2)]


def test_long_names_elide_rows_wrap_and_the_panes_are_in_the_writing_font(make_window, qtbot, library_dir: Path):
    from PySide6.QtGui import QFontMetrics, QPalette

    name = "On the lighthouse keepers of the northern coast and what they wrote in the long winters " * 2
    long_mine = "# Essay\n\n" + "My long paragraph about the sea at night and the lamp. " * 12 + "\n"
    long_theirs = "# Essay\n\n" + "Their long paragraph about the gulls and the glass. " * 12 + "\n"
    piece = library_dir / f"{name.strip()}.md"
    piece.write_text(long_mine, encoding="utf-8")
    (library_dir / f"{name.strip()}.sync-conflict-20261203-080101-ABCDEFG.md").write_text(long_theirs,
                                                                                         encoding="utf-8")
    window = make_window(piece)
    dialog = _open_compare(window, qtbot)
    qtbot.waitUntil(lambda: dialog.paragraphs.viewport().width() > 300, timeout=5000)
    # the piece's name is shortened to the room it has, never clipped; the whole name is its tooltip
    assert dialog.title.is_elided() and "…" in dialog.title.text() and dialog.title.toolTip() == str(piece)
    assert QFontMetrics(dialog.title.font()).horizontalAdvance(dialog.title.text()) <= dialog.title.width()
    assert dialog.heading.text() == "Theirs: Syncthing, device ABCDEFG, 3 Dec 2026 08:01"
    assert "sync-conflict-20261203-080101-ABCDEFG" in dialog.heading.toolTip()
    # the list of differences: wrapped rows of several lines, no sideways scrolling
    assert dialog.paragraphs.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert not dialog.paragraphs.horizontalScrollBar().isVisible()
    row = dialog.paragraphs.visualItemRect(dialog.paragraphs.item(0))
    assert row.width() <= dialog.paragraphs.viewport().width()
    assert row.height() >= 3 * QFontMetrics(dialog.row_font).lineSpacing()
    # the drafts in the writer's own font and the theme's page colours
    families = window.editor.font().families()
    for pane in (dialog.left, dialog.right):
        assert pane.document().defaultFont().families() == families
        assert pane.palette().color(QPalette.ColorRole.Base).name() == window.theme.background
    assert dialog.row_font.families() == families
    # choosing with the keys changes the row's marks (the tick moves to theirs)
    assert "YOURS ✓" in dialog.row_html(dialog.paragraphs.item(0).data(Qt.ItemDataRole.UserRole))
    qtbot.keyClick(dialog.paragraphs, Qt.Key.Key_Right)
    html_after = dialog.row_html(dialog.paragraphs.item(0).data(Qt.ItemDataRole.UserRole))
    assert "THEIRS ✓" in html_after and "YOURS ✓" not in html_after
    qtbot.keyClick(dialog.paragraphs, Qt.Key.Key_Escape)


def test_each_side_shows_its_own_paragraphs_and_marks_only_its_own_words() -> None:
    """A paragraph split on one device is two paragraphs on that side and one on the other, and
    the words only one side has are underlined on that side. A blank line is the gap between
    paragraphs: drawn as an empty paragraph of its own, it doubled every gap."""
    from quill.ui.library.compare import side_html
    from quill.ui.shell.theme import theme_named

    mine = "# Essay\n\nI walk to think. The lights hum.\n\nA dull job.\n"
    theirs = "# Essay\n\nI walk to think.\n\nThe lights hum.\n\nA dull, steady job.\n"
    theme = theme_named("light")
    left, right = side_html(mine, theirs, "-", theme), side_html(mine, theirs, "+", theme)
    assert left.count("<p ") == 3 and right.count("<p ") == 4  # heading and paragraphs, no blank ones
    assert "underline" not in left  # nothing only mine has
    assert "underline'>, steady</span>" in right
    assert "I walk to think. The lights hum." in left.replace("</span><span style='color:" + theme.text + "'>", "")
