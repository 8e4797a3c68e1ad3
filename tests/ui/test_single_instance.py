"""One Quill per library over a plain Unix-domain socket (issue #20: QtNetwork is no longer loaded for it).

The running Quill's socket is served by the GUI thread's event loop, so the launches that talk to
it run in a thread here (a real second launch is another process; the socket does not care)."""

from __future__ import annotations

import os
import socket
import stat
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from quill.instance import ask_running_quill, server_name
from quill.ui.shell.single_instance import SingleInstance
from tests.fresh_imports import loaded_after_importing

pytestmark = pytest.mark.skipif(os.name == "nt", reason="Unix-domain sockets; Windows keeps QLocalServer")


@pytest.fixture
def running(library_dir, qapp):  # noqa: ANN001
    first = SingleInstance(library_dir)
    assert first.acquire()
    opened: list[str] = []
    first.open_requested.connect(opened.append)
    yield first, opened
    first.release()


def in_thread(qtbot, call):  # noqa: ANN001
    """Run a blocking launch-side ``call`` in a thread while this (the running Quill's) event loop turns."""
    with ThreadPoolExecutor(1) as pool:
        future = pool.submit(call)
        qtbot.waitUntil(future.done, timeout=10_000)
        return future.result()


def test_a_second_launch_hands_its_piece_to_the_first_and_is_told_so(running, library_dir, qtbot):
    first, opened = running
    second = SingleInstance(library_dir)
    assert not second.acquire()  # the lock: one Quill per library
    piece = library_dir / "On walking.md"
    assert in_thread(qtbot, lambda: second.hand_over(piece)) is True
    assert opened == [str(piece)]
    assert in_thread(qtbot, lambda: second.hand_over(None)) is True  # "just come to the front"
    assert opened == [str(piece), ""]


def test_the_command_line_reaches_the_handler_and_gets_its_reply(running, library_dir, qtbot):
    first, opened = running
    assert in_thread(qtbot, lambda: ask_running_quill(library_dir, {"command": "finish"}))["ok"] is False  # no
    # window yet: "starting" is the answer, not a hang

    class Window:
        def handle_command(self, request: dict) -> dict:
            return {"ok": True, "message": f"did {request['command']}"}

    window = Window()
    first.command_handler = window.handle_command
    reply = in_thread(qtbot, lambda: ask_running_quill(library_dir, {"command": "finish", "piece": "x"}))
    assert reply == {"ok": True, "message": "did finish"}
    assert opened == []


def test_a_request_split_across_writes_and_garbage_before_it_are_both_handled(running, library_dir, qtbot):
    first, opened = running
    proceed = threading.Event()

    def slow_launch() -> bytes:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(10)
            sock.connect(server_name(library_dir))
            sock.sendall(b'{"open": "/tmp/a')
            proceed.wait(10)
            sock.sendall(b'.md"}\n')
            return sock.recv(100)

    def garbage() -> bytes:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(10)
            sock.connect(server_name(library_dir))
            sock.sendall(b"\x00\xffnot json\n")
            return sock.recv(100)  # hung up on: nothing

    with ThreadPoolExecutor(2) as pool:
        slow = pool.submit(slow_launch)
        qtbot.wait(50)  # the first half is read (nothing to do until the rest comes)
        assert in_thread(qtbot, garbage) == b""
        proceed.set()
        qtbot.waitUntil(slow.done, timeout=10_000)
        assert slow.result() == b"ok\n"
    assert opened == ["/tmp/a.md"]


def test_a_crashed_quills_socket_file_is_replaced_and_the_new_one_is_private_and_removed_on_exit(
        library_dir, qapp, qtbot):  # noqa: ANN001
    path = server_name(library_dir)
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(path)  # a socket file nobody listens on, as a crash leaves it
    stale.close()
    assert ask_running_quill(library_dir, {"command": "x"}) is None
    first = SingleInstance(library_dir)
    assert first.acquire()
    try:
        mode = os.stat(path).st_mode
        assert stat.S_ISSOCK(mode) and stat.S_IMODE(mode) & 0o077 == 0  # only this user may connect
        assert in_thread(qtbot, lambda: SingleInstance(library_dir).hand_over(None)) is True
    finally:
        first.release()
    assert not os.path.exists(path)
    assert ask_running_quill(library_dir, {"command": "x"}) is None  # nobody runs: the launch opens its own
    again = SingleInstance(library_dir)  # and the next Quill takes the library over
    assert again.acquire()
    again.release()


def test_starting_the_window_does_not_load_qtnetwork():
    imports = ["quill.ui.shell.single_instance", "quill.ui.shell.window"]
    assert loaded_after_importing(imports, ["PySide6.QtNetwork"]) == set()
