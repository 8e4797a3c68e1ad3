"""Flow mode ("just draft"): the rules for what the writer may still undo while drafting.

While flow mode is on, the page only moves forward: Backspace and Delete work within the word
being typed and, as an allowance for typos, the last ``allowance`` words before it (a setting),
never before the place where flow mode began and never across a paragraph break. Selecting,
cutting and moving backwards wait until flow mode ends. The window applies these rules to key
events (:mod:`quill.ui.flow`); the rules themselves are plain functions, tested without Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

from quill.sessions.goals import Goal, parse_goal

DEFAULT_ALLOWANCE = 1  # words before the current one that Backspace may still reach


def deletable_from(before: str, allowance: int = DEFAULT_ALLOWANCE) -> int:
    """How far back Backspace may reach in ``before`` (the paragraph's text before the cursor).

    The word being typed (the run of non-space characters ending at the cursor) is always
    reachable; then ``allowance`` more words, each with the spaces after it. Returns an index
    into ``before``: deleting ``before[index:]`` is allowed, anything earlier is not.
    """
    index = len(before)
    while index > 0 and not before[index - 1].isspace():
        index -= 1
    for _ in range(max(allowance, 0)):
        probe = index
        while probe > 0 and before[probe - 1].isspace():
            probe -= 1
        if probe == 0:
            break
        while probe > 0 and not before[probe - 1].isspace():
            probe -= 1
        index = probe
    if index == len(before) and before:
        # Right after a space with no allowance: the space just typed may still go.
        index = len(before) - 1 if allowance <= 0 and before[-1].isspace() else index
    return index


def may_delete_forward(before: str, after: str) -> bool:
    """Delete works only inside the word being typed: a letter right of the cursor, one left of it."""
    return bool(before) and bool(after) and not before[-1].isspace() and not after[0].isspace()


@dataclass(frozen=True)
class FlowGoal:
    """What ends flow mode by itself (a setting): N words typed or N minutes, e.g. a 45-minute flight."""

    goal: Goal

    @classmethod
    def parse(cls, text: str | None) -> FlowGoal | None:
        goal = parse_goal(text) if text else None
        if goal is None or goal.kind == "characters":
            return None if goal is None else cls(goal)
        return cls(goal)

    def reached(self, words: int, characters: int, seconds: float) -> bool:
        kind = self.goal.kind
        done = seconds / 60.0 if kind == "minutes" else characters if kind == "characters" else words
        return done >= self.goal.amount

    def describe(self) -> str:
        return self.goal.describe()

    def progress(self, words: int, characters: int, seconds: float) -> str:
        """How far along, in the goal's own unit: "120 of 500 words", "12 of 45 min"."""
        kind = self.goal.kind
        if kind == "minutes":
            return f"{int(seconds // 60)} of {self.goal.amount:,} min"
        done = characters if kind == "characters" else words
        return f"{max(done, 0):,} of {self.goal.amount:,} {kind}"
