"""Fit machine_likeness and the reference bands on ../shared/eval (a dev tool, not shipped).

Why this design: a logistic regression on standardised, interpretable features, with L2,
so each weight can be read as "this habit pushes toward the machine rewrites". Folds are
grouped by pair (voice_eval_pairs.csv): a human text and its rewrite share content, and
splitting them across folds would leak it. The script writes:

- resources/voice/model.json      feature names, means, stds, weights, CV AUROC
- resources/voice/llm_bands.json  machine p10–p90 per metric (overall and per domain)
- resources/voice/human_reference.json  human median and 1.4826·MAD per metric (and domain)

Only aggregate numbers are written; no text from the eval set is copied anywhere.
Usage: python packaging/tools/fit_voice_model.py [--shared ../shared] [--c 1.0]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from quill.voice import analyze  # noqa: E402
from quill.voice.report import SCALAR_METRICS  # noqa: E402

FEATURES = [
    "burstiness", "masd", "fragment_rate", "long_sentence_rate", "mean_sentence_length",
    "marks_per_1000_words", "punctuation_entropy", "interior_entropy", "em_dash_per_1000_words",
    "comma_per_1000_words", "semicolon_per_1000_words", "colon_per_1000_words", "dash_per_1000_words",
    "parenthesis_per_1000_words", "quote_per_1000_words", "question_exclamation_per_1000_words",
    "mtld", "mattr", "hdd", "mean_word_length", "syllables_per_word",
    "function_word_share", "tell_word_rate", "comma_participle_rate", "hedge_rate", "filler_rate",
    "contrast_rate", "transition_rate", "register_rate",
]
LOG_FEATURES = [f for f in FEATURES if f.endswith("_per_1000_words") or f.endswith("_rate")
                and f not in ("fragment_rate", "long_sentence_rate")]


def load(shared: Path):
    rows = [json.loads(line) for line in (shared / "eval" / "voice_eval.jsonl").open(encoding="utf-8")]
    group = np.zeros(len(rows), dtype=int)
    generator = [""] * len(rows)
    with (shared / "eval" / "voice_eval_pairs.csv").open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            for key in ("human_line", "machine_line"):
                group[int(rec[key]) - 1] = int(rec["pair_id"])
                generator[int(rec[key]) - 1] = rec["generator"]
    return rows, group, generator


def matrix(reports) -> np.ndarray:
    x = np.full((len(reports), len(FEATURES)), np.nan)
    for i, rep in enumerate(reports):
        for j, name in enumerate(FEATURES):
            v = rep.features.get(name)
            if v is not None:
                x[i, j] = np.log1p(max(v, 0.0)) if name in LOG_FEATURES else v
    return x


def fit_logistic(x: np.ndarray, y: np.ndarray, c: float, iters: int = 200) -> tuple[np.ndarray, float]:
    """L2-penalised logistic regression by Newton's method (x already standardised)."""
    n, d = x.shape
    w = np.zeros(d)
    b = 0.0
    lam = 1.0 / c
    for _ in range(iters):
        z = x @ w + b
        p = 1 / (1 + np.exp(-z))
        g_w = x.T @ (p - y) / n + lam * w / n
        g_b = np.mean(p - y)
        s = p * (1 - p)
        h = (x.T * s) @ x / n + lam * np.eye(d) / n
        h_wb = x.T @ s / n
        h_bb = np.mean(s)
        big = np.block([[h, h_wb[:, None]], [h_wb[None, :], np.array([[h_bb]])]])
        step = np.linalg.solve(big + 1e-9 * np.eye(d + 1), np.concatenate([g_w, [g_b]]))
        w -= step[:d]
        b -= step[d]
        if np.max(np.abs(step)) < 1e-8:
            break
    return w, b


def auroc(score: np.ndarray, y: np.ndarray) -> float:
    order = np.argsort(score, kind="mergesort")
    ranks = np.empty(len(score))
    ranks[order] = np.arange(1, len(score) + 1)
    # average ranks for ties
    for v in np.unique(score):
        idx = score == v
        if idx.sum() > 1:
            ranks[idx] = ranks[idx].mean()
    pos = y == 1
    n1, n0 = pos.sum(), (~pos).sum()
    return float((ranks[pos].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))


def standardise(x: np.ndarray, mean=None, std=None):
    if mean is None:
        mean = np.nanmean(x, axis=0)
        std = np.nanstd(x, axis=0)
        std[std == 0] = 1.0
    z = (x - mean) / std
    z = np.where(np.isnan(z), 0.0, z)
    return np.clip(z, -5, 5), mean, std


def grouped_cv(x, y, group, c: float, folds: int = 5, seed: int = 20251128,
               out_scores: np.ndarray | None = None) -> tuple[float, list[float]]:
    rng = np.random.default_rng(seed)
    ids = np.unique(group)
    rng.shuffle(ids)
    fold_of = {g: i % folds for i, g in enumerate(ids)}
    f = np.array([fold_of[g] for g in group])
    scores = np.zeros(len(y))
    per_fold = []
    for k in range(folds):
        tr, te = f != k, f == k
        xtr, mean, std = standardise(x[tr])
        w, b = fit_logistic(xtr, y[tr], c)
        xte, _, _ = standardise(x[te], mean, std)
        scores[te] = xte @ w + b
        per_fold.append(auroc(scores[te], y[te]))
    if out_scores is not None:
        out_scores[:] = scores
    return auroc(scores, y), per_fold


