"""A participatory-budgeting round: its money, its timetable, how people vote and
which documented rule turns the ballots into funded projects."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hedgerow.core.models import TimeStampedModel


class Phase(models.TextChoices):
    """Where a round is; coordinators move it on, one phase at a time."""

    DRAFT = "draft", _("Being set up")
    BIDS_OPEN = "bids_open", _("Bids open")
    REVIEW = "review", _("Eligibility review")
    VOTING = "voting", _("Voting")
    RESULTS = "results", _("Results")
    DELIVERY = "delivery", _("Delivery")


PHASE_ORDER = [phase.value for phase in Phase]


class VotingMethod(models.TextChoices):
    """The ballot residents fill in."""

    APPROVAL = "approval", _("Choose up to a number of projects")
    KNAPSACK = "knapsack", _("Choose projects whose costs fit within the budget")
    CUMULATIVE = "cumulative", _("Share out points among projects")


class AllocationRule(models.TextChoices):
    """How the ballots become funded projects (docs/adr/0021)."""

    GREEDY = "greedy", _("Most votes first (utilitarian greedy)")
    EQUAL_SHARES = "mes", _("Method of Equal Shares")
    PHRAGMEN = "phragmen", _("Phragmén’s sequential rule (choose-up-to ballots only)")


class Satisfaction(models.TextChoices):
    """What a voter gains from a funded project, for greedy and Equal Shares."""

    COST = "cost", _("The money spent on projects they chose")
    CARDINALITY = "cardinality", _("The number of projects they chose")


class Completion(models.TextChoices):
    """How Equal Shares spends the money its first pass leaves."""

    NONE = "none", _("None: stop when no project can be paid for in equal shares")
    ADD1 = "add1", _("Add one: raise every voter’s share while the result fits")
    ADD1_GREEDY = "add1-greedy", _("Add one, then most votes first")
    BUDGET_INCREASE = (
        "budget-increase",
        _("Budget increase: raise shares until the result uses the budget"),
    )
    BUDGET_INCREASE_GREEDY = (
        "budget-increase-greedy",
        _("Budget increase, then most votes first"),
    )
    GREEDY = "greedy", _("Most votes first with the money left")


class Round(TimeStampedModel):
    """One round of participatory budgeting, from the call for bids to delivery."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("web address name"), max_length=80, unique=True)
    description = models.TextField(_("what the round is for"), max_length=4000)
    area_description = models.CharField(
        _("area, in words residents use"), max_length=300
    )
    areas = models.ManyToManyField(
        "geography.Lsoa", blank=True, related_name="+", verbose_name=_("areas")
    )
    currency = models.CharField(_("currency"), max_length=3, default="GBP")
    budget = models.PositiveIntegerField(_("budget"))
    min_bid = models.PositiveIntegerField(_("smallest bid"))
    max_bid = models.PositiveIntegerField(_("largest bid"))
    eligibility_rules = models.TextField(
        _("who and what can be funded"), max_length=4000
    )
    bids_open_on = models.DateField(_("bids open"))
    bids_close_at = models.DateTimeField(_("deadline for bids"))
    review_ends_on = models.DateField(_("eligibility review ends"))
    voting_opens_on = models.DateField(_("voting opens"))
    voting_closes_at = models.DateTimeField(_("voting closes"))
    results_on = models.DateField(_("results announced"))
    delivery_ends_on = models.DateField(_("projects delivered by"))
    phase = models.CharField(
        _("phase"), max_length=10, choices=Phase.choices, default=Phase.DRAFT
    )
    voting_method = models.CharField(
        _("how people vote"), max_length=10, choices=VotingMethod.choices
    )
    max_choices = models.PositiveSmallIntegerField(
        _("most projects a voter may choose"), null=True, blank=True
    )
    points = models.PositiveSmallIntegerField(
        _("points each voter shares out"), null=True, blank=True
    )
    rule = models.CharField(
        _("allocation rule"), max_length=10, choices=AllocationRule.choices
    )
    satisfaction = models.CharField(
        _("satisfaction measure"),
        max_length=12,
        choices=Satisfaction.choices,
        default=Satisfaction.COST,
    )
    completion = models.CharField(
        _("completion"),
        max_length=24,
        choices=Completion.choices,
        default=Completion.NONE,
    )
    # Set when a round is imported from a Pabulib file rather than run here.
    imported_from = models.CharField(_("imported from"), max_length=255, blank=True)
    results_published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering: ClassVar = ["-bids_open_on", "name"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=models.Q(min_bid__lte=models.F("max_bid")),
                name="round_min_bid_not_above_max",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_published(self) -> bool:
        return self.results_published_at is not None


class RoundResult(models.Model):
    """The counted result of a round, kept as computed so it can be shown and audited.

    `projects` explains every bid's fate; `comparison` says who would have won under
    each other rule on the same ballots (hedgerow.budgeting.tally.explain).
    """

    round = models.OneToOneField(Round, on_delete=models.CASCADE, related_name="result")
    rule = models.CharField(max_length=10, choices=AllocationRule.choices)
    satisfaction = models.CharField(max_length=12, blank=True)
    completion = models.CharField(max_length=24, blank=True)
    ballots_counted = models.PositiveIntegerField()
    total_cost = models.PositiveBigIntegerField()
    budget_per_voter = models.CharField(max_length=40, blank=True)
    projects = models.JSONField(default=list)
    comparison = models.JSONField(default=list)
    computed_at = models.DateTimeField()
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )

    def __str__(self) -> str:
        return f"result of {self.round}"


class RoundPublicFile(models.Model):
    """A published round's `.pb` file, built once and served to anyone who asks.

    A city's file takes seconds to build, too long to repeat for every download
    of a public address. `version` is a hash of what the file is built from, so a
    change to the round, its bids or its result builds it again (`round_public_pb`
    in hedgerow.budgeting.services.interchange.exporting). Kept apart from the
    result so that reading the results page does not read megabytes of file.
    """

    round = models.OneToOneField(
        Round, on_delete=models.CASCADE, related_name="public_file"
    )
    version = models.CharField(max_length=64)
    text = models.TextField()

    def __str__(self) -> str:
        return f"public file of {self.round}"
