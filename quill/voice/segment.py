"""A project-owned sentence segmenter: rule-based, O(n), deterministic.

Why our own: pySBD is accurate but slow and unmaintained, Qt's UAX #29 breaks after
"Mr.". This follows VOICE-METRICS Appendix A (terminator runs followed by whitespace,
with abbreviation, initial, decimal, ellipsis and quote rules) plus the Quill rules of §4:
``?"``/``!"`` before a lowercase speech tag does not end a sentence, ``...`` before
lowercase is non-terminal, and inline enumerations ("1) … 2) …") split before the marker.
One regex finds candidate boundaries; a few dictionary look-ups decide each one.
"""

from __future__ import annotations

import re
import unicodedata

#: Titles and the like: never end a sentence before a capitalised name.
TITLES = frozenset(
    [
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "ft", "gen", "col", "lt", "sgt", "capt",
        "cmdr", "adm", "gov", "sen", "rep", "rev", "hon", "pres", "supt", "messrs", "mme", "mlle", "fr",
        "sra", "srta"
    ]
)
#: Abbreviations that may end a sentence; they split only before a typical sentence opener.
ABBREVIATIONS = frozenset(
    [
        "etc", "pt", "pts", "inc", "ltd", "co", "corp", "no", "nos", "fig", "figs", "eq", "eqs", "al", "vs", "jan",
        "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "e.g", "i.e", "cf",
        "approx", "dept", "est", "vol", "vols", "pp", "p", "ed", "eds", "op", "ca", "n°", "nr", "ch",
        "sec", "art", "para", "viz", "e.u", "u.s", "u.s.a", "u.k", "a.m", "p.m", "b.c", "a.d", "ph.d",
        "incl", "esp", "approx", "min", "max", "govt", "misc", "tel", "avg", "dept", "univ", "assn", "bros",
        "jr", "sr", "vs", "wt", "ht", "temp", "tbsp", "tsp", "oz", "lb", "lbs", "ft", "yr", "yrs", "mo",
        "mos", "hr", "hrs", "cont", "ref", "refs", "abbr", "ave", "blvd", "rd", "ibid", "resp", "cca"
    ]
)
#: Abbreviations that are also everyday words ("No.", "Art.", "Min."): an abbreviation only
#: before a number ("No. 5", "Art. 12"); anywhere else the period ends the sentence, so a
#: writer's "No. Never. Not once." is three sentences.
_WORD_ABBREVIATIONS = frozenset(["no", "art", "sec", "min", "max", "temp", "mar", "est", "ed", "op", "para",
                                 "cont", "ref"])
#: Abbreviations that stand before a number ("p. 55", "Pt. 1", "No. 5"): never a boundary there.
_BEFORE_NUMBERS = frozenset(["no", "nos", "n°", "p", "pp", "pt", "pts", "vol", "fig", "figs", "ch", "sec", "art", "eq"])

#: Words that typically open a sentence (after an abbreviation they signal a boundary).
STARTERS = frozenset(
    [
        "a", "being", "did", "for", "he", "how", "however", "i", "in", "it", "millions", "more", "she",
        "that", "the", "there", "they", "we", "what", "when", "where", "who", "why", "you", "this",
        "these", "those", "but", "and", "so", "if", "my", "our", "his", "her", "its", "their", "then",
        "yet"
    ]
)

#: Speech tags: '"Is this your seat?" Christopher asked.' is one sentence.
SPEECH_VERBS = frozenset(
    [
        "said", "says", "asked", "asks", "replied", "replies", "answered", "whispered", "shouted",
        "cried", "called", "added", "continued", "muttered", "murmured", "yelled", "screamed",
        "laughed", "sighed", "snapped", "exclaimed", "wondered", "demanded", "insisted"
    ]
)

#: Capitalised words after ``?"`` that open a new sentence rather than a speech tag: a speech
#: tag after a question is lowercase ("she asked") unless it starts with a name or "I".
_NOT_SPEAKERS = frozenset(["he", "she", "it", "we", "you", "they", "nobody", "everybody", "somebody",
                           "someone", "everyone", "no", "none", "nothing", "this", "that", "there"])

