"""A feature that fails to start (a broken dictionary, a damaged module) must not take the others
with it: installing stopped at the first step that raised, so spell check failing left Quill
without flow mode, and the library failing left it without every feature after it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.keys import open_and_type_at_end


def test_a_failing_feature_is_named_and_the_rest_still_start(make_window, qtbot, library_dir: Path,  # noqa: ANN001
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import quill.ui.spell as spell

    def broken(window) -> None:  # noqa: ANN001
        raise RuntimeError("the dictionary file is damaged")

    monkeypatch.setattr(spell, "install_spell_check", broken)
    piece = library_dir / "essay.md"
    piece.write_text("Words.", encoding="utf-8")
    window = open_and_type_at_end(qtbot, make_window, piece, " More words.")
    assert getattr(window, "flow", None) is not None  # installed after spelling, still there
    assert window.sessions is not None and window.library is not None
    assert "spell check" in window.banner.text() and "damaged" in window.banner.text()
    window.documents.save_now()  # the page, the journal and autosave never depended on it
    qtbot.waitUntil(lambda: piece.read_text(encoding="utf-8") == "Words. More words.", timeout=5000)
