"""A folder of markdown (and HTML): byte-for-byte copies, metadata read, HTML converted."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from quill.importer.model import ImportOptions
from quill.importer.run import import_archive
from quill.library import Library

from .conftest import tree

FILES: dict[str, bytes] = {
    # Jekyll: date in the name and in the front matter, CRLF line endings
    "_posts/2019-03-02-first-light.md": b"---\r\nlayout: post\r\ntitle: \"First light, at last\"\r\n"
                                        b"date: 2019-03-02 07:00:00 +0100\r\n---\r\nThe sun came up.\r\n",
    # Hugo: draft: true
    "content/posts/unfinished.md": b"+++\ntitle = \"toml\"\n+++\n",  # TOML front matter: odd, copied as is
    "content/posts/wip.md": b"---\ntitle: Work in progress\ndraft: true\ndate: 2020-01-01\n---\nNot yet.\n",
    # iA Writer: no front matter, a BOM, a date in the name only
    "iA/2021-07-04 Fireworks.md": codecs.BOM_UTF8 + b"# Fireworks\n\nLoud, then quiet.\n",
    # finished, but only the file name knows when
    "notes/2017-08-09-eclipse.md": b"---\nstatus: finished\n---\nIt went dark.\n",
    # Obsidian: status published, odd keys
    "vault/Essay.markdown": b"---\nstatus: published\npublished: 2022-11-11\naliases: [a, 'b: c']\n---\nDone.\n",
    # pandoc HTML output
    "site/old-post.html": b"<html><head><title>An old post</title><meta name=\"date\" content=\"2018-05-05\">"
                          b"</head><body><h1>An old post</h1><p>It was <em>fine</em>.</p></body></html>",
    # not writing
    "vault/.obsidian/workspace.md": b"hidden",
    "images/cat.png": b"\x89PNG",
}


def _make(root: Path) -> Path:
    for name, data in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    os.utime(root / "_posts/2019-03-02-first-light.md", (1551510000, 1551510000))
    return root


def test_markdown_copied_byte_for_byte(tmp_path: Path, lib: Path) -> None:
    src = _make(tmp_path / "blog")
    report = import_archive(src, lib)
    dest = lib / "blog"
    for name, data in FILES.items():
        if name.endswith((".md", ".markdown")) and "/." not in name:
            copied = dest / (name.rsplit(".", 1)[0] + ".md")
            assert copied.read_bytes() == data, name  # CRLF, BOM, odd front matter: all exact
    assert not (dest / "vault/.obsidian").exists() and not (dest / "images").exists()
    # a copy keeps its own modification time
    assert (dest / "_posts/2019-03-02-first-light.md").stat().st_mtime == 1551510000
    assert len(report.written) == 7


def test_front_matter_and_file_names_give_status_and_dates(tmp_path: Path, lib: Path) -> None:
    report = import_archive(_make(tmp_path / "blog"), lib)
    by_name = {p.piece.original: p.piece for p in report.plan.new}
    first = by_name["_posts/2019-03-02-first-light.md"]
    assert (first.title, first.status, str(first.finished)) == ("First light, at last", "finished", "2019-03-02")
    assert by_name["content/posts/wip.md"].status == "draft"
    fire = by_name["iA/2021-07-04 Fireworks.md"]
    assert (fire.title, fire.status, str(fire.created)) == ("Fireworks", "draft", "2021-07-04")
    essay = by_name["vault/Essay.markdown"]
    assert (essay.status, str(essay.finished)) == ("finished", "2022-11-11")
    # The library reads the copies the same way: the blog's keys say "finished".
    with Library(lib) as library:
        library.scan()
        done = {p.relpath: str(p.finished) for p in library.backlog()}
        days = {p.relpath: p.finished_day.isoformat() for p in library.backlog()}
    assert done == {"blog/_posts/2019-03-02-first-light.md": "2019-03-02", "blog/vault/Essay.md": "2022-11-11",
                    "blog/site/old-post.md": "2018-05-05", "blog/notes/2017-08-09-eclipse.md": "None"}
    assert days["blog/notes/2017-08-09-eclipse.md"] == "2017-08-09"  # the file name's date


def test_html_is_converted_with_front_matter(tmp_path: Path, lib: Path) -> None:
    import_archive(_make(tmp_path / "blog"), lib, ImportOptions(collection=""))
    text = (lib / "site" / "old-post.md").read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: An old post\nstatus: finished\ncreated: 2018-05-05\nfinished: 2018-05-05\n")
    assert text.endswith("---\n\nIt was *fine*.\n")  # the h1 equal to the title is not repeated


def test_reimport_of_a_folder_changes_nothing(tmp_path: Path, lib: Path) -> None:
    src = _make(tmp_path / "blog")
    import_archive(src, lib)
    before = tree(lib)
    again = import_archive(src, lib)
    assert again.written == [] and len(again.plan.already) == 7
    assert tree(lib) == before


def test_reimport_after_the_writer_changed_moved_or_trashed_the_copies_brings_no_duplicates(
        tmp_path: Path, lib: Path) -> None:
    """A copied markdown file carries no ``source``. Before this, once the writer changed a copy
    (Mark finished, a word), moved it or renamed it, a second import of the same folder brought it
    back as ``name-2.md``: a second "First light", a draft beside the finished one."""
    src = _make(tmp_path / "blog")
    first = import_archive(src, lib)
    assert len(first.written) == 7
    copies = sorted(first.written)
    with Library.open(lib, None) as library:
        library.scan()
        library.finish(copies[0])  # front matter rewritten: the bytes are no longer the archive's
        with copies[1].open("ab") as handle:
            handle.write(b"\nA line the writer added.\n")
        copies[2].rename(copies[2].with_name("renamed by the writer.md"))
        library.scan()
        library.trash(copies[3])  # thrown away: it does not come back either
    before = tree(lib)
    again = import_archive(src, lib)
    assert again.written == [] and len(again.plan.already) == 7
    assert tree(lib) == before
    (src / "new-post.md").write_bytes(b"# A new post\n\nWritten since.\n")
    third = import_archive(src, lib)
    assert [p.name for p in third.written] == ["new-post.md"]


def test_an_import_stopped_half_way_then_run_again_writes_each_piece_once(tmp_path: Path, lib: Path,
                                                                          monkeypatch) -> None:  # noqa: ANN001
    from quill.importer import writer

    src = _make(tmp_path / "blog")
    real = writer.atomic_create_bytes
    made: list[Path] = []

    def create_then_stop(path: Path, data: bytes) -> object:
        if len(made) == 3:
            raise KeyboardInterrupt  # Ctrl+C between two pieces
        made.append(path)
        return real(path, data)

    monkeypatch.setattr(writer, "atomic_create_bytes", create_then_stop)
    with pytest.raises(KeyboardInterrupt):
        import_archive(src, lib)
    monkeypatch.undo()
    with made[0].open("ab") as handle:
        handle.write(b"\nEdited before the import was run again.\n")
    rest = import_archive(src, lib)
    assert len(rest.written) == 4 and len(rest.plan.already) == 3
    copied = [p for p in lib.rglob("*.md")]
    assert len(copied) == 7 and not [p for p in copied if p.stem.endswith("-2")]


def test_a_folder_from_a_latin1_disk_is_imported_under_names_that_read(tmp_path: Path, lib: Path) -> None:
    """Linux allows any bytes in a name: a folder copied from an old Latin-1 disk holds ``caf\\xe9.md``.
    Before this, one such file refused the whole import ("'utf-8' codec can't encode character
    '\\udce9'"); now each copy is named by what its bytes meant, its bytes copied as they are."""
    import sys

    if sys.platform != "linux":
        pytest.skip("names need not be UTF-8 on Linux only")
    src = tmp_path / "old disk"
    (src / os.fsdecode(b"R\xe9cits")).mkdir(parents=True)
    (src / os.fsdecode(b"caf\xe9.md")).write_bytes(b"Latin name, UTF-8 words: \xc3\xa9t\xc3\xa9.\n")
    (src / os.fsdecode(b"R\xe9cits") / os.fsdecode(b"na\xefve.html")).write_bytes(
        b"<html><body><p>Converted words.</p></body></html>")
    report = import_archive(src, lib)
    assert len(report.written) == 2
    dest = lib / "old disk"
    assert (dest / "caf\u00e9.md").read_bytes() == b"Latin name, UTF-8 words: \xc3\xa9t\xc3\xa9.\n"
    [converted] = [p for p in report.written if p.suffix == ".md" and p.parent != dest]
    assert converted.name == "na\u00efve.md" and "Converted words." in converted.read_text(encoding="utf-8")
    with Library.open(lib, None) as library:
        library.scan()
        assert {p.title for p in library.pieces()} >= {"na\u00efve"}
    before = tree(lib)
    again = import_archive(src, lib)
    assert again.written == [] and tree(lib) == before


def test_a_markdown_file_that_is_not_utf8_is_skipped_with_its_reason_and_the_rest_imported(
        tmp_path: Path, lib: Path) -> None:
    """One Latin-1 note among the pieces used to refuse the whole folder (a review)."""
    src = tmp_path / "notes"
    src.mkdir()
    (src / "ok.md").write_text("fine\n")
    (src / "latin.md").write_bytes("Caf\u00e9\n".encode("latin-1"))
    (src / "binary.md").write_bytes(b"\x00\x01\x02 not text \x00")
    report = import_archive(src, lib)
    assert [p.name for p in report.written] == ["ok.md"]
    reasons = {s.name: s.reason for s in report.plan.skipped}
    assert set(reasons) == {"latin.md", "binary.md"}
    assert "not valid UTF-8" in reasons["latin.md"] and "binary" in reasons["binary.md"]
    assert (src / "latin.md").read_bytes() == "Caf\u00e9\n".encode("latin-1")  # untouched where it was


def test_two_folders_with_the_same_html_names_are_not_confused(tmp_path: Path, lib: Path) -> None:
    for name, text in (("a", "First blog"), ("b", "Second blog")):
        folder = tmp_path / name / "site"
        folder.mkdir(parents=True)
        (folder / "index.html").write_text(f"<html><body><p>{text}, its own words.</p></body></html>")
    assert len(import_archive(tmp_path / "a", lib).written) == 1
    assert len(import_archive(tmp_path / "b", lib).written) == 1  # not "already imported"
    moved = tmp_path / "a-moved"
    (tmp_path / "a").rename(moved)
    assert import_archive(moved, lib, ImportOptions(collection="elsewhere")).written == []  # still recognised


def test_long_and_reserved_file_names_are_made_portable(tmp_path: Path, lib: Path) -> None:
    src = tmp_path / "notes"
    src.mkdir()
    long_name = "長" * 80  # 240 bytes of UTF-8: the copy keeps at most the library's 100
    (src / f"{long_name}.md").write_text("Long.\n", encoding="utf-8")
    (src / "con.md").write_text("Reserved on Windows.\n", encoding="utf-8")
    written = {p.name for p in import_archive(src, lib).written}
    assert "con-piece.md" in written
    longest = max(written, key=len)
    assert len(longest.encode("utf-8")) <= 103 and longest.startswith("長")


def test_a_file_named_like_a_lock_file_is_imported_where_the_library_shows_it(tmp_path: Path, lib: Path) -> None:
    """"~$draft.md" (an Office lock file's name) was copied, counted as imported, and then hidden by
    the library, which skips such names: words the writer could never reach from Quill."""
    src = tmp_path / "notes"
    src.mkdir()
    (src / "~$draft.md").write_bytes(b"# Draft one\n\nwords words\n")
    (src / "normal.md").write_bytes(b"# Normal\n\nhello\n")
    report = import_archive(src, lib)
    assert len(report.written) == 2
    with Library(lib) as library:
        library.scan()
        titles = {p.title for p in library.pieces()}
        found = library.search("words")
    assert found, "the imported words are not searchable"
    assert titles == {"Draft one", "Normal"}
    assert (lib / "notes" / "draft.md").read_bytes() == b"# Draft one\n\nwords words\n"
