"""Quill's voice metrics: rhythm, punctuation, diction and habits of a markdown draft.

Pure Python (no Qt). Entry points: :func:`analyze`, :class:`VoiceEngine` (incremental),
:class:`VoiceReport` (plain data) and :class:`VoiceBaseline` (the writer's own norms).
"""

#: Bumped whenever the same text would measure differently (segmentation, prose rules, the
#: model): every cache of figures keys on it (the panel's last analysis, the writer's profile, the
#: history's voice timeline), so a new Quill never mixes old numbers in. 3: tells and word lengths
#: the same whatever the spaces and normalisation; guillemets, ‼, ؟ and the danda end sentences;
#: inline notes and formulas left out. 4: an emoji where the full stop would be ends a sentence
#: before an opener, wordless spans join the sentence before, inline math is left out, pandoc
#: definition lists read as definitions and labels, finished pieces read by the editor's rule
#: (a UTF-16 piece is words). ``tests/voice/test_analysis_version.py`` fails when the figures of
#: its sample move and this does not. 6: "I." after a name across a no-break space, or after a
#: "‼" or a guillemet, splits as it does after a plain space, "!!" or a straight quote; a "…"
#: after a trailing "-ing" word ends the look for its verb as "..." does.
ANALYSIS_VERSION = 9

from quill.voice.baseline import VoiceBaseline  # noqa: E402
from quill.voice.engine import VoiceEngine, analyze  # noqa: E402
from quill.voice.report import VoiceReport  # noqa: E402

__all__ = ["ANALYSIS_VERSION", "VoiceBaseline", "VoiceEngine", "VoiceReport", "analyze"]
