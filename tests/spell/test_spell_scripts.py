"""Words in another writing system are another language, not misspellings; the same word is judged
the same however its characters are spelled (NFC or NFD, straight or curly apostrophe)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quill.graphemes import EXTEND
from quill.spell import PersonalDictionary, SpellChecker, SpellService, checkable_words
from quill.spell.dictionaries import DictionaryInfo
from quill.spell.scripts import LATIN, written_in
from quill.spell.tokens import misspelled_spans

LATIN_ONLY = frozenset({LATIN})
_EXTENDS = re.compile(f"[{EXTEND}]")


@pytest.fixture(scope="module")
def english() -> SpellChecker:
    checker = SpellService(None, None).checker("en_US")
    assert checker is not None
    return checker


def flagged(checker: SpellChecker, line: str) -> list[str]:
    checker.check_words(w for _, _, w in checkable_words(line))
    return [line[s:e] for s, e in misspelled_spans(line, checker.known)]


QUOTES = {
    "Hebrew": "שלום", "Hebrew with points": "שָׁלוֹם", "Arabic": "مرحبا", "Arabic with harakat": "مَرْحَبًا",
    "Persian with ZWNJ": "می‌خواهم", "Chinese": "你好世界", "Japanese": "ひらがなカタカナ", "Korean": "안녕하세요",
    "Cyrillic": "привет", "Greek": "καλημέρα", "Devanagari": "नमस्ते", "Thai": "สวัสดี", "Georgian": "გამარჯობა",
    "emoji": "👩‍💻🦊", "mathematical letters": "𝒜𝓁𝒾𝒸ℯ",
}


@pytest.mark.parametrize("quote", QUOTES.values(), ids=QUOTES.keys())
def test_a_quotation_in_another_script_is_not_flagged_under_english(english: SpellChecker, quote: str):
    line = f"She wrote “{quote}” on teh wall, and {quote}."
    assert flagged(english, line) == ["teh"]
    assert english.is_correct(quote.split()[0]) or not checkable_words(quote)


def test_a_word_mixing_scripts_is_left_alone_and_latin_words_are_still_judged(english: SpellChecker):
    assert written_in("Café", LATIN_ONLY) and written_in("Ærøskøbing", LATIN_ONLY)
    assert not written_in("шalom", LATIN_ONLY) and not written_in("123", LATIN_ONLY)
    assert flagged(english, "wrold naïve Straße") == ["wrold", "Straße"]


def test_accented_english_loanwords_are_known_in_nfc_and_nfd(english: SpellChecker):
    for word in ("Café", "café", "naïve", "résumé", "façade", "jalapeño", "fiancée", "Cafe\u0301",
                 unicodedata.normalize("NFD", "résumé")):
        assert english.is_correct(word), word
    # An accent does not make a misspelling right.
    for word in ("tëh", "wröld", "cafféé", "Cafe\u0301e"):
        assert not english.is_correct(word), word


def test_an_nfd_word_is_one_word_whose_span_keeps_its_accent(english: SpellChecker):
    line = "a Cafe\u0301 and a Tehe\u0301 now"
    assert [w for _, _, w in checkable_words(line)] == ["a", "Cafe\u0301", "and", "a", "Tehe\u0301", "now"]
    assert flagged(english, line) == ["Tehe\u0301"]


def _tiny_dictionary(folder: Path, lang: str, words: list[str], try_line: str = "") -> DictionaryInfo:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{lang}.aff").write_text(f"SET UTF-8\n{try_line}\n", encoding="utf-8")
    (folder / f"{lang}.dic").write_text(f"{len(words)}\n" + "\n".join(words) + "\n", encoding="utf-8")
    return DictionaryInfo(lang, folder / lang, "yours")


def test_accents_are_spelling_outside_english(tmp_path: Path):
    french = SpellChecker(_tiny_dictionary(tmp_path, "fr_FR", ["ou", "où", "ecole"]))
    assert french.is_correct("où") and french.is_correct("ou")
    assert not french.is_correct("óu")  # a French accent in the wrong place is a misspelling
    assert not french.is_correct("écolé")


def test_a_cyrillic_dictionary_judges_cyrillic_only(tmp_path: Path):
    russian = SpellChecker(_tiny_dictionary(tmp_path, "ru_RU", ["привет"]))
    assert russian.is_correct("привет") and not russian.is_correct("првиет")
    assert russian.is_correct("teh")  # English in a Russian piece: another language


def test_a_dictionary_of_a_language_quill_does_not_know_judges_the_scripts_of_its_try_letters(tmp_path: Path):
    georgian = SpellChecker(_tiny_dictionary(tmp_path, "xx_XX", ["გამარჯობა"], "TRY აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ"))
    assert georgian.scripts is None  # not known before the dictionary is read
    assert not georgian.is_correct("გამარჯბა")
    assert georgian.scripts == frozenset({"GEORGIAN"}) and georgian.is_correct("teh")


WORDS = ["don't", "won't", "it's", "o'clock", "rock'n'roll", "Writer's", "dont'", "'tis", "teh's", "cafe's"]


@given(st.sampled_from(WORDS), st.sampled_from(["’", "'"]))
def test_straight_or_curly_apostrophes_never_decide(english: SpellChecker, word: str, apostrophe: str):
    assert english.is_correct(word) == english.is_correct(word.replace("'", apostrophe))


def test_a_personal_word_counts_with_either_apostrophe_and_in_nfd(tmp_path: Path):
    personal = PersonalDictionary(tmp_path / "words.txt")
    personal.add("Quill’d")
    personal.add("Zoë")
    assert "Quill'd" in personal and "Zoe\u0308" in personal and "Zoe" not in personal
    reread = PersonalDictionary(tmp_path / "words.txt")
    assert "Quill'd" in reread and "Zoe\u0308" in reread


def test_the_extend_table_matches_this_python():
    import sys

    for cp in range(sys.maxunicode + 1):
        char = chr(cp)
        expected = (unicodedata.category(char).startswith("M") or cp in (0x200C, 0x200D, 0xFF9E, 0xFF9F)
                    or 0x1F3FB <= cp <= 0x1F3FF or 0xE0020 <= cp <= 0xE007F)
        assert bool(_EXTENDS.match(char)) == expected, hex(cp)


PIECES = ["teh", "wrold", "the", "Café", "Cafe\u0301", "don’t", "don't", "dont'", "שלום", "مرحبا", "привет",
          "καλημέρα", "नमस्ते", "你好", "🦊", "👩‍💻", "𝒜", "x", "naïve", "Tehe\u0301"]
SEPARATORS = [" ", "\r\n", "\u2028", "\u0301", "'", "’", "-", "\u200d", "\u200f", "“", "*", "`", ""]
pieces = st.lists(st.one_of(st.sampled_from(PIECES), st.sampled_from(SEPARATORS),
                            st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=3)),
                  max_size=25).map("".join)


@settings(max_examples=300, deadline=None)
@given(pieces)
def test_underline_spans_are_whole_latin_words(english: SpellChecker, text: str):
    for line in re.split("\r\n|\n|\r|\u2028", text):
        for start, end in misspelled_spans(line, lambda w: english.is_correct(w)):
            word = line[start:end]
            assert word and written_in(word, LATIN_ONLY), word
            # a span never ends before a combining mark or joiner (it would cut a character in two)
            assert not _EXTENDS.match(line, end), (line, word)
            assert start == 0 or not _EXTENDS.match(line, start), (line, word)
