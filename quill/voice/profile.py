"""The writer's profile: the baseline from finished pieces, plus the shapes the charts overlay.

Qt-free, run off the GUI thread. :func:`load_baseline` is the one entry point the window
may swap; :func:`load_profile` adds what the charts need (a sentence-length histogram and
per-mark rate bands) and caches everything as JSON keyed by the finished pieces' paths and
modification times, so reopening Quill costs a stat per piece, not an analysis.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from quill.voice import ANALYSIS_VERSION, VoiceBaseline, VoiceReport, analyze
from quill.voice.baseline import FULL_BASELINE, SHRINK_K, human_reference, quartiles
from quill.voice.punctuation import CLASSES
from quill.voice.report import SCALAR_METRICS

#: histogram bins: words per sentence, 0–2, 3–5, …, the last bin holds 60 and longer
BIN_WIDTH = 3
BINS = 21
# The file's layout, and the analysis its figures came from: a profile cached by an earlier engine is
# measured again (it used to be a number of its own, which the engine's changes never moved).
CACHE_VERSION = f"3-{ANALYSIS_VERSION}"


@dataclass
class WriterProfile:
    """What the panel compares a draft with. ``pieces`` is 0 when only the human reference exists."""

    baseline: VoiceBaseline
    pieces: int = 0
    #: share of sentences per bin over all finished pieces (None without pieces)
    histogram: list[float] | None = None
    #: per punctuation class: (low, high) rate per 1,000 words across pieces (quartiles)
    punctuation_bands: dict[str, tuple[float, float]] = field(default_factory=dict)
    #: the piece being measured is a finished piece, left out of this baseline (never cached)
    open_piece_left_out: bool = False


def histogram(lengths: list[int] | tuple[int, ...]) -> list[float]:
    """Share of sentences per length bin (sums to 1, or all zero without sentences)."""
    return histogram_of_counts(Counter(lengths))  # C-speed counting: a book has ~10k sentences


def histogram_of_counts(length_counts: dict[int, int]) -> list[float]:
    """:func:`histogram` from {sentence length: number of sentences}."""
    counts = [0] * BINS
    for length, k in length_counts.items():
        counts[min(length // BIN_WIDTH, BINS - 1)] += k
    total = sum(counts)
    return [c / total for c in counts] if total else counts[:]


def finished_pieces(library_dir: Path) -> list[Path]:
    """Paths of the library's finished pieces, by the library's one rule for "finished"."""
    from quill.library import finished_pieces as library_finished

    return sorted(p.path for p in library_finished(library_dir))


def _cache_key(paths: list[Path]) -> list[list]:
    key = []
    for path in paths:
        try:
            st = path.stat()
        except OSError:
            continue
        key.append([str(path), st.st_mtime_ns, st.st_size])
    return key


def load_profile(library_dir: Path | None, cache_dir: Path | None = None,
                 lister: Callable[[], list[Path]] | None = None,
                 leave_out: Path | None = None) -> WriterProfile:
    """The writer's profile, from cache when the finished pieces are unchanged.

    ``lister`` returns the finished pieces' paths (e.g. from the window's open library);
    without it the library folder is read by :func:`finished_pieces`. ``leave_out`` is the piece
    the panel is measuring: a finished piece is never compared with a baseline it is part of (with
    one finished piece, the panel said "your 1 finished piece" and compared it with itself)."""
    paths: list[Path] = []
    if lister is not None:
        try:
            paths = sorted(Path(p) for p in lister())
        except Exception:  # noqa: BLE001 - fall back to reading the folder
            lister = None
    if lister is None:
        paths = finished_pieces(Path(library_dir)) if library_dir else []
    name = "voice-baseline.json"
    all_paths = paths
    left_out = False
    if leave_out is not None:
        kept = [p for p in paths if not _same_piece(p, leave_out)]
        if len(kept) < len(paths):  # one cache per piece left out: switching pieces rebuilds nothing
            left_out = True
            paths = kept
            digest = hashlib.sha1(str(leave_out).encode("utf-8", "surrogateescape")).hexdigest()[:12]
            name = f"voice-baseline-without-{digest}.json"
    key = _cache_key(paths)
    cache_file = Path(cache_dir) / name if cache_dir else None
    if cache_file is not None and key:
        try:
            data = json.loads(cache_file.read_text(encoding="utf-8"))
            if data.get("version") == CACHE_VERSION and data.get("key") == key:
                cached = _profile_from_dict(data)
                cached.open_piece_left_out = left_out
                return cached
        except (OSError, ValueError, KeyError, TypeError):
            pass
    reports = _piece_reports(key, Path(cache_dir) if cache_dir else None, keep=_cache_key(all_paths))
    profile = build_profile(reports)
    profile.open_piece_left_out = left_out
    if cache_file is not None and key:
        data = _profile_to_dict(profile)
        data["key"] = key
        try:
            cache_file.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache_file.with_suffix(".tmp")
            tmp.write_text(json.dumps(data), encoding="utf-8")
            os.replace(tmp, cache_file)
        except OSError:
            pass
        if name != "voice-baseline.json":
            _prune_left_out_caches(cache_file.parent)
    return profile


#: the per-piece figures a profile is built from, kept so that a baseline without one piece (the
#: piece open) needs no piece analysed again: with hundreds of finished pieces each first open of
#: one of them analysed all the others on the panel's thread
PIECES_CACHE = "voice-pieces.json"
#: baselines kept with one piece left out (the most recently used; each is a few kilobytes)
LEFT_OUT_CACHES = 32


def _summary(report: VoiceReport) -> dict:
    """What :func:`build_profile` reads of a report: its scalar measures, lengths and marks."""
    data = {name: getattr(report, name) for name in SCALAR_METRICS}
    data.update(words=report.words, sentence_lengths=list(report.sentence_lengths),
                punctuation=dict(report.punctuation))
    return data


def _piece_reports(key: list[list], cache_dir: Path | None, keep: list[list]) -> list[VoiceReport]:
    """The reports of the pieces in ``key`` ([path, mtime_ns, size] each): from the per-piece cache
    where the file is unchanged, analysed otherwise; the cache keeps the pieces in ``keep``."""
    cache_file = cache_dir / PIECES_CACHE if cache_dir is not None else None
    cached: dict[str, list] = {}
    if cache_file is not None:
        try:
            data = json.loads(cache_file.read_text(encoding="utf-8"))
            if data.get("version") == CACHE_VERSION:
                cached = dict(data.get("pieces", {}))
        except (OSError, ValueError, TypeError, AttributeError):
            cached = {}
    reports: list[VoiceReport] = []
    changed = False
    for path, mtime_ns, size in key:
        entry = cached.get(path)
        summary = entry[2] if isinstance(entry, list) and len(entry) == 3 and entry[:2] == [mtime_ns, size] else None
        if summary is None:
            text = piece_text(Path(path))
            if text is None:
                continue
            summary = _summary(analyze(text))
            cached[path] = [mtime_ns, size, summary]
            changed = True
        try:
            report = VoiceReport.from_dict(summary)
        except (TypeError, ValueError, KeyError):
            continue
        if report.words:
            reports.append(report)
    kept = {p for p, *_ in keep}
    if cache_file is not None and (changed or set(cached) - kept):
        cached = {p: e for p, e in cached.items() if p in kept}
        try:
            cache_file.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache_file.with_suffix(".tmp")
            tmp.write_text(json.dumps({"version": CACHE_VERSION, "pieces": cached}), encoding="utf-8")
            os.replace(tmp, cache_file)
        except OSError:
            pass
    return reports


def _prune_left_out_caches(folder: Path) -> None:
    """Keep the most recently written baselines with one piece left out, not one per piece ever opened."""
    try:
        found = sorted(folder.glob("voice-baseline-without-*.json"), key=lambda p: p.stat().st_mtime_ns,
                       reverse=True)
        for stale in found[LEFT_OUT_CACHES:]:
            stale.unlink()
    except OSError:
        pass


def _same_piece(a: Path, b: Path) -> bool:
    """The same file, however the two paths spell it (a symlinked library, "./", a case-folding disk)."""
    if a == b:
        return True
    if a.name.casefold() != b.name.casefold():
        return False  # a different file under any spelling of its folder: no stat for each finished piece
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def piece_text(path: Path) -> str | None:
    """A finished piece's text as the editor would read it, or None when it cannot be read.

    Read by Quill's own rule (a BOM's encoding, every line ending as ``\n``, never a pipe or a
    device): read as UTF-8 with errors replaced, a UTF-16 piece the library lists as finished
    became one long sentence of single letters in the writer's own baseline."""
    from quill.storage.textfile import UnreadableFile, load_text

    try:
        return load_text(path).text
    except (UnreadableFile, OSError):
        return None


