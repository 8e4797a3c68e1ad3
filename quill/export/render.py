"""Markdown → HTML with mistune 3, in three flavours.

* ``document`` — the standalone HTML file: classes and ids for its embedded CSS.
* ``clipboard`` — what newsletter and blog editors accept on paste: semantic tags only, no
  classes, no inline styles; footnotes as a numbered list with back-links; no front matter.
* ``preview`` — Qt's rich-text engine (QTextBrowser, QTextDocument → PDF), which needs anchors
  as ``<a name>``, code and quotes inside one-cell tables to get padding and a bar, and never
  fetches anything: only images with a relative path are left as images, every other image
  becomes its alt text with its address.

Raw HTML in a piece is always escaped (mistune ``escape=True``) and harmful URL schemes
(``javascript:``, ``vbscript:``, ``file:``, non-image ``data:``) are neutralised, in every flavour.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any, Literal

import mistune
from mistune.plugins.footnotes import parse_ref_footnote
from mistune.util import striptags, unikey

from quill.export.frontmatter import FrontMatter, split_front_matter
from quill.export.styles import PAPER, Typography, browser_css
from quill.export.typography import smarten
from quill.markup import pandoc
from quill.markup.commonmark_fixes import headings_end_quotes

Flavour = Literal["document", "clipboard", "preview"]


#: an HTML comment: a writer's private note to self, never part of what is exported (one printed in
#: a PDF or a published page was found on a review)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)


def without_comments(raw: str) -> str:
    """``raw`` HTML with its comments taken out (an unclosed one runs to the end, as browsers read it)."""
    return _COMMENT.sub("", raw) if "<!--" in raw else raw


def _list_unreferenced_notes(md: mistune.Markdown, result: Any, state: Any) -> Any:
    """Notes the text never cites follow the cited ones, so no export drops their words."""
    defined = state.env.get("ref_footnotes") or {}
    cited = state.env.get("footnotes") or []
    extra = [key for key in defined if key not in cited]
    if isinstance(md.renderer, QuillRenderer):
        md.renderer.uncited = frozenset(extra)  # no link back to a mark that is not there
    if extra:
        state.env["footnotes"] = [*cited, *extra]
    return result


def keep_unreferenced_notes(md: mistune.Markdown) -> None:
    """A definition whose ``[^key]`` is not (yet) in the text is still the writer's words.

    mistune, like pandoc, prints only the notes the text cites; a writer who drafts a note
    before placing its mark lost it from HTML, PDF and plain text. Runs before mistune's
    footnote hook, so it must come after "footnotes" in :data:`PLUGINS`.
    """
    hooks = md.after_render_hooks
    at = next((i for i, h in enumerate(hooks) if getattr(h, "__name__", "") == "md_footnotes_hook"), len(hooks))
    hooks.insert(at, _list_unreferenced_notes)


def _ref_footnote_kept_when_repeated(block: Any, m: Any, state: Any) -> int:
    """A note defined again under a key already defined is kept under a key no mark can cite, so
    :func:`keep_unreferenced_notes` lists it: mistune kept only the first, dropping the words of
    the second from every export (a writer who numbers notes by hand repeats a number easily)."""
    ref = state.env.get("ref_footnotes") or {}
    key = unikey(m.group("footnote_key"))
    if key not in ref:
        return parse_ref_footnote(block, m, state)
    number = 2
    while f"{key}\x00{number}" in ref:
        number += 1
    ref[f"{key}\x00{number}"] = m.group("footnote_text")
    state.env["ref_footnotes"] = ref
    return m.end()


def keep_repeated_notes(md: mistune.Markdown) -> None:
    """Every definition of a repeated note key is exported (after "footnotes" in :data:`PLUGINS`)."""
    md.block.register("ref_footnote", None, _ref_footnote_kept_when_repeated)


PLUGINS = ("footnotes", keep_repeated_notes, keep_unreferenced_notes, "table", "strikethrough", "task_lists", "url",
           "def_list", headings_end_quotes)
BACK = "\u21a9\ufe0e"  # ↩ as text, not an emoji
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_SLUG_DROP = re.compile(r"[^\w\- ]+")
_FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:")
_FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")


def is_local_reference(url: str) -> bool:
    """A relative path (``pics/a.png``): the only kind of image the preview may load."""
    url = url.strip()
    return bool(url) and not url.startswith(("//", "\\\\")) and not _SCHEME.match(url)


class QuillRenderer(mistune.HTMLRenderer):
    NAME = "html"

    def __init__(self, flavour: Flavour = "document", image_exists: Callable[[str], bool] | None = None,
                 smart: bool = False) -> None:
        super().__init__(escape=True)
        self.flavour = flavour
        self.image_exists = image_exists  # preview: a local image that is not there shows its alt text
        self.smart = smart  # printer's quotes and dashes in prose (never in code)
        self.uncited: frozenset[str] = frozenset()  # notes defined but never cited (no back link)
        self._refs: dict[str, int] = {}
        self._slugs: dict[str, int] = {}
        self._last = " "

    def __call__(self, tokens: Any, state: Any) -> str:
        self._refs, self._slugs = {}, {}
        self._last = " "
        return super().__call__(tokens, state)

    def text(self, text: str) -> str:
        if self.smart and text:
            text = smarten(text, self._last)
        if text:
            self._last = text[-1]
        return super().text(text)

    def paragraph(self, text: str) -> str:
        self._last = " "
        if self.flavour == "document":
            # Each paragraph runs the way its first letter does, as on the page, in the preview and
            # the PDF: a browser ran a Hebrew or Arabic one left to right (a review).
            return f'<p dir="auto">{text}</p>\n'
        return super().paragraph(text)

    def list_item(self, text: str) -> str:
        return f'<li dir="auto">{text}</li>\n' if self.flavour == "document" else super().list_item(text)

    # -- inline -------------------------------------------------------------------------------
    def image(self, text: str, url: str, title: str | None = None) -> str:
        alt = striptags(text)
        if self.flavour == "preview" and not (
                is_local_reference(url) and (self.image_exists is None or self.image_exists(url))):
            label = f"Image: {alt} ({url})" if alt else f"Image ({url})"
            return '<span class="missing-image">[' + html.escape(label) + "]</span>"
        attrs: dict[str, object] = {"src": self.sanitize_url(url), "alt": alt}
        if title:
            attrs["title"] = title
        return "<img" + self.render_attrs(attrs) + " />"

    def strikethrough(self, text: str) -> str:
        return ("<s>" if self.flavour == "preview" else "<del>") + text + (
            "</s>" if self.flavour == "preview" else "</del>")

    def footnote_ref(self, key: str, index: int) -> str:
        i = str(index)
        seen = self._refs.get(i, 0) + 1
        self._refs[i] = seen
        ref_id = f"fnref-{i}" if seen == 1 else f"fnref-{i}-{seen}"
        if self.flavour == "preview":
            return f'<sup><a name="{ref_id}"></a><a href="#fn-{i}">{i}</a></sup>'
        if self.flavour == "clipboard":
            return f'<sup id="{ref_id}"><a href="#fn-{i}">{i}</a></sup>'
        return f'<sup class="footnote-ref" id="{ref_id}"><a href="#fn-{i}" role="doc-noteref">{i}</a></sup>'

    # -- blocks -------------------------------------------------------------------------------
    def heading(self, text: str, level: int, **attrs: Any) -> str:
        tag = f"h{level}"
        if self.flavour == "document":
            return f'<{tag} id="{self._slug(text)}" dir="auto">{text}</{tag}>\n'
        if self.flavour == "preview":
            return f'<{tag}><a name="{self._slug(text)}"></a>{text}</{tag}>\n'
        return f"<{tag}>{text}</{tag}>\n"

    def _slug(self, text: str) -> str:
        plain = html.unescape(striptags(text)).strip().lower()
        slug = re.sub(r"[\s_]+", "-", _SLUG_DROP.sub("", plain)).strip("-") or "section"
        count = self._slugs.get(slug, 0)
        self._slugs[slug] = count + 1
        return slug if count == 0 else f"{slug}-{count}"

    def block_html(self, html_text: str) -> str:
        kept = without_comments(html_text)
        return super().block_html(kept) if kept.strip() else ""

    def inline_html(self, html_text: str) -> str:
        kept = without_comments(html_text)
        return super().inline_html(kept) if kept else ""

    def block_code(self, code: str, info: str | None = None) -> str:
        escaped = html.escape(code, quote=False)
        if self.flavour == "preview":
            return ('<table class="codeblock" width="100%" cellspacing="0" cellpadding="12"><tr><td class="code">'
                    f"<pre>{escaped.rstrip()}</pre></td></tr></table>\n")
        lang = (info or "").strip().split(None, 1)[0] if (info or "").strip() else ""
        if self.flavour == "document" and lang:
            return f'<pre><code class="language-{html.escape(lang)}">{escaped}</code></pre>\n'
        return f"<pre><code>{escaped}</code></pre>\n"

    def block_quote(self, text: str) -> str:
        if self.flavour == "preview":
            return ('<table class="quote" width="100%" cellspacing="0" cellpadding="0">'
                    '<tr><td class="quote-bar" width="3"></td>'
                    f'<td class="quote" style="padding-left: 18px">{text}</td></tr></table>\n')
        return "<blockquote>\n" + text + "</blockquote>\n"

    def block_error(self, text: str) -> str:
        return "<pre><code>" + html.escape(text, quote=False) + "</code></pre>\n"

    def list(self, text: str, ordered: bool, **attrs: Any) -> str:
        if ordered:
            start = attrs.get("start")
            last = (start or 1) + text.count("<li") - 1
            if self.flavour == "preview" and last >= 100:
                # Qt's list indent is 40 px, too narrow for "1986.": the preview cut it to "986." at
                # its left edge (a review); two indents hold four digits.
                return ("<ol" + self.render_attrs({"start": start}) + ' style="-qt-list-indent: 2">\n' + text
                        + "</ol>\n")
            return "<ol" + self.render_attrs({"start": start}) + ">\n" + text + "</ol>\n"
        if self.flavour != "clipboard" and text.startswith(("<li>☐", "<li>☑", '<li class="task-list-item">')):
            style = ' style="list-style-type: none"' if self.flavour == "preview" else ' class="task-list"'
            return f"<ul{style}>\n{text}</ul>\n"
        return "<ul>\n" + text + "</ul>\n"

    def task_list_item(self, text: str, checked: bool = False) -> str:
        if self.flavour == "document":
            box = '<input type="checkbox" disabled' + (" checked" if checked else "") + " /> "
            return f'<li class="task-list-item">{box}{text}</li>\n'
        return f"<li>{'☑' if checked else '☐'} {text}</li>\n"

    # -- tables -------------------------------------------------------------------------------
    def table(self, text: str) -> str:
        if self.flavour == "preview":
            return f'<table class="data" width="100%" cellspacing="0" cellpadding="6">\n{text}</table>\n'
        return f"<table>\n{text}</table>\n"

    def table_head(self, text: str) -> str:
        return f"<thead>\n<tr>\n{text}</tr>\n</thead>\n"

    def table_body(self, text: str) -> str:
        return f"<tbody>\n{text}</tbody>\n"

    def table_row(self, text: str) -> str:
        return f"<tr>\n{text}</tr>\n"

    def table_cell(self, text: str, align: str | None = None, head: bool = False) -> str:
        tag = "th" if head else "td"
        if align and self.flavour == "document":
            return f'  <{tag} style="text-align:{align}">{text}</{tag}>\n'
        if align and self.flavour == "preview":
            return f'  <{tag} align="{align}">{text}</{tag}>\n'
        if head and self.flavour == "preview":
            return f'  <{tag} align="left">{text}</{tag}>\n'
        return f"  <{tag}>{text}</{tag}>\n"

    # -- footnotes ----------------------------------------------------------------------------
    def footnotes(self, text: str) -> str:
        if self.flavour == "document":
            return f'<section class="footnotes" role="doc-endnotes">\n<hr />\n<ol>\n{text}</ol>\n</section>\n'
        if self.flavour == "preview":
            return f'<hr />\n<ol class="footnotes">\n{text}</ol>\n'
        return f"<hr />\n<ol>\n{text}</ol>\n"

    def footnote_item(self, text: str, key: str, index: int) -> str:
        i = str(index)
        if self.flavour == "document":
            back = (f'<a href="#fnref-{i}" class="footnote-back" role="doc-backlink" '
                    f'aria-label="Back to the text">{BACK}</a>')
            opening = f'<li id="fn-{i}" role="doc-endnote">'
        elif self.flavour == "clipboard":
            back = f'<a href="#fnref-{i}">{BACK}</a>'
            opening = f'<li id="fn-{i}">'
        else:
            back = f'<a href="#fnref-{i}">\u21a9</a>'
            opening = f'<li class="footnotes"><a name="fn-{i}"></a>'
        text = text.rstrip()
        if key in self.uncited:
            return opening + text + "</li>\n"
        text = text[:-4] + " " + back + "</p>" if text.endswith("</p>") else text + " " + back
        return opening + text + "</li>\n"


def markdown_parser(flavour: Flavour = "document", image_exists: Callable[[str], bool] | None = None,
                    smart: bool = False) -> mistune.Markdown:
    return mistune.create_markdown(renderer=QuillRenderer(flavour, image_exists, smart), plugins=list(PLUGINS))


def render_fragment(markdown_text: str, flavour: Flavour = "document",
                    image_exists: Callable[[str], bool] | None = None, smart: bool = False) -> str:
    """The HTML of a markdown body (no front matter handling: pass the body)."""
    return str(markdown_parser(flavour, image_exists, smart)(pandoc.blank(markdown_text)))  # divs are markup


# -- the clipboard -------------------------------------------------------------------------------
def with_footnote_definitions(selection: str, whole: str) -> str:
    """A selection that cites ``[^n]`` keeps its notes even when their definitions were not selected."""
    cited = dict.fromkeys(_FOOTNOTE_REF.findall(selection))
    if not cited:
        return selection
    present = {m.group(1) for line in selection.splitlines() if (m := _FOOTNOTE_DEF.match(line))}
    missing = [key for key in cited if key not in present]
    if not missing:
        return selection
    definitions = footnote_definitions(whole)
    extra = [definitions[key] for key in missing if key in definitions]
    return selection.rstrip("\n") + "\n\n" + "\n".join(extra) if extra else selection


def footnote_definitions(text: str) -> dict[str, str]:
    """``key`` → the definition block as written (first line plus its indented continuation)."""
    found: dict[str, str] = {}
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        match = _FOOTNOTE_DEF.match(lines[index])
        if not match:
            index += 1
            continue
        block = [lines[index]]
        index += 1
        while index < len(lines) and (lines[index].startswith(("    ", "\t")) or (
                not lines[index].strip() and index + 1 < len(lines) and lines[index + 1].startswith(("    ", "\t")))):
            block.append(lines[index])
            index += 1
        found.setdefault(match.group(1), "\n".join(block) + "\n")
    return found


def clipboard_html(markdown_text: str, smart: bool = True) -> str:
    """HTML for the clipboard: front matter dropped, semantic tags only, printer's quotes (``smart``)."""
    body = split_front_matter(markdown_text).body
    return '<meta charset="utf-8">' + render_fragment(body, "clipboard", smart=smart)


