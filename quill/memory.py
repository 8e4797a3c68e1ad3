"""Giving memory back to the system after a large, finished piece of work (issue #20).

Two things keep memory that Quill no longer uses, and neither is a leak Python can see:

- **glibc's malloc keeps freed memory.** Each thread that allocates gets its own arena, and
  memory freed in an arena stays in the process for reuse unless it happens to sit at the
  arena's top. Loading a dictionary in a worker, or copying a 600 KB text to save it, leaves
  such holes; over a writing day the resident size crept up 2–3 MB per 10,000 keys although
  the live heap followed only the text. ``malloc_trim(0)`` hands every arena's free pages back
  (it walks all arenas and releases whole free pages anywhere in them, not just at the top).
  It costs about a millisecond on Quill's heap, so it runs after loads and when the writer
  pauses, rate-limited, never per key. On other C libraries (macOS, Windows, musl) it is a no-op.
- **linecache holds the source of every imported module.** PySide6 reads each newly imported
  module's source (``inspect.getsource``) to see whether it uses PySide's ``__feature__``
  switches, and ``linecache`` keeps those lines: 7.5 MB after start-up, more after the panel's
  imports. Dropping the cache costs nothing but a re-read if a traceback is ever printed.

Qt-free: the core and the window both call it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import linecache
import sys
import threading
import time

_trim = None
if sys.platform.startswith("linux"):
    try:
        _libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        _trim = _libc.malloc_trim  # glibc only: musl has no malloc_trim
        _trim.argtypes = [ctypes.c_size_t]
        _trim.restype = ctypes.c_int
    except (OSError, AttributeError):
        _trim = None

_lock = threading.Lock()
_last_release = -1e9


def trim_heap() -> bool:
    """Return malloc's free pages to the system (glibc); False where there is nothing to call."""
    if _trim is None:
        return False
    _trim(0)
    return True


def release_memory() -> None:
    """Drop the source-line cache and trim the C heap: after a load or a large free."""
    global _last_release
    with _lock:
        linecache.clearcache()
        trim_heap()
        _last_release = time.monotonic()


def release_memory_now_and_then(min_interval_s: float = 30.0, clock=time.monotonic) -> bool:  # noqa: ANN001
    """:func:`release_memory`, unless it ran less than ``min_interval_s`` ago; True when it ran."""
    if clock() - _last_release < min_interval_s:
        return False
    release_memory()
    return True
