"""How the page looks: theme, text size, column, focus mode, typewriter scrolling — and remembering them.

Every toggle changes :class:`~quill.settings.Settings`, applies it to the editor, and
writes the settings file. Widgets other than the editor follow through :attr:`theme_changed`
and :attr:`text_size_changed`, so new features (the voice panel, the preview) need no
change here to look right.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from quill.settings import Settings, save_settings
from quill.ui.editor.editor import WritingEditor
from quill.ui.shell.theme import Theme, next_theme_name, theme_named

COLUMN_STEP = 4  # characters per "wider / narrower column"


class ViewSettings(QObject):
    theme_changed = Signal(object)  # Theme
    text_size_changed = Signal(int)  # point size of the writing font

    def __init__(self, settings: Settings, settings_file: Path, editor: WritingEditor,
                 warn: Callable[[str], None], parent: QObject | None = None) -> None:
        """``warn`` tells the writer when the settings file cannot be written."""
        super().__init__(parent)
        self.settings = settings
        self.settings_file = settings_file
        self.editor = editor
        self._warn = warn
        self.theme: Theme = theme_named(settings.theme)

    def apply(self) -> None:
        """Put every stored preference on the page (at start-up)."""
        s = self.settings
        self.editor.apply_font(s.font_size)
        self.editor.set_column_chars(s.column_chars)
        self.editor.set_focus_mode(s.focus_mode, s.focus_scope)
        self.editor.set_typewriter(s.typewriter)
        self.set_theme(s.theme, persist=False)

    def persist(self) -> None:
        message = save_settings(self.settings_file, self.settings)
        if message:
            self._warn(message)

    def set_theme(self, name: str, *, persist: bool = True) -> None:
        self.theme = theme_named(name)
        self.settings.theme = self.theme.name
        self.theme_changed.emit(self.theme)
        if persist:
            self.persist()

    def cycle_theme(self) -> None:
        self.set_theme(next_theme_name(self.settings.theme))

    def change_font_size(self, step: int) -> None:
        """``step`` points larger or smaller; 0 goes back to the default size."""
        s = self.settings
        s.font_size = Settings().font_size if step == 0 else s.font_size + step
        s.clamp()
        self.editor.apply_font(s.font_size)
        self.text_size_changed.emit(s.font_size)
        self.persist()

    def change_column(self, step: int) -> None:
        self.settings.column_chars += step
        self.settings.clamp()
        self.editor.set_column_chars(self.settings.column_chars)
        self.persist()

    def toggle_focus_mode(self) -> None:
        self.settings.focus_mode = not self.settings.focus_mode
        self.editor.set_focus_mode(self.settings.focus_mode, self.settings.focus_scope)
        self.persist()

    def toggle_focus_scope(self) -> None:
        self.settings.focus_scope = "paragraph" if self.settings.focus_scope == "sentence" else "sentence"
        self.editor.set_focus_mode(self.settings.focus_mode, self.settings.focus_scope)
        self.persist()

    def toggle_typewriter(self) -> None:
        self.settings.typewriter = not self.settings.typewriter
        self.editor.set_typewriter(self.settings.typewriter)
        self.persist()


__all__ = ["COLUMN_STEP", "ViewSettings"]
