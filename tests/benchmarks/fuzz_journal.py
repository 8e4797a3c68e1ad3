"""A long run of the journal's model-based fuzz test (tests/ui/test_journal_astral.py).

Run:  python tests/benchmarks/fuzz_journal.py [EXAMPLES]   (default 2000, fresh random seeds, in
      batches of 50 examples per process)

CI runs the same test with 30 fixed examples. This drives the real editor through random
typing, deleting, pasting, undo/redo, Enter/Shift+Enter and selections over texts with emoji,
combining marks, RTL, CRLF/CR, U+2028/9 and U+FDD0, and after each sequence checks that the
journal replays onto its base to exactly the editor's text. Prints the examples run and the time.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


#: Examples per pytest process. Every example makes a window, and a test's windows live until it
#: ends, each holding an inotify instance (its file watcher): Linux allows 128 per user, so one long
#: run starved every other Qt process of the user (and itself) of file watching, and crawled as
#: hundreds of windows' timers fired. Fresh processes keep each batch well under that.
BATCH = 50


def main() -> int:
    examples = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QUILL_FUZZ_RANDOM="1")
    started = time.perf_counter()
    done, returncode = 0, 0
    while done < examples and returncode == 0:
        batch = min(BATCH, examples - done)
        result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                                 "tests/ui/test_journal_astral.py", "-k", "any_edits"], cwd=ROOT,
                                env=dict(env, QUILL_FUZZ_EXAMPLES=str(batch)))
        returncode = result.returncode
        done += batch
    elapsed = time.perf_counter() - started
    verdict = "every replay equal to the editor" if returncode == 0 else "FAILED (see above)"
    print(f"journal fuzz: {done} random edit sequences in {elapsed:.0f} s: {verdict}")
    return returncode


if __name__ == "__main__":
    raise SystemExit(main())
