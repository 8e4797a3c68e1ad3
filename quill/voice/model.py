"""machine_likeness: a small logistic regression over interpretable style features.

Why pure Python at run time: it is one dot product and a sigmoid, so numpy is not needed
on the worker thread; the weights come from ``resources/voice/model.json`` written by
``packaging/tools/fit_voice_model.py``. The number describes *style* (how close the text's measured
habits sit to the machine rewrites in our evaluation data), never who wrote it.
"""

from __future__ import annotations

import json
import math
from functools import cache
from typing import Any

from quill.resources import resource_path


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


def machine_likeness(features: dict[str, float | None]) -> float | None:
    """Probability-like 0–1 score from the shipped model; None without a model."""
    model = weights()
    if model is None or not features:
        return None
    log_features = frozenset(model.get("log_features", ()))
    z = float(model["intercept"])
    for name, mean, std, weight in zip(model["features"], model["mean"], model["std"], model["coef"],
                                       strict=True):
        value = features.get(name)
        if value is None or not math.isfinite(value):
            continue  # missing → the training mean → contributes 0
        x = (transform(name, value, log_features) - mean) / std
        z += weight * max(-5.0, min(5.0, x))
    return 1.0 / (1.0 + math.exp(-z))
