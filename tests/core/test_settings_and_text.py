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


def _refuse_reading(monkeypatch, path: Path, error: int) -> None:  # noqa: ANN001
    """``path`` cannot be read (no permission, a failing disk): at the OS boundary, as root ignores chmod."""
    import errno as _errno
    import os as _os

    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self == path:
            raise OSError(error, _os.strerror(error), str(path))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    assert error in (_errno.EACCES, _errno.EIO)


def test_a_settings_file_quill_could_not_read_is_never_written_over(tmp_path: Path, monkeypatch):
    """Before this, a settings file Quill could not read at start (EACCES, EIO) meant the defaults —
    and the first Ctrl+= wrote those defaults over every choice the writer had made in it."""
    import errno

    path = tmp_path / "settings.json"
    mine = json.dumps({"theme": "sepia", "font_size": 24, "column_chars": 80, "a_newer_quills_key": [1]})
    path.write_text(mine)
    for error in (errno.EACCES, errno.EIO):
        _refuse_reading(monkeypatch, path, error)
        result = load_settings(path)
        assert result.settings == Settings() and result.notice and "Could not read" in result.notice
        settings = result.settings
        settings.font_size += 1
        message = save_settings(path, settings)
        assert message and "did not save your settings" in message and str(path) in message
        assert path.read_text() == mine
        monkeypatch.undo()
    assert save_settings(path, load_settings(path).settings) is None  # readable again: saved as before
    assert json.loads(path.read_text())["theme"] == "sepia"


def test_a_settings_file_damaged_while_quill_runs_is_not_written_over(tmp_path: Path):
    """A half-written hand edit, or a sync tool's partial copy, after Quill started."""
    path = tmp_path / "settings.json"
    path.write_text('{"theme": "dark", "font_size": 2')
    assert save_settings(path, Settings(theme="sepia")) is not None
    assert path.read_text() == '{"theme": "dark", "font_size": 2'


def test_each_damaged_settings_file_is_kept(tmp_path: Path):
    """Before this, the second damaged settings file replaced the first one kept as settings.json.corrupt."""
    path = tmp_path / "settings.json"
    for n, damaged in enumerate(("{ first damage", "", '{"theme": "dark", '), start=1):
        path.write_text(damaged)
        result = load_settings(path)
        assert result.notice and "damaged" in result.notice and not path.exists()
        kept = tmp_path / ("settings.json.corrupt" if n == 1 else f"settings.json.corrupt-{n}")
        assert kept.name in result.notice and kept.read_text() == damaged
    assert len(list(tmp_path.glob("settings.json.corrupt*"))) == 3
