"""Ballots: what each voter chose, with nothing that leads back to the voter.

A ballot has a random id and no time, address, device, session or code (ADR 0022).
A paper ballot names the staff who entered and confirmed it, never the voter, and
holds its code only until a second person confirms it.
"""

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BallotChannel(models.TextChoices):
    ONLINE = "online", _("Online")
    PAPER = "paper", _("Paper")
    FILE = "file", _("From an imported file")


class Ballot(models.Model):
    """One voter's ballot; counted once confirmed (online ballots are at once)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(
        "budgeting.Round", on_delete=models.CASCADE, related_name="ballots"
    )
    channel = models.CharField(max_length=6, choices=BallotChannel.choices)
    is_confirmed = models.BooleanField(default=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Until confirmed, a paper ballot holds its code so a rejection can free it.
    pending_code = models.OneToOneField(
        "budgeting.VotingCode",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # A paper ballot's place in the entry queue, cleared once confirmed.
    paper_number = models.CharField(max_length=40, blank=True)

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=models.Q(is_confirmed=False)
                | models.Q(pending_code__isnull=True),
                name="confirmed_ballot_keeps_no_code",
            ),
        ]

    def __str__(self) -> str:
        return f"ballot in {self.round}"


class BallotChoice(models.Model):
    """One project on a ballot, with the points given to it (1 for a tick)."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="choices")
    bid = models.ForeignKey(
        "budgeting.Bid", on_delete=models.PROTECT, related_name="choices"
    )
    points = models.PositiveIntegerField(default=1)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["ballot", "bid"], name="one_choice_per_bid"
            ),
            models.CheckConstraint(
                condition=models.Q(points__gte=1), name="choice_has_points"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bid} on {self.ballot}"
