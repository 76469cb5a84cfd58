"""Why each project was or was not funded, and who would have won under other rules.

For the results page: each project's votes and cost, what its supporters paid under
Equal Shares, and for each unfunded project how many more supporters it would have
needed. `more_supporters_needed` recounts the same ballots with k more voters who
back only that project, so every number it gives is one the rule really produced.

Reasons (`ProjectFate.reason`), checked in this order:
- "funded": the rule funded it.
- "no_votes": nobody voted for it.
- "over_budget": it costs more than the whole budget, so no rule could fund it.
- "over_budget_left": it cost more than the money left when its turn came (greedy,
  or a greedy completion: the money left as the fill reached it; otherwise what was
  left at the end).
- "too_few_supporters": Equal Shares: money was left, but not in its supporters'
  shares.
- "not_reached": Phragmén stopped, as it does when the next best project no longer
  fits, before reaching it.
- "no_value": it is free, and Equal Shares by cost counts a free project as worth
  nothing to its supporters, so more votes would not help.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from hedgerow.budgeting.tally.election import Election
from hedgerow.budgeting.tally.greedy import density
from hedgerow.budgeting.tally.outcome import Outcome, Step
from hedgerow.budgeting.tally.recount import (
    AddOneRecount,
    ShareRuns,
    with_extra_ballots,
)
from hedgerow.budgeting.tally.rules import tally

# The search for more supporters gives up past this many times the real voters.
EXTRA_VOTERS_FACTOR = 20
# The unfunded projects more supporters could fund.
SEARCHED = ("no_votes", "over_budget_left", "too_few_supporters", "not_reached")
# A voter whose float share is below this part of a price has spent it all.
SPENT = 1e-6
ADD_ONE = ("add1", "add1-greedy")
# The rules compared on the results page: (label, rule, satisfaction, completion).
COMPARISONS = (
    ("greedy-cost", "greedy", "cost", "none"),
    ("mes-cost-add1", "mes", "cost", "add1"),
    ("mes-cardinality-add1", "mes", "cardinality", "add1"),
    ("mes-cost", "mes", "cost", "none"),
    ("phragmen", "phragmen", "cost", "none"),
)


@dataclass(frozen=True)
class ProjectFate:
    """One project's result, in the terms a resident reads on the results page.

    `order` is its place in the selection (from 1). `price_per_supporter` is the
    rule's price: under Equal Shares what each supporter paid (those with less left
    paid all they had: `supporters_paying_less` of the `supporters_paying`); under
    Phragmén the load each supporter carries once it is funded. `money_left` is what
    was left when an unfunded project's turn came (see the module's reasons).
    `more_supporters_needed` is None when funded, not searched, or out of reach.
    """

    project: str
    name: str
    cost: Fraction
    votes: int
    points: float
    funded: bool
    order: int | None
    phase: str | None
    price_per_supporter: float | None
    supporters_paying: int | None
    supporters_paying_less: int | None
    money_left: Fraction | None
    more_supporters_needed: int | None
    reason: str


@dataclass(frozen=True)
class RuleOutcome:
    """Who would have won under one rule, counted on the same ballots."""

    label: str
    rule: str
    satisfaction: str | None
    completion: str
    selected: tuple[str, ...]
    total_cost: Fraction
    outcome: Outcome = field(compare=False, repr=False)


def explain(
    election: Election, outcome: Outcome, *, with_needed: bool = True
) -> list[ProjectFate]:
    """Each project's fate under `outcome`, in the election's project order.

    `with_needed=False` skips the recounts behind `more_supporters_needed`, the only
    slow part (a dozen or more tallies per unfunded project), leaving it None.
    """
    steps = {s.project: (n, s) for n, s in enumerate(outcome.steps, start=1)}
    paying = _payers(election, outcome)
    left = _money_left(election, outcome)
    points = _points(election)
    runs = None
    if with_needed and outcome.rule == "mes" and outcome.completion in ADD_ONE:
        unfunded = [i for i, p in enumerate(election.projects) if p.id not in steps]
        runs = ShareRuns(election, outcome.satisfaction or "cost", unfunded)
    fates = []
    for i, project in enumerate(election.projects):
        order, step = steps.get(project.id, (None, None))
        reason = _reason(election, outcome, i, step, left[i])
        needed = None
        if with_needed and reason in SEARCHED:
            needed = _needed(
                election,
                outcome.rule,
                outcome.satisfaction or "cost",
                outcome.completion,
                project.id,
                runs=runs,
            )
        payers = paying.get(project.id, (None, None))
        fates.append(
            ProjectFate(
                project=project.id,
                name=project.name,
                cost=project.cost,
                votes=election.votes[i],
                points=float(points[i]),
                funded=step is not None,
                order=order,
                phase=step.phase if step else None,
                price_per_supporter=step.price if step else None,
                supporters_paying=payers[0],
                supporters_paying_less=payers[1],
                money_left=None if step else left[i],
                more_supporters_needed=needed,
                reason=reason,
            )
        )
    return fates


def more_supporters_needed(
    election: Election,
    rule: str,
    satisfaction: str,
    completion: str,
    project: str,
    *,
    limit: int | None = None,
) -> int | None:
    """The fewest extra voters, backing only `project`, found to get it funded.

    Each try recounts the ballots with k new ballots naming only the project (on
    cumulative or scoring ballots giving it every point one ballot may: META's
    max_sum_points, else the most any ballot gave, else 1; the rules count
    supporters, not points). As each voter's share is budget ÷ voters, the new voters
    also shrink everyone's share. k grows, doubling, until the project is funded,
    then a binary search narrows it. Rules are not always monotone in k, so this is
    the smallest k the search found: k was counted and funds it, k - 1 does not.
    0 if already funded; None if it costs more than the budget, or if `limit`
    (default 20 × voters) extra voters would not get it funded.

    Equal Shares with add1 is counted faster, with the same result as `tally`: the
    new voters change no run in which they cannot win the project a round, so those
    runs are counted once on the real ballots, and each count's final share gives
    the next k to try.
    """
    return _needed(election, rule, satisfaction, completion, project, limit=limit)


def _needed(
    election: Election,
    rule: str,
    satisfaction: str,
    completion: str,
    project: str,
    *,
    limit: int | None = None,
    runs: ShareRuns | None = None,
) -> int | None:
    index = election.project_index[project]
    if election.costs[index] > election.budget or _no_value(
        election, rule, satisfaction, completion, index
    ):
        return None
    cap = EXTRA_VOTERS_FACTOR * max(1, election.num_voters) if limit is None else limit

    def funds(k: int) -> bool:
        augmented = with_extra_ballots(election, index, k)
        return project in tally(augmented, rule, satisfaction, completion).selected

    if rule == "mes" and completion in ADD_ONE:
        # The same count as `tally`, only sparing runs the new ballots cannot change.
        recount = AddOneRecount(
            runs or ShareRuns(election, satisfaction, [index]), completion, index
        )
        return _smallest(recount.funds, cap, recount.after)
    return _smallest(funds, cap)


def _smallest(
    funds: Callable[[int], bool],
    cap: int,
    after: Callable[[int], int] | None = None,
) -> int | None:
    """The smallest k found with funds(k), between a k that fails and one that funds.

    Tries 0, then doubles k until one funds, or, given `after` (a guess from each
    failed count), steps to the guess or a little past k; then bisects down to the
    k just above a failure.
    """
    lo, k = 0, 0
    while not funds(k):
        if k >= cap:
            return None
        lo = k
        # A guess errs low, so step past it a little: a count that funds costs more.
        k = min(cap, max(after(k), k + 1 + k // 32) if after else max(1, 2 * k))
    hi = k
    # A guess lands close, so try just below it first.
    k = hi - 1 if after else (lo + hi) // 2
    while hi - lo > 1:
        lo, hi = (lo, k) if funds(k) else (k, hi)
        k = (lo + hi) // 2
    return hi


def compare_rules(election: Election) -> list[RuleOutcome]:
    """Who would have won under each of `COMPARISONS`; Phragmén for approvals only."""
    results = []
    for label, rule, satisfaction, completion in COMPARISONS:
        if rule == "phragmen" and not election.is_approval:
            continue
        outcome = tally(election, rule, satisfaction, completion)
        results.append(
            RuleOutcome(
                label=label,
                rule=rule,
                satisfaction=outcome.satisfaction,
                completion=completion,
                selected=tuple(outcome.selected),
                total_cost=outcome.total_cost,
                outcome=outcome,
            )
        )
    return results


def _reason(
    election: Election, outcome: Outcome, i: int, step: Step | None, left: Fraction
) -> str:
    """The first of the module's reasons that applies to project `i`."""
    if step is not None:
        return "funded"
    cost = election.costs[i]
    checks = (
        (election.votes[i] == 0, "no_votes"),
        (cost > election.budget, "over_budget"),
        (cost > left, "over_budget_left"),
        (outcome.rule == "phragmen", "not_reached"),
        (
            _no_value(
                election, outcome.rule, outcome.satisfaction, outcome.completion, i
            ),
            "no_value",
        ),
    )
    return next((reason for applies, reason in checks if applies), "too_few_supporters")


