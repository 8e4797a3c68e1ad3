"""``quill export`` of one piece to all four formats, and never overwriting by surprise."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from quill.cli import main


def test_export_to_all_four_formats(piece: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for fmt in ("html", "md", "txt", "pdf"):
        assert main(["export", str(piece), "--to", fmt, "-o", str(out / f"piece.{fmt}")]) == 0
    said = capsys.readouterr().out
    assert said.count("Wrote ") == 4 and "(2 pages, A4)" in said

    html = (out / "piece.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<title>The Weight of Small Things</title>" in html
    assert '<section class="footnotes"' in html
    md = (out / "piece.md").read_text(encoding="utf-8")
    assert md.startswith("# The Weight of Small Things\n") and "author:" not in md
    txt = (out / "piece.txt").read_text(encoding="utf-8")
    assert txt.startswith("The Weight of Small Things\n") and "[2] Usually at home, with tea." in txt

    pdf = (out / "piece.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    from quill.export.pdf import page_count

    assert page_count(pdf) == 2
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: the PDF's header and page count were checked")
    text = subprocess.run(["pdftotext", "-layout", str(out / "piece.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    for words in ("The Weight of Small Things", "Ann Writer", "An essay about noticing, with strong claims",
                  "at the rooftops", "Draft the opening", "def walk(miles: int) -> str:",
                  "[Image: A remote photograph (https://images.example.com/field.jpg)]",
                  "Tuesday", "Usually at home, with tea."):
        assert words in text, words
    info = subprocess.run(["pdfinfo", str(out / "piece.pdf")], check=True, capture_output=True, text=True).stdout
    assert "The Weight of Small Things" in info and "A4" in info


def test_pdf_page_size_and_margins(piece: Path, tmp_path: Path) -> None:
    from quill.export.pdf import page_count

    letter = tmp_path / "letter.pdf"
    assert main(["export", str(piece), "--to", "pdf", "-o", str(letter), "--page-size", "Letter",
                 "--margins", "50"]) == 0
    data = letter.read_bytes()
    assert re.search(rb"/MediaBox \[0 0 612(\.0+)? 792(\.0+)?\]", data)  # US Letter in points
    assert page_count(data) > 2  # wide margins make more pages


def test_default_names_go_to_the_current_folder_not_the_library(piece: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    assert main(["export", str(piece), "--to", "html"]) == 0
    assert main(["export", str(piece), "--to", "md", "--keep-front-matter"]) == 0
    assert (here / piece.with_suffix(".html").name).exists()
    assert not piece.with_suffix(".html").exists()  # nothing new inside the library
    clean = (here / f"{piece.stem} (clean).md").read_text(encoding="utf-8")
    assert clean.startswith("---\ntitle:")
    assert piece.read_text(encoding="utf-8").startswith("---\ntitle:")  # the piece itself is untouched


def test_export_and_voice_take_a_title_and_dates_take_both_forms(piece: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from quill.cli import main as quill_main
    from quill.dates import parse_day_or_month

    monkeypatch.chdir(tmp_path)
    title = piece.read_text(encoding="utf-8").split("title:", 1)[1].split("\n", 1)[0].strip().strip('"')
    assert quill_main(["export", "--library", str(piece.parent), title, "--to", "txt"]) == 0
    assert (tmp_path / (piece.stem + ".txt")).exists()
    assert quill_main(["voice", "--library", str(piece.parent), title]) == 0
    assert title in capsys.readouterr().out
    assert quill_main(["voice", "--library", str(piece.parent), "No such title at all"]) == 1
    assert "no piece called" in capsys.readouterr().err
    assert str(parse_day_or_month("2024-03")) == "2024-03-01"
    assert str(parse_day_or_month("2024-02", end=True)) == "2024-02-29"
    assert quill_main(["backlog", "--library", str(piece.parent), "--since", "2024-03-01"]) == 0
    assert quill_main(["stats", "--since", "2024-03"]) == 0


def test_never_overwrites_without_force(piece: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "existing.html"
    target.write_text("keep me", encoding="utf-8")
    for fmt in ("html", "pdf"):
        assert main(["export", str(piece), "--to", fmt, "-o", str(target)]) == 1
        assert target.read_text(encoding="utf-8") == "keep me"
        assert "already exists and was left untouched" in capsys.readouterr().err
    assert main(["export", str(piece), "--to", "html", "-o", str(target), "--force"]) == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "Replaced" in capsys.readouterr().out
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp files left


def test_refuses_to_replace_the_piece_itself(piece: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = piece.read_bytes()
    assert main(["export", str(piece), "--to", "md", "-o", str(piece), "--force"]) == 1
    assert piece.read_bytes() == before
    assert "is the piece itself" in capsys.readouterr().err


def test_plain_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(tmp_path / "nope.md"), "--to", "txt"]) == 1
    assert "no piece at" in capsys.readouterr().err
    binary = tmp_path / "bin.md"
    binary.write_bytes(b"\x00\x01\x02")
    assert main(["export", str(binary), "--to", "txt"]) == 1
    assert "binary" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["export", str(binary), "--to", "docx"])
    assert exit_info.value.code == 2


def test_stdout(piece: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(piece), "--to", "txt", "-o", "-"]) == 0
    assert capsys.readouterr().out.startswith("The Weight of Small Things\n")


def test_pdf_export_of_a_huge_single_line_piece_is_refused_at_once(tmp_path):
    """Issue #21, finding 8: a 5 MB single-line piece ran 312 s with no output."""
    import subprocess
    import sys

    piece = tmp_path / "one line.md"
    piece.write_text("word " * 1_000_000, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "quill", "export", str(piece), "--to", "pdf"],
                            capture_output=True, text=True, timeout=120,
                            env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 1
    assert "paragraph of 5,000,000 characters" in result.stderr
    assert not (tmp_path / "one line.pdf").exists()


