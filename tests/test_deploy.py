"""The Procfile's web command serves the site: gunicorn with deploy/gunicorn.conf.py, production settings."""

import os
import secrets
import shlex
import socket
import subprocess
import time
from pathlib import Path

import requests

BASE_DIR = Path(__file__).resolve().parents[1]


def _procfile() -> dict[str, str]:
    lines = (BASE_DIR / "Procfile").read_text().splitlines()
    return dict(line.split(": ", 1) for line in lines if line.strip())


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_procfile_declares_web_worker_and_release():
    processes = _procfile()
    assert set(processes) == {"web", "worker", "release"}
    assert processes["worker"].startswith("python manage.py db_worker")
    assert processes["release"].startswith("python manage.py migrate")


def test_the_procfile_web_command_serves_behind_a_proxy(tmp_path):
    port = _free_port()
    venv_bin = str(Path(os.sys.executable).parent)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OIDC_", "SSO_", "DJANGO_SETTINGS"))} | {
        "PATH": f"{venv_bin}:{os.environ.get('PATH', '')}",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "perfcycle.example.com",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
    }
    process = subprocess.Popen(  # noqa: S603 - the Procfile's own command line
        shlex.split(_procfile()["web"]), cwd=BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    proxied = {"Host": "perfcycle.example.com", "X-Forwarded-Proto": "https"}
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                # The first request waits for the worker to load Django.
                response = requests.get(f"http://127.0.0.1:{port}/healthz", headers=proxied, timeout=20)
                break
            except (requests.ConnectionError, requests.Timeout):
                assert process.poll() is None, process.stderr.read().decode()
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.2)
        assert response.status_code == 200
        assert response.json() == {"status": "ok", "database": "ok"}
        assert "max-age=31536000" in response.headers["Strict-Transport-Security"]
        # Plain HTTP (no proxy saying HTTPS) is sent to HTTPS; another host name is refused.
        plain = requests.get(f"http://127.0.0.1:{port}/healthz", headers={"Host": "perfcycle.example.com"},
                             allow_redirects=False, timeout=10)
        assert plain.status_code == 301
        assert plain.headers["Location"] == "https://perfcycle.example.com/healthz"
        other = requests.get(f"http://127.0.0.1:{port}/healthz", headers=proxied | {"Host": "evil.example"},
                             timeout=10)
        assert other.status_code == 400
    finally:
        process.terminate()
        process.wait(timeout=30)
