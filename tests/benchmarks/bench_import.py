"""Benchmark ``quill import`` on a generated Substack export (not collected by pytest).

Run: ``python tests/benchmarks/bench_import.py [--posts 1000] [--words 1500]``. Writes a zip in the
shape of a real Substack export (posts.csv and posts/<id>.html with captioned images, footnotes,
lists, quotes, subscribe widgets and share buttons) to a temporary folder, imports it into an
empty library with the real command line, and then checks that the library is usable at once:
``quill list``, a full-text search and the voice panel's baseline over every finished piece.
Prints each figure; the issue's budget (#16) is a 1,000-post, ~1.5 M-word export in <= 30 s.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import os
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "an", "el", "is", "or", "th", "st", "ing", "er",
             "qu", "ay", "ou", "br", "ch", "ph", "wy", "ze", "do", "gi", "ha", "ju", "pe", "ti"]
FUNCTION_WORDS = ["the", "a", "of", "and", "to", "in", "it", "was", "that", "I", "is", "for", "on", "with", "but"]


def _vocabulary(size: int, rng: np.random.Generator) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(SYLLABLES[i] for i in rng.integers(0, len(SYLLABLES), int(rng.integers(1, 4)))))
    return FUNCTION_WORDS + sorted(words)


def _paragraphs(words: int, vocab: np.ndarray, weights: np.ndarray, rng: np.random.Generator) -> list[str]:
    tokens = vocab[rng.choice(len(vocab), size=words, p=weights)].tolist()
    paras, sentence, para = [], [], []
    for token in tokens:
        sentence.append(token)
        if len(sentence) >= int(rng.integers(4, 28)):
            text = " ".join(sentence)
            para.append(text[0].upper() + text[1:] + rng.choice([".", ".", ".", "?", "!"]))
            sentence = []
            if len(para) >= int(rng.integers(2, 7)):
                paras.append(" ".join(para))
                para = []
    if sentence:
        para.append(" ".join(sentence) + ".")
    if para:
        paras.append(" ".join(para))
    return paras


def post_html(paras: list[str], n: int) -> str:
    out = ['<div class="captioned-image-container"><figure><a class="image-link image2" href="https://substackcdn.'
           f'com/big{n}.jpg"><div class="image2-inset"><picture><img src="https://substackcdn.com/i{n}.jpg" alt="'
           f'Picture {n}"></picture></div></a><figcaption class="image-caption">Caption {n}</figcaption></figure>'
           '</div>']
    for i, para in enumerate(paras):
        if i == 1:
            out.append(f'<p>{para}<a class="footnote-anchor" id="footnote-anchor-1" href="#footnote-1">1</a></p>')
        elif i % 9 == 4:
            out.append(f"<blockquote><p>{para}</p></blockquote>")
        elif i % 11 == 6:
            items = para.split(". ")
            out.append("<ul>" + "".join(f"<li><p>{item}</p></li>" for item in items) + "</ul>")
        elif i % 7 == 3:
            out.append(f'<p>{para} <a href="https://example.org/{n}/{i}?utm_source=substack&amp;utm_medium=email">'
                       "a link</a>.</p>")
        else:
            out.append(f"<p>{para}</p>")
        if i == len(paras) // 2:
            out.append('<div class="subscription-widget-wrap-editor"><div class="subscription-widget"><div class='
                       '"preamble"><p class="cta-caption">Thanks for reading! Subscribe for free.</p></div><form>'
                       '<input type="email"></form></div></div>')
    out.append('<p class="button-wrapper" data-attrs="{&quot;text&quot;:&quot;Share&quot;}"><a class="button '
               'primary" href="https://x.substack.com/p/a?action=share"><span>Share</span></a></p>')
    out.append('<div class="footnote"><a id="footnote-1" href="#footnote-anchor-1" class="footnote-number">1</a>'
               '<div class="footnote-content"><p>A note on the first paragraph.</p></div></div>')
    return "\n".join(out)


def generate(path: Path, posts: int, words: int, seed: int = 16) -> int:
    """Write the export; returns the number of words of prose in it."""
    rng = np.random.default_rng(seed)
    vocab = np.array(_vocabulary(20_000, rng))
    weights = 1.0 / np.arange(1, len(vocab) + 1) ** 1.05
    weights /= weights.sum()
    rows = io.StringIO()
    writer = csv.writer(rows)
    writer.writerow(["post_id", "post_date", "is_published", "email_sent_at", "inbox_sent_at", "type", "audience",
                     "title", "subtitle", "podcast_url"])
    total = 0
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for n in range(posts):
            n_words = int(rng.integers(words // 2, words * 3 // 2))
            paras = _paragraphs(n_words, vocab, weights, rng)
            total += sum(len(p.split()) for p in paras)
            post_id = f"{100000 + n}.post-number-{n}"
            year, month, day = 2015 + n * 10 // posts, 1 + n % 12, 1 + n % 28
            published = n % 25 != 0
            writer.writerow([post_id, f"{year}-{month:02}-{day:02}T08:00:00.000Z", str(published).lower(), "", "",
                             "newsletter", "everyone", f'Post {n}, "numbered"', f"Subtitle {n}", ""])
            zf.writestr(f"posts/{post_id}.html", post_html(paras, n))
        zf.writestr("posts.csv", rows.getvalue())
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--words", type=int, default=1500, help="mean words per post")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        os.environ["QUILL_HOME"] = str(tmp_path / "home")
        library = tmp_path / "library"
        export = tmp_path / "substack-export.zip"
        t0 = time.perf_counter()
        words = generate(export, args.posts, args.words)
        print(f"generated {args.posts:,} posts, {words:,} words, zip {export.stat().st_size / 1e6:.1f} MB "
              f"in {time.perf_counter() - t0:.1f} s")

        from quill.cli import main as quill_main

        t0 = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            status = quill_main(["import", str(export), "--library", str(library), "--json"])
        import_s = time.perf_counter() - t0
        if status != 0:
            print(f"import failed with status {status}")
            return 1
        files = list(library.rglob("*.md"))
        print(f"import (read, convert, plan, write, index): {import_s:.2f} s for {len(files):,} pieces "
              f"({words / import_s / 1e3:,.0f}k words/s)  [budget 30 s]")

        t0 = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            quill_main(["import", str(export), "--library", str(library), "--json"])
        print(f"second import of the same archive (changes nothing): {time.perf_counter() - t0:.2f} s")

        from quill.library import Library

        t0 = time.perf_counter()
        with Library(library) as lib:
            lib.scan()
            listed = lib.pieces()
            list_s = time.perf_counter() - t0
            times = []
            for query in ("post", "caption", "thanks", "lo", "note"):
                t1 = time.perf_counter()
                lib.search(query)
                times.append(time.perf_counter() - t1)
        print(f"library right after: open + list {list_s * 1000:.0f} ms ({len(listed):,} pieces), "
              f"search median {statistics.median(times) * 1000:.1f} ms")

        from quill.paths import app_dirs
        from quill.voice.profile import load_profile

        t0 = time.perf_counter()
        profile = load_profile(library, app_dirs().cache)
        first = time.perf_counter() - t0
        t0 = time.perf_counter()
        load_profile(library, app_dirs().cache)
        print(f"voice panel baseline over {profile.pieces:,} finished pieces: first {first:.1f} s, "
              f"cached {(time.perf_counter() - t0) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
