"""Every test runs with Quill's own folders and its library in a temporary directory,
so no test can touch a real writer's files or settings."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Property tests are deterministic in the suite (a flaky test blocks everyone's CI): the same
# examples every run. Fresh random examples are for the long runs in tests/benchmarks/.
settings.register_profile("quill", derandomize=True, database=None)
settings.load_profile("quill")

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "quill-home"
    library = tmp_path / "library"
    home.mkdir()
    library.mkdir()
    monkeypatch.setenv("QUILL_HOME", str(home))
    monkeypatch.setenv("QUILL_LIBRARY", str(library))
    return home


@pytest.fixture
def library_dir(isolated_home: Path) -> Path:
    return Path(os.environ["QUILL_LIBRARY"])


def shared_path(*parts: str) -> Path:
    """A path in ../shared, or skip the test with a clear reason when it is absent (plain clone)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared/{'/'.join(parts)} is not beside this checkout (a plain clone has no shared data)")
    return path
