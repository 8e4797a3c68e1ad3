"""The library's command line: new, list, search, finish, reopen, backlog, history, conflicts. No Qt.

Called by :mod:`quill.cli` with argv that includes the sub-command word
(``["list", "--json"]``). Exit status: 0 done, 1 failed (message on stderr),
2 bad usage or an ambiguous PIECE (the candidates are listed).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from quill.library.library import AmbiguousPiece, Library, LibraryError
from quill.library.piece import Piece
from quill.paths import default_library_dir
from quill.wording import plural

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"quill {self.prog.split()[-1]}: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="quill", description="Work with the library of pieces from the command line.")
    subs = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def sub(name: str, help_text: str) -> argparse.ArgumentParser:
        p = subs.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--library", metavar="DIR", help="library folder (default: QUILL_LIBRARY or Documents/Quill)")
        return p

    p = sub("new", "Create a new draft and print its path.")
    p.add_argument("title", nargs="+", help="the title")
    p.add_argument("--collection", default="", help="sub-folder to create it in")

    p = sub("list", "List pieces, last edited first.")
    p.add_argument("--status", choices=("draft", "finished", "all"), default="all")
    p.add_argument("--tag")
    p.add_argument("--collection")
    p.add_argument("--sort", choices=("updated", "finished", "title", "created"), default="updated")
    p.add_argument("--json", action="store_true", help="print a JSON array (see docs/LIBRARY.md)")

    p = sub("search", "Full-text search over titles, tags and text.")
    p.add_argument("query", nargs="+")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--json", action="store_true")

    for name, text in (("finish", "Mark a piece finished (and keep a snapshot)."),
                       ("reopen", "Reopen a finished piece as a draft.")):
        p = sub(name, text)
        p.add_argument("piece", help="a path, or an unambiguous title or file name")
        p.add_argument("--json", action="store_true")

    p = sub("backlog", "Finished pieces in order, as a markdown list.")
    p.add_argument("--since", metavar="YYYY-MM[-DD]", type=_month,
                   help="only pieces finished from this month (or day) on")
    p.add_argument("--json", action="store_true")

    p = sub("conflicts", "Pieces with versions from other devices (sync engines' conflict copies).")
    p.add_argument("--json", action="store_true",
                   help='print [{"piece", "relpath", "title", "copies": [...]}] (see docs/SYNC.md)')

    p = sub("history", "A piece's saved versions.")
    p.add_argument("piece")
    p.add_argument("--json", action="store_true")
    return parser


def _month(value: str) -> _dt.date:
    from quill.dates import BadDate, parse_day_or_month

    try:
        return parse_day_or_month(value)
    except BadDate as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _history_follows_renames(library: Library) -> None:
    """Pieces this scan found renamed outside Quill take their writing history along, as the
    window does (the scan has moved their versions): a window opened afterwards no longer sees the
    rename, so without this their history stayed under the old name. Never stops the command."""
    renamed = library.take_renamed()
    if not renamed:
        return
    from quill.sessions.store import SessionStore

    try:
        store = SessionStore.default(library.dirs)
        try:
            for old, new in renamed:
                store.rename_piece(str(old), str(new))
        finally:
            store.close()
    except Exception as exc:  # noqa: BLE001 - statistics must never stop a command
        print(f"quill: the writing history could not follow a renamed piece ({exc}).", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as exc:  # --help or a usage error: report the status instead of exiting
        return int(exc.code or 0)
    root = Path(args.library).expanduser() if args.library else default_library_dir()
    library = Library(root)
    try:
        if args.command == "new":
            root.mkdir(parents=True, exist_ok=True)  # the first piece may create the library
        library.scan()
        _history_follows_renames(library)
        if library.notice:
            print(f"quill: {library.notice}", file=sys.stderr)
        return COMMANDS[args.command](library, args)
    except AmbiguousPiece as exc:
        print(f"quill: {exc}", file=sys.stderr)
        return 2
    except (LibraryError, OSError) as exc:
        return _fail(str(exc))
    finally:
        library.close()


def _fail(message: str) -> int:
    print(f"quill: {message}", file=sys.stderr)
    return 1


def _print_json(data: object) -> None:
    # A name that is not UTF-8 holds lone surrogates: written as JSON's own \udcXX escapes, the
    # output stays UTF-8 that any JSON reader takes, and Python reads back the very same name.
    text = json.dumps(data, ensure_ascii=False, indent=2)
    print(re.sub("[\ud800-\udfff]", lambda m: f"\\u{ord(m.group()):04x}", text))


def cmd_new(library: Library, args: argparse.Namespace) -> int:
    piece = library.new_piece(" ".join(args.title), collection=args.collection)
    print(piece.path)
    return 0


def cmd_list(library: Library, args: argparse.Namespace) -> int:
    pieces = library.pieces(status=args.status, tag=args.tag, collection=args.collection, sort=args.sort)
    if args.json:
        _print_json([p.to_json() for p in pieces])
        return 0
    for p in pieces:
        when = p.updated.strftime("%Y-%m-%d") if p.updated else "          "
        line = f"{p.status:<8} {p.words:>7} {when}  {p.title}  [{p.relpath}]"
        if p.problem:
            line += f"  ! {p.problem}"
        print(line)
    if not pieces:
        print(f"No pieces in {library.root}.", file=sys.stderr)
    return 0


def cmd_search(library: Library, args: argparse.Namespace) -> int:
    hits = library.search(" ".join(args.query), limit=args.limit)
    if args.json:
        _print_json([h.to_json() for h in hits])
        return 0
    for hit in hits:
        print(f"{hit.piece.title}  [{hit.piece.relpath}]")
        if hit.snippet:
            print(f"    {hit.snippet}")
    if not hits:
        print("Nothing found.", file=sys.stderr)
    return 0


def _hand_to_running_quill(library: Library, command: str, piece: Piece) -> Piece | str | None:
    """Let the Quill open on this library do ``command`` (it may hold unsaved edits of the piece).

    Returns the piece as it is afterwards, an error message, or None when no Quill is running.
    """
    from quill.instance import ask_running_quill

    reply = ask_running_quill(library.root, {"command": command, "path": str(piece.path)})
    if reply is None:
        return None
    if not reply.get("ok"):
        return str(reply.get("message") or f"Quill could not {command} {piece.title}.")
    library.scan()
    return library.piece(Path(str(reply.get("path") or piece.path))) or piece


def cmd_finish(library: Library, args: argparse.Namespace) -> int:
    piece = library.resolve(args.piece)
    if piece.status == "finished":
        return _report(piece, f"Already finished: {piece.title} ({piece.finished or 'no date'})", args.json)
    return _change_status(library, piece, "finish", args.json)


def cmd_reopen(library: Library, args: argparse.Namespace) -> int:
    piece = library.resolve(args.piece)
    if piece.status != "finished":
        return _report(piece, f"Already a draft: {piece.title}", args.json)
    return _change_status(library, piece, "reopen", args.json)


def _change_status(library: Library, piece: Piece, command: str, as_json: bool) -> int:
    """Finish or reopen ``piece``: by the open Quill when one runs (it may hold unsaved edits), else here."""
    handed = _hand_to_running_quill(library, command, piece)
    if isinstance(handed, str):
        print(f"quill: {handed}", file=sys.stderr)
        return 1
    where = " in the open Quill" if handed is not None else ""
    done = handed if handed is not None else (library.finish if command == "finish" else library.reopen)(piece.path)
    if handed is None and library.last_warning:
        print(f"quill: {library.last_warning}", file=sys.stderr)
    if command == "finish":
        return _report(done, f"Finished{where}: {done.title} ({done.finished})", as_json)
    return _report(done, f"Reopened as a draft{where}: {done.title}", as_json)


def _report(piece: Piece, message: str, as_json: bool) -> int:
    if as_json:
        _print_json(piece.to_json())
    else:
        print(message)
    return 0


def backlog_line(piece: Piece) -> str:
    """``- Month YYYY: [Title](url)``, or the bare title without a url."""
    day = piece.finished or (piece.updated.date() if piece.updated else None)
    when = f"{MONTHS[day.month - 1]} {day.year}: " if day else ""
    title = piece.title.replace("[", "\\[").replace("]", "\\]")
    return f"- {when}[{title}]({piece.url})" if piece.url else f"- {when}{piece.title}"


def cmd_backlog(library: Library, args: argparse.Namespace) -> int:
    pieces = library.backlog(since=args.since)
    if args.json:
        _print_json([p.to_json() for p in pieces])
        return 0
    for piece in pieces:
        print(backlog_line(piece))
    return 0


def cmd_history(library: Library, args: argparse.Namespace) -> int:
    piece = library.resolve(args.piece)
    versions = library.versions(piece.path)
    if args.json:
        _print_json([v.to_json() for v in versions])
        return 0
    print(f"{piece.title}  [{piece.relpath}]  now {plural(piece.words, 'word')}")
    for v in versions:
        print(f"  {v.id}  {v.taken:%Y-%m-%d %H:%M}  {v.reason:<14} {v.words:>7} words")
    if not versions:
        print("  No versions yet.")
    return 0


def cmd_conflicts(library: Library, args: argparse.Namespace) -> int:
    """Exit 0 either way: having conflicts is not a failure, and scripts read ``--json``."""
    found = library.conflicts()
    rows = []
    for piece_path, copies in found.items():
        piece = library.piece(piece_path)
        rows.append({
            "piece": str(piece_path),
            "relpath": piece.relpath if piece else piece_path.relative_to(library.root).as_posix(),
            "title": piece.title if piece else piece_path.stem,
            "copies": [c.to_json(library.root) for c in copies],
        })
    if args.json:
        _print_json(rows)
        return 0
    if not rows:
        print("No conflicts: every piece has one version.")
        return 0
    for row, copies in zip(rows, found.values(), strict=True):
        count = len(copies)
        print(f"{row['title']}  [{row['relpath']}]  {count} version{'s' if count != 1 else ''} from other devices")
        for copy in copies:
            print(f"  {copy.to_json(library.root)['relpath']}  ({copy.label()})")
    print("Open the piece in Quill and choose \"Compare versions from other devices…\" to settle it.")
    return 0


COMMANDS = {
    "new": cmd_new, "list": cmd_list, "search": cmd_search, "finish": cmd_finish,
    "reopen": cmd_reopen, "backlog": cmd_backlog, "history": cmd_history,
    "conflicts": cmd_conflicts,
}
