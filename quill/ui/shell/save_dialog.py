"""Choosing a file name to write to, without ever replacing a file by surprise.

The platform's save dialog asks before replacing the name the writer typed, but Quill adds the
suffix ("notes" → "notes.md") afterwards, and some native dialogs (GTK among them) checked only the
bare name. So the dialog is told not to ask, and Quill asks itself about the exact file it will
write: one question, on every platform, about the right name, with "Cancel" the default.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from quill.ui.shell import dialogs


def choose_save_path(parent: QWidget, caption: str, start: Path, filters: str, suffix: str,
                     how_kept: Callable[[Path], str]) -> tuple[Path, bool] | None:
    """The file to write and whether the writer agreed to replace an existing one; None if cancelled.

    ``suffix`` (".md", ".pdf") is added when the typed name has none. ``how_kept`` says, for the
    question, what will become of the file's present words (a version, a copy, nothing)."""
    chosen, _ = QFileDialog.getSaveFileName(parent, caption, str(start), filters,
                                            options=QFileDialog.Option.DontConfirmOverwrite)
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix == "":
        path = path.with_suffix(suffix)
    if not (path.exists() or os.path.lexists(path)):
        return path, False
    if path.is_dir():
        return path, False  # the writing step refuses with a plain message
    question = f"“{path.name}” already exists in {path.parent}.\n\nReplacing it writes over it. {how_kept(path)}"
    if dialogs.confirm(parent, f"Replace {path.name}?", question, "Replace it", "Cancel"):
        return path, True
    return None