def build_profile(reports: list[VoiceReport]) -> WriterProfile:
    baseline = VoiceBaseline.from_reports(reports)
    if not reports:
        return WriterProfile(baseline, 0)
    lengths: list[int] = []
    for report in reports:
        lengths.extend(report.sentence_lengths)
    bands: dict[str, tuple[float, float]] = {}
    for mark in CLASSES:
        rates = sorted(1000.0 * r.punctuation.get(mark, 0) / r.words for r in reports if r.words >= 50)
        if rates:
            if len(rates) >= 4:
                q = quartiles(rates)
                bands[mark] = (q[0], q[2])
            else:
                bands[mark] = (rates[0], rates[-1])
    return WriterProfile(baseline, len(reports), histogram(lengths), bands)


def load_baseline(library_dir: Path | None, cache_dir: Path | None = None) -> VoiceBaseline | None:
    """The writer's baseline from the library's finished pieces, or None when there are none."""
    profile = load_profile(library_dir, cache_dir)
    return profile.baseline if profile.pieces else None


def _profile_to_dict(profile: WriterProfile) -> dict:
    return {"version": CACHE_VERSION, "baseline": profile.baseline.to_dict(), "pieces": profile.pieces,
            "histogram": profile.histogram,
            "punctuation_bands": {k: list(v) for k, v in profile.punctuation_bands.items()}}


