"""The window fixture of the UI tests, for the sync tests that drive a real window."""

from tests.ui.conftest import make_window  # noqa: F401
