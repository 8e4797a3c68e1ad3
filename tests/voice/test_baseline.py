"""The writer's baseline: robust centre and spread, shrinkage, comparison, serialisation."""

from __future__ import annotations

import json
import math
import statistics

import pytest

from quill.voice import VoiceBaseline, VoiceReport, analyze
from quill.voice.baseline import human_reference, llm_band


def _report(**values: float) -> VoiceReport:
    return VoiceReport(words=500, sentences=30, **values)


def test_full_baseline_uses_median_and_mad() -> None:
    values = [0.30, 0.35, 0.40, 0.45, 0.50, 0.55, 0.60, 2.00]  # one outlier
    base = VoiceBaseline.from_reports([_report(burstiness=v) for v in values])
    norm = base.norms["burstiness"]
    med = statistics.median(values)
    mad = statistics.median([abs(v - med) for v in values]) * 1.4826
    assert norm.centre == pytest.approx(med)
    assert norm.spread == pytest.approx(mad)
    assert norm.pieces == 8


def test_small_baseline_is_shrunk_toward_human_reference() -> None:
    ref = human_reference("burstiness")
    assert ref is not None
    values = [0.9, 1.0]
    base = VoiceBaseline.from_reports([_report(burstiness=v) for v in values])
    med = 0.95
    mad = 0.05 * 1.4826
    want_centre = (2 * med + 3 * ref["median"]) / 5
    want_spread = math.sqrt((2 * mad**2 + 3 * ref["scale"] ** 2) / 5)
    assert base.norms["burstiness"].centre == pytest.approx(want_centre)
    assert base.norms["burstiness"].spread == pytest.approx(want_spread)


def test_compare_gives_value_clipped_z_and_bands() -> None:
    base = VoiceBaseline.from_reports([_report(burstiness=0.4 + 0.01 * i) for i in range(10)])
    out = base.compare(_report(burstiness=50.0))
    cmp = out["burstiness"]
    assert cmp.value == 50.0
    assert cmp.z == 3.0
    lo, hi = cmp.writer_band
    assert lo < 0.45 < hi
    assert cmp.llm_band == llm_band("burstiness")
    assert out["mtld"].value is None and out["mtld"].z is None
    json.dumps({k: v.to_dict() for k, v in out.items()})


def test_llm_bands_overall_and_per_domain() -> None:
    lo, hi = llm_band("comma_per_1000_words")
    assert 0 < lo < hi
    blog = llm_band("burstiness", "blog")
    assert blog is not None and blog != llm_band("burstiness")
    assert llm_band("no_such_metric") is None


def test_round_trip_and_real_reports() -> None:
    texts = [
        "The river was cold. We swam anyway. " * 30,
        "Short one. Then a much longer sentence follows it. " * 30,
    ]
    base = VoiceBaseline.from_reports([analyze(t) for t in texts] + [analyze(texts[0]).to_dict()])
    again = VoiceBaseline.from_dict(json.loads(json.dumps(base.to_dict())))
    assert again.to_dict() == base.to_dict()
    draft = analyze("Something else entirely, written today. " * 20)
    assert {k: v.to_dict() for k, v in again.compare(draft).items()} == {
        k: v.to_dict() for k, v in base.compare(draft).items()
    }


def test_empty_baseline_falls_back_to_reference() -> None:
    base = VoiceBaseline.from_reports([])
    assert base.pieces == 0
    assert base.norms["burstiness"].centre == pytest.approx(human_reference("burstiness")["median"])


def test_the_writers_sentence_curve_leans_on_the_human_reference_like_the_bands():
    """One finished piece of two short sentences drew their lengths as the writer's whole shape (a
    spike at 0-5 words) for every draft to be held against. The curve now blends with the general
    human reference as the bands do, n / (n + 3), and is the writer's own from eight pieces on."""
    from quill.voice import analyze
    from quill.voice.baseline import FULL_BASELINE, SHRINK_K
    from quill.voice.profile import build_profile, human_curve, writer_curve

    human = human_curve()
    assert human is not None and abs(sum(human) - 1.0) < 0.05
    one = build_profile([analyze("The ferry came late. Nobody minded.")])
    assert one.pieces == 1 and sum(one.histogram[:2]) == 1.0  # two short sentences: the first bins
    blended = writer_curve(one)
    weight = 1 / (1 + SHRINK_K)
    assert blended == pytest.approx([weight * own + (1 - weight) * general
                                     for own, general in zip(one.histogram, human, strict=True)])
    assert max(blended) < 0.5 and blended[8] > 0  # no spike: longer sentences still have a place
    many = build_profile([analyze(f"The ferry came late on day {i}. Nobody minded.") for i in range(FULL_BASELINE)])
    assert writer_curve(many) == many.histogram
    assert writer_curve(build_profile([])) == human
