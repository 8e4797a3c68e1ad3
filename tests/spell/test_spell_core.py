"""The Qt-free spell checker: dictionaries found, words picked from markdown, answers cached."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quill.spell import SpellService, available_dictionaries, checkable_words, find_dictionary, normalize_lang
from quill.spell.dictionaries import shipped_folder
from quill.spell.tokens import misspelled_spans, prose_lines


@pytest.fixture(scope="module")
def service() -> SpellService:
    return SpellService(None, None)


def words(line: str) -> list[str]:
    return [w for _, _, w in checkable_words(line)]


def test_english_ships_with_its_licenses():
    folder = shipped_folder()
    for lang in ("en_US", "en_GB"):
        assert (folder / f"{lang}.aff").is_file() and (folder / f"{lang}.dic").stat().st_size > 500_000
    assert "Kevin Atkinson" in (folder / "LICENSE-en_US.txt").read_text(encoding="utf-8")
    assert "LGPL" in (folder / "README_en_GB.txt").read_text(encoding="utf-8")
    shipped = available_dictionaries(None, include_system=False)
    assert {"en_US", "en_GB"} <= set(shipped) and shipped["en_US"].origin == "shipped"


def test_language_codes_are_read_as_writers_write_them():
    assert normalize_lang("en-GB") == normalize_lang("en_gb") == normalize_lang(" EN-gb ") == "en_GB"
    assert normalize_lang("de") == "de"
    assert normalize_lang("english") is None and normalize_lang("") is None and normalize_lang(None) is None


def test_a_dictionary_in_the_data_folder_wins_and_new_languages_are_found(tmp_path: Path):
    mine = tmp_path / "dictionaries"
    mine.mkdir()
    (mine / "xx_YY.aff").write_text("SET UTF-8\n", encoding="utf-8")
    (mine / "xx_YY.dic").write_text("2\nhallo\nwelt\n", encoding="utf-8")
    (mine / "en_GB.aff").write_text("SET UTF-8\n", encoding="utf-8")
    (mine / "en_GB.dic").write_text("1\ncolour\n", encoding="utf-8")
    (mine / "orphan.dic").write_text("1\nx\n", encoding="utf-8")  # no .aff: not a dictionary
    assert find_dictionary("xx-YY", mine).origin == "yours"
    assert find_dictionary("en-GB", mine).origin == "yours"
    assert find_dictionary("en", None).lang == "en_US"  # a bare language prefers the default region
    assert find_dictionary("en-AU", None).lang == "en_US"
    assert find_dictionary("zz", None) is None
    checker = SpellService(mine, None).checker("xx_YY")
    assert checker.is_correct("hallo") and not checker.is_correct("hello")


def test_a_writer_who_never_chose_a_language_gets_their_systems_when_it_is_here():
    from quill.spell.dictionaries import system_default_language

    shipped = available_dictionaries(None, include_system=False)  # en_GB and en_US
    assert system_default_language("en_GB", shipped) == "en_GB"
    assert system_default_language("en-gb", shipped) == "en_GB"
    assert system_default_language("en_US", shipped) == "en_US"
    # English regions without a dictionary of their own: the spelling their writers use.
    assert system_default_language("en_AU", shipped) == "en_GB"
    assert system_default_language("en_NZ", shipped) == "en_GB"
    assert system_default_language("en_CA", shipped) == "en_US"
    assert system_default_language("en_PH", shipped) == "en_US"
    assert system_default_language("en_AU", {k: v for k, v in shipped.items() if k != "en_GB"}) == "en_US"
    # No dictionary for the system's language at all: English, as before this setting followed the system.
    assert system_default_language("fr_FR", shipped) == "en_US"
    assert system_default_language("C", shipped) == "en_US"
    assert system_default_language("", shipped) == "en_US"
    assert system_default_language(None, shipped) == "en_US"
    # A dictionary of the same language, another region: the system's code, which find_dictionary resolves.
    with_french = dict(shipped, fr_FR=shipped["en_GB"])
    assert system_default_language("fr_CA", with_french) == "fr_CA"
    assert system_default_language("fr_FR", with_french) == "fr_FR"


def test_common_typos_are_wrong_and_english_forms_are_right(service: SpellService):
    us = service.checker("en-US")
    for word in ("the", "writers", "running", "don't", "don’t", "well-known", "Writer's", "color"):
        assert us.is_correct(word), word
    for word in ("teh", "recieve", "qwzx", "colour"):
        assert not us.is_correct(word), word
    gb = service.checker("en-GB")
    assert gb.is_correct("colour") and not gb.is_correct("color")


def test_everyday_words_the_dictionaries_lack_are_known_in_every_english(service: SpellService, tmp_path: Path):
    """"Ok, the wifi's down" underlined two words a writer uses every day (SCOWL 2020 lists neither),
    so the underline taught them to look past it. The shipped list fills such gaps, English only."""
    for lang in ("en_US", "en_GB"):
        checker = service.checker(lang)
        for word in ("ok", "Ok", "wifi", "Wifi", "lockdown", "Lockdowns", "livestreaming", "Wi-Fi"):
            assert checker.is_correct(word), (lang, word)
        for word in ("okk", "oK", "wifii", "Lockdwon"):
            assert not checker.is_correct(word), (lang, word)
    mine = tmp_path / "dicts"
    mine.mkdir()
    (mine / "xx_YY.aff").write_text("SET UTF-8\n", encoding="utf-8")
    (mine / "xx_YY.dic").write_text("1\nhallo\n", encoding="utf-8")
    assert not SpellService(mine, None).checker("xx_YY").is_correct("ok")  # not another language's


def test_suggestions_only_when_asked_and_at_most_six(service: SpellService):
    suggestions = service.checker("en_US").suggest("teh")
    assert suggestions[0] == "the" and len(suggestions) <= 6


def test_answers_are_cached_per_word_form(service: SpellService, monkeypatch: pytest.MonkeyPatch):
    checker = service.checker("en_US")
    assert checker.known("zorblat") is None  # painting never waits for a lookup
    assert checker.check_words(["zorblat", "zorblat", "the"]) == ["zorblat"]
    assert checker.known("zorblat") is False
    calls = []
    monkeypatch.setattr(checker, "_lookup", lambda word: calls.append(word) or True)
    assert not checker.is_correct("zorblat") and calls == []  # from the cache


def test_personal_dictionary_persists_and_applies_to_every_language(tmp_path: Path):
    path = tmp_path / "data" / "dictionary.txt"
    first = SpellService(None, path)
    assert first.checker("en_US").check_words(["Quillwright"]) == ["Quillwright"]
    assert first.add_word("Quillwright") is None
    assert first.checker("en_US").known("Quillwright") is True
    assert path.read_text(encoding="utf-8") == "Quillwright\n"
    later = SpellService(None, path)  # a restart
    assert later.checker("en_GB").is_correct("Quillwright") and later.checker("en_US").is_correct("Quillwright's")


def test_markdown_urls_code_and_acronyms_are_not_checked():
    line = ("See `teh code` and [the lnk](https://exmple.com/teh \"titel\") or <https://x.org/zzq>, "
            "mail mee@exmple.com, read notes.md at www.exmple.org, NASA and v2 and 3rd, some_identifer, "
            "<span class=\"qq\">ok</span> [^nte] &nbsp;")
    found = words(line)
    for hidden in ("teh", "code", "exmple", "titel", "zzq", "mee", "notes", "md", "NASA", "identifer", "nte",
                   "class", "qq", "nbsp", "span", "https"):
        assert hidden not in found, hidden
    assert found[:2] == ["See", "and"] and "lnk" in found and "ok" in found and "mail" in found
    assert "NASA" in [w for _, _, w in checkable_words("NASA", skip_caps=False)]


def test_apostrophes_and_hyphens_stay_inside_words():
    assert words("don’t rock-and-roll 'quoted' -dash- it's") == ["don’t", "rock-and-roll", "quoted", "dash", "it's"]


def test_front_matter_and_code_blocks_are_not_prose():
    text = "---\ntitle: Teh\nlang: en-GB\n---\nOne teh.\n\n```\nteh code\n```\n\n    indented teh\n\nLast teh."
    lines = [line for _, line in prose_lines(text)]
    assert "One teh." in lines and "Last teh." in lines
    assert not any("title" in line or "code" in line or "indented" in line for line in lines)
    for offset, line in prose_lines(text):
        assert text[offset:offset + len(line)] == line


def test_spans_are_code_points_after_an_emoji(service: SpellService):
    checker = service.checker("en_US")
    line = "A 🦊 saw teh fox"
    checker.check_words(words(line))
    (start, end), = misspelled_spans(line, checker.known)
    assert line[start:end] == "teh"


def test_cjk_characters_are_never_sent_to_an_english_dictionary():
    assert words("我喜欢写作 and カタカナ") == ["and"]


@given(st.text(alphabet=st.sampled_from("ab teh`[]()<>:/.@_0-'’🦊é\u0301\u2028#*"), max_size=60))
def test_spans_are_words_of_the_line(line: str):
    for start, end, word in checkable_words(line):
        assert line[start:end] == word and word.strip() == word and word


def test_the_core_imports_no_qt():
    code = "import sys, quill.spell; quill.spell.SpellService(None, None).checker('en'); " \
           "print(any(m.startswith(('PySide6', 'pyqtgraph')) for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_adding_a_word_keeps_the_writers_dictionary_file_as_it_is(tmp_path: Path, monkeypatch):
    """The dictionary is a plain text file the writer may edit by hand. Before this, "Add to
    dictionary" wrote the list afresh from what Quill had read at start: the writer's comments went,
    words they added by hand meanwhile went, a Latin-1 file came back with U+FFFD in its words, and a
    file Quill could not read (EIO, EACCES) was replaced by the one new word — years of words."""
    import errno
    import os

    from quill.spell import PersonalDictionary

    path = tmp_path / "dictionary.txt"
    path.write_bytes(b"# names in my novel\r\nZorblat\r\nQuillwright\r\n")
    personal = PersonalDictionary(path)
    assert "Zorblat" in personal
    with path.open("ab") as handle:
        handle.write(b"Thessaly\r\n")  # by hand, while Quill runs
    assert personal.add("Zo\u00eb") is None
    assert path.read_bytes() == "# names in my novel\r\nZorblat\r\nQuillwright\r\nThessaly\r\nZo\u00eb\r\n".encode()
    assert "Thessaly" in personal

    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("caf\u00e9ine\nna\u00efvet\u00e9\n".encode("latin-1"))
    personal = PersonalDictionary(latin1)
    assert "caf\u00e9ine" in personal  # its words still count
    message = personal.add("Zorblat")
    assert message and "not UTF-8" in message and "Zorblat" in personal
    assert latin1.read_bytes() == "caf\u00e9ine\nna\u00efvet\u00e9\n".encode("latin-1")

    unreadable = tmp_path / "unreadable.txt"
    unreadable.write_bytes(b"Zorblat\nQuillwright\n")
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self == unreadable:
            raise OSError(errno.EIO, os.strerror(errno.EIO), str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    personal = PersonalDictionary(unreadable)
    message = personal.add("Thessaly")
    assert message and "did not write over it" in message and "Thessaly" in personal
    monkeypatch.undo()
    assert unreadable.read_bytes() == b"Zorblat\nQuillwright\n"
