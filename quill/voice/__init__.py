"""Quill's voice metrics: rhythm, punctuation, diction and habits of a markdown draft.

Pure Python (no Qt). Entry points: :func:`analyze`, :class:`VoiceEngine` (incremental),
:class:`VoiceReport` (plain data) and :class:`VoiceBaseline` (the writer's own norms).
"""

from quill.voice.baseline import VoiceBaseline
from quill.voice.engine import VoiceEngine, analyze
from quill.voice.report import VoiceReport

__all__ = ["VoiceBaseline", "VoiceEngine", "VoiceReport", "analyze"]
