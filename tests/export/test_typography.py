"""Printer's quotes and dashes in HTML, PDF and rich text; markdown, text, code and URLs as typed."""

from __future__ import annotations

from pathlib import Path

from quill.export.render import clipboard_html, standalone_html
from quill.export.text import clean_markdown, plain_text
from quill.export.typography import smarten

SOURCE = ('He said "it\'s *fine*" -- then left... `code "x" -- y` 1990--2000, "*emph*", '
          "and https://example.com/a--b.\n")


def test_smarten_rules() -> None:
    assert smarten('"Hello," she said.') == "“Hello,” she said."
    assert smarten("it's the '90s") == "it’s the ’90s"  # an apostrophe, not an opening quote (a review)
    assert smarten("rock 'n' roll") == "rock ’n’ roll"
    assert smarten('"\'Tis the season," she said.') == "“’Tis the season,” she said."
    assert smarten("'Quoted' words, and 'em") == "‘Quoted’ words, and ’em"
    assert smarten("'nothing' and 'twas") == "‘nothing’ and ’twas"  # "n" only as a word of its own
    assert smarten('He was 5\'10" tall; the 1990\'s.') == "He was 5′10″ tall; the 1990’s."
    assert smarten("wait -- no --- yes") == "wait — no — yes"
    assert smarten("pages 3--7") == "pages 3–7"
    assert smarten("and then...") == "and then…"
    assert smarten('"', before="d") == "”"
    assert smarten("see https://x.org/a--b and www.y.org/'q'") == "see https://x.org/a--b and www.y.org/'q'"


def test_html_and_rich_text_are_typeset_but_code_and_links_are_not() -> None:
    html = clipboard_html(SOURCE)
    assert "“it’s <em>fine</em>” — then left…" in html
    assert "<code>code &quot;x&quot; -- y</code>" in html
    assert "1990–2000" in html and "“<em>emph</em>”" in html
    assert "https://example.com/a--b" in html
    assert '"it' not in standalone_html(SOURCE, smart=True) and '&quot;it' in standalone_html(SOURCE, smart=False)


def test_markdown_and_plain_text_stay_as_typed() -> None:
    assert '"it\'s' in clean_markdown(SOURCE) and " -- then" in clean_markdown(SOURCE)
    assert '"it\'s' in plain_text(SOURCE)


def test_the_cli_keeps_it_as_typed_on_request(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    from quill.export.cli import main

    piece = tmp_path / "p.md"
    piece.write_text(SOURCE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["export", str(piece), "--to", "html"]) == 0
    assert "“it’s" in (tmp_path / "p.html").read_text(encoding="utf-8")
    assert main(["export", str(piece), "--to", "html", "--as-typed", "--force"]) == 0
    assert "“it’s" not in (tmp_path / "p.html").read_text(encoding="utf-8")
