"""The panel's saved analyses (quill/voice/panel_cache.py): a piece reopens with its figures, never wrong ones."""

from __future__ import annotations

import json
import os

import pytest

from quill.voice import analyze
from quill.voice import panel_cache as pc
from quill.voice.engine import VoiceEngine
from quill.voice.panel_data import PanelAnalyzer
from quill.voice.profile import build_profile

TEXT = ("# A piece\n\nWe delve into the rich tapestry of ideas, highlighting each. Then we rest. "
        "Short one. The river ran under the stone bridge where the lamp was lit every quiet morning. "
        "Moreover, the garden kept its letters; winter came — and music with it (somehow).\n\n"
        "> A quoted line from someone else, not counted.\n\n") * 12


def analysed(text: str = TEXT, include_quotes: bool = False) -> tuple[VoiceEngine, object]:
    engine = VoiceEngine(include_quotes)
    return engine, engine.update(text)


def saved(tmp_path, text: str = TEXT) -> str:  # noqa: ANN001
    engine, report = analysed(text)
    key = pc.analysis_key(text, False)
    assert pc.save_analysis(tmp_path, key, report, engine.sentence_length_counts(), len(text))
    return key


def only_file(tmp_path):  # noqa: ANN001, ANN201
    files = list((tmp_path / pc.FOLDER).iterdir())
    assert len(files) == 1
    return files[0]


def test_round_trip_gives_the_engines_own_report(tmp_path) -> None:  # noqa: ANN001
    engine, report = analysed()
    key = saved(tmp_path)
    got = pc.load_analysis(tmp_path, key, len(TEXT))
    assert got is not None
    assert got.report == report  # every field, the model's features and the spans included
    assert list(got.report.sentence_spans) == list(report.sentence_spans)
    assert got.report.tells == report.tells and got.report.likeness_reasons == report.likeness_reasons
    assert got.length_counts == engine.sentence_length_counts()


def test_the_key_changes_with_the_text_and_the_settings_that_change_figures() -> None:
    key = pc.analysis_key(TEXT, False)
    assert key == pc.analysis_key(TEXT[:-1] + TEXT[-1], False)
    assert key != pc.analysis_key(TEXT + " ", False)
    assert key != pc.analysis_key(TEXT.replace("rest", "Rest", 1), False)
    assert key != pc.analysis_key(TEXT, True)  # block quotes counted
    assert pc.analysis_key("\ud800 lone surrogate", False)  # whatever the editor holds, no crash


