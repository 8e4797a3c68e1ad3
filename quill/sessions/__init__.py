"""Writing sessions, goals and history. Pure Python: nothing here imports Qt.

* :mod:`~quill.sessions.words` — words added, deleted and pasted by one edit;
* :mod:`~quill.sessions.recorder` — session boundaries, active time, incremental recording;
* :mod:`~quill.sessions.store` — the sessions database (``data/sessions.sqlite3``, not the library index);
* :mod:`~quill.sessions.goals` — session and daily goals, writing days, streaks;
* :mod:`~quill.sessions.history` — aggregation by period, rates, trends, pieces, voice timeline;
* :mod:`~quill.sessions.cli` — ``quill stats``.
"""

from quill.sessions.goals import Goal, GoalSettings, day_of, streaks
from quill.sessions.recorder import Recorder
from quill.sessions.store import SessionStore
from quill.sessions.words import EditCounter, EditDelta, measure_edit

__all__ = ["EditCounter", "EditDelta", "Goal", "GoalSettings", "Recorder", "SessionStore", "day_of",
           "measure_edit", "streaks"]