def test_pdf_has_no_blank_last_page_and_carries_the_title(tmp_path: Path) -> None:
    """A closing rule or footnotes used to leave a last page with nothing but its number."""
    if shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None:
        pytest.skip("pdftotext/pdfinfo (poppler-utils) are not installed")
    from quill.export.frontmatter import split_front_matter
    from quill.export.pdf import page_count, render_pdf

    para = "It was cold that morning, and we swam anyway, laughing at the grey water. " * 3
    for ending in ("\n\n---\n", "\n\nText[^1].\n\n[^1]: A note.\n"):
        for n in (7, 8, 25):
            text = "# The River\n\n" + "\n\n".join([para] * n) + ending
            out = tmp_path / "x.pdf"
            out.write_bytes(render_pdf(text, title=split_front_matter(text).title("the-river")))
            pages = page_count(out.read_bytes())
            last = subprocess.run(["pdftotext", "-f", str(pages), "-l", str(pages), str(out), "-"],
                                  check=True, capture_output=True, text=True).stdout.strip()
            assert last and not last.isdigit(), (ending, n, pages)
    info = subprocess.run(["pdfinfo", str(out)], check=True, capture_output=True, text=True).stdout
    assert any(line.split(":", 1)[1].strip() == "The River" for line in info.splitlines() if line.startswith("Title:"))


def test_force_keeps_the_words_it_replaces(piece: Path, tmp_path: Path, library_dir: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """``--force`` is the command line's "Replace it": like the window's, it keeps what it replaces
    (a library piece as a version, any other text file as a copy in Quill's data folder)."""
    from quill.library import Library
    from quill.paths import app_dirs

    in_library = library_dir / "notes.md"
    in_library.write_bytes("Months of notes 🌊\r\nnowhere else.\r\n".encode())
    assert main(["export", str(piece), "--to", "md", "-o", str(in_library), "--force"]) == 0
    assert in_library.read_text(encoding="utf-8").startswith("# The Weight of Small Things")
    with Library(library_dir) as library:
        assert "Months of notes 🌊\nnowhere else.\n" in [v.read() for v in library.versions(in_library)]
    elsewhere = tmp_path / "letter.txt"
    elsewhere.write_bytes(b"A letter, byte for byte.\r\n")
    assert main(["export", str(piece), "--to", "txt", "-o", str(elsewhere), "--force"]) == 0
    kept = list((app_dirs().data / "replaced").iterdir())
    assert [k.read_bytes() for k in kept] == [b"A letter, byte for byte.\r\n"]
    assert "kept" in capsys.readouterr().out
