"""The live voice panel (issue 5). ``install_voice_panel(window)`` is all the window needs.

Importing this package is cheap: pyqtgraph is imported only when the panel is first shown.
"""

from __future__ import annotations

from .widget import VoicePanel

__all__ = ["VoicePanel", "install_voice_panel", "load_baseline"]


def load_baseline(library_dir, cache_dir=None):  # noqa: ANN001, ANN201 - see profile.load_baseline
    """The writer's baseline from the library's finished pieces, or None (imports the voice engine)."""
    from quill.voice.profile import load_baseline as load

    return load(library_dir, cache_dir)


def install_voice_panel(window) -> VoicePanel:  # noqa: ANN001 - MainWindow
    """Add the voice panel to ``window``: the Ctrl+Shift+L command, theme following, saved state. Idempotent."""
    existing = getattr(window, "voice_panel", None)
    if isinstance(existing, VoicePanel):
        return existing
    panel = VoicePanel(window)
    window.voice_panel = panel
    window.commands.add("voice_panel", "Voice panel", panel.toggle, ["Ctrl+Shift+L"],
                        "rhythm punctuation diction habits statistics side panel")
    scopes = (("piece", "Voice panel: whole piece"), ("section", "Voice panel: this section"))
    for scope, title in scopes:
        window.commands.add(f"voice_scope_{scope}", title, lambda s=scope: panel.set_scope(s), (), "voice scope")

    window.theme_changed.connect(panel.apply_theme)
    window.closing.connect(panel.persist)  # the piece's last analysis, for its next open (panel_cache)
    window.documents.document_changed.connect(panel.piece_changed)  # a finished piece is not its own baseline
    # The baseline follows the library: after a scan, and after "Mark finished" / "Reopen as draft".
    library = getattr(window, "library", None)
    if library is not None and hasattr(library, "scanned"):
        library.scanned.connect(panel.library_changed)
        library.finished_changed.connect(panel.library_changed)
    if window.settings.panel_visible:
        # Installed after the first paint: the panel takes its place now, and its contents (pyqtgraph,
        # numpy, the voice engine) are imported on a thread and built when they are ready.
        panel.set_open(True, persist=False, animate=False)
    return panel
