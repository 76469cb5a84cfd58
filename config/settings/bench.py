"""Settings for measuring a real server (bench/bench_intake.py) on this machine.

The production settings, as a partnership runs them, with only what a local,
plain-HTTP, throwaway measurement needs changed: a throwaway secret key, host
127.0.0.1, no HTTPS redirect, static files served from the source folders (no
collectstatic) and mail discarded. `bench.urls` adds a bare view as a baseline.
The real-server anonymity test (tests/functional/server.py) runs on it too.
"""

import os

# The production module refuses to load without these; give it throwaway values
# unless the caller chose its own.
os.environ.setdefault(
    "SECRET_KEY",
    "bench-throwaway-key-3f9c2a7e1b5d4c8f9a0e6b2d7c1f4a8e5b3d9c0f7a2e6b1d",
)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault("HEDGEROW_SSL_REDIRECT", "false")
# As behind a partnership's TLS proxy: the rate limiter keys on the address the
# proxy puts last in X-Forwarded-For, so a load generator can speak for many
# reporters, each within the per-address limit, from one machine.
os.environ.setdefault("HEDGEROW_BEHIND_TLS_PROXY", "true")

from config.settings.production import *

ROOT_URLCONF = "bench.urls"
STORAGES["staticfiles"] = {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
# Routing may notify agencies by email; a benchmark must not wait on an SMTP server.
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
