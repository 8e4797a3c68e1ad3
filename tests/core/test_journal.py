"""The recovery journal replays to exactly the text, survives torn writes, and recovery never loses a version."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from quill.storage.journal import CorruptJournal, Edit, Journal, read_journal, text_sha256
from quill.storage.recovery import recover_journals


def _journal(tmp_path: Path, piece: Path, base: str) -> Journal:
    journal = Journal(tmp_path / "journal", piece)
    journal.start(base, 0)
    return journal


def test_edits_replay_onto_the_base(tmp_path: Path):
    piece = tmp_path / "p.md"
    journal = _journal(tmp_path, piece, "Hello world")
    journal.record(Edit(1, 5, 0, ","))
    journal.record(Edit(2, 7, 5, "there"))
    journal.flush()
    journal.record(Edit(3, 12, 0, "!\nNew line"))
    journal.flush()
    contents = read_journal(journal.path)
    assert contents.text == "Hello, there!\nNew line"
    assert contents.edits == 3 and contents.piece == piece.absolute()


def test_a_torn_last_line_is_ignored(tmp_path: Path):
    journal = _journal(tmp_path, tmp_path / "p.md", "abc")
    journal.record(Edit(1, 3, 0, "d"))
    journal.record(Edit(2, 4, 0, "e"))
    journal.flush()
    data = journal.path.read_bytes()
    journal.path.write_bytes(data[:-7])  # the crash cut the last append short
    assert read_journal(journal.path).text == "abcd"


def test_damage_in_the_middle_is_reported(tmp_path: Path):
    journal = _journal(tmp_path, tmp_path / "p.md", "abc")
    for n in range(3):
        journal.record(Edit(n + 1, 3 + n, 0, "x"))
    journal.flush()
    lines = journal.path.read_text().split("\n")
    lines[2] = "garbage"
    journal.path.write_text("\n".join(lines))
    with pytest.raises(CorruptJournal):
        read_journal(journal.path)


def test_rebase_keeps_edits_made_after_the_saved_revision(tmp_path: Path):
    journal = _journal(tmp_path, tmp_path / "p.md", "")
    journal.record(Edit(1, 0, 0, "a"))
    journal.record(Edit(2, 1, 0, "b"))
    journal.flush()
    journal.record(Edit(3, 2, 0, "c"))
    journal.start("ab", 2)  # the save of revision 2 finished while "c" was being typed
    journal.flush()
    assert read_journal(journal.path).text == "abc"


def test_recovery_writes_into_an_unchanged_piece(tmp_path: Path):
    piece = tmp_path / "p.md"
    piece.write_text("Saved.")
    journal = _journal(tmp_path, piece, "Saved.")
    journal.record(Edit(1, 6, 0, " Unsaved words."))
    journal.flush()
    journal.release()  # the crash: the operating system drops the owner's lock
    results = recover_journals(tmp_path / "journal", tmp_path)
    assert piece.read_text() == "Saved. Unsaved words."
    assert results[0].written_to == piece and "Recovered" in results[0].message
    assert not journal.path.exists()  # kept only until the text was safely written


def test_recovery_keeps_both_when_another_program_changed_the_piece(tmp_path: Path):
    piece = tmp_path / "p.md"
    piece.write_text("Base.")
    journal = _journal(tmp_path, piece, "Base.")
    journal.record(Edit(1, 5, 0, " Mine."))
    journal.flush()
    piece.write_text("Base. Theirs.")
    journal.release()  # the crash: the operating system drops the owner's lock
    results = recover_journals(tmp_path / "journal", tmp_path, now=datetime(2026, 11, 28, 9, 30))
    assert piece.read_text() == "Base. Theirs."
    recovered = tmp_path / "p (recovered 2026-11-28 0930).md"
    assert recovered.read_text() == "Base. Mine."
    assert results[0].written_to == recovered


def test_recovery_into_a_read_only_piece_goes_beside_it(tmp_path: Path):
    """The piece was made read-only (or was so all along): its unsaved words go into a copy beside
    it and the writer is told why; they are not left waiting in the journal for ever."""
    piece = tmp_path / "p.md"
    piece.write_text("Base.")
    journal = _journal(tmp_path, piece, "Base.")
    journal.record(Edit(1, 5, 0, " Mine."))
    journal.flush()
    piece.chmod(0o444)
    journal.release()
    results = recover_journals(tmp_path / "journal", tmp_path, now=datetime(2026, 12, 5, 8, 15))
    assert piece.read_text() == "Base."
    recovered = tmp_path / "p (recovered 2026-12-05 0815).md"
    assert recovered.read_text() == "Base. Mine."
    assert results[0].written_to == recovered
    assert "read-only" in results[0].message and recovered.name in results[0].message
    assert "Another program" not in results[0].message
    assert not journal.path.exists()


def test_nothing_to_recover_when_the_save_got_there(tmp_path: Path):
    piece = tmp_path / "p.md"
    piece.write_text("Done.")
    journal = _journal(tmp_path, piece, "Do")
    journal.record(Edit(1, 2, 0, "ne."))
    journal.flush()
    journal.release()  # the crash: the operating system drops the owner's lock
    assert recover_journals(tmp_path / "journal", tmp_path) == []
    assert not journal.path.exists()


def test_recovery_when_the_folder_is_gone_uses_the_fallback(tmp_path: Path):
    piece = tmp_path / "usb" / "p.md"
    journal = _journal(tmp_path, piece, "")
    journal.record(Edit(1, 0, 0, "Words on a stick."))
    journal.flush()
    fallback = tmp_path / "fallback"
    fallback.mkdir()
    journal.release()  # the crash: the operating system drops the owner's lock
    results = recover_journals(tmp_path / "journal", fallback)
    assert results[0].written_to is not None and results[0].written_to.parent == fallback
    assert results[0].written_to.read_text() == "Words on a stick."


def test_a_save_is_noted_so_recovery_writes_into_the_piece_it_saved(tmp_path: Path):
    """After an autosave the journal keeps its base and notes the saved text's checksum: recovery
    then knows the file on disk is Quill's own save (not another program's) and writes into it."""
    piece = tmp_path / "p.md"
    piece.write_text("Base.")
    journal = _journal(tmp_path, piece, "Base.")
    journal.record(Edit(1, 5, 0, " Saved."))
    journal.flush()
    piece.write_text("Base. Saved.")  # the autosave
    journal.saved("Base. Saved.", 1)
    journal.record(Edit(2, 12, 0, " Unsaved."))
    journal.flush()
    assert journal.segment_edits == 2  # no new segment: the base was not copied again
    journal.release()  # the crash: the operating system drops the owner's lock
    results = recover_journals(tmp_path / "journal", tmp_path)
    assert piece.read_text() == "Base. Saved. Unsaved."
    assert results[0].written_to == piece


def test_a_long_segment_starts_afresh_at_a_save(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import quill.storage.journal as journal_module

    monkeypatch.setattr(journal_module, "REBASE_EDITS", 3)
    journal = _journal(tmp_path, tmp_path / "p.md", "")
    for n, char in enumerate("abcd"):
        journal.record(Edit(n + 1, n, 0, char))
    journal.flush()
    journal.record(Edit(5, 4, 0, "e"))  # typed while the save of revision 4 was being written
    journal.saved("abcd", 4)
    journal.flush()
    assert journal.segment_edits == 1
    assert journal.path.read_text().count("\n") == 3  # header, the new base, the one later edit
    contents = read_journal(journal.path)
    assert contents.text == "abcde" and contents.base_sha256 == text_sha256("abcd")


def test_a_long_base_is_encoded_in_slices_exactly_as_json_would(tmp_path: Path):
    import json
    import random

    from quill.storage.journal import json_string

    rng = random.Random(3)
    alphabet = 'ab "\\\n\t\x00\x1f/é—\u2028\U0001f600'  # quotes, escapes, control, non-BMP
    text = "".join(rng.choice(alphabet) for _ in range(5000))
    for piece in (1, 7, 64, 4096, 10_000):
        assert json_string(text, piece) == json.dumps(text, ensure_ascii=False)
    piece_path = tmp_path / "book.md"
    journal = Journal(tmp_path / "journal", piece_path)
    journal.start(text * 30, 0)  # longer than one slice
    journal.record(Edit(1, 0, 0, "X"))
    journal.flush()
    assert read_journal(journal.path).text == "X" + text * 30


def test_a_replay_that_disagrees_with_its_recorded_lengths_is_never_written_over_the_piece(tmp_path: Path):
    """Finding 1's second half: recovery checks the replay against the journal's own record."""
    piece = tmp_path / "p.md"
    piece.write_text("Hello world", encoding="utf-8")
    journal = _journal(tmp_path, piece, "Hello world")
    journal.record(Edit(1, 5, 0, ",", 12))
    journal.record(Edit(2, 0, 0, "x", 99))  # the editor held 99 characters: this replay is wrong
    journal.flush()
    contents = read_journal(journal.path)
    assert not contents.verified and "99" in contents.problem
    journal.release()  # the crash: the operating system drops the owner's lock
    results = recover_journals(tmp_path / "journal", tmp_path / "fallback", now=datetime(2026, 12, 4, 9, 30))
    assert piece.read_text(encoding="utf-8") == "Hello world"  # untouched
    assert results[0].written_to is not None and results[0].written_to != piece
    assert results[0].written_to.read_text(encoding="utf-8") == "xHello, world"  # the words are still kept
    assert list((tmp_path / "journal").glob("*.unverified"))  # and the journal, for inspection
    assert not list((tmp_path / "journal").glob("*.journal"))


def test_a_replay_that_misses_its_saved_checksum_is_unverified(tmp_path: Path):
    piece = tmp_path / "p.md"
    journal = _journal(tmp_path, piece, "abc")
    journal.record(Edit(1, 3, 0, "d"))
    journal.saved("abcX", 1)  # what Quill saved at revision 1 is not what the edits give
    assert not read_journal(journal.path).verified
    journal.record(Edit(2, 4, 0, "e"))
    journal.saved("abcde", 2)
    assert read_journal(journal.path).verified  # the latest save matches the replay


def test_a_second_damaged_journal_never_overwrites_the_first(tmp_path: Path):
    folder = tmp_path / "journal"
    folder.mkdir()
    for n in range(2):
        (folder / "same.journal").write_text(f"damaged {n}\n", encoding="utf-8")
        recover_journals(folder, tmp_path / "fallback")
    kept = sorted(p.read_text(encoding="utf-8") for p in folder.glob("*.damaged"))
    assert kept == ["damaged 0\n", "damaged 1\n"]


def test_recovery_leaves_a_live_quills_journal_alone(tmp_path: Path):
    """Finding 3: a second Quill's start-up recovered and deleted the first one's live journal."""
    piece = tmp_path / "live.md"
    piece.write_text("base", encoding="utf-8")
    live = _journal(tmp_path, piece, "base")
    live.record(Edit(1, 4, 0, " typing", 11))
    live.flush()
    assert recover_journals(tmp_path / "journal", tmp_path / "fallback") == []
    assert live.path.exists() and piece.read_text(encoding="utf-8") == "base"
    live.record(Edit(2, 11, 0, " on", 14))
    live.flush()  # the first Quill keeps journaling
    assert read_journal(live.path).text == "base typing on"


def test_a_crashed_quills_journal_is_recovered_once_its_owner_is_gone(tmp_path: Path):
    piece = tmp_path / "p.md"
    piece.write_text("base", encoding="utf-8")
    crashed = _journal(tmp_path, piece, "base")
    crashed.record(Edit(1, 4, 0, "!", 5))
    crashed.flush()
    crashed.release()  # what the operating system does when the process dies
    recover_journals(tmp_path / "journal", tmp_path / "fallback")
    assert piece.read_text(encoding="utf-8") == "base!"


def test_a_new_journal_never_replaces_an_unrecovered_one(tmp_path: Path):
    """Finding 2: when recovery could not write (disk full), the next keystroke destroyed the journal."""
    piece = tmp_path / "p.md"
    piece.write_text("base", encoding="utf-8")
    old = _journal(tmp_path, piece, "base")
    old.record(Edit(1, 4, 0, " unrecovered words", 22))
    old.flush()
    old.release()  # its Quill died; recovery could not write the words yet
    new = Journal(tmp_path / "journal", piece)
    new.start("base", 0)
    new.record(Edit(1, 0, 0, ">", 5))
    new.flush()
    journals = sorted((tmp_path / "journal").glob("*.journal"))
    assert len(journals) == 2
    assert {read_journal(j).text for j in journals} == {"base unrecovered words", ">base"}


def test_a_journal_removed_under_its_writer_raises_vanished(tmp_path: Path):
    from quill.storage.journal import JournalVanished

    journal = _journal(tmp_path, tmp_path / "p.md", "abc")
    journal.path.unlink()
    journal.record(Edit(1, 3, 0, "d"))
    with pytest.raises(JournalVanished):
        journal.flush()
    assert journal.has_pending  # nothing dropped: the keeper restarts the journal from the editor's text
