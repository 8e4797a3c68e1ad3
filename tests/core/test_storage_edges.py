"""Issue #21: the storage findings (long names, the save race, symlinks, FIFOs, umask, read-only,
damaged settings). Each test fails on the code before the fix (noted per test)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from datetime import datetime
from pathlib import Path

import pytest

from quill.settings import load_settings
from quill.state import load_state
from quill.storage.atomic import SaveError, atomic_write_bytes
from quill.storage.document import DocumentFile, save_keeping_both, unique_path
from quill.storage.journal import Edit, Journal
from quill.storage.recovery import recover_journals
from quill.storage.textfile import UnreadableFile, load_text

posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX file semantics")


def _long_stem(total_bytes: int) -> str:
    return "é" * ((total_bytes - 3) // 2)  # two bytes each in UTF-8, leaving room for ".md"


def test_a_name_of_nearly_255_bytes_saves(tmp_path: Path):
    """Finding 4: the old temporary name was 14 bytes longer than the piece's (ENAMETOOLONG)."""
    piece = tmp_path / f"{_long_stem(254)}.md"
    piece.write_text("first", encoding="utf-8")
    doc, _ = DocumentFile.open(piece)
    doc.save("second")
    assert piece.read_text(encoding="utf-8") == "second"


def test_every_fallback_name_fits_in_255_bytes(tmp_path: Path):
    stem = _long_stem(254)
    (tmp_path / f"{stem}.md").write_text("taken", encoding="utf-8")
    free = unique_path(tmp_path, stem)
    assert len(free.name.encode("utf-8")) <= 255
    free.write_text("fits", encoding="utf-8")  # the old name raised ENAMETOOLONG here
    doc = DocumentFile(tmp_path / f"{stem}.md")
    conflict = doc.conflict_copy_path(datetime(2026, 12, 4, 9, 30))
    assert len(conflict.name.encode("utf-8")) <= 255 and "(conflict 2026-12-04 0930)" in conflict.name
    conflict.write_text("fits too", encoding="utf-8")


def test_recovery_of_a_long_named_piece_changed_by_another_program(tmp_path: Path):
    piece = tmp_path / "lib" / f"{_long_stem(250)}.md"
    piece.parent.mkdir()
    piece.write_text("base", encoding="utf-8")
    journal = Journal(tmp_path / "journal", piece)
    journal.start("base", 0)
    journal.record(Edit(1, 4, 0, " words", 10))
    journal.flush()
    journal.release()  # the crash
    piece.write_text("changed elsewhere", encoding="utf-8")
    results = recover_journals(tmp_path / "journal", tmp_path / "fallback")
    assert results and results[0].written_to is not None  # the old code raised at every start
    assert results[0].written_to.read_text(encoding="utf-8") == "base words"
    assert piece.read_text(encoding="utf-8") == "changed elsewhere"


def test_a_write_landing_just_before_the_rename_is_kept_as_a_conflict_copy(tmp_path: Path, monkeypatch):
    """Finding 5: another program writes between the change check and the rename."""
    import quill.storage.atomic as atomic

    piece = tmp_path / "book.md"
    piece.write_text("original", encoding="utf-8")
    doc, _ = DocumentFile.open(piece)
    real_replace = atomic.os.replace
    fired = threading.Event()

    def replace_after_a_sync_tool(src, dst):  # noqa: ANN001, ANN202
        if not fired.is_set() and Path(dst) == piece:
            fired.set()
            piece.write_text("the sync tool's version", encoding="utf-8")
            os.utime(piece, ns=(1, 1))
        return real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", replace_after_a_sync_tool)
    conflict = save_keeping_both(doc, "the writer's words")
    assert piece.read_text(encoding="utf-8") == "the writer's words"
    assert conflict is not None and conflict.read_text(encoding="utf-8") == "the sync tool's version"
    assert not list(tmp_path.glob(".quill-*"))  # nothing left behind


def test_a_write_before_the_final_check_abandons_the_save_and_keeps_both(tmp_path: Path, monkeypatch):
    import quill.storage.atomic as atomic

    piece = tmp_path / "book.md"
    piece.write_text("original", encoding="utf-8")
    doc, _ = DocumentFile.open(piece)
    real_fsync = atomic.os.fsync
    fired = threading.Event()

    def fsync_then_sync_tool(fd):  # noqa: ANN001, ANN202
        real_fsync(fd)
        if not fired.is_set():
            fired.set()
            piece.write_text("theirs, written while ours was being written", encoding="utf-8")
            os.utime(piece, ns=(2, 2))

    monkeypatch.setattr(atomic.os, "fsync", fsync_then_sync_tool)
    conflict = save_keeping_both(doc, "ours")
    assert piece.read_text(encoding="utf-8") == "ours"
    assert conflict is not None and "theirs" in conflict.read_text(encoding="utf-8")


@posix_only
def test_a_symlinked_piece_is_saved_through_the_link(tmp_path: Path):
    """Finding 10: the link became a regular file and the target kept the old text."""
    target = tmp_path / "synced" / "real.md"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "piece.md"
    link.symlink_to(target)
    doc, _ = DocumentFile.open(link)
    doc.save("new")
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "new"


