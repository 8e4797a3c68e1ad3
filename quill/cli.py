"""Command line entry point.

Sub-commands that need no window (``voice``, ``list``, ``stats`` …) are looked up
in :data:`SUBCOMMANDS` and imported only when named, so none of them pays for Qt:
``quill --version`` must stay fast.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from quill import __version__

# name -> module providing ``main(argv: list[str]) -> int``. Each module owns its own parser.
SUBCOMMANDS: dict[str, str] = {
    "voice": "quill.voice.cli",
    "new": "quill.library.cli",
    "list": "quill.library.cli",
    "search": "quill.library.cli",
    "finish": "quill.library.cli",
    "reopen": "quill.library.cli",
    "backlog": "quill.library.cli",
    "history": "quill.library.cli",
    "conflicts": "quill.library.cli",
    "export": "quill.export.cli",
    "stats": "quill.sessions.cli",
    "import": "quill.importer.cli",
}


def _take_library(args: list[str]) -> tuple[str | None, list[str]]:
    """Accept ``--library DIR`` on every sub-command, as the README promises: it is taken out of
    the arguments and handed to the sub-command as ``QUILL_LIBRARY``, which every one of them reads."""
    out: list[str] = []
    library: str | None = None
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            out.extend(args[i:])
            break
        if arg == "--library" and i + 1 < len(args):
            library = str(Path(args[i + 1]).expanduser().absolute())
            i += 2
            continue
        if arg.startswith("--library="):
            library = str(Path(arg.split("=", 1)[1]).expanduser().absolute())
            i += 1
            continue
        out.append(arg)
        i += 1
    return library, out


def _print_names_as_they_are() -> None:
    """A file name that is not UTF-8 (Linux allows it) is printed as the bytes it has on disk, as
    ``ls`` does, so a script can use it; a UTF-8 terminal would otherwise end the command with a
    UnicodeEncodeError at that piece's line (the rest of the list never printed)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "") == "strict":
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="surrogateescape")


def _run_subcommand(args: list[str]) -> int:
    library, args = _take_library(args)
    _print_names_as_they_are()
    module = importlib.import_module(SUBCOMMANDS[args[0]])
    if library is None:
        return int(module.main(args) or 0)
    before = os.environ.get("QUILL_LIBRARY")
    os.environ["QUILL_LIBRARY"] = library  # for this call only: main() may be called again in-process
    try:
        return int(module.main(args) or 0)
    finally:
        if before is None:
            os.environ.pop("QUILL_LIBRARY", None)
        else:
            os.environ["QUILL_LIBRARY"] = before


class _Parser(argparse.ArgumentParser):
    """argparse exits with status 2 on bad options already; keep its message plain."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"quill: {message}\nTry 'quill --help' for the options.\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="quill",
        description="A quiet, full-screen place to write. Never completes, corrects or suggests.",
        epilog="Sub-commands (no window): " + ", ".join(sorted(set(SUBCOMMANDS))) + ". "
        "Run 'quill COMMAND --help' for each.",
    )
    parser.add_argument("path", nargs="?", help="markdown file to open (created if missing)")
    parser.add_argument("--library", metavar="DIR", help="library folder (default: Documents/Quill; env QUILL_LIBRARY)")
    parser.add_argument("--windowed", action="store_true", help="start in a window instead of full screen")
    parser.add_argument("--version", action="version", version=f"quill {__version__}")
    parser.add_argument("--self-test", action="store_true",
                        help="check this installation offscreen (opens a window, types, saves) and exit")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and (args_list[0] in SUBCOMMANDS or (
            args_list[0].startswith("--library") and any(a in SUBCOMMANDS for a in args_list[1:3]))):
        return _run_subcommand(args_list)  # "quill list --library DIR" and "quill --library DIR list"

    args = build_parser().parse_args(args_list)
    if args.self_test:
        from quill.ui.shell.selftest import run_self_test

        return run_self_test()
    if args.library:
        os.environ["QUILL_LIBRARY"] = str(Path(args.library).expanduser().resolve())
    open_path = Path(args.path).expanduser().resolve() if args.path else None
    if open_path is not None and open_path.is_dir():
        print(f"quill: {args.path} is a folder, not a markdown file. "
              "To use it as your library, run: quill --library " + args.path, file=sys.stderr)
        return 2

    from quill.ui.shell.app import run_app  # Qt is imported only here

    return run_app(open_path=open_path, windowed=args.windowed)
