"""HTML, plain text and clean markdown from a piece using every construct Quill renders."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quill.export import clean_markdown, clipboard_html, plain_text, split_front_matter, standalone_html
from quill.export.frontmatter import FrontMatter
from quill.export.render import preview_html, render_fragment, with_footnote_definitions
from quill.library.frontmatter import parse
from tests.export.conftest import GOLDEN

REGENERATE = os.environ.get("QUILL_REGEN_GOLDEN") == "1"


def check_golden(name: str, produced: str) -> None:
    path = GOLDEN / name
    if REGENERATE:
        path.write_text(produced, encoding="utf-8")
    assert path.exists(), f"golden file {name} missing; run with QUILL_REGEN_GOLDEN=1 once and review it"
    assert produced == path.read_text(encoding="utf-8"), f"{name} changed; review the diff, then regenerate"


@pytest.mark.parametrize(("name", "build"), [
    ("every-construct.html", lambda text: standalone_html(text, fallback_title="x")),
    ("every-construct.clipboard.html", clipboard_html),
    ("every-construct.preview.html", preview_html),
    ("every-construct.txt", plain_text),
])
def test_golden_outputs(piece_text: str, name: str, build) -> None:  # noqa: ANN001
    check_golden(name, build(piece_text))


def test_document_html_has_every_construct(piece_text: str) -> None:
    page = standalone_html(piece_text)
    assert "<title>The Weight of Small Things</title>" in page
    assert '<meta name="author" content="Ann Writer">' in page
    assert '<meta name="keywords" content="essays, walking">' in page
    assert "<style>" in page and "font-family: \"Literata\"" in page
    for fragment in (
        '<h1 id="the-weight-of-small-things" dir="auto">', '<h2 id="lists" dir="auto">', "<em>noticing</em>",
        "<strong>strong claims</strong>",
        "<del>doubt</del>", "<code>inline code</code>", '<a href="https://example.com/essays">',
        '<a href="https://ann.example.org" title="Ann\'s site">', '<li dir="auto">at the rooftops</li>',
        '<ol>\n<li dir="auto">First, the shoes.</li>', '<input type="checkbox" disabled checked /> Draft the opening',
        "<blockquote>", '<pre><code class="language-python">def walk', "&lt;footsteps&gt;",
        '<img src="images/lane.jpg" alt="A lane between two hedges" title="The lane" />',
        '<th style="text-align:right">Miles</th>', "<td style=\"text-align:center\"><em>tired</em></td>",
        '<sup class="footnote-ref" id="fnref-1"><a href="#fn-1" role="doc-noteref">1</a></sup>',
        '<li id="fn-2" role="doc-endnote"><p dir="auto">Usually at home, with tea.',
        '<a href="#fnref-2" class="footnote-back"',
        "<dl>\n<dt>Ginnel</dt>\n<dd>A narrow passage between houses.</dd>\n"
        "<dd><em>Also</em> the shortest way home.</dd>",
        '<dt>Snicket</dt>\n<dd><p dir="auto">The same, further south.</p>',
    ):
        assert fragment in page, fragment
    assert page.count("<h1") == 1  # the piece's own heading is the title: not shown twice
    assert "title: " not in page  # front matter is metadata, not text
    # each paragraph, item and heading runs the way its first letter does, as in the preview
    assert "<p>" not in page and "<li>" not in page


def test_clipboard_html_is_semantic_only(piece_text: str) -> None:
    html = clipboard_html(piece_text)
    assert "style=" not in html and "class=" not in html and "<style" not in html
    assert "Ann Writer" not in html and "2024-05-01" not in html  # no front matter
    assert html.count("<h1>") == 1 and "<strong>strong claims</strong>" in html
    notes = html[html.index("<hr />\n<ol>"):]
    assert re.findall(r'<li id="fn-(\d)">', notes) == ["1", "2"]
    assert '<a href="#fnref-1">' in notes and '<a href="#fnref-2">' in notes  # back-links
    assert '<sup id="fnref-1"><a href="#fn-1">1</a></sup>' in html
    assert "<li>☑ Draft the opening</li>" in html


def test_a_selection_keeps_the_notes_it_cites(piece_text: str) -> None:
    selection = "Every walk ends somewhere.[^end]"
    markdown = with_footnote_definitions(selection, piece_text)
    assert markdown.endswith("[^end]: Usually at home, with tea.\n")
    html = clipboard_html(markdown)
    assert "<p>Every walk ends somewhere.<sup" in html and "Usually at home, with tea." in html


SCRIPTS = """Before <script>alert('x')</script> after.

<script src="https://evil.example/x.js"></script>

<img src="https://tracker.example/pixel.gif" onerror="alert(1)">

<iframe src="https://evil.example"></iframe>

[click](javascript:alert(1)) and [data](data:text/html;base64,PHNjcmlwdD4=) and <a href="javascript:x()">raw</a>

