"""Giving memory back (issue #20): glibc's fixed mmap threshold, malloc_trim, the source-line cache."""

from __future__ import annotations

import ctypes
import json
import linecache
import platform
import subprocess
import sys
from pathlib import Path

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


_PROBE = """
import ctypes, json
from quill import memory
from tests.core.test_memory import _mapped_bytes
assert memory.tune_allocator()
big = bytearray(8 * 1024 * 1024)  # a bigger block freed first: what would raise glibc's threshold
del big
before = _mapped_bytes()
copy = bytearray(600 * 1024)  # a 100,000-word piece, as a save copies it
during = _mapped_bytes()
del copy
print(json.dumps([before, during, _mapped_bytes()]))
"""


@glibc
def test_a_whole_text_copy_is_mapped_on_its_own_even_after_a_bigger_one_was_freed():
    """Without the fixed threshold glibc raises it past any large block freed, and later copies
    of a long text land in an arena that keeps them after they are freed. A fresh process: in
    this one, earlier tests may have left a free hole big enough for the copy, which malloc
    would rightly reuse instead of mapping."""
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", _PROBE], cwd=root, capture_output=True, text=True, check=True)
    before, during, after = json.loads(out.stdout)
    assert during - before >= 600 * 1024  # mapped on its own…
    assert after <= before + 4096  # …and given back as soon as it was freed


def test_release_drops_cached_source_lines_and_trims():
    linecache.getlines(memory.__file__)
    assert memory.__file__ in linecache.cache
    memory.release_memory()
    assert memory.__file__ not in linecache.cache
    glibc = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"
    assert memory.trim_heap() is glibc  # musl, macOS and Windows have nothing to call: a no-op there
