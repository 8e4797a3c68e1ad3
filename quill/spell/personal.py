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
            raw = self.path.read_bytes()
        except OSError:
            return
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")  # a list saved in Latin-1: its words still count
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
            # The file as it is now, kept whole, with the word added at its end. Before this the list
            # was written afresh from what Quill had read: the writer's comments went, words added by
            # hand since Quill read the file went, a file Quill could not read (no permission, a disk
            # error) was replaced by the one new word, and Latin-1 words came back with U+FFFD.
            try:
                raw = self.path.read_bytes()
            except FileNotFoundError:
                raw = b""
            except OSError as exc:
                return (f"'{word}' counts as correct until Quill closes, but your dictionary ({self.path}) "
                        f"could not be read ({exc.strerror}), so Quill did not write over it.")
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                return (f"'{word}' counts as correct until Quill closes, but your dictionary ({self.path}) "
                        "is not UTF-8 text, so Quill did not write over it. Save it as UTF-8 to add words.")
            on_disk = {line.strip() for line in text.splitlines()}
            for known in on_disk - self._words:
                if known and not known.startswith("#"):
                    self._words.add(known)  # added by hand while Quill ran
                    self._keys.add(word_key(known))
            if word in on_disk:
                return None
            if text and not text.endswith(("\n", "\r")):
                text += "\r\n" if "\r\n" in text else "\n"
            text += word + ("\r\n" if "\r\n" in text else "\n")
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                atomic_write_text(self.path, text)
            except (SaveError, OSError) as exc:
                return f"Could not save your dictionary: {exc}"
        return None
