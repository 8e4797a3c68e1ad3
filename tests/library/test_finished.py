"""One rule for "finished": the backlog, the history and the voice baseline list the same pieces."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from quill.library import Library, finished_pieces
from quill.paths import app_dirs
from quill.sessions import history
from quill.voice import profile

from .conftest import write


def test_backlog_history_and_voice_profile_agree_on_finished_pieces(library_dir: Path):
    write(library_dir / "dated.md", "---\ntitle: Dated\nstatus: finished\nfinished: 2024-02-01\n---\nDone.\n")
    undated = write(library_dir / "undated.md", "---\ntitle: Undated\nstatus: finished\n---\nDone too.\n")
    os.utime(undated, (dt.datetime(2023, 5, 5, 12).timestamp(),) * 2)
    write(library_dir / "essays" / "nested.md",
          "---\ntitle: Nested\nstatus: finished\nfinished: 2024-01-01\n---\nDone, in a folder.\n")
    write(library_dir / "draft.md", "---\ntitle: Draft\nstatus: draft\n---\nNot yet.\n")
    write(library_dir / ".trash" / "gone.md", "---\ntitle: Gone\nstatus: finished\nfinished: 2024-03-01\n---\n")
    write(library_dir / "broken.md", b"---\nstatus: finished\n---\n\xff\xfe not text")

    with Library(library_dir, app_dirs()) as lib:
        lib.scan()
        backlog = [p.path for p in lib.backlog()]
    in_order = [library_dir / "undated.md", library_dir / "essays" / "nested.md", library_dir / "dated.md"]
    assert backlog == in_order
    assert [p.path for p in finished_pieces(library_dir, app_dirs())] == in_order
    found = history.finished_pieces(library_dir, app_dirs(), with_voice=False)
    assert [Path(p.path) for p in found] == in_order
    assert [p.finished for p in found] == [dt.date(2023, 5, 5), dt.date(2024, 1, 1), dt.date(2024, 2, 1)]
    assert profile.finished_pieces(library_dir) == sorted(in_order)


def test_a_missing_library_has_no_finished_pieces(tmp_path: Path):
    assert finished_pieces(tmp_path / "unplugged") == []
    assert history.finished_pieces(tmp_path / "unplugged", with_voice=False) == []


def test_a_finished_piece_in_utf16_or_with_cr_endings_measures_as_its_utf8_twin(tmp_path: Path):
    """The library lists a UTF-16 piece as finished (it reads it by the editor's rule), but the
    writer's profile and the history's voice timeline read it as UTF-8 with errors replaced: one
    long "sentence" of single letters went into the writer's own baseline."""
    text = ("---\ntitle: Harbour\nstatus: finished\nfinished: 2024-02-01\n---\n\n# The harbour\n\n"
            + "We walked to the harbour. It was cold! Nobody spoke; the gulls did — loudly. Why? " * 30)
    encodings = {"utf8": text.encode("utf-8"), "utf16": b"\xff\xfe" + text.encode("utf-16-le"),
                 "utf16be": b"\xfe\xff" + text.encode("utf-16-be"), "cr": text.replace("\n", "\r").encode("utf-8"),
                 "bom": b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")}
    measured = {}
    for name, data in encodings.items():
        library = tmp_path / name
        write(library / "harbour.md", data)
        voice = profile.load_profile(library)
        timeline = history.finished_pieces(library, with_voice=True)
        assert voice.pieces == 1 and len(timeline) == 1, name
        measured[name] = (voice.histogram, voice.punctuation_bands, timeline[0].metrics)
    assert all(m == measured["utf8"] for m in measured.values()), {k: m[0] for k, m in measured.items()}


def test_the_piece_measured_is_left_out_of_the_baseline_it_is_compared_with(tmp_path: Path):
    library, cache = tmp_path / "lib", tmp_path / "cache"
    for name in ("a", "b"):
        write(library / f"{name}.md", ("---\nstatus: finished\n---\n\n"
                                       + f"The {name} harbour was cold. Nobody spoke; the gulls did. Why? " * 30)
              .encode("utf-8"))
    assert profile.load_profile(library, cache).pieces == 2
    without_a = profile.load_profile(library, cache, leave_out=library / "a.md")
    assert without_a.pieces == 1
    assert without_a.baseline.to_dict() == profile.load_profile(library / "b-only-view", cache, lister=lambda: [
        library / "b.md"]).baseline.to_dict()
    # however the path is spelt (a symlinked library), and each left-out piece cached on its own
    (tmp_path / "link").symlink_to(library)
    assert profile.load_profile(library, cache, leave_out=tmp_path / "link" / "b.md").pieces == 1
    assert profile.load_profile(library, cache).pieces == 2
    assert len(list(cache.glob("voice-baseline*.json"))) == 3
    # a draft open (not among the finished pieces) leaves the whole baseline
    draft_open = profile.load_profile(library, cache, leave_out=library / "draft.md")
    assert draft_open.pieces == 2 and not draft_open.open_piece_left_out
    # the panel says which: "your 1 other finished piece", from the cache as from a fresh build
    assert profile.load_profile(library, cache, leave_out=library / "a.md").open_piece_left_out
    for cached in cache.glob("voice-baseline-without-*.json"):
        cached.unlink()
    assert profile.load_profile(library, cache, leave_out=library / "a.md").open_piece_left_out
    assert not profile.load_profile(library, cache).open_piece_left_out


def test_the_only_finished_piece_open_is_said_to_be_left_out(tmp_path: Path):
    """Under a piece marked finished, the panel said "No finished pieces yet": the baseline leaves
    the piece open out, and it was the only one. The profile now says it left the piece out."""
    library, cache = tmp_path / "lib", tmp_path / "cache"
    write(library / "only.md", ("---\nstatus: finished\n---\n\n" + "The harbour was cold. Nobody spoke. " * 30)
          .encode("utf-8"))
    alone = profile.load_profile(library, cache, leave_out=library / "only.md")
    assert alone.pieces == 0 and alone.open_piece_left_out


def test_leaving_a_piece_out_analyses_no_other_piece_again(tmp_path: Path, monkeypatch):
    """The baseline cache held only the aggregate, so each finished piece first opened analysed all the
    others again (hundreds of them for a writer of years). Their figures are now kept per piece."""
    library, cache = tmp_path / "lib", tmp_path / "cache"
    for i in range(5):
        write(library / f"p{i}.md", ("---\nstatus: finished\n---\n\n"
                                     + f"Piece {i} begins. It rains; we walk — slowly. Why not? " * (20 + 7 * i))
              .encode("utf-8"))
    analysed: list[int] = []
    real = profile.analyze

    def counting(text: str):  # noqa: ANN202 - the real analysis, counted
        analysed.append(len(text))
        return real(text)

    monkeypatch.setattr(profile, "analyze", counting)
    whole = profile.load_profile(library, cache)
    assert whole.pieces == 5 and len(analysed) == 5
    analysed.clear()
    without = profile.load_profile(library, cache, leave_out=library / "p2.md")
    assert without.pieces == 4 and analysed == []  # from the kept figures
    # the same baseline as analysing the four afresh
    fresh = profile.load_profile(library, None, lister=lambda: [library / f"p{i}.md" for i in (0, 1, 3, 4)])
    assert without.baseline.to_dict() == fresh.baseline.to_dict()
    assert without.histogram == fresh.histogram and without.punctuation_bands == fresh.punctuation_bands
    # a piece changed on disk is analysed again, and only it
    analysed.clear()
    (library / "p4.md").write_text("---\nstatus: finished\n---\n\nShorter now. Much shorter.\n", encoding="utf-8")
    profile.load_profile(library, cache, leave_out=library / "p0.md")
    assert len(analysed) == 1


def test_baselines_without_a_piece_are_kept_for_the_recent_pieces_only(tmp_path: Path):
    library, cache = tmp_path / "lib", tmp_path / "cache"
    count = profile.LEFT_OUT_CACHES + 6
    for i in range(count):
        write(library / f"p{i:02}.md", ("---\nstatus: finished\n---\n\n" + f"Piece {i}. It rains. " * 10).encode())
    for i in range(count):
        profile.load_profile(library, cache, leave_out=library / f"p{i:02}.md")
    assert len(list(cache.glob("voice-baseline-without-*.json"))) == profile.LEFT_OUT_CACHES
