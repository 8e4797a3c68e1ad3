"""The writer's own words: a plain text file, one word a line, in Quill's data folder.

Plain text so the writer can edit it by hand or copy it between machines; written atomically
so a crash never leaves half a list.
"""

from __future__ import annotations

import threading
from pathlib import Path

from quill.spell.scripts import word_key
from quill.storage.atomic import SaveError, atomic_write_text


class PersonalDictionary:
    """Words the writer added with "Add to dictionary"; they are correct in every language."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._words: set[str] = set()
        self._keys: set[str] = set()  # the words as :func:`word_key` folds them: "don’t" is "don't"
        self._lock = threading.Lock()
        self._loaded = False

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        if self.path is None:
            return
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return
        self._words = {line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")}
        self._keys = {word_key(w) for w in self._words}

    def __contains__(self, word: str) -> bool:
        with self._lock:
            self._load()
            return word in self._words or word_key(word) in self._keys

    def words(self) -> set[str]:
        with self._lock:
            self._load()
            return set(self._words)

    def add(self, word: str) -> str | None:
        """Add ``word`` and save the list; returns a message when saving failed (the word still counts)."""
        word = word.strip()
        with self._lock:
            self._load()
            if not word or word in self._words:
                return None
            self._words.add(word)
            self._keys.add(word_key(word))
            if self.path is None:
                return None
            text = "".join(w + "\n" for w in sorted(self._words, key=str.casefold))
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                atomic_write_text(self.path, text)
            except (SaveError, OSError) as exc:
                return f"Could not save your dictionary: {exc}"
        return None
