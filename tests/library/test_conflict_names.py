"""Sync engines' conflict copies are recognised and tied to their piece; real titles never are."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quill.library.conflict_names import (
    DROPBOX,
    GOOGLE_DRIVE,
    NEXTCLOUD,
    ONEDRIVE,
    OWNCLOUD,
    QUILL,
    RECOVERED,
    SYNCTHING,
    conflict_of,
    is_conflict_copy,
    is_sync_artifact,
    parse_conflict_name,
)

CASES = [
    ("essay.sync-conflict-20261203-080101-ABCDEFG.md", SYNCTHING, "ABCDEFG", datetime(2026, 12, 3, 8, 1, 1)),
    ("essay (conflicted copy 2026-12-03).md", DROPBOX, None, datetime(2026, 12, 3)),
    ("essay (Ana's conflicted copy 2026-12-03).md", DROPBOX, "Ana", datetime(2026, 12, 3)),
    ("essay (Ana’s conflicted copy 2026-12-03) (1).md", DROPBOX, "Ana", datetime(2026, 12, 3)),
    ("essay (conflicted copy 2026-12-03 080101).md", NEXTCLOUD, None, datetime(2026, 12, 3, 8, 1, 1)),
    ("essay_conflict-20261203-080101.md", OWNCLOUD, None, datetime(2026, 12, 3, 8, 1, 1)),
    ("[Conflict] essay.md", GOOGLE_DRIVE, None, None),
    ("essay (Conflict 2026-12-03).md", GOOGLE_DRIVE, None, datetime(2026, 12, 3)),
    ("essay (conflict 2026-12-03 0801).md", QUILL, None, datetime(2026, 12, 3, 8, 1)),
    ("essay (conflict 2026-12-03 0801 2).md", QUILL, None, datetime(2026, 12, 3, 8, 1)),
    ("essay (recovered 2026-12-03 0801).md", QUILL, None, datetime(2026, 12, 3, 8, 1)),
    ("essay (recovered 2026-12-03 0801) 2.md", QUILL, None, datetime(2026, 12, 3, 8, 1)),
]


@pytest.mark.parametrize(("name", "engine", "device", "when"), CASES)
def test_each_engine_names_its_copies_after_the_piece(name, engine, device, when) -> None:  # noqa: ANN001
    parsed = parse_conflict_name(name)
    assert parsed is not None
    assert (parsed.original, parsed.engine, parsed.device, parsed.when) == ("essay.md", engine, device, when)


def test_recovered_copies_say_so() -> None:
    assert parse_conflict_name("essay (recovered 2026-12-03 0801).md").kind == RECOVERED
    assert parse_conflict_name("essay (conflict 2026-12-03 0801).md").kind == "conflict"


def test_onedrive_suffix_counts_only_beside_its_piece(tmp_path) -> None:  # noqa: ANN001
    copy = tmp_path / "essay-LAPTOP-7QK2M.md"
    copy.write_text("theirs", encoding="utf-8")
    assert not is_conflict_copy(copy)  # no essay.md: it is a piece of its own
    (tmp_path / "essay.md").write_text("ours", encoding="utf-8")
    parsed = conflict_of(copy)
    assert parsed is not None and (parsed.original, parsed.engine, parsed.device) == ("essay.md", ONEDRIVE,
                                                                                      "LAPTOP-7QK2M")


@pytest.mark.parametrize("title", [
    "War (conflict).md", "Untitled draft 2026-12-03 2.md", "essay 2.md", "On conflict.md", "notes-2024.md",
    "Re-reading Proust.md", "A-Z of walking.md", "essay (1).md", "conflict.md", "Chapter 3 - THE END.md",
])
def test_real_titles_are_never_taken_for_copies(tmp_path, title) -> None:  # noqa: ANN001
    for sibling in ("essay.md", "notes.md", "Re.md", "A.md", "Chapter 3.md", "War.md"):
        (tmp_path / sibling).write_text("x", encoding="utf-8")
    path = tmp_path / title
    path.write_text("mine", encoding="utf-8")
    assert not is_conflict_copy(path)


stems = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/\\\0"),
                min_size=1, max_size=40).filter(lambda s: s.strip() == s and not s.startswith("."))


@given(stems)
def test_every_engine_s_copy_leads_back_to_its_piece(stem: str) -> None:
    piece = f"{stem}.md"
    names = [
        f"{stem}.sync-conflict-20261203-080101-ABCDEFG.md",
        f"{stem} (conflicted copy 2026-12-03).md",
        f"{stem} (Ana's conflicted copy 2026-12-03).md",
        f"{stem} (conflicted copy 2026-12-03 080101).md",
        f"{stem} (conflict 2026-12-03 0801).md",
        f"{stem} (recovered 2026-12-03 0801).md",
        f"{stem}-DESKTOP-AB12CD.md",
    ]
    for name in names:
        parsed = parse_conflict_name(name, exists=lambda sibling: sibling == piece)
        assert parsed is not None, name
        assert parsed.original == piece, name


@pytest.mark.parametrize("name", [
    ".stfolder", ".stversions", ".syncthing.essay.md.tmp", "~syncthing~essay.md.tmp", ".dropbox.cache", ".git",
    ".nextcloudsync.log", "._sync_abc.db", "~$essay.md", ".~lock.essay.md#", ".essay.md.icloud", "essay.md~",
])
def test_sync_engines_own_files_are_artifacts(name: str) -> None:
    assert is_sync_artifact(name)


@pytest.mark.parametrize("name", ["essay.md", "Notes on git.md", "Drafts", "tmp notes.md"])
def test_pieces_and_folders_are_not_artifacts(name: str) -> None:
    assert not is_sync_artifact(name)


from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@given(st.text(alphabet=st.sampled_from(list("ab0-é 🙂")), min_size=1, max_size=12).filter(
    lambda s: s.strip("-") == s and "." not in s))
def test_onedrive_copies_of_stems_with_hyphens_attach_to_their_piece(stem):
    from quill.library.conflict_names import ONEDRIVE, parse_conflict_name

    original = f"{stem}.md"
    found = parse_conflict_name(f"{stem}-DESKTOP-AB12CD.md", exists=lambda name: name == original)
    assert found is not None and found.original == original and found.engine == ONEDRIVE


def test_the_reported_onedrive_case():
    from quill.library.conflict_names import parse_conflict_name

    found = parse_conflict_name("0-0-DESKTOP-AB12CD.md", exists=lambda name: name == "0-0.md")
    assert found is not None and found.original == "0-0.md" and found.device == "DESKTOP-AB12CD"
