"""The panel's numbers in plain words: what a writer reads beside each figure (Qt-free).

Why here and not in the widgets: the words are the product (a writer who has to decode
"z = −1.3" learns nothing), so they are tested without a display, and the CLI could use
them too. Every reading is relative to what the bands show: the writer's finished work,
or, with no finished pieces yet, a general human reference.
"""

from __future__ import annotations

from quill.voice.baseline import FULL_BASELINE, Comparison
from quill.voice.report import VoiceReport
from quill.wording import plural

#: a draft within this many spreads of the writer's centre reads as "usual"
USUAL_Z = 1.0

#: metric → (words when higher than the reference, words when lower)
_DIRECTION = {
    "burstiness": ("more varied than", "more even than"),
    "punctuation_entropy": ("more varied than", "less varied than"),
    "mean_word_length": ("longer words than", "shorter words than"),
    "tell_rate": ("more habits than", "fewer habits than"),
    "fragment_rate": ("more fragments than", "fewer fragments than"),
    "long_sentence_rate": ("more long sentences than", "fewer long sentences than"),
    "machine_likeness": ("closer to machine style than", "further from machine style than"),
}

#: why words were left out, in the words the tooltip uses
_LEFT_OUT_WHY = {
    "headings": "headings are labels, not sentences",
    "list labels": "short list items are labels (items of four words or more, or ending in . ! ? …, count)",
    "block quotes": "quoted passages are someone else's words (you can count them)",
    "footnotes": "footnotes are measured apart from the body's rhythm",
    "tables": "tables hold data, not prose",
    "code": "code is not prose",
    "front matter": "the title block is not prose",
    "HTML": "raw HTML is not prose",
    "links and markup": "link addresses, image names and markup",
}


def reference_name(pieces: int) -> str:
    return "your finished work" if pieces else "the general human reference"


def gauge_reading(metric: str, comparison: Comparison | None, pieces: int) -> str:
    """One line beside a gauge: "more varied than your finished work", "within your usual range"."""
    if comparison is None or comparison.value is None or comparison.z is None:
        return ""
    z = comparison.z
    if abs(z) < USUAL_Z:
        return "within your usual range" if pieces else "within the usual human range"
    higher, lower = _DIRECTION.get(metric, ("higher than", "lower than"))
    return f"{higher if z > 0 else lower} {reference_name(pieces)}"


def baseline_text(pieces: int, *, open_piece_left_out: bool = False) -> str:
    """What the pale bands are, said once at the top of the panel. ``open_piece_left_out``: the
    piece measured is finished too, and never part of the baseline it is compared with; with it
    the only finished piece, "No finished pieces yet" under a piece marked finished was wrong."""
    if not pieces:
        if open_piece_left_out:
            return ("This is your only finished piece, and a piece is never compared with itself: the pale "
                    "bands show a general human reference. Finish another to compare with your own voice.")
        return ("No finished pieces yet, so the pale bands show a general human reference. "
                "Mark pieces finished to compare with your own voice.")
    plural = "s" if pieces != 1 else ""
    other = " other" if open_piece_left_out else ""
    if pieces < FULL_BASELINE:
        return (f"Pale bands: your {pieces}{other} finished piece{plural}, blended with a general human "
                f"reference until you have {FULL_BASELINE}.")
    return f"Pale bands: your {pieces}{other} finished pieces."


def measured_text(report: VoiceReport) -> tuple[str, str]:
    """("N of M words measured", tooltip listing what was left out and why)."""
    total = max(report.all_words, report.words)
    if total == report.words or not report.left_out:
        return f"{plural(report.words, 'word')} measured", "Every word of this text is measured."
    lines = ["Left out of the measures:"]
    for reason, words in sorted(report.left_out.items(), key=lambda kv: -kv[1]):
        why = _LEFT_OUT_WHY.get(reason, reason)
        lines.append(f"  {reason}: {words:,} word{'s' if words != 1 else ''} ({why})")
    return f"{report.words:,} of {plural(total, 'word')} measured", "\n".join(lines)


def shares_text(report: VoiceReport) -> str:
    """The two most telling facts about a draft's sentences, as shares."""
    if not report.sentences:
        return ""
    frag = round(100 * (report.fragment_rate or 0.0))
    long = round(100 * (report.long_sentence_rate or 0.0))
    n = report.sentences
    return f"{n:,} sentence{'s' if n != 1 else ''} · {frag}% fragments · {long}% long"


def likeness_text(report: VoiceReport) -> str:
    """The score with its interval: "0.30, could be 0.12–0.58 at this length"."""
    score = report.machine_likeness
    if score is None:
        return ""
    spread = report.machine_likeness_range
    if spread is None:
        return f"{score:.2f}"
    return f"{score:.2f}, could be {spread[0]:.2f}–{spread[1]:.2f} at this length"


def reasons_text(report: VoiceReport) -> list[str]:
    """What moved the score most, each with its direction: "↑ long, even sentences" (↑ toward
    machine style, ↓ away from it; the panel says so once above the list)."""
    return [f"{'↑' if push > 0 else '↓'} {words}" for _feature, words, push in report.likeness_reasons]
