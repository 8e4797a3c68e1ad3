from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class QuillProcess:
    """A real ``python -m quill`` process, offscreen, whose typing progress is read from stdout."""

    proc: subprocess.Popen[str]
    fed_at: list[tuple[int, float]] = field(default_factory=list)  # (chars typed, monotonic time seen)
    done: threading.Event = field(default_factory=threading.Event)
    lines: list[str] = field(default_factory=list)

    def typed(self) -> int:
        return self.fed_at[-1][0] if self.fed_at else 0

    def typed_before(self, moment: float) -> int:
        return max((n for n, t in self.fed_at if t <= moment), default=0)


def piece_and_feed(library: Path, start_text: str, typed: str, name: str = "piece.md") -> tuple[Path, Path]:
    """A piece in ``library`` holding ``start_text``, and beside the library a feed file of what
    the process will type into it (``QUILL_TEST_FEED``)."""
    piece = library / name
    piece.write_text(start_text, encoding="utf-8")
    feed = library.parent / f"feed-{library.name}.txt"
    feed.write_text(typed, encoding="utf-8")
    return piece, feed


def start_quill(home: Path, library: Path, piece: Path | None, feed: Path | None = None,
                extra_env: dict[str, str] | None = None, args: tuple[str, ...] = ()) -> QuillProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QUILL_HOME=str(home), QUILL_LIBRARY=str(library),
               PYTHONPATH=str(ROOT))
    if feed is not None:
        env["QUILL_TEST_FEED"] = str(feed)
    env.update(extra_env or {})
    command = [sys.executable, "-m", "quill", "--windowed", *args] + ([str(piece)] if piece else [])
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    running = QuillProcess(proc)

    def reader() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            running.lines.append(line.strip())
            if line.startswith("fed "):
                word = line.split()[1]
                if word == "done":
                    running.done.set()
                else:
                    running.fed_at.append((int(word), time.monotonic()))
        running.done.set()

    threading.Thread(target=reader, daemon=True).start()
    return running


def wait_for_line(running: QuillProcess, prefix: str, timeout: float = 30) -> str:
    """Wait until the process has printed a line starting with ``prefix``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for line in list(running.lines):
            if line.startswith(prefix):
                return line
        if running.proc.poll() is not None and running.done.is_set():
            break
        time.sleep(0.01)
    stderr = running.proc.stderr.read() if running.proc.stderr and running.proc.poll() is not None else ""
    raise AssertionError(f"no line starting with {prefix!r}; got {running.lines}; stderr: {stderr}")
