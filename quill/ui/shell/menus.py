"""Context menus dressed as Quill's own, not Qt's stock ones."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QMenu

from quill.ui.shell.theme import Theme

_MNEMONIC = re.compile(r"&(&?)")


def dress_menu(menu: QMenu, theme: Theme) -> None:
    """A context menu in the page's colours, its items in sentence case without Qt's mnemonics."""
    for action in menu.actions():
        text = action.text()
        if text and not action.isSeparator():
            text = _MNEMONIC.sub(lambda m: m.group(1), text)  # "&Undo" → "Undo"; "&&" stays "&"
            action.setText(text.replace("Select All", "Select all"))
    menu.setStyleSheet(
        f"QMenu {{ background: {theme.panel_background}; color: {theme.text}; border: 1px solid {theme.dim};"
        f" padding: 6px 0; }}"
        f" QMenu::item {{ padding: 5px 28px 5px 18px; background: transparent; }}"
        f" QMenu::item:selected {{ background: {theme.selection}; color: {theme.text}; }}"
        f" QMenu::item:disabled {{ color: {theme.faint}; }}"
        f" QMenu::separator {{ height: 1px; background: {theme.dim}; margin: 5px 12px; }}")
