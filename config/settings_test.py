"""Fast settings for the test suite: the same module, with cheap hashing and immediate tasks."""

from .settings import *  # noqa: F403
from .settings import DATABASES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SECURE_SSL_REDIRECT = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Each test opens its own connections; a pool would outlive the test database.
DATABASES["default"].get("OPTIONS", {}).pop("pool", None)
# Login throttling counts failed logins across tests otherwise; tests/trust/test_security.py turns it on.
AXES_ENABLED = False
