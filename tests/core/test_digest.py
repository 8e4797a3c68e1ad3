"""quill.digest gives hashlib's digests without loading OpenSSL (issue #20)."""

from __future__ import annotations

import hashlib
import io
import random

from quill import digest
from tests.fresh_imports import loaded_after_importing


def test_the_same_digests_as_hashlib_on_every_size_around_the_pieces():
    rng = random.Random(20)
    for size in (0, 1, 55, 64, digest.CHUNK - 1, digest.CHUNK, digest.CHUNK + 1, 3 * digest.CHUNK + 5, 1_000_003):
        data = rng.randbytes(size)
        expected = hashlib.sha256(data).hexdigest()
        assert digest.sha256_hex(data) == expected
        assert digest.sha256_hex(bytearray(data)) == expected
        assert digest.sha256_hex(memoryview(data)) == expected
        assert digest.sha256_file(io.BytesIO(data)) == expected
        assert digest.sha1_hex(data) == hashlib.sha1(data).hexdigest()
    text = "Écrire, c’est ça — 書く 🖋\n" * 5000
    assert digest.sha256_text(text) == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_starting_quill_does_not_load_openssl():
    imports = ["quill.cli", "quill.storage.document", "quill.storage.journal", "quill.storage.recovery",
               "quill.library.library", "quill.library.snapshots", "quill.instance",
               "quill.ui.shell.app", "quill.ui.shell.window", "quill.ui.shell.single_instance"]
    assert loaded_after_importing(imports, ["_hashlib"]) == set()
