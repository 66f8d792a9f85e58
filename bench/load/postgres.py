"""A private PostgreSQL instance for the load run: its own data directory and port on loopback.

The fault drill stops and starts PostgreSQL mid-run; doing that to the machine's shared cluster would break
everyone else's tests, so the drill gets a cluster of its own (``initdb`` once, then ``pg_ctl``). PostgreSQL
refuses to run as root: when we are root, its commands run as the ``postgres`` account.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import time
from pathlib import Path

SETTINGS = {
    # 9 web processes × a pool of 4 + 2 workers × 2 + the harness: well under 100.
    "max_connections": "100",
    "shared_buffers": "256MB",
    "listen_addresses": "'127.0.0.1'",
    "fsync": "on",  # acknowledged writes must survive the restart: keep PostgreSQL's durability as shipped
    "synchronous_commit": "on",
}


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if found:
        return found[-1]
    path = shutil.which(name)
    if not path:
        raise SystemExit(f"PostgreSQL's {name} not found (apt-get install postgresql)")
    return path


class Cluster:
    def __init__(self, root: Path, port: int):
        root = root.resolve()
        self.data = root / "pgdata"
        self.log = root / "postgres.log"
        self.port = port
        self.socket_dir = root / "socket"

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def _run(self, *argv: str, check: bool = True) -> subprocess.CompletedProcess:
        command = list(argv)
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True)  # noqa: S603

    def ensure(self) -> None:
        """initdb when the data directory is new, then start it (if not running) and wait until it answers."""
        if not (self.data / "PG_VERSION").exists():
            for path in (self.data.parent, self.socket_dir):
                path.mkdir(parents=True, exist_ok=True)
                if os.geteuid() == 0:
                    shutil.chown(path, "postgres", "postgres")
            self._run(_bin("initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                      "--locale=C.UTF-8")
            with open(self.data / "postgresql.conf", "a") as conf:
                for key, value in SETTINGS.items():
                    conf.write(f"{key} = {value}\n")
                conf.write(f"port = {self.port}\nunix_socket_directories = '{self.socket_dir}'\n")
        if not self.running():
            self.start()

    def running(self) -> bool:
        return self._run(_bin("pg_ctl"), "-D", str(self.data), "status", check=False).returncode == 0

    def start(self) -> float:
        started = time.monotonic()
        self._run(_bin("pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "start")
        return time.monotonic() - started

    def stop(self, mode: str = "fast") -> float:
        """``fast``: what ``systemctl restart`` does — open sessions are ended, committed work is kept."""
        started = time.monotonic()
        self._run(_bin("pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop")
        return time.monotonic() - started

    def ready(self) -> bool:
        return self._run(_bin("pg_isready"), "-h", "127.0.0.1", "-p", str(self.port), check=False).returncode == 0
