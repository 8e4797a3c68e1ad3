"""Deterministic book-length markdown for benchmarks (no external data needed)."""

from __future__ import annotations

import random

COMMON = (  # noqa: SIM905 - a word list reads better as one string
    "the of and to a in that it is was he for on are as with his they at be this from have or by one had not "
    "but what all were when we there can an your which their said if do will each about how up out them then "
    "she many some so these would other into has more her two like him see time could no make than first been "
    "its who now people my made over did down only way find use may water long little very after words called "
    "just where most know get through back much before go good new write our used me man too any day same right "
    "look think also around another came come work three word must because does part even place well such here "
    "take why things help put years different away again off went old number great tell men say small every "
    "found still between name should home big give air line set own under read last never us left end along "
    "while might next sound below saw something thought both few those always looked show large often together "
    "asked house world going want school important until form food keep children feet land side without boy "
    "once animals life enough took sometimes four head above kind began almost live page got earth need far hand "
    "high year mother light parts country father let night following picture being study second eyes soon times "
    "story boys since white days ever paper hard near sentence better best across during today others however "
    "sure means knew try told young miles sun ways thing whole hear example heard several change answer room sea"
).split()


def sentence(rng: random.Random) -> str:
    length = max(1, int(rng.lognormvariate(2.6, 0.6)))
    words = [rng.choice(COMMON) for _ in range(length)]
    words[0] = words[0].capitalize()
    if length > 8 and rng.random() < 0.5:
        words[rng.randrange(2, length - 2)] += rng.choice([",", ";", " —"])
    if rng.random() < 0.1:
        i = rng.randrange(length)
        words[i] = f"*{words[i]}*"
    return " ".join(words) + rng.choice([".", ".", ".", "?", "!"])


def document(words: int, seed: int = 1) -> str:
    """About ``words`` words of markdown prose with headings, emphasis, lists and a long paragraph."""
    rng = random.Random(seed)
    parts: list[str] = []
    count = 0
    chapter = 0
    while count < words:
        if len(parts) % 40 == 0:
            chapter += 1
            parts.append(f"## Chapter {chapter}")
        paragraph = " ".join(sentence(rng) for _ in range(rng.randint(2, 7)))
        count += len(paragraph.split())
        parts.append(paragraph)
    return "\n\n".join(parts) + "\n"


def long_paragraph(chars: int = 1000, seed: int = 2) -> str:
    rng = random.Random(seed)
    text = ""
    while len(text) < chars:
        text += sentence(rng) + " "
    return text[:chars].rstrip()
