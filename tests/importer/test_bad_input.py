"""Bad input: a plain message, exit status 1, and nothing written."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest

from quill.cli import main as quill_main
from quill.importer import archive as archive_mod

from .archives import substack_zip
from .conftest import tree


def _refused(source: Path, lib: Path, capsys: pytest.CaptureFixture[str]) -> str:
    before = tree(lib)
    assert quill_main(["import", str(source)]) == 1
    captured = capsys.readouterr()
    assert tree(lib) == before
    assert "Traceback" not in captured.err
    return captured.err


def test_zip_that_is_not_an_export(tmp_path: Path, lib: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("IMG_0001.jpg", b"\xff\xd8\xff" + b"\0" * 100)
        zf.writestr("notes.csv", "a,b\n1,2\n")
    err = _refused(path, lib, capsys)
    assert "does not look like an export" in err or "no markdown or HTML files" in err


def test_truncated_zip(tmp_path: Path, lib: Path, capsys: pytest.CaptureFixture[str]) -> None:
    whole = substack_zip(tmp_path / "export.zip").read_bytes()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(whole[: len(whole) * 2 // 3])
    assert "not a zip archive that can be read" in _refused(cut, lib, capsys)


def test_entry_that_climbs_out(tmp_path: Path, lib: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = substack_zip(tmp_path / "export.zip")
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("../../x", "gotcha")
    err = _refused(path, lib, capsys)
    assert "climbs out" in err and "../../x" in err
    assert not (tmp_path.parent / "x").exists() and not (lib.parent / "x").exists()


def _bomb(path: Path, declared: int) -> Path:
    """A zip whose directory claims ``declared`` bytes for an entry (the data is tiny): a bomb by its header."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("posts.csv", "post_id,post_date,is_published,title\n")
        zf.writestr("posts/1.a.html", b"\0" * 1024)
    data = bytearray(path.read_bytes())
    # Patch the central directory's uncompressed size for the second entry (a 2 GB claim).
    start = data.rfind(b"PK\x01\x02")
    struct.pack_into("<I", data, start + 24, declared)
    path.write_bytes(bytes(data))
    return path


def test_zip_bomb_is_stopped_before_unpacking(tmp_path: Path, lib: Path, capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    bomb = _bomb(tmp_path / "bomb.zip", 2 * 1024 ** 3 - 1)
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def spy(self: zipfile.ZipFile, name: object, *args: object, **kwargs: object) -> object:
        opened.append(str(getattr(name, "filename", name)))
        return real_open(self, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    err = _refused(bomb, lib, capsys)
    assert "zip bomb" in err and "2,047 MB" in err
    assert opened == []  # refused from the declared sizes alone: not one entry was unpacked


def test_folder_of_ten_thousand_non_text_files(tmp_path: Path, lib: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "pictures"
    folder.mkdir()
    for i in range(10_000):
        (folder / f"img{i:05}.jpg").write_bytes(b"\xff\xd8")
    err = _refused(folder, lib, capsys)
    assert "no markdown or HTML files (10,000 other files)" in err


def test_missing_source(tmp_path: Path, lib: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "does not exist" in _refused(tmp_path / "nope.zip", lib, capsys)


def test_limits_are_sane() -> None:
    assert archive_mod.MAX_TOTAL_BYTES < 2 * 1024 ** 3


def test_import_never_loads_qt(tmp_path: Path) -> None:
    import subprocess
    import sys

    archive = substack_zip(tmp_path / "export.zip")
    code = ("import sys\nfrom quill.cli import main\n"
            f"status = main(['import', {str(archive)!r}, '--library', {str(tmp_path / 'lib')!r}, '--json'])\n"
            "qt = any(m.startswith(('PySide6', 'pyqtgraph')) for m in sys.modules)\n"
            "print('QT' if qt else 'NOQT', status, file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stderr.strip().endswith("NOQT 0"), done.stderr


def test_a_huge_file_is_refused_unread(tmp_path: Path, lib: Path, capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive_mod, "MAX_ENTRY_BYTES", 1000)
    big = tmp_path / "export.json"
    big.write_text('{"db": [{"data": {"posts": []}}]}' + " " * 2000)
    err = _refused(big, lib, capsys)
    assert "too large to be writing" in err


def test_progress_line_on_a_terminal_only(tmp_path: Path, lib: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    archive = substack_zip(tmp_path / "export.zip")
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert quill_main(["import", str(archive), "--dry-run"]) == 0
    assert "Reading 0 of 4…" in terminal.getvalue()  # the CSV's rows, while they are converted
    assert "Importing" not in terminal.getvalue()  # a dry run writes nothing, so counts nothing
    assert quill_main(["import", str(archive)]) == 0
    assert "\rImporting 3 of 3…" in terminal.getvalue() and terminal.getvalue().endswith("\n")
    quiet = Terminal()
    monkeypatch.setattr(sys, "stderr", quiet)
    assert quill_main(["import", str(archive), "--json", "--library", str(tmp_path / "other")]) == 0
    assert quiet.getvalue() == ""  # --json stays quiet on a terminal too
    capsys.readouterr()


def test_ctrl_c_while_reading_writes_nothing(tmp_path: Path, lib: Path, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import signal

    from quill.importer import html_to_md

    archive = substack_zip(tmp_path / "export.zip")
    real = html_to_md.convert

    def convert_then_interrupt(html: object) -> str:
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl+C while the first post is being converted
        return real(html)  # type: ignore[arg-type]

    monkeypatch.setattr(html_to_md, "convert", convert_then_interrupt)
    before = tree(lib)
    assert quill_main(["import", str(archive)]) == 130
    assert "stopped before anything was written" in capsys.readouterr().err
    assert tree(lib) == before