# -- the standalone document ---------------------------------------------------------------------
def first_heading(html_fragment: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html_fragment, re.S)
    return html.unescape(striptags(match.group(1))).strip() if match else ""


def with_title_block(fm: FrontMatter, fragment: str, flavour: Flavour = "document") -> str:
    """Title, subtitle and byline from front matter around the text's start.

    A piece that opens with its own ``# Title`` keeps it, and the subtitle and byline go
    right under it; otherwise the front matter's title leads.
    """
    title, subtitle = fm.get("title"), fm.get("subtitle") or fm.get("description")
    byline = " · ".join(part for part in (fm.get("author"), fm.get("date")) if part)
    if not (title or byline or subtitle):
        return fragment
    under = []
    if subtitle:
        under.append(f'<p class="subtitle">{html.escape(subtitle)}</p>')
    if byline:
        under.append(f'<p class="byline">{html.escape(byline)}</p>')
    stripped = fragment.lstrip()
    if stripped.startswith("<h1"):
        end = stripped.index("</h1>") + len("</h1>")
        head, rest = stripped[:end], stripped[end:].lstrip("\n")
    elif title:
        head, rest = f'<h1 class="title">{html.escape(title)}</h1>', fragment
    else:
        head, rest = "", fragment
    block = "\n".join([head, *under]) if head else "\n".join(under)
    if flavour == "preview":
        return block + "\n" + rest
    return '<header class="title-block">\n' + block + "\n</header>\n" + rest


