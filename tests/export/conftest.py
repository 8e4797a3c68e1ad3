from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.conftest import make_window  # noqa: F401 - the real MainWindow fixture, for the Qt tests here

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture
def piece_text() -> str:
    return (GOLDEN / "every-construct.md").read_text(encoding="utf-8")


@pytest.fixture
def piece(tmp_path: Path, piece_text: str) -> Path:
    path = tmp_path / "small-things.md"
    path.write_text(piece_text, encoding="utf-8")
    return path
