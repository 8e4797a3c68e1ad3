from __future__ import annotations

import csv
import datetime as _dt
import json
import os
import subprocess
import sys
from pathlib import Path

from quill.paths import app_dirs
from quill.sessions.history import aggregate, days_to_finish, finished_pieces, pieces_history, trend
from quill.sessions.store import FILE_NAME, SessionStore
from tests.sessions.helpers import at

ROOT = Path(__file__).resolve().parents[2]


def fill_store(store: SessionStore) -> None:
    sessions, pieces = [], []
    starts = [at(2023, 12, 31, 22), at(2024, 1, 1, 2), at(2024, 1, 2, 9), at(2024, 1, 9, 9), at(2024, 2, 14, 9),
              at(2025, 6, 1, 9)]
    for i, start in enumerate(starts, 1):
        sessions.append((i, start, start + 3000, 0, 2400.0, 100 * i, 7 * i, 3 * i, 500 * i, 30 * i, 15 * i))
        pieces.append((i, f"/lib/p{i % 3}.md", f"p{i % 3}", start, start + 3000, 2400.0, 100 * i, 7 * i, 3 * i,
                       500 * i, 30 * i, 15 * i))
    store.insert_many(sessions, pieces)


def run_stats(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "quill", "stats", *args], env=env, capture_output=True, text=True,
                          timeout=60, cwd=ROOT)


def test_aggregate_by_period_with_day_start():
    store = SessionStore(None)
    fill_store(store)
    totals, periods = aggregate(store.sessions(), "month", 4)
    # 2024-01-01 02:00 counts to 2023-12-31 with a 4 am day start
    assert [(p.start.isoformat(), p.sessions) for p in periods] == [
        ("2023-12-01", 2), ("2024-01-01", 2), ("2024-02-01", 1), ("2025-06-01", 1)]
    assert totals.sessions == 6 and totals.words_added == 2100
    _, filled = aggregate(store.sessions(), "month", 4, fill=True)
    assert len(filled) == 19
    _, weeks = aggregate(store.sessions(), "week", 0)
    assert weeks[0].start == _dt.date(2023, 12, 25)


def test_trend():
    assert trend([0, 1, 2], [1, 3, 5]) == (2.0, 1.0)
    assert trend([0, 1], [1, None]) is None


def test_stats_json_totals_equal_the_sum_of_sessions_and_never_imports_qt():
    dirs = app_dirs().ensure()
    store = SessionStore(dirs.data / FILE_NAME)
    fill_store(store)
    rows = store.sessions()
    store.close()
    result = run_stats("--json", "--by", "week")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    keys = ("sessions", "active_minutes", "words_added", "words_deleted", "words_pasted", "net_words")
    assert data["totals"]["sessions"] == len(rows)
    assert data["totals"]["words_added"] == sum(r.words_added for r in rows)
    assert data["totals"]["words_deleted"] == sum(r.words_deleted for r in rows)
    assert data["totals"]["words_pasted"] == sum(r.words_pasted for r in rows)
    assert data["totals"]["net_words"] == sum(r.net_words for r in rows)
    assert abs(data["totals"]["active_minutes"] - sum(r.active_seconds for r in rows) / 60) < 0.01
    for key in keys:
        assert abs(sum(p[key] for p in data["periods"]) - data["totals"][key]) < 0.05
        assert all("start" in p for p in data["periods"])
    since = json.loads(run_stats("--json", "--since", "2024-01-02").stdout)
    assert since["totals"]["sessions"] == 4
    probe = subprocess.run([sys.executable, "-c", "import sys; from quill.cli import main; main(['stats', '--json']);"
                            "print('QT', any(m.startswith(('PySide6', 'pyqtgraph')) for m in sys.modules))"],
                           env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True, text=True, timeout=60)
    assert probe.stdout.strip().endswith("QT False"), probe.stdout + probe.stderr


def test_stats_table_export_and_bad_input(tmp_path):
    dirs = app_dirs().ensure()
    store = SessionStore(dirs.data / FILE_NAME)
    fill_store(store)
    store.close()
    table = run_stats("--by", "year")
    assert table.returncode == 0 and "2024" in table.stdout and "total" in table.stdout
    target = tmp_path / "sessions.csv"
    result = run_stats("--export", str(target))
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert len(rows) == 6 and rows[0]["words_added"] == "100" and rows[0]["start"].startswith("2023-12-31T22:00")
    bad = run_stats("--since", "yesterday")
    assert bad.returncode == 2 and "date" in bad.stderr


def test_stats_with_no_history_creates_nothing():
    result = run_stats("--json")
    assert result.returncode == 0 and json.loads(result.stdout)["totals"]["sessions"] == 0
    assert not (app_dirs().data / FILE_NAME).exists()


def test_finished_pieces_and_days_to_finish(library_dir):
    (library_dir / "done.md").write_text("---\ntitle: Done\nstatus: finished\nfinished: 2024-02-01\n---\n\n"
                                         + "The rain came. It stopped. We walked home, slowly, talking.\n" * 30,
                                         encoding="utf-8")
    (library_dir / "draft.md").write_text("---\ntitle: Draft\n---\n\nNot yet.\n", encoding="utf-8")
    cache: dict = {}
    found = finished_pieces(library_dir, app_dirs(), cache=cache)
    assert [p.title for p in found] == ["Done"] and found[0].finished == _dt.date(2024, 2, 1)
    assert found[0].metrics["burstiness"] is not None and cache
    store = SessionStore(None)
    path = str(library_dir / "done.md")
    store.insert_many([(1, at(2024, 1, 20, 9), at(2024, 1, 20, 10), 0, 60.0, 1, 0, 0, 1, 0, 0)],
                      [(1, path, "Done", at(2024, 1, 20, 9), at(2024, 1, 20, 10), 60.0, 1, 0, 0, 1, 0, 0)])
    hist = pieces_history(store.piece_sessions(), {1: 0}, 4)
    assert days_to_finish(hist, found)[0][1] == 12
