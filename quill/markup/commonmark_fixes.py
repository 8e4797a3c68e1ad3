"""Where mistune (3.x) departs from CommonMark in ways a writer sees, mended as a mistune plugin.

A block quote ends at a line that starts another block: CommonMark lets only paragraph text
continue a quote lazily (without its ``>``). mistune knows this for rules, fences, lists and HTML,
but not for an ATX heading, so ``> a quote`` followed by ``# Heading`` printed the heading inside
the quote in the preview and every export, and the outline nested it there, while the editor
(and every CommonMark tool: pandoc, GitHub, Hugo) shows it as the next section's heading.
"""

from __future__ import annotations

from typing import Any

#: The rules mistune's block-quote reader tries on a line without ``>`` (mistune/block_parser.py,
#: ``extract_block_quote``); any of them ends the quote.
_QUOTE_BREAKS = ("blank_line", "thematic_break", "fenced_code", "list", "block_html")


def headings_end_quotes(md: Any) -> None:
    """A mistune plugin: an ATX heading ends a block quote, as in CommonMark.

    mistune compiles the quote's breaking rules from a list it names in place; the block parser of
    this one Markdown instance adds the heading rule to that list when it is compiled. If a later
    mistune names other rules there, the list is left alone (and the tests say so)."""
    block = md.block
    compile_sc = block.compile_sc

    def with_headings(rules: list[str] | None = None) -> Any:
        if rules is not None and tuple(rules) == _QUOTE_BREAKS:
            rules = [*rules, "atx_heading"]
        return compile_sc(rules)

    block.compile_sc = with_headings
