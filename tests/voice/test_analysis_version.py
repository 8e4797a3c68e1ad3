"""A change to what the voice engine measures must come with a new ``ANALYSIS_VERSION``.

Every cache of figures (the panel's last analysis of a piece, the writer's profile, the history's
voice timeline) keys on it. Twice a round changed the measures and left it alone, and a piece
unchanged since the last launch would have shown the old engine's figures beside the new ones.
This test fingerprints the report of a sample holding every construct the engine reads
specially; when the fingerprint moves, bump ``ANALYSIS_VERSION`` and record the new one here.
"""

from __future__ import annotations

import hashlib
import json

from quill.voice import ANALYSIS_VERSION, analyze

SAMPLE = """---
title: Sample
---

# A heading

The river was cold that morning. We swam anyway — laughing, shouting -- and then it rained.
Nobody minded. "Is it deep?" Anna asked. It wasn’t. Mr. Smith paid $3.50 at 5 p.m. and left... slowly!

Shipped it 🚀 The team cheered. What a day. 🎉 Let $a$ and $b$ be the sides; it cost $20 and $30.

- a list label
- A list item that reads as a sentence.

    Its second paragraph, indented under it.

> Someone else's words, quoted.

It took weeks.[^1] One year.^[An inline note.]

[^1]: A footnote of several words.

Term
: A definition of the term, as pandoc writes it.

    And its second paragraph, as pandoc writes it.

| a | b |
|---|---|
| 1 | 2 |

```
code = "not prose"
```

It is a testament to the town, highlighting its pivotal role. Short. Very short. Tiny.
Albert\u00a0I. Jones waved. “You and me? No‼ I. Never.”
It was not only‼ But it rained, not only this… but that.
We waited. I... then left. «In conclusion, highlighting» nothing.
The hedges went by, bare and wet and dripping. We bought bread, cheese, and wine. So, Kelly and I left.
"""

#: ANALYSIS_VERSION -> the fingerprint of the sample's report under it
FINGERPRINTS = {5: "623c50f4400185c0", 6: "0409382839501089",  # 6: the sample gained "Albert\u00a0I."
                7: "bc3e176096a03161",  # 7: and "not only‼ But …", "not only this… but that"
                8: "53f6336d9aa2f8e2",  # 8: and "I... then left.", "«In conclusion, highlighting»"
                9: "d0bed9d4b9e97420"}  # 9: and polysyndeton, "So, Kelly and I" (no triads); the model refit


def fingerprint() -> str:
    def rounded(value):  # noqa: ANN001, ANN202 - floats to three places: libm may differ in the last bit
        if isinstance(value, float):
            return round(value, 3)
        if isinstance(value, dict):
            return {k: rounded(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [rounded(v) for v in value]
        return value

    report = rounded(analyze(SAMPLE).to_dict())
    return hashlib.sha256(json.dumps(report, sort_keys=True, default=str).encode()).hexdigest()[:16]


def test_the_measures_move_only_with_the_analysis_version() -> None:
    assert ANALYSIS_VERSION in FINGERPRINTS, f"record the fingerprint of version {ANALYSIS_VERSION}: {fingerprint()}"
    assert fingerprint() == FINGERPRINTS[ANALYSIS_VERSION], (
        "the voice engine's figures moved: bump ANALYSIS_VERSION in quill/voice/__init__.py and record "
        f"{{{ANALYSIS_VERSION + 1}: {fingerprint()!r}}} in FINGERPRINTS")
