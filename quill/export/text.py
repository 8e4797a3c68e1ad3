"""Plain text (markup removed, footnotes kept as text) and clean markdown, from a piece.

Plain text is for the places that take no formatting at all (a form field, a plain e-mail):
one line per paragraph so the receiving program wraps it, headings on their own lines, list
bullets and numbers kept, links written out as ``text (address)``, footnote marks as ``[1]``
with the notes listed under a short rule at the end.
"""

from __future__ import annotations

import html
from typing import Any

import mistune

from quill.export.frontmatter import split_front_matter
from quill.export.render import PLUGINS, without_comments
from quill.markup import pandoc

Token = dict[str, Any]


def clean_markdown(text: str, *, keep_front_matter: bool = False) -> str:
    """The piece as markdown, with its front matter removed (or kept), ending in one newline."""
    fm = split_front_matter(text)
    body = fm.body.replace("\r\n", "\n").replace("\r", "\n")
    body = body.lstrip("\n").rstrip() + "\n" if body.strip() else ""
    if keep_front_matter and fm.block:
        block = fm.block.replace("\r\n", "\n").replace("\r", "\n")
        return block + ("\n" + body if body else "")
    return body


def plain_text(text: str) -> str:
    """The piece with markup removed. Front matter is dropped; a title in it leads the text."""
    fm = split_front_matter(text)
    tokens = mistune.create_markdown(renderer=None, plugins=list(PLUGINS))(pandoc.blank(fm.body))
    writer = _PlainWriter()
    blocks = writer.blocks(tokens, 0)
    title = fm.get("title")
    first = next((t for t in tokens if t.get("type") != "blank_line"), None)  # the body starts after a blank line
    if title and not (first is not None and first.get("type") == "heading"):
        blocks.insert(0, title)
    out = "\n\n".join(block for block in blocks if block.strip())
    if writer.notes:
        notes = [f"[{index}] {body}" for index, body in writer.notes]
        out += "\n\n" + "———\n" + "\n".join(notes)
    return out.rstrip() + "\n" if out.strip() else ""


class _PlainWriter:
    def __init__(self) -> None:
        self.notes: list[tuple[int, str]] = []

    # -- blocks -------------------------------------------------------------------------------
    def blocks(self, tokens: list[Token], indent: int) -> list[str]:
        out: list[str] = []
        for token in tokens:
            kind = token["type"]
            if kind in ("paragraph", "block_text", "heading"):
                out.append(self.inline(token.get("children", [])).strip())
            elif kind == "block_code":
                out.append(token.get("raw", "").rstrip("\n"))
            elif kind == "block_quote":
                inner = "\n\n".join(self.blocks(token.get("children", []), 0))
                out.append("\n".join(("    " + line) if line else "" for line in inner.splitlines()))
            elif kind == "list":
                out.append(self.list(token))
            elif kind == "table":
                out.append(self.table(token))
            elif kind == "def_list":
                out.append(self.definitions(token))
            elif kind == "thematic_break":
                out.append("* * *")
            elif kind == "block_html":
                out.append(without_comments(token.get("raw", "")).strip())
            elif kind == "footnotes":
                for item in token.get("children", []):
                    body = " ".join(b.replace("\n", " ") for b in self.blocks(item.get("children", []), 0))
                    self.notes.append((item.get("attrs", {}).get("index", len(self.notes) + 1), body.strip()))
            elif "children" in token:
                out.extend(self.blocks(token["children"], indent))
        return out

    def list(self, token: Token) -> str:
        attrs = token.get("attrs", {})
        ordered = attrs.get("ordered", False)
        number = int(attrs.get("start") or 1)
        tight = token.get("tight", True)
        lines: list[str] = []
        for item in token.get("children", []):
            if ordered:
                marker = f"{number}. "
                number += 1
            else:
                marker = "- "
            if item["type"] == "task_list_item":
                marker += "[x] " if item.get("attrs", {}).get("checked") else "[ ] "
            parts = self.blocks(item.get("children", []), 0)
            body = ("\n" if tight else "\n\n").join(parts)
            pad = " " * len(marker if not marker.endswith("] ") else marker[:-4])
            item_lines = body.splitlines() or [""]
            lines.append(marker + item_lines[0])
            lines.extend((pad + line) if line else "" for line in item_lines[1:])
            if not tight:
                lines.append("")
        return "\n".join(lines).rstrip("\n")

    def definitions(self, token: Token) -> str:
        """A pandoc definition list: each term on its own line, its definitions indented under it."""
        lines: list[str] = []
        for part in token.get("children", []):
            if part["type"] == "def_list_head":
                if lines:
                    lines.append("")
                lines.append(self.inline(part.get("children", [])).strip())
            else:
                body = "\n\n".join(b for b in self.blocks(part.get("children", []), 0) if b.strip())
                lines.extend(("    " + line) if line else "" for line in body.splitlines())
        return "\n".join(lines)

    def table(self, token: Token) -> str:
        rows: list[list[str]] = []
        for part in token.get("children", []):
            if part["type"] == "table_head":
                rows.append([self.inline(cell.get("children", [])).strip() for cell in part.get("children", [])])
            else:
                for row in part.get("children", []):
                    rows.append([self.inline(cell.get("children", [])).strip() for cell in row.get("children", [])])
        if not rows:
            return ""
        widths = [max(len(row[i]) if i < len(row) else 0 for row in rows) for i in range(max(map(len, rows)))]
        lines = ["   ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]
        lines.insert(1, "   ".join("-" * w for w in widths))
        return "\n".join(lines)

    # -- inline -------------------------------------------------------------------------------
    def inline(self, tokens: list[Token]) -> str:
        out: list[str] = []
        for token in tokens:
            kind = token["type"]
            if kind in ("text", "codespan", "inline_html"):
                raw = token.get("raw", "")
                out.append(html.unescape(raw) if kind == "text" else without_comments(raw) if kind == "inline_html"
                           else raw)
            elif kind == "softbreak":
                out.append(" ")
            elif kind == "linebreak":
                out.append("\n")
            elif kind == "link":
                label = self.inline(token.get("children", []))
                url = token.get("attrs", {}).get("url", "")
                out.append(label if url in (label, f"mailto:{label}") or not url else f"{label} ({url})")
            elif kind == "image":
                alt = self.inline(token.get("children", []))
                url = token.get("attrs", {}).get("url", "")
                out.append(f"[Image: {alt} ({url})]" if alt else f"[Image ({url})]")
            elif kind == "footnote_ref":
                out.append(f"[{token.get('attrs', {}).get('index', '?')}]")
            elif "children" in token:
                out.append(self.inline(token["children"]))
            elif "raw" in token:
                out.append(token["raw"])
        return "".join(out)
