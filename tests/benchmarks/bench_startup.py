"""Start-up and open time (issue 20): Quill against a bare QPlainTextEdit app, in the same run.

Run:  QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_startup.py [--repeat 5] [--words 100000]

Every figure comes from real processes launched alternately (bare, Quill with the panel closed,
Quill with the panel remembered open, then again), each with its own QUILL_HOME and library
holding the piece, launched as a writer launches it (``quill`` with no argument: the last piece
opens). Medians are printed with the bare reference measured in the same run, as a ratio and
as an absolute difference. Measured, per launch (``startup_probe.py`` inside the process, the
CPU from /proc outside it, both on CLOCK_MONOTONIC):

- first window: launch → the page's first paint with the piece on it;
- open → idle: launch → the moment, after the first paint, from which the whole process (every
  thread) stays quiet for half a second (at most 20 ms of CPU; /proc counts in 10 ms ticks), in
  launches of their own that press no keys (the keys below are CPU too: 25 a second, each a
  cursor move and a repaint, ~1 ms apiece in Quill, would hide the quiet they are not part of);
- CPU: of every thread, from the launch to the end of the run (all the start-up work, whenever it
  runs);
- keys: a key posted at the first paint, and one every 20 ms for 2 s after it: how long after it
  was due the page received it (the first one, and the worst);
- memory: resident at the end of the run, and which heavy modules were loaded at the first paint
  and at the end;
- cold panel / history: after a launch with the panel closed has gone idle, the writer's first
  Ctrl+Shift+L or F6: to the first paint of what it shows (one quiet line while pyqtgraph and
  numpy load on a thread), to the charts drawn, and for the panel to its first figures.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.benchmarks.corpus import document  # noqa: E402

PROBE = ROOT / "tests" / "benchmarks" / "startup_probe.py"
BARE = ROOT / "tests" / "benchmarks" / "bare_editor.py"
TICK_S = os.sysconf("SC_CLK_TCK") and 1 / os.sysconf("SC_CLK_TCK")
BUDGETS = {  # (over the bare reference in ms, or None; absolute ms, or None)
    "paint": (60, None),
    "idle_closed": (None, 400),
    "idle_open": (None, 700),
    "first_key": (None, 150),
    "cold": (None, 300),
}


def cpu_seconds(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) * TICK_S  # utime + stime of every thread


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def launch(argv: list[str], env: dict[str, str], timeout: float = 60) -> dict:
    """One process: its probe events (ms after launch) and its CPU samples."""
    events: dict[str, tuple[float, object]] = {}
    samples: list[tuple[float, float]] = []
    rss: list[float] = []
    t0 = time.monotonic()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    errors: list[str] = []

    def read() -> None:
        for line in proc.stderr:
            if line.startswith("probe "):
                _, name, stamp, *rest = line.split(" ", 3)
                events[name] = ((float(stamp) - t0) * 1000, json.loads(rest[0]) if rest else None)
                if name == "end":
                    found = rss_mb(proc.pid)
                    if found is not None:
                        rss.append(found)
            else:
                errors.append(line)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    while proc.poll() is None and time.monotonic() - t0 < timeout:
        cpu = cpu_seconds(proc.pid)
        if cpu is not None:
            samples.append(((time.monotonic() - t0) * 1000, cpu))
        time.sleep(0.005)
    if proc.poll() is None:
        proc.kill()
    proc.wait()
    reader.join(5)
    if "paint" not in events:
        raise RuntimeError(f"{argv}: no first paint\n{''.join(errors)[-3000:]}")
    return {"events": events, "samples": samples, "rss": rss[0] if rss else float("nan"), "errors": errors}


def idle_ms(run: dict, window_s: float = 0.5, slack_s: float = 0.020) -> float:
    """Launch → the start of the first half second after the first paint in which the whole process
    used at most ``slack_s`` of CPU (the probe's own keys cost about one 10 ms tick a second)."""
    samples = run["samples"]
    paint = run["events"]["paint"][0]
    for i, (t, cpu) in enumerate(samples):
        if t < paint:
            continue
        later = [c for u, c in samples[i:] if u <= t + window_s * 1000]
        if samples[-1][0] < t + window_s * 1000:
            break  # the run ended before a quiet window
        if later[-1] - cpu <= slack_s:
            return t
    return float("nan")


def make_home(base: Path, name: str, text: str, settings_json: dict) -> dict[str, str]:
    home, library = base / name / "home", base / name / "library"
    library.mkdir(parents=True)
    (library / "piece.md").write_text(text, encoding="utf-8")
    env = dict(os.environ, QUILL_HOME=str(home), QUILL_LIBRARY=str(library),
               QUILL_BENCH_PROBE=str(PROBE))
    env.pop("QUILL_PROBE_MODE", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed Quill runs from compiled bytecode
    settings = home / "config" / "settings.json"
    from quill.paths import app_dirs

    old = dict(os.environ)
    os.environ.update(QUILL_HOME=str(home), QUILL_LIBRARY=str(library))
    try:
        dirs = app_dirs().ensure()
        settings = dirs.settings_file
    finally:
        os.environ.clear()
        os.environ.update(old)
    settings.write_text(json.dumps(settings_json), encoding="utf-8")
    env["_piece"] = str(library / "piece.md")
    return env


def quill_argv() -> list[str]:
    return [sys.executable, "-m", "quill", "--windowed"]


def med(values: list[float]) -> float:
    clean = [v for v in values if v == v]
    return statistics.median(clean) if clean else float("nan")


def row(label: str, bare: float, quill: float, budget: tuple[float | None, float | None] | None) -> str:
    ratio = quill / bare if bare else float("nan")
    over = quill - bare
    text = f"  {label:44s} bare {bare:7.0f}   Quill {quill:7.0f} ms   ×{ratio:4.2f}   +{over:5.0f} ms"
    if budget:
        above, absolute = budget
        parts = []
        if above is not None:
            parts.append(f"≤ bare + {above} ms: {'met' if over <= above else 'NOT met'}")
        if absolute is not None:
            parts.append(f"≤ {absolute} ms: {'met' if quill <= absolute else 'NOT met'}")
        text += "   budget " + "; ".join(parts)
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--cold", type=int, default=3, help="cold panel/history launches")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folders")
    args = parser.parse_args()

    base = Path(tempfile.mkdtemp(prefix="quill-startup-"))
    book = document(args.words, seed=3)
    short = "# A short piece\n\nJust a few lines.\n"
    variants = {  # name -> Quill's settings (the bare app has none)
        "bare": {}, "closed": {"panel_visible": False}, "open": {"panel_visible": True},
        "nospell": {"panel_visible": False, "spell_check": False},
    }
    envs: dict[tuple[str, str], dict[str, str]] = {}
    for piece_name, text in (("short", short), ("book", book)):
        for name, settings in variants.items():
            envs[(name, piece_name)] = make_home(base, f"{name}-{piece_name}", text, settings)

    def argv_for(name: str, env: dict[str, str]) -> list[str]:
        return [sys.executable, str(BARE), env["_piece"]] if name == "bare" else quill_argv()

    # one launch of each first: Quill builds its index and folders, Python its bytecode caches
    for (name, _piece), env in envs.items():
        launch(argv_for(name, env), dict(env, QUILL_PROBE_SECONDS="2"))

    results: dict[tuple[str, str], list[dict]] = {key: [] for key in envs}
    results.update({(name, "quiet"): [] for name in variants})
    for rep in range(args.repeat):
        for piece_name in ("short", "book"):
            for name in variants:
                env = envs[(name, piece_name)]
                results[(name, piece_name)].append(launch(argv_for(name, env), env))
                if piece_name == "book":
                    results[(name, "quiet")].append(launch(argv_for(name, env), dict(env, QUILL_PROBE_MODE="quiet")))
        print(f"  run {rep + 1}/{args.repeat} done", file=sys.stderr, flush=True)

    cold: list[dict] = []
    for _ in range(args.cold):
        for first in ("panel", "history"):  # the first one opened in a launch is the cold one
            env = dict(envs[("closed", "book")], QUILL_PROBE_MODE="cold", QUILL_PROBE_OPEN=first)
            run = launch(quill_argv(), env, timeout=120)
            cold.append(run["events"])

    def stat(name: str, piece_name: str, fn) -> float:  # noqa: ANN001
        return med([fn(run) for run in results[(name, piece_name)]])

    def paint(run: dict) -> float:
        return run["events"]["paint"][0]

    def first_key(run: dict) -> float:
        keys = run["events"].get("keys")
        return keys[1]["first"] * 1000 if keys else float("nan")

    def worst_key(run: dict) -> float:
        keys = run["events"].get("keys")
        return max(w for _d, w in keys[1]["waits"]) * 1000 if keys else float("nan")

    def rss(run: dict) -> float:
        return run["rss"]

    def cpu_total(run: dict) -> float:
        """CPU of every thread from launch to the end of the run (4 s after the first paint): all the
        start-up work, whenever it runs (a dictionary loaded later still counts here)."""
        end = run["events"]["end"][0] if "end" in run["events"] else run["samples"][-1][0]
        return [c for t, c in run["samples"] if t <= end][-1] * 1000

    print(f"Start-up, median of {args.repeat} alternating launches of each; {args.words:,}-word piece; "
          f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, QT_QPA_PLATFORM={os.environ['QT_QPA_PLATFORM']}")
    for panel_name in ("closed", "open", "nospell"):
        label = {"closed": "panel closed", "open": "panel remembered open",
                 "nospell": "panel closed, spell check off (its dictionary is not loaded)"}[panel_name]
        print(f"Quill, {label}:")
        print(row("first window, one-line piece", stat("bare", "short", paint), stat(panel_name, "short", paint),
                  BUDGETS["paint"]))
        print(row(f"first window, {args.words:,}-word piece", stat("bare", "book", paint),
                  stat(panel_name, "book", paint), BUDGETS["paint"]))
        print(row(f"open {args.words:,}-word piece → idle", stat("bare", "quiet", idle_ms),
                  stat(panel_name, "quiet", idle_ms), BUDGETS["idle_open" if panel_name == "open" else "idle_closed"]))
        print(row("CPU, every thread, launch → 4 s after paint", stat("bare", "book", cpu_total),
                  stat(panel_name, "book", cpu_total), None))
        print(row("first key after the first paint waited", stat("bare", "book", first_key),
                  stat(panel_name, "book", first_key), BUDGETS["first_key"]))
        print(row("worst key wait, first 2 s after the paint", stat("bare", "book", worst_key),
                  stat(panel_name, "book", worst_key), BUDGETS["first_key"]))
        for piece_name in ("short", "book"):
            bare_mb, quill_mb = stat("bare", piece_name, rss), stat(panel_name, piece_name, rss)
            print(f"  {'resident memory, ' + piece_name + ' piece, 4 s after paint':44s} bare {bare_mb:7.0f}   "
                  f"Quill {quill_mb:7.0f} MB   ×{quill_mb / bare_mb:4.2f}   +{quill_mb - bare_mb:5.0f} MB")
        for piece_name in ("short", "book"):
            first = results[(panel_name, piece_name)][0]["events"]
            print(f"  heavy modules, {piece_name} piece: at the first paint {first['paint'][1]['modules']}, "
                  f"4 s later {first.get('end', (0, {'modules': '?'}))[1]['modules']}")
    if cold:
        print(f"Cold first request, after a launch with the panel closed has gone idle ({args.cold} launches each):")
        for name, title in (("panel", "voice panel (Ctrl+Shift+L)"), ("history", "history (F6)")):
            found = [c[name][1] for c in cold if name in c]
            if not found:
                print(f"  {title}: not measured")
                continue
            shown = med([f.get("paint", float("nan")) * 1000 for f in found])
            built = med([f.get("built", float("nan")) * 1000 for f in found])
            line = (f"  {title:28s} on screen {shown:4.0f} ms (budget ≤ 300 ms: "
                    f"{'met' if shown <= BUDGETS['cold'][1] else 'NOT met'}), charts drawn {built:4.0f} ms")
            if name == "panel":
                line += f", first figures {med([f.get('data', float('nan')) * 1000 for f in found]):4.0f} ms"
            print(line + f"   (heavy modules before: {found[0]['modules_before']})")
    if args.keep:
        print(f"kept {base}")
    else:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