@posix_only
def test_a_fifo_named_md_is_refused_without_blocking(tmp_path: Path):
    """Finding 7: reading a FIFO blocked forever (start-up, quill voice, quill export)."""
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    with pytest.raises(UnreadableFile, match="not a regular file"):
        load_text(fifo)
    from quill.ui.shell.app import choose_start_path

    (tmp_path / "real.md").write_text("words", encoding="utf-8")
    os.utime(tmp_path / "real.md", (1, 1))  # older than the FIFO
    assert choose_start_path(tmp_path, None) == tmp_path / "real.md"
    result = subprocess.run([sys.executable, "-m", "quill", "voice", str(fifo)], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode != 0 and "regular file" in result.stderr


@posix_only
def test_new_files_honour_the_umask_and_read_only_pieces_are_not_replaced(tmp_path: Path):
    """Finding 14: new pieces were created 0600; a 0444 piece was replaced without a word."""
    fresh = tmp_path / "new.md"
    atomic_write_bytes(fresh, b"x")
    import quill.storage.atomic as atomic

    assert fresh.stat().st_mode & 0o777 == 0o666 & ~atomic.UMASK
    locked = tmp_path / "locked.md"
    locked.write_text("keep me", encoding="utf-8")
    locked.chmod(0o444)
    with pytest.raises(SaveError, match="read-only"):
        atomic_write_bytes(locked, b"replaced")
    assert locked.read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize("content", [b"\xff\xfe{\x00bad", b'{"font_size": 1e400}', b'{"font_size": "x"}'])
def test_damaged_settings_never_stop_quill_from_starting(tmp_path: Path, content: bytes):
    """Finding 6: non-UTF-8 bytes raised UnicodeDecodeError and 1e400 OverflowError at every start."""
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    result = load_settings(path)
    assert result.settings.font_size > 0


def test_damaged_state_never_stops_quill_from_starting(tmp_path: Path):
    path = tmp_path / "state.json"
    path.write_bytes(b'{"positions": {"a": [1e400, 2]}}')
    assert load_state(path).positions == {}
    path.write_bytes(b"\xff\xfe")
    assert load_state(path).last_path is None


def test_quill_voice_refuses_binary_input_on_stdin():
    result = subprocess.run([sys.executable, "-m", "quill", "voice", "-"], input=b"\x00\x01\x02binary\x00" * 50,
                            capture_output=True, timeout=60)
    assert result.returncode != 0 and b"binary" in result.stderr


def test_a_tool_rewriting_the_piece_again_and_again_leaves_one_conflict_copy(tmp_path: Path):
    """Finding 13: one conflict copy per save made ~50 copies a minute."""
    piece = tmp_path / "book.md"
    piece.write_text("start", encoding="utf-8")
    doc, _ = DocumentFile.open(piece)
    copies = set()
    for n in range(10):
        piece.write_text(f"the tool's version {n}", encoding="utf-8")
        os.utime(piece, ns=(n + 10, n + 10))
        copies.add(save_keeping_both(doc, f"the writer's text {n}"))
    assert len(copies) == 1
    (copy,) = copies
    assert copy.read_text(encoding="utf-8") == "the tool's version 9"
    assert piece.read_text(encoding="utf-8") == "the writer's text 9"
    assert len(list(tmp_path.glob("*.md"))) == 2
    save_keeping_both(doc, "a clean save ends the series")
    piece.write_text("a new external version", encoding="utf-8")
    os.utime(piece, ns=(99, 99))
    second = save_keeping_both(doc, "the writer again")
    assert second not in copies and copy.read_text(encoding="utf-8") == "the tool's version 9"


def test_inserting_a_line_keeps_every_untouched_lines_own_ending():
    """Finding 14: the endings were applied by line number, so one inserted line shifted them all."""
    from quill.storage.textfile import decode, encode

    original = b"one\r\ntwo\nthree\r\nfour\nfive"
    text, fmt = decode(original)
    lines = text.split("\n")
    edited = "\n".join(lines[:1] + ["inserted"] + lines[1:])
    assert encode(edited, fmt) == b"one\r\ninserted\ntwo\nthree\r\nfour\nfive"  # dominant "\n" for the new line
    assert encode(text, fmt) == original
    removed = "\n".join(lines[:1] + lines[2:])
    assert encode(removed, fmt) == b"one\r\nthree\r\nfour\nfive"


from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_line = st.text(alphabet=st.sampled_from(list("ab é🙂\u2028")), max_size=6)


@given(st.lists(st.tuples(_line, st.sampled_from(["\n", "\r\n", "\r"])), min_size=1, max_size=12), st.data())
def test_any_edit_of_a_mixed_ending_file_keeps_untouched_lines_byte_for_byte(pairs, data):
    from quill.storage.textfile import decode, encode

    raw = "".join(line + ending for line, ending in pairs) + "tail"
    text, fmt = decode(raw.encode("utf-8"))
    assert encode(text, fmt) == raw.encode("utf-8")  # unchanged: byte for byte
    lines = text.split("\n")
    at = data.draw(st.integers(0, len(lines)))
    edited = lines[:at] + ["NEW"] + lines[at:]
    decoded_again, _ = decode(encode("\n".join(edited), fmt))
    assert decoded_again.split("\n") == edited  # no line merged, split or lost


def test_a_line_inserted_before_lone_cr_lines_never_merges_two_breaks():
    """Found by the property test above on a random seed: CR + an empty line ending in LF read back as CRLF."""
    from quill.storage.textfile import decode, encode

    text, fmt = decode(b"\n\r\rtail")
    edited = "\n".join(["NEW", *text.split("\n")])
    assert decode(encode(edited, fmt))[0].split("\n") == ["NEW", "", "", "", "tail"]
