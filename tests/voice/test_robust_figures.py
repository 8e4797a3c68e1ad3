"""The baseline's median and the profile's quartiles are computed in quill.voice.baseline instead of
by ``statistics`` (which brings ``fractions`` and ``decimal``: issue 20's memory); they must give
exactly what ``statistics`` gives, and the panel's modules must not load it."""

from __future__ import annotations

import random
import statistics

import pytest

from quill.voice.baseline import median, quartiles
from tests.fresh_imports import loaded_after_importing


def test_median_and_quartiles_equal_the_standard_librarys() -> None:
    rng = random.Random(20)
    for size in list(range(1, 12)) + [57, 100, 1001]:
        for _ in range(20):
            values = [rng.choice([rng.random() * 100, float(rng.randint(0, 9)), 1e-9 * rng.random()])
                      for _ in range(size)]
            assert median(values) == statistics.median(values)
            if size >= 2:
                assert quartiles(values) == statistics.quantiles(values, n=4, method="inclusive")
    assert median([3, 1, 2]) == 2 and median([4, 1, 2, 3]) == 2.5
    with pytest.raises(ValueError):
        median([])
    with pytest.raises(ValueError):
        quartiles([1.0])


def test_the_panels_figures_do_not_load_statistics() -> None:
    loaded = loaded_after_importing(["quill.voice.panel_data", "quill.voice.profile", "quill.voice.panel_cache"],
                                    ["statistics", "fractions", "decimal"])
    assert loaded == set()
