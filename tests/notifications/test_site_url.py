"""Links in emails follow the running address: SITE_URL, else the HOST and PORT the server runs at."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def site_url(**environ: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "HOST", "PORT")} | environ
    return subprocess.run([sys.executable, "-c", "import config.settings as s; print(s.SITE_URL)"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(("environ", "expected"), [
    ({}, "http://127.0.0.1:8000"),
    ({"PORT": "8123"}, "http://127.0.0.1:8123"),
    ({"HOST": "0.0.0.0", "PORT": "9000"}, "http://localhost:9000"),  # noqa: S104 (a wildcard host, linked as localhost)
    ({"HOST": "::1", "PORT": "9000"}, "http://[::1]:9000"),
    ({"SITE_URL": "https://perf.example.com/", "PORT": "8123"}, "https://perf.example.com"),
])
def test_the_site_url_is_the_running_address_unless_named(environ, expected):
    result = site_url(**environ)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


def test_a_site_url_without_a_scheme_stops_the_start_up():
    result = site_url(SITE_URL="perf.example.com")
    assert result.returncode != 0 and "SITE_URL must start with http:// or https://" in result.stderr
