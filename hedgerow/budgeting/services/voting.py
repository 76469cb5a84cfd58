"""Casting a ballot with a one-time code, and paper ballots with two people.

A code is spent by one conditional UPDATE (`used_on IS NULL` → today) in the same
transaction that stores the ballot: of any number of simultaneous attempts with
one code, exactly one changes a row, and only that one stores a ballot. The ballot
itself keeps nothing about the code, the time or the device (ADR 0022).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hedgerow.accounts.models import User
from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.budgeting.models import (
    Ballot,
    BallotChannel,
    BallotChoice,
    Bid,
    Phase,
    Round,
    VotingCode,
    VotingMethod,
)
from hedgerow.budgeting.services.election import round_ballot_bids
from hedgerow.budgeting.services.secrets import code_hash
from hedgerow.budgeting.templatetags.pb import money

VOTING_CLOSED = _("Voting in this round is not open.")
CODE_UNKNOWN = _(
    "We do not recognise that code. Check it against your card or letter and try again."
)
CODE_USED = _("That code has already been used to vote. Each code can be used once.")
CODE_EXPIRED = _("That code has expired, so it can no longer be used to vote.")
CODE_VOIDED = _("That code has been cancelled, so it can no longer be used to vote.")
NO_CHOICE = _("Choose at least one project.")
TOO_MANY = _("You chose %(chosen)s projects. You can choose up to %(most)s.")
OVER_BUDGET = _(
    "The projects you chose cost %(cost)s, which is more than the %(budget)s "
    "budget. Remove a project to stay within the budget."
)
TOO_MANY_POINTS = _("You gave %(given)s points. You have %(points)s to share out.")
NOT_ON_BALLOT = _("One of the projects you chose is not on this ballot.")
SAME_PERSON = _(
    "A second person must confirm a paper ballot: you entered this one yourself."
)
ALREADY_CONFIRMED = _("This paper ballot has already been confirmed.")


def code_problem(*, round: Round, code: str) -> str | None:
    """Why this code cannot vote in this round now, in plain words; None if it can."""
    if round.phase != Phase.VOTING or timezone.now() >= round.voting_closes_at:
        return str(VOTING_CLOSED)
    found = (
        VotingCode.objects.filter(round=round, code_hash=code_hash(code))
        .select_related("batch")
        .first()
    )
    if found is None:
        return str(CODE_UNKNOWN)
    if found.used_on is not None:
        return str(CODE_USED)
    if found.batch.voided_at is not None:
        return str(CODE_VOIDED)
    if found.batch.expires_at <= timezone.now():
        return str(CODE_EXPIRED)
    return None


def ballot_problems(*, round: Round, choices: dict[int, int]) -> list[str]:
    """Everything wrong with these choices (bid id → points), in plain words."""
    chosen = {pk: n for pk, n in choices.items() if n > 0}
    if not chosen:
        return [str(NO_CHOICE)]
    bids = {bid.pk: bid for bid in round_ballot_bids(round)}
    if any(pk not in bids for pk in chosen):
        return [str(NOT_ON_BALLOT)]
    method = VotingMethod(round.voting_method)
    most = round.max_choices
    if method == VotingMethod.APPROVAL and most and len(chosen) > most:
        return [TOO_MANY % {"chosen": len(chosen), "most": most}]
    if method == VotingMethod.KNAPSACK:
        cost = sum(bids[pk].amount or 0 for pk in chosen)
        if cost > round.budget:
            currency = round.currency
            return [
                OVER_BUDGET
                % {
                    "cost": money(cost, currency),
                    "budget": money(round.budget, currency),
                }
            ]
    if method == VotingMethod.CUMULATIVE and round.points:
        given = sum(chosen.values())
        if given > round.points:
            return [TOO_MANY_POINTS % {"given": given, "points": round.points}]
    return []


def _store(ballot: Ballot, choices: dict[int, int], method: str) -> None:
    points = method == VotingMethod.CUMULATIVE
    BallotChoice.objects.bulk_create(
        [
            BallotChoice(ballot=ballot, bid_id=pk, points=n if points else 1)
            for pk, n in sorted(choices.items())
            if n > 0
        ]
    )


def _spend(round: Round, code: str) -> VotingCode:
    """Spend the code, or raise why not; the UPDATE is what makes it once only."""
    problem = code_problem(round=round, code=code)
    if problem:
        raise ValidationError(problem)
    spent = VotingCode.objects.filter(
        round=round, code_hash=code_hash(code), used_on__isnull=True
    ).update(used_on=timezone.localdate())
    if spent != 1:  # another attempt with this code won the race
        raise ValidationError(CODE_USED)
    return VotingCode.objects.get(round=round, code_hash=code_hash(code))


@transaction.atomic
def ballot_cast(*, round: Round, code: str, choices: dict[int, int]) -> None:
    """Record a resident's ballot and spend their code, both or neither.

    Returns nothing on purpose: not even the voter is given a way to point at
    their ballot later, so no one can be made to prove how they voted.
    """
    problems = ballot_problems(round=round, choices=choices)
    if problems:
        raise ValidationError(problems)
    _spend(round, code)
    ballot = Ballot.objects.create(round=round, channel=BallotChannel.ONLINE)
    _store(ballot, choices, round.voting_method)


@transaction.atomic
def paper_ballot_enter(
    *, round: Round, by: User, code: str, choices: dict[int, int], number: str
) -> Ballot:
    """Enter a paper ballot; it counts once a second person confirms it."""
    problems = ballot_problems(round=round, choices=choices)
    if problems:
        raise ValidationError(problems)
    voting_code = _spend(round, code)
    ballot = Ballot.objects.create(
        round=round,
        channel=BallotChannel.PAPER,
        is_confirmed=False,
        entered_by=by,
        pending_code=voting_code,
        paper_number=number,
    )
    _store(ballot, choices, round.voting_method)
    audit_record(
        actor=by,
        action=Action.CREATE,
        target_type="budgeting.ballot",
        purpose="Participatory budgeting: entering a paper ballot",
        detail={"round": round.slug, "paper": number},
    )
    return ballot


def _pending(ballot: Ballot, by: User) -> Ballot:
    locked = Ballot.objects.select_for_update().get(pk=ballot.pk)
    if locked.is_confirmed:
        raise ValidationError(ALREADY_CONFIRMED)
    if locked.entered_by_id == by.pk:
        raise ValidationError(SAME_PERSON)
    return locked


@transaction.atomic
def paper_ballot_confirm(*, ballot: Ballot, by: User) -> None:
    """A second person has checked the entry against the paper: count it."""
    ballot = _pending(ballot, by)
    ballot.is_confirmed = True
    ballot.confirmed_by = by
    ballot.pending_code = None
    ballot.paper_number = ""
    ballot.save(
        update_fields=["is_confirmed", "confirmed_by", "pending_code", "paper_number"]
    )
    audit_record(
        actor=by,
        action=Action.UPDATE,
        target_type="budgeting.ballot",
        purpose="Participatory budgeting: confirming a paper ballot",
        detail={"round": ballot.round.slug},
    )


@transaction.atomic
def paper_ballot_reject(*, ballot: Ballot, by: User) -> None:
    """The entry does not match the paper: discard it and free its code to re-enter."""
    ballot = _pending(ballot, by)
    number = ballot.paper_number
    if ballot.pending_code_id:
        VotingCode.objects.filter(pk=ballot.pending_code_id).update(used_on=None)
    ballot.delete()
    audit_record(
        actor=by,
        action=Action.DELETE,
        target_type="budgeting.ballot",
        purpose="Participatory budgeting: rejecting a paper ballot entry",
        detail={"paper": number},
    )


def ballot_bids(round: Round) -> list[Bid]:
    """The bids a voter sees on the ballot, in the order they are listed."""
    return sorted(round_ballot_bids(round), key=lambda bid: bid.title.lower())
