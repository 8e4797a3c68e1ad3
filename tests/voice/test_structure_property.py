"""Headings, labels, footnotes, tables, formulas and code never become sentences of the prose.

Hypothesis builds documents from the writer's prose and every kind of block Quill leaves out,
written with marker words that never occur in the prose; no measured sentence may hold a
marker word, and the prose's own words are all measured. Pandoc's inline notes (``^[…]``)
and display formulas (``$$ … $$``) were measured as sentences of the body before the fix, and
inline math (``$x$``) as words of its sentence; prices (``$20 and $30``) are prose.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from quill.voice import analyze
from quill.voice.words import WORD

MARKERS = ("zebra", "quokka", "ibex")
PROSE = st.lists(st.sampled_from(["We swam in the river.", "It was cold.", "No.", "Then we left, laughing.",
                                  "I don't know why, e.g. the light.", "Dr. Ames waved.", "It cost 3.5 francs!",
                                  "Why?!", "“Stop.” She did.", "It cost $20 and $30.", "Between $5-$10 each.",
                                  "Pay $5 now, or later."]), min_size=1, max_size=4).map(" ".join)
LEFT_OUT = st.sampled_from([
    "# zebra quokka",
    "## zebra quokka ##",
    "Zebra quokka\n============",
    "Zebra quokka\n---",
    "- zebra\n- quokka ibex",
    "1. zebra\n2. quokka",
    "- [ ] zebra quokka\n- [x] ibex",
    "[^1]: Zebra quokka ibex. Zebra again.\n    Quokka on the next line.",
    "[^note]: Zebra quokka.",
    "| zebra | quokka |\n|---|---|\n| ibex | zebra |",
    "zebra | quokka\n--|--\nibex | zebra",
    "```\nzebra quokka. Ibex.\n```",
    "~~~python\nzebra = quokka\n~~~",
    "    zebra quokka ibex.",
    "> Zebra quokka. Ibex zebra.",
    "$$\nzebra = quokka + ibex\n$$",
    "<div>zebra quokka</div>",
    "<!-- zebra quokka -->",
])
INLINE = st.sampled_from(["", "[^1]", "^[Zebra quokka, an inline note.]", " ^[zebra]", " $zebra = quokka^2$",
                          " $\\frac{ibex}{zebra}$"])


@given(st.lists(st.tuples(PROSE, INLINE, LEFT_OUT), min_size=1, max_size=8))
@settings(max_examples=80, deadline=None, derandomize=True)
def test_left_out_blocks_never_become_sentences(parts: list[tuple[str, str, str]]) -> None:
    doc = "\n\n".join(f"{prose}{note}\n\n{block}" for prose, note, block in parts) + "\n"
    rep = analyze(doc)
    measured = [doc[s:e].lower() for s, e in rep.sentence_spans]
    assert not [s for s in measured if any(m in s for m in MARKERS)]
    assert rep.words == sum(len(WORD.findall(prose)) for prose, _, _ in parts)
    assert rep.words + sum(rep.left_out.values()) == rep.all_words


def test_inline_math_is_left_out_of_its_sentence_and_prices_are_not() -> None:
    """Pandoc's inline math (``$a$``) was measured as words of the sentence around it."""
    rep = analyze("Let $a$ and $b$ be the sides, $c = \\sqrt{a^2 + b^2}$ the rest. It cost $20 and $30 then.\n")
    assert rep.sentence_lengths == (7, 6)  # "Let and be the sides, the rest." / "It cost 20 and 30 then."
    assert rep.left_out == {"code": 8}  # a; b; c, sqrt, a, 2, b, 2


def test_an_inline_note_and_a_formula_are_not_sentences() -> None:
    rep = analyze("We swam all night.^[A long inline note of seven words.] Then we slept.\n\n$$\nx = y + z\n$$\n")
    assert rep.sentence_lengths == (4, 3)
    assert rep.left_out == {"footnotes": 7, "code": 3}


