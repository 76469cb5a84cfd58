"""Setting up a round and moving it through its phases, one at a time."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from hedgerow.accounts.models import User
from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.budgeting.models import (
    AllocationRule,
    Ballot,
    BidStatus,
    Completion,
    Phase,
    Round,
    VotingMethod,
)
from hedgerow.budgeting.models.rounds import PHASE_ORDER
from hedgerow.budgeting.services.delivery import delivery_start
from hedgerow.budgeting.services.results import round_count

DATES_OUT_OF_ORDER = _(
    "The timetable must run in order: bids open, deadline for bids, review ends, "
    "voting opens, voting closes, results, delivery."
)
BID_LIMITS = _("The largest bid must be at least the smallest and within the budget.")
NEEDS_MAX_CHOICES = _("Say how many projects each voter may choose.")
NEEDS_POINTS = _("Say how many points each voter shares out.")
PHRAGMEN_APPROVAL_ONLY = _(
    "Phragmén’s rule counts choose-up-to ballots only; choose another rule or ballot."
)
COMPLETION_MES_ONLY = _("Only the Method of Equal Shares takes a completion.")
NOT_NEXT = _("A round moves on one phase at a time.")
BIDS_WAITING = _(
    "%(count)s submitted bids are still waiting for their eligibility review."
)
NO_ELIGIBLE_BIDS = _("No bid is eligible yet, so there is nothing to vote on.")
PAPER_WAITING = _(
    "%(count)s paper ballots are waiting for a second person to confirm them."
)
NOT_PUBLISHED = _("Publish the results before moving on to delivery.")
SLUG_RESERVED = _("That web address name is used by Hedgerow itself; choose another.")
# Path words the round pages sit beside (hedgerow.budgeting.urls).
RESERVED_SLUGS = frozenset({"new", "import", "bids"})
ROUND_STARTED = _("The rules of a round cannot change once voting has opened.")

RULE_FIELDS = (
    "voting_method",
    "max_choices",
    "points",
    "rule",
    "satisfaction",
    "completion",
    "budget",
)


def round_problems(round: Round) -> list[str]:
    """Everything inconsistent in a round's settings, in plain words."""
    problems = [str(SLUG_RESERVED)] if round.slug in RESERVED_SLUGS else []
    timetable = [
        round.bids_open_on,
        round.bids_close_at.date(),
        round.review_ends_on,
        round.voting_opens_on,
        round.voting_closes_at.date(),
        round.results_on,
        round.delivery_ends_on,
    ]
    if timetable != sorted(timetable):
        problems.append(str(DATES_OUT_OF_ORDER))
    if not round.min_bid <= round.max_bid <= round.budget:
        problems.append(str(BID_LIMITS))
    method = VotingMethod(round.voting_method)
    if method == VotingMethod.APPROVAL and not round.max_choices:
        problems.append(str(NEEDS_MAX_CHOICES))
    if method == VotingMethod.CUMULATIVE and not round.points:
        problems.append(str(NEEDS_POINTS))
    if round.rule == AllocationRule.PHRAGMEN and method == VotingMethod.CUMULATIVE:
        problems.append(str(PHRAGMEN_APPROVAL_ONLY))
    if (
        round.rule != AllocationRule.EQUAL_SHARES
        and round.completion != Completion.NONE
    ):
        problems.append(str(COMPLETION_MES_ONLY))
    return problems


def _tidy(round: Round) -> None:
    """Drop settings the ballot does not use, so exports say only what applies."""
    if round.voting_method != VotingMethod.APPROVAL:
        round.max_choices = None
    if round.voting_method != VotingMethod.CUMULATIVE:
        round.points = None


@transaction.atomic
def round_save(*, round: Round, by: User, areas: Any = None) -> Round:
    """Create or change a round after checking its settings fit together."""
    creating = round.pk is None
    if not creating:
        before = Round.objects.get(pk=round.pk)
        started = PHASE_ORDER.index(before.phase) >= PHASE_ORDER.index(Phase.VOTING)
        if started and any(
            getattr(before, f) != getattr(round, f) for f in RULE_FIELDS
        ):
            raise ValidationError(ROUND_STARTED)
    _tidy(round)
    problems = round_problems(round)
    if problems:
        raise ValidationError(problems)
    if creating:
        round.created_by = by
    round.save()
    if areas is not None:
        round.areas.set(areas)
    audit_record(
        actor=by,
        action=Action.CREATE if creating else Action.UPDATE,
        target=round,
        purpose="Participatory budgeting: setting up a round",
    )
    return round


def phase_problems(round: Round, phase: str) -> list[str]:
    """Why the round cannot move to `phase` now; empty when it can."""
    current = PHASE_ORDER.index(round.phase)
    if phase not in PHASE_ORDER or PHASE_ORDER.index(phase) != current + 1:
        return [str(NOT_NEXT)]
    if phase == Phase.VOTING:
        waiting = round.bids.filter(status=BidStatus.SUBMITTED).count()
        if waiting:
            return [BIDS_WAITING % {"count": waiting}]
        if not round.bids.filter(status=BidStatus.ELIGIBLE).exists():
            return [str(NO_ELIGIBLE_BIDS)]
    if phase == Phase.RESULTS:
        pending = Ballot.objects.filter(round=round, is_confirmed=False).count()
        if pending:
            return [PAPER_WAITING % {"count": pending}]
    if phase == Phase.DELIVERY and not round.is_published:
        return [str(NOT_PUBLISHED)]
    return []


@transaction.atomic
def round_advance(*, round: Round, by: User, phase: str) -> Round:
    """Move the round on to the next phase; closing voting counts the ballots."""
    round = Round.objects.select_for_update().get(pk=round.pk)
    problems = phase_problems(round, phase)
    if problems:
        raise ValidationError(problems)
    before = round.phase
    round.phase = phase
    round.save(update_fields=["phase", "updated_at"])
    audit_record(
        actor=by,
        action=Action.UPDATE,
        target=round,
        purpose="Participatory budgeting: moving a round to its next phase",
        detail={"from": before, "to": phase},
    )
    if phase == Phase.RESULTS:
        round_count(round=round, by=by)
    if phase == Phase.DELIVERY:
        delivery_start(round=round, by=by)
    return round
