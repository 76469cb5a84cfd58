"""Equal Shares with the cities' "add one" completion reproduces their official results.

Wieliczka's 2023 Green Budget and Świecie 2023 were decided by Equal Shares; the
`selected` column of their Pabulib files is the published result.
"""

from fractions import Fraction

import pytest

from hedgerow.budgeting.tally import read_pabulib, tally
from hedgerow.budgeting.tests import pabutools_reference as reference
from hedgerow.budgeting.tests.elections import PABULIB

OFFICIAL = [
    ("Poland_Wieliczka_2023_Green_Budget.pb", 30, 995_079),
    ("Poland_Swiecie_2023.pb", 17, 1_040_337),
]


def _official(election):
    return sorted(p.id for p in election.projects if p.meta.get("selected") == "1")


@pytest.mark.parametrize(("name", "funded", "spent"), OFFICIAL)
def test_add_one_reproduces_the_official_result(name, funded, spent):
    election = read_pabulib(PABULIB / name)

    outcome = tally(election, "mes", "cost", "add1")

    assert sorted(outcome.selected) == _official(election)
    assert (len(outcome.selected), outcome.total_cost) == (funded, spent)


def test_pabutools_completion_stops_short_of_wieliczka_official_result():
    """pabutools stops at the first share that leaves nothing affordable (ADR 0021).

    From 151.84 a voter it reaches 31 projects for 984,579 zł at 301.84, with too
    little left for any other project, and stops; the city kept raising the share
    while the result still fitted the budget and published 30 projects for 995,079 zł.
    """
    path = PABULIB / "Poland_Wieliczka_2023_Green_Budget.pb"
    election = read_pabulib(path)
    instance, profile = reference.parse(path)

    theirs = reference.outcome(instance, profile, "mes", "cost", "budget-increase")
    ours = tally(election, "mes", "cost", "budget-increase")
    city = tally(election, "mes", "cost", "add1")

    assert sorted(ours.selected) == theirs
    assert (len(ours.selected), ours.total_cost) == (31, 984_579)
    assert ours.budget_per_voter == election.budget / election.num_voters + 150
    assert sorted(city.selected) == _official(election) != theirs
    assert city.total_cost > ours.total_cost


def test_plain_equal_shares_leaves_money_unspent_that_add_one_uses():
    election = read_pabulib(PABULIB / "Poland_Swiecie_2023.pb")

    plain = tally(election, "mes", "cost", "none")
    completed = tally(election, "mes", "cost", "add1")

    assert plain.total_cost < Fraction(2, 3) * election.budget
    assert set(plain.selected) <= set(completed.selected)
