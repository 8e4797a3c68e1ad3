"""The shared worker thread: results arrive in order; once stopped nothing more is delivered."""

from __future__ import annotations

import threading

from quill.ui.shell.worker import JobThread


def test_results_in_order_and_a_failure_is_delivered_not_fatal() -> None:
    got: list[object] = []
    done = threading.Event()

    def deliver(result: object) -> None:
        got.append(result)
        if len(got) == 3:
            done.set()

    worker = JobThread(deliver, "test-worker")
    worker.submit(lambda: 1)
    worker.submit(lambda: 1 / 0)
    worker.submit(lambda: 3)
    assert done.wait(5)
    assert got[0] == 1 and isinstance(got[1], ZeroDivisionError) and got[2] == 3
    worker.stop(wait_s=5)


def test_stopping_waits_for_the_running_job_and_delivers_nothing_after() -> None:
    started, release = threading.Event(), threading.Event()
    got: list[object] = []

    def slow() -> str:
        started.set()
        release.wait(5)
        return "late"

    worker = JobThread(got.append, "test-worker")
    worker.submit(slow)
    worker.submit(lambda: "queued")
    assert started.wait(5)
    stopper = threading.Thread(target=worker.stop, kwargs={"wait_s": 5})
    stopper.start()
    with worker._cond:  # the job finishes only after stop() has begun
        assert worker._cond.wait_for(lambda: worker._stopped, timeout=5)
    release.set()
    stopper.join(5)
    assert not stopper.is_alive() and not worker._thread.is_alive()  # stop() waited for the job
    assert got == []  # neither the running job's result nor the queued one reached a closing owner