def test_another_text_or_length_finds_nothing(tmp_path) -> None:  # noqa: ANN001
    key = saved(tmp_path)
    assert pc.load_analysis(tmp_path, pc.analysis_key(TEXT + "x", False), len(TEXT) + 1) is None
    assert pc.load_analysis(tmp_path, key, len(TEXT) + 1) is None  # the right name but another length


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty", "header only", "bad shape"])
def test_a_damaged_file_is_ignored_and_removed(tmp_path, damage: str) -> None:  # noqa: ANN001
    key = saved(tmp_path)
    path = only_file(tmp_path)
    raw = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(raw[: len(raw) // 2])
    elif damage == "flip":  # one figure changed, the JSON still valid: the checksum catches it
        head, payload = raw.split(b"\n", 1)
        i = payload.index(b'"words":') + len(b'"words":')
        digit = payload[i:i + 1]
        payload = payload[:i] + (b"7" if digit != b"7" else b"8") + payload[i + 1:]
        path.write_bytes(head + b"\n" + payload)
    elif damage == "garbage":
        path.write_bytes(os.urandom(300))
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "header only":
        path.write_bytes(raw.split(b"\n", 1)[0])
    else:  # well-formed and checksummed, but not what a report looks like
        payload = json.dumps({"report": {"sentence_spans": 3}, "length_counts": [], "text_length": len(TEXT)})
        import hashlib

        header = json.dumps({"version": pc.ANALYSIS_VERSION, "key": key,
                             "sha256": hashlib.sha256(payload.encode()).hexdigest()})
        path.write_text(header + "\n" + payload, encoding="utf-8")
    assert pc.load_analysis(tmp_path, key, len(TEXT)) is None
    assert not path.exists()


def test_an_older_version_is_ignored(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    key = saved(tmp_path)
    monkeypatch.setattr(pc, "ANALYSIS_VERSION", pc.ANALYSIS_VERSION + 1)
    assert pc.load_analysis(tmp_path, key, len(TEXT)) is None
    # and a new key anyway: the version is part of it
    assert pc.analysis_key(TEXT, False) != key


def test_written_atomically_and_bounded(tmp_path) -> None:  # noqa: ANN001
    keys = []
    for i in range(pc.KEEP + 3):
        text = TEXT + f"\n\nPiece number {i}.\n"
        keys.append(saved(tmp_path, text))
        os.utime(tmp_path / pc.FOLDER / (keys[-1] + pc.SUFFIX), (1000 + i, 1000 + i))
    # reading an old one makes it recent: it survives the next prune
    assert pc.load_analysis(tmp_path, keys[3], len(TEXT + "\n\nPiece number 3.\n")) is not None
    saved(tmp_path, TEXT + "\n\nOne more.\n")
    names = sorted(p.name for p in (tmp_path / pc.FOLDER).iterdir())
    assert len(names) == pc.KEEP
    assert not any(n.startswith(".tmp-") for n in names)
    assert keys[3] + pc.SUFFIX in names and keys[0] + pc.SUFFIX not in names


def test_the_file_holds_figures_not_the_text(tmp_path) -> None:  # noqa: ANN001
    saved(tmp_path)
    raw = only_file(tmp_path).read_text(encoding="utf-8")
    assert "river ran under the stone bridge" not in raw
    assert "garden" not in raw and "quoted line" not in raw


def test_an_unwritable_cache_is_no_error(tmp_path) -> None:  # noqa: ANN001
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    engine, report = analysed()
    assert not pc.save_analysis(blocker, "k", report, engine.sentence_length_counts(), len(TEXT))
    assert pc.load_analysis(blocker, "k", len(TEXT)) is None


def test_an_adopted_analysis_is_used_until_the_text_changes_then_the_engine_takes_over() -> None:
    profile = build_profile([])
    key_engine, report = analysed()
    analyzer = PanelAnalyzer()
    analyzer.adopt(TEXT, report, key_engine.sentence_length_counts())
    fresh = PanelAnalyzer().compute(TEXT, 40, "piece", profile)
    first = analyzer.compute(TEXT, 40, "piece", profile)
    assert analyzer.piece_cold and not analyzer.analysed  # no analysis ran
    assert first.report is report
    assert (first.strip_lengths, first.rolling, first.histogram, first.habits, first.marks) == (
        fresh.strip_lengths, fresh.rolling, fresh.histogram, fresh.habits, fresh.marks)

    edited = TEXT[:100] + "An inserted sentence, quite plain. " + TEXT[100:]
    after = analyzer.compute(edited, 140, "piece", profile)
    assert analyzer.analysed
    assert after.report == analyze(edited)
    assert after.histogram == PanelAnalyzer().compute(edited, 140, "piece", profile).histogram
    # and incremental from there on, still equal to a fresh analysis
    again = edited.replace("Short one.", "Short one, now longer than it was.", 3)
    assert analyzer.compute(again, 10, "piece", profile).report == analyze(again)


def test_within_the_cursor_range_the_panel_data_would_be_the_same() -> None:
    """The controller skips refreshing for a cursor move inside ``cursor_range``: check that every
    position inside it gives the same figures, and that the range is as wide as it can be."""
    text = TEXT * 4  # ~3,000 sentences' worth of habit words, more than MARK_REACH apart in places
    profile = build_profile([])
    analyzer = PanelAnalyzer()

    def shown(cursor: int) -> tuple:
        data = analyzer.compute(text, cursor, "piece", profile)
        return (data.strip_lengths, data.strip_spans, data.current, data.rolling, data.marks), data.cursor_range

    for cursor in (0, 5, 900, len(text) // 2, len(text) - 3, len(text)):
        here, (lo, hi) = shown(cursor)
        assert lo <= cursor <= hi
        for probe in {max(lo, 0), min(hi, len(text)), (max(lo, 0) + min(hi, len(text))) // 2}:
            assert shown(probe)[0] == here
        if lo > 0:
            assert shown(lo - 1)[0] != here  # just outside, something shown changes
        if hi < len(text):
            assert shown(hi + 1)[0] != here
    assert analyzer.compute(text, 10, "section", profile).cursor_range is None
