"""One Quill per library: a second launch hands its request to the running one and exits.

Two windows on the same files would overwrite each other's saves. A QLockFile keyed by
the library's path marks the running Quill (a lock left by a crashed process is found
stale — its process is gone — and taken over); a local socket of the same key receives
"open this file" (and the command line's requests, see :mod:`quill.instance`) from later launches.

On Linux and macOS the socket is a plain Unix-domain socket, watched by a ``QSocketNotifier``:
QtNetwork's ``QLocalServer`` did the same thing but loaded QtNetwork and the libraries it
links (Kerberos among them), about 3 MB of resident memory for one socket (issue #20).
Windows has no such sockets for every Python, so there it stays a ``QLocalServer`` (a named pipe).
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import stat
import weakref
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QSocketNotifier, Signal

from quill.instance import exchange_line, lock_file, server_name

HANDOFF_TIMEOUT_MS = 3000
MAX_REQUEST_BYTES = 1 << 20  # a request is one line of JSON holding a path; anything longer is not Quill's

_UNIX_SOCKETS = os.name != "nt" and hasattr(socket, "AF_UNIX")


def _weak_slot(owner: QObject, method: str, *args: object) -> Callable[..., None]:
    """A slot calling ``owner.method(*args)`` that holds ``owner`` weakly."""
    ref = weakref.ref(owner)

    def slot(*_signal_args: object) -> None:
        target = ref()
        if target is not None:
            getattr(target, method)(*args)

    return slot


class SingleInstance(QObject):
    open_requested = Signal(str)  # a path, or "" for "just come to the front"

    def __init__(self, library: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.key = server_name(library)
        self.lock = QLockFile(str(lock_file(library)))
        self.lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
        self.server: object | None = None  # a listening socket.socket (POSIX) or a QLocalServer (Windows)
        self._notifier: QSocketNotifier | None = None
        self._clients: dict[int, tuple[socket.socket, QSocketNotifier, bytearray]] = {}
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
        if _UNIX_SOCKETS:
            self._listen_unix()
        else:  # pragma: no cover - Windows named pipe
            self._listen_qt()
        return True

    def hand_over(self, path: Path | None) -> bool:
        """Ask the running Quill to open ``path``. True when it accepted."""
        message = (json.dumps({"open": str(path) if path else ""}) + "\n").encode("utf-8")
        if not _UNIX_SOCKETS:  # pragma: no cover - Windows named pipe
            return self._hand_over_qt(message)
        try:
            reply = exchange_line(self.key, message, HANDOFF_TIMEOUT_MS / 1000)
        except OSError:
            return False
        return reply.strip() == b"ok"

    @property
    def command_handler(self) -> Callable[[dict], dict] | None:
        return self._command_handler() if self._command_handler is not None else None

    @command_handler.setter
    def command_handler(self, method: Callable[[dict], dict] | None) -> None:
        self._command_handler = weakref.WeakMethod(method) if method is not None else None

    def release(self) -> None:
        for fd in list(self._clients):
            self._drop(fd)
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if isinstance(self.server, socket.socket):
            self.server.close()
            with contextlib.suppress(OSError):
                os.unlink(self.key)  # as QLocalServer.close() did: no socket left for the next launch
        elif self.server is not None:  # pragma: no cover - Windows named pipe
            self.server.close()
        self.server = None
        self.lock.unlock()

    # -- the request, shared by both kinds of socket -----------------------------------------

    def _answer(self, line: bytes) -> tuple[bytes | None, str | None]:
        """The reply to one request line (None: not a request, hang up), and the path to open once
        the reply is sent (the launch waiting for it should not wait for the piece to open)."""
        try:
            request = json.loads(line.decode("utf-8"))
            path = str(request.get("open", ""))
        except (ValueError, AttributeError):
            return None, None
        if "command" in request:
            handler = self.command_handler
            reply = handler(request) if handler is not None else {
                "ok": False, "message": "Quill is starting; try again in a moment."}
            return (json.dumps(reply) + "\n").encode("utf-8"), None
        return b"ok\n", path

    # -- POSIX: a Unix-domain socket and QSocketNotifiers -----------------------------------

    def _listen_unix(self) -> None:
        # We hold the lock, so a socket file already there was left by a crash (or is not ours).
        with contextlib.suppress(FileNotFoundError):
            if not stat.S_ISDIR(os.lstat(self.key).st_mode):
                os.unlink(self.key)
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        old_mask = os.umask(0o177)  # only this user may connect (the folder is private too)
        try:
            server.bind(self.key)
            server.listen(8)
        except OSError:
            server.close()
            return  # no hand-over this session; the lock still keeps a second window out
        finally:
            os.umask(old_mask)
        server.setblocking(False)
        self.server = server
        self._notifier = QSocketNotifier(server.fileno(), QSocketNotifier.Type.Read, self)
        # Slots hold this object weakly: a cycle through them left it to the garbage collector, which
        # may run on any thread, and a QObject deleted off its own thread crashes.
        self._notifier.activated.connect(_weak_slot(self, "_on_connection"))

    def _on_connection(self) -> None:
        server = self.server
        if not isinstance(server, socket.socket):
            return
        while True:
            try:
                conn, _address = server.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                return
            conn.setblocking(False)
            fd = conn.fileno()
            notifier = QSocketNotifier(fd, QSocketNotifier.Type.Read, self)
            self._clients[fd] = (conn, notifier, bytearray())
            notifier.activated.connect(_weak_slot(self, "_on_readable", fd))
            self._on_readable(fd)  # what arrived with the connection

    def _on_readable(self, fd: int) -> None:
        client = self._clients.get(fd)
        if client is None:
            return
        conn, _notifier, buffer = client
        while b"\n" not in buffer:
            try:
                chunk = conn.recv(65536)
            except (BlockingIOError, InterruptedError):
                return  # the rest of the line comes later
            except OSError:
                chunk = b""
            if not chunk or len(buffer) + len(chunk) > MAX_REQUEST_BYTES:
                self._drop(fd)  # hung up before a whole request, or not a request at all
                return
            buffer += chunk
        line = bytes(buffer[: buffer.index(b"\n") + 1])
        reply, path = self._answer(line)
        if reply is not None:
            try:
                conn.settimeout(HANDOFF_TIMEOUT_MS / 1000)  # a few bytes: the client is reading
                conn.sendall(reply)
            except OSError:
                path = None  # the launch gave up waiting and said so; it did not hand over
        self._drop(fd)
        if path is not None:
            self.open_requested.emit(path)

    def _drop(self, fd: int) -> None:
        client = self._clients.pop(fd, None)
        if client is None:
            return
        conn, notifier, _buffer = client
        notifier.setEnabled(False)
        notifier.deleteLater()
        conn.close()

    # -- Windows: QtNetwork's named pipe ------------------------------------------------------

    def _listen_qt(self) -> None:  # pragma: no cover - Windows named pipe
        from PySide6.QtNetwork import QLocalServer

        QLocalServer.removeServer(self.key)  # a socket left behind by a crash
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.newConnection.connect(self._on_qt_connection)
        server.listen(self.key)
        self.server = server

    def _hand_over_qt(self, message: bytes) -> bool:  # pragma: no cover - Windows named pipe
        from PySide6.QtNetwork import QLocalSocket

        sock = QLocalSocket()
        sock.connectToServer(self.key)
        if not sock.waitForConnected(HANDOFF_TIMEOUT_MS):
            return False
        sock.write(message)
        sock.flush()
        ok = sock.waitForBytesWritten(HANDOFF_TIMEOUT_MS) or sock.bytesToWrite() == 0
        ok = ok and sock.waitForReadyRead(HANDOFF_TIMEOUT_MS) and bytes(sock.readAll()).strip() == b"ok"
        sock.disconnectFromServer()
        return ok

    def _on_qt_connection(self) -> None:  # pragma: no cover - Windows named pipe
        sock = self.server.nextPendingConnection()
        if sock is None:
            return

        def read() -> None:
            if not sock.canReadLine():
                return
            reply, path = self._answer(bytes(sock.readLine()))
            if reply is None:
                sock.disconnectFromServer()
                return
            sock.write(reply)
            sock.flush()
            if path is not None:
                self.open_requested.emit(path)

        sock.readyRead.connect(read)
        sock.disconnected.connect(sock.deleteLater)
        read()
