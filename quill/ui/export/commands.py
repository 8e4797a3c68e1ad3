"""Preview, copy as rich text and export, as commands on the main window.

One entry point, :func:`install_export_commands`, so the window needs a single line. The
behaviour lives in :class:`ExportController`, which takes the window as a parameter; the
rendering itself is in the Qt-free :mod:`quill.export`.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QLocale, QMimeData, QObject, QPoint, QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication

from quill.export.frontmatter import split_front_matter
from quill.storage.atomic import SaveError, atomic_write_bytes, describe_os_error

FORMATS = {
    "html": ("HTML", ".html", "Web page (*.html *.htm)"),
    "md": ("Markdown", ".md", "Markdown (*.md *.markdown)"),
    "txt": ("Plain text", ".txt", "Plain text (*.txt)"),
    "pdf": ("PDF", ".pdf", "PDF (*.pdf)"),
}
PREVIEW_SCALE = 0.85  # the preview sits in half the window: a little smaller than the page's type


def install_export_commands(window) -> None:  # noqa: ANN001 - MainWindow, not imported to avoid a cycle
    """Register Preview (Ctrl+R), Copy as rich text (Ctrl+Shift+C) and the four exports on ``window``."""
    controller = ExportController(window)
    window.export_controller = controller
    add = window.commands.add
    add("preview", "Preview", controller.toggle_preview, ["Ctrl+R"], "render rendered reading view html side")
    add("copy_rich_text", "Copy as rich text", controller.copy_rich_text, ["Ctrl+Shift+C"],
        "clipboard html paste newsletter blog email formatted")
    for fmt, (label, _suffix, _filter) in FORMATS.items():
        add(f"export_{fmt}", f"Export as {label}…", lambda f=fmt: controller.export_dialog(f), (),
            "export save file publish print" + (" paper" if fmt == "pdf" else ""))


def export_folder(last: Path | None) -> Path:
    """Where an export is offered first: the folder the writer exported to last, else Documents,
    else home; the first of them that exists. (With no ~/Documents, the dialog opened wherever
    Quill had been started from, such as a source folder.)"""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    for folder in (last, Path(documents) if documents else None):
        if folder is not None and folder.is_dir():
            return folder
    return Path.home()


class ExportController(QObject):
    def __init__(self, window) -> None:  # noqa: ANN001
        super().__init__(window)
        self.window = window
        self.preview = None
        self.last_folder: Path | None = None
        self.page_size = "Letter" if QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem \
            else "A4"
        self.margins_mm = 20.0
        # Signals, not event filters: a Python filter on the editor ran for every event of every
        # keystroke (nine per key) and showed up in typing's CPU cost.
        window.closing.connect(self._on_closing)
        window.theme_changed.connect(self._on_look_changed)
        window.text_size_changed.connect(self._on_look_changed)

    # -- preview ------------------------------------------------------------------------------
    def toggle_preview(self) -> None:
        if self.preview is not None and self.preview.isVisible():
            self.preview.hide()
            self.window.editor.setFocus()
            return
        if self.preview is None:
            from quill.ui.export.preview import PreviewPane

            editor = self.window.editor
            self.preview = PreviewPane(self.window.theme, self._preview_point_size())
            self.window.body.insertWidget(1, self.preview, 1)  # beside the page, before any side panel
            editor.document().contentsChanged.connect(self._on_text_changed)
            editor.verticalScrollBar().valueChanged.connect(self._follow_editor)
            editor.verticalScrollBar().rangeChanged.connect(lambda *_: self._follow_editor())
            QApplication.instance().aboutToQuit.connect(self._on_quit)
        self.preview.show()
        self._push_text(immediately=True)
        self._follow_editor()
        self.window.editor.setFocus()

    def _on_quit(self) -> None:
        if self.preview is not None:
            self.preview.wait_idle()

    def _preview_point_size(self) -> float:
        return max(self.window.editor.font().pointSizeF() * PREVIEW_SCALE, 9.0)

    def _base_dir(self) -> Path | None:
        document = self.window.document
        return document.path.parent if document is not None else None

    def _push_text(self, *, immediately: bool = False) -> None:
        self.preview.set_markdown(self.window.editor.raw_text(), self._base_dir(), immediately=immediately)

    def _on_text_changed(self) -> None:
        if self.preview is not None and self.preview.isVisible():
            self.preview.text_changed(self.window.editor.raw_text, self._base_dir())

    def _follow_editor(self) -> None:
        if self.preview is None or not self.preview.isVisible():
            return
        editor = self.window.editor
        bar = editor.verticalScrollBar()
        fraction = bar.value() / bar.maximum() if bar.maximum() > 0 else 0.0
        top = editor.cursorForPosition(QPoint(0, 0)).position()  # the first character in view
        self.preview.follow_source(editor.point_position(top), fraction)

    def _on_closing(self) -> None:
        if self.preview is not None:
            self.preview.wait_idle()  # no render job may outlive the window it reports to

    def _on_look_changed(self, *_args: object) -> None:
        if self.preview is not None:
            QTimer.singleShot(0, self, self._restyle_preview)  # after the window has finished switching

    def _restyle_preview(self) -> None:
        if self.preview is None:
            return
        size = self._preview_point_size()
        if self.preview._theme is not self.window.theme or abs(self.preview._point_size - size) > 0.01:
            self.preview.apply_theme(self.window.theme, size)

    # -- clipboard ----------------------------------------------------------------------------
    def rich_text_payload(self) -> tuple[str, str]:
        """(html, plain text) for the selection, or the whole piece when nothing is selected."""
        from quill.export.render import clipboard_html, with_footnote_definitions  # mistune: on first use
        from quill.export.text import plain_text

        editor = self.window.editor
        whole = editor.raw_text()
        cursor = editor.textCursor()
        if cursor.hasSelection():
            markdown = with_footnote_definitions(cursor.selectedText().replace("\u2029", "\n"), whole)
        else:
            markdown = whole
        body = split_front_matter(markdown).body
        return clipboard_html(body, smart=self.window.settings.typographic_export), plain_text(body)

    def copy_rich_text(self) -> None:
        html, text = self.rich_text_payload()
        mime = QMimeData()
        mime.setHtml(html)
        mime.setText(text)
        QApplication.clipboard().setMimeData(mime)
        what = "The selection" if self.window.editor.textCursor().hasSelection() else "The whole piece"
        self._say(f"{what} is on the clipboard, formatted: paste it into a newsletter or blog editor.")

    # -- export -------------------------------------------------------------------------------
    def suggested_path(self, fmt: str) -> Path:
        document = self.window.document
        stem = document.path.stem if document is not None else "Untitled draft"
        if fmt == "md":
            stem += " (clean)"
        return export_folder(self.last_folder) / (stem + FORMATS[fmt][1])

    def export_dialog(self, fmt: str) -> None:
        from quill.ui.shell.save_dialog import choose_save_path

        label, suffix, pattern = FORMATS[fmt]
        chosen = choose_save_path(self.window, f"Export as {label}", self.suggested_path(fmt),
                                  f"{pattern};;All files (*)", suffix, self.window.documents.how_kept)
        if chosen is not None:
            path, replace = chosen
            self.export_to(path, fmt, replace=replace)

    def export_to(self, path: Path, fmt: str, *, replace: bool = False) -> bool:
        """Write the piece to ``path`` in ``fmt``. An existing file is replaced only with ``replace``
        (the writer agreed), and one that may hold writing (.md, .txt) is kept before it goes."""
        window = self.window
        text = window.editor.raw_text()
        document = window.document
        if document is not None and path.resolve() == document.path.resolve():
            self._say(f"{path.name} is the piece itself; Quill will not replace it with an export. "
                      "Choose another name.", "warning")
            return False
        fm = split_front_matter(text)
        from quill.export.render import standalone_html  # mistune: on first use
        from quill.export.text import clean_markdown, plain_text

        try:
            if fmt == "pdf":
                from quill.export.pdf import render_pdf

                data = render_pdf(text, page_size=self.page_size, margins_mm=self.margins_mm,
                                  smart=self.window.settings.typographic_export,
                                  title=fm.title(path.stem), author=fm.get("author"),
                                  base_dir=self._base_dir())
            elif fmt == "html":
                data = standalone_html(text, fallback_title=path.stem,
                                       smart=self.window.settings.typographic_export).encode("utf-8")
            elif fmt == "md":
                data = clean_markdown(text).encode("utf-8")
            else:
                data = plain_text(text).encode("utf-8")
            replaced = path.exists() or os.path.lexists(path)
            if replaced and not replace:
                self._say(f"{path.name} already exists in {path.parent}; Quill did not replace it. "
                          "Choose another name.", "warning")
                return False
            kept = window.documents.keep_replaced(path, data) if replaced else None
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(path, data)
        except (SaveError, OSError) as exc:
            reason = str(exc) if isinstance(exc, SaveError) else describe_os_error(exc, path)
            self._say(f"Quill could not export to {path}. {reason} Nothing was replaced; your piece is unchanged.",
                      "warning")
            return False
        except ValueError as exc:  # PdfTooLong: a plain refusal, before any time is spent
            self._say(f"{exc} Your piece is unchanged.", "warning")
            return False
        self.last_folder = path.parent
        if kept:
            self._say(f"Exported {FORMATS[fmt][0]} to {path}. The earlier file's words are kept {kept}.")
        else:
            self._say(f"Exported {FORMATS[fmt][0]} to {path}" + (" (replacing the earlier file)." if replaced else "."))
        return True

    def _say(self, message: str, kind: str = "info") -> None:
        banner = self.window.banner
        banner.show_message(message, kind)
        if kind == "info":
            QTimer.singleShot(4000, banner, lambda: banner.text() == message and banner.hide())
