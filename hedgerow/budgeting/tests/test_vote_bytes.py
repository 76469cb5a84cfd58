"""The byte-level reader of numbered votes gives exactly what the careful reader
gives, and steps aside for anything it does not handle."""

import numpy as np
import pytest

from hedgerow.budgeting.tally.pabulib import PabulibError, parse_pabulib
from hedgerow.budgeting.tally.vote_bytes import id_table, vote_rows
from hedgerow.budgeting.tests.elections import PABULIB, SMALL_FILE_BYTES

HEAD = (
    "META\nkey;value\nnum_projects;3\nnum_votes;3\nbudget;100\nvote_type;approval\n"
    "PROJECTS\nproject_id;cost\n1;10\n2;20\n10;30\nVOTES\nvoter_id;vote;age\n"
)


def careful(text):
    """The careful reader's rows (asking for voter details takes that path)."""
    election = parse_pabulib(text, voter_details=True)
    return election.ballot_ptr.tolist(), election.ballot_projects.tolist()


def fast(text):
    election = parse_pabulib(text)
    return election.ballot_ptr.tolist(), election.ballot_projects.tolist()


@pytest.mark.parametrize(
    "votes",
    [
        "1;1,2,10;30\n2;10;41\n3;2,1;52\n",
        "1;1,2,10;30\n2;;41\n3;2;52",  # an empty ballot, no final newline
        "1;1,1,2;30\n2;10;41\n3;2;52\n",  # a project named twice
        "1;1, 2;30\n2;10;41\n3;2;52\n",  # spaces: the careful path
        "1;none;30\n2;10;41\n3;2;52\n",  # "none": the careful path
    ],
)
def test_numbered_votes_read_the_same_either_way(votes):
    assert fast(HEAD + votes) == careful(HEAD + votes)


def test_an_unknown_or_zero_padded_project_is_left_to_the_careful_reader():
    numbered = id_table({"1": 0, "2": 1, "10": 2})
    named = id_table({"BO.1/24": 0, "BO.2/24": 1})
    for row in (b"1;3;30\n", b"1;01;30\n", b"1;12345678;30\n", b"1;2\n"):
        assert vote_rows(row, 1, 3, numbered) is None
    for row in (b"1;BO.3/24;30\n", b"1;BO.1/2;30\n", b"1;BO.1/24 ;30\n"):
        assert vote_rows(row, 1, 3, named) is None
    ptr, projects = vote_rows(b"1;BO.2/24,BO.1/24;30\n2;;31\n", 1, 3, named)
    assert (ptr.tolist(), projects.tolist()) == ([0, 2, 2], [1, 0])
    with pytest.raises(PabulibError, match="names project 01") as refused:
        parse_pabulib(HEAD + "1;01;30\n2;10;41\n3;2;52\n")
    assert refused.value.line == 14


def test_whole_number_ids_are_read_as_numbers_and_odd_ids_not_at_all():
    assert id_table({"1": 0, "07": 1}).by_number is None
    assert id_table({"a1": 0}).by_number is None
    assert id_table({"3": 0, "1": 1}).by_number.tolist() == [-1, 1, -1, 0]
    assert id_table({"a b": 0}) is None


def test_every_small_shared_election_reads_the_same_either_way():
    checked = 0
    for path in sorted(PABULIB.glob("*.pb")):
        if path.stat().st_size > SMALL_FILE_BYTES:
            continue
        text = path.read_text(encoding="utf-8-sig")
        try:
            expected = careful(text)
        except PabulibError:
            continue
        got = parse_pabulib(text)
        assert got.ballot_ptr.tolist() == expected[0], path.name
        assert np.array_equal(got.ballot_projects, np.array(expected[1])), path.name
        checked += 1
    assert checked > 250
