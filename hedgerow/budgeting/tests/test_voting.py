"""Voting codes and ballots: each code votes once, even under simultaneous use; a
bad ballot is refused with the reason and leaves nothing behind; nothing links a
ballot to its code, its voter or their device."""

import datetime
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection
from django.utils import timezone

from hedgerow.accounts.roles import Role
from hedgerow.accounts.tests.factories import UserFactory
from hedgerow.budgeting.models import (
    Ballot,
    BallotChoice,
    Phase,
    VotingCode,
    VotingCodeBatch,
    VotingMethod,
)
from hedgerow.budgeting.services import codes as code_services
from hedgerow.budgeting.services import voting
from hedgerow.budgeting.tests.factories import BidFactory, RoundFactory

ATTEMPTS = 100
THREADS = 25


def issue(round, size=1, **overrides):
    coordinator = UserFactory(role=Role.COORDINATOR)
    fields = {
        "label": "Vote event",
        "channel": "event",
        "size": size,
        "expires_at": timezone.now() + datetime.timedelta(days=3),
    } | overrides
    return code_services.codes_issue(round=round, by=coordinator, **fields)


@pytest.mark.django_db(transaction=True)
def test_a_hundred_simultaneous_attempts_with_one_code_record_one_ballot():
    round = RoundFactory(phase=Phase.VOTING)
    bid = BidFactory(round=round)
    (code,) = issue(round).codes
    start = threading.Barrier(THREADS)
    outcomes: list[str] = []

    def attempt(n: int) -> str:
        if n < THREADS:
            start.wait()  # the first wave all try at the same moment
        try:
            voting.ballot_cast(round=round, code=code, choices={bid.pk: 1})
        except ValidationError as error:
            return error.messages[0]
        finally:
            close_old_connections()
            connection.close()
        return "cast"

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        outcomes = list(pool.map(attempt, range(ATTEMPTS)))
    assert outcomes.count("cast") == 1
    assert set(outcomes) - {"cast"} == {str(voting.CODE_USED)}
    assert Ballot.objects.count() == 1
    assert BallotChoice.objects.count() == 1


@pytest.mark.django_db
def test_used_unknown_expired_and_cancelled_codes_are_refused_in_plain_words():
    round = RoundFactory(phase=Phase.VOTING)
    bid = BidFactory(round=round)
    fresh, spent = issue(round, size=2).codes
    voting.ballot_cast(round=round, code=spent, choices={bid.pk: 1})
    expired = issue(round).codes[0]
    cancelled_batch = issue(round)
    code_services.codes_void(batch=cancelled_batch.batch, by=UserFactory())
    VotingCodeBatch.objects.filter(codes__code_hash=voting.code_hash(expired)).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    problem = voting.code_problem
    assert problem(round=round, code=fresh) is None
    assert problem(round=round, code=spent) == str(voting.CODE_USED)
    assert problem(round=round, code="ABCDE-FGHJK") == str(voting.CODE_UNKNOWN)
    assert problem(round=round, code=expired) == str(voting.CODE_EXPIRED)
    assert problem(round=round, code=cancelled_batch.codes[0]) == str(
        voting.CODE_VOIDED
    )
    # A code is for its own round only.
    other = RoundFactory(phase=Phase.VOTING)
    assert problem(round=other, code=fresh) == str(voting.CODE_UNKNOWN)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "limits", "amounts", "choices", "message"),
    [
        (
            VotingMethod.APPROVAL,
            {"max_choices": 2},
            [100, 100, 100],
            [1, 1, 1],
            "You chose 3 projects. You can choose up to 2.",
        ),
        (
            VotingMethod.KNAPSACK,
            {"budget": 5000},
            [3000, 2500],
            [1, 1],
            "The projects you chose cost £5,500, which is more than the £5,000 budget.",
        ),
        (
            VotingMethod.CUMULATIVE,
            {"points": 10},
            [100, 100],
            [6, 5],
            "You gave 11 points. You have 10 to share out.",
        ),
        (
            VotingMethod.APPROVAL,
            {"max_choices": 2},
            [100],
            [0],
            "Choose at least one project.",
        ),
    ],
)
def test_an_invalid_ballot_is_refused_with_the_reason_and_spends_nothing(
    method, limits, amounts, choices, message
):
    round = RoundFactory(
        phase=Phase.VOTING, voting_method=method, **({"max_choices": None} | limits)
    )
    bids = [BidFactory(round=round, amount=a) for a in amounts]
    (code,) = issue(round).codes
    with pytest.raises(ValidationError) as refused:
        voting.ballot_cast(
            round=round,
            code=code,
            choices={bid.pk: n for bid, n in zip(bids, choices, strict=True)},
        )
    assert message in refused.value.messages[0]
    assert not Ballot.objects.exists()
    assert voting.code_problem(round=round, code=code) is None


@pytest.mark.django_db
def test_a_ballot_keeps_nothing_that_leads_back_to_its_code_or_time():
    round = RoundFactory(
        phase=Phase.VOTING,
        voting_method=VotingMethod.CUMULATIVE,
        max_choices=None,
        points=10,
    )
    bids = [BidFactory(round=round) for _ in range(2)]
    (code,) = issue(round).codes
    voting.ballot_cast(round=round, code=code, choices={bids[0].pk: 7, bids[1].pk: 3})
    ballot = Ballot.objects.get()
    columns = {f.name for f in Ballot._meta.get_fields()}
    assert not columns & {
        "created_at",
        "updated_at",
        "code",
        "ip",
        "user_agent",
        "session",
    }
    assert ballot.pending_code is None
    assert ballot.entered_by is None
    used = VotingCode.objects.get(used_on__isnull=False)
    assert used.used_on == timezone.localdate()  # the day only, never the moment
    assert sorted(ballot.choices.values_list("points", flat=True)) == [3, 7]


@pytest.mark.django_db
def test_a_paper_ballot_counts_only_once_a_second_person_confirms_it():
    round = RoundFactory(phase=Phase.VOTING)
    bid = BidFactory(round=round)
    first, second = (
        UserFactory(role=Role.COORDINATOR),
        UserFactory(role=Role.COORDINATOR),
    )
    code, other_code = issue(round, size=2, channel="paper").codes
    ballot = voting.paper_ballot_enter(
        round=round, by=first, code=code, choices={bid.pk: 1}, number="17"
    )
    assert not ballot.is_confirmed
    assert voting.code_problem(round=round, code=code) == str(voting.CODE_USED)
    with pytest.raises(ValidationError, match="second person"):
        voting.paper_ballot_confirm(ballot=ballot, by=first)
    voting.paper_ballot_confirm(ballot=ballot, by=second)
    ballot.refresh_from_db()
    assert ballot.is_confirmed
    assert ballot.pending_code is None
    assert ballot.paper_number == ""

    # A rejected entry is discarded and its code freed for re-entry.
    wrong = voting.paper_ballot_enter(
        round=round, by=first, code=other_code, choices={bid.pk: 1}, number="18"
    )
    voting.paper_ballot_reject(ballot=wrong, by=second)
    assert Ballot.objects.count() == 1
    assert voting.code_problem(round=round, code=other_code) is None


@pytest.mark.django_db
def test_voting_is_refused_outside_the_voting_phase():
    round = RoundFactory(phase=Phase.VOTING)
    bid = BidFactory(round=round)
    (code,) = issue(round).codes
    round.phase = Phase.RESULTS
    round.save()
    with pytest.raises(ValidationError, match="not open"):
        voting.ballot_cast(round=round, code=code, choices={bid.pk: 1})
    assert not Ballot.objects.exists()
