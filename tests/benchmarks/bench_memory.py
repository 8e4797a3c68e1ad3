"""Resident memory with a 100,000-word piece open: Quill (panel closed, panel open) against a bare Qt editor.

Run:  QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_memory.py [--words 100000] [--repeat 5]
      [--smaps] [--settle 2.0] [--timeout 90]

Each run launches a real process and measures it from outside, the way a writer's system monitor
would: a bare PySide6 ``QPlainTextEdit`` app holding the same file (the floor Qt sets: the text in a
QTextDocument, its layout, one window), then ``python -m quill --windowed`` with a fresh QUILL_HOME
and QUILL_LIBRARY whose settings say the voice panel is closed, then the same with it open (the
panel's state is remembered in ``settings.json`` as ``panel_visible``). The three kinds alternate,
``--repeat`` times, so a busy machine touches them all alike; medians are reported.

A process is measured once it is idle: started at least ``--settle`` seconds ago, its CPU time
(all threads) advanced by less than 10 ms over the last second, and its resident set moved by
less than 0.5 MB over that second (the library scan, the spell checker's dictionary, the panel's
first analysis are all done by then). Then VmRSS is read from /proc/PID/status, with its anonymous
and file-backed parts, and /proc/PID/maps tells whether numpy (and so pyqtgraph) was loaded.

Budgets (issue #20): Quill ≤ bare + 35 MB with the panel closed, ≤ bare + 55 MB with it open;
nothing heavy loaded before it is needed (numpy stays out while the panel is closed).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.corpus import document  # noqa: E402

BUDGET_CLOSED_MB = 35.0
BUDGET_OPEN_MB = 55.0

BARE_APP = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication, QPlainTextEdit
app = QApplication(sys.argv[:1])
editor = QPlainTextEdit()
editor.setPlainText(Path(sys.argv[1]).read_text(encoding="utf-8"))
editor.resize(1100, 760)
editor.show()
if len(sys.argv) > 2 and sys.argv[2] == "--lay-out-all":  # every paragraph laid out, as if scrolled through
    layout = editor.document().documentLayout()
    block = editor.document().begin()
    while block.isValid():
        layout.blockBoundingRect(block)
        block = block.next()
sys.exit(app.exec())
"""


def status(pid: int) -> dict[str, float]:
    """VmRSS and its parts from /proc/PID/status, in MB."""
    out: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "RssAnon", "RssFile", "RssShmem", "VmHWM"):
            out[key] = int(value.split()[0]) / 1024
    return out


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def loaded_numpy(pid: int) -> bool:
    return "_multiarray_umath" in Path(f"/proc/{pid}/maps").read_text()


def smaps_summary(pid: int, top: int = 12) -> list[tuple[float, str]]:
    """Resident MB per mapped file (anonymous memory as [heap]/[anon]), largest first."""
    totals: dict[str, float] = {}
    name = "?"
    for line in Path(f"/proc/{pid}/smaps").read_text().splitlines():
        parts = line.split()
        if parts and "-" in parts[0] and len(parts) >= 5 and not parts[0].endswith(":"):
            name = parts[5] if len(parts) > 5 else "[anon]"
        elif parts and parts[0] == "Rss:":
            totals[name] = totals.get(name, 0.0) + int(parts[1]) / 1024
    return sorted(((mb, n) for n, mb in totals.items()), reverse=True)[:top]


