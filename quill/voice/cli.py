"""``quill voice FILE... [--json]``: the voice report on the command line, without Qt.

Why: writers (and scripts) can check a draft without opening the app, and the library
can reuse the JSON. ``-`` reads standard input. An unreadable file gets a plain message
and exit status 1; the other files are still reported.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from quill.voice.engine import analyze
from quill.voice.report import VoiceReport


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quill voice",
        description="Measure the rhythm, punctuation, diction and habits of markdown drafts. "
        "machine_likeness describes style, not authorship.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="markdown file(s); '-' for standard input")
    parser.add_argument("--json", action="store_true", help="print the full report as JSON")
    return parser


def _fmt(value: object, digits: int = 2) -> str:
    if value is None:
        return "–"  # not enough text for this measure
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def render(report: VoiceReport, name: str) -> str:
    """A short readable report."""
    from quill.voice.readings import likeness_text, measured_text, reasons_text
    from quill.wording import plural

    r = report
    measured, left_out = measured_text(r)
    top = sorted(((n, c) for n, c in r.punctuation.items() if c), key=lambda t: -t[1])
    lines = [
        f"{name}",
        f"  {measured}, {plural(r.sentences, 'sentence')}, {plural(r.paragraphs, 'paragraph')}",
        "  Rhythm",
        f"    mean sentence length   {_fmt(r.mean_sentence_length, 1)} words"
        f" (sd {_fmt(r.sentence_length_sd, 1)})",
        f"    burstiness (sd/mean)   {_fmt(r.burstiness)}    MASD {_fmt(r.masd)}",
        f"    fragments (≤4 words)   {_fmt(r.fragment_rate)}    long (≥30) {_fmt(r.long_sentence_rate)}",
        "  Punctuation",
        f"    marks per 1,000 words  {_fmt(r.marks_per_1000_words, 1)}"
        f"    entropy {_fmt(r.punctuation_entropy)} bits",
        f"    commas per 1,000       {_fmt(r.comma_per_1000_words, 1)}"
        f"    dashes {_fmt(r.em_dash_per_1000_words, 1)}",
        "    " + (", ".join(f"{n} {c}" for n, c in top) or "no marks"),
        "  Diction",
        f"    MTLD {_fmt(r.mtld, 1)}   MATTR {_fmt(r.mattr)}   HD-D {_fmt(r.hdd)}",
        f"    mean word length {_fmt(r.mean_word_length)}   Flesch {_fmt(r.flesch_reading_ease, 1)}"
        f"   grade {_fmt(r.flesch_kincaid_grade, 1)}",
        f"    function-word share {_fmt(r.function_word_share)}",
        "  Habits",
        f"    tells per 1,000 words {_fmt(r.tell_rate, 1)}"
        f"   comma+participle {_fmt(r.comma_participle_rate, 1)}"
        f"   hedges {_fmt(r.hedge_rate, 1)}   fillers {_fmt(r.filler_rate, 1)}",
    ]
    if r.tells:
        shown = ", ".join(f"{t.text!r} ({t.kind})" for t in r.tells[:8])
        more = f" and {len(r.tells) - 8} more" if len(r.tells) > 8 else ""
        lines.append(f"    {shown}{more}")
    score = likeness_text(r) or "–"
    lines.append(f"  Resemblance to machine style {score} (style, not authorship)")
    for reason in reasons_text(r):
        lines.append(f"    {reason}")
    if r.left_out:
        lines.extend("  " + line for line in left_out.splitlines())
    lines.append("  (– = not enough text for that measure: 150 measured words in 3 sentences;"
                 " ↑ toward machine style, ↓ away)")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] == "voice":
        args_list = args_list[1:]
    args = build_parser().parse_args(args_list)
    status = 0
    results: list[dict] = []
    for name in args.files:
        if name == "-":
            from quill.storage.textfile import UnreadableFile, decode

            try:  # the same decoding as a file: binary input is refused, not analysed
                stream = getattr(sys.stdin, "buffer", None)
                data = stream.read() if stream is not None else sys.stdin.read().encode("utf-8")
                text, _ = decode(data, "<stdin>")
            except UnreadableFile as exc:
                print(f"quill voice: {exc}", file=sys.stderr)
                status = 1
                continue
            label = "<stdin>"
        else:
            from quill.library.lookup import NoSuchPiece, find_piece
            from quill.storage.textfile import UnreadableFile, load_text

            try:
                text = load_text(find_piece(name)).text
            except NoSuchPiece as exc:
                print(f"quill voice: {exc}", file=sys.stderr)
                status = 1
                continue
            except UnreadableFile as exc:
                print(f"quill voice: {exc}", file=sys.stderr)
                status = 1
                continue
            except OSError as exc:
                print(f"quill voice: cannot read {name}: {exc.strerror or exc}", file=sys.stderr)
                status = 1
                continue
            label = name
        report = analyze(text)
        if args.json:
            results.append({"file": label, **report.to_dict()})
        else:
            print(render(report, label))
    if args.json and results:
        payload = results[0] if len(results) == 1 else results
        print(json.dumps(payload, ensure_ascii=False, indent=1))
    return status
