"""What start-up leaves unimported until it is needed (issue #20: each is resident memory for the session)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_the_window_and_its_controllers_import_no_dialog_html_network_or_openssl_before_needed():
    code = ("import sys\n"
            "import quill.ui.shell.app, quill.ui.shell.window, quill.ui.library.controller\n"
            "print(sorted(m for m in ('quill.ui.library.compare', 'quill.ui.library.versions', 'html',\n"
            "                         'PySide6.QtNetwork', '_hashlib', 'numpy', 'pyqtgraph') if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, cwd=Path(__file__).parents[2])
    assert out.stdout.strip() == "[]", out.stdout + out.stderr
