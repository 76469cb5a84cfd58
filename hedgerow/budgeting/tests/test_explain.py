"""The results page's explanations: each project's fate, and other rules' winners.

Every "more supporters needed" figure is checked the way a sceptical resident would:
count the ballots again by `tally` with that many extra supporters (it is funded) and
with one fewer (it is not).
"""

import subprocess
import sys
from fractions import Fraction

import numpy as np
import pytest

from hedgerow.budgeting.tally import read_pabulib, tally
from hedgerow.budgeting.tally.election import Election, Project
from hedgerow.budgeting.tally.explain import (
    compare_rules,
    explain,
    more_supporters_needed,
    with_extra_ballots,
)
from hedgerow.budgeting.tests.elections import PABULIB

LONG_BEACH = "US_Stanford_Dataset_PB_Long_Beach_District_9_2015_vote_approvals.pb"
WAWRZYSZEW = "Poland_Warszawa_2026_Wawrzyszew.pb"
ZURICH = "Switzerland_Zurich_S5.pb"
GDANSK = "Poland_Gdansk_2020_Wzgorze_Mickiewicza.pb"  # cumulative ballots
COUNTS = [
    ("greedy", "cost", "none"),
    ("greedy", "cardinality", "none"),
    ("mes", "cost", "none"),
    ("mes", "cost", "add1"),
    ("mes", "cardinality", "add1"),
    ("mes", "cost", "add1-greedy"),
    ("mes", "cost", "budget-increase"),
    ("phragmen", "cost", "none"),
]


def _election(costs, ballots, budget, points=None, vote_type="approval"):
    projects = [
        Project(pid, Fraction(c), {"name": f"Project {pid}"}) for pid, c in costs
    ]
    index = {p.id: i for i, p in enumerate(projects)}
    return Election(
        meta={},
        projects=projects,
        budget=Fraction(budget),
        vote_type=vote_type,
        ballot_ptr=np.cumsum([0] + [len(b) for b in ballots], dtype=np.int64),
        ballot_projects=np.array([index[p] for b in ballots for p in b], np.int32),
        ballot_points=(
            None if points is None else np.array([x for b in points for x in b], float)
        ),
    )


def _with_supporters(election, project, k):
    """The same ballots and k more naming only `project`, built from scratch."""
    ballots = [election.ballot(v) for v in range(election.num_voters)]
    costs = [(p.id, p.cost) for p in election.projects]
    return _election(
        costs, ballots + [[project]] * k, election.budget, vote_type=election.vote_type
    )


def _funded(election, count, project, k):
    return project in tally(_with_supporters(election, project, k), *count).selected


def _town():
    """Five back a playground, five a bench (three of them a mural too), one a pool."""
    costs = [
        ("bench", 40),
        ("mural", 50),
        ("park", 30),
        ("playground", 60),
        ("pool", 150),
    ]
    ballots = (
        [["playground"]] * 5 + [["mural", "bench"]] * 3 + [["bench"]] * 2 + [["pool"]]
    )
    return _election(costs, ballots, 100)


def _fates(election, *count, **options):
    fates = explain(election, tally(election, *count), **options)
    return {f.project: f for f in fates}


def test_explain_lists_funded_projects_in_the_order_chosen():
    fates = _fates(_town(), "greedy", "cost", "none")

    assert [f.project for f in fates.values()] == [p.id for p in _town().projects]
    assert (fates["bench"].order, fates["playground"].order) == (1, 2)
    assert fates["bench"].reason == fates["playground"].reason == "funded"
    assert fates["bench"].phase == "main"
    assert fates["mural"].order is None


def test_explain_project_nobody_voted_for_has_no_votes():
    park = _fates(_town(), "mes", "cost", "add1")["park"]

    assert (park.votes, park.points, park.funded, park.reason) == (
        0,
        0,
        False,
        "no_votes",
    )


def test_explain_project_over_the_whole_budget_could_not_be_helped():
    pool = _fates(_town(), "greedy", "cost", "none")["pool"]

    assert pool.reason == "over_budget"
    assert pool.more_supporters_needed is None


def test_explain_greedy_project_costing_more_than_was_left_at_its_turn():
    mural = _fates(_town(), "greedy", "cost", "none")["mural"]

    assert mural.reason == "over_budget_left"
    assert (mural.cost, mural.money_left) == (50, 0)
    assert mural.more_supporters_needed == 2


def test_explain_equal_shares_supporters_pay_its_cost_between_them():
    fates = _fates(_town(), "mes", "cost", "none")

    bench = fates["bench"]
    assert (bench.price_per_supporter, bench.supporters_paying) == (8, 5)
    assert bench.supporters_paying_less == 0
    assert bench.price_per_supporter * bench.supporters_paying == bench.cost
    assert fates["playground"].reason == "too_few_supporters"
    assert fates["playground"].money_left == 60


def test_explain_phragmen_stops_before_a_project_that_would_fit():
    costs = [("a", 70), ("b", 50), ("c", 20)]
    election = _election(costs, [["a"]] * 6 + [["b"]] * 4 + [["c"]], 100)

    fates = _fates(election, "phragmen")

    assert [fates[p].reason for p in "abc"] == [
        "funded",
        "over_budget_left",
        "not_reached",
    ]
    assert fates["a"].price_per_supporter == pytest.approx(70 / 6)


