"""``quill export PIECE --to html|md|txt|pdf [-o OUT]``: a finished piece leaves Quill as a file.

Never overwrites an existing file unless ``--force`` is given (and says so plainly when it
refuses); every file is written atomically. Only ``--to pdf`` loads Qt.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Sequence
from pathlib import Path

from quill.export.frontmatter import split_front_matter
from quill.export.render import standalone_html
from quill.export.text import clean_markdown, plain_text

FORMATS = {"html": ".html", "md": ".md", "txt": ".txt", "pdf": ".pdf"}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"quill export: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="quill export", description="Write a piece as HTML, clean markdown, plain text or PDF.")
    parser.add_argument("piece", help="the markdown file (or a piece's name in the library)")
    parser.add_argument("--to", required=True, choices=sorted(FORMATS), help="the format to write")
    parser.add_argument("--as-typed", action="store_true",
                        help="keep straight quotes and -- as typed in HTML and PDF (printer's quotes and dashes "
                             "are the default there; markdown and text are always as typed)")
    parser.add_argument("-o", "--output", metavar="OUT",
                        help="where to write (default: the current folder, the piece's name, new extension; "
                             "'-' for stdout)")
    parser.add_argument("--keep-front-matter", action="store_true", help="md: keep the front matter block")
    parser.add_argument("--page-size", choices=["A4", "Letter"], default="A4", type=_page_size,
                        help="pdf: paper size (default A4)")
    parser.add_argument("--margins", type=float, default=20.0, metavar="MM",
                        help="pdf: page margins in mm (default 20)")
    parser.add_argument("--force", action="store_true", help="replace OUT if it exists")
    return parser


def _page_size(value: str) -> str:
    for name in ("A4", "Letter"):
        if value.lower() == name.lower():
            return name
    return value


def default_output(piece: Path, fmt: str) -> Path:
    """In the current folder, named after the piece: an export never lands inside the library,
    where it would become a piece of its own."""
    if fmt == "md":
        return Path.cwd() / f"{piece.stem} (clean).md"
    return Path.cwd() / (piece.stem + FORMATS[fmt])


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["export"]:
        args_list = args_list[1:]
    args = build_parser().parse_args(args_list)
    if not 5 <= args.margins <= 60:
        print("quill export: --margins must be between 5 and 60 mm.", file=sys.stderr)
        return 2

    from quill.library.lookup import NoSuchPiece, find_piece
    from quill.storage.atomic import SaveError, atomic_write_bytes
    from quill.storage.textfile import UnreadableFile, load_text

    try:
        piece = find_piece(args.piece)
    except NoSuchPiece as exc:
        print(f"quill export: {exc}", file=sys.stderr)
        return 1
    try:
        text = load_text(piece).text
    except UnreadableFile as exc:
        reason = str(exc) if piece.exists() else f"There is no piece at {piece}."
        print(f"quill export: {reason}", file=sys.stderr)
        return 1

    to_stdout = args.output == "-"
    if to_stdout and args.to == "pdf":
        print("quill export: a PDF cannot go to the terminal; give a file name with -o.", file=sys.stderr)
        return 2
    out = None if to_stdout else Path(args.output).expanduser() if args.output else default_output(piece, args.to)
    if out is not None:
        if out.is_dir():
            out = out / default_output(piece, args.to).name
        if out.resolve() == piece.resolve():
            print(f"quill export: {out} is the piece itself; Quill will not replace it with an export. "
                  "Choose another name with -o.", file=sys.stderr)
            return 1
        if out.exists() and not args.force:
            print(f"quill export: {out} already exists and was left untouched. "
                  "Add --force to replace it, or choose another name with -o.", file=sys.stderr)
            return 1

    fm = split_front_matter(text)
    if args.to == "pdf":
        from quill.export.pdf import PdfTooLong, page_count, render_pdf

        try:
            data = render_pdf(text, page_size=args.page_size, margins_mm=args.margins,
                              title=fm.title(piece.stem), author=fm.get("author"), base_dir=piece.parent,
                              smart=not args.as_typed)
        except PdfTooLong as exc:
            print(f"quill export: {exc}", file=sys.stderr)
            return 1
        pages = page_count(data)
        summary = f"{pages} page{'s' if pages != 1 else ''}, {args.page_size}"
    else:
        if args.to == "html":
            body = standalone_html(text, fallback_title=piece.stem, smart=not args.as_typed)
        elif args.to == "md":
            body = clean_markdown(text, keep_front_matter=args.keep_front_matter)
        else:
            body = plain_text(text)
        if to_stdout:
            sys.stdout.write(body)
            return 0
        data = body.encode("utf-8")
        summary = f"{len(data):,} bytes"
    assert out is not None
    replaced = out.exists()
    kept = None
    if replaced:
        try:
            kept = keep_replaced(out, data)
        except (OSError, ValueError) as exc:
            print(f"quill export: Quill could not keep the words of {out} before replacing it ({exc}), "
                  "so it left that file alone.", file=sys.stderr)
            return 1
    try:
        atomic_write_bytes(out, data)
    except SaveError as exc:
        print(f"quill export: {exc} Nothing was written.", file=sys.stderr)
        return 1
    note = f" The earlier {out.name} is kept {kept}." if kept else ""
    print(f"{'Replaced' if replaced else 'Wrote'} {out} ({summary}).{note}")
    return 0


def keep_replaced(out: Path, data: bytes) -> str | None:
    """``--force`` is the command line's "Replace it", and like the window's it keeps the words it
    replaces: a library piece's as a version, any other text file's as a byte-for-byte copy in
    Quill's data folder. Returns where, in words, or None when there was nothing to keep (an
    earlier HTML or PDF export, the same bytes). Raises OSError when they could not be kept."""
    import datetime as _dt

    from quill.paths import app_dirs, default_library_dir
    from quill.storage.replaced import keep_copy, worth_keeping

    if not worth_keeping(out, data):
        return None
    root = default_library_dir()
    if root.is_dir():
        from quill.library import Library, LibraryError

        with Library(root) as library, contextlib.suppress(LibraryError, UnicodeDecodeError):
            if library.keep_before_replacing(out) is not None:
                return "among its versions (quill history)"
    return f"as {keep_copy(out, app_dirs().data / 'replaced', _dt.datetime.now())}"
