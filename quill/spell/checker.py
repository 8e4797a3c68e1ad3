"""Is a word known? Hunspell dictionaries through spylls, cached per word form.

Why spylls (a pure-Python port of Hunspell) rather than the alternatives on PyPI:

- *correctness*: it implements Hunspell's own affix, compounding, BREAK and ICONV rules and
  passes Hunspell's test suite, so any LibreOffice or Debian ``hunspell-*`` dictionary answers
  as it does in LibreOffice (``don’t`` with a curly apostrophe, ``well-known``, ``Writer's``);
- *bundling*: it is pure Python with no native library, so the PyInstaller bundle, the .deb
  and a Windows install need nothing from the system. ``pyenchant`` needs libenchant and a
  provider (hunspell, aspell) installed or bundled per platform; ``cyhunspell`` ships no wheels
  for current Pythons; ``pyspellchecker`` does not read Hunspell affix rules at all;
- *speed*: a lookup costs 0.02–0.15 ms and suggestions 0.1–0.3 s. That is slow next to C, and
  the reasons Quill copes are here: every answer is cached per word form (a book repeats its
  words), checking runs in a worker on the paragraphs in view only, and suggestions are only
  computed when the writer asks. Loading a dictionary takes 0.2–1 s, so it happens lazily, in
  the worker, never before the first window.
"""

from __future__ import annotations

import array
import contextlib
import dataclasses
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from quill.memory import release_memory
from quill.resources import resource_path
from quill.spell.dictionaries import DictionaryInfo, find_dictionary, normalize_lang
from quill.spell.personal import PersonalDictionary
from quill.spell.scripts import ACCENTS_OPTIONAL, language_scripts, scripts_of, strip_accents, written_in

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
                dictionary = Dictionary.from_files(key)
            dictionary.dic.pack()
            _LOADED[key] = dictionary
            release_memory()  # the reading's garbage: glibc and the source-line cache would keep it
        return _LOADED[key]


def everyday_words(lang: str) -> frozenset[str]:
    """Words in daily use that a language's shipped dictionary lacks ("ok", "wifi", "lockdown"):
    flagging them taught a writer to ignore the underline. English only, for now; a missing or
    unreadable list only means fewer words known."""
    if lang.split("_")[0].lower() != "en":
        return frozenset()
    try:
        lines = resource_path("dictionaries", "en-everyday.txt").read_text(encoding="utf-8").splitlines()
    except OSError:
        return frozenset()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@dataclasses.dataclass(slots=True)
class _SlottedWord:
    """spylls' ``Word`` (same fields, order, comparisons and repr) without a ``__dict__``. spylls only
    reads the fields and never checks the class. Made when asked for (see :class:`_PackedIndex`)."""

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


class _Strings:
    """Strings collected in chunks as they come, for :class:`_PackedIndex`: no object per string
    outlives the reading. (Keeping the 79,000 stems as strings until the end and then freeing them
    left 5 MB of Python's memory pools empty but resident, pinned by the few objects other threads
    made meanwhile: pools that held live objects are never given back to the system.)"""

    def __init__(self) -> None:
        self._chunks: list[str] = []
        self._pending: list[str] = []
        self.starts = array.array("I", [0])

    def add(self, text: str) -> None:
        self._pending.append(text)
        self.starts.append(self.starts[-1] + len(text))
        if len(self._pending) >= 256:  # a few KB: one block from malloc, not 256 from Python's pools
            self._chunks.append("".join(self._pending))
            self._pending.clear()

    def joined(self) -> str:
        return "".join(self._chunks) + "".join(self._pending)


class _PackedIndex:
    """Strings → the numbers filed under them, with no Python object per string: the strings joined in
    one ``str``, where each starts in an ``array``, and an open-addressing hash table of their
    positions (linear probing, at most two thirds full). 79,000 stems cost about 2 MB this way,
    against about 10 MB as a dict of strings to tuples. A lookup is one ``hash`` and a few slots
    looked at; a slice is only made when the length matches."""

    __slots__ = ("_text", "_starts", "_values", "_table", "_mask")

    def __init__(self, strings: _Strings, values: array.array | range) -> None:
        self._text = text = strings.joined()
        self._starts = starts = strings.starts
        self._values = values
        count = len(starts) - 1
        size = 8
        while size * 2 < 3 * count:
            size *= 2
        self._mask = mask = size - 1
        self._table = table = array.array("i", [-1]) * size
        for i in range(count):
            slot = hash(text[starts[i]:starts[i + 1]]) & mask
            while table[slot] != -1:
                slot = (slot + 1) & mask
            table[slot] = i

    def __len__(self) -> int:
        return len(self._starts) - 1

    def key(self, i: int) -> str:
        return self._text[self._starts[i]:self._starts[i + 1]]

    def get(self, key: str) -> list[int]:
        """The values filed under ``key``, in the order they were filed."""
        table, mask, starts, text = self._table, self._mask, self._starts, self._text
        slot = hash(key) & mask
        found: list[int] = []
        length = len(key)
        while (i := table[slot]) != -1:
            start = starts[i]
            if starts[i + 1] - start == length and text[start:start + length] == key:
                found.append(i)
            slot = (slot + 1) & mask
        if len(found) > 1:
            found.sort()  # probing wraps round the table's end
        values = self._values
        return [values[i] for i in found]


