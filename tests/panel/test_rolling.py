"""The rolling burstiness under the rhythm strip equals the plain definition, window by window."""

from __future__ import annotations

import math
import random

import pytest

from quill.voice.panel_data import ROLLING_WINDOW, rolling_cv


def cv(values: list[int]) -> float | None:
    """The plain definition: population standard deviation over the mean."""
    mean = sum(values) / len(values)
    return math.sqrt(sum((v - mean) ** 2 for v in values) / len(values)) / mean if mean else None


@pytest.mark.parametrize("seed", range(5))
def test_running_sums_give_each_windows_coefficient_of_variation(seed: int) -> None:
    rng = random.Random(seed)
    lengths = [rng.choice([0, 1, 3, 8, 12, 17, 25, 40]) for _ in range(150)]
    first, stop = ROLLING_WINDOW + rng.randrange(40), 151
    expected = [v for i in range(first, stop) if (v := cv(lengths[i - ROLLING_WINDOW:i])) is not None]
    assert rolling_cv(lengths, first, stop) == pytest.approx(expected, rel=1e-12)


def test_an_even_stretch_reads_flat() -> None:
    assert rolling_cv([12] * 40, ROLLING_WINDOW, 41) == [0.0] * 21
