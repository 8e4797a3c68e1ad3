"""Word tokens and the closed word lists (function words, hedges, fillers).

Why one regex everywhere: every count (sentence length, rates, lexical diversity) must
agree on what a word is, or the metrics contradict each other. A word is a run of letters
or digits, with their combining marks, and internal hyphens/apostrophes ("won't", "well-known");
letters of any script count, so Greek, Cyrillic, Hindi or CJK text is measured too, and an accent
typed as a combining mark (NFD) never splits a word.
"""

from __future__ import annotations

import re

from quill.graphemes import EXTEND_RUN

_WORD_PART = f"[^\\W_]+(?:{EXTEND_RUN}[^\\W_]*)*"
WORD = re.compile(f"{_WORD_PART}(?:[-'’]{_WORD_PART})*")

FUNCTION_WORDS = frozenset(
    [
        "a", "an", "the", "this", "that", "these", "those", "i", "me", "my", "mine", "myself", "you",
        "your", "yours", "yourself", "he", "him", "his", "himself", "she", "her", "hers", "herself", "it",
        "its", "itself", "we", "us", "our", "ours", "ourselves", "they", "them", "their", "theirs",
        "themselves", "who", "whom", "whose", "which", "what", "whatever", "whoever", "one", "ones",
        "someone", "anyone", "everyone", "nobody", "something", "anything", "nothing", "everything",
        "all", "any", "both", "each", "either", "neither", "every", "few", "many", "much", "more", "most",
        "other", "another", "some", "such", "no", "nor", "not", "only", "own", "same", "so", "than",
        "too", "very", "can", "could", "may", "might", "must", "shall", "should", "will", "would", "do",
        "does", "did", "done", "doing", "be", "am", "is", "are", "was", "were", "been", "being", "have",
        "has", "had", "having", "of", "in", "on", "at", "by", "for", "with", "about", "against",
        "between", "into", "through", "during", "before", "after", "above", "below", "to", "from", "up",
        "down", "out", "off", "over", "under", "again", "further", "then", "once", "here", "there",
        "when", "where", "why", "how", "and", "but", "or", "if", "because", "as", "until", "while",
        "although", "though", "unless", "since", "whether", "yet", "also", "just", "even", "still",
        "ever", "never", "always", "often", "however", "thus", "therefore"
    ]
)

HEDGES = frozenset(
    [
        "might", "may", "perhaps", "possibly", "probably", "seem", "seems", "seemed", "appear", "appears",
        "likely", "somewhat", "arguably", "generally", "typically", "usually", "often", "sometimes",
        "relatively", "fairly", "suggest", "suggests", "suggested", "potentially", "presumably",
        "roughly", "approximately", "largely", "mostly", "partly", "tend", "tends"
    ]
)

FILLERS = frozenset(
    [
        "really", "very", "just", "actually", "basically", "literally", "quite", "rather", "simply",
        "truly", "deeply", "incredibly", "totally", "absolutely", "definitely", "certainly", "honestly",
        "clearly", "obviously", "extremely", "highly", "particularly", "especially"
    ]
)

CONTRASTS = frozenset(["but", "however", "although", "though", "yet", "whereas"])


def tokens(text: str) -> list[str]:
    """Case-folded word tokens; apostrophes normalised so "won’t" and "won't" are one type."""
    return [w.replace("’", "'") for w in WORD.findall(text.lower())] if "’" in text else WORD.findall(
        text.lower()
    )
