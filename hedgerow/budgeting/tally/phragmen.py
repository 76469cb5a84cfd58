"""Sequential Phragmén: voters share the load of what is funded, as evenly as possible.

For approval ballots. Each round funds the project whose supporters would end with the
lowest maximum load, (their loads + cost) ÷ supporters, and sets their loads to it. As
in pabutools' `sequential_phragmen`, the rule stops, rather than skips, when the best
project (or any tied with it) no longer fits. Loads take one value per round, so exact
sums are cheap; floats pick the few candidates worth summing exactly.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from hedgerow.budgeting.tally.election import Election
from hedgerow.budgeting.tally.outcome import Step

MARGIN = 1e-9


def phragmen(election: Election) -> list[Step]:
    """The funded projects in order, with each one's maximum load as its price."""
    load_class = np.zeros(election.num_voters, dtype=np.int64)
    loads: list[Fraction] = [Fraction(0)]
    remaining = [i for i, c in enumerate(election.costs) if c <= election.budget]
    spent, steps = Fraction(0), []
    while remaining:
        tied, load = _lowest_max_load(election, remaining, load_class, loads)
        if any(spent + election.costs[i] > election.budget for i in tied):
            break
        chosen = min(tied, key=lambda i: election.projects[i].id)
        if load is not None:
            load_class[election.supporters[chosen]] = len(loads)
            loads.append(load)
        spent += election.costs[chosen]
        remaining.remove(chosen)
        price = float(load) if load is not None else None
        steps.append(Step(election.projects[chosen].id, election.costs[chosen], price))
    return steps


def _lowest_max_load(
    election: Election,
    remaining: list[int],
    load_class: np.ndarray,
    loads: list[Fraction],
) -> tuple[list[int], Fraction | None]:
    """The projects tied for the lowest new maximum load, and that load."""
    supported = [i for i in remaining if election.votes[i] > 0]
    if not supported:
        return remaining, None
    as_float = np.array([float(v) for v in loads])
    rough = {
        i: (
            as_float[load_class[election.supporters[i]]].sum()
            + float(election.costs[i])
        )
        / election.votes[i]
        for i in supported
    }
    lowest = min(rough.values())
    close = [i for i in supported if rough[i] <= lowest * (1 + MARGIN) + 1e-300]
    exact = {i: _max_load(election, i, load_class, loads) for i in close}
    best = min(exact.values())
    return [i for i in close if exact[i] == best], best


def _max_load(
    election: Election, project: int, load_class: np.ndarray, loads: list[Fraction]
) -> Fraction:
    counts = np.bincount(load_class[election.supporters[project]])
    carried = sum(
        (loads[k] * int(counts[k]) for k in np.flatnonzero(counts)), Fraction(0)
    )
    return (carried + election.costs[project]) / election.votes[project]
