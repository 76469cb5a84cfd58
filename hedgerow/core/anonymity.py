"""Nothing about a reporter's device reaches a view, a log or an error report.

Three layers (docs/adr/0009):
- `AnonymityMiddleware` deletes the client address, forwarded-for headers, user
  agent, cookies and referrer from the request of every public page, everything
  under /report/ (in any language) and /open311/, after handing the rate limiter
  the only thing it needs: a salted, rotating HMAC of the address.
- `AnonymousExceptionReporterFilter` drops the same keys from every error report
  (emails to administrators, the debug page), on staff pages too, and masks the
  report flow's draft token and follow-up secret.
- `ClientAddressFilter` removes anything shaped like an IP address from log
  records, for Django's loggers and gunicorn's (config/gunicorn.conf.py).
"""

import logging
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.debug import SafeExceptionReporterFilter

from hedgerow.core.public import is_public_view
from hedgerow.core.ratelimit import REQUEST_KEY_ATTRIBUTE, client_address, limiter

IDENTIFYING_META = (
    "REMOTE_ADDR",
    "REMOTE_HOST",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
    "HTTP_X_CLIENT_IP",
    "HTTP_CF_CONNECTING_IP",
    "HTTP_TRUE_CLIENT_IP",
    "HTTP_USER_AGENT",
    "HTTP_SEC_CH_UA",
    "HTTP_SEC_CH_UA_MOBILE",
    "HTTP_SEC_CH_UA_PLATFORM",
    "HTTP_COOKIE",
    "HTTP_REFERER",
)
# POST fields that would let someone resume a draft or read a report's follow-up.
SECRET_POST_FIELDS = ("token", "secret")
# Local variables masked in every traceback frame of an error report.
SECRET_VARIABLES = frozenset({"token", "secret", "address", "forwarded", "receipt"})
ANONYMISED_ATTRIBUTE = "hedgerow_anonymised"
ADDRESS_REMOVED = "[address removed]"
IPV4 = r"\b(?:\d{1,3}\.){3}\d{1,3}\b"
_HEX = r"[0-9A-Fa-f]{1,4}"
# Eight hex groups, or fewer with "::" (also "::1" and "::ffff:192.0.2.1"); times
# such as 12:30:45 have neither, so they are left alone.
IPV6 = (
    rf"(?<![\w:.])(?:(?:{_HEX}:){{7}}{_HEX}"
    rf"|(?:{_HEX}:)*(?:{_HEX})?::(?:{_HEX}:)*(?:(?:\d{{1,3}}\.){{3}}\d{{1,3}}|{_HEX})?)"
    r"(?![\w:])"
)
ADDRESS = re.compile(f"{IPV6}|{IPV4}")


def anonymous_path_pattern() -> re.Pattern[str]:
    """/report/… and /open311/…, with or without a language prefix."""
    codes = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
    return re.compile(rf"^/(?:(?:{codes})/)?report/|^/open311/")


def anonymise(request: HttpRequest) -> None:
    """Key the rate limiter, then delete everything that identifies the device."""
    if getattr(request, ANONYMISED_ATTRIBUTE, False):
        return
    setattr(
        request, REQUEST_KEY_ATTRIBUTE, limiter.client_key(client_address(request.META))
    )
    for key in IDENTIFYING_META:
        request.META.pop(key, None)
    # Already parsed by the session middleware on public views: forget it too.
    request.COOKIES = {}
    setattr(request, ANONYMISED_ATTRIBUTE, True)


class AnonymityMiddleware:
    """Place first: strips the reporting paths before any other middleware runs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.paths = anonymous_path_pattern()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self.paths.match(request.path_info):
            anonymise(request)
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: object,
        view_args: object,
        view_kwargs: object,
    ) -> None:
        if is_public_view(view_func):
            anonymise(request)


class AnonymousExceptionReporterFilter(SafeExceptionReporterFilter):
    """Error reports without addresses, user agents, cookies, referrers or secrets."""

    def get_safe_request_meta(self, request: HttpRequest) -> dict[str, Any]:
        meta = super().get_safe_request_meta(request)
        return {k: v for k, v in meta.items() if k not in IDENTIFYING_META}

    def get_safe_cookies(self, request: HttpRequest) -> dict[str, Any]:
        return {}

    def get_traceback_frame_variables(self, request: Any, tb_frame: Any) -> Any:
        variables = super().get_traceback_frame_variables(request, tb_frame)
        return [
            (name, self.cleansed_substitute if name in SECRET_VARIABLES else value)
            for name, value in variables
        ]

    def get_post_parameters(self, request: HttpRequest | None) -> Any:
        parameters = super().get_post_parameters(request)
        if request is None or not any(f in parameters for f in SECRET_POST_FIELDS):
            return parameters
        cleansed = parameters.copy()
        for name in SECRET_POST_FIELDS:
            if name in cleansed:
                cleansed[name] = self.cleansed_substitute
        return cleansed


class ClientAddressFilter(logging.Filter):
    """Rewrites a log record's message with every IP address replaced."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a malformed record: leave it to logging
            return True
        cleaned = ADDRESS.sub(ADDRESS_REMOVED, message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True
