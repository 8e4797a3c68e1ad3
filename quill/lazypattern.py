"""A regular expression compiled the first time it is used, not when its module is imported.

Python compiles a pattern when ``re.compile`` runs, and a character class spanning Unicode (the
word rule's letters-but-not-CJK-with-their-marks) takes the compiler ~9 ms: at import, that is
paid before the first window. Wrapped here, it is paid by the first word count that needs it
(after the page is painted, and never for text that is plain ASCII; see
:func:`quill.textstats.count_words`).
"""

from __future__ import annotations

import re
import threading
from typing import Any


class LazyPattern:
    """Stands in for ``re.compile(pattern, flags)``: every attribute of the compiled pattern
    (``findall``, ``finditer``, ``pattern``…) is that pattern's, compiled on first access."""

    __slots__ = ("_compiled", "_flags", "_lock", "_source")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None
        self._lock = threading.Lock()  # the indexer's thread and the window's may ask at once

    def compiled(self) -> re.Pattern[str]:
        """The pattern, compiled once (by whichever thread asks first)."""
        found = self._compiled
        if found is None:
            with self._lock:
                found = self._compiled
                if found is None:
                    found = self._compiled = re.compile(self._source, self._flags)
        return found

    @property
    def is_compiled(self) -> bool:
        """Whether using it now costs nothing more than the match."""
        return self._compiled is not None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        state = "compiled" if self._compiled is not None else "not compiled yet"
        return f"LazyPattern({self._source[:40]!r}…, {state})"