def _no_value(
    election: Election, rule: str, satisfaction: str | None, completion: str, i: int
) -> bool:
    """A free project Equal Shares by cost never funds, nor would with more votes."""
    return (
        rule == "mes"
        and satisfaction == "cost"
        and election.costs[i] == 0
        and not completion.endswith("greedy")
    )


def _money_left(election: Election, outcome: Outcome) -> list[Fraction]:
    """Money left when each project's turn came: greedy's pass, else at the end."""
    left = [election.budget - outcome.total_cost] * len(election.projects)
    if outcome.rule != "greedy" and not outcome.completion.endswith("greedy"):
        return left
    before = [s for s in outcome.steps if s.phase == "main"]
    if outcome.rule == "greedy":
        before = []
    remaining = election.budget - sum((s.cost for s in before), Fraction(0))
    taken = {s.project for s in before}
    satisfaction = outcome.satisfaction or "cost"
    # greedy.greedy's order: by id, then (stably) by satisfaction per pound.
    candidates = sorted(
        (i for i, p in enumerate(election.projects) if p.id not in taken),
        key=lambda i: election.projects[i].id,
    )
    candidates.sort(key=lambda i: -density(election, i, satisfaction))
    for i in candidates:
        left[i] = remaining
        if election.costs[i] <= remaining:
            remaining -= election.costs[i]
    return left


