"""The library on a temporary folder: lifecycle, search, index rebuild, trash and pieces' metadata."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from quill.library import AmbiguousPiece, Library, LibraryError, PieceNotFound, count_words, slugify
from quill.paths import app_dirs

from .conftest import write


def listing(library: Library) -> list[tuple]:
    return sorted((p.relpath, p.title, p.status, p.words, p.tags, p.finished) for p in library.pieces())


def test_new_piece_has_a_slug_name_and_minimal_front_matter(lib: Library):
    first = lib.new_piece("My Essay: Part 2")
    second = lib.new_piece("My Essay: Part 2")
    assert first.path.name == "my-essay-part-2.md" and second.path.name == "my-essay-part-2-2.md"
    text = first.path.read_text(encoding="utf-8")
    assert text.startswith('---\ntitle: "My Essay: Part 2"\nstatus: draft\ncreated: ')
    assert first.title == "My Essay: Part 2" and first.status == "draft" and first.created == dt.date.today()
    untitled = lib.new_piece()
    assert untitled.path.name.startswith("untitled-") and "title:" not in untitled.path.read_text()


def test_titles_come_from_front_matter_then_heading_then_file_name(lib: Library, library_dir: Path):
    write(library_dir / "a.md", "---\ntitle: From Meta\n---\n# Heading\n")
    write(library_dir / "b.md", "```\n# not a heading\n```\n\n## Real heading\n\nFirst line here.\n")
    write(library_dir / "c-stem.md", "just words, no heading\n")
    lib.scan()
    titles = {p.relpath: (p.title, p.first_line) for p in lib.pieces()}
    assert titles["a.md"][0] == "From Meta"
    assert titles["b.md"] == ("Real heading", "First line here.")  # code is not its first line
    assert titles["c-stem.md"] == ("c-stem", "just words, no heading")


def test_unchanged_pieces_are_never_rewritten(lib: Library, library_dir: Path):
    raw = b"---\r\nlayout: post\r\ntitle: Kept\r\nweird:   spacing\r\n---\r\nBody\r\n\r\n  indented\r\n"
    path = write(library_dir / "kept.md", raw)
    before = path.stat().st_mtime_ns
    lib.scan()
    lib.search("body")
    lib.pieces()
    lib.resolve("Kept")
    assert path.read_bytes() == raw and path.stat().st_mtime_ns == before


def test_finish_and_reopen_touch_only_front_matter_and_keep_unknown_keys(lib: Library, library_dir: Path):
    raw = "---\r\nlayout: post\r\ntitle: Essay\r\nzeta: [1, 2]\r\n---\r\nBody  text\r\n"
    path = write(library_dir / "essay.md", raw)
    lib.scan()
    finished = lib.finish(lib.resolve("Essay").path, when=dt.date(2024, 3, 9))
    assert finished.status == "finished" and finished.finished == dt.date(2024, 3, 9)
    data = path.read_bytes()
    head = b"---\r\nlayout: post\r\ntitle: Essay\r\nzeta: [1, 2]\r\n"
    assert data == head + b"status: finished\r\nfinished: 2024-03-09\r\n---\r\nBody  text\r\n"
    assert [v.reason for v in lib.versions(path)] == ["finished"]
    reopened = lib.reopen(path)
    assert reopened.status == "draft" and reopened.finished is None
    assert path.read_bytes() == head + b"status: draft\r\n---\r\nBody  text\r\n"
    assert [v.reason for v in lib.versions(path)] == ["reopened", "finished"]


def test_backlog_is_chronological_with_urls(lib: Library, library_dir: Path):
    write(library_dir / "b.md", "---\ntitle: Second\nstatus: finished\nfinished: 2024-05-02\nurl: https://x.org/b\n---\n")
    write(library_dir / "a.md", "---\ntitle: First\nstatus: finished\nfinished: 2023-11-20\n---\n")
    write(library_dir / "c.md", "---\ntitle: Draft\n---\n")
    lib.scan()
    assert [p.title for p in lib.backlog()] == ["First", "Second"]
    assert [p.title for p in lib.backlog(since=dt.date(2024, 1, 1))] == ["Second"]


def test_search_finds_a_word_just_saved(lib: Library):
    piece = lib.new_piece("Notes")
    doc, text = lib.open_piece(piece.path)
    assert lib.search("quokka") == []
    result = lib.save(doc, text + "The quokka smiled at the camera.\n")
    assert result.conflict_copy is None and result.piece.words == 6
    hits = lib.search("quokka")
    assert [h.piece.path for h in hits] == [piece.path]
    start, end = hits[0].highlights[0]
    assert hits[0].snippet[start:end].lower() == "quokka"
    assert [h.piece.path for h in lib.search("quok")] == [piece.path]  # type-to-filter prefix
    assert lib.search('"') == [] and lib.search("AND OR NOT (") == []  # FTS syntax is not the writer's problem


def test_search_ranks_titles_and_finds_tags(lib: Library, library_dir: Path):
    write(library_dir / "x.md", "---\ntitle: Walrus\ntags: [sea]\n---\nAbout something else.\n")
    write(library_dir / "y.md", "The walrus appears in the text once.\n")
    lib.scan()
    assert [h.piece.relpath for h in lib.search("walrus")] == ["x.md", "y.md"]
    assert [h.piece.relpath for h in lib.search("sea")] == ["x.md"]


def test_deleting_the_index_rebuilds_the_same_results(lib: Library, library_dir: Path):
    for i in range(5):
        write(library_dir / f"c{i % 2}" / f"p{i}.md", f"---\ntitle: P{i}\ntags: [t{i % 2}]\n---\nword{i} shared text\n")
    lib.scan()
    before, hits = listing(lib), [h.piece.relpath for h in lib.search("shared")]
    index_path = lib.index.path
    lib.close()
    index_path.unlink()
    again = Library(library_dir, app_dirs())
    changes = again.scan()
    assert len(changes.added) == 5
    assert listing(again) == before
    assert [h.piece.relpath for h in again.search("shared")] == hits
    assert [p.relpath for p in again.pieces(collection="c1")] == ["c1/p3.md", "c1/p1.md"] or \
        sorted(p.relpath for p in again.pieces(collection="c1")) == ["c1/p1.md", "c1/p3.md"]
    assert {p.relpath for p in again.pieces(tag="t0")} == {"c0/p0.md", "c0/p2.md", "c0/p4.md"}
    again.close()


def test_scan_is_incremental_and_reports_changes(lib: Library, library_dir: Path):
    a = write(library_dir / "a.md", "one\n")
    b = write(library_dir / "b.md", "two\n")
    first = lib.scan()
    assert set(first.added) == {a, b}
    assert not lib.scan()  # nothing changed: nothing re-read
    write(a, "one more\n")
    b.unlink()
    c = write(library_dir / "sub" / "c.md", "three\n")
    changes = lib.refresh_changed()
    assert changes.changed == [a] and changes.removed == [b] and changes.added == [c]
    assert lib.piece(a).words == 2


def test_rename_duplicate_move_and_tags(lib: Library):
    piece = lib.new_piece("Old name")
    lib.snapshot(piece.path)
    renamed = lib.rename(piece.path, "New name")
    assert renamed.path.name == "new-name.md" and renamed.title == "New name" and not piece.path.exists()
    assert len(lib.versions(renamed.path)) == 1  # history follows the piece
    copy = lib.duplicate(renamed.path)
    assert copy.title == "New name (copy)" and copy.status == "draft" and copy.path != renamed.path
    moved = lib.move_to_collection(renamed.path, "Essays/2024")
    assert moved.relpath == "Essays/2024/new-name.md" and moved.collection == "Essays/2024"
    assert lib.collections() == ["Essays/2024"]
    tagged = lib.add_tag(moved.path, "memoir")
    tagged = lib.add_tag(tagged.path, "long read")
    assert tagged.tags == ("memoir", "long read")
    assert lib.remove_tag(tagged.path, "memoir").tags == ("long read",)
    assert [p.relpath for p in lib.pieces(tag="long read")] == [moved.relpath]
    with pytest.raises(LibraryError):
        lib.move_to_collection(moved.path, "../outside")


def test_trash_restore_and_empty(lib: Library, library_dir: Path):
    piece = lib.new_piece("Doomed", collection="drafts")
    other = lib.new_piece("Also doomed")
    trashed = lib.trash(piece.path)
    assert trashed.parent == library_dir / ".trash" / "drafts" and trashed.exists() and not piece.path.exists()
    assert piece.path not in [p.path for p in lib.pieces()]
    lib.scan()  # .trash is never listed
    assert [p.title for p in lib.pieces()] == ["Also doomed"]
    [item] = lib.trashed()
    assert item.original == "drafts/doomed.md" and item.title == "Doomed"
    restored = lib.restore(item)
    assert restored.path == piece.path and restored.title == "Doomed"
    lib.trash(other.path)
    assert lib.empty_trash() == 1 and lib.trashed() == []


def test_metadata_ops_refuse_malformed_front_matter_and_never_rewrite_it(lib: Library, library_dir: Path):
    raw = "---\nthis: is: fine\nbut this line is not yaml\n---\nBody words here.\n"
    path = write(library_dir / "broken.md", raw)
    lib.scan()
    [piece] = lib.pieces()
    assert piece.problem and "front matter" in piece.problem
    assert piece.words == count_words(raw) and piece.words > 3  # the block counts as body text
    assert any("broken.md" in p for p in lib.problems)
    with pytest.raises(LibraryError, match="front matter"):
        lib.finish(path)
    assert path.read_text() == raw


def test_duplicate_titles_are_ambiguous(lib: Library):
    a = lib.new_piece("Same")
    b = lib.new_piece("Same")
    with pytest.raises(AmbiguousPiece) as caught:
        lib.resolve("same")
    assert {p.path for p in caught.value.candidates} == {a.path, b.path}
    assert "same.md" in str(caught.value) and "same-2.md" in str(caught.value)
    assert lib.resolve("same-2").path == b.path  # a file stem is unambiguous
    assert lib.resolve(str(a.path)).path == a.path
    with pytest.raises(PieceNotFound):
        lib.resolve("nothing like it")


def test_non_utf8_and_binary_files_are_listed_with_a_problem(lib: Library, library_dir: Path):
    latin = write(library_dir / "latin.md", "caf\xe9 au lait\n".encode("latin-1"))
    write(library_dir / "binary.md", b"\x00\x01\x02 binary")
    write(library_dir / "fine.md", "fine words\n")
    lib.scan()
    by_name = {p.path.name: p for p in lib.pieces()}
    assert "not valid UTF-8" in by_name["latin.md"].problem
    assert "binary" in by_name["binary.md"].problem
    assert by_name["fine.md"].problem is None and by_name["fine.md"].words == 2
    assert latin.read_bytes() == "caf\xe9 au lait\n".encode("latin-1")
    with pytest.raises(LibraryError, match="UTF-8"):
        lib.finish(latin)


def test_unicode_and_very_long_names(lib: Library, library_dir: Path):
    title = "Ünïcödé — 日本語のタイトル " + "very long " * 60
    piece = lib.new_piece(title)
    assert len(piece.path.name.encode()) <= 110 and piece.path.name.startswith("ünïcödé-日本語のタイトル-very")
    assert piece.title == title.strip()
    assert slugify("CON") == "con-piece" and slugify("???") == "untitled"
    odd = write(library_dir / "odd [name] (1) #2 ü.md", "Grüße aus Köln — 東京\n")
    lib.scan()
    assert lib.piece(odd).words == count_words("Grüße aus Köln — 東京") == 5  # 東 and 京: a word each
    assert [h.piece.path for h in lib.search("köln")] == [odd]


def test_corrupt_index_is_rebuilt_with_a_message(lib: Library, library_dir: Path):
    write(library_dir / "a.md", "alpha words\n")
    lib.scan()
    before = listing(lib)
    index_path = lib.index.path
    lib.close()
    index_path.write_bytes(b"this is not a database" * 100)
    for extra in ("-wal", "-shm"):
        Path(str(index_path) + extra).unlink(missing_ok=True)
    again = Library(library_dir, app_dirs())
    assert again.notice and "rebuilt" in again.notice
    again.scan()
    assert listing(again) == before and again.search("alpha")
    again.close()


def test_locked_index_falls_back_to_a_temporary_one(lib: Library, library_dir: Path):
    import sqlite3

    write(library_dir / "a.md", "alpha words\n")
    lib.scan()
    holder = sqlite3.connect(lib.index.path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        from quill.library.index import Index

        index = Index.open(lib.index.path, timeout=0.1)
        assert index.read_only and "in use" in index.notice
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_vanished_library_folder_loses_nothing(lib: Library, library_dir: Path, tmp_path: Path):
    piece = lib.new_piece("Precious")
    doc, text = lib.open_piece(piece.path)
    away = tmp_path / "unplugged"
    library_dir.rename(away)
    changes = lib.refresh_changed()
    assert changes.unavailable and "not there" in changes.unavailable
    assert [p.title for p in lib.pieces()] == ["Precious"]  # the index still remembers it
    from quill.storage.atomic import SaveError

    with pytest.raises(SaveError, match="gone"):
        lib.save(doc, text + "More words.\n")
    with pytest.raises(LibraryError, match="not there"):
        lib.new_piece("Another")
    away.rename(library_dir)  # plugged back in: saving resumes
    lib.save(doc, text + "More words.\n")
    assert piece.path.read_text().endswith("More words.\n")
    assert [p.title for p in lib.pieces()] == ["Precious"]


def test_most_recent_is_the_last_edited(lib: Library, library_dir: Path):
    import os

    a = write(library_dir / "a.md", "a\n")
    b = write(library_dir / "b.md", "b\n")
    os.utime(a, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    os.utime(b, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    lib.scan()
    assert lib.most_recent().path == a
    assert [p.path for p in lib.pieces(sort="updated")] == [a, b]


def test_count_words_skips_front_matter():
    assert count_words("---\ntitle: Three words here\n---\nWon't well-known co-op, 42 café 東京.\n") == 7  # 東, 京


def test_big_scans_use_the_two_thread_pipeline_with_the_same_results(library_dir: Path, monkeypatch):
    import quill.library.scanning as scanning

    for i in range(30):
        write(library_dir / f"p{i:02d}.md", f"---\ntitle: P{i}\n---\nword{i} common text\n")
    write(library_dir / "bad.md", b"\xff\xfe\xfd not utf-8 \x81")
    sequential = Library(library_dir, app_dirs(), index_path=None)
    sequential.scan()
    monkeypatch.setattr(scanning, "PIPELINE_MIN_FILES", 1)
    monkeypatch.setattr(scanning, "PIPELINE_CHUNK", 4)
    piped = Library(library_dir, app_dirs(), index_path=None)
    changes = piped.scan()
    assert len(changes.added) == 31
    assert listing(piped) == listing(sequential)
    assert [h.piece.relpath for h in piped.search("common")] == [h.piece.relpath for h in sequential.search("common")]
    write(library_dir / "p00.md", "changed now\n")
    (library_dir / "p01.md").unlink()
    changes = piped.scan()
    assert [p.name for p in changes.changed] == ["p00.md"] and [p.name for p in changes.removed] == ["p01.md"]
    assert piped.piece(library_dir / "p00.md").words == 2
    sequential.close()
    piped.close()


def test_search_over_many_matches_puts_title_hits_first(lib: Library, library_dir: Path, monkeypatch):
    import quill.library.index as index_module

    monkeypatch.setattr(index_module, "RANK_LIMIT", 3)
    for i in range(8):
        write(library_dir / f"p{i}.md", f"Some ordinary heron text number {i}.\n")
    write(library_dir / "t.md", "---\ntitle: Heron\n---\nNothing here.\n")
    lib.scan()
    hits = lib.search("heron", limit=5)
    assert hits[0].piece.relpath == "t.md" and len(hits) == 5
    assert all("heron" in h.snippet.lower() for h in hits[1:])


def test_index_locked_during_a_scan_is_replaced_not_rebuilt(lib: Library, library_dir: Path):
    import sqlite3

    write(library_dir / "a.md", "alpha words\n")
    lib.scan()
    lib.index.close()
    from quill.library.index import Index

    lib.index = Index.open(lib.default_index_path(), timeout=0.05)
    holder = sqlite3.connect(lib.index.path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        write(library_dir / "b.md", "beta words\n")
        lib.scan()
        assert lib.index.read_only and "in use" in lib.notice
        assert {p.path.name for p in lib.pieces()} == {"a.md", "b.md"}
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    damaged = lib.default_index_path().with_name(lib.default_index_path().name + ".damaged")
    assert not damaged.exists()  # a busy index is never mistaken for a broken one


def test_a_save_without_indexing_is_caught_up_by_the_next_refresh(lib: Library):
    piece = lib.new_piece("Notes")
    doc, text = lib.open_piece(piece.path)
    result = lib.save(doc, text + "The pangolin curled up.\n", index=False)
    assert result.piece is None and "pangolin" in piece.path.read_text(encoding="utf-8")  # on disk at once
    assert lib.search("pangolin") == []  # the index waits…
    lib.refresh_changed()
    assert [h.piece.path for h in lib.search("pangolin")] == [piece.path]  # …until anything lists or searches


def test_a_save_while_another_quill_holds_the_index_still_saves(lib: Library, library_dir: Path):
    """Two Quills on one library: while the other holds the index locked past the timeout, a save
    writes the words and reports success (the index is a nicety), and the next refresh indexes
    them. Before, the lock's error came out of the save: the autosave worker's result raised in
    the window's event loop, and the save's outcome (the conflict check, the journal's mark) was lost."""
    import sqlite3

    from quill.library.index import Index

    piece = lib.new_piece("Shared")
    doc, _text = lib.open_piece(piece.path)
    lib.index.close()
    lib.index = Index.open(lib.default_index_path(), timeout=0.05)
    holder = sqlite3.connect(lib.index.path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = lib.save(doc, "# Shared\n\nwords written while the other Quill held the index\n")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "while the other Quill" in piece.path.read_text(encoding="utf-8")
    assert result.piece is None  # not indexed now...
    lib.refresh_changed()
    assert [hit.piece.path.name for hit in lib.search("held")] == [piece.path.name]  # ...but caught up