def standalone_html(markdown_text: str, typography: Typography = PAPER, *, fallback_title: str = "",
                    generator: str = "Quill", smart: bool = True) -> str:
    """One self-contained HTML file: embedded CSS, title and metadata from the front matter;
    printer's quotes and dashes unless ``smart`` is off."""
    fm = split_front_matter(markdown_text)
    fragment = render_fragment(fm.body, "document", smart=smart)
    title = fm.get("title") or first_heading(fragment) or fallback_title or "Untitled"
    meta = [f'<meta name="generator" content="{html.escape(generator)}">']
    for key, name in (("author", "author"), ("description", "description"), ("subtitle", "description"),
                      ("tags", "keywords"), ("keywords", "keywords"), ("date", "date")):
        value = fm.get(key)
        if value and f'name="{name}"' not in "".join(meta):
            meta.append(f'<meta name="{name}" content="{html.escape(value)}">')
    lang = html.escape(fm.get("lang") or fm.get("language") or "en")
    heads = "\n".join(meta)
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
{heads}
<style>
{browser_css(typography)}</style>
</head>
<body>
<article>
{with_title_block(fm, fragment)}</article>
</body>
</html>
"""


def preview_html(markdown_text: str, image_exists: Callable[[str], bool] | None = None,
                 smart: bool = True) -> str:
    """The body HTML the preview (and the PDF) shows: a title block from front matter, then the text,
    with printer's quotes and dashes as the PDF will have them (unless ``smart`` is off)."""
    fm = split_front_matter(markdown_text)
    return with_title_block(fm, render_fragment(fm.body, "preview", image_exists, smart), "preview")
