"""Entity resolution jobs: a partner's file, matched against the register, judged.

OFFICIAL-SENSITIVE. The uploaded file is kept in the database with its job (as
report photos are, ADR 0008) so the background worker needs no shared disk, and
is deleted with the job. A pair is one uploaded record and the register subject
it may be; an officer judges it, and "same" merges the record into the subject
as a SourceRecord.
"""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hedgerow.core.models import TimeStampedModel


class RecordKind(models.TextChoices):
    PEOPLE = "people", _("People")
    BUSINESSES = "businesses", _("Businesses")


class JobStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Waiting for its columns to be matched")
    QUEUED = "queued", _("Waiting to run")
    RUNNING = "running", _("Running")
    DONE = "done", _("Ready to review")
    FAILED = "failed", _("Could not run")


class Decision(models.TextChoices):
    PENDING = "pending", _("Not judged yet")
    SAME = "same", _("Same")
    DIFFERENT = "different", _("Different")
    UNSURE = "unsure", _("Unsure")


class ResolutionJob(TimeStampedModel):
    """One uploaded file of partner records and its run against the register."""

    dataset = models.CharField(
        _("name of the records"),
        max_length=200,
        help_text=_("For example, Leeds Housing tenancy records, November 2026"),
    )
    kind = models.CharField(
        _("kind of records"), max_length=12, choices=RecordKind.choices
    )
    purpose = models.TextField(_("purpose"), max_length=1000)
    filename = models.CharField(max_length=255)
    content = models.BinaryField(editable=False)
    columns = models.JSONField(default=list)
    row_count = models.PositiveIntegerField(default=0)
    # Canonical field (hedgerow.networks.resolution.FIELDS) -> the file's column.
    column_map = models.JSONField(default=dict)
    id_column = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        max_length=8, choices=JobStatus.choices, default=JobStatus.UPLOADED
    )
    progress = models.PositiveSmallIntegerField(default=0)
    stage = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    register_count = models.PositiveIntegerField(default=0)
    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering: ClassVar = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.dataset


class CandidatePair(models.Model):
    """An uploaded record and the register subject it may be, for judging."""

    job = models.ForeignKey(
        ResolutionJob, on_delete=models.CASCADE, related_name="pairs"
    )
    record_id = models.CharField(max_length=100)
    record = models.JSONField(default=dict)
    subject = models.ForeignKey(
        "networks.Subject", on_delete=models.CASCADE, related_name="+"
    )
    match_probability = models.FloatField()
    match_weight = models.FloatField()
    # [[field, weight in bits], …], strongest evidence for the match first.
    drivers = models.JSONField(default=list)
    decision = models.CharField(
        max_length=9, choices=Decision.choices, default=Decision.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-match_probability", "pk"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["job", "record_id"], name="one_candidate_per_record"
            )
        ]

    def __str__(self) -> str:
        return f"{self.record_id} ~ {self.subject_id}"
