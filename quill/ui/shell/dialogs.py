"""Quill's own small dialogs: a line of text, a choice, a confirmation.

Why not QInputDialog/QMessageBox: stock dialogs cut their titles off, bring platform icons
that clash with the page, and QMessageBox.question makes "Yes" the default, so two Enters
could empty the trash. These look like the command palette (the same overlay style), are
keyboard-first (Enter accepts, Esc cancels) and a confirmation's default is always the safe
answer: the destructive button says exactly what it does and must be chosen on purpose.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from quill.ui.editor.editor import NO_PREDICTION_HINTS
from quill.ui.shell.theme import THEMES, Theme


def _theme_of(parent: QWidget | None) -> Theme:
    window = parent.window() if parent is not None else None
    theme = getattr(window, "theme", None)
    return theme if isinstance(theme, Theme) else THEMES["light"]


class QuillDialog(QDialog):
    """A frameless, palette-styled dialog: a small title, a body, buttons on the right."""

    def __init__(self, parent: QWidget | None, title: str) -> None:
        super().__init__(parent, Qt.WindowType.Dialog | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("quillDialog")
        self.setWindowTitle(title)
        self.setModal(True)
        self.setMinimumWidth(420)
        t = _theme_of(parent)
        self.setStyleSheet(
            f"""
            QDialog#quillDialog {{ background: {t.panel_background}; border: 1px solid {t.dim};
                                   border-radius: 10px; }}
            QLabel {{ color: {t.text}; background: transparent; font-size: 14px; }}
            QLabel#dialogTitle {{ color: {t.faint}; font-size: 11px; letter-spacing: 1px; }}
            QLineEdit, QComboBox {{ background: {t.background}; color: {t.text}; border: 1px solid {t.dim};
                                    border-radius: 6px; padding: 6px 8px; font-size: 15px;
                                    selection-background-color: {t.selection}; }}
            QComboBox QAbstractItemView {{ background: {t.background}; color: {t.text};
                                           selection-background-color: {t.selection}; }}
            QPushButton {{ color: {t.text}; background: transparent; border: 1px solid {t.dim};
                           border-radius: 6px; padding: 6px 14px; font-size: 13px; }}
            QPushButton:default {{ background: {t.selection}; border-color: {t.accent}; }}
            QPushButton:focus {{ border-color: {t.accent}; }}
            QPushButton#danger {{ color: {t.warning}; }}
            QCheckBox {{ color: {t.text}; }}
            """ + t.checkbox_qss() + t.combobox_qss()
        )
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(18, 14, 18, 14)
        self.layout_.setSpacing(10)
        heading = QLabel(title.upper())
        heading.setObjectName("dialogTitle")
        self.layout_.addWidget(heading)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)

    def add_body(self, widget: QWidget) -> None:
        self.layout_.addWidget(widget)

    def add_button(self, text: str, *, accept: bool, default: bool = False, danger: bool = False) -> QPushButton:
        button = QPushButton(text)
        if danger:
            button.setObjectName("danger")
        button.setAutoDefault(False)
        button.setDefault(default)
        button.clicked.connect(self.accept if accept else self.reject)
        self.buttons.addWidget(button)
        return button

    def finish_layout(self) -> None:
        self.layout_.addLayout(self.buttons)
        self.adjustSize()
        parent = self.parentWidget()
        if parent is not None:
            window = parent.window()
            centre = window.mapToGlobal(window.rect().center())
            self.move(centre.x() - self.width() // 2, window.mapToGlobal(window.rect().topLeft()).y()
                      + max(window.height() // 6, 40))


def _label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    """One line from the writer (Enter accepts, Esc cancels), or None."""
    dialog = QuillDialog(parent, title)
    dialog.add_body(_label(label))
    field = QLineEdit(text)
    field.setInputMethodHints(NO_PREDICTION_HINTS)
    field.selectAll()
    dialog.add_body(field)
    dialog.add_button("Cancel", accept=False)
    dialog.add_button("OK", accept=True, default=True)
    dialog.finish_layout()
    field.setFocus()
    return field.text() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_choice(parent: QWidget | None, title: str, label: str, choices: list[str],
               current: str = "") -> str | None:
    """One of ``choices`` or a new name typed by the writer, or None."""
    dialog = QuillDialog(parent, title)
    dialog.add_body(_label(label))
    box = QComboBox()
    box.setEditable(True)
    box.addItems(choices)
    if current in choices:
        box.setCurrentIndex(choices.index(current))
    box.lineEdit().setInputMethodHints(NO_PREDICTION_HINTS)
    dialog.add_body(box)
    dialog.add_button("Cancel", accept=False)
    dialog.add_button("OK", accept=True, default=True)
    dialog.finish_layout()
    box.setFocus()
    return box.currentText() if dialog.exec() == QDialog.DialogCode.Accepted else None


def confirm(parent: QWidget | None, title: str, question: str, action: str, safe: str = "Cancel") -> bool:
    """Ask before doing something that cannot be undone. Enter (and Esc) choose ``safe``; only
    choosing the ``action`` button on purpose returns True."""
    dialog = QuillDialog(parent, title)
    dialog.add_body(_label(question))
    go = dialog.add_button(action, accept=True, danger=True)
    keep = dialog.add_button(safe, accept=False, default=True)
    dialog.finish_layout()
    keep.setFocus()
    dialog.danger_button = go  # for tests that click it
    return dialog.exec() == QDialog.DialogCode.Accepted