#: "?" and "!" however typed: "‼", "⁉" and the Arabic question mark "؟" end a sentence as "!!",
#: "!?" and "?" do (typography never decides a count).
_QE = "?!‼⁇⁈⁉؟"
QUESTION_AND_EXCLAMATION = _QE  # for the habits, which end a run of words where a sentence could end
#: closing quotes, guillemets included ("«Viens.» Il est venu." is two sentences; in French
#: typography a space may stand before the closing guillemet: "« Non ! » Puis")
_CLOSE = "\"'”’ʼ»›"
_OPEN = "\"'“‘([«‹„"
OPENING_MARKS = _OPEN  # for the habits: what may open a quoted or bracketed phrase, however it is typed
#: terminators that need no space or capital after them: CJK, the Devanagari danda, the Urdu full stop
_ALWAYS = "。！？।॥۔"
#: pictographs, dingbats and flags: "Shipped it 🚀 The team cheered." is two sentences
_EMOJI = "\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF"
#: one emoji or a run of them, each with its variation selector, keycap, tags, skin tone, and joined parts
_EMOJI_RUN = rf"(?:[{_EMOJI}][\uFE0E\uFE0F\u20E3\U000E0020-\U000E007F]*(?:\u200D[{_EMOJI}][\uFE0E\uFE0F]*)*)+"
_CANDIDATE = re.compile(
    rf"[.…{_QE}](?:[ ]?[.…{_QE}])*[{_CLOSE})\]]*(?:[ \u00a0\u202f]»)?(?=\s|$)|[{_ALWAYS}]+[”’」』）)»]*"
)
#: looked for only in paragraphs with an emoji in them: one more alternative in the rule above
#: made splitting all text twice as slow
_EMOJI_CANDIDATE = re.compile(rf"{_EMOJI_RUN}(?=\s)")
_EMOJI_START = re.compile(f"[{_EMOJI}]")
_EMOJI_PART = re.compile(f"[{_EMOJI}\uFE0E\uFE0F\u20E3\u200D\U000E0020-\U000E007F]")
_ENUM_HEAD = re.compile(r"\s*(?:[•⁃]\s*)?(?:\d{1,3}\.\)?|\d{1,3}\)|[a-z]\.)\s")
_ENUM_NEXT = re.compile(
    r"(?<=\s)(?<![•⁃]\s)(?:[•⁃]\s*\d{1,3}\.|⁃\d{1,3}\.|\d{1,3}\.\)?|\d{1,3}\)|[b-z]\.)(?=\s+\S)"
)
_SPACED_ELLIPSIS = re.compile(r"\.(?: \.){2,}")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` in ``text``, whitespace trimmed, in order."""
    spans: list[tuple[int, int]] = []
    n = len(text)
    start = 0
    while start < n and text[start].isspace():
        start += 1
    if start >= n:
        return spans
    enum = _ENUM_HEAD.match(text) is not None
    cuts = _boundaries(text, enum)
    if enum:
        cuts = sorted(set(cuts) | _enumeration_cuts(text))
    for cut, nxt in _pairs(cuts, text):
        if cut > start:
            spans.append((start, cut))
        start = nxt
    end = n
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
    return _words_in_each(spans, text)


def _words_in_each(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """A span with no letter or digit in it ("🎉" after "What a day.") is not a sentence of its
    own: it joins the one before it (or, first, the one after), or the mirror counted a
    sentence of no words, a fragment the writer never wrote."""
    if len(spans) < 2:
        return spans
    for s, e in spans:  # (most sentences start with a letter: no search for those)
        if not text[s].isalnum() and not _has_word(text, s, e):
            break
    else:
        return spans
    merged: list[tuple[int, int]] = []
    carried: int | None = None  # the start of wordless spans at the front, waiting for a sentence
    for s, e in spans:
        if _has_word(text, s, e):
            merged.append((carried if carried is not None else s, e))
            carried = None
        elif merged:
            merged[-1] = (merged[-1][0], e)
        elif carried is None:
            carried = s
    if carried is not None:  # nothing but wordless spans
        return spans
    return merged


_WORD_CHARACTER = re.compile(r"[^\W_]")  # a letter or a digit, in any script


def _has_word(text: str, start: int, end: int) -> bool:
    return _WORD_CHARACTER.search(text, start, end) is not None


def _pairs(cuts: list[int], text: str):
    n = len(text)
    for cut in cuts:
        end = cut
        while end > 0 and text[end - 1].isspace():
            end -= 1
        nxt = cut
        while nxt < n and text[nxt].isspace():
            nxt += 1
        yield end, nxt


def _enumeration_cuts(text: str) -> set[int]:
    """A paragraph that starts with a list marker splits before each further marker."""
    return {m.start() for m in _ENUM_NEXT.finditer(text) if m.start() > 0}


def _boundaries(text: str, enum: bool = False) -> list[int]:
    cuts = _cuts(_CANDIDATE, text, enum)
    if not text.isascii() and _EMOJI_START.search(text) is not None:  # (isascii: C speed, most prose)
        cuts = sorted(set(cuts).union(_cuts(_EMOJI_CANDIDATE, text, enum, _decide_emoji)))
    return cuts


def _cuts(candidates: re.Pattern[str], text: str, enum: bool, decide=None) -> list[int]:  # noqa: ANN001
    decide = decide or _decide
    cuts: list[int] = []
    n = len(text)
    for m in candidates.finditer(text):
        end = m.end()
        j = end
        while j < n and text[j].isspace():
            j += 1
        if j >= n:
            break
        mark = m.group()
        cut = decide(text, m.start(), end, j, mark, enum)
        if cut is not None:
            cuts.append(cut)
    return cuts


def _prev_token(text: str, pos: int) -> str:
    i = pos
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    return text[i:pos]


def _next_word(text: str, j: int) -> str:
    k = j
    n = len(text)
    while k < n and k - j < 40 and (text[k].isalpha() or text[k] in "'’"):
        k += 1
    return text[j:k]


def _decide_emoji(text: str, mstart: int, mend: int, j: int, mark: str, enum: bool) -> int | None:  # noqa: ARG001
    """An emoji standing where the full stop would ("Shipped it 🚀 The team cheered") ends the
    sentence right after a word and before a typical sentence opener. Anywhere else it is part
    of the sentence ("I ❤️ New York", "Great. 🎉 Then" where the full stop already ended it)."""
    k = j
    while text[k] in _OPEN and k + 1 < len(text):
        k += 1
    if text[k].islower():
        return None
    last = mstart
    while last > 0 and (text[last - 1].isspace() or _EMOJI_PART.match(text[last - 1])):
        last -= 1  # "We won 🎉 🎉 Then": the word before the emoji, past the ones before it
    while last > 0 and unicodedata.category(text[last - 1]).startswith("M"):
        last -= 1  # a decomposed "été" ends in a combining accent, after its letter
    if not last or not text[last - 1].isalnum():
        return None
    following = _next_word(text, k)
    return mend if following[:1].isupper() and following.lower() in STARTERS else None


def _decide(text: str, mstart: int, mend: int, j: int, mark: str, enum: bool) -> int | None:
    """Return the cut offset if the candidate at [mstart, mend) ends a sentence, else None.

    The rules, in the order they are tried:

    - CJK full-width terminators always end a sentence.
    - ``?`` or ``!`` before a lowercase word continues ('"Great!" she said'), and so does
      ``?"``/``!"`` before a speech tag with a name or "I" ('"Why?" Christopher asked'); a
      capitalised pronoun or "Nobody" after the quote opens a new sentence.
    - An ellipsis before a lowercase word or before "I" trails off without ending.
    - A full stop after a title ("Dr.") never ends a sentence. After an abbreviation that is
      also an everyday word ("No.", "Art.") it ends one unless a number follows ("No. 5").
      After other abbreviations ("etc.", "e.g.", "U.S.") it ends one only before a typical
      sentence opener.
    - A single letter is an initial ("J. R. Smith") unless it is "I" (the pronoun or a
      numeral, "I. Am. Done.") or a typical sentence opener follows ("Plan B. It worked.",
      "vitamin C. My cold"); a letter followed by another initial stays an initial.
    - After any other word, or after a blanked URL or footnote reference, a full stop ends
      the sentence, even before a lowercase word ("eBay rose.", a writer who writes in
      lowercase). Only a closing quote or bracket before a lowercase word keeps it going
      ('"That's great." she said').
    """
    nc = text[j]
    opener = nc
    k = j
    while opener in _OPEN and k + 1 < len(text):
        k += 1
        opener = text[k]
    lower = opener.islower()
    if mark[0] in _ALWAYS:
        return mend  # CJK full-width terminators (and the danda) need no space and no capital
    if mark[0] in _QE:
        if lower:
            return None
        if mark[-1] in _CLOSE and _speech_tag(text, k):
            return None
        return mend
    core = mark.rstrip(_CLOSE + ")] \u00a0\u202f")
    if core != ".":
        if core[0] in _QE:
            return None if lower else mend
        if mstart > 0 and text[mstart - 1] == "[":
            return None
        if lower:
            return None  # "... well": a trailing-off, not an end
        dots = core.replace(" ", "")
        if len(dots) <= 3 and _next_word(text, k) == "I":
            return None  # "... I didn't mean it": a trailing-off, not an end
        spaced = core.startswith(". .") and _SPACED_ELLIPSIS.fullmatch(core) is not None
        if spaced and mstart > 0 and not text[mstart - 1].isspace():
            return mstart + 1  # "compounds. . . . The": the period ends it, ". . ." opens the next
        return mend
    if mstart > 0 and text[mstart - 1] == "[":
        return None
    if lower and core != mark:
        return None  # 'great." she said': a closing quote or bracket before a speech tag
    prev = _prev_token(text, mstart)
    word = prev.lstrip(_OPEN).lower()
    if word in TITLES:
        return None
    if word in _WORD_ABBREVIATIONS:
        return None if (opener.isdigit() or lower) else mend
    if word in ABBREVIATIONS or _dotted_abbreviation(word):
        if lower or (opener.isdigit() and word in _BEFORE_NUMBERS):
            return None
        nxt = _next_word(text, k).lower().split("'")[0].split("’")[0]
        if nxt in STARTERS:
            return mend
        if prev.replace(".", "").isupper() and nxt in TITLES:
            return mend
        return None
    if len(word) == 1 and word.isalpha():
        if lower or not prev.lstrip(_OPEN).isupper() or _initial_at(text, k):
            return None  # "J. R. Smith", "a. The first item": initials and lettered points
        if _next_word(text, k).lower() in STARTERS:
            return mend  # "you and I. Did you", "Plan B. It worked."
        if word == "i" and not _capitalised_before(text, mstart - len(prev)):
            return mend  # "I. Am. Done." (but "Albert I. Jones" is a name)
        return None  # an initial: "Jonas E. Smith"
    if _is_list_marker(text, mstart, prev, enum):
        return None
    return mend


def _dotted_abbreviation(word: str) -> bool:
    """"e.g", "u.s.a", "ph.d": short letter groups joined by dots (but not "example.com")."""
    parts = word.split(".")
    return len(word) > 2 and len(parts) > 1 and all(0 < len(p) <= 3 and p.isalpha() for p in parts)


def _capitalised_before(text: str, pos: int) -> bool:
    """Is the word ending just before ``pos`` (across spaces of any kind: "Albert\u00a0I. Jones" is
    the name "Albert I. Jones") capitalised, as a name is?"""
    i = pos
    while i > 0 and text[i - 1].isspace():
        i -= 1
    token = _prev_token(text, i)
    return bool(token) and token[0].isupper() and token[-1] not in ".…:;" + _QE + _CLOSE + _ALWAYS


def _initial_at(text: str, k: int) -> bool:
    """Does a single capital letter and a full stop ("R.") start at ``k``?"""
    # "I..." is a word and an ellipsis, not an initial: read as one, "I. I..." was one sentence where
    # "I. I…" was two (a 2,000-example random run of the typography property)
    return k + 1 < len(text) and text[k].isupper() and text[k + 1] == "." and (
        k + 2 >= len(text) or not (text[k + 2].isalpha() or text[k + 2] == "."))


def _is_list_marker(text: str, mstart: int, prev: str, enum: bool) -> bool:
    """'1.' or 'a.' opening the text (or any marker in an enumerating paragraph) is no sentence."""
    start = mstart - len(prev)
    token = prev.lstrip("•⁃")
    marker = (token.isdigit() and len(token) <= 3) or (len(token) == 1 and token.isalpha())
    return marker and (enum or text[:start].strip(" •⁃") == "")


def _speech_tag(text: str, k: int) -> bool:
    """Is the text at ``k`` a speech tag ("Christopher asked", "said Mary")?"""
    first = _next_word(text, k)
    if first.lower() in _NOT_SPEAKERS:
        return False  # '"Why?" Nobody answered.', '"Why?" She left.': a new sentence
    if first.lower() in SPEECH_VERBS:
        return True
    rest = k + len(first)
    if rest < len(text) and text[rest] == " ":
        return _next_word(text, rest + 1).lower() in SPEECH_VERBS
    return False
