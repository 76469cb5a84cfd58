"""Abuse: the honeypot, the rate limit, and a submission that fails half-way."""

import re

import pytest

from hedgerow.audit.models import AuditEvent
from hedgerow.core.ratelimit import RATE_LIMITED, Limit, limiter
from hedgerow.intelligence.models import Report, ReportDraft, ReportPhoto, Routing
from hedgerow.intelligence.services import submission
from hedgerow.intelligence.tests.intake_journey import (  # noqa: F401
    Journey,
    _fresh_rate_limits,
    a_threat,
    jpeg_with_gps,
    shows,
    text_of,
    upload,
)
from hedgerow.intelligence.views import intake as intake_views

pytestmark = pytest.mark.django_db


def test_honeypot_gets_a_normal_confirmation_and_nothing_is_kept(client):
    journey = Journey(client)
    journey.answer_everything(a_threat(), photos=[upload("a.jpg", jpeg_with_gps())])

    response = journey.submit({"website": "http://spam.example"})

    assert response.status_code == 200
    assert "Report sent" in text_of(response)
    assert re.search(r"HR-[0-9A-Z]{4}-[0-9A-Z]{4}", text_of(response))
    assert not Report.objects.exists()
    assert not ReportDraft.objects.exists()
    assert not AuditEvent.objects.filter(target_type="intelligence.report").exists()


def test_honeypot_on_a_step_keeps_nothing(client):
    journey = Journey(client)
    journey.start()

    response = journey.post("threat", {"threat": "not-sure", "website": "x"})

    assert "Report sent" in text_of(response)
    assert not ReportDraft.objects.exists()


def test_honeypot_is_hidden_from_people_screen_readers_and_the_keyboard(client):
    page = Journey(client).start().content.decode()

    wrapper = re.search(r'<div hidden aria-hidden="true">(.*?)</div>', page, re.S)
    assert wrapper
    assert 'name="website"' in wrapper.group(1)
    assert 'tabindex="-1"' in wrapper.group(1)


def test_too_many_submissions_get_a_clear_429_and_the_draft_survives(
    client, monkeypatch
):
    monkeypatch.setattr(intake_views, "REPORT_SUBMISSIONS", Limit("test_submit", 2))
    threat = a_threat()
    for _ in range(2):
        journey = Journey(client)
        journey.answer_everything(threat)
        assert "Report sent" in text_of(journey.submit())
    journey = Journey(client)
    journey.answer_everything(threat)

    refused = journey.submit()

    assert refused.status_code == 429
    assert shows(refused, RATE_LIMITED)
    assert refused.headers["Cache-Control"] == "no-store"
    assert Report.objects.count() == 2
    assert ReportDraft.objects.count() == 1


def test_too_many_drafts_get_a_429(client, monkeypatch):
    monkeypatch.setattr(intake_views, "DRAFT_CREATIONS", Limit("test_drafts", 3))
    for _ in range(3):
        assert Journey(client).start().status_code == 200

    refused = Journey(client).start()

    assert refused.status_code == 429
    assert shows(refused, RATE_LIMITED)
    assert ReportDraft.objects.count() == 3


def test_rate_limit_key_is_not_the_address(client):
    client.post("/report/", REMOTE_ADDR="198.51.100.23")

    keys = limiter.keys()
    assert len(keys) == 1
    assert "198.51.100.23" not in keys[0]
    assert re.fullmatch(r"[0-9a-f]{64}", keys[0])


def test_another_address_has_its_own_allowance(client, monkeypatch):
    monkeypatch.setattr(intake_views, "DRAFT_CREATIONS", Limit("test_drafts", 1))
    client.post("/report/", REMOTE_ADDR="198.51.100.23")

    assert client.post("/report/", REMOTE_ADDR="198.51.100.23").status_code == 429
    assert client.post("/report/", REMOTE_ADDR="203.0.113.7").status_code == 200


def test_failure_during_submission_stores_nothing_and_keeps_the_draft(
    client, monkeypatch
):
    journey = Journey(client)
    journey.answer_everything(a_threat(), photos=[upload("a.jpg", jpeg_with_gps())])

    def routing_fails(*, report):
        raise RuntimeError("routing is down")

    monkeypatch.setattr(submission, "report_route", routing_fails)
    with pytest.raises(RuntimeError):
        journey.submit()

    assert not Report.objects.exists()
    assert not ReportPhoto.objects.exists()
    assert not Routing.objects.exists()
    draft = ReportDraft.objects.get()
    assert draft.photos.count() == 1
    monkeypatch.undo()
    assert "Report sent" in text_of(journey.submit())
    assert ReportPhoto.objects.count() == 1