![pixel](https://tracker.example/p.gif) ![svg](data:image/svg+xml;base64,PHN2Zz4=)
"""


@pytest.mark.parametrize("flavour", ["document", "clipboard", "preview"])
def test_raw_html_and_scripts_are_escaped(flavour: str) -> None:
    html = render_fragment(SCRIPTS, flavour)  # type: ignore[arg-type]
    assert "<script" not in html and "<iframe" not in html and '<img src="https://tracker.example/pixel' not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html or "&lt;script&gt;alert('x')" in html
    assert "javascript:" not in html.replace("&lt;a href=&quot;javascript:x()&quot;&gt;", "")
    assert 'href="data:text/html' not in html
    assert "onerror=\"" not in html


def test_preview_never_names_a_remote_resource_as_an_image() -> None:
    html = preview_html(SCRIPTS + "\n![local](pics/a.png)\n![gone](pics/missing.png)\n",
                        image_exists=lambda url: url == "pics/a.png")
    sources = re.findall(r'<img[^>]*src="([^"]*)"', html)
    assert sources == ["pics/a.png"]  # the only image Qt is asked for is a local file that exists
    assert "[Image: pixel (https://tracker.example/p.gif)]" in html
    assert "[Image: gone (pics/missing.png)]" in html
    assert not re.search(r'(src|background)="(https?:|//)', html)


def test_front_matter_split() -> None:
    fm = split_front_matter("---\ntitle: 'It''s here'\nauthor: \"A. B.\"\ntags:\n  - one\n  - two\n...\nBody\n")
    assert fm.meta == {"title": "It's here", "author": "A. B.", "tags": "one, two"}
    assert fm.body == "Body\n"
    assert split_front_matter("---\nnot closed\n").body == "---\nnot closed\n"
    assert split_front_matter("Text\n---\n").block == ""


def test_export_reads_front_matter_with_the_library_reader() -> None:
    fm = split_front_matter("---\r\nTitle: Essay\r\ndate: 2024-05-01\r\ntags: [a, 'b, c']\r\n---\r\nBody\r\n")
    assert fm.meta == {"title": "Essay", "date": "2024-05-01", "tags": "a, b, c"} and fm.body == "Body\r\n"
    # A block the library cannot read gives no metadata, but it is still not text to export.
    broken = split_front_matter("---\ntitle: [Kept out\ntitle: twice\n---\nBody\n")
    assert broken.meta == {} and broken.body == "Body\n" and broken.block.endswith("---\n")
    # A line that is not metadata at all makes the block text between two rules: it is printed.
    text = "---\ntitle: Shown\nnot a key line\n---\nBody\n"
    assert split_front_matter(text) == FrontMatter(body=text)


@given(st.lists(st.sampled_from(["---", "...", "title: T", "tags:", "  - x", "bad", "", "é 🙂", "a: 'q", "\r"]),
                max_size=8), st.text(max_size=20))
def test_block_and_body_always_rebuild_the_text(lines: list[str], tail: str) -> None:
    text = "\n".join(lines) + tail
    fm = split_front_matter(text)
    assert fm.block + fm.body == text
    doc = parse(text)
    assert set(fm.meta) == ({k.lower() for k in doc.as_dict()} if doc.has_block else set())


def test_plain_text_removes_markup_and_keeps_notes(piece_text: str) -> None:
    text = plain_text(piece_text)
    prose = text.replace('"<footsteps>" * miles', "").replace("* * *", "")
    assert "*" not in prose and "~~" not in prose and "](" not in prose and "|" not in prose and "#" not in prose
    assert text.startswith("The Weight of Small Things\n\nAn essay about noticing, with strong claims")
    assert "the author's site (https://ann.example.org)" in text
    assert "- Look up\n  - at the rooftops" in text and "2. Then the road." in text
    assert "ever observes.[1]" in text and "ends somewhere.[2]" in text
    assert text.rstrip().endswith("[1] The Hound of the Baskervilles, 1902.\n[2] Usually at home, with tea.")
    assert "Tuesday   11      tired" in text


def test_clean_markdown_drops_or_keeps_front_matter(piece_text: str) -> None:
    clean = clean_markdown(piece_text)
    assert clean.startswith("# The Weight of Small Things\n") and "author:" not in clean
    kept = clean_markdown(piece_text, keep_front_matter=True)
    assert kept.startswith("---\ntitle: \"The Weight of Small Things\"\n") and kept.endswith(clean)
    assert clean_markdown("a\r\nb\r\n") == "a\nb\n"


def test_the_export_core_never_imports_qt() -> None:
    code = ("import sys, quill.export, quill.export.cli; "
            "from quill.export import standalone_html; standalone_html('# x'); "
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph'))]; "
            "assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_toml_front_matter_is_front_matter_in_every_export() -> None:
    """The editor, word counts and the voice engine take a ``+++`` block as front matter; so do the exports."""
    from quill.export.frontmatter import split_front_matter
    from quill.export.text import plain_text

    text = '+++\ntitle = "The River"\nauthor = \'Ann\'\ndraft = true\n+++\nIt was cold.\n'
    fm = split_front_matter(text)
    assert fm.body == "It was cold.\n" and fm.get("title") == "The River" and fm.get("author") == "Ann"
    assert fm.get("draft") == "true" and fm.block == text[: text.index("It was")]
    assert plain_text(text).strip().splitlines()[-1] == "It was cold." and "+++" not in plain_text(text)
    assert "+++" not in preview_html(text) and "The River" in preview_html(text)
    unclosed = "+++\ntitle = 'x'\nIt was cold.\n"
    assert split_front_matter(unclosed).body == unclosed
