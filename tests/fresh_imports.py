"""Import-graph rules (issue #20: what start-up must not load) can only be checked in a Python
that has imported nothing else, so each check runs one fresh interpreter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def loaded_after_importing(imports: Iterable[str], watched: Iterable[str]) -> set[str]:
    """Which of ``watched`` a fresh Python (offscreen Qt, run from the repository root) holds in
    ``sys.modules`` after importing ``imports``. Fails the test with the child's stderr if it fails."""
    code = ("import sys, json\n"
            + "".join(f"import {name}\n" for name in imports)
            + f"print(json.dumps(sorted(m for m in {sorted(watched)!r} if m in sys.modules)))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.strip().splitlines()[-1]))
