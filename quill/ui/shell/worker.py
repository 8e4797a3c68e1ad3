"""One daemon thread that runs jobs in order and hands each result back (the voice panel and the
spell checker each keep one, so typing never waits for them).

Why one shared class: both need the same shutdown rule, learnt from a crash at exit. Once
stopped, the queue is dropped and nothing is delivered any more (the window that would receive
it may be half torn down), and the owner may wait, bounded, for a job still running.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable

log = logging.getLogger(__name__)


class JobThread:
    """``submit(job)``; ``deliver(result)`` is called from this thread with the job's result (or the
    exception it raised). Deliver through a queued Qt signal to reach the GUI thread."""

    def __init__(self, deliver: Callable[[object], None], name: str) -> None:
        self._deliver = deliver
        self._cond = threading.Condition()
        self._jobs: deque[Callable[[], object]] = deque()
        self._stopped = False
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def submit(self, job: Callable[[], object]) -> None:
        with self._cond:
            self._jobs.append(job)
            self._cond.notify()

    def stop(self, wait_s: float = 0.0) -> None:
        """Take no more jobs and deliver nothing more; with ``wait_s``, wait (bounded) for a running
        job to end, so that nothing reaches a window Qt is tearing down."""
        with self._cond:
            self._stopped = True
            self._jobs.clear()
            self._cond.notify()
        if wait_s and self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(wait_s)

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._jobs and not self._stopped:
                    self._cond.wait()
                if self._stopped:
                    return
                job = self._jobs.popleft()
            try:
                result = job()
            except Exception as exc:  # noqa: BLE001 - one failed job must not kill the thread
                log.exception("%s: a job failed", self._thread.name)
                result = exc
            with self._cond:
                if self._stopped:
                    return  # the owner closed while the job ran: nobody to tell
            try:
                self._deliver(result)
            except RuntimeError:  # the receiver (a QObject) went away meanwhile
                return