def bands(reports, labels, domains):
    out: dict = {"overall": {}, "domains": {}}
    human: dict = {"overall": {}, "domains": {}}

    def put(target, key, subset):
        vals = {m: [getattr(r, m) for r in subset if getattr(r, m) is not None] for m in SCALAR_METRICS}
        target[key] = {}
        for m, v in vals.items():
            if len(v) >= 10:
                arr = np.array(v, dtype=float)
                target[key][m] = arr
        return target[key]

    for lab, dest in (("machine", out), ("human", human)):
        sub = [r for r, lab_ in zip(reports, labels, strict=True) if lab_ == lab]
        overall = put({}, "x", sub)
        dest["overall"] = _summ(overall, lab)
        for d in sorted(set(domains)):
            subd = [r for r, lab_, dd in zip(reports, labels, domains, strict=True)
                    if lab_ == lab and dd == d]
            dest["domains"][d] = _summ(put({}, "x", subd), lab)
    return out, human


def _summ(arrs: dict, lab: str) -> dict:
    res = {}
    for m, arr in arrs.items():
        if lab == "machine":
            res[m] = [round(float(np.percentile(arr, 10)), 4), round(float(np.percentile(arr, 90)), 4)]
        else:
            med = float(np.median(arr))
            mad = float(np.median(np.abs(arr - med))) * 1.4826
            res[m] = {"median": round(med, 4), "scale": round(max(mad, 1e-6), 4),
                      "p10": round(float(np.percentile(arr, 10)), 4),
                      "p90": round(float(np.percentile(arr, 90)), 4)}
    return res


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--c", type=float, default=0.3, help="inverse L2 strength")
    args = parser.parse_args()
    rows, group, generator = load(args.shared)
    reports = [analyze(r["text"]) for r in rows]
    y = np.array([1 if r["label"] == "machine" else 0 for r in rows])
    x = matrix(reports)
    for c in (0.03, 0.1, 0.3, 1.0, 3.0, 10.0):
        cv, folds = grouped_cv(x, y, group, c)
        print(f"C={c:<5} grouped 5-fold CV AUROC {cv:.4f} (folds {', '.join(f'{a:.3f}' for a in folds)})")
    cv_scores = np.zeros(len(y))
    cv, folds = grouped_cv(x, y, group, args.c, out_scores=cv_scores)
    breakdown: dict[str, dict[str, float]] = {"domain": {}, "generator": {}}
    for d in sorted({r["domain"] for r in rows}):
        idx = np.array([r["domain"] == d for r in rows])
        breakdown["domain"][d] = round(auroc(cv_scores[idx], y[idx]), 3)
    for g in sorted(set(generator)):
        idx = np.array([gen == g for gen in generator])
        breakdown["generator"][g] = round(auroc(cv_scores[idx], y[idx]), 3)
    print("grouped CV AUROC by domain:", breakdown["domain"])
    print("grouped CV AUROC by generator (its rewrites vs their human sources):", breakdown["generator"])
    xs, mean, std = standardise(x)
    w, b = fit_logistic(xs, y, args.c)
    train_auc = auroc(xs @ w + b, y)
    per_gen: dict[str, float] = {}
    for j, name in enumerate(FEATURES):
        col = x[:, j]
        ok = ~np.isnan(col)
        per_gen[name] = round(auroc(col[ok], y[ok]), 3)
    model = {
        "about": "Logistic regression over interpretable style features; describes style, not authorship. "
        "Fitted by packaging/tools/fit_voice_model.py on the Quill eval set (L2R rewrites, CC BY 3.0).",
        "features": FEATURES,
        "log_features": LOG_FEATURES,
        "mean": [round(float(v), 6) for v in mean],
        "std": [round(float(v), 6) for v in std],
        "coef": [round(float(v), 6) for v in w],
        "intercept": round(float(b), 6),
        "c": args.c,
        "grouped_cv_auroc": round(cv, 4),
        "grouped_cv_fold_auroc": [round(a, 4) for a in folds],
        "grouped_cv_breakdown": breakdown,
        "train_auroc": round(train_auc, 4),
        "single_feature_auroc": per_gen,
        "n_texts": len(rows),
    }
    out = ROOT / "resources" / "voice"
    (out / "model.json").write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    labels = [r["label"] for r in rows]
    domains = [r["domain"] for r in rows]
    llm, human = bands(reports, labels, domains)
    llm["about"] = ("Machine-text p10–p90 per metric on the Quill eval set (500 LLM rewrites by GPT-4o, "
                    "Gemini-1.5-Pro, Llama-3-70B, GPT-3.5). Aggregate numbers only.")
    human["about"] = ("Human-text median, 1.4826·MAD, p10 and p90 per metric on the Quill eval set "
                      "(500 human texts). Aggregate numbers only; used to shrink small writer baselines.")
    (out / "llm_bands.json").write_text(json.dumps(llm, indent=1) + "\n", encoding="utf-8")
    (out / "human_reference.json").write_text(json.dumps(human, indent=1) + "\n", encoding="utf-8")
    print(f"chosen C={args.c}: grouped CV AUROC {cv:.4f}; train AUROC {train_auc:.4f}")
    for name, coef in sorted(zip(FEATURES, w, strict=True), key=lambda t: -abs(t[1])):
        print(f"  {name:<40} {coef:+.3f}   single AUROC {per_gen[name]:.3f}")


if __name__ == "__main__":
    main()
