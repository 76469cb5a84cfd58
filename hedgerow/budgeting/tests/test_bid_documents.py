"""A group adds documents to its bid through its link; coordinators read them, and
every reading by staff is on the audit trail."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from hedgerow.accounts.roles import Role
from hedgerow.audit.models import AuditEvent
from hedgerow.budgeting.models import BidDocument, BidStatus, Phase, Round
from hedgerow.budgeting.services.secrets import link_hash
from hedgerow.budgeting.tests.factories import BidFactory, RoundFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
SECRET = "a-secret-only-the-group-has"


@pytest.fixture
def bid():
    round = RoundFactory(
        phase=Phase.BIDS_OPEN, bids_close_at=timezone.now() + datetime.timedelta(days=3)
    )
    return BidFactory(
        round=round, status=BidStatus.SUBMITTED, link_hash=link_hash(SECRET)
    )


def upload(client, name, content):
    return client.post(
        reverse("pb:bid_edit", args=[SECRET]),
        {"action": "upload", "document": SimpleUploadedFile(name, content)},
    )


def test_a_group_adds_a_document_and_downloads_it_again(client, bid):
    page = upload(client, "budget.pdf", PDF).content.decode()
    document = BidDocument.objects.get(bid=bid)
    assert "budget.pdf" in page
    response = client.get(reverse("pb:bid_document", args=[SECRET, document.pk]))
    assert response.content == PDF
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]


def test_a_file_that_is_not_what_its_name_says_is_refused(client, bid):
    page = upload(client, "budget.pdf", b"MZ\x90\x00 not a pdf").content.decode()
    assert "is not a real PDF file" in page
    assert not BidDocument.objects.exists()


def test_no_documents_change_after_the_deadline(client, bid):
    Round.objects.filter(pk=bid.round_id).update(bids_close_at=timezone.now())
    upload(client, "budget.pdf", PDF)
    assert not BidDocument.objects.exists()


def test_a_coordinator_reads_a_document_and_it_is_audited(client, bid, staff_client):
    upload(client, "budget.pdf", PDF)
    document = BidDocument.objects.get()
    coordinator = staff_client(Role.COORDINATOR)
    url = reverse(
        "budgeting:bid_document", args=[bid.round.slug, bid.reference, document.pk]
    )
    assert coordinator.get(url).content == PDF
    assert AuditEvent.objects.filter(
        target_type="budgeting.biddocument", target_id=str(document.pk)
    ).exists()
