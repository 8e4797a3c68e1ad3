"""Who owns a journal: an advisory lock held by the live Quill that writes it.

Two Quills on two libraries share one home, and so one journal folder. Start-up recovery
used to take every journal it found as a crash's leftovers, and recovered (then deleted) the
live journal of the other, running Quill. A journal is now recovered only when no live
process holds its lock; the operating system drops the lock when its owner dies, however it
dies, so a crash always leaves a recoverable journal.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
try:  # Windows
    import msvcrt
except ImportError:
    msvcrt = None  # type: ignore[assignment]


def lock_path(journal: Path) -> Path:
    return Path(journal).with_suffix(".owner")


class OwnerLock:
    """An exclusive, non-blocking lock on ``<journal>.owner``, held until :meth:`release`."""

    def __init__(self, fd: int, path: Path) -> None:
        self._fd: int | None = fd
        self.path = path

    @classmethod
    def try_acquire(cls, journal: Path) -> OwnerLock | None:
        """The lock, or None when a live process holds it."""
        path = lock_path(journal)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            elif msvcrt is not None:  # pragma: no cover - Windows
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            os.close(fd)
            return None
        return cls(fd, path)

    def release(self, *, remove: bool = False) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if remove:  # only the holder removes it, so no one can be holding a lock on a deleted file
            with contextlib.suppress(OSError):
                self.path.unlink()
        os.close(fd)


def held_by_another(journal: Path) -> bool:
    """Whether a live process owns ``journal`` (its lock cannot be taken right now)."""
    lock = OwnerLock.try_acquire(journal)
    if lock is None:
        return True
    lock.release(remove=True)
    return False
