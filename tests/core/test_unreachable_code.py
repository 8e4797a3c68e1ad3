"""No statement after a return, raise, continue or break in the same block (issue #19).

Two connect calls once sat after a return in the window, so two features silently never worked.
The installed ruff has no unreachable-code rule (PLW0101 is not in this release), so this test is
the lint: it walks the AST of every module under quill/ and packaging/.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TERMINAL = (ast.Return, ast.Raise, ast.Continue, ast.Break)


def unreachable(source: str) -> list[int]:
    """Line numbers of statements that follow a terminal statement in the same block."""
    found = []
    for node in ast.walk(ast.parse(source)):
        for field in ("body", "orelse", "finalbody", "handlers"):
            block = getattr(node, field, None)
            if not isinstance(block, list):
                continue
            for before, after in zip(block, block[1:], strict=False):
                if isinstance(before, TERMINAL) and isinstance(after, ast.stmt):
                    found.append(after.lineno)
    return found


def test_the_check_catches_the_old_bug_shape():
    old_window = (
        "def _write_piece(self):\n"
        "    if self.document is None:\n"
        "        return\n"
        "    self.save()\n"
        "    return\n"
        "    self.editor.mouse_moved.connect(self._on_mouse_moved)\n"
    )
    assert unreachable(old_window) == [6]
    assert unreachable("for x in y:\n    if x:\n        continue\n    print(x)\n") == []


def test_no_unreachable_statements_in_quill_or_packaging():
    offenders = []
    for path in sorted([*ROOT.joinpath("quill").rglob("*.py"), *ROOT.joinpath("packaging").rglob("*.py")]):
        for line in unreachable(path.read_text(encoding="utf-8")):
            offenders.append(f"{path.relative_to(ROOT)}:{line}")
    assert not offenders, f"unreachable code: {offenders}"
