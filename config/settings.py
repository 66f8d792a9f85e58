"""Perfcycle settings: one module, driven by the environment, loud on a bad value.

The variables, their defaults and meanings: README "Configuration". config/env.py reads them."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .env import axes_username, env, envbool, envint, envlist, secret_key

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = envbool("DEBUG", "false")
SECRET_KEY = secret_key(BASE_DIR / ".secret_key")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "csp",
    "axes",
    "guardian",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
    "people",
    "notifications",
    "okrs",
    "coach",
    "cycles",
    "continuous",
    "reviews",
    "documents",
    "meetings",
    "workflows",
    "privacy",
    "bench",
]

MIDDLEWARE = [
    "common.unavailable.DatabaseUnavailableMiddleware",  # outermost: a database outage answers 503 from any layer
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "people.language.PersonLanguageMiddleware",  # a signed-in person's stored language over the cookie's
    "common.guard.InputGuardMiddleware",  # NUL characters and oversized API bodies refused before any view
    "common.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "common.error_pages.ErrorPagesMiddleware",  # our 404 and 500 pages, with DEBUG on too; JSON under /api/
    "common.refusal.RefusalMiddleware",  # a refusal that escapes a page's view becomes the refusal page
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into its page
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "people.context.navigation",
            ],
            "libraries": {
                "dates": "common.dates",  # {% load dates %}: how every page writes a date
                "writing_coach": "coach.writing_tags",  # {% writing_panel %}: the coach beside a free-text answer
            },
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=0,
        conn_health_checks=True,  # the pool checks a connection before lending it: none is stale after a restart
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and envbool("DATABASE_POOL", "true"):
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": envint("DATABASE_POOL_MIN", 2),
        "max_size": envint("DATABASE_POOL_MAX", 20),
        "timeout": 10,
        # Give up a reconnection after 5 s instead of backing off for minutes: the next request starts a fresh
        # one, so the service is back within a second or two of PostgreSQL, however long it was away.
        "reconnect_timeout": 5,
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE", "timeout": 20}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "people.User"
# django-rules answers every object permission; guardian's tables hold only explicit grants, read by
# people.roles once per request. Its backend is left out so a refused has_perm(perm, obj) costs no query.
AUTHENTICATION_BACKENDS = ["people.backends.PolicyBackend", "django.contrib.auth.backends.ModelBackend"]
SILENCED_SYSTEM_CHECKS = ["guardian.W001"]  # "guardian backend not hooked": deliberate, see above
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"
GUARDIAN_RAISE_403 = False

# Single sign-on (OpenID Connect): on when OIDC_RP_CLIENT_ID is set; README "Single sign-on", people/oidc.py.
OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET")
OIDC_OP_ISSUER = env("OIDC_OP_ISSUER")
OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT")
OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env("OIDC_RP_SCOPES", "openid email")
OIDC_USE_PKCE = envbool("OIDC_USE_PKCE", "true")
OIDC_TIMEOUT = envint("OIDC_TIMEOUT", 10)
OIDC_CREATE_USER = False
OIDC_AUTHENTICATE_CLASS = "people.oidc.SSOAuthenticateView"
OIDC_CALLBACK_CLASS = "people.oidc.SSOCallbackView"
SSO_ENABLED = bool(OIDC_RP_CLIENT_ID)
SSO_ONLY = envbool("SSO_ONLY", "false")
SSO_PROVIDER_NAME = env("SSO_PROVIDER_NAME", "SSO")
AXES_WHITELIST_CALLABLE = "people.oidc.not_a_password_attempt"  # the login throttle counts passwords only
if SSO_ENABLED:
    _missing = [name for name in ("OIDC_RP_CLIENT_SECRET", "OIDC_OP_AUTHORIZATION_ENDPOINT", "OIDC_OP_TOKEN_ENDPOINT",
                                  "OIDC_OP_USER_ENDPOINT", "OIDC_OP_JWKS_ENDPOINT") if not globals()[name]]
    if _missing:
        raise ImproperlyConfigured(f"OIDC_RP_CLIENT_ID is set, so single sign-on needs {', '.join(_missing)} too")
    AUTHENTICATION_BACKENDS.insert(AUTHENTICATION_BACKENDS.index("django.contrib.auth.backends.ModelBackend"),
                                   "people.oidc.SSOBackend")
if SSO_ONLY:
    if not SSO_ENABLED:
        raise ImproperlyConfigured("SSO_ONLY=true needs single sign-on configured (OIDC_RP_CLIENT_ID and the rest)")
    AUTHENTICATION_BACKENDS.remove("django.contrib.auth.backends.ModelBackend")
ANONYMOUS_USER_NAME = None  # guardian: no anonymous user row

# Sessions live in the database so any number of web processes can serve them.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 60 * 60 * 12)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ru", _("Russian")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))

EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG or not env("EMAIL_HOST")
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "false")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "perfcycle@localhost")

TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# Notifications (notifications/README.md): the modules whose receivers say what to email; a reminder goes
# out REMINDER_DAYS_BEFORE days before a task's deadline and REMINDER_DAYS_AFTER days after it (0: none).
NOTIFICATION_RECEIVERS = ["reviews.notifications"]
REMINDER_DAYS_BEFORE = envint("REMINDER_DAYS_BEFORE", 2)
REMINDER_DAYS_AFTER = envint("REMINDER_DAYS_AFTER", 1)
# Links in emails and chat messages: SITE_URL, else the address this server runs at (HOST and PORT, as
# `make run`, gunicorn and Procfile platforms read them; a wildcard host is linked as localhost).
_HOST = env("HOST", "127.0.0.1").strip() or "127.0.0.1"
_HOST = "localhost" if _HOST in ("0.0.0.0", "::") else f"[{_HOST}]" if ":" in _HOST else _HOST  # noqa: S104
SITE_URL = env("SITE_URL").strip().rstrip("/") or f"http://{_HOST}:{envint('PORT', 8000)}"
if not SITE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(f"SITE_URL must start with http:// or https://, got {SITE_URL!r}")
CHAT_WEBHOOK_HOSTS = envlist("CHAT_WEBHOOK_HOSTS", "hooks.slack.com,*.webhook.office.com,*.logic.azure.com")
CHAT_WEBHOOK_ALLOW_HTTP = envbool("CHAT_WEBHOOK_ALLOW_HTTP", "true" if DEBUG else "false")
CHAT_WEBHOOK_TIMEOUT = envint("CHAT_WEBHOOK_TIMEOUT", 5)
CHAT_WEBHOOK_ATTEMPTS = envint("CHAT_WEBHOOK_ATTEMPTS", 5)
CHAT_WEBHOOK_BACKOFF = envint("CHAT_WEBHOOK_BACKOFF", 30)

PRIVACY_RETENTION_DAYS = envint("PRIVACY_RETENTION_DAYS", 730)  # personal-data rights: privacy/README.md

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "people.language.PersonTokenAuthentication",  # DRF's, then the person's stored language
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "common.api.Pagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "common.api.exception_handler",
    # DRF's parsers, refusing JSON nested too deep and text PostgreSQL cannot store (NUL, lone surrogates).
    "DEFAULT_PARSER_CLASSES": ["common.guard.JSONParser", "common.guard.FormParser", "common.guard.MultiPartParser"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Perfcycle API",
    "DESCRIPTION": "OKRs, review cycles and results conversations.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models name their choices State or Kind: give each enum its own schema name.
    "ENUM_NAME_OVERRIDES": {
        "PersonStateEnum": "people.models.Person.State",
        "UnitKindEnum": "people.models.Unit.Kind",
        "PeriodKindEnum": "okrs.models.Period.Kind",
        "ObjectiveStateEnum": "okrs.models.Objective.State",
        "KeyResultKindEnum": "okrs.models.KeyResult.Kind",
        "DependencyStateEnum": "okrs.models.Dependency.State",
        "QuestionKindEnum": "cycles.models.Question.Kind",
        "CycleStateEnum": "cycles.models.ReviewCycle.State",
        "ReviewStateEnum": "reviews.models.Review.State",
        "FeedbackRequestStateEnum": "reviews.models.FeedbackRequest.State",
        "CoachRuleEnum": "coach.models.Rule",
    },
}

# Production security: on whenever DEBUG is off, so `check --deploy` is clean.
if not DEBUG:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "true")
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", "true")
    CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", "true")
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content security policy (django-csp): scripts and styles only from our static files, nothing inline
# (tests/trust/test_security.py scans the templates).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        **({"report-uri": [env("CSP_REPORT_URI")]} if env("CSP_REPORT_URI") else {}),
    },
}

# Login throttling (django-axes): failed password logins per (email, address). The address is REMOTE_ADDR:
# behind a reverse proxy that is the proxy's, so the lockout is then per email.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", *AUTHENTICATION_BACKENDS]
AXES_ENABLED = envbool("AXES_ENABLED", "true")
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"  # the login form's field, and the key of Django's failure signal
AXES_USERNAME_CALLABLE = axes_username  # every spelling of one email (case, full-width letters) counts as one

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}

PERFCYCLE_IMPORT_MAX_ROWS = envint("PERFCYCLE_IMPORT_MAX_ROWS", 200_000)  # the most rows a people import reads
