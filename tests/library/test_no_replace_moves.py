"""Making a piece, renaming, moving, trashing and restoring never write over a file that appears at the chosen name
in the instant between choosing it and moving there (a sync engine delivering one): os.rename
would have replaced it without a trace."""

from __future__ import annotations

from pathlib import Path

import pytest

import quill.library.library as library_module
import quill.library.trash as trash_module
from quill.library import Library


def _delivered_at_the_chosen_name(monkeypatch, module, text: str) -> list[Path]:  # noqa: ANN001
    real = module.unique_file
    delivered: list[Path] = []

    def unique_file(folder, stem, suffix=".md", own=None):  # noqa: ANN001, ANN202
        chosen = real(folder, stem, suffix, own=own)
        if not delivered:  # once: the file a sync engine writes just then
            chosen.parent.mkdir(parents=True, exist_ok=True)
            chosen.write_text(text, encoding="utf-8")
            delivered.append(chosen)
        return chosen

    monkeypatch.setattr(module, "unique_file", unique_file)
    return delivered


@pytest.mark.parametrize("operation", ["new", "duplicate", "rename", "move", "trash", "restore"])
def test_a_file_that_appears_at_the_chosen_name_is_never_replaced(lib: Library, library_dir: Path, monkeypatch,
                                                                     operation: str):
    piece = lib.new_piece("Essay", text="The writer's words 🌊.\n")
    if operation == "restore":
        lib.trash(piece.path)
    module = trash_module if operation in ("trash", "restore") else library_module
    delivered = _delivered_at_the_chosen_name(monkeypatch, module, "Words from the other machine.\n")
    if operation == "new":
        moved = lib.new_piece("Walking", text="The writer's words 🌊.\n").path
    elif operation == "duplicate":
        moved = lib.duplicate(piece.path).path
    elif operation == "rename":
        moved = lib.rename(piece.path, "Walking").path
    elif operation == "move":
        moved = lib.move_to_collection(piece.path, "essays").path
    elif operation == "trash":
        moved = lib.trash(piece.path)
    else:
        moved = lib.restore(lib.trashed()[0]).path
    [other] = delivered
    assert other.read_text(encoding="utf-8") == "Words from the other machine.\n"
    assert moved != other and "The writer's words 🌊." in moved.read_text(encoding="utf-8")
