"""Settings for the test suite: PostgreSQL when DATABASE_URL is set, else SQLite."""

from config.settings.base import *

SECRET_KEY = "test-only-secret-key-that-is-long-enough-for-hmac-use-0123456789"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
DATABASES = {"default": database_from_env(VAR_DIR / "test.sqlite3")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not Django's shared in-memory database: there SQLite answers a second
    # writer with "table is locked" at once instead of waiting its timeout, so
    # tests of simultaneous use would see what no real deployment does.
    VAR_DIR.mkdir(exist_ok=True)
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test_suite.sqlite3")}
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
