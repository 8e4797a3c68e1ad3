"""The result of an analysis: plain data, JSON-ready, no behaviour the UI depends on.

Why a frozen dataclass: the report crosses a thread boundary (worker → panel) and is
cached by the library, so it must be immutable and cheap to serialise. A metric whose
minimum amount of text is not met is ``None`` (``null`` in JSON), never a misleading 0.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, fields
from typing import Any, overload

#: The names of :meth:`VoiceReport.to_dict`, in order (a contract with the UI and library).
FIELDS: tuple[str, ...] = (
    "words", "sentences", "paragraphs", "sentence_lengths", "sentence_spans",
    "mean_sentence_length", "sentence_length_sd", "burstiness", "masd", "fragment_rate",
    "long_sentence_rate", "staccato_runs",
    "punctuation", "marks_per_1000_words", "punctuation_entropy", "em_dash_per_1000_words",
    "comma_per_1000_words",
    "mtld", "mattr", "hdd", "mean_word_length", "flesch_reading_ease", "flesch_kincaid_grade",
    "function_word_share",
    "tells", "tell_rate", "comma_participle_rate", "hedge_rate", "filler_rate",
    "machine_likeness", "machine_likeness_range", "likeness_reasons", "all_words", "left_out",
)

#: Scalar metrics a baseline can compare (value may be None).
SCALAR_METRICS: tuple[str, ...] = (
    "mean_sentence_length", "sentence_length_sd", "burstiness", "masd", "fragment_rate",
    "long_sentence_rate", "staccato_runs", "marks_per_1000_words", "punctuation_entropy",
    "em_dash_per_1000_words", "comma_per_1000_words", "mtld", "mattr", "hdd", "mean_word_length",
    "flesch_reading_ease", "flesch_kincaid_grade", "function_word_share", "tell_rate",
    "comma_participle_rate", "hedge_rate", "filler_rate", "machine_likeness",
)


@dataclass(frozen=True, slots=True)
class Tell:
    """One habit hit: ``kind`` is word, phrase, participle, contrast, transition or triad."""

    text: str
    kind: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "kind": self.kind, "start": self.start, "end": self.end}


class Spans(Sequence[tuple[int, int]]):
    """Sentence spans kept as two arrays of ints, made into (start, end) pairs only when read.

    A book has thousands of sentences and the panel reads the forty around the cursor after
    each update: building every pair on every update was most of an update's garbage. It
    compares equal to any sequence of the same pairs, so it reads like the tuple it replaces.
    Arrays, not tuples: a tuple of offsets holds an int object (32 bytes) per offset above 256
    as well as its own 8 bytes (issue 20: 0.4 MB at 100,000 words), and copying the engine's
    arrays into a report is a plain memory copy.
    """

    __slots__ = ("ends", "starts")

    def __init__(self, starts: Sequence[int], ends: Sequence[int]) -> None:
        if len(starts) != len(ends):
            raise ValueError("a span needs a start and an end")
        self.starts = array("q", starts)  # a copy: the engine changes its own arrays in place
        self.ends = array("q", ends)

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, index: int) -> tuple[int, int]: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[tuple[int, int], ...]: ...

    def __getitem__(self, index: int | slice) -> tuple[int, int] | tuple[tuple[int, int], ...]:
        if isinstance(index, slice):
            return tuple(zip(self.starts[index], self.ends[index], strict=True))
        return self.starts[index], self.ends[index]

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return zip(self.starts, self.ends, strict=True)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Spans):
            return self.starts == other.starts and self.ends == other.ends
        if isinstance(other, tuple | list):
            return len(other) == len(self) and all(tuple(a) == b for a, b in zip(other, self, strict=True))
        return NotImplemented

    def __hash__(self) -> int:
        return hash((tuple(self.starts), tuple(self.ends)))

    def __repr__(self) -> str:
        return f"Spans({list(self)!r})"


@dataclass(frozen=True, slots=True)
class VoiceReport:
    """Every metric of one text. Spans are character offsets into the original markdown."""

    words: int = 0
    sentences: int = 0
    paragraphs: int = 0
    sentence_lengths: tuple[int, ...] = ()
    sentence_spans: Sequence[tuple[int, int]] = ()  # a Spans from the engine
    mean_sentence_length: float | None = None
    sentence_length_sd: float | None = None
    burstiness: float | None = None
    masd: float | None = None
    fragment_rate: float | None = None
    long_sentence_rate: float | None = None
    staccato_runs: float | None = None
    punctuation: dict[str, int] = field(default_factory=dict)
    marks_per_1000_words: float | None = None
    punctuation_entropy: float | None = None
    em_dash_per_1000_words: float | None = None
    comma_per_1000_words: float | None = None
    mtld: float | None = None
    mattr: float | None = None
    hdd: float | None = None
    mean_word_length: float | None = None
    flesch_reading_ease: float | None = None
    flesch_kincaid_grade: float | None = None
    function_word_share: float | None = None
    tells: tuple[Tell, ...] = ()
    tell_rate: float | None = None
    comma_participle_rate: float | None = None
    hedge_rate: float | None = None
    filler_rate: float | None = None
    machine_likeness: float | None = None
    #: (low, high): where the score could be at this length (a bootstrap over sentences)
    machine_likeness_range: tuple[float, float] | None = None
    #: what moved the score most for this text: (feature, plain words, push toward machine side)
    likeness_reasons: tuple[tuple[str, str, float], ...] = ()
    #: every word of the markdown (the editor's count); ``words`` of them were measured
    all_words: int = 0
    #: words left out of the measures, by reason ("headings", "block quotes", "code" …)
    left_out: dict[str, int] = field(default_factory=dict)
    #: model inputs (not part of to_dict): extra rates the UI may show, keyed by name
    features: dict[str, float | None] = field(default_factory=dict, compare=True)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with exactly the names in :data:`FIELDS`."""
        out: dict[str, Any] = {}
        for name in FIELDS:
            value = getattr(self, name)
            if name == "sentence_spans":
                value = [[s, e] for s, e in value]
            elif name == "sentence_lengths":
                value = list(value)
            elif name == "tells":
                value = [t.to_dict() for t in value]
            elif name in ("punctuation", "left_out"):
                value = dict(value)
            elif name == "machine_likeness_range" and value is not None:
                value = list(value)
            elif name == "likeness_reasons":
                value = [list(r) for r in value]
            out[name] = value
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> VoiceReport:
        """Rebuild a report from :meth:`to_dict` output (e.g. the library's cache)."""
        kwargs: dict[str, Any] = {}
        names = {f.name for f in fields(cls)}
        for name, value in data.items():
            if name not in names:
                continue
            if name == "sentence_spans":
                value = tuple((int(s), int(e)) for s, e in value)
            elif name == "sentence_lengths":
                value = tuple(int(x) for x in value)
            elif name == "tells":
                value = tuple(Tell(t["text"], t["kind"], int(t["start"]), int(t["end"])) for t in value)
            elif name == "machine_likeness_range" and value is not None:
                value = (float(value[0]), float(value[1]))
            elif name == "likeness_reasons":
                value = tuple((str(f), str(t), float(p)) for f, t, p in value)
            kwargs[name] = value
        return cls(**kwargs)
