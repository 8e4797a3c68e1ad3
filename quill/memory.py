"""Giving memory back to the system after a large, finished piece of work (issue #20).

Two things keep memory that Quill no longer uses, and neither is a leak Python can see:

- **glibc's malloc keeps freed memory.** A block of 128 KB or more is normally mapped on its
  own and unmapped when freed, but glibc raises that threshold to the size of any such block
  once it is freed ("dynamic mmap threshold", up to 32 MB). The first save of a long piece
  frees its copy of the text, and from then on every whole-text copy (each save, each journal
  segment, each refresh of the voice panel, each on a worker thread with an arena of its own)
  is carved out of an arena instead, where what is freed stays in the process unless it sits
  at the arena's top. Over the eight-hour soak the resident size rose 2–3 MB per 10,000 keys
  while the live heap followed the text. :func:`tune_allocator` fixes the threshold at glibc's
  own starting value, so those copies go back to the system as soon as they are freed (an
  mmap and munmap per copy: microseconds, a few times a second at most, never per key).
  ``malloc_trim(0)`` returns whatever free pages the arenas still hold; it runs after the big
  one-time loads. On other C libraries (macOS, Windows, musl) both are no-ops.
- **linecache holds the source of every file it read.** PySide6 read each newly imported
  module's source through it (``inspect.getsource``, for its ``__feature__`` switches); since
  :mod:`quill.ui.pyside_sources` it reads the file's bytes instead, because a cleared cache did
  not give the memory back (the lines' small objects leave Python's arenas partly used: 15.6 MB
  kept, 0.9 MB returned). Tracebacks still fill it; dropping it costs nothing but a re-read.

Qt-free: the core and the window both call it.
"""

from __future__ import annotations

import ctypes
import linecache
import sys
import threading

_trim = None
if sys.platform.startswith("linux"):
    try:
        _libc = ctypes.CDLL(None)  # the process's own symbols, libc's among them (no library search)
        _trim = _libc.malloc_trim  # glibc only: musl has no malloc_trim
        _trim.argtypes = [ctypes.c_size_t]
        _trim.restype = ctypes.c_int
    except (OSError, AttributeError):
        _trim = None

M_MMAP_THRESHOLD = -3  # mallopt parameter numbers from glibc's malloc.h
MMAP_THRESHOLD_BYTES = 128 * 1024  # glibc's own default, kept fixed instead of rising

_mallopt = None
if _trim is not None:
    try:
        _mallopt = _libc.mallopt
        _mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
        _mallopt.restype = ctypes.c_int
    except AttributeError:
        _mallopt = None

_lock = threading.Lock()


def tune_allocator() -> bool:
    """Keep glibc's mmap threshold fixed (see the module docstring); True when it was set."""
    if _mallopt is None:
        return False
    return bool(_mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES))


def trim_heap() -> bool:
    """Return malloc's free pages to the system (glibc); False where there is nothing to call."""
    if _trim is None:
        return False
    _trim(0)
    return True


def release_memory() -> None:
    """Drop the source-line cache and trim the C heap: after a big load (a dictionary, the panel's charts)."""
    with _lock:
        linecache.clearcache()
        trim_heap()
