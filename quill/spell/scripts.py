"""Which writing system a word is written in, and the forms of a word a dictionary reads alike.

A dictionary answers for its own language only. A Hebrew ``שלום`` or an Arabic ``مرحبا`` quoted
in an English piece is not a misspelling, it is another language, so the checker only judges a
word whose letters all belong to the scripts its language is written in (:func:`written_in`).
Python's ``unicodedata`` has no script property, but every letter's Unicode name starts with
its script (``LATIN SMALL LETTER E WITH ACUTE``, ``HEBREW LETTER SHIN``, ``CJK UNIFIED
IDEOGRAPH-4E00``), which is all this needs: no new dependency.

The same word can reach the checker in several spellings of its characters: ``Café`` typed as
one ``é`` (NFC) or as ``e`` and a combining accent (NFD, common in text pasted from macOS), with
a straight or a curly apostrophe. :func:`word_key` folds those, so none of them decides anything.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

LATIN = "LATIN"

#: The languages written in each script (the first word of a letter's Unicode name); Serbian in two.
_LANGUAGES_BY_SCRIPT = {
    LATIN: "af an ast az br bs ca co cs cy da de en eo es et eu fi fo fr fur fy ga gd gl gv ha haw hr ht hu id "
           "is it kl ku la lb lt lv mg mi ms mt nb nds nl nn no oc pl pt qu rm ro rw sc sk sl sm so sq sr sv sw "
           "tet tk tl tn tr uz vi wa xh yo zu",
    "CYRILLIC": "ru uk be bg mk kk ky mn tg tt ba cv sr",
    "GREEK": "el", "HEBREW": "he yi", "ARABIC": "ar fa ur ps ug sd ckb", "DEVANAGARI": "hi mr ne sa",
    "BENGALI": "bn as", "GURMUKHI": "pa", "GUJARATI": "gu", "ORIYA": "or", "TAMIL": "ta", "TELUGU": "te",
    "KANNADA": "kn", "MALAYALAM": "ml", "SINHALA": "si", "THAI": "th", "LAO": "lo", "KHMER": "km",
    "MYANMAR": "my", "GEORGIAN": "ka", "ARMENIAN": "hy", "ETHIOPIC": "am ti", "HANGUL": "ko",
}

#: The scripts each language's dictionary is written in.
LANGUAGE_SCRIPTS: dict[str, frozenset[str]] = {}
for _script, _languages in _LANGUAGES_BY_SCRIPT.items():
    for _lang in _languages.split():
        LANGUAGE_SCRIPTS[_lang] = LANGUAGE_SCRIPTS.get(_lang, frozenset()) | {_script}

#: Languages whose spelling treats accents on loanwords as optional: ``café``, ``naïve`` and
#: ``résumé`` are as right as ``cafe``, ``naive`` and ``resume``. Only there may an accented word be
#: read without its accents. Elsewhere accents are spelling (French ``ou``/``où``, Spanish
#: ``si``/``sí``, German ``schon``/``schön``): dropping them would let real misspellings through.
ACCENTS_OPTIONAL = frozenset({"en"})


def language_scripts(lang: str | None) -> frozenset[str] | None:
    """The scripts of ``lang`` (``en_GB``, ``sr``), or None when Quill does not know the language."""
    if not lang:
        return None
    return LANGUAGE_SCRIPTS.get(lang.split("_")[0].lower())


@lru_cache(maxsize=8192)
def letter_script(char: str) -> str:
    """The script of one letter as the first word of its Unicode name (``LATIN``, ``HEBREW``, ``CJK``),
    past ``FULLWIDTH``/``HALFWIDTH``; ``""`` for a character without a name."""
    try:
        name = unicodedata.name(char)
    except ValueError:
        return ""
    first, _, rest = name.partition(" ")
    if first in ("FULLWIDTH", "HALFWIDTH"):
        first = rest.partition(" ")[0]
    return first


def scripts_of(chars: str) -> frozenset[str]:
    """The scripts of the letters in ``chars`` (a dictionary's ``TRY`` line, for a language Quill
    does not know)."""
    return frozenset(letter_script(c) for c in chars if c.isalpha())


def written_in(word: str, scripts: frozenset[str]) -> bool:
    """Whether ``word`` has letters and all of them are in ``scripts``: only then does a dictionary of
    those scripts judge it. (Marks, apostrophes and hyphens are no letters and do not count.)"""
    if word.isascii():
        return LATIN in scripts and any(c.isalpha() for c in word)
    found = False
    for char in word:
        if char.isalpha():
            if letter_script(char) not in scripts:
                return False
            found = True
    return found


def word_key(word: str) -> str:
    """``word`` with what never decides a spelling folded away: NFC (``e`` + U+0301 is ``é``) and the
    curly apostrophe as a straight one. For comparing words (the personal and ignored words)."""
    if not word.isascii() and not unicodedata.is_normalized("NFC", word):
        word = unicodedata.normalize("NFC", word)
    return word.replace("’", "'")


def strip_accents(word: str) -> str:
    """``word`` without the accents on its letters (``Café`` → ``Cafe``); letters that are not an
    accented form of another (``ß``, ``ø``, ``æ``) stay as they are."""
    if word.isascii():
        return word
    bare = "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", bare)
