"""Habits: tell words and phrases, and the constructions that mark LLM house style.

Why a shipped lexicon plus a few regexes: the strongest cheap signals in the research
(VOICE-METRICS §2.8) are lexical (", highlighting …", "a testament to", "delve") and they
must be explainable, so each hit is reported with its span for the UI to underline.
The word lists come from ``resources/voice/tells.json`` (built by
``packaging/tools/build_voice_data.py`` with attribution). All patterns are bounded: no nested
quantifiers, so no input can make them backtrack catastrophically.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from quill.graphemes import EXTEND
from quill.resources import resource_path
from quill.voice.segment import OPENING_MARKS, QUESTION_AND_EXCLAMATION


@dataclass(frozen=True, slots=True)
class Lexicon:
    words: frozenset[str]
    phrases: re.Pattern[str] | None
    register: frozenset[str]


@cache
def lexicon() -> Lexicon:
    """The shipped tell lexicon; empty lists if the data file is missing (never an exception)."""
    try:
        data = json.loads(resource_path("voice", "tells.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    phrases = sorted({p.lower() for p in data.get("phrases", [])}, key=len, reverse=True)
    pattern = None
    if phrases:
        pattern = re.compile(rf"\b(?<!['’])(?:{trie_pattern(phrases)})(?![\w'’])", re.IGNORECASE)
    return Lexicon(frozenset(data.get("words", [])), pattern, frozenset(data.get("register", [])))


def trie_pattern(phrases: list[str]) -> str:
    """One regex for many phrases, shaped as a trie so matching costs O(text), not O(text × phrases)."""
    root: dict = {}
    for phrase in phrases:
        node = root
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _node_pattern(root)


def _node_pattern(node: dict) -> str:
    ends = "" in node
    alts = []
    for ch in sorted(k for k in node if k):
        piece = "['’]" if ch == "'" else re.escape(ch)
        alts.append(piece + _node_pattern(node[ch]))
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if ends else body


_PARTICIPLE_NOUNS = frozenset(
    [
        "thing", "things", "nothing", "something", "anything", "everything", "morning", "mornings",
        "evening", "evenings", "building", "buildings", "during", "king", "kings", "ring", "rings",
        "spring", "springs", "string", "strings", "wedding", "weddings", "ceiling", "ceilings", "sibling",
        "siblings", "pudding", "bring", "sing", "swing", "wing", "wings", "sting", "sling", "ping",
        "thing", "ding", "feeling", "feelings", "meaning", "meanings", "painting", "paintings", "setting",
        "settings", "ending", "endings", "beginning", "beginnings", "heading", "headings", "clothing",
        "housing", "funding", "training", "opening", "meeting", "meetings", "earring", "darling",
        "viking", "lightning", "nothing", "shilling", "swelling", "bleeding", "spelling", "warning", "warnings",
        "offerings", "savings", "earnings", "findings", "surroundings", "belongings", "proceedings",
        # -ing prepositions: ", including X" introduces a list, not a participle clause
        "including", "following", "regarding", "concerning", "considering", "according", "excluding",
        "pending", "notwithstanding", "barring", "starting", "beginning",
        # -ing adjectives in lists ("minimal friction, outstanding fidelity")
        "amazing", "interesting", "exciting", "boring", "stunning", "charming", "annoying", "disappointing",
        "surprising", "fascinating", "outstanding", "astonishing", "depressing", "frustrating", "terrifying",
        "refreshing", "loving", "caring", "willing", "upcoming", "ongoing", "existing", "remaining",
        "interesting", "confusing", "convincing", "entertaining", "engaging", "inspiring", "overwhelming"
    ]
)
#: A sentence that opens with one of these and a comma ("In today's world, journaling has
#: emerged", "Therefore, bridging the gap is …") goes on with its subject: an -ing word right
#: after that first comma is a gerund subject, not a trailing participle clause.
_INTRO_WORDS = frozenset(
    [
        "therefore", "however", "thus", "hence", "moreover", "furthermore", "additionally", "also", "instead",
        "indeed", "ultimately", "finally", "first", "firstly", "second", "secondly", "third", "lastly",
        "today", "nowadays", "now", "then", "similarly",
        "conversely", "likewise", "meanwhile", "otherwise", "consequently", "overall", "essentially",
        "basically", "fortunately", "unfortunately", "sadly", "clearly", "obviously", "of", "for", "in", "on",
        "at", "by", "with", "without", "after", "before", "despite", "unlike", "like", "beyond", "besides",
        "through", "during", "within", "among", "ironically", "interestingly", "surprisingly", "importantly",
        "notably", "generally", "typically", "historically", "traditionally", "personally", "honestly",
    ]
)
#: A modal verb within three words after the -ing word makes it a subject: ", winning the
#: presidency could have …", ", returning might prove …". ("had" or "is" would not do:
#: ", saying the situation had worsened" is a participle clause.)
_SUBJECT_VERBS = frozenset(
    [
        "can", "could", "will", "would", "may", "might", "must", "should", "shall", "can't", "won't",
        "cannot", "couldn't", "wouldn't", "shouldn't", "remains", "becomes", "seems", "requires",
    ]
)
#: a word, or a mark that ends the run of words after an -ing word (however it is typed: "…" as
#: "...", "‼" as "!!", the Arabic question mark as "?")
_NEXT_WORDS = re.compile(rf"[\w'’-]+|[,;:.—–()…{QUESTION_AND_EXCLAMATION}]")
_COMMA_ING = re.compile(r",\s+([a-z]+ing)\b")
#: a contrast never reaches past the end of a sentence, however its end is typed ("…" as "...",
#: "‼" as "!!": a random run found "not only‼ but" a tell where "not only!! but" was none)
_NOT_PAST = ".…;" + QUESTION_AND_EXCLAMATION
_NOT_BUT = re.compile(
    rf"\bnot (?:just|only|merely|simply)\b[^{_NOT_PAST}]{{1,80}}?\bbut\b"
    rf"|\bnot\b[^{_NOT_PAST},]{{3,60}}?,? but (?:rather|also)\b"
    rf"|\b(?:isn|wasn|aren|weren|doesn|don)['’]t (?:just |only |about )?[^{_NOT_PAST}]{{1,60}}?[,;—–-]\s*"
    r"(?:it|they|he|she|this|that)['’]s\b",
    re.IGNORECASE,
)
_TRANSITION = re.compile(
    r"[\"'“‘(«‹„]*(however|moreover|furthermore|additionally|ultimately|overall|in conclusion|in essence"
    r"|notably|importantly)\b",
    re.IGNORECASE,
)
#: a word for the triad: letters with their combining marks ("Cafe" + U+0301 typed as NFD)
_W = rf"[\w{EXTEND}]+"
#: a word of one of the triad's first two items: never a conjunction, and the last item is not
#: followed by another "and": "bare and wet and dripping" is polysyndeton, a writer's own rhythm
#: (the rule of three joins its items with commas), and was read as "went by, bare and wet"
_ITEM_W = rf"(?!(?:and|or|nor)\b){_W}"
#: what follows "and" when it joins a clause, not a third item: "…, so Kristen and I", "…, had my
#: lesson, and that", "…, and then" (in the evaluation data, 22 of 28 such human "triads" and 7 of
#: 16 machine ones were clauses; the rest stay)
_CLAUSE_AFTER_AND = r"(?i:i|he|she|we|they|it|there|then|now|so|yet|still|when|where|while|if|because|that)\b"
_TRIAD = re.compile(rf"\b{_ITEM_W}(?: {_ITEM_W}){{0,2}}, {_ITEM_W}(?: {_ITEM_W}){{0,2}},? and "
                    rf"(?!{_CLAUSE_AFTER_AND}){_W}(?![\w{EXTEND}]| (?:and|or|nor)\b)")
#: Spaces of any typography read as a plain space (same length, so every span still holds): a
#: writer whose editor puts a no-break space before "and" or in "in conclusion" keeps the tell.
_SPACES = str.maketrans({c: " " for c in "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                         "\u2007\u2008\u2009\u200a\u202f\u205f\u3000"})
_SERVES_AS = re.compile(r"\b(?:serves|served|serving|stands|stood) as\b", re.IGNORECASE)


@dataclass(slots=True)
class HabitCounts:
    """Hits in one prose paragraph; spans are offsets in that paragraph's plain text."""

    tells: list[tuple[str, str, int, int]]
    comma_participles: int = 0
    transitions: int = 0
    register: int = 0


