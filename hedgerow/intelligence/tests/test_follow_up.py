"""Follow-up: the reporter, with only the reference and secret, sees the status,
answers questions and adds information, anonymously."""

import re

import pytest
from django.utils import timezone

from hedgerow.audit.models import AuditEvent
from hedgerow.core.ratelimit import RATE_LIMITED, Limit
from hedgerow.intelligence.forms import follow_up as messages
from hedgerow.intelligence.models import Message, MessageKind, ReportPhoto
from hedgerow.intelligence.services.submission import (
    PUBLIC_ACTOR,
    receipt_code,
    secret_digest,
)
from hedgerow.intelligence.tests.factories import ReportFactory
from hedgerow.intelligence.tests.intake_journey import (  # noqa: F401
    _fresh_rate_limits,
    assert_stored_photo_is_bare,
    jpeg_with_gps,
    shows,
    text_of,
    upload,
)
from hedgerow.intelligence.views import follow_up as follow_up_views

pytestmark = pytest.mark.django_db
URL = "/report/follow-up/"


@pytest.fixture
def receipt():
    """A report with a known reference and secret."""
    secret = receipt_code(28)
    report = ReportFactory(reference="HR-7K3M-Q9TB", secret_hash=secret_digest(secret))
    return report, secret


def open_report(client, reference, secret, **data):
    return client.post(URL, {"reference": reference, "secret": secret, **data})


def a_question(report, text="What colour was the car?"):
    return Message.objects.create(
        report=report, kind=MessageKind.QUESTION, text=text, created_at=timezone.now()
    )


def test_follow_up_start_page_asks_for_reference_and_secret(client):
    response = client.get(URL)

    assert "Follow up a report you made" in text_of(response)
    assert response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers


def test_right_pair_typed_loosely_opens_the_report(client, receipt):
    _report, secret = receipt
    loose = secret.lower().replace("-", " ")

    response = open_report(client, "hr 7k3m q9tb", loose)

    assert "Your report HR-7K3M-Q9TB" in text_of(response)
    assert "Received" in text_of(response)
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("wrong", ["reference", "secret"])
def test_wrong_pair_gives_one_generic_error(client, receipt, wrong):
    report, secret = receipt
    reference = "HR-7K3M-Q9TC" if wrong == "reference" else report.reference
    if wrong == "secret":
        secret = receipt_code(28)

    response = open_report(client, reference, secret)

    assert shows(response, messages.RECEIPT_WRONG)
    assert "Your report" not in text_of(response)


def test_status_follows_triage_in_broad_terms(client, receipt):
    report, secret = receipt
    report.status = "in_progress"
    report.save()

    response = open_report(client, report.reference, secret)

    assert "Being looked at" in text_of(response)


def test_reference_and_secret_never_go_in_a_link(client, receipt):
    report, secret = receipt
    a_question(report)

    page = open_report(client, report.reference, secret).content.decode()

    assert secret not in " ".join(re.findall(r'href="([^"]*)"', page))
    assert page.count(f'name="secret" value="{secret}"') >= 3  # every form carries it


def test_answering_a_question(client, receipt):
    report, secret = receipt
    question = a_question(report)
    page = open_report(client, report.reference, secret)
    assert "What colour was the car?" in text_of(page)

    response = open_report(
        client,
        report.reference,
        secret,
        action="answer",
        question=str(question.pk),
        **{f"q{question.pk}-answer": "Silver, with a dent."},
    )

    assert shows(response, follow_up_views.ANSWER_SENT)
    answer = Message.objects.get(kind=MessageKind.ANSWER)
    assert answer.in_reply_to == question
    assert answer.text == "Silver, with a dent."
    assert answer.author is None
    event = AuditEvent.objects.filter(target_type="intelligence.report").last()
    assert event.actor_id is None
    assert event.actor_label == PUBLIC_ACTOR


def test_empty_answer_is_refused_with_a_message(client, receipt):
    report, secret = receipt
    question = a_question(report)

    response = open_report(
        client, report.reference, secret, action="answer", question=str(question.pk)
    )

    assert shows(response, messages.ANSWER_REQUIRED)
    assert not Message.objects.filter(kind=MessageKind.ANSWER).exists()


def test_answer_to_another_reports_question_is_ignored(client, receipt):
    report, secret = receipt
    other_question = a_question(ReportFactory())

    open_report(
        client,
        report.reference,
        secret,
        action="answer",
        question=str(other_question.pk),
        **{f"q{other_question.pk}-answer": "Hello"},
    )

    assert not Message.objects.filter(kind=MessageKind.ANSWER).exists()


def test_adding_information_and_a_photo(client, receipt):
    report, secret = receipt

    response = open_report(
        client,
        report.reference,
        secret,
        action="add",
        text="The van came back today.",
        photos=[upload("van.jpg", jpeg_with_gps())],
    )

    assert shows(response, follow_up_views.UPDATE_SENT)
    message = Message.objects.get(kind=MessageKind.REPORTER_UPDATE)
    assert message.text == "The van came back today."
    photo = ReportPhoto.objects.get()
    assert photo.message == message
    assert photo.report == report
    assert_stored_photo_is_bare(photo.content)
    event = AuditEvent.objects.filter(target_type="intelligence.report").last()
    assert event.actor_label == PUBLIC_ACTOR
    assert event.detail["photos"] == 1


def test_empty_update_is_refused(client, receipt):
    report, secret = receipt

    response = open_report(client, report.reference, secret, action="add", text="")

    assert shows(response, messages.UPDATE_REQUIRED)
    assert not Message.objects.exists()


def test_bad_photo_refuses_the_whole_update_and_keeps_the_text(client, receipt):
    report, secret = receipt

    response = open_report(
        client,
        report.reference,
        secret,
        action="add",
        text="More detail here.",
        photos=[upload("n.txt", b"not a photo", "text/plain")],
    )

    assert shows(response, "n.txt: The selected file must be a photo")
    assert "More detail here." in text_of(response)
    assert not Message.objects.exists()
    assert not ReportPhoto.objects.exists()


def test_duplicate_report_still_has_its_own_follow_up(client, receipt):
    report, secret = receipt
    report.duplicate_of = ReportFactory()
    report.save()

    response = open_report(client, report.reference, secret, action="add", text="More.")

    assert shows(response, follow_up_views.UPDATE_SENT)
    assert Message.objects.get().report == report


def test_follow_up_is_rate_limited(client, receipt, monkeypatch):
    report, secret = receipt
    monkeypatch.setattr(follow_up_views, "FOLLOW_UP_ATTEMPTS", Limit("test_fu", 2))
    open_report(client, report.reference, "wrong")
    open_report(client, report.reference, "wrong")

    response = open_report(client, report.reference, secret)

    assert response.status_code == 429
    assert shows(response, RATE_LIMITED)


def test_welsh_follow_up_keeps_welsh_forms(client, receipt):
    report, secret = receipt

    response = client.post(
        "/cy" + URL, {"reference": report.reference, "secret": secret}
    )

    page = response.content.decode()
    assert '<html lang="cy"' in page
    assert 'action="/cy/report/follow-up/"' in page
