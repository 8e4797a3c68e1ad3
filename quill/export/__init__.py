"""Preview, export and copy: markdown → HTML, plain text, clean markdown and PDF.

Everything here except :mod:`quill.export.pdf` is pure Python (mistune); the PDF path imports
Qt only when it runs, so ``quill export --to html`` never pays for it.
"""

# Names are looked up on first use (PEP 562), so importing one light module of the package
# (``quill.export.frontmatter``) does not load mistune: the window starts without it.
_WHERE = {
    "FrontMatter": "frontmatter", "split_front_matter": "frontmatter",
    "clipboard_html": "render", "render_fragment": "render", "standalone_html": "render",
    "PAPER": "styles", "Typography": "styles",
    "clean_markdown": "text", "plain_text": "text",
}


def __getattr__(name: str) -> object:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)


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
