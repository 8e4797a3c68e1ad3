"""Library commands on a ``+++`` (TOML) piece open in the window with unsaved edits: a BOM before the
fence and CRLF line endings (a Hugo post written on Windows). The typed words, the BOM, the line
endings and every other TOML line must all survive Mark finished and Reopen."""

from __future__ import annotations

import tomllib
from pathlib import Path

from tests.ui.keys import open_and_type_at_end

POST = ("\ufeff+++\r\n# kept comment\r\ntitle = \"Rivers \U0001F30A\"\r\ntags = [\"water\"]\r\n\r\n"
        "[params]\r\nmood = \"calm\"\r\n+++\r\n\r\nThe river was high.")


def _toml(raw: bytes) -> dict:
    text = raw.decode("utf-8-sig")
    return tomllib.loads(text.split("+++")[1].replace("\r\n", "\n"))


def test_finish_and_reopen_a_bom_crlf_toml_piece_with_unsaved_words(qtbot, make_window, library_dir: Path):  # noqa: ANN001
    piece = library_dir / "rivers.md"
    piece.write_bytes(POST.encode("utf-8"))
    typed = " It took the bridge, \u05e9\u05dc\u05d5\u05dd."
    window = open_and_type_at_end(qtbot, make_window, piece, typed)
    qtbot.waitUntil(lambda: window.library is not None, timeout=5000)
    window.commands.run("finish")
    qtbot.waitUntil(lambda: _toml(piece.read_bytes()).get("status") == "finished", timeout=5000)
    raw = piece.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf+++\r\n# kept comment\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")  # every line break still CRLF
    assert raw.endswith(typed.encode())
    values = _toml(raw)
    assert values["title"] == "Rivers \U0001F30A" and values["params"] == {"mood": "calm"}
    assert window.editor.raw_text().endswith(typed)
    window.commands.run("reopen")
    qtbot.waitUntil(lambda: _toml(piece.read_bytes()).get("status") == "draft", timeout=5000)
    window.close()
    raw = piece.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf+++\r\n") and raw.endswith(typed.encode())
    assert "finished" not in _toml(raw)
