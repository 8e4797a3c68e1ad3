from __future__ import annotations

import os
from pathlib import Path

import pytest


def tree(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``root`` (hidden ones too) with its bytes and mtime: to prove nothing changed."""
    out: dict[str, tuple[bytes, int]] = {}
    if not root.exists():
        return out
    for folder, _dirs, files in os.walk(root):
        for name in files:
            path = Path(folder, name)
            out[path.relative_to(root).as_posix()] = (path.read_bytes(), path.stat().st_mtime_ns)
    return out


@pytest.fixture
def lib(library_dir: Path) -> Path:
    return library_dir
