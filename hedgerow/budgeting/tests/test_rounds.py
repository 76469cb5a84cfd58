"""Moving a round through its phases: each step waits until the round is ready."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hedgerow.accounts.roles import Role
from hedgerow.accounts.tests.factories import UserFactory
from hedgerow.budgeting.models import (
    Ballot,
    BallotChannel,
    BidStatus,
    Delivery,
    Phase,
    RoundResult,
)
from hedgerow.budgeting.services import results, rounds
from hedgerow.budgeting.tests.factories import BidFactory, RoundFactory, ballot_cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    return UserFactory(role=Role.COORDINATOR)


def test_voting_waits_for_every_submitted_bid_to_be_reviewed(coordinator):
    round = RoundFactory(phase=Phase.REVIEW)
    BidFactory(round=round, status=BidStatus.SUBMITTED)
    with pytest.raises(ValidationError, match="1 submitted bids are still waiting"):
        rounds.round_advance(round=round, by=coordinator, phase=Phase.VOTING)
    round.refresh_from_db()
    assert round.phase == Phase.REVIEW


def test_voting_needs_an_eligible_bid(coordinator):
    round = RoundFactory(phase=Phase.REVIEW)
    BidFactory(round=round, status=BidStatus.INELIGIBLE)
    with pytest.raises(ValidationError, match="No bid is eligible"):
        rounds.round_advance(round=round, by=coordinator, phase=Phase.VOTING)


def test_a_round_moves_one_phase_at_a_time(coordinator):
    round = RoundFactory(phase=Phase.DRAFT)
    with pytest.raises(ValidationError, match="one phase at a time"):
        rounds.round_advance(round=round, by=coordinator, phase=Phase.VOTING)


def test_counting_waits_for_paper_ballots_to_be_confirmed(coordinator):
    round = RoundFactory(phase=Phase.VOTING)
    BidFactory(round=round)
    Ballot.objects.create(round=round, channel=BallotChannel.PAPER, is_confirmed=False)
    with pytest.raises(ValidationError, match="1 paper ballots are waiting"):
        rounds.round_advance(round=round, by=coordinator, phase=Phase.RESULTS)
    assert not RoundResult.objects.exists()


def test_the_round_page_tells_counted_ballots_from_paper_ones_waiting(staff_client):
    round = RoundFactory(phase=Phase.VOTING)
    bid = BidFactory(round=round)
    ballot_cast(round, [bid])
    ballot_cast(round, [bid])
    Ballot.objects.create(round=round, channel=BallotChannel.PAPER, is_confirmed=False)
    client = staff_client(Role.COORDINATOR)
    page = client.get(reverse("budgeting:round_detail", args=[round.slug]))
    text = " ".join(page.content.decode().split())
    assert "2 ballots counted." in text
    assert "1 paper ballot is waiting for a second person to confirm it." in text


def test_closing_voting_counts_and_delivery_tracks_the_funded(coordinator):
    round = RoundFactory(phase=Phase.VOTING, budget=4000, max_choices=1)
    winner = BidFactory(round=round, amount=3000)
    loser = BidFactory(round=round, amount=3000)
    for _ in range(3):
        ballot_cast(round, [winner])
    ballot_cast(round, [loser])
    round = rounds.round_advance(round=round, by=coordinator, phase=Phase.RESULTS)
    result = RoundResult.objects.get(round=round)
    funded = {row["project"] for row in result.projects if row["funded"]}
    assert funded == {winner.project_id}
    assert result.ballots_counted == 4
    with pytest.raises(ValidationError, match="Publish the results"):
        rounds.round_advance(round=round, by=coordinator, phase=Phase.DELIVERY)
    results.round_publish(round=round, by=coordinator)
    round.refresh_from_db()
    rounds.round_advance(round=round, by=coordinator, phase=Phase.DELIVERY)
    assert list(Delivery.objects.values_list("bid", flat=True)) == [winner.pk]


def test_the_rules_cannot_change_once_voting_has_opened(coordinator):
    round = RoundFactory(phase=Phase.VOTING)
    round.max_choices = 5
    with pytest.raises(ValidationError, match="cannot change once voting"):
        rounds.round_save(round=round, by=coordinator)


def test_settings_that_do_not_fit_together_are_refused(coordinator):
    round = RoundFactory.build(
        phase=Phase.DRAFT,
        slug="new",
        voting_method="cumulative",
        points=None,
        max_choices=None,
        rule="phragmen",
        completion="add1",
        max_bid=20_000,
    )
    with pytest.raises(ValidationError) as refused:
        rounds.round_save(round=round, by=coordinator)
    messages = " ".join(refused.value.messages)
    for expected in (
        "used by Hedgerow itself",
        "largest bid must be at least the smallest and within the budget",
        "how many points",
        "Phragmén",
        "Only the Method of Equal Shares takes a completion",
    ):
        assert expected in messages


def test_residents_cannot_see_a_round_being_set_up(client):
    round = RoundFactory(phase=Phase.DRAFT)
    assert client.get(reverse("pb:round_detail", args=[round.slug])).status_code == 404
    round.phase = Phase.BIDS_OPEN
    round.save()
    page = client.get(reverse("pb:round_detail", args=[round.slug]))
    assert "Start a bid" in page.content.decode()
