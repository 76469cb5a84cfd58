"""Utilitarian greedy: fund projects by satisfaction per pound until the money runs out.

Matches pabutools' `greedy_utilitarian_welfare` with an additive satisfaction: projects
are ordered by total satisfaction over cost (exactly), ties by project id, and any
project that no longer fits is skipped while cheaper ones after it may still be funded.
"""

from __future__ import annotations

import math
from fractions import Fraction

from hedgerow.budgeting.tally.election import Election
from hedgerow.budgeting.tally.outcome import Step


def satisfaction_value(election: Election, project: int, satisfaction: str) -> Fraction:
    """What one supporter gains when the project is funded: its cost, or one project."""
    return election.costs[project] if satisfaction == "cost" else Fraction(1)


def density(election: Election, project: int, satisfaction: str) -> Fraction | float:
    """Total satisfaction per pound; a free project anyone gains from comes first."""
    total = election.votes[project] * satisfaction_value(
        election, project, satisfaction
    )
    if total <= 0:
        return Fraction(0)
    cost = election.costs[project]
    # Fractions compare exactly with float infinity.
    return total / cost if cost > 0 else math.inf


def greedy(
    election: Election,
    satisfaction: str,
    funded: list[Step] | None = None,
    phase: str = "main",
) -> list[Step]:
    """Greedy steps, after any already `funded` (a completion continues from them)."""
    taken = {s.project for s in funded or []}
    remaining = election.budget - sum((s.cost for s in funded or []), Fraction(0))
    candidates = sorted(
        (i for i, p in enumerate(election.projects) if p.id not in taken),
        key=lambda i: election.projects[i].id,
    )
    candidates.sort(key=lambda i: -density(election, i, satisfaction))
    steps: list[Step] = []
    for i in candidates:
        project = election.projects[i]
        if project.cost <= remaining:
            remaining -= project.cost
            support = float(election.votes[i])
            steps.append(Step(project.id, project.cost, support=support, phase=phase))
    return steps
