"""Counting again with k more voters for one project, cheaply.

`with_extra_ballots` builds the election with the extra ballots, reusing the real
election's supporter lists. For Equal Shares with the add-one completion, which is
about 400 Equal Shares runs per count, `AddOneRecount` repeats `mes.add_one`'s loop
but reuses the real ballots' run at every share where the extra voters could not
win their project a round (`ShareRuns`). hedgerow.budgeting.tally.explain uses both
to find how many more supporters an unfunded project needed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from hedgerow.budgeting.tally import equal_shares as mes
from hedgerow.budgeting.tally.election import Election
from hedgerow.budgeting.tally.greedy import greedy
from hedgerow.budgeting.tally.outcome import Step

# A thousand times the engine's margin, so float error never tips a recount
# (ADR 0021).
MARGIN = 1e-6


def with_extra_ballots(election: Election, project: int, k: int) -> Election:
    """The election with k more ballots, each naming only the project at `project`.

    On ballots with points each gives it the most one ballot may: META's
    max_sum_points, else the most any ballot gave.
    """
    end = election.ballot_ptr[-1]
    ptr = np.concatenate(
        [
            election.ballot_ptr,
            end + np.arange(1, k + 1, dtype=election.ballot_ptr.dtype),
        ]
    )
    named = np.full(k, project, dtype=election.ballot_projects.dtype)
    given = None
    if election.ballot_points is not None:
        added = np.full(k, _extra_points(election), dtype=election.ballot_points.dtype)
        given = np.concatenate([election.ballot_points, added])
    augmented = Election(
        meta=election.meta,
        projects=election.projects,
        budget=election.budget,
        vote_type=election.vote_type,
        ballot_ptr=ptr,
        ballot_projects=np.concatenate([election.ballot_projects, named]),
        ballot_points=given,
    )
    # Fill the cached views from the election's rather than sort every ballot again.
    supporters = list(election.supporters)
    new = np.arange(election.num_voters, augmented.num_voters, dtype=np.int32)
    supporters[project] = np.concatenate([supporters[project], new])
    vars(augmented).update(
        supporters=supporters,
        costs=election.costs,
        project_index=election.project_index,
    )
    return augmented


@dataclass(frozen=True)
class _Run:
    """The real ballots' Equal Shares run at one share, and its cost.

    `fewest[n]`: with fewer extra voters backing only the n-th searched project, the
    project wins no round of this run, so the run is unchanged.
    """

    steps: list[Step]
    total: Fraction
    fewest: np.ndarray


class ShareRuns:
    """Real-ballot Equal Shares runs by share, read for the searched projects."""

    def __init__(self, election: Election, satisfaction: str, searched: list[int]):
        self.election, self.satisfaction = election, satisfaction
        self.plan = mes.setup(election, satisfaction)
        self.sat = np.array([float(v) for v in self.plan.sat])
        self.position = {p: n for n, p in enumerate(searched)}
        self.searched = np.array(searched, dtype=np.int64)
        backers = [election.supporters[p] for p in searched]
        self.voter = np.concatenate([np.zeros(0, np.int64), *backers])
        self.owner = np.repeat(np.arange(len(searched)), [len(b) for b in backers])
        self.cost = np.array([float(election.costs[p]) for p in searched])
        self.by_share: dict[Fraction, _Run] = {}

    def at(self, share: Fraction) -> _Run:
        """The run at `share`, counted once."""
        if share not in self.by_share:
            steps = mes.equal_shares(self.election, self.satisfaction, share, self.plan)
            total = mes.total(steps)
            self.by_share[share] = _Run(steps, total, self._fewest(share, steps))
        return self.by_share[share]

    def _fewest(self, share: Fraction, steps: list[Step]) -> np.ndarray:
        """Replays the run for every searched project at once.

        In a round a project can win only if its price per unit of satisfaction is
        at most the winner's, which k voters holding the whole share make possible
        once Σ min(money, price) + k × min(share, price) reaches its cost; after the
        last round, once its backers' money and k shares cover it. The margin errs
        low, far beyond float error, so below it the run is surely unchanged.
        """
        election, whole = self.election, float(share)
        money = np.full(election.num_voters, whole)
        worth = self.sat[self.searched] * (1 + MARGIN)
        fewest: np.ndarray = np.full(len(self.searched), np.inf)
        for step in steps:
            if step.price is None:
                continue
            winner = election.project_index[step.project]
            price = step.price / self.sat[winner] * worth
            held = self._held(np.minimum(money[self.voter], price[self.owner]))
            fewest = np.minimum(fewest, _voters_for(self.cost - held, price, whole))
            paying = election.supporters[winner]
            money[paying] = np.maximum(money[paying] - step.price, 0.0)
        held = self._held(money[self.voter])
        fewest = np.minimum(fewest, _voters_for(self.cost - held, whole, whole))
        funded = [election.project_index[s.project] for s in steps]
        fewest[np.isin(self.searched, funded)] = 0
        return fewest

    def _held(self, money: np.ndarray) -> np.ndarray:
        return np.bincount(self.owner, weights=money, minlength=len(self.searched))


def _voters_for(
    short: np.ndarray, price: np.ndarray | float, whole: float
) -> np.ndarray:
    """Voters paying min(share, price) each to make up `short`, erring low."""
    each = np.minimum(price, whole)
    fewest: np.ndarray = np.maximum(0.0, np.ceil(short * (1 - MARGIN) / each))
    return fewest


class AddOneRecount:
    """`mes.add_one` (and its greedy fill) on the ballots plus k voters for a project.

    The extra voters back only the project, so until it is funded they change
    nothing: at any share where k of them cannot make it win a round, the run is the
    real ballots' run at that share, counted once in `ShareRuns`. Only the other shares
    are run again with the extra ballots.
    """

    def __init__(self, runs: ShareRuns, completion: str, project: int) -> None:
        self.runs, self.completion, self.project = runs, completion, project
        self.election = runs.election
        self.position = runs.position[project]
        self.last_share = Fraction(0)

    def funds(self, k: int) -> bool:
        """Whether add1 on the ballots with k extra voters funds the project."""
        election, satisfaction = self.election, self.runs.satisfaction
        if election.num_voters + k == 0:
            return False
        augmented = with_extra_ballots(election, self.project, k)
        plan = mes.setup(augmented, satisfaction)
        share = election.budget / (election.num_voters + k)
        steps = mes.equal_shares(augmented, satisfaction, share, plan)
        per_voter = Fraction(math.floor(share))
        while len(steps) < len(election.projects):
            run = self.runs.at(per_voter + 1)
            attempt, spent = run.steps, run.total
            if k >= run.fewest[self.position]:
                attempt = mes.equal_shares(augmented, satisfaction, per_voter + 1, plan)
                spent = mes.total(attempt)
            if spent > election.budget:
                break
            steps, per_voter = attempt, per_voter + 1
            share = per_voter
        self.last_share = share
        if self.completion.endswith("greedy"):
            steps = steps + greedy(augmented, satisfaction, steps, "greedy")
        return election.projects[self.project].id in {s.project for s in steps}

    def after(self, k: int) -> int:
        """After k failed: the fewest extra voters who could win at its final share."""
        return int(self.runs.at(self.last_share).fewest[self.position])


def _extra_points(election: Election) -> float:
    """The points one ballot may give: META's max_sum_points, else the most given."""
    if election.ballot_points is None:
        return 1.0
    try:
        return float(election.meta["max_sum_points"])
    except (KeyError, ValueError):
        pass
    voters = np.repeat(np.arange(election.num_voters), np.diff(election.ballot_ptr))
    given = np.bincount(voters, weights=election.ballot_points)
    return float(given.max()) if len(given) and given.max() > 0 else 1.0
