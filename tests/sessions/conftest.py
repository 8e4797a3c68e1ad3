from tests.ui.conftest import make_window  # noqa: F401 - the real MainWindow fixture
