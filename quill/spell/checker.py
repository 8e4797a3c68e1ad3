"""Is a word known? Hunspell dictionaries through spylls, cached per word form.

Why spylls (a pure-Python port of Hunspell) rather than the alternatives on PyPI:

- *correctness*: it implements Hunspell's own affix, compounding, BREAK and ICONV rules and
  passes Hunspell's test suite, so any LibreOffice or Debian ``hunspell-*`` dictionary answers
  as it does in LibreOffice (``don’t`` with a curly apostrophe, ``well-known``, ``Writer's``);
- *bundling*: it is pure Python with no native library, so the PyInstaller bundle, the .deb
  and a Windows install need nothing from the system. ``pyenchant`` needs libenchant and a
  provider (hunspell, aspell) installed or bundled per platform; ``cyhunspell`` ships no wheels
  for current Pythons; ``pyspellchecker`` does not read Hunspell affix rules at all;
- *speed*: a lookup costs 0.02–0.15 ms and suggestions about 50 ms. That is slow next to C, and
  the reasons Quill copes are here: every answer is cached per word form (a book repeats its
  words), checking runs in a worker on the paragraphs in view only, and suggestions are only
  computed when the writer asks. Loading a dictionary takes 0.4–1 s, so it happens lazily, in
  the worker, never before the first window.
"""

from __future__ import annotations

import contextlib
import dataclasses
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from quill.memory import release_memory
from quill.spell.dictionaries import DictionaryInfo, find_dictionary, normalize_lang
from quill.spell.personal import PersonalDictionary

MAX_SUGGESTIONS = 6
_CACHE_LIMIT = 200_000  # word forms; a 200,000-word book has far fewer distinct ones


_LOADED: dict[str, object] = {}  # stem -> spylls Dictionary: read-only once loaded, shared by every checker
_LOADED_LOCK = threading.Lock()


def _load_dictionary(stem: Path) -> object:
    """Load a dictionary once per process (a second window or a restarted checker reuses it)."""
    key = str(stem)
    with _LOADED_LOCK:
        if key not in _LOADED:
            from spylls.hunspell import Dictionary  # imported here: start-up never pays for it

            with _compact_words():
                _LOADED[key] = Dictionary.from_files(key)
            release_memory()  # the reading's garbage: glibc and the source-line cache would keep it
        return _LOADED[key]


@dataclasses.dataclass(slots=True)
class _SlottedWord:
    """spylls' ``Word`` (same fields, order, comparisons and repr) without a ``__dict__``: 72 bytes
    a stem instead of 112. spylls only reads the fields and never checks the class."""

    stem: str
    flags: frozenset[str]
    data: dict[str, list[str]]
    alt_spellings: tuple[str, ...]
    captype: object

    def __repr__(self) -> str:
        return f"Word({self.stem} /{','.join(self.flags)})"

    def __lt__(self, other: _SlottedWord) -> bool:  # heaps of (score, word) in ngram suggestions
        if self.stem != other.stem:
            return self.stem < other.stem
        return self.flags < other.flags


@contextlib.contextmanager
def _compact_words() -> Iterator[None]:
    """While a dictionary is read, spylls builds its entries compactly: 56 MB → about 20 MB for en_US.

    spylls keeps each stem of a dictionary (79,000 for en_US) as a ``Word`` with its own set of
    flags (there are only 821 distinct sets among them), an empty dict of data tags, an empty list
    of alternative spellings, and a one-entry list in each index: 40 of the 56 MB an English
    dictionary cost, for as long as Quill runs. Lookup and suggestion only read these (membership,
    ``union``, ``intersection``, iteration; nothing adds to them after reading), so equal flag sets
    are one shared frozenset, empty containers one shared empty one, and stem index entries tuples
    (and see ``CompactDic.append`` for a quirk of spylls' lower-case index that cost 6 MB).

    It is done as the entries are made, not afterwards: replacing containers once all are built
    frees them in holes between the words that stay, which Python's allocator cannot give back
    (measured: the heap fell 30 MB and the resident size not at all). spylls' reader looks
    ``Word`` and ``Dic`` up in its ``data.dic`` module on each use, so they are swapped there for
    the read (under ``_LOADED_LOCK``: nothing else builds spylls entries meanwhile) and put back.
    ``tests/spell/test_spell_memory.py`` checks the answers are the same, word for word.
    """
    from spylls.hunspell.algo.capitalization import Type
    from spylls.hunspell.data import dic as module

    no_capitals = Type.NO
    word_class, dic_class = module.Word, module.Dic
    shared: dict[frozenset[str], frozenset[str]] = {}
    no_tags: dict[str, list[str]] = {}  # one for every entry without data tags; never written after reading

    def word(*, stem: str, flags: set[str], data: dict[str, list[str]], captype: object,
             alt_spellings: list[str]) -> object:
        frozen = frozenset(flags)
        return _SlottedWord(stem, shared.setdefault(frozen, frozen), data or no_tags, tuple(alt_spellings), captype)

    class CompactDic(dic_class):  # type: ignore[misc, valid-type]
        def append(self, word: object, *, lower: list[str] | str) -> None:
            self.words.append(word)
            self.index[word.stem] = (*self.index.get(word.stem, ()), word)  # type: ignore[attr-defined]
            if isinstance(lower, str):
                # A stem without capitals: spylls is handed the stem itself and files the word under
                # each of its letters (6 MB of lists for en_US). Only a one-letter lookup can meet
                # those entries; :meth:`homonyms` finds them when asked instead.
                return
            for lword in lower:
                self.lowercase_index[lword].append(word)

        def homonyms(self, stem: str, *, ignorecase: bool = False) -> list[object]:
            if not ignorecase:
                return self.index.get(stem, [])  # type: ignore[attr-defined]
            found = list(self.lowercase_index.get(stem, []))
            if len(stem) == 1:  # the entries spylls would have filed under this letter (see append)
                found += [w for w in self.words if w.captype == no_capitals and stem in w.stem]
            return found

    module.Word, module.Dic = word, CompactDic
    try:
        yield
    finally:
        module.Word, module.Dic = word_class, dic_class


