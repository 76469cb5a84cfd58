"""Factories for rounds, bids, voting codes and ballots."""

import datetime
import secrets

import factory
from django.utils import timezone

from hedgerow.budgeting.models import (
    AllocationRule,
    Ballot,
    BallotChannel,
    BallotChoice,
    Bid,
    BidStatus,
    Phase,
    Round,
    VotingMethod,
)


def _days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def _at(n: int) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=n)


class RoundFactory(factory.django.DjangoModelFactory):
    """A £10,000 round in its voting phase: choose up to 3, counted by Equal Shares."""

    class Meta:
        model = Round

    name = factory.Sequence(lambda n: f"Safer Streets Fund {n}")
    slug = factory.Sequence(lambda n: f"safer-streets-{n}")
    description = "Small grants for projects that keep young people safe."
    area_description = "Harehills and Gipton"
    budget = 10_000
    min_bid = 500
    max_bid = 5_000
    eligibility_rules = "Constituted community groups working in the area."
    bids_open_on = factory.LazyFunction(lambda: _days(-60))
    bids_close_at = factory.LazyFunction(lambda: _at(-40))
    review_ends_on = factory.LazyFunction(lambda: _days(-30))
    voting_opens_on = factory.LazyFunction(lambda: _days(-7))
    voting_closes_at = factory.LazyFunction(lambda: _at(7))
    results_on = factory.LazyFunction(lambda: _days(10))
    delivery_ends_on = factory.LazyFunction(lambda: _days(365))
    phase = Phase.VOTING
    voting_method = VotingMethod.APPROVAL
    max_choices = 3
    rule = AllocationRule.EQUAL_SHARES


class BidFactory(factory.django.DjangoModelFactory):
    """An eligible £2,000 bid."""

    class Meta:
        model = Bid

    round = factory.SubFactory(RoundFactory)
    reference = factory.LazyFunction(lambda: secrets.token_hex(4).upper())
    group_name = factory.Sequence(lambda n: f"Community Group {n}")
    contact_email = factory.Sequence(lambda n: f"group{n}@example.org")
    title = factory.Sequence(lambda n: f"Project {n}")
    summary = "Evening sessions for young people."
    amount = 2_000
    outcomes = "Forty young people take part each week."
    status = BidStatus.ELIGIBLE
    submitted_at = factory.LazyFunction(timezone.now)


def ballot_cast(
    round: Round, bids: list[Bid], points: list[int] | None = None
) -> Ballot:
    """A confirmed online ballot choosing `bids` (with `points` if cumulative)."""
    ballot = Ballot.objects.create(round=round, channel=BallotChannel.ONLINE)
    for i, bid in enumerate(bids):
        BallotChoice.objects.create(
            ballot=ballot, bid=bid, points=points[i] if points else 1
        )
    return ballot


class RoundResultFactory(factory.django.DjangoModelFactory):
    """A counted result that funds nothing; `round_result` says which bids won."""

    class Meta:
        model = "budgeting.RoundResult"

    round = factory.SubFactory(RoundFactory, phase=Phase.RESULTS)
    rule = AllocationRule.EQUAL_SHARES
    ballots_counted = 100
    total_cost = 0
    projects = factory.LazyFunction(list)
    computed_at = factory.LazyFunction(timezone.now)


def round_result(round: Round, funded: list[Bid], unfunded: list[Bid] | None = None):
    """A counted result for `round` funding `funded` (and naming `unfunded` as not)."""
    projects = [{"project": bid.project_id, "funded": True} for bid in funded] + [
        {"project": bid.project_id, "funded": False} for bid in unfunded or []
    ]
    return RoundResultFactory(
        round=round,
        rule=round.rule,
        total_cost=sum(bid.amount or 0 for bid in funded),
        projects=projects,
    )


class DeliveryFactory(factory.django.DjangoModelFactory):
    """A funded bid's delivery, not started."""

    class Meta:
        model = "budgeting.Delivery"

    bid = factory.SubFactory(BidFactory)
