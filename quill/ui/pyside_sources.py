"""Keep PySide6's import hook from holding the source of every module in memory.

PySide6 looks at each module imported after it (and, once, at every module imported before it)
to see whether it uses PySide6, for its ``__feature__`` switching. It asks
``inspect.getsource(module)``, which reads the file through :mod:`linecache`, and linecache keeps
every line of every file it read for the rest of the process: 372 files and 15.6 MB of resident
memory in a process that imports the window, the panel and the history. Clearing the cache
afterwards gives little of it back (the lines' small objects leave Python's arenas partly used);
in the app, never keeping them took 3.6 MB off a launch with the panel closed (issue 20,
docs/PERFORMANCE.md).

The question PySide6 asks is unchanged: does the module's source contain "PySide6"? It is
answered from the file's bytes, which are then dropped. For anything that is not a plain ``.py``
file, PySide6's own answer is used.
"""

from __future__ import annotations

import linecache
import sys
import types


def _reading_the_file(original):  # noqa: ANN001, ANN202 - PySide6's private function and our replacement
    def uses_pyside(module: types.ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    uses_pyside.quill_reads_the_file = True
    return uses_pyside


def stop_keeping_sources() -> bool:
    """Call once PySide6 is imported. Returns whether PySide6's hook could be found and changed
    (a PySide6 without it keeps no sources this way, and nothing needs doing)."""
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None:
        return False
    if not getattr(original, "quill_reads_the_file", False):
        feature._mod_uses_pyside = _reading_the_file(original)
    # What PySide6 read while it was imported itself (every module imported before it).
    linecache.clearcache()
    return True
