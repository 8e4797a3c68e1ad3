"""The writer's baseline: their own norms per metric, and where a draft sits against them.

Why robust statistics and shrinkage (VOICE-METRICS §7): a writer's finished pieces vary,
and a few outliers must not move the centre, so the centre is the median and the spread
1.4826·MAD. With fewer than 8 pieces that estimate is noisy, so it is blended with a human
reference (k = 3 pseudo-pieces) shipped in ``resources/voice/human_reference.json``. The
LLM band (machine p10–p90 on the eval set) is shown beside it as context, never a verdict.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from quill.resources import resource_path
from quill.voice.report import SCALAR_METRICS, VoiceReport


def median(values: Iterable[float]) -> float:
    """The median, as ``statistics.median`` gives it (the mean of the two middle values when there
    are an even number). Here because ``statistics`` brings ``fractions`` and ``decimal`` with it,
    ~0.5 MB of the voice panel's memory for two small functions (issue 20)."""
    data = sorted(values)
    n = len(data)
    if n == 0:
        raise ValueError("no median for empty data")
    if n % 2 == 1:
        return data[n // 2]
    return (data[n // 2 - 1] + data[n // 2]) / 2


def quartiles(values: Iterable[float]) -> list[float]:
    """The three quartile cut points, as ``statistics.quantiles(values, n=4, method="inclusive")``
    gives them (the lowest value the 0th percentile, the highest the 100th)."""
    data = sorted(values)
    m = len(data) - 1
    if m < 1:
        raise ValueError("quartiles need at least two values")
    out = []
    for i in (1, 2, 3):
        j, delta = divmod(i * m, 4)
        out.append((data[j] * (4 - delta) + data[j + 1] * delta) / 4)
    return out


SHRINK_K = 3
FULL_BASELINE = 8
Z_CLIP = 3.0
MAD_SCALE = 1.4826


@cache
def _load(name: str) -> dict[str, Any]:
    try:
        return json.loads(resource_path("voice", name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def llm_band(metric: str, domain: str | None = None) -> tuple[float, float] | None:
    """Machine-text p10–p90 for ``metric`` (per domain if known, else overall), or None."""
    data = _load("llm_bands.json")
    table = data.get("domains", {}).get(domain, {}) if domain else {}
    band = table.get(metric) or data.get("overall", {}).get(metric)
    return (float(band[0]), float(band[1])) if band else None


def human_reference(metric: str, domain: str | None = None) -> dict[str, float] | None:
    """Human {median, scale, p10, p90} for ``metric`` (per domain if known), or None."""
    data = _load("human_reference.json")
    table = data.get("domains", {}).get(domain, {}) if domain else {}
    ref = table.get(metric) or data.get("overall", {}).get(metric)
    return dict(ref) if ref else None


def domains() -> list[str]:
    """Genres with their own reference numbers (academic, blog, creative, essay, news, review)."""
    return sorted(_load("llm_bands.json").get("domains", {}))


@dataclass(frozen=True, slots=True)
class MetricNorm:
    centre: float
    spread: float
    pieces: int


@dataclass(frozen=True, slots=True)
class Comparison:
    """One metric of a draft against the writer's norm and the LLM band."""

    value: float | None
    z: float | None  # clipped to ±3; None without a value or a norm
    writer_band: tuple[float, float] | None  # centre ± spread
    llm_band: tuple[float, float] | None

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "z": self.z,
                "writer_band": list(self.writer_band) if self.writer_band else None,
                "llm_band": list(self.llm_band) if self.llm_band else None}


class VoiceBaseline:
    """Per-metric centre and spread of a writer's finished pieces."""

    def __init__(self, norms: dict[str, MetricNorm], pieces: int, domain: str | None = None) -> None:
        self.norms = norms
        self.pieces = pieces
        self.domain = domain

    @classmethod
    def from_reports(cls, reports: Iterable[VoiceReport | dict], domain: str | None = None) -> VoiceBaseline:
        """Build from per-piece reports (or their to_dict() data); shrinks when pieces < 8."""
        reps = [r if isinstance(r, VoiceReport) else VoiceReport.from_dict(r) for r in reports]
        norms: dict[str, MetricNorm] = {}
        for metric in SCALAR_METRICS:
            values = [float(v) for r in reps if (v := getattr(r, metric)) is not None and math.isfinite(v)]
            ref = human_reference(metric, domain)
            n = len(values)
            if n:
                med = median(values)
                mad = median([abs(v - med) for v in values]) * MAD_SCALE
            if ref is None:
                if n:
                    norms[metric] = MetricNorm(med, max(mad, 1e-9), n)
                continue
            if n >= FULL_BASELINE and mad > 0:
                norms[metric] = MetricNorm(med, mad, n)
                continue
            k = SHRINK_K
            r_med, r_sd = float(ref["median"]), float(ref["scale"])
            if n == 0:
                norms[metric] = MetricNorm(r_med, r_sd, 0)
                continue
            centre = (n * med + k * r_med) / (n + k)
            spread = math.sqrt((n * mad * mad + k * r_sd * r_sd) / (n + k))
            norms[metric] = MetricNorm(centre, max(spread, 1e-9), n)
        return cls(norms, len(reps), domain)

    def compare(self, report: VoiceReport | dict) -> dict[str, Comparison]:
        """Per metric: value, clipped z-score, writer band (centre ± spread) and LLM band."""
        rep = report if isinstance(report, VoiceReport) else VoiceReport.from_dict(report)
        out: dict[str, Comparison] = {}
        for metric in SCALAR_METRICS:
            value = getattr(rep, metric)
            norm = self.norms.get(metric)
            z = band = None
            if norm is not None:
                band = (norm.centre - norm.spread, norm.centre + norm.spread)
                if value is not None and norm.spread > 0:
                    z = max(-Z_CLIP, min(Z_CLIP, (value - norm.centre) / norm.spread))
            out[metric] = Comparison(value, z, band, llm_band(metric, self.domain))
        return out

    def llm_band(self, metric: str) -> tuple[float, float] | None:
        return llm_band(metric, self.domain)

    def to_dict(self) -> dict[str, Any]:
        return {"version": 1, "pieces": self.pieces, "domain": self.domain,
                "norms": {m: [n.centre, n.spread, n.pieces] for m, n in self.norms.items()}}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> VoiceBaseline:
        norms = {m: MetricNorm(float(v[0]), float(v[1]), int(v[2])) for m, v in data.get("norms", {}).items()}
        return cls(norms, int(data.get("pieces", 0)), data.get("domain"))