def wait_idle(proc: subprocess.Popen, settle: float, timeout: float) -> float:
    """Seconds until ``proc`` is idle (see the module docstring); raises if it exits or never settles."""
    started = time.perf_counter()
    history: list[tuple[float, float, float]] = []  # (time, cpu, rss)
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"the process exited with {proc.returncode}")
        now = time.perf_counter() - started
        history.append((now, cpu_seconds(proc.pid), status(proc.pid)["VmRSS"]))
        window = [h for h in history if h[0] >= now - 1.0]
        if now >= settle and history[0][0] <= now - 1.0 and len(window) >= 4:
            cpu_moved = window[-1][1] - window[0][1]
            rss_moved = max(h[2] for h in window) - min(h[2] for h in window)
            if cpu_moved < 0.010 + 1e-9 and rss_moved < 0.5:
                return now
        if now > timeout:
            raise RuntimeError(f"the process did not become idle within {timeout:.0f} s")
        time.sleep(0.1)


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def bare_resident(piece: Path, settle: float = 2.0, timeout: float = 90.0, lay_out_all: bool = False) -> float:
    """VmRSS (MB) of the bare QPlainTextEdit app holding ``piece``, once idle: what the text costs Qt.

    ``lay_out_all``: every paragraph laid out, not only those on screen (Qt keeps a paragraph's
    layout once it has been shown, so text that was typed, and so shown, costs its layout too)."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    extra = ["--lay-out-all"] if lay_out_all else []
    proc = subprocess.Popen([sys.executable, "-c", BARE_APP, str(piece), *extra], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_idle(proc, settle, timeout)
        return status(proc.pid)["VmRSS"]
    finally:
        stop(proc)


def launch(kind: str, piece_text: str, tmp: Path, run: int) -> tuple[subprocess.Popen, Path]:
    folder = tmp / f"{kind}-{run}"
    library = folder / "library"
    library.mkdir(parents=True)
    piece = library / "Book.md"
    piece.write_text(piece_text, encoding="utf-8")
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    if kind == "bare":
        cmd = [sys.executable, "-c", BARE_APP, str(piece)]
    else:
        home = folder / "home"
        (home / "config").mkdir(parents=True)
        (home / "config" / "settings.json").write_text(json.dumps({"panel_visible": kind == "open"}))
        env.update(QUILL_HOME=str(home), QUILL_LIBRARY=str(library))
        cmd = [sys.executable, "-m", "quill", "--windowed", str(piece)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return proc, folder


def measure(kind: str, piece_text: str, tmp: Path, run: int, args: argparse.Namespace) -> dict:
    proc, _folder = launch(kind, piece_text, tmp, run)
    try:
        idle_after = wait_idle(proc, args.settle, args.timeout)
        row = dict(status(proc.pid), idle_after=idle_after, numpy=loaded_numpy(proc.pid))
        if args.smaps:
            row["smaps"] = smaps_summary(proc.pid)
    finally:
        stop(proc)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if "Traceback" in err:
        print(err, file=sys.stderr)
    return row


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--settle", type=float, default=2.0, help="seconds before a process may count as idle")
    parser.add_argument("--timeout", type=float, default=90.0)
    parser.add_argument("--kinds", default="bare,closed,open")
    parser.add_argument("--smaps", action="store_true", help="print the largest resident mappings of each run")
    args = parser.parse_args()
    kinds = args.kinds.split(",")

    tmp = Path(tempfile.mkdtemp(prefix="quill-bench-memory-"))
    text = document(args.words, seed=3)
    print(f"Resident memory, a {args.words:,}-word piece ({len(text.encode()) / 1024 / 1024:.2f} MB) open; "
          f"{args.repeat} alternating runs; Python {sys.version.split()[0]}, "
          f"QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', 'offscreen')}")
    print(f"{'run':>4} {'kind':<7}{'RSS MB':>8}{'anon':>8}{'file':>8}{'peak':>8}{'idle s':>8}  numpy")
    results: dict[str, list[dict]] = {k: [] for k in kinds}
    for run in range(args.repeat):
        for kind in kinds:
            row = measure(kind, text, tmp, run, args)
            results[kind].append(row)
            print(f"{run + 1:>4} {kind:<7}{row['VmRSS']:>8.1f}{row['RssAnon']:>8.1f}{row['RssFile']:>8.1f}"
                  f"{row['VmHWM']:>8.1f}{row['idle_after']:>8.1f}  {'loaded' if row['numpy'] else '-'}",
                  flush=True)
            for mb, name in row.get("smaps", []):
                print(f"{'':13}{mb:>8.1f}  {name}")

    def median(kind: str, field: str = "VmRSS") -> float:
        return statistics.median(r[field] for r in results[kind])

    print()
    if "bare" not in results:
        return
    bare = median("bare")
    print(f"bare QPlainTextEdit: median {bare:.1f} MB "
          f"(runs {min(r['VmRSS'] for r in results['bare']):.1f}–{max(r['VmRSS'] for r in results['bare']):.1f})")
    for kind, budget in (("closed", BUDGET_CLOSED_MB), ("open", BUDGET_OPEN_MB)):
        if kind not in results:
            continue
        value = median(kind)
        over = value - bare
        numpy_runs = sum(r["numpy"] for r in results[kind])
        verdict = "met" if over <= budget else "NOT met"
        print(f"Quill, panel {kind:<6}: median {value:.1f} MB (runs "
              f"{min(r['VmRSS'] for r in results[kind]):.1f}–{max(r['VmRSS'] for r in results[kind]):.1f}) = "
              f"bare {over:+.1f} MB, {value / bare:.2f}× bare; budget bare + {budget:.0f} MB: {verdict}; "
              f"anon {median(kind, 'RssAnon'):.1f} MB; numpy loaded in {numpy_runs} of {len(results[kind])} runs")


if __name__ == "__main__":
    main()
