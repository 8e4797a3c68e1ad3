"""Giving memory back (issue #20): glibc's fixed mmap threshold, malloc_trim, the source-line cache."""

from __future__ import annotations

import ctypes
import linecache
import sys

import pytest

from quill import memory


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks",
                 "keepcost")]


def _mapped_bytes() -> int:
    libc = ctypes.CDLL(None)
    libc.mallinfo2.restype = _MallInfo2
    return libc.mallinfo2().hblkhd


glibc = pytest.mark.skipif(not sys.platform.startswith("linux") or not hasattr(ctypes.CDLL(None), "mallinfo2"),
                           reason="glibc only; elsewhere these are no-ops")


@glibc
def test_a_whole_text_copy_is_mapped_on_its_own_even_after_a_bigger_one_was_freed():
    """Without the fixed threshold glibc raises it past any large block freed, and later copies
    of a long text land in an arena that keeps them after they are freed."""
    assert memory.tune_allocator()
    big = bytearray(8 * 1024 * 1024)  # a bigger block freed first: what would raise the threshold
    del big
    before = _mapped_bytes()
    copy = bytearray(600 * 1024)  # a 100,000-word piece, as a save copies it
    assert _mapped_bytes() - before >= 600 * 1024
    del copy
    assert _mapped_bytes() <= before + 4096  # given back at once


def test_release_drops_cached_source_lines_and_trims():
    linecache.getlines(memory.__file__)
    assert memory.__file__ in linecache.cache
    memory.release_memory()
    assert memory.__file__ not in linecache.cache
    assert memory.trim_heap() is sys.platform.startswith("linux")
