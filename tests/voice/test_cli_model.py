"""The command line (no Qt, exit codes) and the shipped machine_likeness model."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from quill.voice import analyze
from quill.voice.cli import main
from quill.voice.model import weights
from tests.conftest import shared_path

ROOT = Path(__file__).resolve().parents[2]
PROSE = "The river was cold that morning. We swam anyway, laughing. " * 20


def test_voice_modules_do_not_import_qt() -> None:
    code = (
        "import sys, quill.voice, quill.voice.cli, quill.markup.prose\n"
        "quill.voice.analyze('Hello there. ' * 100)\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph', 'shiboken'))]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_cli_json_for_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "a.md"
    f.write_text(PROSE, encoding="utf-8")
    assert main(["voice", str(f), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["words"] == analyze(PROSE).words
    assert "machine_likeness" in data


def test_cli_readable_and_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO(PROSE))
    assert main(["voice", "-"]) == 0
    out = capsys.readouterr().out
    assert "words" in out and "Rhythm" in out and "not authorship" in out


def test_cli_unreadable_file_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.md"
    good.write_text(PROSE, encoding="utf-8")
    binary = tmp_path / "bin.md"
    binary.write_bytes(b"\x00\x01\x02 binary")
    assert main(["voice", str(tmp_path / "missing.md"), str(binary), str(good), "--json"]) == 1
    captured = capsys.readouterr()
    assert "missing.md" in captured.err and "Traceback" not in captured.err
    assert json.loads(captured.out)["words"] > 0


def test_cli_via_top_level_dispatcher(tmp_path: Path) -> None:
    f = tmp_path / "a.md"
    f.write_text(PROSE, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "quill", "voice", str(f), "--json"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["sentences"] == 40


def test_model_is_shipped_and_bounded() -> None:
    model = weights()
    assert model is not None
    assert len(model["features"]) == len(model["coef"]) == len(model["mean"]) == len(model["std"])
    score = analyze(PROSE).machine_likeness
    assert score is not None and 0.0 <= score <= 1.0


def _auroc(scores: list[float], labels: list[int]) -> float:
    pos = [s for s, y in zip(scores, labels, strict=True) if y]
    neg = [s for s, y in zip(scores, labels, strict=True) if not y]
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def test_model_separates_eval_texts() -> None:
    path = shared_path("eval", "voice_eval.jsonl")
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    scored = [(analyze(r["text"]).machine_likeness, r["label"] == "machine") for r in rows]
    # texts under 150 measured words (about 30% of the set) get no score, by design
    assert sum(s is not None for s, _ in scored) >= 650
    scored = [(s, y) for s, y in scored if s is not None]
    auroc = _auroc([s for s, _ in scored], [y for _, y in scored])
    assert auroc >= 0.87  # in-sample; the grouped cross-validated figure is in docs/VOICE.md


def test_the_shipped_model_separates_a_committed_labelled_sample() -> None:
    """Measured on every plain clone (not read back from model.json): sixteen short texts written for
    this suite, joined in fours of one label so each passes the model's 150-word minimum."""
    rows = [json.loads(line) for line in (ROOT / "tests" / "voice" / "data" / "labelled_sample.jsonl")
            .read_text(encoding="utf-8").splitlines()]
    scored = []
    for label in ("human", "machine"):
        texts = [r["text"] for r in rows if r["label"] == label]
        for i in range(len(texts)):
            three = [texts[(i + k) % len(texts)] for k in range(4)]
            score = analyze("\n\n".join(three)).machine_likeness
            assert score is not None
            scored.append((score, label == "machine"))
    assert _auroc([s for s, _ in scored], [y for _, y in scored]) >= 0.9
