"""One background thread for a feature's file work, started when first given some.

The autosave and the journal each write on a thread of their own. ``concurrent.futures`` costs
~1 ms to import and both are made with the window, before its first paint; neither has work
until the writer's first key, so the executor (and the import) waits for that.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor


class SingleWorker:
    """``ThreadPoolExecutor(max_workers=1)``'s submit and shutdown, the executor made on first submit."""

    def __init__(self, thread_name_prefix: str) -> None:
        self._prefix = thread_name_prefix
        self._executor: ThreadPoolExecutor | None = None
        self._shut = False

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future:
        if self._executor is None:
            if self._shut:
                raise RuntimeError("cannot schedule new futures after shutdown")
            from concurrent.futures import ThreadPoolExecutor

            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=self._prefix)
        return self._executor.submit(fn, *args)

    def shutdown(self, wait: bool = True) -> None:
        self._shut = True
        if self._executor is not None:
            self._executor.shutdown(wait=wait)
