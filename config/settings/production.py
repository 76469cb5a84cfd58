"""Settings for a partnership's server. Refuses to start when a safeguard is missing."""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from config.settings.base import *

UNSAFE_SECRET_KEY = (
    "SECRET_KEY is missing or unsafe: set it to a long random value "
    "(at least 50 characters), never a development default."
)
UNSAFE_DEBUG = "DEBUG must not be on in production: unset it or set DEBUG=false."
MISSING_ALLOWED_HOSTS = (
    "ALLOWED_HOSTS is missing: set it to the host names this service answers to, "
    "separated by commas."
)

if (
    len(SECRET_KEY) < 50
    or SECRET_KEY.startswith("django-insecure")
    or "development" in SECRET_KEY
    or "test-only" in SECRET_KEY
):
    raise ImproperlyConfigured(UNSAFE_SECRET_KEY)
if env_bool("DEBUG", False):
    raise ImproperlyConfigured(UNSAFE_DEBUG)
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(MISSING_ALLOWED_HOSTS)

DEBUG = False
STATIC_ROOT = Path(os.environ.get("HEDGEROW_STATIC_ROOT", VAR_DIR / "static"))
STORAGES["staticfiles"] = {
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

SECURE_SSL_REDIRECT = env_bool("HEDGEROW_SSL_REDIRECT", True)
if env_bool("HEDGEROW_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 63072000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-hedgerow-session"
CSRF_COOKIE_NAME = "__Host-hedgerow-csrf"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
