"""Settings for a laptop (`make demo`): SQLite under var/ unless DATABASE_URL is set."""

import os

from config.settings.base import *

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get(
    "SECRET_KEY", "local-development-only-never-use-in-production-hedgerow"
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
HEDGEROW_SHOW_INVITATION_LINKS = True
HEDGEROW_DEMO_ALLOWED = True
HEDGEROW_PARTNERSHIP_NAME = os.environ.get(
    "HEDGEROW_PARTNERSHIP_NAME", "West Yorkshire Demo Community Safety Partnership"
)

# Serve static files straight from the source folders; no collectstatic on a laptop.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