def test_explain_free_project_equal_shares_by_cost_never_funds():
    election = _election([("free", 0), ("swing", 10)], [["free", "swing"]] * 3, 10)

    fates = _fates(election, "mes", "cost", "none")

    assert fates["free"].reason == "no_value"
    assert fates["free"].more_supporters_needed is None


@pytest.mark.parametrize("count", COUNTS, ids="-".join)
def test_more_supporters_needed_funds_it_and_one_fewer_does_not(count):
    election = _town()
    outcome = tally(election, *count)
    searched = 0

    for project in election.projects:
        if project.id in outcome.selected:
            assert more_supporters_needed(election, *count, project.id) == 0
            continue
        k = more_supporters_needed(election, *count, project.id)
        if k is None:
            continue
        searched += 1
        assert _funded(election, count, project.id, k)
        assert not _funded(election, count, project.id, k - 1)

    assert searched >= 2


@pytest.mark.parametrize(
    ("name", "count"),
    [
        (LONG_BEACH, ("mes", "cost", "add1")),
        (LONG_BEACH, ("phragmen", "cost", "none")),
        (WAWRZYSZEW, ("mes", "cost", "add1")),
        (WAWRZYSZEW, ("mes", "cardinality", "add1-greedy")),
        (WAWRZYSZEW, ("phragmen", "cost", "none")),
        (ZURICH, ("mes", "cost", "add1")),
        (ZURICH, ("greedy", "cost", "none")),
        (GDANSK, ("mes", "cardinality", "add1")),
        (GDANSK, ("mes", "cost", "none")),
    ],
    ids=lambda value: value if isinstance(value, str) else "-".join(value),
)
def test_explain_needed_supporters_on_real_ballots(name, count):
    election = read_pabulib(PABULIB / name)

    fates = explain(election, tally(election, *count))

    unfunded = [f for f in fates if not f.funded]
    assert unfunded
    for fate in unfunded:
        k = fate.more_supporters_needed
        if k is None:  # as many again, twenty times over, would not do
            assert not _funded(election, count, fate.project, 20 * election.num_voters)
            continue
        assert _funded(election, count, fate.project, k)
        assert not _funded(election, count, fate.project, k - 1)


def test_explain_real_equal_shares_prices_cover_each_cost():
    election = read_pabulib(PABULIB / WAWRZYSZEW)

    fates = explain(election, tally(election, "mes", "cost", "add1"), with_needed=False)

    priced = [f for f in fates if f.price_per_supporter is not None]
    assert priced
    for f in priced:
        full = f.supporters_paying - f.supporters_paying_less
        assert f.supporters_paying <= f.votes
        assert f.price_per_supporter * f.supporters_paying >= float(f.cost) * 0.999999
        assert f.price_per_supporter * full <= float(f.cost) * 1.000001


def test_explain_without_needed_leaves_it_blank():
    fates = _fates(_town(), "mes", "cost", "add1", with_needed=False)

    assert all(f.more_supporters_needed is None for f in fates.values())


def test_explain_cumulative_ballots_show_votes_and_points_as_published():
    election = read_pabulib(PABULIB / GDANSK)

    fates = explain(election, tally(election, "greedy"), with_needed=False)

    published = {
        p.id: (int(p.meta["votes"]), float(p.meta["score"])) for p in election.projects
    }
    assert {f.project: (f.votes, f.points) for f in fates} == published


def test_with_extra_ballots_give_cumulative_points_the_most_a_ballot_may():
    election = read_pabulib(PABULIB / GDANSK)
    index = election.project_index["3"]

    augmented = with_extra_ballots(election, index, 4)

    assert augmented.num_voters == election.num_voters + 4
    assert augmented.votes[index] == election.votes[index] + 4
    assert list(augmented.ballot_points[-4:]) == [5.0] * 4  # META max_sum_points
    fresh = Election(
        election.meta,
        election.projects,
        election.budget,
        election.vote_type,
        augmented.ballot_ptr,
        augmented.ballot_projects,
        augmented.ballot_points,
    )
    assert all(map(np.array_equal, augmented.supporters, fresh.supporters))


@pytest.mark.parametrize("name", [LONG_BEACH, WAWRZYSZEW, GDANSK])
def test_compare_rules_gives_each_rules_own_winners(name):
    election = read_pabulib(PABULIB / name)

    results = compare_rules(election)

    for result in results:
        outcome = tally(
            election, result.rule, result.satisfaction or "cost", result.completion
        )
        assert result.selected == tuple(outcome.selected), result.label
        assert result.total_cost == outcome.total_cost
    labels = [r.label for r in results]
    assert labels[:4] == [
        "greedy-cost",
        "mes-cost-add1",
        "mes-cardinality-add1",
        "mes-cost",
    ]
    assert ("phragmen" in labels) == election.is_approval


def test_compare_rules_leaves_out_phragmen_for_cumulative_ballots():
    labels = [r.label for r in compare_rules(read_pabulib(PABULIB / GDANSK))]

    assert "phragmen" not in labels


def test_explain_starts_without_django():
    script = (
        "import sys; import hedgerow.budgeting.tally.explain; "
        "sys.exit('django' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )

    assert result.returncode == 0, result.stderr
