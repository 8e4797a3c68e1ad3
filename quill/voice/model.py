"""machine_likeness: a small logistic regression over interpretable style features.

Why pure Python at run time: it is one dot product and a sigmoid, so numpy is not needed
on the worker thread; the weights come from ``resources/voice/model.json`` written by
``packaging/tools/fit_voice_model.py``. The number describes *style* (how close the text's measured
habits sit to the machine rewrites in our evaluation data), never who wrote it.

Why an interval: at a few hundred words the score moves a lot with which sentences happen
to be in the draft (150-word windows of one text differ by a median of about 0.2). The fit
measures that spread in logit units at several lengths and stores ``sd(n) = a / sqrt(n)``;
the panel shows the central 80% around the score, so "0.3, could be 0.1–0.6" narrows as
the draft grows.
"""

from __future__ import annotations

import json
import math
from functools import cache
from typing import Any

from quill.resources import resource_path

#: z-scores are clipped so that one extreme rate cannot decide the score alone
CLIP = 5.0


@cache
def weights() -> dict[str, Any] | None:
    """The shipped model, or None if it is missing or malformed (the metric is then null)."""
    try:
        data = json.loads(resource_path("voice", "model.json").read_text(encoding="utf-8"))
        if not isinstance(data.get("features"), list):
            return None
        return data
    except (OSError, ValueError, AttributeError):
        return None


def transform(name: str, value: float, log_features: set[str] | frozenset[str]) -> float:
    return math.log1p(max(value, 0.0)) if name in log_features else value


def contributions(features: dict[str, float | None]) -> dict[str, float] | None:
    """Each model feature's push on the logit (weight × clipped z); None without a model.

    Positive pushes toward the machine rewrites. A missing feature sits at the training
    mean and pushes nothing.
    """
    model = weights()
    if model is None or not features:
        return None
    log_features = frozenset(model.get("log_features", ()))
    out: dict[str, float] = {}
    for name, mean, std, weight in zip(model["features"], model["mean"], model["std"], model["coef"],
                                       strict=True):
        value = features.get(name)
        if value is None or not math.isfinite(value):
            out[name] = 0.0
            continue
        x = (transform(name, value, log_features) - mean) / std
        out[name] = weight * max(-CLIP, min(CLIP, x))
    return out


def logit(features: dict[str, float | None]) -> float | None:
    """The model's log-odds for these features, or None without a model."""
    parts = contributions(features)
    if parts is None:
        return None
    model = weights()
    assert model is not None
    return float(model["intercept"]) + sum(parts.values())


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def machine_likeness(features: dict[str, float | None]) -> float | None:
    """Probability-like 0–1 score from the shipped model; None without a model."""
    z = logit(features)
    return None if z is None else _sigmoid(z)


def likeness_range(features: dict[str, float | None], words: int) -> tuple[float, float] | None:
    """Where the score could be at this length: the central 80% of same-length windows."""
    z = logit(features)
    model = weights()
    if z is None or model is None or words <= 0:
        return None
    interval = model.get("interval") or {}
    try:
        a = float(interval["a"])
        k = float(interval.get("z", 1.2816))
    except (KeyError, TypeError, ValueError):
        return None
    half = k * a / math.sqrt(words)
    return _sigmoid(z - half), _sigmoid(z + half)
