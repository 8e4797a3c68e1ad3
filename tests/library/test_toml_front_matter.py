"""Pieces with ``+++`` (TOML) front matter, as Hugo and Zola keep them and as the archive import
copies them byte for byte: the library reads their values (title, date, tags, draft) with the
standard library's TOML reader, and Mark finished, tags and URL change them in TOML, in place.

Before: the library took no value from a TOML block (a Hugo post was listed by its file name, as a
draft, with "+++" as its first line, and never counted among the writer's finished pieces), and
setting a tag put a YAML block above it, pushing the writer's metadata into the text, where the
preview and every export printed it.
"""

from __future__ import annotations

import datetime as dt
import string
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quill.export.frontmatter import split_front_matter
from quill.library import Library, LibraryError
from quill.library.frontmatter import parse, update_text
from quill.markup.frontmatter import body_start

HUGO_POST = (
    "+++\n"
    "# Hugo's own comment\n"
    'title = "On Rivers"\n'
    "date = 2024-03-01T09:30:00+01:00\n"
    'tags = ["water", "essay"]\n'
    "draft = false\n"
    "\n"
    "[params]\n"
    'mood = "calm"\n'
    "+++\n"
    "\n"
    "The river was high that spring. It took the bridge.\n"
)
BODY = "\nThe river was high that spring. It took the bridge.\n"


def block_of(text: str) -> dict:
    start = body_start(text)
    assert text.startswith("+++") and start, "the piece still opens with its TOML block"
    inner = text[:start].rstrip("\n").split("\n")[1:-1]
    return tomllib.loads("\n".join(inner))


def test_a_hugo_post_is_listed_by_its_title_tags_and_date_as_finished(lib: Library, library_dir: Path):
    (library_dir / "on-rivers.md").write_text(HUGO_POST, encoding="utf-8")
    lib.scan()
    piece = lib.piece(library_dir / "on-rivers.md")
    assert piece is not None and piece.problem is None
    assert piece.title == "On Rivers"
    assert list(piece.tags) == ["water", "essay"]
    assert piece.status == "finished"  # draft = false, as Hugo says it
    assert piece.first_line.startswith("The river was high")
    assert piece.words == 10
    assert [p.title for p in lib.backlog()] == ["On Rivers"]  # among the writer's finished work


def test_tags_finish_and_reopen_change_the_toml_block_in_place(lib: Library, library_dir: Path):
    path = library_dir / "on-rivers.md"
    path.write_text(HUGO_POST.replace("draft = false", "draft = true"), encoding="utf-8")
    lib.scan()
    lib.set_tags(path, ["water", "spring"])
    lib.set_url(path, "https://example.org/rivers/")
    lib.finish(path, dt.date(2026, 12, 5))
    text = path.read_text(encoding="utf-8")
    assert "---" not in text  # no YAML block put above the writer's TOML
    values = block_of(text)
    assert values["tags"] == ["water", "spring"]
    assert values["url"] == "https://example.org/rivers/"
    assert values["status"] == "finished" and values["finished"] == dt.date(2026, 12, 5)  # a TOML date
    assert values["params"] == {"mood": "calm"} and values["title"] == "On Rivers"
    assert "# Hugo's own comment\n" in text and text.endswith(BODY)
    assert lib.piece(path).status == "finished"

    lib.reopen(path)
    values = block_of(path.read_text(encoding="utf-8"))
    assert values["status"] == "draft" and "finished" not in values
    assert path.read_text(encoding="utf-8").endswith(BODY)


def test_a_toml_block_that_does_not_parse_is_reported_and_left_alone(lib: Library, library_dir: Path):
    path = library_dir / "broken.md"
    broken = '+++\ntitle = "Unclosed\ntags = ["a"]\n+++\n\nWords.\n'
    path.write_text(broken, encoding="utf-8")
    lib.scan()
    piece = lib.piece(path)
    assert piece is not None and "TOML" in (piece.problem or "")
    with pytest.raises(LibraryError, match="TOML"):
        lib.set_tags(path, ["x"])
    assert path.read_text(encoding="utf-8") == broken


