"""Two real Syncthing daemons on loopback, for the end-to-end sync tests.

Why a harness of our own: the tests must start and stop the daemons themselves, on 127.0.0.1
only (no relays, discovery, NAT, usage reporting or upgrades), with bounded waits, and leave
nothing running. Each daemon gets its own home, GUI/REST port and sync port, picked free.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

FOLDER_ID = "quill-library"
WAIT = 60.0  # seconds: the longest any one step may take


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(condition: Callable[[], object], what: str, timeout: float = WAIT) -> float:
    """Poll ``condition`` until it is true; return the seconds it took, or fail saying ``what``."""
    start = time.monotonic()
    while True:
        try:
            if condition():
                return time.monotonic() - start
        except OSError:
            pass
        if time.monotonic() - start > timeout:
            raise TimeoutError(f"waited {timeout:.0f} s for {what}")
        time.sleep(0.05)


@dataclass
class Daemon:
    name: str
    home: Path
    folder: Path
    device_id: str = ""
    api_key: str = "quill-test-key-" + "x" * 8
    gui_port: int = 0
    sync_port: int = 0
    proc: subprocess.Popen | None = None
    log: Path = field(init=False)

    def __post_init__(self) -> None:
        self.log = self.home / "syncthing.log"

    def generate(self) -> None:
        out = subprocess.run(["syncthing", "generate", "--home", str(self.home), "--no-default-folder"],
                             capture_output=True, text=True, timeout=WAIT, check=True)
        match = re.search(r"Device ID: (\S+)", out.stdout + out.stderr)
        assert match, out.stdout + out.stderr
        self.device_id = match[1]

    def write_config(self, peer: Daemon) -> None:
        config = f"""<configuration version="36">
    <folder id="{FOLDER_ID}" label="Quill" path="{self.folder}" type="sendreceive" rescanIntervalS="3600"
            fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="false" autoNormalize="true">
        <filesystemType>basic</filesystemType>
        <device id="{self.device_id}"></device>
        <device id="{peer.device_id}"></device>
        <minDiskFree unit="%">0</minDiskFree>
        <versioning></versioning>
        <maxConflicts>10</maxConflicts>
    </folder>
    <device id="{self.device_id}" name="{self.name}" compression="metadata">
        <address>dynamic</address>
    </device>
    <device id="{peer.device_id}" name="{peer.name}" compression="metadata">
        <address>tcp://127.0.0.1:{peer.sync_port}</address>
    </device>
    <gui enabled="true" tls="false">
        <address>127.0.0.1:{self.gui_port}</address>
        <apikey>{self.api_key}</apikey>
    </gui>
    <options>
        <listenAddress>tcp://127.0.0.1:{self.sync_port}</listenAddress>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <urAccepted>-1</urAccepted>
        <startBrowser>false</startBrowser>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <crashReportingEnabled>false</crashReportingEnabled>
        <reconnectionIntervalS>1</reconnectionIntervalS>
        <minHomeDiskFree unit="%">0</minHomeDiskFree>
        <setLowPriority>false</setLowPriority>
    </options>
</configuration>
"""
        (self.home / "config.xml").write_text(config, encoding="utf-8")

    def start(self) -> None:
        env = dict(os.environ, STNOUPGRADE="1", STNORESTART="1", STNODEFAULTFOLDER="1")
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen(
                ["syncthing", "serve", "--home", str(self.home), "--no-browser", "--no-restart", "--no-upgrade",
                 "--skip-port-probing"], stdout=log, stderr=subprocess.STDOUT, env=env)
        wait_for(lambda: self.get("/rest/system/ping").get("ping") == "pong", f"{self.name} to answer")

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(15)

    def _request(self, method: str, path: str) -> dict:
        request = urllib.request.Request(f"http://127.0.0.1:{self.gui_port}{path}", method=method,
                                         headers={"X-API-Key": self.api_key})
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (loopback only)
            body = response.read()
        return json.loads(body) if body.strip() else {}

    def get(self, path: str) -> dict:
        return self._request("GET", path)

    def post(self, path: str) -> dict:
        return self._request("POST", path)

    def connected(self, peer: Daemon) -> bool:
        connections = self.get("/rest/system/connections")["connections"]
        return bool(connections.get(peer.device_id, {}).get("connected"))

    def scan(self) -> None:
        """Look at the folder now (the file watcher would, a second or so later)."""
        self.post(f"/rest/db/scan?folder={FOLDER_ID}")

    def pause(self, peer: Daemon) -> None:
        self.post(f"/rest/system/pause?device={peer.device_id}")

    def resume(self, peer: Daemon) -> None:
        self.post(f"/rest/system/resume?device={peer.device_id}")

    def idle(self) -> bool:
        status = self.get(f"/rest/db/status?folder={FOLDER_ID}")
        return status.get("state") == "idle" and not status.get("needTotalItems")


class Pair:
    """Two daemons A and B, each syncing its own folder, connected to each other on loopback."""

    def __init__(self, tmp: Path) -> None:
        self.a = Daemon("laptop", tmp / "st-a", tmp / "library-a")
        self.b = Daemon("desk", tmp / "st-b", tmp / "library-b")

    def __enter__(self) -> Pair:
        try:
            for daemon in (self.a, self.b):
                daemon.folder.mkdir(parents=True)
                daemon.generate()
                daemon.gui_port, daemon.sync_port = free_port(), free_port()
            self.a.write_config(self.b)
            self.b.write_config(self.a)
            for daemon in (self.a, self.b):
                daemon.start()
            wait_for(lambda: self.a.connected(self.b) and self.b.connected(self.a), "the two daemons to connect")
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        for daemon in (self.a, self.b):
            daemon.stop()

    def resume_link(self) -> float:
        """Resume both sides and wait until they are connected again; the seconds it took.

        Resuming is one request per side. When both were sent back to back, the first side to
        resume dialled a peer that still had it paused, was refused, and Syncthing's back-off then
        kept the link down for 0–25 s (measured here: 0, 5, 10, 23, 25 s), past a minute on a
        loaded machine. Resuming one side a moment before the other brings the link back in at
        most about 5 s, so the steps after it are timed by the sync, not by the back-off.
        """
        started = time.monotonic()
        self.b.resume(self.a)
        time.sleep(0.3)  # B accepts A before A dials
        self.a.resume(self.b)
        wait_for(lambda: self.a.connected(self.b) and self.b.connected(self.a), "the link to come back",
                 timeout=3 * WAIT)
        return time.monotonic() - started

    def settle(self) -> None:
        """Both sides scanned and with nothing left to fetch."""
        for daemon in (self.a, self.b):
            daemon.scan()
        wait_for(lambda: self.a.idle() and self.b.idle(), "both folders to be in sync")


def syncthing_missing() -> str | None:
    """Why the end-to-end tests cannot run here, or None."""
    if shutil.which("syncthing") is None:
        return "syncthing is not installed (Debian: apt-get install syncthing); .ci/run installs it"
    return None
