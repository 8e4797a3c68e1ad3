"""Substack exports: statuses, dates, titles, furniture, footnotes, re-import, clashes, dry run, the CLI."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from quill.cli import main as quill_main
from quill.importer.html_to_md import convert, strip_tracking
from quill.importer.model import ImportOptions
from quill.importer.run import import_archive
from quill.library import Library
from quill.library.frontmatter import parse

from .archives import SUBSTACK_BODY, substack_folder, substack_zip
from .conftest import tree


def _fm(path: Path) -> dict:
    return parse(path.read_text(encoding="utf-8")).as_dict()


def test_statuses_dates_titles_and_urls(tmp_path: Path, lib: Path) -> None:
    report = import_archive(substack_zip(tmp_path / "export.zip"), lib, ImportOptions(site="https://me.substack.com/"))
    assert len(report.written) == 3
    lake, spring, draft = (lib / "Substack" / n for n in ("the-lake.md", "spring.md", "half-done.md"))
    meta = _fm(lake)
    assert meta["title"] == 'The lake, "again", at dawn'
    assert meta["status"] == "finished"
    assert str(meta["finished"]) == "2021-01-15"
    assert meta["url"] == "https://me.substack.com/p/the-lake"
    assert meta["source"] == "substack:101.the-lake"
    assert meta["subtitle"] == "On walking, mostly"
    assert _fm(spring)["status"] == "finished" and str(_fm(spring)["finished"]) == "2022-04-02"
    assert _fm(draft)["status"] == "draft" and "finished" not in _fm(draft) and "url" not in _fm(draft)
    # The library reads them as ordinary pieces at once.
    with Library(lib) as library:
        library.scan()
        finished = library.backlog()
        assert [p.title for p in finished] == ['The lake, "again", at dawn', "Spring"]
        assert library.search("lake")
    # The podcast post has no body: skipped, with the reason.
    assert [(s.name, "podcast" in s.reason) for s in report.plan.skipped] == [("Episode 1", True)]
    assert report.plan.by_year() == {"2021": 1, "2022": 1, "undated": 1}


def test_body_keeps_the_writing_and_drops_the_furniture(tmp_path: Path, lib: Path) -> None:
    import_archive(substack_zip(tmp_path / "export.zip"), lib)
    body = parse((lib / "Substack" / "the-lake.md").read_text(encoding="utf-8")).body
    # furniture gone
    for junk in ("Subscribe", "Thanks for reading", "Share", "utm_", "junk", "substackcdn.com/a.webp"):
        assert junk not in body, junk
    # footnotes
    assert "winter.[^1] Nobody" in body
    assert body.rstrip().endswith("[^1]: It was two miles, there and back.")
    # captioned image
    assert "![A lake at dawn](https://substackcdn.com/image/lake.jpeg)\n\n*The lake, before anyone was up.*" in body
    # nested list, quote, code, table
    assert "- first thing" in body and "\n  - inner thing" in body and "- second thing" in body
    assert "> A line somebody else wrote." in body
    assert "```\nfor step in walk:\n    look(step)\n```" in body
    assert "| day | miles |\n| --- | --- |\n| Monday | 3 |" in body
    # tracking stripped, the rest of the link kept
    assert "[this essay](https://example.org/essay?page=2)" in body
    # tweet and embedded post: their text and a link
    assert "> The lake froze overnight." in body and "(https://twitter.com/walker/status/123)" in body
    assert "> Cold is a teacher." in body and "[On winter](https://other.substack.com/p/winter)" in body


def test_reimport_changes_nothing(tmp_path: Path, lib: Path) -> None:
    archive = substack_zip(tmp_path / "export.zip")
    import_archive(archive, lib)
    before = tree(lib)
    again = import_archive(archive, lib)
    assert again.written == [] and len(again.plan.already) == 3
    assert tree(lib) == before  # same files, same bytes, same mtimes
    # the unpacked folder of the same export is the same archive
    assert import_archive(substack_folder(tmp_path / "unpacked"), lib).written == []
    assert tree(lib) == before


def test_name_clash_never_overwrites(tmp_path: Path, lib: Path) -> None:
    mine = lib / "Substack" / "the-lake.md"
    mine.parent.mkdir()
    mine.write_bytes(b"My own lake piece, not from Substack.\n")
    report = import_archive(substack_zip(tmp_path / "export.zip"), lib)
    assert mine.read_bytes() == b"My own lake piece, not from Substack.\n"
    assert (lib / "Substack" / "the-lake-2.md").exists()
    assert lib / "Substack" / "the-lake-2.md" in report.written


def test_dry_run_writes_nothing(tmp_path: Path, lib: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = substack_zip(tmp_path / "export.zip")
    before = tree(lib)
    assert quill_main(["import", str(archive), "--dry-run", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["dry_run"] is True and data["imported"] == 3 and data["finished"] == 2 and data["drafts"] == 1
    assert data["skipped"][0]["name"] == "Episode 1"
    assert tree(lib) == before


def test_cli_library_option_and_as_draft(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "elsewhere"
    archive = substack_zip(tmp_path / "export.zip")
    assert quill_main(["import", str(archive), "--library", str(other), "--as", "draft", "--collection", "old"]) == 0
    out = capsys.readouterr().out
    assert "3 new pieces (0 finished, 3 drafts)" in out and "Episode 1" in out
    assert _fm(other / "old" / "the-lake.md")["status"] == "draft"
    # --library works on the library's sub-commands too, and on the others
    assert quill_main(["list", "--json", "--library", str(other)]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert sorted(p["relpath"] for p in listed) == ["old/half-done.md", "old/spring.md", "old/the-lake.md"]
    assert quill_main(["search", "lake", "--library", str(other), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)
    assert quill_main(["--library", str(other), "list", "--json"]) == 0  # before the sub-command too
    assert len(json.loads(capsys.readouterr().out)) == 3
    assert quill_main(["stats", "--library", str(other), "--json"]) == 0
    assert quill_main(["voice", "--library", str(other), str(other / "old" / "spring.md")]) == 0


def test_html_that_is_not_utf8_is_refused(tmp_path: Path, lib: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bodies = {"101.the-lake": "<p>Caf\u00e9 au lait</p>".encode("latin-1"), "102.spring": "<p>ok</p>"}
    archive = substack_zip(tmp_path / "export.zip", bodies=bodies)  # type: ignore[arg-type]
    before = tree(lib)
    assert quill_main(["import", str(archive)]) == 1
    err = capsys.readouterr().err
    assert "not UTF-8" in err and "101.the-lake.html" in err
    assert tree(lib) == before


def test_csv_missing_columns_is_refused(tmp_path: Path, lib: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = substack_zip(tmp_path / "export.zip", columns=["post_id", "title", "subtitle"])
    before = tree(lib)
    assert quill_main(["import", str(archive)]) == 1
    err = capsys.readouterr().err
    assert "lacks the columns post_date, is_published" in err
    assert tree(lib) == before


def test_strip_tracking_keeps_everything_else() -> None:
    assert strip_tracking("https://a.b/c?utm_source=x&id=1&UTM_Medium=y#frag") == "https://a.b/c?id=1#frag"
    assert strip_tracking("https://a.b/c?utm_source=x") == "https://a.b/c"
    assert strip_tracking("https://a.b/c?q=utm") == "https://a.b/c?q=utm"


def test_converter_handles_common_footnote_lists() -> None:
    html = ('<p>Claim.<sup id="fnref1"><a href="#fn1">1</a></sup> More.</p>'
            '<section class="footnotes"><ol><li id="fn1"><p>Source, page 3. <a href="#fnref1" '
            'class="footnote-back">↩︎</a></p></li></ol></section>')
    md = convert(html)
    assert md == "Claim.[^1] More.\n\n[^1]: Source, page 3."


def test_converter_is_deterministic_and_drops_every_widget() -> None:
    assert convert(SUBSTACK_BODY) == convert(SUBSTACK_BODY)
    assert "form" not in convert(SUBSTACK_BODY).lower()


def test_zip_inside_a_top_folder(tmp_path: Path, lib: Path) -> None:
    flat = substack_zip(tmp_path / "flat.zip")
    nested = tmp_path / "nested.zip"
    with zipfile.ZipFile(flat) as src, zipfile.ZipFile(nested, "w") as dst:
        for info in src.infolist():
            dst.writestr("export-2024/" + info.filename, src.read(info))
    assert len(import_archive(nested, lib).written) == 3


def test_ctrl_c_stops_between_pieces_and_a_rerun_finishes(tmp_path: Path, lib: Path, monkeypatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """Ctrl+C (SIGINT) during writing keeps the pieces already written; the same command again adds the rest."""
    import os
    import signal

    from quill.importer import writer

    archive = substack_zip(tmp_path / "export.zip")
    real = writer.atomic_create_bytes
    calls: list[Path] = []

    def create_then_interrupt(path: Path, data: bytes) -> str:
        digest = real(path, data)
        calls.append(path)
        if len(calls) == 1:
            os.kill(os.getpid(), signal.SIGINT)  # the writer presses Ctrl+C after the first piece
        return digest

    monkeypatch.setattr(writer, "atomic_create_bytes", create_then_interrupt)
    before = signal.getsignal(signal.SIGINT)  # Python's default; SIG_IGN when started in the background
    assert quill_main(["import", str(archive)]) == 130
    out = capsys.readouterr().out
    assert "Stopped after 1 of 3" in out
    assert len([p for p in (lib / "Substack").iterdir() if p.suffix == ".md"]) == 1
    assert not [p for p in (lib / "Substack").iterdir() if p.name.startswith(".quill-")]  # no temporary left
    assert signal.getsignal(signal.SIGINT) is before  # the handler was put back
    monkeypatch.setattr(writer, "atomic_create_bytes", real)
    assert quill_main(["import", str(archive), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["imported"], data["already_imported"]) == (2, 1)


def test_export_takes_library_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "elsewhere"
    assert quill_main(["import", str(substack_zip(tmp_path / "export.zip")), "--library", str(other),
                       "--collection", ""]) == 0
    out = tmp_path / "spring.txt"
    assert quill_main(["export", "spring", "--to", "txt", "-o", str(out), "--library", str(other)]) == 0
    assert "The first warm day." in out.read_text(encoding="utf-8")
    capsys.readouterr()


def test_the_library_lists_a_post_by_its_words_not_its_picture(tmp_path: Path, lib: Path) -> None:
    import_archive(substack_zip(tmp_path / "export.zip"), lib)
    with Library(lib) as library:
        library.scan()
        lake = library.piece(lib / "Substack" / "the-lake.md")
    assert lake is not None and lake.first_line == "The lake, before anyone was up."
