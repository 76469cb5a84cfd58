"""Reading and writing `.pb` files: a round trip through pabutools, and refusals."""

import pytest
from pabutools.election.pabulib import parse_pabulib_from_string

from hedgerow.budgeting.tally import PabulibError, read_pabulib, tally, write_pabulib
from hedgerow.budgeting.tests.elections import PABULIB

ROUND_TRIP = [
    "Poland_Swiecie_2023.pb",  # approval
    "Poland_Krakow_2024_Debniki.pb",  # ordinal
    "US_Stanford_Dataset_PB_Cambridge_2015_vote_approvals.pb",
]

GOOD = """META
key;value
description;Ringland community chest
country;United Kingdom
unit;Newport
instance;2026
num_projects;3
num_votes;3
budget;10000
vote_type;approval
rule;equalshares/add1
PROJECTS
project_id;cost;name
p1;6000;Youth boxing club
p2;3000;"Safe spaces; after school"
p3;2500;Cuckooing awareness sessions
VOTES
voter_id;vote
1;p1,p2
2;p2,p3
3;
"""


def _cumulative_file():
    paths = sorted(PABULIB.glob("*.pb"))
    return next(p for p in paths if "vote_type;cumulative" in p.read_text("utf-8-sig"))


@pytest.mark.parametrize("name", [*ROUND_TRIP, "cumulative"])
def test_write_pabulib_round_trips_through_pabutools(name):
    path = _cumulative_file() if name == "cumulative" else PABULIB / name
    original_instance, original_profile = parse_pabulib_from_string(
        path.read_text("utf-8-sig")
    )
    election = read_pabulib(path, voter_details=True)

    instance, profile = parse_pabulib_from_string(write_pabulib(election))

    assert {(p.name, p.cost) for p in instance} == {
        (p.name, p.cost) for p in original_instance
    }
    assert instance.budget_limit == original_instance.budget_limit
    assert [dict(b) if hasattr(b, "items") else sorted(b) for b in profile] == [
        dict(b) if hasattr(b, "items") else sorted(b) for b in original_profile
    ]
    assert [b.meta for b in profile] == [b.meta for b in original_profile]


def test_write_pabulib_records_the_selected_projects():
    election = read_pabulib(GOOD.encode())
    outcome = tally(election, "greedy")

    written = read_pabulib(
        write_pabulib(election, selected=set(outcome.selected)).encode()
    )

    assert {p.id: p.meta["selected"] for p in written.projects} == {
        "p1": "1",
        "p2": "1",
        "p3": "0",
    }


def test_read_pabulib_keeps_quoted_fields_and_empty_ballots():
    election = read_pabulib(GOOD.encode())

    assert election.projects[1].name == "Safe spaces; after school"
    assert election.num_voters == 3
    assert election.votes == [1, 2, 1]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("budget;10000\n", ""), "The file does not give the budget (META budget)."),
        (
            ("p2;3000;", "p2;£3000;"),
            "Line 15: The cost of project p2 is '£3000', not a number.",
        ),
        (("p3;2500;", "p1;2500;"), "Line 16: Project p1 is listed twice."),
        (
            ("2;p2,p3", "2;p2, p9"),
            "Line 20: A ballot names project p9, which PROJECTS does not list.",
        ),
        (
            ("2;p2,p3", "2;p2,p9"),
            "Line 20: A ballot names project p9, which PROJECTS does not list.",
        ),
        (("vote_type;approval", "vote_type;ranked"), "META vote_type is 'ranked'"),
        (("VOTES\n", ""), "The file has no VOTES section."),
    ],
)
def test_read_pabulib_refuses_a_bad_file_with_the_reason(change, message):
    bad = GOOD.replace(*change)

    with pytest.raises(PabulibError) as error:
        read_pabulib(bad.encode())

    assert str(error.value).startswith(message)


def test_read_pabulib_refuses_text_that_is_not_utf8():
    with pytest.raises(PabulibError, match="not UTF-8"):
        read_pabulib(GOOD.replace("Youth", "Ieuenctid £").encode("cp1252"))


def test_read_pabulib_notes_counts_that_disagree():
    election = read_pabulib(GOOD.replace("num_votes;3", "num_votes;4").encode())

    assert election.warnings == ["META num_votes says 4 but the file holds 3."]