def _payers(election: Election, outcome: Outcome) -> dict[str, tuple[int, int]]:
    """For each priced step, (supporters who paid, of them those who paid less).

    Replays the voters' shares in floats: Equal Shares from `budget_per_voter`, each
    supporter paying the price or all they have left; under Phragmén every
    supporter takes on the load.
    """
    index = election.project_index
    if outcome.rule == "phragmen":
        return {
            s.project: (election.votes[index[s.project]], 0)
            for s in outcome.steps
            if s.price is not None
        }
    if outcome.rule != "mes" or outcome.budget_per_voter is None:
        return {}
    budgets = np.full(election.num_voters, float(outcome.budget_per_voter))
    payers = {}
    for step in outcome.steps:
        if step.price is None or step.phase != "main":
            continue
        supporters = election.supporters[index[step.project]]
        held = budgets[supporters]
        paid = held > SPENT * step.price
        less = paid & (held < step.price * (1 - SPENT))
        payers[step.project] = (int(paid.sum()), int(less.sum()))
        budgets[supporters] = np.maximum(held - step.price, 0.0)
    return payers


def _points(election: Election) -> np.ndarray:
    """Total points for each project: votes, unless the ballots give points."""
    if election.ballot_points is None:
        return np.asarray(election.votes, dtype=np.float64)
    return np.bincount(
        election.ballot_projects,
        weights=election.ballot_points,
        minlength=len(election.projects),
    )