@contextlib.contextmanager
def _compact_words() -> Iterator[None]:
    """While a dictionary is read, spylls files its entries packed: 56 MB → about 4 MB for en_US.

    spylls keeps each stem of a dictionary (79,000 for en_US) as a ``Word`` with its own set of
    flags (there are only 821 distinct sets among them), an empty dict of data tags, an empty list
    of alternative spellings, and a one-entry list in each of two indexes (stem, lower-case stem).
    Lookup and suggestion only read these: ``Dic.homonyms`` and ``has_flag`` (lookup) and one pass
    over every entry per suggestion (``Suggest.words_for_ngram``). So the reading files each entry
    as numbers: where its stem starts in one string of all stems (:class:`_PackedIndex`), which of
    the shared flag sets it has, its capitalisation type; the few entries with data tags keep them
    aside. A ``Word`` (:class:`_SlottedWord`, equal field for field to spylls' own) is made when
    spylls asks for it: a lookup asks for a handful, a suggestion walks all of them (about 55 ms more
    on the 170 ms a suggestion cost; suggestions are only made when the writer asks).

    spylls' reader looks ``Word`` and ``Dic`` up in its ``data.dic`` module on each use, and
    ``Dictionary`` looks up ``Suggest`` in its ``algo.suggest`` module, so they are swapped there
    for the read (under ``_LOADED_LOCK``: nothing else builds spylls entries meanwhile) and put back.
    ``tests/spell/test_spell_memory.py`` checks the answers are the same, word for word.
    """
    from spylls.hunspell.algo import suggest as suggest_module
    from spylls.hunspell.algo.capitalization import Type
    from spylls.hunspell.data import dic as module

    no_capitals = Type.NO
    word_class, dic_class, suggest_class = module.Word, module.Dic, suggest_module.Suggest
    no_tags: dict[str, list[str]] = {}  # one for every entry without data tags; never written after reading

    def word(*, stem: str, flags: set[str], data: dict[str, list[str]], captype: object,
             alt_spellings: list[str]) -> tuple:
        return stem, frozenset(flags), data, alt_spellings, captype  # only ever handed to PackedDic.append

    class PackedDic(dic_class):  # type: ignore[misc, valid-type]
        def __init__(self, words: list | None = None) -> None:
            self._flag_ids: dict[frozenset[str], int] = {}
            self.flag_sets: list[frozenset[str]] = []
            self._captype_ids: dict[object, int] = {}
            self.captypes: list[object] = []
            self._extras: dict[int, tuple[dict[str, list[str]], tuple[str, ...]]] = {}
            self._entry_flags = array.array("H")
            self._entry_captypes = array.array("B")
            self._reading: tuple[_Strings, _Strings, array.array] | None = (_Strings(), _Strings(),
                                                                               array.array("I"))
            self._stems: _PackedIndex | None = None
            self._lower: _PackedIndex | None = None

        def append(self, word: tuple, *, lower: list[str] | str) -> None:
            assert self._reading is not None, "the dictionary was already packed"
            stem, flags, data, alt_spellings, captype = word
            stems, lower_keys, lower_entries = self._reading
            entry = len(self._entry_flags)
            stems.add(stem)
            flag_id = self._flag_ids.get(flags)
            if flag_id is None:
                flag_id = self._flag_ids[flags] = len(self.flag_sets)
                self.flag_sets.append(flags)
            self._entry_flags.append(flag_id)
            captype_id = self._captype_ids.get(captype)
            if captype_id is None:
                captype_id = self._captype_ids[captype] = len(self.captypes)
                self.captypes.append(captype)
            self._entry_captypes.append(captype_id)
            if data or alt_spellings:
                self._extras[entry] = (data, tuple(alt_spellings))
            if isinstance(lower, str):
                # A stem without capitals: spylls is handed the stem itself and files the word under
                # each of its letters. Only a one-letter lookup can meet those entries;
                # :meth:`homonyms` finds them when asked instead.
                return
            for lword in lower:
                lower_keys.add(lword)
                lower_entries.append(entry)

        def pack(self) -> None:
            """Reading is over: the stems and lower-case forms into their packed indexes."""
            if self._reading is None:
                return
            stems, lower_keys, lower_entries = self._reading
            self._reading = None
            self._stems = _PackedIndex(stems, range(len(self._entry_flags)))
            self._lower = _PackedIndex(lower_keys, lower_entries)
            del self._flag_ids, self._captype_ids

        def entry(self, i: int) -> _SlottedWord:
            assert self._stems is not None
            data, alt_spellings = self._extras.get(i, (no_tags, ()))
            return _SlottedWord(self._stems.key(i), self.flag_sets[self._entry_flags[i]], data, alt_spellings,
                                self.captypes[self._entry_captypes[i]])

        def entries(self, skip_flags: set[str] = frozenset()) -> Iterator[_SlottedWord]:  # type: ignore[assignment]
            """Every entry in the file's order, but those with one of ``skip_flags``, made one by one."""
            self.pack()
            skip = {f for f, flags in enumerate(self.flag_sets) if not skip_flags.isdisjoint(flags)}
            assert self._stems is not None
            text, starts = self._stems._text, self._stems._starts  # inlined: a suggestion walks them all
            flag_sets, captypes, extras = self.flag_sets, self.captypes, self._extras
            no_extras = (no_tags, ())
            for i, (flag_id, captype_id) in enumerate(zip(self._entry_flags, self._entry_captypes, strict=True)):
                if flag_id not in skip:
                    data, alt_spellings = extras.get(i, no_extras) if extras else no_extras
                    yield _SlottedWord(text[starts[i]:starts[i + 1]], flag_sets[flag_id], data, alt_spellings,
                                       captypes[captype_id])

        @property
        def words(self) -> list[_SlottedWord]:
            return list(self.entries())

        def homonyms(self, stem: str, *, ignorecase: bool = False) -> list[_SlottedWord]:
            self.pack()
            assert self._stems is not None and self._lower is not None
            entry = self.entry
            if not ignorecase:
                return [entry(i) for i in self._stems.get(stem)]
            found = self._lower.get(stem)
            if len(stem) == 1:
                # spylls filed each stem without capitals under each of its letters, once per
                # occurrence (see append), among the others in the file's order: made here, the same.
                stems, captypes = self._stems, self._entry_captypes
                plain = [i for i, captype in enumerate(self.captypes) if captype == no_capitals]
                found += [i for i in range(len(stems)) if captypes[i] in plain
                          for _ in range(stems.key(i).count(stem))]
                found.sort()
            found = [entry(i) for i in found]
            return found

        def __repr__(self) -> str:
            return f"Dictionary(... {len(self._entry_flags)} words ...)"

    class PackedWordsSuggest(suggest_class):  # type: ignore[misc, valid-type]
        def __init__(self, aff: object, dic: PackedDic, lookup: object) -> None:
            self.aff, self.dic, self.lookup = aff, dic, lookup
            # spylls keeps a list of every entry fit for n-gram suggestions; a pass over them, made
            # when asked, answers the same (the order is the file's, as spylls' list is)
            bad_flags = {*filter(None, [aff.FORBIDDENWORD, aff.NOSUGGEST, aff.ONLYINCOMPOUND])}
            self.words_for_ngram = _Entries(dic, bad_flags)

    module.Word, module.Dic, suggest_module.Suggest = word, PackedDic, PackedWordsSuggest
    try:
        yield
    finally:
        module.Word, module.Dic, suggest_module.Suggest = word_class, dic_class, suggest_class


