"""Quill never lists its own data (QUILL_HOME inside the library) as pieces, and Qt's settings
stay under Quill's config folder."""

from __future__ import annotations

import os
from pathlib import Path

from quill.library import Library
from quill.paths import app_dirs


def test_a_portable_home_inside_the_library_is_not_indexed(tmp_path: Path) -> None:
    library = tmp_path / "stick"
    home = library / "quill-home"
    library.mkdir()
    (library / "essay.md").write_text("# Essay\n\nWords.\n", encoding="utf-8")
    dirs = app_dirs({"QUILL_HOME": str(home)}).ensure()
    lib = Library(library, dirs)
    lib.refresh_changed()
    piece = lib.piece(library / "essay.md")
    lib.snapshot(piece.path, text="# Essay\n\nWords, an older version.\n")  # kept under the home
    (dirs.cache / "stray.md").write_text("not a piece\n", encoding="utf-8")
    assert [p for p in home.rglob("*") if p.is_file() and p.suffix in (".md", ".gz", ".txt")]
    lib.scan()
    paths = [p.path for p in lib.pieces()]
    assert paths == [library / "essay.md"], paths
    lib.close()


def test_qt_settings_go_to_quills_config_folder(qtbot, isolated_home: Path) -> None:  # noqa: ANN001
    from PySide6.QtCore import QSettings

    from quill.ui.shell.app import keep_qt_settings_in

    dirs = app_dirs(os.environ).ensure()
    keep_qt_settings_in(dirs.config)
    qt = QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, "QtProject")
    assert Path(qt.fileName()).is_relative_to(dirs.config)
