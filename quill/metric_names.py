"""What the writer sees each voice measure called, wherever it is shown. No Qt, and outside
``quill.voice`` so that naming a measure never loads the engine.

Why: the voice panel and the history showed the same figures under different names ("Rhythm ·
sentence variety" in one, "Burstiness" in the other; "Habits" and "Tells"; "Resemblance to machine
style" and "Machine-likeness"), and a writer could not tell they were the same measure.
"""

from __future__ import annotations

METRIC_NAMES: dict[str, str] = {
    "burstiness": "Rhythm · sentence variety",
    "punctuation_entropy": "Punctuation · variety",
    "mean_word_length": "Diction · word length",
    "tell_rate": "Habits · per 1,000 words",
    "fragment_rate": "Fragments (four words or fewer)",
    "machine_likeness": "Resemblance to machine style",
}

__all__ = ["METRIC_NAMES"]
