"""Settings for the test suite: PostgreSQL when DATABASE_URL is set, else SQLite."""

from config.settings.base import *

SECRET_KEY = "test-only-secret-key-that-is-long-enough-for-hmac-use-0123456789"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
DATABASES = {"default": database_from_env(VAR_DIR / "test.sqlite3")}
# Fast hashing keeps the suite quick; production keeps Argon2 (tested separately).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
HEDGEROW_DEMO_ALLOWED = True
HEDGEROW_PARTNERSHIP_NAME = "Test Community Safety Partnership"

WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tests run a queued job at once, in the request that queues it.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
