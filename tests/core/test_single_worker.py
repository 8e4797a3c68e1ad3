"""The autosave's and journal's worker thread is made on its first job (issue #20), and behaves as
the one-thread executor it stands for: jobs run in order on one named thread, none after shutdown."""

from __future__ import annotations

import sys
import threading

import pytest

from quill.ui.document.single_worker import SingleWorker


def test_jobs_run_in_order_on_one_named_thread_made_on_the_first_job():
    worker = SingleWorker("quill-test")
    assert worker._executor is None  # nothing made, nothing imported for it, until there is work
    names = [worker.submit(lambda: threading.current_thread().name).result() for _ in range(3)]
    order: list[int] = []
    futures = [worker.submit(order.append, n) for n in range(20)]
    for future in futures:
        future.result()
    assert order == list(range(20))
    assert len(set(names)) == 1 and names[0].startswith("quill-test")
    assert "concurrent.futures" in sys.modules
    worker.shutdown()
    with pytest.raises(RuntimeError):
        worker.submit(print)


def test_a_worker_never_used_shuts_down_without_a_thread_and_takes_no_job_after():
    worker = SingleWorker("quill-idle")
    worker.shutdown()
    assert worker._executor is None
    with pytest.raises(RuntimeError):
        worker.submit(print)
