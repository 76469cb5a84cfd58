"""Delivery: what each funded project did with the money, for the partnership's
report to residents and funders."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hedgerow.core.models import TimeStampedModel


class DeliveryStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETE = "complete", _("Complete")
    STOPPED = "stopped", _("Stopped")


class Delivery(TimeStampedModel):
    """A funded bid's progress to completion."""

    bid = models.OneToOneField(
        "budgeting.Bid", on_delete=models.CASCADE, related_name="delivery"
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.NOT_STARTED,
    )
    spent = models.PositiveIntegerField(_("spent so far"), default=0)
    outcomes = models.TextField(_("what it achieved"), max_length=4000, blank=True)
    areas = models.ManyToManyField(
        "geography.Lsoa", blank=True, related_name="+", verbose_name=_("areas reached")
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering: ClassVar = ["bid"]
        verbose_name_plural = "deliveries"

    def __str__(self) -> str:
        return f"delivery of {self.bid}"


class DeliveryPhoto(models.Model):
    """A photo of a project's work, re-encoded without metadata (ADR 0008)."""

    delivery = models.ForeignKey(
        Delivery, on_delete=models.CASCADE, related_name="photos"
    )
    caption = models.CharField(_("what the photo shows"), max_length=300)
    content = models.BinaryField()
    content_type = models.CharField(max_length=32)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    added_at = models.DateTimeField()

    class Meta:
        ordering: ClassVar = ["added_at", "pk"]

    def __str__(self) -> str:
        return self.caption
