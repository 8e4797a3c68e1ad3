"""The history view (F6): output, rate, writing days, pieces and voice over the years.

Importing this package imports pyqtgraph, so the sessions controller imports it only when
the view is first opened.
"""

from quill.ui.history.view import HistoryView

__all__ = ["HistoryView"]