def test_an_export_reads_the_toml_title_but_not_a_table(library_dir: Path):
    front = split_front_matter(HUGO_POST)
    assert front.title("on-rivers") == "On Rivers"
    assert front.get("tags") == "water, essay"
    assert "params" not in front.meta and "mood" not in front.meta
    assert front.body == BODY


_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20)
_values = st.one_of(
    _text, st.booleans(), st.integers(-10**6, 10**6), st.dates(), st.lists(_text, max_size=4), st.none(),
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 1, 1)).map(
        lambda d: d.replace(microsecond=0)),
)
_keys = st.text(alphabet=string.ascii_lowercase + "-_", min_size=1, max_size=8)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.dictionaries(_keys, _values, max_size=5),
       body=st.text(alphabet=st.sampled_from("ab \n\r\u2028🌊é+-="), max_size=40))
def test_any_change_reads_back_as_set_and_leaves_the_body_and_other_keys_alone(changes: dict, body: str):
    text = HUGO_POST[: HUGO_POST.index("+++\n\n") + 4] + body
    before = parse(text)
    expected = {**before.as_dict(), **changes}
    expected = {key: value for key, value in expected.items() if value is not None}
    changed = update_text(text, changes)
    after = parse(changed)
    assert after.problem is None and after.as_dict() == expected
    assert after.body == body  # byte for byte
    assert changed.startswith("+++\n# Hugo's own comment\n")


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_toml_block_with_a_string_over_several_lines_is_never_pushed_into_the_text(
        newline: str, library_dir: Path):
    """Valid TOML (Hugo reads it) that the front-matter rule does not show as front matter: a
    multi-line string, whose closing ``\"\"\"`` line is not a key line. Before this, Mark finished put a
    YAML block above it: the writer's title and summary became text on the page and on their site."""
    text = newline.join(['+++', 'title = "Long Summary"', 'summary = """', 'The first line,',
                         'status = "a line of the summary, not a key"', '"""', '+++', '', 'Body words.', ''])
    assert tomllib.loads(newline.join(text.split(newline)[1:6]))["title"] == "Long Summary"
    doc = parse(text)
    assert doc.problem and "+++" in doc.problem
    with pytest.raises(ValueError):
        update_text(text, {"status": "finished"})
    piece = library_dir / "summary.md"
    piece.write_bytes(text.encode("utf-8"))
    with Library.open(library_dir, None) as lib:
        lib.scan()
        with pytest.raises(LibraryError) as refused:
            lib.finish(piece)
        assert "+++" in str(refused.value)
    assert piece.read_bytes() == text.encode("utf-8")


def test_a_key_line_inside_a_toml_string_is_the_writers_text_not_the_key():
    """An indented closing ``\"\"\"`` keeps the block front matter, and a line inside the string looks
    like ``status = …``. Before this, Mark finished rewrote that line of the writer's summary and
    set no status at all."""
    text = '+++\ntitle = "T"\nsummary = """\nstatus = "a line of my summary"\n  """\n+++\nBody\n'
    assert parse(text).get("summary") == 'status = "a line of my summary"\n  '
    with pytest.raises(ValueError):
        update_text(text, {"status": "finished"})
    assert tomllib.loads(update_text(text, {"tags": ["a"]}).split("+++")[1])["summary"].startswith("status =")


def test_a_title_written_over_several_lines_is_listed_on_one(lib: Library, library_dir: Path, capsys):  # noqa: ANN001
    """`quill list` printed such a title across two lines, and the library list broke its row."""
    from quill.cli import main

    (library_dir / "rivers.md").write_text('+++\ntitle = """On\n  Rivers"""\n+++\n\nText.\n', encoding="utf-8")
    (library_dir / "yaml.md").write_text('---\ntitle: "Of\\nLakes"\n---\n\nText.\n', encoding="utf-8")
    lib.scan()
    assert lib.piece(library_dir / "rivers.md").title == "On Rivers"
    assert lib.piece(library_dir / "yaml.md").title == "Of Lakes"
    assert main(["list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and any("On Rivers" in line for line in lines)
