"""Cheap text measures the editor needs on every pause: word counts and sentence bounds.

These are deliberately simple and fast (they run on the GUI thread for one paragraph
at a time); the voice engine in ``quill.voice`` does the careful analysis.
"""

from __future__ import annotations

import re

from quill.graphemes import EXTEND_RUN
from quill.lazypattern import LazyPattern
from quill.markup.frontmatter import body_start

#: Han ideographs (with extensions and compatibility forms), Hiragana, Katakana (with the
#: half-width and phonetic-extension forms) and the iteration marks: scripts written without
#: spaces, where each character counts as a word, as most writing tools count them.
CJK_CHARS = (
    "\u3005\u3007\u303b\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9d\U00020000-\U0003134f"
)

#: A word: letters or digits with their combining marks (Hindi's vowel signs, an NFD accent),
#: joined by inner hyphens or apostrophes ("won't", "well-known"); or one Han or Kana character
#: (Chinese and Japanese put no spaces between words, and counting each character is what
#: writers there expect and most tools do). The one definition every word
#: count uses: the editor, the session counters and the library (:mod:`quill.library.words`).
_WORD_PART = f"[^\\W_{CJK_CHARS}]+(?:{EXTEND_RUN}[^\\W_{CJK_CHARS}]*)*"
#: Compiled on first use: ~9 ms of the regex compiler that the first window need not wait for.
WORD_RE = LazyPattern(f"[{CJK_CHARS}]|{_WORD_PART}(?:[-'’]{_WORD_PART})*")
#: The same rule for text that is all ASCII (most paragraphs of most writers), where it reads
#: letters and digits joined by inner hyphens or apostrophes: no CJK, no combining marks, no ’.
ASCII_WORD_RE = re.compile(r"[A-Za-z0-9]+(?:['-][A-Za-z0-9]+)*")

_SENTENCE_END = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s|$)""")


#: Markup that is not the writer's words: link and image targets, footnote markers and reference
#: definitions' addresses, HTML tags. An address the writer shows (a bare or <autolinked> URL)
#: is one word, as a reader sees it.
_NOT_WORDS = re.compile(
    r"\]\([^()\s]{0,2000}(?:\s+\"[^\"\n]{0,200}\")?\)"  # ](target "title")
    r"|\[\^[^\]\s]{1,100}\]:?"  # [^1] and [^1]:
    r"|^ {0,3}(\[[^\]\n]{1,200}\]):[ \t]*\S+"  # [ref]: https://…
    r"|</?[A-Za-z][^<>\n]{0,300}>",  # <div class="x">, </span>
    re.M,
)
_URL = re.compile(r"<?(?:https?://|ftp://|www\.|mailto:)[^\s<>]*>?")


def strip_markup(text: str) -> str:
    """``text`` with the markup that holds no words of the writer's blanked (same length)."""
    if "](" in text or "[^" in text or "]:" in text or "<" in text:
        text = _NOT_WORDS.sub(lambda m: (m.group(1) or "") + " " * (len(m.group()) - len(m.group(1) or "")), text)
    if "://" in text or "www." in text or "mailto:" in text:
        text = _URL.sub(lambda m: "url" + " " * (len(m.group()) - 3) if len(m.group()) >= 3 else m.group(), text)
    return text


def count_words(text: str) -> int:
    """Words as the writer sees them: the one definition for the status line, the library,
    goals, statistics and export (markup syntax and link targets are not words)."""
    text = strip_markup(text)
    return len((ASCII_WORD_RE if text.isascii() else WORD_RE).findall(text))


_SPACE = re.compile(r"\s")
_LINE_BREAK = re.compile(r"[\n\r\u2028\u2029]")


def count_characters(text: str) -> tuple[int, int]:
    """``(with spaces, without spaces)`` as writers count characters: line breaks are neither.

    Code points, so an emoji is one character; regex counts run at C speed (a 200,000-word
    book in a few milliseconds)."""
    return len(text) - len(_LINE_BREAK.findall(text)), len(text) - len(_SPACE.findall(text))


def count_body_words(text: str) -> int:
    """Words of a piece: its body, without front matter (:mod:`quill.markup.frontmatter`, the rule the
    editor and the exports use) or markup syntax."""
    return count_words(text[body_start(text):])


def sentence_bounds(paragraph: str, offset: int) -> tuple[int, int]:
    """The [start, end) of the sentence containing ``offset`` in one paragraph.

    Good enough for dimming in focus mode: ends are ., !, ? or … followed by space.
    """
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        end = match.end()
        if end >= offset:
            return start, end
        start = end
        while start < len(paragraph) and paragraph[start].isspace():
            start += 1
    return start, len(paragraph)


def headings(text: str) -> list[tuple[int, str, int]]:
    """The piece's outline: its headings as the renderer reads them (ATX and setext, outside code,
    quotes, lists and front matter) as (level, title, character offset). See :mod:`quill.export.outline`."""
    from quill.export.outline import outline  # mistune: on first use, off the startup path

    return [(h.level, h.title, h.offset) for h in outline(text) if not h.nested and h.title]


def draft_title(text: str, max_words: int = 8) -> str:
    """A file name for an untitled draft: its first heading, else its first words."""
    found = headings(text)
    if found:
        candidate = found[0][1]
    else:
        candidate = next((line for line in text.split("\n") if line.strip() and line.strip() != "---"), "")
    words = WORD_RE.findall(candidate)[:max_words]
    return " ".join(words)


#: silent reading speed used for "N min read" (words per minute; Brysbaert 2019 puts adults near 238)
READING_WPM = 238


def reading_minutes(words: int) -> int:
    return max(1, round(words / READING_WPM)) if words else 0


def front_matter_value(text: str, key: str) -> str | None:
    """The value of ``key`` (any case) in the text's front matter, YAML or TOML, as text; None when
    there is none. Read by the library's one front-matter reader: a line scanner of its own here
    missed TOML (a Hugo post's window showed its file name, not its ``title``)."""
    if not text.startswith(("---", "+++", "\ufeff")):
        return None
    start = body_start(text[:20000])
    if not start:
        return None
    from quill.library.frontmatter import parse  # only for a piece with front matter

    wanted = key.casefold()
    for name, value in parse(text[:start]).as_dict().items():
        if name.casefold() == wanted and value is not None and not isinstance(value, dict | list):
            shown = value.isoformat() if hasattr(value, "isoformat") else str(value)
            return shown.strip() or None
    return None


def word_target(text: str) -> int | None:
    """The piece's own word target (front matter ``target: 1500`` or ``target: 1,500 words``)."""
    value = front_matter_value(text, "target")
    digits = re.sub(r"[^0-9]", "", value.split()[0]) if value else ""
    return int(digits) if digits and 0 < int(digits) < 10_000_000 else None
