"""SHA-256 and SHA-1 hex digests without loading OpenSSL (issue #20). No Qt.

``hashlib`` loads OpenSSL's libcrypto (through ``_hashlib``) the moment it is imported: 3.4 MB
of resident memory, for the handful of digests Quill takes (a piece's text when it is saved or
journalled, a library's or a journal's file name). CPython's own implementations (``_sha256``,
``_sha2`` from 3.12, ``_sha1``) give the same digests without it; ``hashlib`` is the fallback
where a build leaves them out.

They are slower (1.6 ms for a 100,000-word piece against OpenSSL's 0.3 ms) and, before 3.12,
do not release the GIL while they work. So data is hashed in 64 KB pieces: a worker saving a
long piece holds the GIL for at most a fraction of a millisecond at a time, and a key press on
the GUI thread waits no longer than it would for any other Python code (the switch interval).
"""

from __future__ import annotations

from typing import BinaryIO

try:
    from _sha2 import sha256 as _sha256  # Python 3.12+
except ImportError:
    try:
        from _sha256 import sha256 as _sha256  # Python 3.11
    except ImportError:  # pragma: no cover - a build without the builtin hashes
        from hashlib import sha256 as _sha256
try:
    from _sha1 import sha1 as _sha1
except ImportError:  # pragma: no cover
    from hashlib import sha1 as _sha1

CHUNK = 64 * 1024


def sha256_hex(data: bytes | bytearray | memoryview) -> str:
    """The SHA-256 of ``data`` in hex, as ``hashlib.sha256(data).hexdigest()``."""
    digest = _sha256()
    view = memoryview(data).cast("B")
    for start in range(0, len(view), CHUNK):
        digest.update(view[start:start + CHUNK])
    return digest.hexdigest()


def sha256_text(text: str) -> str:
    """The SHA-256 of ``text`` encoded as UTF-8, in hex."""
    return sha256_hex(text.encode("utf-8"))


def sha256_file(handle: BinaryIO) -> str:
    """The SHA-256 of what is left to read in ``handle``, in hex (as ``hashlib.file_digest``)."""
    digest = _sha256()
    while chunk := handle.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def sha1_hex(data: bytes) -> str:
    """The SHA-1 of ``data`` in hex: file and socket names, never security."""
    return _sha1(data).hexdigest()
