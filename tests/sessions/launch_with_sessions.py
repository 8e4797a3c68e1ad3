"""``python tests/sessions/launch_with_sessions.py ARGS``: run Quill with sessions installed.

Until MainWindow calls ``install_sessions(self)`` itself this wraps its constructor; once it does,
``install_sessions`` is idempotent and this launcher changes nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from quill.ui import window as _window  # noqa: E402
from quill.ui.sessions_ui import install_sessions  # noqa: E402

_original_init = _window.MainWindow.__init__


def _init(self, *args, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
    _original_init(self, *args, **kwargs)
    install_sessions(self)


_window.MainWindow.__init__ = _init

if __name__ == "__main__":
    from quill.cli import main

    sys.exit(main(sys.argv[1:]))
