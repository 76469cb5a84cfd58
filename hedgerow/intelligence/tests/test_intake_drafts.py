"""Drafts: expiry, and the housekeeping command that deletes expired ones."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from hedgerow.intelligence.models import DraftPhoto, ReportDraft
from hedgerow.intelligence.services import drafts
from hedgerow.intelligence.services.photos import photo_sanitise
from hedgerow.intelligence.tests.intake_journey import jpeg_with_gps

pytestmark = pytest.mark.django_db


def test_draft_keeps_only_a_hash_of_its_token():
    draft, token = drafts.draft_create()

    assert token not in draft.token_hash
    assert drafts.draft_get(token) == draft
    assert drafts.draft_get(token + "x") is None


def test_expired_draft_is_deleted_when_its_token_is_used():
    draft, token = drafts.draft_create()
    drafts.draft_photo_add(draft=draft, photo=photo_sanitise(jpeg_with_gps()))
    ReportDraft.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    assert drafts.draft_get(token) is None
    assert not ReportDraft.objects.exists()
    assert not DraftPhoto.objects.exists()


def test_using_a_draft_pushes_its_expiry_back(settings):
    draft, token = drafts.draft_create()
    soon = timezone.now() + timedelta(minutes=5)
    ReportDraft.objects.update(expires_at=soon)

    drafts.draft_get(token)

    draft.refresh_from_db()
    lifetime = settings.HEDGEROW_REPORT_DRAFT_LIFETIME
    assert draft.expires_at > timezone.now() + lifetime - timedelta(minutes=1)


def test_purge_report_drafts_deletes_only_expired_drafts():
    expired, _token = drafts.draft_create()
    drafts.draft_photo_add(draft=expired, photo=photo_sanitise(jpeg_with_gps()))
    ReportDraft.objects.filter(pk=expired.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    live, _live_token = drafts.draft_create()
    out = io.StringIO()

    call_command("purge_report_drafts", stdout=out)

    assert "Deleted 1 expired report draft(s)." in out.getvalue()
    assert list(ReportDraft.objects.all()) == [live]
    assert not DraftPhoto.objects.exists()
