"""One-time voting codes, issued in batches at events or by letter.

Only a hash of each code is kept, and a used code records the day it was used, not
the moment, so a code cannot be matched to a ballot by time (ADR 0022).
"""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CodeChannel(models.TextChoices):
    """How a batch of codes reaches residents."""

    EVENT = "event", _("Handed out at an event")
    LETTER = "letter", _("Sent by letter")
    PAPER = "paper", _("Printed on paper ballots")


class VotingCodeBatch(models.Model):
    """A batch of codes printed together; voiding it stops every unused code."""

    round = models.ForeignKey(
        "budgeting.Round", on_delete=models.CASCADE, related_name="code_batches"
    )
    label = models.CharField(_("what the codes are for"), max_length=200)
    channel = models.CharField(
        _("how they reach people"), max_length=8, choices=CodeChannel.choices
    )
    size = models.PositiveIntegerField(_("number of codes"))
    expires_at = models.DateTimeField(_("codes expire"))
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    voided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-created_at"]

    def __str__(self) -> str:
        return self.label


class VotingCode(models.Model):
    """One code: usable once, until it expires or its batch is voided."""

    batch = models.ForeignKey(
        VotingCodeBatch, on_delete=models.CASCADE, related_name="codes"
    )
    round = models.ForeignKey(
        "budgeting.Round", on_delete=models.CASCADE, related_name="+"
    )
    code_hash = models.CharField(max_length=64, unique=True)
    used_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"code {self.pk} of {self.batch}"
