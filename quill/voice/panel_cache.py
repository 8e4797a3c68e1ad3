"""The last analysis of a piece, kept on disk so an unchanged piece reopens with its figures (Qt-free).

Why: Quill reopens the last piece at launch, and with the voice panel remembered open the first
analysis of a 100,000-word piece (0.5-0.9 s of CPU) was most of the time to an idle window (issue
20). The text has not changed since the last time it was analysed, so neither have its figures.

What is stored: the piece's :class:`VoiceReport` (numbers, sentence lengths and spans as character
offsets, and each habit hit's few words, e.g. "delve" or ", highlighting"), and how many sentences
have each length (the histogram). Never the text itself, nor its words or chunks: the incremental
engine is *not* restored, so the first edit after a cached open analyses the whole piece afresh
(off the window's thread, as the panel's first analysis always did) and is then incremental again.

The key is a SHA-256 of the exact text, :data:`ANALYSIS_VERSION`, Quill's version and the settings
that change the result (block quotes counted or not; only the "piece" scope is cached). A file is
used only if it parses, its checksum matches, and its version, key and text length are the ones
asked for: a corrupt, truncated or old file is ignored (and removed), never shown. Files are
written atomically (a temporary file, then a rename) and only the :data:`KEEP` most recently
used are kept.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from quill import __version__
from quill.digest import sha256_hex

# quill.voice's own ANALYSIS_VERSION (bumped whenever the engine, the model or the report change what a
# text's figures are): this cache had a number of its own, which the engine's changes never moved.
from quill.voice import ANALYSIS_VERSION
from quill.voice.report import Spans, Tell, VoiceReport

KEEP = 8  # pieces whose last analysis is kept
MAX_BYTES = 16 * 1024 * 1024  # a file larger than this is not read (a 100,000-word book: ~0.5 MB)
FOLDER = "voice-analysis"
SUFFIX = ".json"


@dataclass(frozen=True)
class CachedAnalysis:
    report: VoiceReport
    length_counts: dict[int, int]  # sentences per length in words, as VoiceEngine.sentence_length_counts()
    text_length: int


def analysis_key(text: str, include_quotes: bool) -> str:
    """Hex digest naming one text's analysis under the settings that change it."""
    prefix = f"quill-voice\0{ANALYSIS_VERSION}\0{__version__}\0{int(include_quotes)}\0".encode()
    return sha256_hex(prefix + text.encode("utf-8", "surrogatepass"))


def _folder(cache_dir: Path) -> Path:
    return Path(cache_dir) / FOLDER


def _report_to_json(report: VoiceReport) -> dict:
    data = report.to_dict()
    spans = report.sentence_spans
    data["sentence_spans"] = [[s for s, _ in spans], [e for _, e in spans]]  # two flat lists: half the size
    data["tells"] = [[t.text, t.kind, t.start, t.end] for t in report.tells]
    data["features"] = dict(report.features)
    return data


def _report_from_json(data: dict) -> VoiceReport:
    starts, ends = data.pop("sentence_spans")
    tells = data.pop("tells")
    features = data.pop("features")
    report = VoiceReport.from_dict(data)
    spans = Spans([int(s) for s in starts], [int(e) for e in ends])
    if len(spans) != len(report.sentence_lengths) or report.sentences != len(spans):
        raise ValueError("sentence spans and lengths disagree")
    tells_t = tuple(Tell(str(t), str(k), int(s), int(e)) for t, k, s, e in tells)
    if not isinstance(features, dict):
        raise ValueError("features")
    # the engine's own shapes: spans as a Spans, the model's inputs (not part of to_dict)
    return replace(report, sentence_spans=spans, tells=tells_t,
                   features={str(k): (None if v is None else float(v)) for k, v in features.items()})


def save_analysis(cache_dir: Path, key: str, report: VoiceReport, length_counts: dict[int, int],
                  text_length: int, keep: int = KEEP) -> bool:
    """Write one analysis atomically, then drop all but the ``keep`` most recently used. False if it
    could not be written (a cache is never worth an error)."""
    folder = _folder(cache_dir)
    tmp = None
    try:
        payload = json.dumps({"report": _report_to_json(report),
                              "length_counts": sorted(length_counts.items()),
                              "text_length": text_length}, separators=(",", ":"), allow_nan=False)
        header = json.dumps({"version": ANALYSIS_VERSION, "key": key,
                             "sha256": sha256_hex(payload.encode())})
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=SUFFIX, dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(header + "\n" + payload)
        os.replace(tmp, folder / (key + SUFFIX))
        tmp = None
    except (OSError, ValueError, TypeError):
        return False
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    prune(cache_dir, keep)
    return True


def load_analysis(cache_dir: Path, key: str, text_length: int) -> CachedAnalysis | None:
    """The analysis saved under ``key`` for a text of ``text_length`` characters, or None. A file
    that is unreadable, corrupt, truncated or of another version is removed and None returned."""
    path = _folder(cache_dir) / (key + SUFFIX)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ValueError("too large")
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        _discard(path)
        return None
    try:
        head, _, payload = raw.partition("\n")
        header = json.loads(head)
        if (header.get("version") != ANALYSIS_VERSION or header.get("key") != key
                or header.get("sha256") != sha256_hex(payload.encode())):
            raise ValueError("another version, key or a damaged file")
        data = json.loads(payload)
        if int(data["text_length"]) != text_length:
            raise ValueError("another text")
        counts = {int(length): int(n) for length, n in data["length_counts"]}
        if sum(counts.values()) != len(data["report"]["sentence_lengths"]):
            raise ValueError("histogram and sentences disagree")
        report = _report_from_json(data["report"])
    except (ValueError, TypeError, KeyError, AttributeError, IndexError):  # json's errors are ValueErrors
        _discard(path)
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: kept by prune()
    return CachedAnalysis(report, counts, text_length)


def prune(cache_dir: Path, keep: int = KEEP) -> None:
    """Keep only the ``keep`` most recently used analyses (and no stray temporary file)."""
    folder = _folder(cache_dir)
    try:
        entries = [(p.stat().st_mtime, p) for p in folder.iterdir() if p.name.endswith(SUFFIX)]
    except OSError:
        return
    entries.sort(reverse=True)
    saved = [p for _, p in entries if not p.name.startswith(".tmp-")]
    stale = [p for m, p in entries if p.name.startswith(".tmp-") and m < entries[0][0] - 3600]
    for path in saved[keep:] + stale:
        _discard(path)


def _discard(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


__all__ = ["ANALYSIS_VERSION", "KEEP", "CachedAnalysis", "analysis_key", "load_analysis", "prune", "save_analysis"]
