"""The reference for ``bench_startup.py``: a bare PySide6 ``QPlainTextEdit`` app showing a file.

``python tests/benchmarks/bare_editor.py FILE``: what any Qt text editor must do at the least
(import Qt, make the application, read the file, lay it out, paint it), with the same probe
as Quill (``startup_probe.py``) so both are measured the same way.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QPlainTextEdit

sys.path.insert(0, str(Path(__file__).resolve().parent))

import startup_probe  # noqa: E402


def main() -> int:
    app = QApplication(sys.argv[:1])
    editor = QPlainTextEdit()
    startup_probe.install(app, editor)
    editor.setPlainText(Path(sys.argv[1]).read_text(encoding="utf-8"))
    editor.resize(1100, 760)
    editor.show()
    editor.setFocus()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