class SpellChecker:
    """One language's dictionary, loaded on first use, with a cache of every answer.

    :meth:`known` reads only the cache and is what the GUI thread may call while painting;
    :meth:`is_correct` may load the dictionary and call into spylls, and belongs in a worker.
    """

    def __init__(self, info: DictionaryInfo, personal: PersonalDictionary | None = None) -> None:
        self.info = info
        self.personal = personal or PersonalDictionary(None)
        self._dictionary = None
        self._load_lock = threading.Lock()
        self._cache: dict[str, bool] = {}
        #: Words found wrong so far: painting skips a paragraph holding none of them with a
        #: substring test at C speed (only added to; read it with ``tuple()``, which is atomic).
        self.wrong: set[str] = set()

    @property
    def lang(self) -> str:
        return self.info.lang

    @property
    def loaded(self) -> bool:
        return self._dictionary is not None

    def load(self) -> None:
        """Read the .aff and .dic files (0.4–1 s for English); safe to call from several threads."""
        if self._dictionary is not None:
            return
        with self._load_lock:
            if self._dictionary is None:
                self._dictionary = _load_dictionary(self.info.stem)

    def known(self, word: str) -> bool | None:
        """The cached answer for ``word``: True, False, or None when it was never checked."""
        answer = self._cache.get(word)
        if answer is False and word in self.personal:
            return True
        return answer

    def is_correct(self, word: str) -> bool:
        answer = self._cache.get(word)
        if answer is not None:
            return answer or word in self.personal
        if word in self.personal:
            return True
        self.load()
        answer = self._lookup(word)
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[word] = answer
        if not answer:
            self.wrong.add(word)
        return answer

    def check_words(self, words: Iterable[str]) -> list[str]:
        """Check every word not yet cached; returns those newly found wrong."""
        wrong = []
        cache = self._cache
        for word in words:
            if word not in cache and not self.is_correct(word):
                wrong.append(word)
        return wrong

    def _lookup(self, word: str) -> bool:
        dictionary = self._dictionary
        assert dictionary is not None
        if dictionary.lookup(word):
            return True
        if "’" in word and dictionary.lookup(word.replace("’", "'")):
            return True  # dictionaries differ in which apostrophe they list
        if "'" in word and dictionary.lookup(word.replace("'", "’")):
            return True
        # A possessive of a word the dictionary knows ("Quill's" once "Quill" is yours).
        return any(word.endswith(ending) and word[: -len(ending)] in self.personal for ending in ("'s", "’s"))

    def suggest(self, word: str, limit: int = MAX_SUGGESTIONS) -> list[str]:
        """Up to ``limit`` replacements, best first. Only ever called when the writer asks."""
        self.load()
        assert self._dictionary is not None
        out: list[str] = []
        for candidate in self._dictionary.suggest(word):
            if candidate not in out:
                out.append(candidate)
            if len(out) >= limit:
                break
        return out

    def accept(self, word: str) -> None:
        """The writer added ``word`` to the personal dictionary: it is correct from now on."""
        self._cache[word] = True


class SpellService:
    """The checkers of every language a session used, and the writer's personal dictionary.

    ``user_folder`` is the ``dictionaries`` folder in Quill's data folder; ``personal_path``
    the personal word list. Dictionaries are found on first use of their language.
    """

    def __init__(self, user_folder: Path | None, personal_path: Path | None) -> None:
        self.user_folder = user_folder
        self.personal = PersonalDictionary(personal_path)
        self._checkers: dict[str, SpellChecker | None] = {}
        self._lock = threading.Lock()

    def checker(self, lang: str | None) -> SpellChecker | None:
        """The checker for ``lang`` (``en-GB``), or None when no dictionary for it is found."""
        key = normalize_lang(lang) or ""
        with self._lock:
            if key not in self._checkers:
                info = find_dictionary(key or None, self.user_folder)
                checker = None
                if info is not None:
                    # en and en_US may resolve to the same files: share one checker and its cache.
                    checker = next((c for c in self._checkers.values() if c is not None and c.info == info), None)
                    checker = checker or SpellChecker(info, self.personal)
                self._checkers[key] = checker
            return self._checkers[key]

    def add_word(self, word: str) -> str | None:
        """Add ``word`` to the personal dictionary (every language); a message when it could not be saved."""
        message = self.personal.add(word)
        with self._lock:
            for checker in self._checkers.values():
                if checker is not None:
                    checker.accept(word)
        return message
