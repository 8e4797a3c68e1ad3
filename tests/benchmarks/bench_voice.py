"""Benchmark the voice engine on a 200,000-word document of real prose (not collected by pytest).

Run: ``python tests/benchmarks/bench_voice.py [--words 200000]``. The document is built in
memory from ../shared/eval texts (never written to the repo). Prints figures for docs/VOICE.md.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from quill.voice import VoiceEngine, analyze  # noqa: E402
from quill.voice.segment import split_sentences  # noqa: E402
from quill.voice.words import WORD  # noqa: E402

SHARED = ROOT.parent / "shared"


def build_document(words: int) -> str:
    texts = [json.loads(line)["text"] for line in (SHARED / "eval" / "voice_eval.jsonl").open(encoding="utf-8")]
    paras: list[str] = []
    count = 0
    i = 0
    while count < words:
        text = texts[i % len(texts)]
        for para in text.split("\n"):
            para = " ".join(para.split())
            if para:
                paras.append(para)
                count += len(WORD.findall(para))
        i += 1
    return "\n\n".join(paras)


def decorate(doc: str) -> str:
    """Emphasis, strong, links and code spans on about 5% of words, so mistune's path is measured."""
    import re

    rng = random.Random(1)

    def one(m: re.Match[str]) -> str:
        w, r = m.group(), rng.random()
        if r < 0.03:
            return f"*{w}*"
        if r < 0.04:
            return f"**{w}**"
        if r < 0.045:
            return f"[{w}](https://example.com/{w})"
        return f"`{w}`" if r < 0.05 else w

    return re.sub(r"[A-Za-z]+", one, doc)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--words", type=int, default=200_000)
    parser.add_argument("--edits", type=int, default=30)
    args = parser.parse_args()
    doc = build_document(args.words)
    paras = doc.split("\n\n")
    nwords = len(WORD.findall(doc))
    print(f"document: {nwords} words, {len(paras)} paragraphs, {len(doc)} characters")

    t = time.perf_counter()
    for p in paras:
        split_sentences(p)
    dt = time.perf_counter() - t
    print(f"segmenter: {nwords / dt / 1e6:.2f} M words/s ({dt * 1000:.0f} ms)")

    times = []
    for _ in range(3):
        t = time.perf_counter()
        analyze(doc)
        times.append(time.perf_counter() - t)
    print(f"analyze from scratch: best {min(times):.2f} s, median {statistics.median(times):.2f} s")

    md = decorate(doc)
    t = time.perf_counter()
    analyze(md)
    print(f"analyze from scratch, same text with inline markdown on ~5% of words: {time.perf_counter() - t:.2f} s")

    tracemalloc.start()
    analyze(doc)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak traced memory during analyze: {peak / 1e6:.0f} MB")

    engine = VoiceEngine()
    engine.update(doc)
    rng = random.Random(7)
    text = doc
    upd = []
    for _ in range(args.edits):
        pos = rng.randrange(len(text))
        text = text[:pos] + rng.choice("abcdefgh ,.") + text[pos:]
        t = time.perf_counter()
        engine.update(text)
        upd.append(time.perf_counter() - t)
    print(f"VoiceEngine.update after a 1-char edit: median {statistics.median(upd) * 1000:.0f} ms, "
          f"p90 {sorted(upd)[int(len(upd) * 0.9)] * 1000:.0f} ms, max {max(upd) * 1000:.0f} ms")

    from tests.voice.test_engine import PATHOLOGICAL  # the same hostile inputs the tests use

    worst = max((_timed(lambda text=text: analyze(text)), name) for name, text in PATHOLOGICAL.items())
    print(f"pathological inputs ({len(PATHOLOGICAL)}): slowest {worst[1]!r} {worst[0]:.2f} s (budget < 1 s each)")


def _timed(work) -> float:  # noqa: ANN001
    t = time.perf_counter()
    work()
    return time.perf_counter() - t


if __name__ == "__main__":
    main()
