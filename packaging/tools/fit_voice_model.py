"""Fit machine_likeness and the reference bands on ../shared/eval (a dev tool, not shipped).

Why this design: a logistic regression on standardised, interpretable features, with L2,
so each weight can be read as "this habit pushes toward the machine rewrites". Folds are
grouped by pair (voice_eval_pairs.csv): a human text and its rewrite share content, and
splitting them across folds would leak it. The script writes:

- resources/voice/model.json      feature names, means, stds, weights, CV AUROC
- resources/voice/llm_bands.json  machine p10–p90 per metric (overall and per domain)
- resources/voice/human_reference.json  human median and 1.4826·MAD per metric (and domain)

Only aggregate numbers are written; no text from the eval set is copied anywhere.
Usage: python packaging/tools/fit_voice_model.py [--shared ../shared] [--c 0.1]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from quill.voice import analyze  # noqa: E402
from quill.voice.report import SCALAR_METRICS  # noqa: E402

#: The model's inputs. Chosen so that every weight keeps its sign in >= 95% of bootstrap refits
#: (grouped by pair) and can be told to a writer in plain words: collinear measures were
#: dropped (MTLD/MATTR/HD-D, word length/syllables, burstiness/MASD, the two entropies), and
#: so were measures that only describe the eval set's prompts or typography (questions and
#: exclamations, which the "friendlier" rewrite prompts inflate; dashes, which Quill's writers
#: use and GPT-4o overuses, so their rate says more about a model than about a voice).
FEATURES = [
    "burstiness", "long_sentence_rate", "clause_burstiness", "interior_entropy", "comma_per_1000_words",
    "parenthesis_per_1000_words", "function_word_share", "content_repeat_share", "tell_word_rate",
    "register_rate", "comma_participle_rate",
]
LOG_FEATURES = [f for f in FEATURES if f.endswith("_per_1000_words") or f.endswith("_rate")
                and f not in ("fragment_rate", "long_sentence_rate")]
#: Window lengths (words) for calibrating how far a score can move at a given length.
INTERVAL_LENGTHS = (150, 200, 300, 450)
#: The interval shown is the central 80% (±1.2816 SD in logit units).
INTERVAL_Z = 1.2816


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


def typographise(text: str, rng: np.random.Generator) -> str:
    """Randomly restyle dashes, quotes and ellipses, as an editor or publisher might.

    Applied to both classes before fitting: if any feature still saw typography, the
    augmented fit would differ from the plain one, and ``typography_check`` would say so.
    """
    style = rng.integers(0, 4)
    if style == 0:  # curly quotes, em dashes, ellipsis glyph
        text = re.sub(r"(^|[\s(\[])\"", "\\1“", text)
        text = text.replace('"', "”").replace("'", "’").replace(" -- ", " — ").replace("--", "—")
        return text.replace("...", "…")
    if style == 1:  # ASCII: double hyphens, straight quotes, three dots
        for a, b in (("—", "--"), ("–", "--"), ("“", '"'), ("”", '"'), ("’", "'"), ("‘", "'"), ("…", "...")):
            text = text.replace(a, b)
        return text
    if style == 2:  # triple hyphens for dashes
        return text.replace("—", "---").replace(" -- ", " --- ")
    return text  # unchanged


def leave_one_out(x: np.ndarray, y: np.ndarray, key: list[str], c: float) -> dict[str, float]:
    """AUROC on each group when the model is fitted without it (domain or generator)."""
    keys = np.array(key)
    out = {}
    for value in sorted(set(key)):
        if not value:
            continue
        test = keys == value
        if test.sum() < 10:
            continue
        # a generator's rewrites are tested against their own human sources
        xtr, mean, std = standardise(x[~test])
        w, b = fit_logistic(xtr, y[~test], c)
        xte, _, _ = standardise(x[test], mean, std)
        out[value] = round(auroc(xte @ w + b, y[test]), 3)
    return out


def sign_stability(x: np.ndarray, y: np.ndarray, group: np.ndarray, c: float, refits: int = 500,
                   seed: int = 20261204) -> np.ndarray:
    """Share of bootstrap refits (pairs resampled whole) in which each weight keeps its sign."""
    rng = np.random.default_rng(seed)
    ids = np.unique(group)
    rows_of = {g: np.where(group == g)[0] for g in ids}
    xs, _, _ = standardise(x)
    w0, _ = fit_logistic(xs, y, c)
    same = np.zeros(x.shape[1])
    for _ in range(refits):
        pick = rng.choice(ids, len(ids), replace=True)
        idx = np.concatenate([rows_of[g] for g in pick])
        xb, _, _ = standardise(x[idx])
        w, _ = fit_logistic(xb, y[idx], c, iters=60)
        same += np.sign(w) == np.sign(w0)
    return same / refits


def window_spread(texts: list[str], score) -> dict[int, float]:
    """Median SD, in logit units, of the scores of same-length windows of one text.

    A window is a run of whole sentences of about ``n`` words; windows of one text share its
    writer, topic and genre, so their spread is what length alone leaves uncertain.
    """
    from quill.voice.segment import split_sentences
    from quill.voice.words import WORD

    spreads: dict[int, list[float]] = {n: [] for n in INTERVAL_LENGTHS}
    for text in texts:
        spans = split_sentences(" ".join(text.split()))
        flat = " ".join(text.split())
        lengths = [len(WORD.findall(flat, s, e)) for s, e in spans]
        for n in INTERVAL_LENGTHS:
            if sum(lengths) < 2 * n:
                continue
            logits = []
            i = 0
            while i < len(spans):
                j, words = i, 0
                while j < len(spans) and words < n:
                    words += lengths[j]
                    j += 1
                if words < n:
                    break
                logits.append(score(flat[spans[i][0]:spans[j - 1][1]]))
                i = j
            if len(logits) >= 2:
                spreads[n].append(float(np.std(logits)))
    return {n: float(np.median(v)) for n, v in spreads.items() if len(v) >= 20}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--c", type=float, default=0.1, help="inverse L2 strength")
    args = parser.parse_args()
    rows, group, generator = load(args.shared)
    rng = np.random.default_rng(20261204)
    styled = [typographise(r["text"], rng) for r in rows]
    reports = [analyze(r["text"]) for r in rows]
    styled_reports = [analyze(t) for t in styled]
    y = np.array([1 if r["label"] == "machine" else 0 for r in rows])
    x_plain = matrix(reports)
    x = matrix(styled_reports)
    changed = int(np.sum(np.any(np.abs(np.nan_to_num(x) - np.nan_to_num(x_plain)) > 1e-12, axis=1)))
    print(f"typography check: {changed} of {len(rows)} texts changed any feature when restyled")
    for c in (0.03, 0.1, 0.3, 1.0, 3.0):
        cv, folds = grouped_cv(x, y, group, c)
        print(f"C={c:<5} grouped 5-fold CV AUROC {cv:.4f} (folds {', '.join(f'{a:.3f}' for a in folds)})")
    cv_scores = np.zeros(len(y))
    cv, folds = grouped_cv(x, y, group, args.c, out_scores=cv_scores)
    domains = [r["domain"] for r in rows]
    breakdown: dict[str, dict[str, float]] = {"domain": {}, "generator": {}}
    for d in sorted(set(domains)):
        idx = np.array([dd == d for dd in domains])
        breakdown["domain"][d] = round(auroc(cv_scores[idx], y[idx]), 3)
    for g in sorted(set(generator)):
        idx = np.array([gen == g for gen in generator])
        breakdown["generator"][g] = round(auroc(cv_scores[idx], y[idx]), 3)
    shown = np.array([r.machine_likeness is not None for r in reports])
    breakdown["scored_texts"] = {"n": int(shown.sum()), "auroc": round(auroc(cv_scores[shown], y[shown]), 4)}
    print(f"grouped CV AUROC on the {int(shown.sum())} texts long enough to be scored: "
          f"{breakdown['scored_texts']['auroc']:.4f}")
    lodo = leave_one_out(x, y, domains, args.c)
    # leave one generator out: its rewrites and their human sources are the test set
    logo = leave_one_out(x, y, generator, args.c)
    print("grouped CV AUROC by domain:", breakdown["domain"])
    print("grouped CV AUROC by generator:", breakdown["generator"])
    print("leave-one-domain-out AUROC:", lodo)
    print("leave-one-generator-out AUROC:", logo)
    xs, mean, std = standardise(x)
    w, b = fit_logistic(xs, y, args.c)
    train_auc = auroc(xs @ w + b, y)
    stability = sign_stability(x, y, group, args.c)
    single: dict[str, float] = {}
    for j, name in enumerate(FEATURES):
        col = x[:, j]
        ok = ~np.isnan(col)
        single[name] = round(auroc(col[ok], y[ok]), 3)
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
        "leave_one_domain_out_auroc": lodo,
        "leave_one_generator_out_auroc": logo,
        "sign_stability": {n: round(float(v), 3) for n, v in zip(FEATURES, stability, strict=True)},
        "typography_changed_texts": changed,
        "train_auroc": round(train_auc, 4),
        "single_feature_auroc": single,
        "n_texts": len(rows),
    }
    out = ROOT / "resources" / "voice"
    (out / "model.json").write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")

    from quill.voice import model as shipped

    shipped.weights.cache_clear()

    def logit(text: str) -> float:
        z = shipped.logit(analyze(text).features)
        return 0.0 if z is None else z

    spread = window_spread([r["text"] for r in rows], logit)
    # sd(n) = a · n^-1/2, fitted through the measured medians (least squares on a)
    lengths = np.array(sorted(spread), dtype=float)
    sds = np.array([spread[int(n)] for n in lengths])
    a = float(np.sum(sds / np.sqrt(lengths)) / np.sum(1 / lengths))
    model["interval"] = {"z": INTERVAL_Z, "a": round(a, 4),
                         "measured_sd": {str(int(n)): round(spread[int(n)], 3) for n in lengths}}
    (out / "model.json").write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print("window logit SD by length:", model["interval"]["measured_sd"], f"-> a = {a:.3f}")

    labels = [r["label"] for r in rows]
    llm, human = bands(reports, labels, domains)
    llm["about"] = ("Machine-text p10–p90 per metric on the Quill eval set (500 LLM rewrites by GPT-4o, "
                    "Gemini-1.5-Pro, Llama-3-70B, GPT-3.5). Aggregate numbers only.")
    human["about"] = ("Human-text median, 1.4826·MAD, p10 and p90 per metric on the Quill eval set "
                      "(500 human texts). Aggregate numbers only; used to shrink small writer baselines.")
    (out / "llm_bands.json").write_text(json.dumps(llm, indent=1) + "\n", encoding="utf-8")
    (out / "human_reference.json").write_text(json.dumps(human, indent=1) + "\n", encoding="utf-8")
    print(f"chosen C={args.c}: grouped CV AUROC {cv:.4f}; train AUROC {train_auc:.4f}")
    print(f"  {'feature':<32} {'weight':>7}  {'same sign':>9}  single AUROC")
    for name, coef, st in sorted(zip(FEATURES, w, stability, strict=True), key=lambda t: -abs(t[1])):
        print(f"  {name:<32} {coef:+7.3f}  {st:9.1%}  {single[name]:.3f}")


if __name__ == "__main__":
    main()
