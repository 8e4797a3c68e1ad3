"""Where the export dialog opens."""

from __future__ import annotations

from pathlib import Path

import pytest

from quill.ui.export.commands import export_folder


def test_an_export_is_offered_in_a_folder_that_exists(qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    """Found on a review: with no ~/Documents the export dialog opened in the folder Quill had been
    started from (its source tree). Offered: the last export's folder while it exists, else
    Documents if there is one, else home; never the working directory."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    work = tmp_path / "source tree"
    work.mkdir()
    monkeypatch.chdir(work)
    last = tmp_path / "exports"
    last.mkdir()
    assert export_folder(last) == last
    assert export_folder(tmp_path / "unplugged drive") == home  # no Documents folder: home
    (home / "Documents").mkdir()
    assert export_folder(None) == home / "Documents"
