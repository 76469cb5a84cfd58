"""The Method of Equal Shares, with the completions cities use.

Each voter gets an equal share of the budget. A project can be funded only if its
supporters can pay for it between them; each round funds the project whose supporters
pay the least per unit of satisfaction (cost satisfaction: the most effective votes),
splitting its cost as equally as their remaining money allows (equalshares.net).

Outcomes match pabutools' `method_of_equal_shares` exactly, ties broken by project id,
but run in floating point: a run keeps to floats while every decision is clear by a
wide margin (one part in a billion, far above float error) and settles any that is
not, such as a genuine tie, in exact fractions from a ledger of each voter's money
that is brought up to date only then (ADR 0021).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from hedgerow.budgeting.tally.election import Election
from hedgerow.budgeting.tally.greedy import satisfaction_value
from hedgerow.budgeting.tally.outcome import Step

MARGIN = 1e-9


@dataclass
class Setup:
    """The projects Equal Shares can fund, and what a supporter gains from each."""

    active: list[int]
    free: list[int]
    sat: list[Fraction]


def setup(election: Election, satisfaction: str) -> Setup:
    """Projects nobody supports are never funded; free ones somebody wants are."""
    sat = [
        satisfaction_value(election, i, satisfaction)
        for i in range(len(election.projects))
    ]
    supported = [i for i, v in enumerate(election.votes) if v > 0 and sat[i] > 0]
    return Setup(
        active=[i for i in supported if election.costs[i] > 0],
        free=[i for i in supported if election.costs[i] == 0],
        sat=sat,
    )


def equal_shares(
    election: Election,
    satisfaction: str,
    per_voter: Fraction,
    plan: Setup | None = None,
) -> list[Step]:
    """One run of Equal Shares with `per_voter` each: the funded projects in order.

    A completion passes the `plan` it set up once for all its runs.
    """
    plan = plan or setup(election, satisfaction)
    free = [Step(election.projects[i].id, Fraction(0)) for i in plan.free]
    return free + _Run(election, plan, per_voter).steps()


def _price(budgets: np.ndarray, cost: float) -> float:
    """The equal payment ρ with Σ min(budget, ρ) = cost: the poor pay all they have."""
    count = len(budgets)
    rho = cost / count
    poor = budgets < rho
    while poor.any():
        if poor.all():  # everyone would pay all they have and still fall short
            return math.inf
        rho = (cost - budgets[poor].sum()) / (count - poor.sum())
        wider = budgets < rho
        if wider.sum() == poor.sum():
            break
        poor = wider
    return float(rho)


class _Exact:
    """Voters' remaining money in exact fractions, brought up to date only when asked.

    Voters are grouped by their exact remaining money, which few values cover, so
    an exact sum over a project's supporters is a handful of fractions.
    """

    def __init__(self, election: Election, per_voter: Fraction) -> None:
        self.election = election
        self.of = np.zeros(election.num_voters, dtype=np.int64)
        self.values = [per_voter]
        self.ids = {per_voter: 0}
        self.applied = 0

    def catch_up(self, funded: list[tuple[int, Fraction | None]]) -> None:
        """Charge the supporters of every project funded since the last call."""
        for project, known in funded[self.applied :]:
            rho = known if known is not None else self.price(project)
            assert rho is not None  # it was affordable when funded  # noqa: S101
            self._pay(self.election.supporters[project], rho)
        self.applied = len(funded)

    def price(self, project: int) -> Fraction | None:
        """ρ for the project, or None when its supporters cannot afford it."""
        counts = np.bincount(self.of[self.election.supporters[project]])
        held = sorted((self.values[k], int(counts[k])) for k in np.flatnonzero(counts))
        cost = self.election.costs[project]
        if sum(value * count for value, count in held) < cost:
            return None
        remaining, count = cost, sum(c for _v, c in held)
        for value, voters in held:
            rho = remaining / count
            if rho <= value:
                break
            remaining -= value * voters
            count -= voters
        return rho

    def _pay(self, supporters: np.ndarray, rho: Fraction) -> None:
        remap = np.arange(len(self.values), dtype=np.int64)
        for k in np.unique(self.of[supporters]):
            remap[k] = self._class(max(self.values[k] - rho, Fraction(0)))
        self.of[supporters] = remap[self.of[supporters]]

    def _class(self, value: Fraction) -> int:
        if value not in self.ids:
            self.ids[value] = len(self.values)
            self.values.append(value)
        return self.ids[value]

    def budgets(self) -> np.ndarray:
        return np.array([float(v) for v in self.values])[self.of]


class _Run:
    """One run in floats, settling any decision too close to call exactly."""

    def __init__(self, election: Election, plan: Setup, per_voter: Fraction) -> None:
        self.election, self.plan = election, plan
        self.budgets = np.full(election.num_voters, float(per_voter))
        self.cost = [float(c) for c in election.costs]
        self.sat = [float(s) for s in plan.sat]
        self.exact = _Exact(election, per_voter)
        # Each funded project with its exact price when the floats already settle it.
        self.funded: list[tuple[int, Fraction | None]] = []
        self.known: dict[int, Fraction] = {}

    def steps(self) -> list[Step]:
        stale = {
            i: self.cost[i] / (self.election.votes[i] * self.sat[i])
            for i in self.plan.active
        }
        steps: list[Step] = []
        while stale:
            best = self._round(stale)
            if best is None:
                break
            project, rho = best
            supporters = self.election.supporters[project]
            self.budgets[supporters] = np.maximum(self.budgets[supporters] - rho, 0.0)
            del stale[project]
            self.funded.append((project, self.known.get(project)))
            cost = self.cost[project]
            steps.append(
                Step(
                    self.election.projects[project].id,
                    self.election.costs[project],
                    rho,
                    cost / rho,
                )
            )
        return steps

    def _round(self, stale: dict[int, float]) -> tuple[int, float] | None:
        """The project to fund this round and its price; None if none is affordable.

        Stale values only ever rise (budgets only fall), so projects are tried from the
        lowest stale value and the search stops once no later one can win.
        """
        evaluated: list[tuple[float, int, float]] = []
        best = math.inf
        for project in sorted(stale, key=stale.__getitem__):
            if stale[project] > best * (1 + MARGIN):
                break
            held = self.budgets[self.election.supporters[project]]
            if not self._affordable(project, float(held.sum())):
                del stale[project]
                continue
            rho = _price(held, self.cost[project])
            self._note_if_exact(project, held, rho)
            stale[project] = rho / self.sat[project]
            evaluated.append((stale[project], project, rho))
            best = min(best, stale[project])
        close = [e for e in evaluated if e[0] <= best * (1 + MARGIN)]
        if len(close) > 1:
            return self._settle([e[1] for e in close])
        return (close[0][1], close[0][2]) if close else None

    def _note_if_exact(self, project: int, held: np.ndarray, rho: float) -> None:
        """When every supporter clearly has ρ to spare, ρ is cost ÷ supporters."""
        self.known.pop(project, None)
        if held.min() > rho * (1 + MARGIN):
            self.known[project] = self.election.costs[project] / len(held)

    def _affordable(self, project: int, available: float) -> bool:
        if abs(available - self.cost[project]) > MARGIN * self.cost[project]:
            return available > self.cost[project]
        self._sync()
        return self.exact.price(project) is not None

    def _settle(self, candidates: list[int]) -> tuple[int, float]:
        """A near tie, settled exactly; exact ties go to the first project id."""
        if any(project not in self.known for project in candidates):
            self._sync()
        priced = []
        for project in candidates:
            rho = self.known.get(project) or self.exact.price(project)
            if rho is not None:
                q = rho / self.plan.sat[project]
                priced.append((q, self.election.projects[project].id, project, rho))
        _q, _id, project, rho = min(priced)
        return project, float(rho)

    def _sync(self) -> None:
        """Bring the exact money up to date and correct the floats' drift from it."""
        if self.exact.applied < len(self.funded):
            self.exact.catch_up(self.funded)
            self.budgets = self.exact.budgets()