def _profile_from_dict(data: dict) -> WriterProfile:
    bands = {k: (float(v[0]), float(v[1])) for k, v in data.get("punctuation_bands", {}).items()}
    hist = data.get("histogram")
    return WriterProfile(VoiceBaseline.from_dict(data["baseline"]), int(data["pieces"]),
                         [float(x) for x in hist] if hist else None, bands)


def human_curve() -> list[float] | None:
    """The general human reference's sentence lengths, as a curve over the histogram's bins."""
    mean, sd = human_reference("mean_sentence_length"), human_reference("sentence_length_sd")
    return reference_curve(mean["median"], sd["median"]) if mean and sd else None


def writer_curve(profile: WriterProfile) -> list[float] | None:
    """The sentence lengths the panel draws as the writer's own: their finished pieces', leaning on
    the general human reference until there are FULL_BASELINE of them, as the bands do
    (:class:`VoiceBaseline`: weight n / (n + SHRINK_K)). One finished piece of two sentences drew
    their two lengths as the writer's whole shape, a spike the draft was then held against."""
    human = human_curve()
    own = profile.histogram
    if own is None or not profile.pieces or not any(own):
        return human
    if profile.pieces >= FULL_BASELINE or human is None:
        return own
    weight = profile.pieces / (profile.pieces + SHRINK_K)
    return [weight * mine + (1 - weight) * general for mine, general in zip(own, human, strict=True)]


def reference_curve(mean: float, sd: float) -> list[float]:
    """A smooth share-per-bin curve for a lognormal with this mean and SD (the reference overlays)."""
    if not (mean and sd) or mean <= 0 or sd <= 0:
        return [0.0] * BINS
    sigma2 = math.log(1 + (sd / mean) ** 2)
    mu = math.log(mean) - sigma2 / 2
    sigma = math.sqrt(sigma2)

    def cdf(x: float) -> float:
        if x <= 0:
            return 0.0
        return 0.5 * (1 + math.erf((math.log(x) - mu) / (sigma * math.sqrt(2))))

    shares = []
    for i in range(BINS):
        lo = max(i * BIN_WIDTH - 0.5, 0.0)
        hi = (i + 1) * BIN_WIDTH - 0.5 if i < BINS - 1 else math.inf
        shares.append((1.0 if hi == math.inf else cdf(hi)) - cdf(lo))
    return shares
