"""The dictionary is kept compactly (issue #20) and answers exactly as spylls' own reading does."""

from __future__ import annotations

import random
import tracemalloc

import pytest
from spylls.hunspell import Dictionary
from spylls.hunspell.data import dic as spylls_dic

from quill.spell import checker as checker_module
from quill.spell.dictionaries import shipped_folder


@pytest.mark.parametrize("lang", ["en_US", "en_GB"])  # en_GB: stems filed twice, entries with data tags
def test_the_compact_dictionary_answers_word_for_word_as_spylls_and_costs_far_less(tmp_path, lang):
    stem = str(tmp_path / lang)  # a path of its own: not the process-wide copy other tests share
    for suffix in (".aff", ".dic"):
        (tmp_path / f"{lang}{suffix}").write_bytes((shipped_folder() / f"{lang}{suffix}").read_bytes())

    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        compact = checker_module._load_dictionary(tmp_path / lang)
        compact_bytes = tracemalloc.get_traced_memory()[0] - before
        before = tracemalloc.get_traced_memory()[0]
        plain = Dictionary.from_files(stem)
        plain_bytes = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
        checker_module._LOADED.pop(stem, None)

    # spylls' own classes are back in place for anyone else reading a dictionary.
    assert type(plain.dic) is spylls_dic.Dic and type(plain.dic.words[0]) is spylls_dic.Word
    assert compact_bytes < plain_bytes * 0.25, (compact_bytes, plain_bytes)
    def fields(word):
        return word.stem, set(word.flags), word.data, list(word.alt_spellings), word.captype

    # Every entry, in the file's order, made from the packed form field for field as spylls reads it.
    assert [fields(w) for w in compact.dic.words] == [fields(w) for w in plain.dic.words]
    # What n-gram suggestions walk: the same entries (forbidden and no-suggest ones left out), same order.
    assert [fields(w) for w in compact.suggester.words_for_ngram] == [
        fields(w) for w in plain.suggester.words_for_ngram]
    assert len(list(compact.suggester.words_for_ngram)) == len(plain.suggester.words_for_ngram)
    # The stem index: every stem's entries (homonyms, in order), absent stems, and flag queries.
    for stem in {w.stem for w in plain.dic.words[::13]} | {"", "zzzq", "a", "I", "spell", "Spell", "SPELL"}:
        assert [fields(w) for w in compact.dic.homonyms(stem)] == [
            fields(w) for w in plain.dic.homonyms(stem)], stem
    repeated = [stem for stem, words in plain.dic.index.items() if len(words) > 1]
    assert bool(repeated) == (lang == "en_GB")  # en_GB files some stems twice: they come back together, in order
    for stem in repeated:
        assert [fields(w) for w in compact.dic.homonyms(stem)] == [fields(w) for w in plain.dic.homonyms(stem)]
        for flag in ("M", "S", "!", "Z"):
            assert compact.dic.has_flag(stem, flag) == plain.dic.has_flag(stem, flag)
            assert compact.dic.has_flag(stem, flag, for_all=True) == plain.dic.has_flag(stem, flag, for_all=True)

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
    for typo in ("recieve", "LANGAUGE", "McDonalds", *typos[:2]):
        assert list(compact.suggest(typo)) == list(plain.suggest(typo)), typo
    # The lower-case index, read directly: the same entries under each key, as often and in the same
    # order (one-letter keys, under which spylls files every stem without capitals, included).
    for key in ("a", "x", "i", "nasa", "mcdonald", "zz"):
        assert [fields(w) for w in compact.dic.homonyms(key, ignorecase=True)] == [
            fields(w) for w in plain.dic.homonyms(key, ignorecase=True)], key


AFF = """SET UTF-8
TRY esianrtolcdugmphbyfvkwzESIANRTOLCDUGMPHBYFVKWZ'
SFX S Y 1
SFX S   0     s          .
NOSUGGEST !
FORBIDDENWORD *
"""

DIC = """8
which ph:wich
pretty/S ph:prity*
happy ph:hepi->happi
spell/S
spell/S po:verb
Spell
secret/!
wrongword/*
"""


def test_data_tags_homonyms_and_forbidden_entries_come_back_as_spylls_reads_them(tmp_path):
    (tmp_path / "xx.aff").write_text(AFF, encoding="utf-8")
    (tmp_path / "xx.dic").write_text(DIC, encoding="utf-8")
    try:
        compact = checker_module._load_dictionary(tmp_path / "xx")
    finally:
        checker_module._LOADED.pop(str(tmp_path / "xx"), None)
    plain = Dictionary.from_files(str(tmp_path / "xx"))

    def fields(word):
        return word.stem, set(word.flags), word.data, list(word.alt_spellings), word.captype

    assert [fields(w) for w in compact.dic.words] == [fields(w) for w in plain.dic.words]
    assert compact.dic.words[0].alt_spellings == ("wich",) and compact.dic.words[4].data == {"po": ["verb"]}
    assert [fields(w) for w in compact.suggester.words_for_ngram] == [
        fields(w) for w in plain.suggester.words_for_ngram]
    assert len(compact.dic.homonyms("spell")) == 2
    for stem in ("which", "spell", "Spell", "secret", "wrongword", "nothing"):
        assert [fields(w) for w in compact.dic.homonyms(stem)] == [fields(w) for w in plain.dic.homonyms(stem)]
    for key in ("spell", "s", "w"):
        assert [fields(w) for w in compact.dic.homonyms(key, ignorecase=True)] == [
            fields(w) for w in plain.dic.homonyms(key, ignorecase=True)], key
    for word in ("which", "spells", "Spells", "SPELLS", "secret", "wrongword", "pretties", "wich", "spel"):
        assert compact.lookup(word) == plain.lookup(word), word
    for typo in ("wich", "prity", "spel", "secrt", "hepi"):
        assert list(compact.suggest(typo)) == list(plain.suggest(typo)), typo
