"""One Quill per library: a second launch hands its request to the running one and exits.

Two windows on the same files would overwrite each other's saves. A QLockFile keyed by
the library's path marks the running Quill (a lock left by a crashed process is found
stale — its process is gone — and taken over); a QLocalServer of the same key receives
"open this file" from later launches.
"""

from __future__ import annotations

import json
import weakref
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from quill.instance import lock_file, server_name

HANDOFF_TIMEOUT_MS = 3000


class SingleInstance(QObject):
    open_requested = Signal(str)  # a path, or "" for "just come to the front"

    def __init__(self, library: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.key = server_name(library)
        self.lock = QLockFile(str(lock_file(library)))
        self.lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
        self.server: QLocalServer | None = None
        # Runs a command handed over by the command line (``quill finish``) and returns the reply. Held
        # weakly: a strong reference kept the window alive past the QApplication at exit (a crash).
        self._command_handler: weakref.WeakMethod | None = None

    def acquire(self) -> bool:
        """True when this process is now the one Quill for the library."""
        if not self.lock.tryLock(100):
            if self.lock.error() != QLockFile.LockError.LockFailedError:
                return True  # the temp folder is unusable: better a second window than no window
            if self.lock.removeStaleLockFile() and self.lock.tryLock(100):
                pass  # a crashed Quill's lock, taken over
            else:
                return False
        QLocalServer.removeServer(self.key)  # a socket left behind by a crash
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._on_connection)
        self.server.listen(self.key)
        return True

    def hand_over(self, path: Path | None) -> bool:
        """Ask the running Quill to open ``path``. True when it accepted."""
        socket = QLocalSocket()
        socket.connectToServer(self.key)
        if not socket.waitForConnected(HANDOFF_TIMEOUT_MS):
            return False
        message = json.dumps({"open": str(path) if path else ""}) + "\n"
        socket.write(message.encode("utf-8"))
        socket.flush()
        ok = socket.waitForBytesWritten(HANDOFF_TIMEOUT_MS) or socket.bytesToWrite() == 0
        ok = ok and socket.waitForReadyRead(HANDOFF_TIMEOUT_MS) and bytes(socket.readAll()).strip() == b"ok"
        socket.disconnectFromServer()
        return ok

    @property
    def command_handler(self) -> Callable[[dict], dict] | None:
        return self._command_handler() if self._command_handler is not None else None

    @command_handler.setter
    def command_handler(self, method: Callable[[dict], dict] | None) -> None:
        self._command_handler = weakref.WeakMethod(method) if method is not None else None

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        self.lock.unlock()

    def _on_connection(self) -> None:
        assert self.server is not None
        socket = self.server.nextPendingConnection()
        if socket is None:
            return

        def read() -> None:
            if not socket.canReadLine():
                return
            try:
                request = json.loads(bytes(socket.readLine()).decode("utf-8"))
                path = str(request.get("open", ""))
            except (ValueError, AttributeError):
                socket.disconnectFromServer()
                return
            if "command" in request:
                handler = self.command_handler
                reply = handler(request) if handler is not None else {
                    "ok": False, "message": "Quill is starting; try again in a moment."}
                socket.write((json.dumps(reply) + "\n").encode("utf-8"))
                socket.flush()
                return
            socket.write(b"ok\n")
            socket.flush()
            self.open_requested.emit(path)

        socket.readyRead.connect(read)
        socket.disconnected.connect(socket.deleteLater)
        read()
