"""Spell checking without Qt: dictionaries, what counts as a word to check, and the checker.

Quill never corrects or suggests on its own: this package only answers "is this word known?"
(cached per word form, so a book's repeated words cost one lookup each) and, when the writer
asks, "what might it be?". The window's part lives in :mod:`quill.ui.spell`.
"""

from quill.spell.checker import SpellChecker, SpellService
from quill.spell.dictionaries import DictionaryInfo, available_dictionaries, find_dictionary, normalize_lang
from quill.spell.personal import PersonalDictionary
from quill.spell.tokens import checkable_words, misspelled_spans

__all__ = [
    "DictionaryInfo",
    "PersonalDictionary",
    "SpellChecker",
    "SpellService",
    "available_dictionaries",
    "checkable_words",
    "find_dictionary",
    "misspelled_spans",
    "normalize_lang",
]
