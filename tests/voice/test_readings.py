"""The panel's plain words, without a display."""

from __future__ import annotations

from quill.voice import analyze
from quill.voice.baseline import Comparison
from quill.voice.readings import baseline_text, gauge_reading, likeness_text, measured_text, reasons_text


def test_gauge_readings_follow_the_z_score_and_the_reference() -> None:
    high = Comparison(0.9, 1.8, (0.4, 0.6), None)
    low = Comparison(0.2, -2.0, (0.4, 0.6), None)
    usual = Comparison(0.5, 0.3, (0.4, 0.6), None)
    assert gauge_reading("burstiness", high, 9) == "more varied than your finished work"
    assert gauge_reading("burstiness", low, 0) == "more even than the general human reference"
    assert gauge_reading("tell_rate", low, 3) == "fewer habits than your finished work"
    assert gauge_reading("burstiness", usual, 9) == "within your usual range"
    assert gauge_reading("burstiness", Comparison(None, None, (0.4, 0.6), None), 9) == ""


def test_baseline_text_says_when_bands_are_blended() -> None:
    assert "general human reference" in baseline_text(0)
    assert "blended with a general human reference until you have 8" in baseline_text(3)
    assert baseline_text(1).startswith("Pale bands: your 1 finished piece,")
    assert baseline_text(12) == "Pale bands: your 12 finished pieces."
    # the piece measured is finished too, and left out: never "no finished pieces" under it
    assert baseline_text(0, open_piece_left_out=True).startswith("This is your only finished piece")
    assert baseline_text(1, open_piece_left_out=True).startswith("Pale bands: your 1 other finished piece,")
    assert baseline_text(12, open_piece_left_out=True) == "Pale bands: your 12 other finished pieces."


def test_measured_text_lists_every_reason() -> None:
    rep = analyze("# Title here\n\nA sentence of mine. Another one.\n\n> quoted words\n\n```\ncode\n```\n")
    line, tip = measured_text(rep)
    assert line == f"{rep.words} of {rep.all_words} words measured"
    for reason in ("headings: 2 words", "block quotes: 2 words", "code: 1 word"):
        assert reason in tip
    assert measured_text(analyze("Just mine. All of it."))[0] == "5 words measured"


def test_likeness_text_and_reasons_only_with_a_score() -> None:
    assert likeness_text(analyze("Too short.")) == "" and reasons_text(analyze("Too short.")) == []
    text = " ".join(["It is crucial to embrace a holistic approach, fostering growth and ensuring that every "
                     "stakeholder feels valued in the evolving landscape of modern work."] * 8)
    rep = analyze(text)
    lo, hi = rep.machine_likeness_range
    assert likeness_text(rep) == f"{rep.machine_likeness:.2f}, could be {lo:.2f}–{hi:.2f} at this length"
    assert reasons_text(rep) and all(r[0] in "↑↓" for r in reasons_text(rep))
