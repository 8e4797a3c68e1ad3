"""The library command line through quill.cli.main, plus one real subprocess proving no Qt import."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from quill.cli import main

from .conftest import write

JSON_KEYS = {"path", "relpath", "title", "status", "words", "created", "updated", "finished", "tags", "url",
             "collection", "first_line", "problem"}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_new_list_finish_reopen_backlog(capsys, library_dir: Path):
    code, out, _ = run(capsys, "new", "First", "Essay")
    path = Path(out.strip())
    assert code == 0 and path == library_dir / "first-essay.md" and path.exists()
    code, out, _ = run(capsys, "list", "--json")
    [item] = json.loads(out)
    assert code == 0 and set(item) == JSON_KEYS and item["title"] == "First Essay" and item["status"] == "draft"
    code, out, _ = run(capsys, "finish", "first essay")
    assert code == 0 and out.startswith("Finished: First Essay")
    assert json.loads(run(capsys, "list", "--status", "finished", "--json")[1])[0]["finished"]
    assert json.loads(run(capsys, "list", "--status", "draft", "--json")[1]) == []
    code, out, _ = run(capsys, "history", "first-essay")
    assert code == 0 and "finished" in out
    code, out, _ = run(capsys, "reopen", str(path))
    assert code == 0 and "Reopened" in out
    assert run(capsys, "backlog")[1] == ""


def test_backlog_markdown(capsys, library_dir: Path):
    write(library_dir / "a.md", "---\ntitle: Old one\nstatus: finished\nfinished: 2022-01-15\n---\n")
    write(library_dir / "b.md", "---\ntitle: On [brackets]\nstatus: finished\nfinished: 2024-03-02\n"
          "url: https://example.org/b\n---\n")
    code, out, _ = run(capsys, "backlog")
    assert code == 0
    assert out.splitlines() == ["- January 2022: Old one",
                                "- March 2024: [On \\[brackets\\]](https://example.org/b)"]
    assert run(capsys, "backlog", "--since", "2023-01")[1].splitlines() == [out.splitlines()[1]]
    code, _, err = run(capsys, "backlog", "--since", "last year")
    assert code == 2 and "2024-03" in err


def test_search_and_library_option(capsys, tmp_path: Path):
    other = tmp_path / "elsewhere"
    write(other / "x.md", "An armadillo wandered in.\n")
    code, out, _ = run(capsys, "search", "armadillo", "--library", str(other), "--json")
    [hit] = json.loads(out)
    assert code == 0 and hit["path"] == str(other / "x.md") and "armadillo" in hit["snippet"]
    assert set(hit) >= JSON_KEYS
    code, out, err = run(capsys, "search", "armadillo")  # the default library does not have it
    assert code == 0 and out == "" and "Nothing found." in err
    assert json.loads(run(capsys, "search", "armadillo", "--json")[1]) == []


def test_ambiguous_piece_lists_candidates_and_exits_2(capsys, library_dir: Path):
    write(library_dir / "one.md", "# Twin\n")
    write(library_dir / "two.md", "# Twin\n")
    code, _, err = run(capsys, "finish", "Twin")
    assert code == 2 and "one.md" in err and "two.md" in err
    code, _, err = run(capsys, "finish", "no such piece")
    assert code == 1 and "No piece called" in err


def test_missing_library_is_a_clear_error(capsys, tmp_path: Path):
    code, _, err = run(capsys, "list", "--library", str(tmp_path / "unplugged"))
    assert code == 1 and "not there" in err


def test_real_entry_point_lists_json_without_importing_qt(library_dir: Path):
    write(library_dir / "p.md", "---\ntitle: Sub process\ntags: [a]\n---\nHello there.\n")
    code = ("import sys, runpy\nsys.argv = ['quill', 'list', '--json']\n"
            "try:\n    runpy.run_module('quill', run_name='__main__')\nexcept SystemExit as e:\n    rc = e.code\n"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6'))\n"
            "print('MODULES', bad, rc, file=sys.stderr)")
    env = dict(os.environ)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert "MODULES [] 0" in done.stderr, done.stderr
    [item] = json.loads(done.stdout)
    assert item["title"] == "Sub process" and item["tags"] == ["a"] and item["words"] == 2
    plain = subprocess.run([sys.executable, "-m", "quill", "list", "--json"], capture_output=True, text=True,
                           env=env, timeout=60)
    assert plain.returncode == 0 and json.loads(plain.stdout)[0]["title"] == "Sub process"


def test_library_package_imports_no_qt():
    code = ("import sys, quill.library, quill.library.cli\n"
            "print([m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6')])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[]"


def test_a_trashed_piece_is_not_a_piece_to_the_command_line(capsys, library_dir: Path):
    """``quill finish <library>/.trash/essay.md`` once rewrote a deleted piece and printed "Finished"."""
    from quill.library import Library

    path = write(library_dir / "gone.md", "# Gone\n\nWords 🌊.\r\n")
    with Library(library_dir) as lib:
        lib.scan()
        trashed = lib.trash(path)
    before = trashed.read_bytes()
    code, _out, err = run(capsys, "finish", str(trashed))
    assert code == 1 and "trash" in err
    assert trashed.read_bytes() == before


def test_finish_when_the_data_folder_refuses_its_version_still_finishes_and_says_why(capsys, library_dir: Path):
    """The file said 'finished' but the command printed a raw '[Errno 20] Not a directory' and left
    the index behind. The piece is finished, listed so, and the writer told in words."""
    import shutil

    from quill.paths import app_dirs

    piece = library_dir / "essay.md"
    piece.write_text("# Essay\n\nWords of mine.\n", encoding="utf-8")
    snapshots = app_dirs().data / "snapshots"
    if snapshots.exists():
        shutil.rmtree(snapshots)
    snapshots.parent.mkdir(parents=True, exist_ok=True)
    snapshots.write_text("not a folder", encoding="utf-8")  # a data folder that refuses every version
    code, out, err = run(capsys, "finish", "essay")
    assert code == 0 and out.startswith("Finished: Essay")
    assert "could not keep the version" in err and "Errno" not in err
    assert "status: finished" in piece.read_text(encoding="utf-8")
    [item] = json.loads(run(capsys, "list", "--status", "finished", "--json")[1])
    assert item["title"] == "Essay"