TERMS = st.sampled_from(["Zebra", "Quokka ibex", "The zebra's quokka, ibex"])
DEFINITION_MARKER = st.sampled_from([":", " :", "  :", "   :"]).flatmap(
    lambda mark: st.sampled_from([" ", "   ", "\t"]).map(lambda gap: mark + gap))


#: the writer's prose beyond ASCII: an emoji, decomposed accents, Hebrew, a line separator
WIDE_PROSE = st.one_of(PROSE, st.sampled_from(["We danced 🎉 all night.", "The e\u0301te\u0301 came late.",
                                               "שלום עליכם, she said.", "One line\u2028and the next."]))


@given(st.lists(st.tuples(TERMS, st.lists(st.tuples(DEFINITION_MARKER, WIDE_PROSE, st.booleans()), min_size=1,
                                          max_size=3),
                          st.booleans()), min_size=1, max_size=5),
       st.sampled_from(["\n", "\r\n"]))
@settings(max_examples=80, deadline=None, derandomize=True)
def test_a_definition_list_reads_its_definitions_as_prose_and_its_terms_as_labels(
        entries: list[tuple[str, list[tuple[str, str, bool]], bool]], newline: str) -> None:
    """Pandoc's ``Term`` / ``: definition``: each definition was joined to its term as one sentence
    ("Apple : A red fruit"), the marker counted as the writer's colon, and a term above a blank
    line read as a one-word fragment."""
    blocks, definitions = [], []
    for term, defs, loose in entries:
        lines = [term] + ([""] if loose else [])
        for marker, prose, wraps in defs:
            first, _, rest = prose.partition(" ")
            lines.append(marker + first)
            if rest and wraps:  # a definition carried on over an indented line (two spaces or four)
                lines.append(("    " if len(first) % 2 else "  ") + rest)
            elif rest:
                lines[-1] += " " + rest
            definitions.append(prose)
        blocks.append(newline.join(lines))
    doc = (newline * 2).join(blocks) + newline
    rep = analyze(doc)
    measured = [doc[s:e] for s, e in rep.sentence_spans]
    assert not [s for s in measured if any(m in s.lower() for m in MARKERS)]
    assert rep.words == sum(len(WORD.findall(d)) for d in definitions)
    assert rep.left_out == {"list labels": sum(len(WORD.findall(t)) for t, _, _ in entries)}
    # every measured word is one of the definitions', in order, at its place in the file
    assert [w for s in measured for w in WORD.findall(s)] == [w for d in definitions for w in WORD.findall(d)]
    assert rep.punctuation["colon"] == sum(d.count(":") for d in definitions)


def test_a_definition_list_by_example() -> None:
    doc = ("Apple\n: A red fruit that grows on trees\n\nPear\n\n:   Green; sweeter.\n\n"
           "Ibex\n: A wild goat.\n: Also a *word* for\n  climbing, in my notes.\n")
    rep = analyze(doc)
    assert [doc[s:e] for s, e in rep.sentence_spans] == ["A red fruit that grows on trees", "Green; sweeter.",
                                                         "A wild goat.", "Also a *word* for\n  climbing, in my notes."]
    assert rep.left_out == {"list labels": 3}
    assert rep.punctuation["colon"] == 0 and rep.punctuation["semicolon"] == 1


def test_a_line_starting_with_a_tilde_is_prose_not_a_definition() -> None:
    """Pandoc also takes ``~`` as a definition's marker; the exports (mistune) do not, and under a
    line of prose "~ 50 people came" is prose: read as a definition, the line above it was dropped."""
    rep = analyze("We counted the crowd at noon.\n~ 50 people came, maybe more.\n")
    assert rep.words == 11 and not rep.left_out


LIST_MARKER = st.sampled_from(["- ", "* ", "+ ", "1. ", "10. ", "3) ", "-   "])


@given(st.lists(st.tuples(LIST_MARKER, WIDE_PROSE, st.lists(st.tuples(st.integers(0, 3), WIDE_PROSE), max_size=3),
                          st.booleans()), min_size=1, max_size=4),
       st.sampled_from(["\n", "\r\n"]))