class _Entries:
    """An iterable over a packed dictionary's entries, fresh ``Word`` objects on each pass."""

    __slots__ = ("_dic", "_skip_flags")

    def __init__(self, dic: object, skip_flags: set[str]) -> None:
        self._dic, self._skip_flags = dic, skip_flags

    def __iter__(self) -> Iterator[object]:
        return self._dic.entries(self._skip_flags)  # type: ignore[attr-defined]


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
        #: The scripts this dictionary judges (None: every word, until a dictionary of a language
        #: Quill does not know is loaded and its ``TRY`` letters tell).
        self.scripts = language_scripts(info.lang)
        self.accents_optional = info.lang.split("_")[0].lower() in ACCENTS_OPTIONAL
        self._everyday: frozenset[str] = frozenset()  # read with the dictionary (see everyday_words)

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
                dictionary = _load_dictionary(self.info.stem)
                self._everyday = everyday_words(self.info.lang)
                if self.scripts is None:
                    self.scripts = scripts_of(getattr(dictionary.aff, "TRY", "") or "") or None
                self._dictionary = dictionary

    def judges(self, word: str) -> bool:
        """Whether ``word`` is in this dictionary's scripts: a word in another writing system (a Hebrew
        or Chinese quotation in an English piece) is another language, never a misspelling."""
        scripts = self.scripts
        return scripts is None or written_in(word, scripts)

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
        answer = not self.judges(word) or self._lookup(word)
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
        # Dictionaries are NFC: "Cafe" + U+0301 (NFD, as macOS pastes it) is read as "Café".
        word = unicodedata.normalize("NFC", word)
        if self._listed(word):
            return True
        everyday = self._everyday
        if word in everyday or word[:1].isupper() and word[1:].islower() and word.lower() in everyday:
            return True
        if self.accents_optional:
            bare = strip_accents(word)  # English "café", "naïve", "résumé": known without accents
            if bare != word and self._listed(bare):
                return True
        # A possessive of a word the dictionary knows ("Quill's" once "Quill" is yours).
        return any(word.endswith(ending) and word[: -len(ending)] in self.personal for ending in ("'s", "’s"))

    def _listed(self, word: str) -> bool:
        """The dictionary knows ``word`` with either apostrophe (dictionaries differ in which they list)."""
        dictionary = self._dictionary
        assert dictionary is not None
        if dictionary.lookup(word):
            return True
        if "’" in word and dictionary.lookup(word.replace("’", "'")):
            return True
        return "'" in word and dictionary.lookup(word.replace("'", "’"))

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
