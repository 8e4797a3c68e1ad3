"""What moved machine_likeness for this draft, in words a writer can use.

Why: a bare 0.8 teaches nothing and invites guessing. Each model feature's push on the
score (weight × how far the draft sits from the typical text) is known exactly, so the
panel can name the two or three that mattered most, in the writer's terms ("long, even
sentences"), never the model's ("burstiness z = −1.4"). Directions are worded from the
draft's side (what the draft *has*), so a push toward the machine side and a push away
from it read the same way.
"""

from __future__ import annotations

from collections.abc import Iterable

#: feature → (words when the draft is high on it, words when it is low)
PLAIN: dict[str, tuple[str, str]] = {
    "burstiness": ("sentence lengths that vary", "long, even sentences"),
    "long_sentence_rate": ("some long, winding sentences", "no long, winding sentences"),
    "clause_burstiness": ("clauses of very different lengths", "evenly sized clauses"),
    "interior_entropy": ("varied marks inside sentences", "little variety in marks inside sentences"),
    "comma_per_1000_words": ("many commas stringing clauses together", "few commas"),
    "parenthesis_per_1000_words": ("asides in brackets", "no asides in brackets"),
    "function_word_share": ("plain connecting words (the, of, it, was)", "dense, content-heavy wording"),
    "content_repeat_share": ("words picked up from the sentence before",
                             "a new word for everything, little repetition"),
    "tell_word_rate": ("stock words", "no stock words"),
    "register_rate": ("register words", "no inflated register words"),
    "comma_participle_rate": ("trailing “, -ing” clauses", "no trailing “, -ing” clauses"),
}

#: how many reasons the panel lists, and the smallest push worth naming (logit units)
TOP = 3
MIN_PUSH = 0.15


def reasons(contributions: dict[str, float], features: dict[str, float | None],
            means: dict[str, float], examples: Iterable[str] = ()) -> tuple[tuple[str, str, float], ...]:
    """The largest pushes as (feature, plain words, push); push > 0 leans machine.

    ``means`` are the features' training means (in the model's scale) so "high" and "low"
    are relative to typical text; ``examples`` are words from the draft's habit hits, shown
    after "stock words" and "register words".
    """
    # Named as the writer would say them: "a testament to", whether its spaces were typed plain,
    # no-break or thin (typography never changes what the panel says, nor which three it names).
    shown = list(dict.fromkeys(" ".join(e.lower().split()) for e in examples))[:3]
    ranked = sorted(contributions.items(), key=lambda item: -abs(item[1]))
    out: list[tuple[str, str, float]] = []
    for name, push in ranked:
        if abs(push) < MIN_PUSH or name not in PLAIN:
            continue
        value = features.get(name)
        if value is None:
            continue
        high = _is_high(name, value, means)
        words = PLAIN[name][0 if high else 1]
        if high and name in ("tell_word_rate", "register_rate") and shown:
            words = f"{words}: {', '.join(shown)}"
        out.append((name, words, round(push, 3)))
        if len(out) == TOP:
            break
    return tuple(out)


def _is_high(name: str, value: float, means: dict[str, float]) -> bool:
    import math

    from quill.voice.model import weights

    model = weights() or {}
    raw = math.log1p(max(value, 0.0)) if name in set(model.get("log_features", ())) else value
    return raw >= means.get(name, raw)
