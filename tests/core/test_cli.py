"""The command line: fast, Qt-free for commands without a window, plain about mistakes."""

from __future__ import annotations

import subprocess
import sys

from quill import __version__


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=60)


def test_version_without_importing_qt():
    code = (
        "import sys\nfrom quill.cli import main\ntry:\n    main(['--version'])\nexcept SystemExit as e:\n"
        "    code = e.code\n"
        "print('QT' if any(m.startswith(('PySide6', 'pyqtgraph')) for m in sys.modules) else 'NOQT', code)"
    )
    result = _run("-c", code)
    assert result.stdout.strip().splitlines() == [f"quill {__version__}", "NOQT 0"]


def test_python_dash_m_version():
    result = _run("-m", "quill", "--version")
    assert result.returncode == 0 and result.stdout.strip() == f"quill {__version__}"


def test_unknown_option_is_explained_with_status_2():
    result = _run("-m", "quill", "--frobnicate")
    assert result.returncode == 2
    assert "unrecognized arguments: --frobnicate" in result.stderr
    assert "quill --help" in result.stderr


def test_folder_as_file_is_refused(tmp_path):
    result = _run("-m", "quill", str(tmp_path))
    assert result.returncode == 2
    assert "is a folder" in result.stderr
