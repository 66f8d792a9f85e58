"""The settings refuse a half-configured single sign-on at start, and pass check --deploy with SSO_ONLY on."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]


def _settings_env(**extra) -> dict:
    # A production environment: none of the test run's own settings (the browser tests allow sync ORM calls
    # beside Playwright's event loop, which check --deploy rightly refuses).
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("OIDC_", "SSO_", "DJANGO_SETTINGS", "DJANGO_ALLOW_ASYNC_UNSAFE"))}
    production = {"DEBUG": "false", "SECRET_KEY": secrets.token_urlsafe(64), "ALLOWED_HOSTS": "perfcycle.example.com"}
    return env | production | extra


SSO_ENV = {
    "OIDC_RP_CLIENT_ID": "perfcycle",
    "OIDC_RP_CLIENT_SECRET": "s3cret",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://id.example.com/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": "https://id.example.com/token",
    "OIDC_OP_USER_ENDPOINT": "https://id.example.com/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://id.example.com/jwks",
    "SSO_ONLY": "true",
}


def _manage(*args, **env):
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=_settings_env(**env),
        capture_output=True, text=True, timeout=120,
    )


def test_check_deploy_is_clean_with_sso_only_on():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **SSO_ENV)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def _load_settings(**env):
    return subprocess.run(  # noqa: S603 - our own interpreter, a fixed import
        [sys.executable, "-c", "import config.settings"], cwd=BASE_DIR, env=_settings_env(**env),
        capture_output=True, text=True, timeout=60,
    )


def test_a_half_configured_provider_is_refused_at_start():
    result = _load_settings(**(SSO_ENV | {"OIDC_OP_JWKS_ENDPOINT": ""}))
    assert result.returncode != 0
    assert "OIDC_OP_JWKS_ENDPOINT" in result.stderr


def test_sso_only_without_a_provider_is_refused_at_start():
    result = _load_settings(SSO_ONLY="true")
    assert result.returncode != 0
    assert "SSO_ONLY=true needs single sign-on configured" in result.stderr
