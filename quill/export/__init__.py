"""Preview, export and copy: markdown → HTML, plain text, clean markdown and PDF.

Everything here except :mod:`quill.export.pdf` is pure Python (mistune); the PDF path imports
Qt only when it runs, so ``quill export --to html`` never pays for it.
"""

from quill.export.frontmatter import FrontMatter, split_front_matter
from quill.export.render import clipboard_html, render_fragment, standalone_html
from quill.export.styles import PAPER, Typography
from quill.export.text import clean_markdown, plain_text

__all__ = [
    "PAPER",
    "FrontMatter",
    "Typography",
    "clean_markdown",
    "clipboard_html",
    "plain_text",
    "render_fragment",
    "split_front_matter",
    "standalone_html",
]
