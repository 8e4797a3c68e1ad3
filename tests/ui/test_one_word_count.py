"""One word count: the status line, the library, the voice panel and `quill list` agree."""

from __future__ import annotations

from quill.library.words import count_words as library_count
from quill.textstats import count_body_words
from tests.ui.keys import type_text

BODY = ("# An essay\n\nIt rained, so we stayed in and read. "
        "See [the notes](https://example.com/notes/2026 \"notes\").\n\n"
        "<div class=\"aside\">An aside in HTML.</div>\n\nA footnote here.[^1]\n\n[^1]: The note itself.\n")


def status_words(window) -> int:  # noqa: ANN001
    window.refresh_status()
    return int(window.status.left.text().split()[0].replace(",", ""))


def test_marking_finished_and_tagging_do_not_change_the_count(qtbot, make_window, library_dir) -> None:  # noqa: ANN001
    path = library_dir / "essay.md"
    path.write_text(BODY, encoding="utf-8")
    window = make_window(path)
    before = status_words(window)
    assert before == count_body_words(BODY) == library_count(BODY)
    assert before == 23  # link targets, HTML tags and the [^1] marker are not words
    window.commands.run("finish")  # writes front matter into the text
    qtbot.waitUntil(lambda: window.editor.raw_text().startswith("---"), timeout=5000)
    assert status_words(window) == before
    text = window.editor.raw_text()
    assert library_count(text) == before


def test_typing_front_matter_by_hand_adds_no_words(qtbot, make_window) -> None:  # noqa: ANN001
    window = make_window()
    type_text(qtbot, window.editor, "---\ntitle: Many words in a title\ntags: a, b, c\n---\n\nTwo words.")
    assert status_words(window) == 2


def test_a_piece_target_and_reading_time_on_the_status_line(qtbot, make_window, library_dir) -> None:  # noqa: ANN001
    from quill.textstats import reading_minutes, word_target

    assert word_target("---\ntarget: 1,500 words\n---\nx") == 1500 and word_target("No front matter") is None
    assert reading_minutes(0) == 0 and reading_minutes(100) == 1 and reading_minutes(2380) == 10
    path = library_dir / "aimed.md"
    path.write_text("---\ntitle: Aimed\ntarget: 10\n---\n\nFive words are here now.\n", encoding="utf-8")
    now = [100.0]
    window = make_window(path, clock=lambda: now[0])
    window.refresh_status()
    assert window.status.left.full_text() == "5 of 10 words"
    assert window.status._target_fraction == 0.5
    window.commands.run("reading_time")
    assert window.status.left.full_text() == "5 of 10 words · 1 min read" and window.settings.show_reading_time
    now[0] += 90  # (nothing is said of the session in its first minute)
    window.refresh_status()
    assert window.status.right.full_text() == "open 1 min"  # time since launch, said as such
