"""Preview, copy as rich text and export commands on a real MainWindow (offscreen)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication, QFileDialog

from tests.ui.keys import type_text


@pytest.fixture
def window(make_window, piece: Path):  # noqa: ANN001, ANN201
    win = make_window(piece)
    assert win.export_controller is not None  # MainWindow installs the export commands itself
    return win


def open_preview(qtbot, window):  # noqa: ANN001, ANN201
    window.commands.run("preview")
    preview = window.export_controller.preview
    qtbot.waitUntil(lambda: preview.is_current() and "Small Things" in preview.toPlainText(), timeout=5000)
    return preview


def test_commands_are_registered_with_shortcuts(window) -> None:  # noqa: ANN001
    for command_id, shortcut in (("preview", "Ctrl+R"), ("copy_rich_text", "Ctrl+Shift+C")):
        assert window.commands[command_id].shortcuts == (shortcut,)
    titles = {c.title for c in window.commands.all()}
    assert {"Export as HTML…", "Export as Markdown…", "Export as Plain text…", "Export as PDF…"} <= titles


def test_copy_as_rich_text_puts_html_and_plain_text_on_the_clipboard(qtbot, window) -> None:  # noqa: ANN001
    QApplication.clipboard().clear()
    window.commands.run("copy_rich_text")
    mime = QApplication.clipboard().mimeData()
    assert mime.hasHtml() and mime.hasText()
    assert "text/html" in mime.formats() and "text/plain" in mime.formats()
    html, text = mime.html(), mime.text()
    assert "<h1>The Weight of Small Things</h1>" in html and "<strong>strong claims</strong>" in html
    assert '<li id="fn-2"><p>Usually at home, with tea. <a href="#fnref-2">' in html
    assert "style=" not in html and "class=" not in html and "Ann Writer" not in html
    assert text.startswith("The Weight of Small Things\n\nAn essay about noticing, with strong claims")
    assert "[2] Usually at home, with tea." in text and "**" not in text


def test_copy_a_selection_keeps_its_footnote(qtbot, window) -> None:  # noqa: ANN001
    editor = window.editor
    text = editor.raw_text()
    start = text.index("Every walk ends")
    cursor = editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(text.index("\n", start), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, "C", modifier=qtbot_modifiers())  # the real shortcut, through the window
    mime = QApplication.clipboard().mimeData()
    assert mime.html().startswith('<meta charset="utf-8"><p>Every walk ends somewhere.<sup id="fnref-1">')
    assert "Usually at home, with tea." in mime.html() and "Lists" not in mime.html()
    assert mime.text() == "Every walk ends somewhere.[1]\n\n———\n[1] Usually at home, with tea.\n"


def qtbot_modifiers():  # noqa: ANN201
    from PySide6.QtCore import Qt

    return Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_preview_renders_beside_the_editor_and_follows_typing(qtbot, window) -> None:  # noqa: ANN001
    from PySide6.QtCore import Qt

    qtbot.keyClick(window.editor, Qt.Key.Key_R, modifier=Qt.KeyboardModifier.ControlModifier)
    preview = window.export_controller.preview
    qtbot.waitUntil(lambda: preview.is_current() and "Small Things" in preview.toPlainText(), timeout=5000)
    assert preview.isVisible() and window.body.indexOf(preview) == 1
    assert preview.x() > window.editor.x() + window.editor.width() // 2  # beside, not over, the page
    shown = preview.toPlainText()
    assert "Ann Writer · 2024-05-01" in shown and "title:" not in shown
    assert "[Image: A remote photograph (https://images.example.com/field.jpg)]" in shown
    assert window.editor.hasFocus()  # the preview never takes the keyboard

    cursor = window.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    window.editor.setTextCursor(cursor)
    type_text(qtbot, window.editor, "\n\nA *fresh* line")
    assert window.editor.raw_text().endswith("A *fresh* line")  # typing was not held up
    qtbot.waitUntil(lambda: "A fresh line" in preview.toPlainText(), timeout=5000)

    window.commands.run("preview")
    assert not preview.isVisible()


def test_preview_follows_the_theme_and_the_editor_scroll(qtbot, window) -> None:  # noqa: ANN001
    preview = open_preview(qtbot, window)
    window.set_theme("dark", persist=False)
    qtbot.waitUntil(lambda: preview.palette().base().color().name() == window.theme.panel_background, timeout=3000)
    qtbot.waitUntil(lambda: window.theme.accent in preview.document().defaultStyleSheet(), timeout=3000)
    size = preview.font().pointSize()
    window.change_font_size(+4)  # the preview's type follows the editor's text size
    qtbot.waitUntil(lambda: preview.font().pointSize() > size, timeout=3000)

    window.editor.setPlainText(window.editor.raw_text() + "\n\nMore words to scroll through.\n" * 200)
    qtbot.waitUntil(lambda: preview.is_current() and preview.verticalScrollBar().maximum() > 0, timeout=5000)
    bar = window.editor.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    target = preview.verticalScrollBar()
    qtbot.waitUntil(lambda: abs(target.value() / target.maximum() - 0.5) < 0.05, timeout=3000)


def test_preview_fetches_nothing_and_runs_no_script(qtbot, window, tmp_path: Path) -> None:  # noqa: ANN001
    (tmp_path / "local.png").write_bytes(_tiny_png())
    window.editor.setPlainText(
        "<script>document.title='owned'</script>\n\n<img src=\"https://tracker.example/a.gif\">\n\n"
        "![remote](https://images.example.com/x.jpg) ![here](local.png) ![data](data:image/png;base64,AAAA)\n\n"
        "<link rel=stylesheet href=\"https://evil.example/x.css\">\n")
    preview = open_preview_plain(qtbot, window, "remote")
    shown = preview.toPlainText()
    assert "<script>document.title='owned'</script>" in shown  # shown as the text it is
    assert "[Image: remote (https://images.example.com/x.jpg)]" in shown
    requested = [url.toString() for url in preview.requested_resources]
    assert requested and all(not QUrl(u).scheme() or QUrl(u).scheme() == "file" for u in requested), requested
    assert "local.png" in requested  # the one local image was loaded, from beside the piece
    assert preview.loadResource(QTextDocument.ResourceType.ImageResource.value,
                                QUrl("https://images.example.com/x.jpg")) is None


def open_preview_plain(qtbot, window, expected: str):  # noqa: ANN001, ANN201
    window.commands.run("preview")
    preview = window.export_controller.preview
    qtbot.waitUntil(lambda: preview.is_current() and expected in preview.toPlainText(), timeout=5000)
    return preview


def _tiny_png() -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage

    image = QImage(4, 4, QImage.Format.Format_RGB32)
    image.fill(QColor("#8a5a2b"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def test_links_open_only_when_clicked(qtbot, window, monkeypatch) -> None:  # noqa: ANN001
    opened: list[str] = []
    monkeypatch.setattr("quill.ui.export.preview.QDesktopServices.openUrl", lambda url: opened.append(url.toString()))
    preview = open_preview(qtbot, window)
    assert opened == []  # rendering opened nothing
    preview.anchorClicked.emit(QUrl("#fn-1"))
    assert opened == []  # a footnote mark scrolls within the preview
    preview.anchorClicked.emit(QUrl("https://ann.example.org"))
    assert opened == ["https://ann.example.org"]
    preview.anchorClicked.emit(QUrl("javascript:alert(1)"))
    assert opened == ["https://ann.example.org"]


@pytest.mark.parametrize("fmt", ["html", "md", "txt", "pdf"])
def test_export_commands_write_the_chosen_file(qtbot, window, tmp_path: Path, monkeypatch, fmt: str) -> None:  # noqa: ANN001
    target = tmp_path / "exports" / "piece"
    asked: list[str] = []

    def fake_dialog(parent, caption, start, filters, **_options):  # noqa: ANN001, ANN202
        asked.append(start)
        return str(target), filters.split(";;")[0]

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_dialog))
    window.commands.run(f"export_{fmt}")
    written = target.with_suffix(f".{fmt}")
    assert written.exists(), window.banner.text()
    assert asked[0].endswith(("small-things.html", "small-things (clean).md", "small-things.txt", "small-things.pdf"))
    data = written.read_bytes()
    expected = {"html": b"<!DOCTYPE html>", "md": b"# The Weight", "txt": b"The Weight", "pdf": b"%PDF-"}[fmt]
    assert data.startswith(expected)
    assert "Exported" in window.banner.text()


def test_export_dialog_cancel_writes_nothing(qtbot, window, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    before = set(tmp_path.rglob("*"))
    window.commands.run("export_html")
    assert set(tmp_path.rglob("*")) == before


def test_export_never_replaces_the_piece_itself(qtbot, window, piece: Path) -> None:  # noqa: ANN001
    before = piece.read_bytes()
    assert window.export_controller.export_to(piece, "md") is False
    assert piece.read_bytes() == before and "the piece itself" in window.banner.text()


def test_a_long_piece_is_laid_out_in_slices_and_keeps_the_editors_place(qtbot, window) -> None:  # noqa: ANN001
    """A book-length preview must not freeze typing: its layout is spread over many short turns
    of the event loop, the previous render stays up meanwhile, and the editor's place is kept."""
    chapter = "## A chapter\n\n" + ("Sentences go on and on, one after another, for pages. " * 12 + "\n\n") * 40
    window.editor.setPlainText(chapter * 25)  # about 60,000 words
    bar = window.editor.verticalScrollBar()
    bar.setValue(int(bar.maximum() * 0.75))
    preview = open_preview_plain(qtbot, window, "Sentences go on")
    driver = preview._driver
    assert driver.slices > 3  # laid out bit by bit, not in one go (nor in Qt's doubling steps)
    assert not driver.active and preview.viewport().updatesEnabled()
    target = preview.verticalScrollBar()
    assert target.maximum() > 0 and abs(target.value() / target.maximum() - 0.75) < 0.05

    cursor = window.editor.textCursor()
    cursor.setPosition(10)
    window.editor.setTextCursor(cursor)
    type_text(qtbot, window.editor, "Fresh ")
    qtbot.waitUntil(lambda: driver.active or not preview.is_current(), timeout=5000)  # a new render is on its way
    assert not (driver.active and preview.viewport().updatesEnabled())  # mid-layout, the old render stays up
    qtbot.waitUntil(lambda: preview.is_current() and "Fresh" in preview.toPlainText()[:40], timeout=10000)
    assert abs(target.value() / target.maximum() - bar.value() / bar.maximum()) < 0.05