def total(steps: list[Step]) -> Fraction:
    return sum((s.cost for s in steps), Fraction(0))


def is_exhaustive(election: Election, steps: list[Step], among: list[int]) -> bool:
    """No project of `among` still fits in what is left of the budget."""
    left = election.budget - total(steps)
    taken = {s.project for s in steps}
    return not any(
        election.costs[i] <= left for i in among if election.projects[i].id not in taken
    )


def budget_increase(
    election: Election, satisfaction: str
) -> tuple[list[Step], Fraction]:
    """pabutools' completion: add 1 to every share, from budget ÷ voters, while it fits.

    Stops at the first exhaustive outcome; an outcome over budget gives way to the one
    before it.
    """
    plan = setup(election, satisfaction)
    per_voter = election.budget / election.num_voters
    previous = [Step(election.projects[i].id, Fraction(0)) for i in plan.free]
    previous_share = per_voter
    while True:
        steps = equal_shares(election, satisfaction, per_voter, plan)
        if total(steps) > election.budget:
            return previous, previous_share
        if is_exhaustive(election, steps, plan.active):
            return steps, per_voter
        previous, previous_share = steps, per_voter
        per_voter += 1


def add_one(election: Election, satisfaction: str) -> tuple[list[Step], Fraction]:
    """The cities' "add one" (equalshares.net): raise whole-unit shares while it fits.

    After the plain run, each voter's share is raised one unit at a time from the whole
    number below the equal share, keeping each outcome that fits the real budget, until
    the next would not or everything is funded. Unlike pabutools' completion it does
    not stop at the first exhaustive outcome: Wieliczka's official result was found
    further up (ADR 0021).
    """
    plan = setup(election, satisfaction)
    share = election.budget / election.num_voters
    steps = equal_shares(election, satisfaction, share, plan)
    per_voter = Fraction(math.floor(share))
    while len(steps) < len(election.projects):
        attempt = equal_shares(election, satisfaction, per_voter + 1, plan)
        if total(attempt) > election.budget:
            break
        steps, per_voter = attempt, per_voter + 1
        share = per_voter
    return steps, share
