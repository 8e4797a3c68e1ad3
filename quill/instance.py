"""Where the running Quill of a library listens, and how a command line reaches it. No Qt.

One Quill runs per library (see :mod:`quill.ui.shell.single_instance`). A command that
changes a piece the window may hold unsaved edits of (``quill finish``, ``quill reopen``)
must not race the window: it hands the request to the running Quill, which saves first and
then does it, exactly as its own command would. This module is the client half, in plain
Python so the command line never loads Qt.

The lock and the socket live in a per-user folder that does not depend on ``TMPDIR``: two
launches with different ``TMPDIR`` once found different locks and opened two windows on one
library.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
import tempfile
from pathlib import Path

from quill.digest import sha1_hex

REPLY_TIMEOUT_S = 30.0  # saving a book first can take a moment


def instance_key(library: Path) -> str:
    """Same library, same key — whatever QUILL_HOME says, so two homes cannot share one library."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "user"
    resolved = str(Path(library).expanduser().resolve())
    return "quill-" + sha1_hex(f"{user}\0{resolved}".encode("utf-8", "surrogateescape"))[:16]


def runtime_dir() -> Path:
    """A per-user folder for locks and sockets, the same for every launch of this user."""
    if os.name == "nt":  # %TEMP% is per user and stable on Windows; pipes need no folder
        return Path(tempfile.gettempdir())
    folder = Path("/tmp") / f"quill-{os.getuid()}"
    with contextlib.suppress(FileExistsError):
        folder.mkdir(mode=0o700)
    return folder


def server_name(library: Path) -> str:
    """The QLocalServer name: a socket path on POSIX (fixed folder), a pipe name on Windows."""
    key = instance_key(library)
    return key if os.name == "nt" else str(runtime_dir() / f"{key}.socket")


def lock_file(library: Path) -> Path:
    return runtime_dir() / f"{instance_key(library)}.lock"


def exchange_line(address: str, message: bytes, timeout: float) -> bytes:
    """Send one line to the Unix socket at ``address`` and read the one-line reply (OSError if none)."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout)
        sock.connect(address)
        sock.sendall(message)
        reply = b""
        while not reply.endswith(b"\n"):
            chunk = sock.recv(65536)
            if not chunk:
                break
            reply += chunk
        return reply


def ask_running_quill(library: Path, request: dict, timeout: float = REPLY_TIMEOUT_S) -> dict | None:
    """Send ``request`` to the Quill running on ``library``; its reply, or None when none runs."""
    message = (json.dumps(request) + "\n").encode("utf-8")
    try:
        if os.name == "nt":  # pragma: no cover - Windows named pipe
            with open(rf"\\.\pipe\{server_name(library)}", "r+b", buffering=0) as pipe:
                pipe.write(message)
                return _parse(pipe.readline())
        return _parse(exchange_line(server_name(library), message, timeout))
    except (FileNotFoundError, ConnectionRefusedError):
        return None
    except OSError as exc:
        return {"ok": False, "message": f"Quill is open on this library but did not answer ({exc})."}


def _parse(reply: bytes) -> dict:
    try:
        data = json.loads(reply.decode("utf-8"))
        return data if isinstance(data, dict) else {"ok": False, "message": "an unexpected reply"}
    except ValueError:
        return {"ok": reply.strip() == b"ok", "message": ""}
