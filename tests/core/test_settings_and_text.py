from __future__ import annotations

import json
from pathlib import Path

from quill.settings import Settings, load_settings, save_settings
from quill.textstats import count_words, draft_title, headings, sentence_bounds


def test_only_non_defaults_are_stored(tmp_path: Path):
    path = tmp_path / "settings.json"
    settings = Settings(theme="dark", font_size=20)
    assert save_settings(path, settings) is None
    assert json.loads(path.read_text()) == {"font_size": 20, "theme": "dark"}
    assert load_settings(path).settings.theme == "dark"


def test_corrupt_settings_fall_back_and_are_kept_aside(tmp_path: Path):
    path = tmp_path / "settings.json"
    path.write_text("{ not json")
    result = load_settings(path)
    assert result.settings == Settings()
    assert result.notice and "damaged" in result.notice
    assert (tmp_path / "settings.json.corrupt").read_text() == "{ not json"


def test_out_of_range_values_are_repaired_and_unknown_keys_kept(tmp_path: Path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"font_size": 999, "theme": "neon", "future_key": [1, 2]}))
    settings = load_settings(path).settings
    assert settings.font_size == Settings.MAX_FONT_SIZE and settings.theme == "light"
    save_settings(path, settings)
    assert json.loads(path.read_text())["future_key"] == [1, 2]


def test_word_counting():
    assert count_words("won't stop the well-known 3.5 km walk") == 8  # "3.5" is two words, as in the voice engine
    assert count_words("") == 0
    assert count_words("naïve café Ελληνικά") == 3


def test_sentence_bounds():
    text = "One two. Three four! Five?"
    assert text[slice(*sentence_bounds(text, 3))] == "One two."
    assert text[slice(*sentence_bounds(text, 12))] == "Three four!"
    assert text[slice(*sentence_bounds(text, len(text)))] == "Five?"


def test_headings_skip_code_and_front_matter():
    text = "---\ntitle: x\n# not\n---\n# Real\n```\n# code\n```\n## Second ##\n"
    assert [(level, title) for level, title, _ in headings(text)] == [(1, "Real"), (2, "Second")]
    assert draft_title("\n\nA first line, with words\n") == "A first line with words"
