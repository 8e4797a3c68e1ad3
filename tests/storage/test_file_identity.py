"""What a save keeps of the file itself besides its words: its owner and group, its mode, a
symlink, and what happens to a hard link (QA round h8)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from quill.storage.atomic import atomic_write_bytes
from quill.storage.document import DocumentFile

posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX owners and links")
as_root = pytest.mark.skipif(os.name == "nt" or os.geteuid() != 0, reason="giving a file away needs root")


@as_root
def test_a_piece_owned_by_someone_else_keeps_its_owner_and_group(tmp_path: Path):
    """The old code replaced the file with one owned by whoever ran Quill: a shared piece (say
    root editing a user's notes, or a group-writable folder) was taken away from its owner."""
    piece = tmp_path / "theirs.md"
    piece.write_text("their words\n", encoding="utf-8")
    os.chown(piece, 65534, 65534)
    piece.chmod(0o664)
    doc, text = DocumentFile.open(piece)
    doc.save(text + "and mine\n")
    st = piece.stat()
    assert (st.st_uid, st.st_gid) == (65534, 65534)
    assert st.st_mode & 0o777 == 0o664
    assert piece.read_text(encoding="utf-8") == "their words\nand mine\n"


@posix_only
def test_an_owner_that_cannot_be_kept_does_not_stop_the_save(tmp_path: Path, monkeypatch):
    """Without the right to give a file away (not root), the save still happens: the words come first."""
    piece = tmp_path / "theirs.md"
    piece.write_text("old", encoding="utf-8")
    st = piece.stat()

    def refuse(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "chown", refuse)
    monkeypatch.setattr("quill.storage.atomic._owner_differs", lambda tmp, wanted: True)
    atomic_write_bytes(piece, b"new")
    assert piece.read_bytes() == b"new" and piece.stat().st_mode == st.st_mode


@posix_only
def test_a_hard_linked_piece_gets_the_new_words_and_the_other_name_keeps_the_old(tmp_path: Path):
    """An atomic save replaces the name, so another hard link to the file keeps the earlier
    version (as with most editors; a hard-link backup such as rsnapshot's stays a backup).
    Documented in docs/ROBUSTNESS.md; nothing is lost, the two names simply part ways."""
    piece = tmp_path / "piece.md"
    piece.write_text("old", encoding="utf-8")
    other = tmp_path / "backup" / "piece.md"
    other.parent.mkdir()
    os.link(piece, other)
    doc, _ = DocumentFile.open(piece)
    doc.save("new")
    assert piece.read_text(encoding="utf-8") == "new"
    assert other.read_text(encoding="utf-8") == "old"
    assert not any(p.name.startswith(".quill-") for p in tmp_path.iterdir())  # no held link left behind


@posix_only
def test_a_piece_the_writer_may_not_write_is_not_replaced_through_its_folder(tmp_path: Path, monkeypatch):
    """Someone else's 0644 piece in a folder the writer may write in: a rename needs only the
    folder's permission, so the old code replaced a file its owner had not let the writer change
    (and it became the writer's). It is refused as read-only instead, like a 0444 piece."""
    import quill.storage.atomic as atomic
    from quill.storage.atomic import SaveError, why_unsaveable

    piece = tmp_path / "theirs.md"
    piece.write_text("their words", encoding="utf-8")
    piece.chmod(0o644)
    real_access = os.access

    def as_another_user(path, mode, **kwargs):  # noqa: ANN001, ANN003, ANN202
        if Path(path) == piece and mode & os.W_OK:
            return False  # what access(2) answers a user other than the owner
        return real_access(path, mode, **kwargs)

    monkeypatch.setattr(atomic.os, "access", as_another_user)
    assert "read-only" in (why_unsaveable(piece) or "")
    with pytest.raises(SaveError, match="read-only"):
        atomic_write_bytes(piece, b"replaced")
    assert piece.read_text(encoding="utf-8") == "their words"
