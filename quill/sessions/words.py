"""Words added, deleted and pasted by one edit, counted on the touched paragraph.

An edit is (position, removed characters, inserted text). :class:`EditCounter` keeps a
mirror of the text so it knows what was removed. The edit is measured in two steps on
the paragraph(s) it touches — first the removal, then the insertion — and each step is
the difference of that paragraph's word count before and after (``quill.textstats``'s
word rule). This is robust: typing inside a word adds nothing, typing the space that
splits "catdog" adds one word, selecting a sentence and typing over it deletes the
sentence's words and adds the new one. Whole-text recounts are never needed.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, fields
from itertools import accumulate

from quill.textstats import count_words

_FAR = 20_000  # characters: a jump farther than this is located by bisection, not line by line


@dataclass(kw_only=True)
class Tally:
    """Words and characters typed, deleted and pasted: the counters every session record carries
    (an edit, a session and a piece's part of it as stored, a day, a period of the history).

    Pasted words never count as typed words. Keyword-only, so records built on it put their
    own fields first.
    """

    words_added: int = 0  # typed
    words_deleted: int = 0
    words_pasted: int = 0
    chars_added: int = 0  # typed
    chars_deleted: int = 0
    chars_pasted: int = 0

    def add(self, other: Tally) -> None:
        # Spelled out, not a loop over TALLY_FIELDS with getattr/setattr: three of these run for
        # every key typed, and the loop was the largest single share of a key's Python (issue #20).
        self.words_added += other.words_added
        self.words_deleted += other.words_deleted
        self.words_pasted += other.words_pasted
        self.chars_added += other.chars_added
        self.chars_deleted += other.chars_deleted
        self.chars_pasted += other.chars_pasted

    def counts(self) -> dict[str, int]:
        """The six counters by name (the session store's columns)."""
        return {name: getattr(self, name) for name in TALLY_FIELDS}

    def delta(self) -> EditDelta:
        """The counters alone, as a new :class:`EditDelta`."""
        return EditDelta(**self.counts())

    @property
    def net_words(self) -> int:
        return self.words_added + self.words_pasted - self.words_deleted


#: The counters' names, in the order the session store keeps its columns.
TALLY_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Tally))


@dataclass(kw_only=True)
class EditDelta(Tally):
    """What one edit (or many, summed) did."""

    def copy(self) -> EditDelta:
        return self.delta()

    def minus(self, other: Tally) -> EditDelta:
        return EditDelta(**{name: getattr(self, name) - getattr(other, name) for name in TALLY_FIELDS})

    def __bool__(self) -> bool:
        return any(self.counts().values())


