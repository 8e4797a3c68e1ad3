"""Issue #20: the word rule (a Unicode-wide character class, ~9 ms to compile) is compiled on first
use, not at import, and text that is all ASCII is counted by a small rule that must agree with it."""

from __future__ import annotations

import re
import threading

from hypothesis import given, settings
from hypothesis import strategies as st

from quill.lazypattern import LazyPattern
from quill.textstats import ASCII_WORD_RE, WORD_RE, count_words, strip_markup
from tests.fresh_imports import ROOT

PROSE = st.text(alphabet=st.sampled_from("ab Z09-'’_.,;:!?()[]<>/\n\t\r\"*#^$"), max_size=200) | \
    st.text(alphabet=st.characters(max_codepoint=127), max_size=200) | \
    st.text(alphabet=st.sampled_from("ab 9-'\r\n\u2028\u0301😀\u4e2d\u05d0é"), max_size=80)  # beyond ASCII too


@settings(max_examples=400, deadline=None)
@given(PROSE)
def test_ascii_text_is_counted_as_the_unicode_rule_counts_it(text: str) -> None:
    stripped = strip_markup(text)
    if stripped.isascii():
        assert ASCII_WORD_RE.findall(stripped) == WORD_RE.findall(stripped)
    assert count_words(text) == len(WORD_RE.findall(strip_markup(text)))


def test_text_beyond_ascii_still_goes_through_the_unicode_rule() -> None:
    assert count_words("don’t stop") == 2  # the curly apostrophe joins, as the Unicode rule says
    assert count_words("日本語 text") == 4  # one word per CJK character
    assert count_words("naïve café") == 2


def test_a_lazy_pattern_compiles_once_when_first_used() -> None:
    pattern = LazyPattern(r"\w+", re.I)
    assert not pattern.is_compiled
    results: list[list[str]] = []
    threads = [threading.Thread(target=lambda: results.append(pattern.findall("Two words"))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [["Two", "words"]] * 8
    assert pattern.is_compiled and pattern.compiled() is pattern.compiled()
    assert pattern.flags & re.I and pattern.pattern == r"\w+"


def test_importing_the_window_does_not_compile_the_word_rule() -> None:
    import json
    import os
    import subprocess
    import sys

    code = ("import json, quill.ui.shell.window, quill.library.words, quill.textstats as t\n"
            "print(json.dumps(t.WORD_RE.is_compiled))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) is False
