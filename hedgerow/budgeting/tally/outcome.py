"""What a rule decided, and enough about each step to explain it to a resident."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction


@dataclass(frozen=True)
class Step:
    """One funded project: the order it was chosen in and what its supporters paid.

    `price` is what each supporter who could afford it paid (Equal Shares and
    Phragmén's maximum load); for greedy it is None. `support` is the project's
    votes (greedy) or effective votes (Equal Shares: cost ÷ price).
    """

    project: str
    cost: Fraction
    price: float | None = None
    support: float | None = None
    phase: str = "main"


@dataclass
class Outcome:
    """The selected projects in the order chosen, and how they were chosen."""

    rule: str
    satisfaction: str | None
    completion: str
    steps: list[Step] = field(default_factory=list)
    budget_per_voter: Fraction | None = None

    @property
    def selected(self) -> list[str]:
        return [s.project for s in self.steps]

    @property
    def total_cost(self) -> Fraction:
        return sum((s.cost for s in self.steps), Fraction(0))
