"""``quill import SOURCE``: bring a published archive into the library. No Qt.

Exit status: 0 imported (or nothing new to import), 1 the archive was refused (a plain
message on stderr; nothing was written), 2 bad usage, 130 stopped with Ctrl+C (the pieces
already written stay; running the same command again imports the rest and duplicates nothing).
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from quill.importer.model import ImportCancelled, ImportFailed, ImportOptions
from quill.paths import default_library_dir


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"quill import: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="quill import", description="Import a published archive (Substack, Ghost, WordPress, "
                     "Medium export, or a folder of markdown/HTML files) into the library.")
    parser.add_argument("source", help="the export: a zip, its unpacked folder, a .json/.xml file, or a folder")
    parser.add_argument("--library", metavar="DIR", help="library folder (default: QUILL_LIBRARY or Documents/Quill)")
    parser.add_argument("--site", metavar="URL", default="", help="the blog's address, for each piece's url")
    parser.add_argument("--as", dest="as_status", choices=("finished", "draft"),
                        help="give every converted piece this status (copied markdown files keep their own)")
    parser.add_argument("--collection", metavar="NAME",
                        help="sub-folder to import into (default: the platform's or the folder's name; '' for none)")
    parser.add_argument("--pages", action="store_true", help="WordPress/Ghost: import pages too, not only posts")
    parser.add_argument("--dry-run", action="store_true", help="show what would be imported; write nothing")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON (see docs/IMPORT.md)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["import"]:
        args_list = args_list[1:]
    try:
        args = build_parser().parse_args(args_list)
    except SystemExit as exc:
        return int(exc.code or 0)
    root = Path(args.library).expanduser() if args.library else default_library_dir()
    stop = {"asked": False}

    def on_interrupt(signum: int, frame: object) -> None:
        stop["asked"] = True

    options = ImportOptions(site=args.site, as_status=args.as_status or "", collection=args.collection,
                            include_pages=args.pages, cancelled=lambda: stop["asked"])
    from quill.importer.run import import_archive

    show_progress = not args.json and sys.stderr.isatty()

    line = {"open": False}

    def show(text: str, end: bool = False) -> None:
        if show_progress:
            print(f"\r{text:<32}", end="\n" if end else "", file=sys.stderr, flush=True)
            line["open"] = not end

    def progress(done: int, total: int) -> None:
        show(f"Importing {done:,} of {total:,}…", end=done >= total)

    def reading(done: int, total: int) -> None:
        if done % 25 == 0:
            show(f"Reading {done:,} of {total:,}…")

    options.reading = reading

    def close_line() -> None:
        if line["open"]:
            print("\r" + " " * 32 + "\r", end="", file=sys.stderr, flush=True)
            line["open"] = False

    previous = signal.getsignal(signal.SIGINT)
    try:
        signal.signal(signal.SIGINT, on_interrupt)
    except ValueError:  # not the main thread (tests calling main directly from a worker)
        previous = None
    try:
        report = import_archive(Path(args.source), root, options, dry_run=args.dry_run, progress=progress)
    except ImportFailed as exc:
        close_line()
        print(f"quill import: {exc}", file=sys.stderr)
        return 1
    except (KeyboardInterrupt, ImportCancelled):
        close_line()
        print("quill import: stopped before anything was written.", file=sys.stderr)
        return 130
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    close_line()
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        print(report.describe())
    if report.cancelled:
        return 130
    return 0
