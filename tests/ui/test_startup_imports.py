"""What start-up leaves unimported until it is needed (issue #20: each is resident memory for the session)."""

from __future__ import annotations

from tests.fresh_imports import loaded_after_importing


def test_the_window_and_its_controllers_import_no_dialog_html_network_or_openssl_before_needed():
    imports = ["quill.ui.shell.app", "quill.ui.shell.window", "quill.ui.library.controller"]
    watched = ["quill.ui.library.compare", "quill.ui.library.versions", "html", "PySide6.QtNetwork", "_hashlib",
               "numpy", "pyqtgraph"]
    assert loaded_after_importing(imports, watched) == set()