def find_habits(text: str, toks: list[str], sentence_spans: list[tuple[int, int]]) -> HabitCounts:
    """Tells of all kinds in one paragraph's plain text (``toks`` are its lowercase tokens)."""
    lex = lexicon()
    original = text
    if not text.isascii() or "\t" in text:
        text = text.translate(_SPACES)
    tells: list[tuple[str, str, int, int]] = []
    tokset = set(toks)
    if lex.words and not tokset.isdisjoint(lex.words):
        from quill.voice.words import WORD

        for m in WORD.finditer(text):
            w = m.group()
            low = w.lower().replace("’", "'")
            if not low.isascii():
                low = unicodedata.normalize("NFC", low)
            if low in lex.words:
                tells.append((w, "word", m.start(), m.end()))
    if lex.phrases is not None:
        for m in lex.phrases.finditer(text):
            tells.append((m.group(), "phrase", m.start(), m.end()))
    for m in _SERVES_AS.finditer(text):
        tells.append((m.group(), "phrase", m.start(), m.end()))
    participles = 0
    if "," in text:
        for m in _COMMA_ING.finditer(text):
            if m.group(1) not in _PARTICIPLE_NOUNS and not _gerund_subject(text, m, sentence_spans):
                participles += 1
                tells.append((m.group(1), "participle", m.start(1), m.end(1)))
        for m in _TRIAD.finditer(text):
            tells.append((m.group(), "triad", m.start(), m.end()))
    if "not" in tokset or "n't" in text or "n’t" in text:
        for m in _NOT_BUT.finditer(text):
            tells.append((m.group(), "contrast", m.start(), m.end()))
    transitions = 0
    for s, e in sentence_spans:
        m = _TRANSITION.match(text, s, min(e, s + 40))
        if m:
            transitions += 1
            tells.append((m.group(1), "transition", m.start(1), m.end(1)))
    tells.sort(key=lambda t: (t[2], t[3]))
    if text is not original:  # the writer's own characters in what the panel shows
        tells = [(original[s:e], k, s, e) for _t, k, s, e in tells]
    register = sum(1 for t in toks if t in lex.register) if not tokset.isdisjoint(lex.register) else 0
    return HabitCounts(tells, participles, transitions, register)


def _gerund_subject(text: str, m: re.Match[str], sentence_spans: list[tuple[int, int]]) -> bool:
    """Is the -ing word after this comma the subject of its clause rather than a participle?"""
    after = _NEXT_WORDS.findall(text, m.end(1), min(len(text), m.end(1) + 60))[:3]
    for token in after:
        if not token[0].isalnum():
            break
        if token.lower().replace("’", "'") in _SUBJECT_VERBS:
            return True
    comma = m.start()
    start = 0
    for s, e in sentence_spans:
        if s <= comma < e:
            start = s
            break
    head = text[start:comma]
    if "," in head:
        return False  # "With practiced ease, the thief lifted the wallet, disappearing …"
    # a short fronted phrase with no verb of its own: "In today's world,", "For instance,"
    words = [w.strip(OPENING_MARKS).lower() for w in head.split()]  # «, „ and ‹ open a quote as “ does
    if words and words[0] in ("and", "but", "or", "so", "yet", "still"):
        words = words[1:]  # "And then, touching something twice makes …"
    return 0 < len(words) <= 4 and words[0] in _INTRO_WORDS
