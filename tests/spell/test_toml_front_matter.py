"""Setting the spelling language or ignoring a word in a piece whose front matter is ``+++`` TOML
(Hugo, Zola) writes TOML into that block. It used to put a YAML block above it, which pushed the
writer's metadata into the body, where the preview and every export printed it."""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quill.library.frontmatter import MalformedFrontMatter
from quill.markup.frontmatter import body_start
from quill.markup.toml_matter import toml_string
from quill.spell.language import ignores_edit, language_edit, piece_ignores, piece_language


def apply(text: str, edit: tuple[int, int, str]) -> str:
    start, end, replacement = edit
    return text[:start] + replacement + text[end:]


def test_the_language_goes_into_the_toml_block_and_the_body_is_untouched() -> None:
    text = ('+++\r\ntitle = "Notes"  # mine\r\ndate = 2024-05-01\r\n\r\n[extra]\r\nmood = "grey"\r\n+++\r\n'
            '\r\nBody words.\r\n')
    changed = apply(text, language_edit(text, "en_GB"))
    assert changed.startswith("+++\r\n") and changed.count("+++") == 2 and "---" not in changed
    assert changed[body_start(changed):] == text[body_start(text):]
    assert 'title = "Notes"  # mine' in changed  # the writer's lines as they were
    meta = tomllib.loads(changed.split("+++")[1])
    assert meta["lang"] == "en-GB" and meta["extra"] == {"mood": "grey"} and "lang" not in meta["extra"]
    assert piece_language(changed) == "en_GB"
    again = apply(changed, language_edit(changed, "fr_FR"))  # replaced, not added twice
    assert again.count("lang =") == 1 and piece_language(again) == "fr_FR"
    ignored = apply(again, ignores_edit(again, {"Zola", "señor"}))
    assert piece_ignores(ignored) == {"Zola", "señor"} and piece_language(ignored) == "fr_FR"


def test_a_toml_block_that_does_not_parse_is_refused_and_left_alone() -> None:
    text = '+++\ntitle = "unclosed\n+++\n\nBody.\n'
    if body_start(text) == 0:
        pytest.skip("not front matter by the one rule")
    with pytest.raises(MalformedFrontMatter):
        language_edit(text, "en_US")


titles = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\r\n"), max_size=30)
bodies = st.lists(st.sampled_from(["a", "é", "🦊", "\u0301", "ש", "\u2028", " ", "\n", "\r\n", "---", "+++", "="]),
                  max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(title=titles, body=bodies, newline=st.sampled_from(["\n", "\r\n"]))
def test_any_title_survives_and_the_body_never_changes(title: str, body: str, newline: str) -> None:
    block = f"+++{newline}title = {toml_string(title)}{newline}+++{newline}"
    text = block + newline + body
    assert body_start(text) == len(block)
    changed = apply(text, language_edit(text, "de_DE"))
    assert changed[body_start(changed):] == newline + body
    meta = tomllib.loads(changed[:body_start(changed)].replace("\r\n", "\n").split("+++")[1])
    assert meta == {"title": title, "lang": "de-DE"}



def test_a_byte_order_mark_before_the_toml_block_changes_nothing() -> None:
    """With a BOM before ``+++`` the block was not recognised as TOML: the language was not read,
    and setting it put a YAML block above the writer's TOML (their metadata then printed as text)."""
    text = '\ufeff+++\ntitle = "Notes"\nlang = "de-DE"\n+++\n\nBody words.\n'
    assert piece_language(text) == "de_DE"
    changed = apply(text, language_edit(text, "en_GB"))
    assert changed.startswith("\ufeff+++\n") and "---" not in changed
    assert piece_language(changed) == "en_GB" and changed.endswith("\n\nBody words.\n")
    assert changed.count("lang =") == 1
