"""Characters as well as words (issue 17): the status line, goals in characters, `quill stats --json`, CJK."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quill.library.words import count_words as library_count
from quill.paths import app_dirs
from quill.sessions.cli import main as stats_main
from quill.sessions.goals import parse_goal
from quill.settings import load_settings
from quill.textstats import count_body_words, count_characters, count_words
from tests.ui.keys import type_text


def test_each_han_and_kana_character_is_a_word_everywhere():
    assert count_words("我喜欢写作") == 5
    assert count_words("日本語のテキストです。") == 10
    assert count_words("Hello 世界, won't well-known") == 5
    assert count_words("한국어 문장") == 2  # Korean is written with spaces: words as usual
    text = "---\ntitle: 标题\n---\n\n我们写作 and write.\n"
    assert count_body_words(text) == library_count(text) == 6


@given(st.text(alphabet=st.sampled_from("ab 我的カナ'-_\n🦊é\u0301\u2028.[]()"), max_size=80))
def test_the_library_and_the_editor_count_alike(text: str):
    assert library_count(text) == count_body_words(text)


def test_characters_with_and_without_spaces():
    assert count_characters("ab c\nd 🦊") == (7, 5)  # line breaks are no characters; an emoji is one
    assert count_characters("") == (0, 0)


def test_the_status_line_shows_characters_beside_or_instead_of_words(make_window, qtbot) -> None:  # noqa: ANN001
    window = make_window()
    type_text(qtbot, window.editor, "---\ntitle: Not counted\n---\nHello 世界 🦊\nab")
    window.refresh_status()
    assert window.status.left.full_text() == "4 words"  # Hello, 世, 界, ab
    window.commands.run("status_count")
    assert window.status.left.full_text() == "12 characters (10 without spaces)"
    assert load_settings(app_dirs().settings_file).settings.status_count == "characters"
    type_text(qtbot, window.editor, "c")
    window.refresh_status()
    assert window.status.left.full_text() == "13 characters (11 without spaces)"  # counted again after an edit
    window.commands.run("status_count")
    assert window.status.left.full_text() == "4 words · 13 characters (11 without spaces)"
    window.commands.run("status_count")
    assert window.status.left.full_text() == "4 words"


def test_a_session_goal_in_characters(make_window, qtbot) -> None:  # noqa: ANN001
    window = make_window()
    goal = parse_goal("20 characters")
    assert goal is not None and goal.kind == "characters"
    window.sessions.start_session_goal(goal)
    type_text(qtbot, window.editor, "Ten chars.")
    window.sessions.update_goal_mark()
    assert "20 chars" in window.status._goal_text and window.status._goal_fraction == 0.5
    type_text(qtbot, window.editor, " And more.")
    window.sessions.update_goal_mark()
    assert window.status._goal_fraction == 1.0
    assert "Session goal reached: 20 characters" in window.banner.text()


def test_quill_stats_json_reports_characters_added(make_window, qtbot, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: ANN001
    window = make_window()
    typed = "Characters count too.\n\n世界"
    type_text(qtbot, window.editor, typed)
    window.sessions.flush_now()
    window.close()
    capsys.readouterr()
    assert stats_main(["--json"]) == 0
    totals = json.loads(capsys.readouterr().out)["totals"]
    assert totals["chars_added"] == len(typed.replace("\n", ""))
    assert totals["words_added"] == count_words(typed) == 5
    assert stats_main([]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].rstrip().endswith("chars typed") and table[-1].rstrip().endswith(f"{totals['chars_added']:,}")
