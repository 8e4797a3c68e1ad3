"""``python tests/sessions/launch_with_sessions.py ARGS``: run Quill from this checkout (sessions are built in)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

if __name__ == "__main__":
    from quill.cli import main

    sys.exit(main(sys.argv[1:]))
