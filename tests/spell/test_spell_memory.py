"""The dictionary is kept compactly (issue #20) and answers exactly as spylls' own reading does."""

from __future__ import annotations

import random
import tracemalloc

from spylls.hunspell import Dictionary
from spylls.hunspell.data import dic as spylls_dic

from quill.spell import checker as checker_module
from quill.spell.dictionaries import shipped_folder


def test_the_compact_dictionary_answers_word_for_word_as_spylls_and_costs_far_less(tmp_path):
    stem = str(tmp_path / "en_US")  # a path of its own: not the process-wide copy other tests share
    for suffix in (".aff", ".dic"):
        (tmp_path / f"en_US{suffix}").write_bytes((shipped_folder() / f"en_US{suffix}").read_bytes())

    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        compact = checker_module._load_dictionary(tmp_path / "en_US")
        compact_bytes = tracemalloc.get_traced_memory()[0] - before
        before = tracemalloc.get_traced_memory()[0]
        plain = Dictionary.from_files(stem)
        plain_bytes = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
        checker_module._LOADED.pop(stem, None)

    # spylls' own classes are back in place for anyone else reading a dictionary.
    assert type(plain.dic) is spylls_dic.Dic and type(plain.dic.words[0]) is spylls_dic.Word
    assert compact_bytes < plain_bytes * 0.6, (compact_bytes, plain_bytes)
    assert len(compact.dic.words) == len(plain.dic.words)
    for mine, theirs in zip(compact.dic.words[:2000], plain.dic.words[:2000], strict=True):
        assert (mine.stem, mine.flags, mine.captype) == (theirs.stem, theirs.flags, theirs.captype)

    rng = random.Random(20)
    stems = [word.stem for word in rng.sample(plain.dic.words, 1500)]
    forms = stems + [s + ending for s in stems[:300] for ending in ("s", "ed", "ing", "'s", "ly", "ness")]
    forms += [s.upper() for s in stems[:100]] + [s.capitalize() for s in stems[:100]]
    # all capitals: lookups that read the lower-case index, down to one-letter stems
    forms += [s.upper() for s in stems[100:300]] + list("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    forms += ["XS", "ES", "AS", "IS", "OK", "TV", "US", "QS", "ZS", "A'S", "I'D", "OF", "IT'S", "NASA'S"]
    forms += ["teh", "recieve", "colour", "color", "don’t", "well-known", "Writer's", "NASA", "McDonald's",
              "unbelievable", "reorganisation", "zzzq", "Ünïcödé"]
    typos = []
    for s in stems[:200]:
        if len(s) > 3:
            i = rng.randrange(len(s) - 1)
            typos.append(s[:i] + s[i + 1] + s[i] + s[i + 2:])
    for form in forms + typos:
        assert compact.lookup(form) == plain.lookup(form), form
    for typo in ("recieve", "langauge", *typos[:2]):
        assert list(compact.suggest(typo)) == list(plain.suggest(typo)), typo
    # The lower-case index, read directly: the same words under each key (one-letter keys included).
    for key in ("a", "x", "i", "nasa", "mcdonald", "zz"):
        expected = sorted({w.stem for w in plain.dic.homonyms(key, ignorecase=True)})
        assert sorted({w.stem for w in compact.dic.homonyms(key, ignorecase=True)}) == expected, key
