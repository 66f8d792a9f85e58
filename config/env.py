"""How config/settings.py reads the environment: every reader names the variable when its value is bad.

Also the one function the settings hand to a library (django-axes), so the settings module holds values only.
"""

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from people.emails import canonical_email


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def envbool(name: str, default: str) -> bool:
    value = env(name, default).strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), got {value!r}")


def envint(name: str, default: int) -> int:
    value = env(name, str(default))
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from exc


def envlist(name: str, default: str = "") -> list[str]:
    """A comma-separated list; spaces around items and empty items are dropped."""
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def secret_key(default_file: Path) -> str:
    """SECRET_KEY from the environment, else one generated once into SECRET_KEY_FILE (default_file) and kept."""
    if env("SECRET_KEY"):
        return env("SECRET_KEY")
    path = Path(env("SECRET_KEY_FILE", str(default_file)))
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


def axes_username(request, credentials) -> str:
    """The login throttle's username: the email as the login reads it (people.emails), so every spelling of one
    address (case, full-width letters) counts as one.

    Axes asks twice with different keys: before the login with the backend's credentials, keyed by its
    ``AXES_USERNAME_FORM_FIELD`` (the user model's ``USERNAME_FIELD``, ``email``, unless set), and after a failure
    with Django's ``user_login_failed`` credentials, keyed ``username``. Both are read, then the form's field."""
    credentials = credentials or {}
    username = next((credentials[key] for key in ("username", "email") if credentials.get(key)), None)
    if username is None and request is not None:
        username = getattr(request, "POST", {}).get("username", "")
    return canonical_email(username)
