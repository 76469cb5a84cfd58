"""Anonymity: nothing about the reporter's device reaches the database, logs or
error reports, and reporting pages set no cookies."""

import io
import logging
import re
import runpy
import secrets
import sys

import pytest
from django.conf import settings
from django.core.management import call_command
from django.http import HttpResponse
from django.test import RequestFactory
from django.views.debug import ExceptionReporter

from hedgerow.core.anonymity import (
    IDENTIFYING_META,
    AnonymityMiddleware,
    AnonymousExceptionReporterFilter,
    ClientAddressFilter,
)
from hedgerow.core.public import public_page
from hedgerow.core.ratelimit import REQUEST_KEY_ATTRIBUTE
from hedgerow.intelligence.tests.intake_journey import (  # noqa: F401
    Journey,
    _fresh_rate_limits,
    a_threat,
    jpeg_with_gps,
    text_of,
    upload,
)

pytestmark = pytest.mark.django_db

ADDRESS = "198.51.100.77"
USER_AGENT = "Mozilla/5.0 (Hedgerow-Test-Phone; Unique-Agent-7731)"
REFERER = "https://referrer.example/secret-page"
DEVICE = {
    "REMOTE_ADDR": ADDRESS,
    "HTTP_USER_AGENT": USER_AGENT,
    "HTTP_X_FORWARDED_FOR": "192.0.2.44, " + ADDRESS,
    "HTTP_X_REAL_IP": ADDRESS,
    "HTTP_REFERER": REFERER,
    "HTTP_COOKIE": "tracker=abc123",
}


def seen_by_view(path: str, view=None) -> dict:
    """What request.META and the rate key look like by the time a view runs."""
    request = RequestFactory().get(path, **DEVICE)
    seen = {}

    def get_response(req):
        seen.update(meta=dict(req.META), key=getattr(req, REQUEST_KEY_ATTRIBUTE, None))
        return HttpResponse()

    middleware = AnonymityMiddleware(get_response)
    if view is not None:
        middleware.process_view(request, view, (), {})
    middleware(request)
    return seen


@pytest.mark.parametrize(
    "path",
    [
        "/report/",
        "/cy/report/where/",
        "/pl/report/follow-up/",
        "/open311/v2/requests.json",
    ],
)
def test_reporting_paths_lose_every_identifying_header(path):
    seen = seen_by_view(path)

    assert not set(IDENTIFYING_META) & set(seen["meta"])
    assert seen["key"]
    assert ADDRESS not in seen["key"]


def test_public_views_elsewhere_are_stripped_too():
    @public_page
    def view(request):
        return HttpResponse()

    seen = seen_by_view("/signs/", view=view)

    assert "REMOTE_ADDR" not in seen["meta"]
    assert "HTTP_USER_AGENT" not in seen["meta"]


def test_staff_pages_keep_the_address_for_the_lockout_system():
    seen = seen_by_view("/accounts/login/", view=lambda request: HttpResponse())

    assert seen["meta"]["REMOTE_ADDR"] == ADDRESS


def test_anonymity_middleware_runs_before_every_other():
    assert settings.MIDDLEWARE[0] == "hedgerow.core.anonymity.AnonymityMiddleware"


def test_error_reports_carry_no_address_agent_cookie_or_secret(rf):
    token = secrets.token_urlsafe(16)  # a local named token, as in the views
    request = rf.post("/report/submit/", {"token": token, "x": "1"}, **DEVICE)
    try:
        raise ValueError("boom")
    except ValueError:
        reporter = ExceptionReporter(request, *sys.exc_info())
        text = reporter.get_traceback_text()
        html = reporter.get_traceback_html()

    assert settings.DEFAULT_EXCEPTION_REPORTER_FILTER.endswith(
        "AnonymousExceptionReporterFilter"
    )
    assert isinstance(reporter.filter, AnonymousExceptionReporterFilter)
    for report in (text, html):
        for value in (ADDRESS, USER_AGENT, REFERER, "abc123", token):
            assert value not in report


def test_log_filter_removes_addresses():
    record = logging.LogRecord(
        "gunicorn.error",
        logging.INFO,
        __file__,
        1,
        "Connection from %s and %s failed",
        ("203.0.113.9", "2001:db8::1"),
        None,
    )

    ClientAddressFilter().filter(record)

    assert record.getMessage() == (
        "Connection from [address removed] and [address removed] failed"
    )


def test_log_filter_leaves_times_alone():
    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "Started at 12:30:45", (), None
    )

    ClientAddressFilter().filter(record)

    assert record.getMessage() == "Started at 12:30:45"


def test_django_console_log_handler_is_filtered():
    handlers = settings.LOGGING["handlers"]
    assert handlers["console"]["filters"] == ["no_client_address"]
    assert settings.LOGGING["loggers"]["django.server"]["handlers"] == ["console"]


def test_gunicorn_access_log_has_no_address_agent_or_referrer():
    config = runpy.run_path(str(settings.BASE_DIR / "config" / "gunicorn.conf.py"))

    log_format = config["access_log_format"]
    for atom in ("%(h)s", "%(a)s", "%(f)s", "%(r)s", "%(q)s", "{"):
        assert atom not in log_format


def test_full_report_and_follow_up_leave_no_trace_of_the_device(client, caplog):
    caplog.set_level(logging.DEBUG)
    client.defaults.update(DEVICE)
    journey = Journey(client)
    journey.get()
    journey.answer_everything(a_threat(), photos=[upload("a.jpg", jpeg_with_gps())])
    confirmation = journey.submit()
    text = text_of(confirmation)
    reference = re.search(r"HR-[0-9A-Z]{4}-[0-9A-Z]{4}", text).group(0)
    secret = re.search(r"(?:[0-9A-Z]{4}-){6}[0-9A-Z]{4}", text).group(0)
    client.post(
        "/report/follow-up/",
        {"reference": reference, "secret": secret, "action": "add", "text": "More."},
    )

    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    for value in (ADDRESS, "192.0.2.44", USER_AGENT, "Unique-Agent-7731", "abc123"):
        assert value not in dump.getvalue()
        assert value not in caplog.text
    for response in journey.responses:
        assert "Set-Cookie" not in response.headers


def test_privacy_notice_says_plainly_what_happens_when_you_report(client):
    text = text_of(client.get("/privacy/"))

    assert "Residents cannot report concerns online yet" not in text
    assert "Nothing about your device is kept: not your IP address" in text
    assert "remove the location (GPS), the camera details" in text
    assert "a random value that is replaced every hour" in text
    assert "instruction not to store them" in text
    assert "only if you choose to be contacted and tick the box" in text
    assert "nobody, including us, can tell it to you again" in text
    assert "the partnership’s retention policy" in text
