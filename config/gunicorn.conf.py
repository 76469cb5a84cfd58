# ruff: noqa: N999  (gunicorn looks for a file of this name)
"""Gunicorn settings that keep reporters anonymous: no client address in any log.

Use it with `gunicorn -c config/gunicorn.conf.py config.wsgi`. The access log is
off unless HEDGEROW_ACCESS_LOG names a file (or "-" for standard output); even
then its format has no client address (%(h)s), no user agent (%(a)s), no referrer
(%(f)s) and no query string, and `--access-logformat` must not be used to add them
back. Gunicorn's own error log passes through the same filter as Django's logs,
which removes anything shaped like an IP address. A reverse proxy in front of
Hedgerow must be configured the same way (docs/adr/0009).
"""

import logging
import os
from typing import Any

from hedgerow.core.anonymity import ClientAddressFilter

bind = os.environ.get("HEDGEROW_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("HEDGEROW_WORKERS", "2"))

accesslog = os.environ.get("HEDGEROW_ACCESS_LOG") or None
# Time, method, path (no query string), status, bytes, duration: nothing about
# who made the request.
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
loglevel = "info"
# Gunicorn must not trust X-Forwarded-For for anything it logs.
forwarded_allow_ips = os.environ.get("HEDGEROW_FORWARDED_ALLOW_IPS", "127.0.0.1")


def _filter_gunicorn_logs() -> None:
    for name in ("gunicorn.error", "gunicorn.access"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, ClientAddressFilter) for f in logger.filters):
            logger.addFilter(ClientAddressFilter())


def on_starting(server: Any) -> None:
    """In the master process, before any worker starts."""
    _filter_gunicorn_logs()


def post_fork(server: Any, worker: Any) -> None:
    """In each worker, in case its loggers were set up again."""
    _filter_gunicorn_logs()
