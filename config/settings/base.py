"""Settings shared by every environment; each environment module overrides some."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("HEDGEROW_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    """Read a yes/no environment variable ("1", "true", "yes", "on" mean yes)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated environment variable as a list, ignoring blanks."""
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


def database_from_env(default_sqlite: Path) -> dict[str, object]:
    """DATABASE_URL selects the database; without it, the SQLite file given."""
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{default_sqlite}"
    config: dict[str, object] = dict(dj_database_url.parse(url, conn_max_age=60))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # IMMEDIATE takes the write lock when a transaction starts, so two writers
        # queue instead of failing with "database is locked" half-way through.
        config["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
        config["CONN_MAX_AGE"] = 0
    return config


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",  # lets the GOV.UK form renderer find and override widget templates
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "hedgerow.core",
    "hedgerow.audit",
    "hedgerow.accounts",
    "hedgerow.geography",
    "hedgerow.places",
    "hedgerow.intelligence",
    "hedgerow.analytics",
    "hedgerow.networks",
    "hedgerow.disruptions",
    "hedgerow.engagement",
    "hedgerow.budgeting",
]

MIDDLEWARE = [
    # First: strips the client address, user agent and cookies from reporting
    # requests before anything else can read them (hedgerow.core.anonymity).
    "hedgerow.core.anonymity.AnonymityMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "hedgerow.core.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "hedgerow.core.public.PublicLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "hedgerow.accounts.middleware.SessionLimitsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "hedgerow" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hedgerow.core.context_processors.service",
            ],
        },
    }
]
FORM_RENDERER = "hedgerow.core.forms.GovUKFormRenderer"

DATABASES = {"default": database_from_env(VAR_DIR / "hedgerow.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": (
            "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
        ),
        "OPTIONS": {"user_attributes": ("email", "full_name")},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:dashboard"

# Sessions: server-side, cookie dies with the browser, idle and absolute limits
# enforced by hedgerow.accounts.middleware.SessionLimitsMiddleware.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
HEDGEROW_IDLE_TIMEOUT = timedelta(
    minutes=int(os.environ.get("HEDGEROW_IDLE_TIMEOUT_MINUTES", "30"))
)
HEDGEROW_SESSION_MAX_AGE = timedelta(
    hours=int(os.environ.get("HEDGEROW_SESSION_MAX_HOURS", "10"))
)
SESSION_COOKIE_AGE = int(HEDGEROW_SESSION_MAX_AGE.total_seconds())
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "hedgerow.core.views.csrf_failure"
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Lockout: five wrong passwords or codes for one account lock it for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("HEDGEROW_LOCKOUT_FAILURES", "5"))
AXES_COOLOFF_TIME = timedelta(
    minutes=int(os.environ.get("HEDGEROW_LOCKOUT_MINUTES", "15"))
)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # Hedgerow's own audit trail records sign-ins.
AXES_LOCKOUT_CALLABLE = "hedgerow.accounts.views.signin.lockout_response"
AXES_VERBOSE = False
# Mask every secret the sign-in forms post, not only "password", in axes' records.
AXES_SENSITIVE_PARAMETERS = ["code", "password_confirm", "current_password"]
# axes.W006 asks for IP-based lockout too. Partner offices sit behind shared
# addresses, so an IP lockout would lock out a whole police station after five
# typos; per-account lockout plus TOTP is the control (docs/adr/0004).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

OTP_TOTP_ISSUER = os.environ.get("HEDGEROW_OTP_ISSUER", "Hedgerow")

# Security headers. Production tightens the cookie and transport settings.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
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
    }
}

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("cy", _("Welsh")),
    ("pl", _("Polish")),
    ("ro", _("Romanian")),
]
# Staff pages are in English and Welsh; public pages (start page, warning signs,
# report flow) also in the community languages (hedgerow.core.public).
HEDGEROW_STAFF_LANGUAGES = ["en", "cy"]
LOCALE_PATHS = [BASE_DIR / "hedgerow" / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/London"
USE_TZ = True

STATIC_URL = "/static/"
# GOV.UK Frontend and Hedgerow's own CSS and JS live in hedgerow/static, which is not
# an app's static folder, so the finders (and collectstatic) must be told about it.
STATICFILES_DIRS = [BASE_DIR / "hedgerow" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "hedgerow@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "no_client_address": {"()": "hedgerow.core.anonymity.ClientAddressFilter"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["no_client_address"],
        }
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "hedgerow": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # runserver's request log, through the filtered handler.
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
# Error reports (emails, debug page) never carry a client address, user agent,
# cookie, referrer, draft token or follow-up secret.
DEFAULT_EXCEPTION_REPORTER_FILTER = (
    "hedgerow.core.anonymity.AnonymousExceptionReporterFilter"
)

# The partnership this installation serves: in the header and on the privacy notice.
HEDGEROW_PARTNERSHIP_NAME = os.environ.get(
    "HEDGEROW_PARTNERSHIP_NAME", "Community Safety Partnership"
)
HEDGEROW_PRIVACY_CONTACT_EMAIL = os.environ.get("HEDGEROW_PRIVACY_CONTACT_EMAIL", "")
HEDGEROW_INVITATION_LIFETIME = timedelta(days=7)
# Show newly issued invitation links to the inviting administrator (local use only).
HEDGEROW_SHOW_INVITATION_LINKS = False
# `hedgerow load_demo` creates accounts with published passwords: never in production.
HEDGEROW_DEMO_ALLOWED = False
# Background work (entity resolution) queued in the database and run by
# `hedgerow db_worker`: no broker to run, and a job survives a restart.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

HEDGEROW_DEMO_STEPS = [
    "hedgerow.accounts.demo.load_demo_partnership",
    "hedgerow.geography.demo.load_demo_geography",
    "hedgerow.places.demo.load_demo_places",
    "hedgerow.intelligence.demo.load_demo_intelligence",
    "hedgerow.analytics.demo.load_demo_crime",
    "hedgerow.networks.demo.load_demo_networks",
    "hedgerow.engagement.demo.load_demo_engagement",
    "hedgerow.budgeting.demo.load_demo_budgeting",
]

# The authenticated REST API (hedgerow.intelligence.api). Staff sessions that passed
# both factors, or personal API tokens; JSON only; paginated; throttled.
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Hedgerow API",
    "DESCRIPTION": "The triage queue of a community safety partnership, for partner "
    "systems. Every read and change is recorded in the audit trail.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
}

# Area analytics: imported police.uk crime, as Parquet partitioned by force and month.
HEDGEROW_ANALYTICS_DIR = Path(
    os.environ.get("HEDGEROW_ANALYTICS_DIR", VAR_DIR / "analytics")
)

# Triage: a report not graded within this many hours is overdue.
HEDGEROW_TRIAGE_TARGET_HOURS = int(os.environ.get("HEDGEROW_TRIAGE_TARGET_HOURS", "72"))
# Report drafts (the report flow's answers so far) expire after this long idle.
HEDGEROW_REPORT_DRAFT_LIFETIME = timedelta(hours=2)