@settings(max_examples=80, deadline=None, derandomize=True)
def test_a_list_items_later_paragraphs_are_prose_and_code_indented_past_them_is_not(
        items: list[tuple[str, str, list[tuple[int, str]], bool]], newline: str) -> None:
    """A list item's (or a definition's) second paragraph, indented under the item's text as
    CommonMark and pandoc write it ("1. A step.", a blank line, "    More about it."), was read
    as an indented code block: a writer of loose lists had whole paragraphs left out as code.
    Indented four further than the item's text, it is code in the item; after plain prose,
    an indented block is code as before."""
    blocks, prose_parts = [], []
    for marker, first, later, code_after in items:
        width = len(marker)
        lines = [marker + first]
        prose_parts.append(first)
        for extra, paragraph in later:
            lines += ["", " " * (width + extra) + paragraph]
            prose_parts.append(paragraph)
        if code_after:  # code nested in the item: four columns past its text
            lines += ["", " " * (width + 4) + "zebra = quokka(ibex)"]
        blocks.append(newline.join(lines))
    doc = (newline * 2).join(blocks) + (newline * 2) + "After the list." + (newline * 2) + "    quokka = ibex" + newline
    prose_parts.append("After the list.")
    rep = analyze(doc)
    measured = [doc[s:e] for s, e in rep.sentence_spans]
    assert not [s for s in measured if any(m in s.lower() for m in MARKERS)]
    assert [w for s in measured for w in WORD.findall(s)] == [w for p in prose_parts for w in WORD.findall(p)]


def test_a_definitions_second_paragraph_is_prose() -> None:
    doc = "Term\n\n:   The first paragraph of it.\n\n    Its second paragraph, indented as pandoc writes it.\n"
    rep = analyze(doc)
    assert [doc[s:e] for s, e in rep.sentence_spans] == [
        "The first paragraph of it.", "Its second paragraph, indented as pandoc writes it."]
    assert rep.left_out == {"list labels": 1}


_ITEM_MARK = st.sampled_from(["- ", "* ", "1. ", "10. ", "3) ", "-   ", "- \t", "-     ", "  - "])
_ITEM_INDENT = st.sampled_from(["", " ", "  ", "   ", "    ", "     ", "      ", "        ", "\t", "\t\t", " \t",
                                "  \t", "\t  "])


def _mistune_paragraph_words(nodes) -> list[str]:  # noqa: ANN001
    out: list[str] = []
    for node in nodes or []:
        kind = node.get("type") if isinstance(node, dict) else None
        if kind in ("paragraph", "block_text"):
            out += WORD.findall(_mistune_text(node.get("children")))
        elif kind in ("list", "list_item"):
            out += _mistune_paragraph_words(node.get("children"))
    return out


def _mistune_text(children) -> str:  # noqa: ANN001
    return "".join(c.get("raw", "") if c.get("type") == "text" else " " if c.get("type") in ("softbreak", "linebreak")
                   else _mistune_text(c.get("children")) for c in children or [])


@given(st.lists(st.tuples(_ITEM_MARK, PROSE, st.lists(st.tuples(_ITEM_INDENT, WIDE_PROSE), max_size=3)),
                min_size=1, max_size=4))
@settings(max_examples=150, deadline=None, derandomize=True)
def test_a_lists_paragraphs_are_read_as_commonmark_reads_the_whole_document(
        items: list[tuple[str, str, list[tuple[str, str]]]]) -> None:
    """Each indented block is read by the voice apart (a chunk of its own), with the open item's
    indent taken off; what is prose and what is code must still be what a CommonMark parser
    reading the whole document says: the item's paragraph, a paragraph that ends the list, or
    code nested in the item (tabs straddling the item's column, five spaces after a marker)."""
    import mistune

    doc = "\n\n".join("\n\n".join([mark + first] + [indent + prose for indent, prose in later])
                      for mark, first, later in items) + "\n"
    want = _mistune_paragraph_words(mistune.create_markdown(renderer=None)(doc))
    rep = analyze(doc)
    assert [w for s, e in rep.sentence_spans for w in WORD.findall(doc[s:e])] == want
