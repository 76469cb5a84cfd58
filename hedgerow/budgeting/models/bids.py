"""Bids: what a community group asks the round to fund, and the review of it.

A group works on its bid through a link emailed to it; only a hash of the link's
secret is kept, so the database alone cannot open anyone's bid.
"""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hedgerow.core.models import TimeStampedModel


class BidStatus(models.TextChoices):
    """A bid's place in the round; only eligible bids go on the ballot."""

    DRAFT = "draft", _("Started, not yet submitted")
    SUBMITTED = "submitted", _("Submitted, waiting for review")
    ELIGIBLE = "eligible", _("Eligible: on the ballot")
    INELIGIBLE = "ineligible", _("Not eligible")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Bid(TimeStampedModel):
    """One group's bid in one round."""

    round = models.ForeignKey(
        "budgeting.Round", on_delete=models.CASCADE, related_name="bids"
    )
    reference = models.CharField(_("reference"), max_length=12, unique=True)
    group_name = models.CharField(_("group or organisation"), max_length=200)
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    title = models.CharField(_("project title"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), max_length=2000, blank=True)
    amount = models.PositiveIntegerField(_("amount asked for"), null=True, blank=True)
    area = models.ForeignKey(
        "geography.Lsoa",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("neighbourhood"),
    )
    themes = models.ManyToManyField(
        "intelligence.Threat", blank=True, related_name="+", verbose_name=_("themes")
    )
    outcomes = models.TextField(_("what it will achieve"), max_length=4000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=BidStatus.choices, default=BidStatus.DRAFT
    )
    review_reason = models.TextField(_("reason"), max_length=2000, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # SHA-256 of the secret in the group's emailed link; empty for paper bids.
    link_hash = models.CharField(max_length=64, blank=True, db_index=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered on paper's behalf by"),
    )
    # The project id in a Pabulib file this bid was imported from, kept for exports.
    pabulib_id = models.CharField(max_length=64, blank=True)
    # The file's own result (its `selected` column), to compare the count with;
    # None for bids made in Hedgerow and for files that give no result.
    officially_funded = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["round", "pk"]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title or self.group_name}"

    @property
    def project_id(self) -> str:
        """The id the tally and `.pb` exports know the bid by; ties go to the lower."""
        return self.pabulib_id or f"{self.pk:06d}"


class BidDocument(models.Model):
    """A document supporting a bid, kept in the database with the bid (ADR 0008)."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="documents")
    name = models.CharField(_("file name"), max_length=200)
    content = models.BinaryField()
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    added_at = models.DateTimeField()

    class Meta:
        ordering: ClassVar = ["added_at", "pk"]

    def __str__(self) -> str:
        return self.name
