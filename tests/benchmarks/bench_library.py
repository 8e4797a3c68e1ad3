"""Benchmark the library on a generated library of 10,000 pieces / 10 million words (not collected by pytest).

Run: ``python tests/benchmarks/bench_library.py [--pieces 10000] [--words 1000]``. Everything is
written to a temporary folder and removed afterwards. Prints: first full index (MB/s of
markdown), re-open with a warm index, ``quill list`` (in-process and as a real subprocess),
and full-text search latency (median over a mix of rare, common and prefix queries).

Budgets (issue 3): warm open + list <= 1 s, search <= 100 ms median, first index >= 20 MB/s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from quill.library import Library  # noqa: E402
from quill.paths import app_dirs  # noqa: E402

SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "an", "el", "is", "or", "th", "st", "ing", "er",
             "qu", "ay", "ou", "br", "ch", "ph", "wy", "ze", "do", "gi", "ha", "ju", "pe", "ti"]


def vocabulary(size: int, rng: np.random.Generator) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        n = int(rng.integers(1, 5))
        words.add("".join(SYLLABLES[i] for i in rng.integers(0, len(SYLLABLES), n)))
    return sorted(words)


def generate(root: Path, pieces: int, words_per_piece: int, seed: int = 7) -> tuple[int, list[str]]:
    """Write the library; Zipf-distributed words in sentences and paragraphs, like prose. Returns bytes."""
    rng = np.random.default_rng(seed)
    vocab = np.array(vocabulary(50_000, rng))
    ranks = np.arange(1, len(vocab) + 1)
    weights = 1.0 / ranks**1.05
    weights /= weights.sum()
    total = 0
    for i in range(pieces):
        idx = rng.choice(len(vocab), size=words_per_piece, p=weights)
        tokens = vocab[idx].tolist()
        out, sentence = [], 0
        for j, token in enumerate(tokens):
            if sentence == 0:
                token = token.capitalize()
            sentence += 1
            if sentence >= 8 + (j % 13):
                token += "."
                sentence = 0
            out.append(token)
            if sentence == 0 and j % 97 < 9:
                out.append("\n\n")
        body = " ".join(out).replace(" \n\n ", "\n\n")
        status = "finished" if i % 3 == 0 else "draft"
        meta = f"---\ntitle: Piece {i} {tokens[0]}\nstatus: {status}\ncreated: 2020-01-01\n"
        if status == "finished":
            meta += f"finished: {2020 + i % 5}-{1 + i % 12:02d}-01\n"
        meta += f"tags: [t{i % 20}]\n---\n\n"
        folder = root / f"collection-{i % 10}"
        folder.mkdir(parents=True, exist_ok=True)
        data = (meta + f"# Piece {i}\n\n" + body + "\n").encode()
        (folder / f"piece-{i:05d}.md").write_bytes(data)
        total += len(data)
    return total, vocab.tolist()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pieces", type=int, default=10_000)
    parser.add_argument("--words", type=int, default=1000, help="words per piece")
    parser.add_argument("--repeat", type=int, default=3, help="first-index runs (the VM's speed varies)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="quill-bench-") as tmp:
        tmp_path = Path(tmp)
        os.environ["QUILL_HOME"] = str(tmp_path / "home")
        root = tmp_path / "library"
        t0 = time.perf_counter()
        size, vocab = generate(root, args.pieces, args.words)
        print(f"generated {args.pieces} pieces, {args.pieces * args.words:,} words, {size / 1e6:.1f} MB "
              f"in {time.perf_counter() - t0:.1f} s")
        dirs = app_dirs()

        runs = []
        for _ in range(args.repeat):
            library = Library(root, dirs)
            library.close()
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(str(library.default_index_path()) + suffix).unlink(missing_ok=True)
            t0 = time.perf_counter()
            library = Library(root, dirs)
            library.scan()
            runs.append(time.perf_counter() - t0)
            count = library.index.count()
            library.close()
        rates = sorted(size / 1e6 / t for t in runs)
        print(f"first full index ({count} pieces, {len(runs)} runs): median {statistics.median(rates):.1f} MB/s, "
              f"best {rates[-1]:.1f}, worst {rates[0]:.1f}  [budget >= 20 MB/s]")

        t0 = time.perf_counter()
        library = Library(root, dirs)
        changes = library.scan()
        listed = library.pieces()
        warm = time.perf_counter() - t0
        assert not changes and len(listed) == args.pieces
        print(f"warm re-open + scan + list: {warm * 1000:.0f} ms  [budget <= 1000 ms]")

        env = dict(os.environ)
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "quill", "list", "--library", str(root)], capture_output=True,
                              env=env, cwd=ROOT)
        cli = time.perf_counter() - t0
        t0 = time.perf_counter()
        done_json = subprocess.run([sys.executable, "-m", "quill", "list", "--json", "--library", str(root)],
                                   capture_output=True, env=env, cwd=ROOT)
        cli_json = time.perf_counter() - t0
        assert done.returncode == 0 and done_json.returncode == 0
        print(f"`quill list` (process start to exit): {cli * 1000:.0f} ms; "
              f"`quill list --json`: {cli_json * 1000:.0f} ms  [budget <= 1000 ms]")

        rng = np.random.default_rng(11)
        queries = []
        for k in range(60):
            kind = k % 4
            if kind == 0:  # a common word
                queries.append(vocab[int(rng.integers(0, 20))])
            elif kind == 1:  # a rare word
                queries.append(vocab[int(rng.integers(10_000, 50_000))])
            elif kind == 2:  # two words
                queries.append(f"{vocab[int(rng.integers(0, 500))]} {vocab[int(rng.integers(500, 5000))]}")
            else:  # typing: a prefix
                queries.append(vocab[int(rng.integers(0, 2000))][:3])
        timings = []
        for query in queries:
            t0 = time.perf_counter()
            library.search(query, limit=50)
            timings.append(time.perf_counter() - t0)
        timings.sort()
        p90 = timings[int(len(timings) * 0.9)]
        print(f"search: median {statistics.median(timings) * 1000:.1f} ms, p90 {p90 * 1000:.1f} ms, "
              f"max {timings[-1] * 1000:.1f} ms over {len(queries)} queries  [budget median <= 100 ms]")
        index_size = library.index.path.stat().st_size
        print(f"index size: {index_size / 1e6:.0f} MB")
        library.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
