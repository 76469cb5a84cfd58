"""A round's eligible bids and confirmed ballots, as the tally engine counts them."""

from collections import defaultdict
from fractions import Fraction

import numpy as np

from hedgerow.budgeting.models import Bid, BidStatus, Round, VotingMethod
from hedgerow.budgeting.models.ballots import BallotChoice
from hedgerow.budgeting.tally.election import Election, Project

# Pabulib's names for the ballots Hedgerow offers: a knapsack ballot is a set of
# approvals whose costs fit the budget.
VOTE_TYPES = {
    VotingMethod.APPROVAL: "approval",
    VotingMethod.KNAPSACK: "approval",
    VotingMethod.CUMULATIVE: "cumulative",
}

# Pabulib's names for the rules, and the completion after a slash as Pabulib writes
# "equalshares/add1", so an export says how the round was counted.
PABULIB_RULES = {"greedy": "greedy", "mes": "equalshares", "phragmen": "phragmen"}


def round_ballot_bids(round: Round) -> list[Bid]:
    """The bids on the ballot, in the order ties are broken: lowest project id first."""
    bids = list(round.bids.filter(status=BidStatus.ELIGIBLE))
    return sorted(bids, key=lambda bid: bid.project_id)


def round_election(round: Round, bids: list[Bid] | None = None) -> Election:
    """The round as an `Election`: eligible bids, and every confirmed ballot."""
    bids = round_ballot_bids(round) if bids is None else bids
    projects = [
        Project(
            bid.project_id,
            Fraction(bid.amount or 0),
            {"name": bid.title, "group": bid.group_name},
        )
        for bid in bids
    ]
    position = {bid.pk: i for i, bid in enumerate(bids)}
    ballot_ids = list(
        round.ballots.filter(is_confirmed=True)
        .order_by("id")
        .values_list("id", flat=True)
    )
    chosen: dict[object, list[tuple[int, int]]] = defaultdict(list)
    choices = BallotChoice.objects.filter(
        ballot__round=round, ballot__is_confirmed=True, bid__in=bids
    ).values_list("ballot_id", "bid_id", "points")
    for ballot_id, bid_id, points in choices.iterator(chunk_size=5000):
        chosen[ballot_id].append((position[bid_id], points))
    ptr, projects_of, points_of = [0], list[int](), list[int]()
    for ballot_id in ballot_ids:
        picks = chosen.get(ballot_id, [])
        projects_of.extend(p for p, _ in picks)
        points_of.extend(n for _, n in picks)
        ptr.append(len(projects_of))
    vote_type = VOTE_TYPES[VotingMethod(round.voting_method)]
    return Election(
        meta=_meta(round, len(bids), len(ballot_ids), vote_type),
        projects=projects,
        budget=Fraction(round.budget),
        vote_type=vote_type,
        ballot_ptr=np.array(ptr, dtype=np.int64),
        ballot_projects=np.array(projects_of, dtype=np.int32),
        ballot_points=(
            np.array(points_of, dtype=np.float64) if vote_type == "cumulative" else None
        ),
    )


def _meta(round: Round, projects: int, votes: int, vote_type: str) -> dict[str, str]:
    """The META section Pabulib expects, with the round's ballot limits."""
    meta = {
        "description": round.name,
        "country": "United Kingdom",
        "unit": round.area_description,
        "instance": round.slug,
        "num_projects": str(projects),
        "num_votes": str(votes),
        "budget": str(round.budget),
        "currency": round.currency,
        "vote_type": vote_type,
        "rule": _rule_name(round),
        "date_begin": round.voting_opens_on.strftime("%d.%m.%Y"),
        "date_end": round.voting_closes_at.strftime("%d.%m.%Y"),
    }
    if round.voting_method == VotingMethod.APPROVAL and round.max_choices:
        meta["max_length"] = str(round.max_choices)
    if round.voting_method == VotingMethod.KNAPSACK:
        meta["max_sum_cost"] = str(round.budget)
    if round.voting_method == VotingMethod.CUMULATIVE and round.points:
        meta["max_sum_points"] = str(round.points)
    return meta


def _rule_name(round: Round) -> str:
    name = PABULIB_RULES[round.rule]
    return name if round.completion == "none" else f"{name}/{round.completion}"
