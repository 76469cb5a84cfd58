"""Counting a round by its documented rule, explaining every project's fate, and
publishing the result."""

from fractions import Fraction
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hedgerow.accounts.models import User
from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.budgeting.models import Bid, Phase, Round, RoundResult
from hedgerow.budgeting.services.election import round_ballot_bids, round_election
from hedgerow.budgeting.tally.explain import ProjectFate, compare_rules, explain
from hedgerow.budgeting.tally.rules import tally

NOT_RECOUNTABLE = _(
    "A round can be counted once voting has closed, until its results are published."
)
NOT_COUNTED = _("The results can be published once voting has closed and been counted.")
# Working out how many more supporters each unfunded project needed re-runs the
# rule many times; above this many ballot entries it is left out, with a note.
# 50,000 entries (say 15,000 voters choosing three each) count in a few seconds.
NEEDED_LIMIT = 50_000


def _fate_row(fate: ProjectFate, bid: Bid) -> dict[str, Any]:
    return {
        "project": fate.project,
        "bid": bid.pk,
        "reference": bid.reference,
        "title": bid.title,
        "group": bid.group_name,
        "cost": int(fate.cost),
        "votes": fate.votes,
        "points": fate.points,
        "funded": fate.funded,
        "order": fate.order,
        "phase": fate.phase,
        "price": fate.price_per_supporter,
        "supporters_paying": fate.supporters_paying,
        "more_needed": fate.more_supporters_needed,
        "reason": fate.reason,
    }


@transaction.atomic
def round_count(*, round: Round, by: User) -> RoundResult:
    """Count the confirmed ballots by the round's rule and keep the explained result."""
    bids = round_ballot_bids(round)
    election = round_election(round, bids)
    outcome = tally(election, round.rule, round.satisfaction, round.completion)
    entries = len(election.ballot_projects)
    fates = explain(election, outcome, with_needed=entries <= NEEDED_LIMIT)
    by_project = {bid.project_id: bid for bid in bids}
    comparison = [
        {
            "label": other.label,
            "rule": other.rule,
            "satisfaction": other.satisfaction or "",
            "completion": other.completion,
            "selected": list(other.selected),
            "total_cost": int(other.total_cost),
        }
        for other in compare_rules(election)
    ]
    share = outcome.budget_per_voter
    result, _created = RoundResult.objects.update_or_create(
        round=round,
        defaults={
            "rule": round.rule,
            "satisfaction": outcome.satisfaction or "",
            "completion": outcome.completion,
            "ballots_counted": election.num_voters,
            "total_cost": int(outcome.total_cost),
            "budget_per_voter": str(share) if isinstance(share, Fraction) else "",
            "projects": [_fate_row(f, by_project[f.project]) for f in fates],
            "comparison": comparison,
            "computed_at": timezone.now(),
            "computed_by": by,
        },
    )
    audit_record(
        actor=by,
        action=Action.CREATE,
        target=result,
        purpose="Participatory budgeting: counting the ballots",
        detail={"ballots": election.num_voters, "funded": len(outcome.steps)},
    )
    return result


def round_recount(*, round: Round, by: User) -> RoundResult:
    """Count a closed, unpublished round again (an imported round the first time)."""
    if round.phase != Phase.RESULTS or round.is_published:
        raise ValidationError(NOT_RECOUNTABLE)
    return round_count(round=round, by=by)


@transaction.atomic
def round_publish(*, round: Round, by: User) -> Round:
    """Make the counted result public."""
    round = Round.objects.select_for_update().get(pk=round.pk)
    if (
        round.phase != Phase.RESULTS
        or not RoundResult.objects.filter(round=round).exists()
    ):
        raise ValidationError(NOT_COUNTED)
    round.results_published_at = timezone.now()
    round.save(update_fields=["results_published_at", "updated_at"])
    audit_record(
        actor=by,
        action=Action.DISCLOSE,
        target=round,
        purpose="Participatory budgeting: publishing the results",
    )
    return round
