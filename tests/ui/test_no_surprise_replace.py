"""Save as… and the exports never replace a file the writer did not agree to replace, and keep
the earlier words even when they did. Driven through the real save dialog with typed names:
the bug was a name typed without its suffix ("keep" → keep.md) passing the dialog's check."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.ui.modal import answering, click_danger, press_enter, type_file_name


def _open_with_words(make_window, qtbot, library_dir: Path, words: str = "New words, mine."):  # noqa: ANN001, ANN202
    piece = library_dir / "first.md"
    piece.write_text("", encoding="utf-8")
    window = make_window(piece)
    qtbot.waitUntil(lambda: window.library is not None, timeout=5000)
    qtbot.keyClicks(window.editor, words)
    return window, piece


def test_save_as_a_bare_name_of_an_existing_piece_asks_and_enter_keeps_it(make_window, qtbot, library_dir) -> None:  # noqa: ANN001
    keep = library_dir / "keep.md"
    keep.write_text("Years of words.\n", encoding="utf-8")
    window, first = _open_with_words(make_window, qtbot, library_dir)
    titles = answering(qtbot, [type_file_name(qtbot, str(library_dir / "keep")), press_enter(qtbot)],
                       window.save_as_dialog)
    assert titles[1] == "Replace keep.md?"  # asked about the file it would write, suffix and all
    assert keep.read_text(encoding="utf-8") == "Years of words.\n"
    assert window.document.path == first  # still writing where it was
    qtbot.keyClicks(window.editor, " More.")
    window.documents.saver.flush()
    assert keep.read_text(encoding="utf-8") == "Years of words.\n"


def test_save_as_replacing_on_purpose_keeps_the_earlier_piece_as_a_version(make_window, qtbot, library_dir) -> None:  # noqa: ANN001
    keep = library_dir / "keep.md"
    keep.write_text("Years of words.\n", encoding="utf-8")
    window, _first = _open_with_words(make_window, qtbot, library_dir)
    answering(qtbot, [type_file_name(qtbot, str(library_dir / "keep")), click_danger(qtbot)], window.save_as_dialog)
    assert keep.read_text(encoding="utf-8") == "New words, mine."
    assert window.document.path == keep
    versions = window.library.library.versions(keep)
    assert [v.read() for v in versions if v.reason == "replaced"] == ["Years of words.\n"]
    assert "kept among its versions" in window.banner.text()


def test_save_as_by_program_never_replaces_without_being_told(make_window, qtbot, library_dir) -> None:  # noqa: ANN001
    keep = library_dir / "keep.md"
    keep.write_text("Years of words.\n", encoding="utf-8")
    window, first = _open_with_words(make_window, qtbot, library_dir)
    assert window.save_as(library_dir / "keep") is False
    assert keep.read_text(encoding="utf-8") == "Years of words.\n"
    assert window.document.path == first and "already exists" in window.banner.text()


def test_export_to_a_bare_name_of_an_existing_piece_asks_and_enter_keeps_it(make_window, qtbot, library_dir) -> None:  # noqa: ANN001
    other = library_dir / "other.md"
    other.write_text("Another piece entirely.\n", encoding="utf-8")
    window, _first = _open_with_words(make_window, qtbot, library_dir)
    titles = answering(qtbot, [type_file_name(qtbot, str(library_dir / "other")), press_enter(qtbot)],
                       lambda: window.commands.run("export_md"))
    assert titles[1] == "Replace other.md?"
    assert other.read_text(encoding="utf-8") == "Another piece entirely.\n"


def test_export_replacing_a_piece_on_purpose_keeps_its_words(make_window, qtbot, library_dir) -> None:  # noqa: ANN001
    other = library_dir / "other.md"
    other.write_text("Another piece entirely.\n", encoding="utf-8")
    window, _first = _open_with_words(make_window, qtbot, library_dir)
    answering(qtbot, [type_file_name(qtbot, str(library_dir / "other")), click_danger(qtbot)],
              lambda: window.commands.run("export_md"))
    assert other.read_text(encoding="utf-8").startswith("New words, mine.")
    kept = [v.read() for v in window.library.library.versions(other) if v.reason == "replaced"]
    assert kept == ["Another piece entirely.\n"]


def test_export_over_a_file_outside_the_library_keeps_a_copy(make_window, qtbot, library_dir, tmp_path) -> None:  # noqa: ANN001
    notes = tmp_path / "elsewhere" / "notes.txt"
    notes.parent.mkdir()
    notes.write_bytes("Notes from a train, café ✍\r\n".encode())
    window, _first = _open_with_words(make_window, qtbot, library_dir)
    answering(qtbot, [type_file_name(qtbot, str(notes.with_suffix(""))), click_danger(qtbot)],
              lambda: window.commands.run("export_txt"))
    assert notes.read_text(encoding="utf-8").startswith("New words, mine.")
    copies = list((window.dirs.data / "replaced").glob("notes (replaced *).txt"))
    assert [c.read_bytes() for c in copies] == ["Notes from a train, café ✍\r\n".encode()]
    assert str(copies[0]) in window.banner.text()


def test_exporting_again_over_an_earlier_pdf_asks_but_keeps_no_copy(make_window, qtbot, library_dir, tmp_path) -> None:  # noqa: ANN001
    earlier = tmp_path / "piece.pdf"
    earlier.write_bytes(b"%PDF-1.4 earlier")
    window, _first = _open_with_words(make_window, qtbot, library_dir)
    answering(qtbot, [type_file_name(qtbot, str(earlier)), click_danger(qtbot)],
              lambda: window.commands.run("export_pdf"))
    assert earlier.read_bytes().startswith(b"%PDF-") and earlier.read_bytes() != b"%PDF-1.4 earlier"
    assert not (window.dirs.data / "replaced").exists()
    assert "replacing the earlier file" in window.banner.text()


def test_escape_in_the_replace_question_also_keeps_the_file(make_window, qtbot, library_dir) -> None:  # noqa: ANN001
    other = library_dir / "other.md"
    other.write_text("Another piece entirely.\n", encoding="utf-8")
    window, _first = _open_with_words(make_window, qtbot, library_dir)

    def escape(dialog) -> None:  # noqa: ANN001
        qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)

    answering(qtbot, [type_file_name(qtbot, str(library_dir / "other.md")), escape],
              lambda: window.commands.run("export_md"))
    assert other.read_text(encoding="utf-8") == "Another piece entirely.\n"


def _question_read_then_escaped(qtbot, said: list[str]):  # noqa: ANN001, ANN202
    from PySide6.QtWidgets import QLabel

    def answer(dialog) -> None:  # noqa: ANN001
        said.append(" ".join(label.text() for label in dialog.findChildren(QLabel)))
        qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)

    return answer


def test_the_replace_question_says_how_the_words_there_would_be_kept(make_window, qtbot, library_dir, tmp_path) -> None:  # noqa: ANN001
    """A library piece: as a version. Another text file: a copy, and where. An earlier export:
    no copy at all, said before the writer agrees, not after."""
    (library_dir / "keep.md").write_text("Years of words.\n", encoding="utf-8")
    outside = tmp_path / "notes.txt"
    outside.write_text("Notes.\n", encoding="utf-8")
    earlier = tmp_path / "piece.pdf"
    earlier.write_bytes(b"%PDF-1.4 earlier")
    window, _first = _open_with_words(make_window, qtbot, library_dir)
    said: list[str] = []
    for name, command in ((str(library_dir / "keep"), "export_md"), (str(outside), "export_txt"),
                          (str(earlier), "export_pdf")):
        answering(qtbot, [type_file_name(qtbot, name), _question_read_then_escaped(qtbot, said)],
                  lambda command=command: window.commands.run(command))
    version, copy, nothing = said
    assert "as a version of that piece" in version and "copy" not in version
    assert f"a copy of what it holds now in {window.dirs.data / 'replaced'}" in copy
    assert "keeps no copy" in nothing and "version" not in nothing
    assert (library_dir / "keep.md").read_text(encoding="utf-8") == "Years of words.\n"
    assert outside.read_text(encoding="utf-8") == "Notes.\n" and earlier.read_bytes() == b"%PDF-1.4 earlier"
