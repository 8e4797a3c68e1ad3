"""The window names a piece by its underlined (setext) title too, inside the library and out of
it, as the library list does; front matter above it is not mistaken for the title."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.mark.parametrize("inside", [True, False])
def test_the_window_title_is_the_underlined_title(make_window, qtbot, library_dir: Path, tmp_path: Path,  # noqa: ANN001
                                                  inside: bool) -> None:
    folder = library_dir if inside else tmp_path
    piece = folder / "notes-3.md"
    piece.write_text("Letters from Lisbon\n===================\n\nThe café opened at seven.\n", encoding="utf-8")
    window = make_window(piece)
    qtbot.waitUntil(lambda: window.windowTitle() == "Letters from Lisbon — Quill", timeout=5000)
    window.refresh_status()
    assert "Letters from Lisbon" in window.status.center.text()


def test_front_matter_is_not_read_as_an_underlined_title(make_window, qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    piece = tmp_path / "draft.md"
    piece.write_text("---\ntags: [a]\n---\n\nFirst words, no heading.\n", encoding="utf-8")
    window = make_window(piece)
    qtbot.waitUntil(lambda: window.windowTitle().endswith("— Quill"), timeout=5000)
    assert window.piece_title() == "draft"


@pytest.mark.parametrize("inside", [True, False])
def test_a_hugo_post_is_named_by_its_toml_title(make_window, qtbot, library_dir: Path, tmp_path: Path,  # noqa: ANN001
                                               inside: bool) -> None:
    """The window read a title only from 'title: …' lines: a Hugo post (+++ TOML front matter) was
    named by its file name outside the library, and inside it until the library had indexed it."""
    folder = library_dir if inside else tmp_path
    piece = folder / "on-rivers.md"
    piece.write_text('+++\ntitle = "On Rivers"\ntarget = 1500\n+++\n\nThe river was high.\n', encoding="utf-8")
    window = make_window(piece)
    qtbot.waitUntil(lambda: window.windowTitle() == "On Rivers — Quill", timeout=5000)
    window.refresh_status()
    assert "On Rivers" in window.status.center.text()


def test_the_title_read_from_the_text_is_toml_or_yaml_any_case() -> None:
    from quill.textstats import front_matter_value, word_target

    assert front_matter_value('+++\ntitle = "On Rivers"\n+++\n\nText.', "title") == "On Rivers"
    assert front_matter_value("---\nTitle: 'Quoted: yes'\n---\n\nText.", "title") == "Quoted: yes"
    assert front_matter_value("---\ntitle: A\n---\n", "missing") is None
    assert front_matter_value("No front matter.\ntitle: x", "title") is None
    assert word_target("+++\ntarget = 1500\n+++\n\nText.") == 1500
    assert word_target("---\ntarget: 1,500 words\n---\n\nText.") == 1500


def test_a_long_front_matter_is_read_whole_for_the_title(make_window, qtbot, library_dir: Path) -> None:  # noqa: ANN001
    """The window reads the title from the page's first lines. A front matter longer than those
    (a site generator's many settings) was read as unclosed, and a YAML comment in it ("# …")
    taken for the first heading; the title key below it was never seen."""
    from quill.library.piece import read_title

    settings = [f"param_{n}: {n}" for n in range(80)]
    settings[3] = "# the site's own settings, kept as a comment"
    text = "---\n" + "\n".join(settings) + "\ntitle: Letters from Lisbon\n---\n\n# A heading in the body\n\nText.\n"
    piece = library_dir / "letters.md"
    piece.write_text(text, encoding="utf-8")
    window = make_window(piece)
    qtbot.waitUntil(lambda: window.windowTitle().endswith("— Quill"), timeout=5000)
    assert read_title(piece) == "Letters from Lisbon"  # as the library lists it
    assert window.piece_title() == "Letters from Lisbon"
    assert window.windowTitle() == "Letters from Lisbon — Quill"


def test_the_window_names_a_piece_as_the_library_does(make_window, qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    """Hypothesis: the window reads the title from the page, the library from the file; for any
    head of a piece (YAML or TOML front matter, a BOM, headings of both kinds, comments, emoji,
    Hebrew, decomposed accents, U+2028; the file in LF or CRLF) the two must name it alike."""
    from hypothesis import HealthCheck, example, given, settings
    from hypothesis import strategies as st

    from quill.library.piece import read_title

    piece = tmp_path / "the-stem.md"
    piece.write_text("x\n", encoding="utf-8")
    window = make_window(piece)
    lines = st.sampled_from([
        "---", "+++", "...", "", "title: Rain 🎉", 'title = "On Rivers"', "Title: שלום", "tags: [a]",
        "# A heading", "## Second e\u0301te\u0301", "# comment in YAML", "Underlined", "===", "---",
        "text with\u2028a separator", "title:", "  indented: yes", "- item", "\ufeff---", "#NoSpace",
    ])

    @given(st.lists(lines, max_size=12), st.sampled_from(["\n", "\r\n"]))
    # a key named twice: the block is still front matter to the page (found by a random run)
    @example(head=["---", "title: Rain 🎉", "title: Rain 🎉", "---"], newline="\n")
    @example(head=["\ufeff---", "+++", "---"], newline="\n")  # a BOM is no text before a rule
    @settings(max_examples=150, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
    def check(head: list[str], newline: str) -> None:
        text = "\n".join(head) + "\n\nBody text.\n"
        if "\ufeff" in text[1:]:
            text = text[0] + text[1:].replace("\ufeff", "")  # a BOM only ever comes first
        piece.write_bytes(text.replace("\n", newline).encode("utf-8"))  # the page holds "\n" either way
        window.editor.setPlainText(text)
        assert window.piece_title() == read_title(piece), text

    check()
