"""Pandoc's extensions to markdown, recognised so they read as markup rather than as words.

Converted archives are full of them: fenced divs (``:::: {.footnote}`` … ``::::``), attribute
blocks (``{#footnote-1 .footnote-number}``, ``{=html}``), and raw ``<div>`` wrappers on lines of
their own. CommonMark knows none of these: a fence line would be a paragraph of colons, an
attribute block words, and a ``<div>`` line would swallow the markdown after it as raw HTML.

:func:`blank` replaces them by spaces of the same length (so every offset into the writer's
text stays valid, which the voice engine and the highlighter rely on), leaving fenced code
alone. Backslash escapes (``I\\'ve``) need nothing here: mistune reads them, and dashes of any
typography (`` -- ``, `` --- ``) are counted as dashes by the voice engine.
"""

from __future__ import annotations

import re

#: A fenced div's opening or closing line: three or more colons, then maybe a class or attributes.
FENCED_DIV = re.compile(r"^ {0,3}:{3,}(?:[ \t]*(?:\{[^{}\n]*\}|[\w-]+))?[ \t]*:*[ \t]*$")
#: A raw div or section wrapper alone on its line, as pandoc writes them: the opening tag with attributes
#: (``<div class="footnote">``), or a closing tag. A bare ``<div>`` stays what CommonMark says it is, the
#: start of an HTML block.
DIV_TAG = re.compile(r"^ {0,3}(?:<(?:div|section)\s[^<>\n]*|</(?:div|section)\s*)>[ \t]*$", re.IGNORECASE)
#: A definition of a definition list (``Term`` on the line above, or above a blank line): ``:``
#: indented up to three spaces, then whitespace, then the definition. Exactly what mistune's
#: ``def_list`` (the exports) reads, so the page, the voice and the exports agree; pandoc's other
#: marker, ``~``, is left out with it: "~ 50 people came" under a line of prose is prose.
DEFINITION = re.compile(r" {0,3}:[ \t]+(?=\S)")
#: The same, anywhere in a text (at the start of any line).
DEFINITION_ANYWHERE = re.compile(r"^ {0,3}:[ \t]+\S", re.M)
#: An attribute block: ``{#id}``, ``{.class}``, ``{#id .class key="value"}``, ``{=html}``.
ATTRIBUTES = re.compile(r"\{[ \t]*[#.=][^{}\n]*\}")
#: a code span (left as it is), a bracketed span ``[words]{.smallcaps}`` (its brackets are markup too,
#: or "[words]" was printed with its brackets), or an attribute block
_CODE_SPAN_OR_ATTR = re.compile(
    r"(`+)[^`\n]*?\1|(?<![!\]])\[(?!\^)([^\[\]\n]*)\](?=\{[ \t]*[#.=])|\{[ \t]*[#.=][^{}\n]*\}"
)
_CODE_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")

#: Cheap test first: text with none of these characters holds no pandoc markup.
_TRIGGERS = (":::", "{", "<div", "</div", "<DIV", "</DIV", "<section", "</section")


def has_markup(text: str) -> bool:
    return any(t in text for t in _TRIGGERS)


def blank(text: str) -> str:
    """``text`` with pandoc's fenced divs, attribute blocks and div wrappers turned to spaces.

    Same length, same line breaks. Lines inside fenced code are never touched.
    """
    if not has_markup(text):
        return text
    lines = text.split("\n")
    fence: str | None = None
    for i, line in enumerate(lines):
        opened = _CODE_FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence) \
                    and not line[opened.end():].strip():
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            continue
        body = line.rstrip("\r")
        if FENCED_DIV.match(body) or DIV_TAG.match(body):
            lines[i] = " " * len(body) + line[len(body):]
        elif "{" in line:
            lines[i] = _CODE_SPAN_OR_ATTR.sub(_blank_markup, line)
    return "\n".join(lines)


def _blank_markup(m: re.Match[str]) -> str:
    if m.group(1):
        return m.group()  # code is the writer's text as written
    if m.group(2) is not None:
        return f" {m.group(2)} "  # a bracketed span: its words stay, its brackets go
    return " " * len(m.group())
