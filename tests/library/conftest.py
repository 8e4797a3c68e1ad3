"""A fresh library in a temp folder for every test (the root conftest isolates QUILL_HOME/QUILL_LIBRARY)."""

from __future__ import annotations

from pathlib import Path

import pytest

from quill.library import Library
from quill.paths import app_dirs


@pytest.fixture
def lib(library_dir: Path):
    library = Library(library_dir, app_dirs())
    library.scan()
    yield library
    library.close()


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_bytes(text.encode("utf-8"))
    return path
