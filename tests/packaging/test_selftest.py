"""The installation self-test, run in-process (fast); the installed-bundle run lives in packaging/ci-install-test.sh."""

from __future__ import annotations

import os

import pytest

from quill.ui.shell import selftest


def test_self_test_passes_and_prints_one_line(qapp, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: ANN001
    home_before = os.environ["QUILL_HOME"]
    assert selftest.run_self_test() == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("quill self-test: ok (")
    assert f"voice: {selftest.EXPECTED_WORDS} words" in lines[0]
    assert "spelling: en_US, en_GB" in lines[0]
    assert os.environ["QUILL_HOME"] == home_before  # the caller's environment is restored


def test_self_test_reports_a_failure_with_its_reason(qapp, capsys, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(selftest, "EXPECTED_WORDS", 999)
    assert selftest.run_self_test() == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [f"quill self-test: FAILED: the voice engine counted {len(selftest.PARAGRAPH.split())} words, "
                   "expected 999"]


def test_self_test_reports_a_missing_voice_engine(qapp, capsys, monkeypatch) -> None:  # noqa: ANN001
    import builtins

    real_import = builtins.__import__

    def no_voice(name, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if name == "quill.voice":
            raise ImportError("No module named 'quill.voice'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_voice)
    assert selftest.run_self_test() == 1
    out = capsys.readouterr().out
    assert "FAILED: the voice engine (quill.voice) cannot be imported" in out


def test_self_test_fails_without_the_shipped_dictionaries(qapp, capsys, monkeypatch, tmp_path) -> None:  # noqa: ANN001
    """A system dictionary must not hide a bundle that lost its own: only the shipped ones count."""
    from quill.spell import dictionaries

    monkeypatch.setattr(dictionaries, "shipped_folder", lambda: tmp_path)
    assert selftest.run_self_test() == 1
    assert "FAILED: the shipped dictionaries ['en_GB', 'en_US'] are missing" in capsys.readouterr().out


def test_a_fresh_process_imports_pyqtgraph_lean_and_says_so() -> None:
    """The lean import reads pyqtgraph's ``__init__`` source; the installed bundle lacked it and fell
    back, unseen, to the plain import (more memory with the panel open). The self-test line says
    which it was, and packaging/ci-install-test.sh requires "lean" of the installed copy."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "quill", "--self-test"], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stdout + done.stderr
    assert "charts: pyqtgraph lean" in done.stdout
