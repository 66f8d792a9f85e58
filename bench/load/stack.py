"""The service as production runs it, on loopback: gunicorn with ``deploy/gunicorn.conf.py`` (DEBUG off) and
``db_worker`` processes, against the load database. Requests carry ``X-Forwarded-Proto: https`` as nginx sets it
(gunicorn trusts it from loopback), so the production settings (HTTPS redirect, secure cookies) stay on."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


def service_env(database_url: str, port: int, work: Path, **extra: str) -> dict[str, str]:
    secret = work / "secret_key"
    if not secret.exists():
        import secrets

        secret.write_text(secrets.token_urlsafe(64))
    return {
        **os.environ, "DATABASE_URL": database_url, "DEBUG": "false", "SECRET_KEY_FILE": str(secret),
        "ALLOWED_HOSTS": "127.0.0.1,localhost", "HOST": "127.0.0.1", "PORT": str(port),
        "SITE_URL": f"http://127.0.0.1:{port}", "MEDIA_ROOT": str(work / "media"),
        # As deploy/README recommends: a web process never uses more connections than it has threads.
        "DATABASE_POOL_MAX": os.environ.get("DATABASE_POOL_MAX", "4"),
        "GUNICORN_LOG_LEVEL": "warning", "PYTHONUNBUFFERED": "1", "DJANGO_SETTINGS_MODULE": "config.settings",
        **extra,
    }


def get(port: int, path: str, *, token: str = "", session: str = "", timeout: float = 15) -> tuple[int, dict, bytes]:
    """One request to the stack: (status, headers, body); a refused connection is status 0."""
    headers = dict(PROXY_HEADERS)
    if token:
        headers["Authorization"] = f"Token {token}"
    if session:
        headers["Cookie"] = f"sessionid={session}"
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - loopback only
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0, {}, b""


class Stack:
    def __init__(self, *, database_url: str, port: int, work: Path, workers: int = 2, env: dict | None = None):
        self.database_url, self.port, self.work, self.workers = database_url, port, work, workers
        self.env = service_env(database_url, port, work, **(env or {}))
        self.web: subprocess.Popen | None = None
        self.worker_procs: list[subprocess.Popen] = []
        (work / "media").mkdir(parents=True, exist_ok=True)

    def start(self, timeout: float = 60) -> None:
        log = open(self.work / "gunicorn.log", "ab")  # noqa: SIM115 - lives as long as the process
        self.web = subprocess.Popen(  # noqa: S603 - our own interpreter's gunicorn
            [str(Path(sys.executable).parent / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "config.wsgi"],
            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        for _ in range(self.workers):
            self.start_worker()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status, _, body = get(self.port, "/healthz", timeout=5)
            if status == 200 and json.loads(body).get("database") == "ok":
                return
            if self.web.poll() is not None:
                raise SystemExit(f"gunicorn exited with {self.web.returncode}: see {self.work / 'gunicorn.log'}")
            time.sleep(0.5)
        raise SystemExit(f"gunicorn did not answer /healthz within {timeout} s")

    def start_worker(self) -> subprocess.Popen:
        log = open(self.work / f"worker-{len(self.worker_procs)}.log", "ab")  # noqa: SIM115
        proc = subprocess.Popen(  # noqa: S603 - our own interpreter and manage.py
            [sys.executable, "manage.py", "db_worker", "--interval", "0.5", "--no-reload"],
            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        self.worker_procs.append(proc)
        return proc

    def live_workers(self) -> list[subprocess.Popen]:
        return [p for p in self.worker_procs if p.poll() is None]

    def stop(self) -> None:
        procs = [p for p in [self.web, *self.worker_procs] if p is not None and p.poll() is None]
        for proc in procs:
            proc.send_signal(signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(40)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)