def _paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The [start, end) of the stretch an edit of text[start:end] can change the word count of.

    Words never contain a space, tab or line break, so the stretch runs from the last such
    character before the edit to the first one after it: a few characters, not the whole
    paragraph, which keeps this cheap on every keystroke in a long paragraph.
    """
    left = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start), text.rfind("\t", 0, start)) + 1
    found = [i for i in (text.find(" ", end), text.find("\n", end), text.find("\t", end)) if i >= 0]
    return left, min(found) if found else len(text)


def _plain_alnum(text: str) -> bool:
    """Only ASCII letters and digits (``str.isalnum`` alone would take any script's)."""
    return text.isascii() and text.isalnum()


def _chars(text: str) -> int:
    """Characters as a writer counts them: line breaks are not characters."""
    return len(text) - text.count("\n")


def measure_edit(text: str, position: int, removed: int, inserted: str, *, pasted: bool = False
                 ) -> tuple[str, EditDelta]:
    """Apply one edit to ``text``; return the new text and what it did to the word counts."""
    position = max(0, min(position, len(text)))
    end = min(position + max(removed, 0), len(text))
    delta = EditDelta()
    left, right = _paragraph_bounds(text, position, end)
    before = text[left:right]
    if end == position and not pasted and len(inserted) == 1 and (inserted == " " or _plain_alnum(inserted)) \
            and (not before or _plain_alnum(before)):
        # The keystroke almost every key is: a letter, digit or space typed into a run of ASCII
        # letters and digits (or between spaces). No markup, no hyphen or apostrophe, no mark
        # can be involved, so the word rule's answer is known without counting: a letter starts a
        # word in an empty run and adds none to a word; a space splits a run into the non-empty
        # parts on each side. The same as the counting below (a hypothesis test holds them).
        if inserted != " ":
            delta.words_added = 0 if before else 1
        elif before:
            offset = position - left
            delta.words_added = (offset > 0) + (offset < len(before)) - 1
        delta.chars_added = 1
        return text[:position] + inserted + text[end:], delta
    # Step 1: the removal, measured on the paragraph(s) it touched.
    after_removal = text[left:position] + text[end:right]
    lost = count_words(before) - count_words(after_removal)
    # Step 2: the insertion, measured on the paragraph(s) it lands in.
    after_insert = text[left:position] + inserted + text[end:right]
    gained = count_words(after_insert) - count_words(after_removal)
    # A removal can merge two words ("cat| dog" -> "catdog": -1) and an insertion can split one.
    words_deleted = max(lost, 0) + max(-gained, 0)
    words_added = max(gained, 0) + max(-lost, 0)
    delta.words_deleted = words_deleted
    delta.chars_deleted = _chars(text[position:end])
    if pasted:
        delta.words_pasted = words_added
        delta.chars_pasted = _chars(inserted)
    else:
        delta.words_added = words_added
        delta.chars_added = _chars(inserted)
    return text[:position] + inserted + text[end:], delta


def _plain_typing(text: str) -> bool:
    """Only ASCII letters, digits and spaces."""
    letters = text.replace(" ", "")
    return text.isascii() and (not letters or letters.isalnum())


def measure_typing(text: str, position: int, typed: str) -> tuple[str, EditDelta]:
    """Keys typed one after another from ``position`` (each just after the one before): the new
    text and the sum of what :func:`measure_edit` says for each key in turn.

    Letters, digits and spaces typed into a run of ASCII letters and digits (the common burst)
    are counted in one step: no word can end or merge there but at a space, so the words added
    are the runs the stretch holds after minus the one it held before. Anything else is counted
    key by key, exactly as it was typed (markup can make a key take words away, and a burst's
    one count would then hide a word typed and a word lost)."""
    if typed and _plain_typing(typed):
        left, right = _paragraph_bounds(text, position, position)
        before = text[left:right]
        if not before or _plain_alnum(before):
            after = text[left:position] + typed + text[position:right]
            delta = EditDelta(words_added=len(after.split()) - (1 if before else 0), chars_added=len(typed))
            return text[:position] + typed + text[position:], delta
    total = EditDelta()
    for offset, key in enumerate(typed):
        text, delta = measure_edit(text, position + offset, 0, key)
        total.add(delta)
    return text, total


class EditCounter:
    """Mirror of the editor's text; turns each edit into an :class:`EditDelta`.

    The mirror is kept as a list of lines, and each edit touches only the lines it spans
    (found by walking from the last edit's line), so a keystroke costs the length of its
    line, not of the whole piece: no 1 MB copy per key in a book-length manuscript.

    Call :meth:`reset` whenever the text is replaced wholesale (a piece loaded or reloaded):
    those are not the writer's words. :meth:`expect_paste` marks the next edit as a paste.
    """

    def __init__(self, text: str = "") -> None:
        self._paste: str | None = None
        self.text = text

    @property
    def text(self) -> str:
        return "\n".join(self._lines)

    @text.setter
    def text(self, value: str) -> None:
        self._lines = value.split("\n")
        self._length = len(value)
        self._line = 0  # the line the last edit touched, and where it starts
        self._line_start = 0

    @property
    def length(self) -> int:
        return self._length

    def reset(self, text: str) -> None:
        self.text = text
        self._paste = None

    def expect_paste(self, text: str) -> None:
        self._paste = text

    def _locate(self, position: int) -> tuple[int, int]:
        """The line holding ``position`` and that line's start offset.

        Walks from the last edit's line, which is next door while the writer types. A jump far
        away (the first edit after opening, or a click into another chapter) sums the line
        lengths in C and bisects instead: walking 4,000 lines one by one took 5 ms.
        """
        index, start = self._line, self._line_start
        lines = self._lines
        if abs(position - start) > _FAR:
            lengths = list(accumulate(map(len, lines)))  # line i's break is at lengths[i] + i
            index = min(bisect_left(range(len(lines)), position, key=lambda i: lengths[i] + i), len(lines) - 1)
            return index, lengths[index] + index - len(lines[index])
        while position < start and index > 0:
            index -= 1
            start -= len(lines[index]) + 1
        while index < len(lines) - 1 and position > start + len(lines[index]):
            start += len(lines[index]) + 1
            index += 1
        return index, start

    def typed(self, position: int, keys: str) -> EditDelta:
        """Keys typed one after another from ``position``: the same text and counts as one
        :meth:`edit` a key, for the cost of one (see :func:`measure_typing`)."""
        self._paste = None
        position = max(0, min(position, self._length))
        first, first_start = self._locate(position)
        new_local, delta = measure_typing(self._lines[first], position - first_start, keys)
        self._lines[first:first + 1] = new_local.split("\n")
        self._length += len(keys)
        self._line, self._line_start = first, first_start
        return delta

    def edit(self, position: int, removed: int, inserted: str) -> EditDelta:
        pasted = self._paste is not None and bool(inserted)
        self._paste = None
        position = max(0, min(position, self._length))
        removed = max(0, min(removed, self._length - position))
        first, first_start = self._locate(position)
        last, _ = self._locate(position + removed) if removed else (first, first_start)
        local = "\n".join(self._lines[first:last + 1])
        new_local, delta = measure_edit(local, position - first_start, removed, inserted, pasted=pasted)
        self._lines[first:last + 1] = new_local.split("\n")
        self._length += len(inserted) - removed
        self._line, self._line_start = first, first_start
        return delta
