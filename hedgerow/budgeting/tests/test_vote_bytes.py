"""The byte-level reader of numbered votes gives exactly what the careful reader
gives, and steps aside for anything it does not handle."""

import numpy as np
import pytest

from hedgerow.budgeting.tally import pabulib
from hedgerow.budgeting.tally.pabulib import PabulibError, parse_pabulib, read_pabulib
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


def test_ids_this_reader_cannot_cut_out_are_left_to_the_careful_reader():
    for odd in ("a b", "a,b", "a;b", "none", "None", "", "x" * 65):
        assert id_table({odd: 0, "1": 1}) is None
    assert id_table({"1": 0, "07": 1}) is not None  # "07" is an id like any other


def votes_file(ids, ballots, extra=""):
    """A file listing `ids`, a row per ballot (a list of ids), and a last column."""
    projects = "".join(f"{i};10\n" for i in ids)
    rows = "".join(f"{n};{','.join(b)};{extra}\n" for n, b in enumerate(ballots))
    return (
        f"META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\n"
        f"project_id;cost\n{projects}VOTES\nvoter_id;vote;neighbourhood\n{rows}"
    )


def only_by_bytes(monkeypatch):
    """From here on, reading that leaves the byte reader fails the test."""
    for other in ("_store_ballots", "_store_rows"):
        monkeypatch.setattr(pabulib, other, _refuse(other))


def _refuse(reader):
    def refuse(*_args, **_kwargs):
        pytest.fail(f"the byte reader stepped aside for {reader}")

    return refuse


def test_ids_of_any_length_that_share_beginnings_and_endings_are_told_apart(
    monkeypatch,
):
    # Ids are compared by their length and 8-byte words; these differ only in
    # one byte, in their length, or in a multi-byte letter, at every position.
    ids = ["1", "10", "100", "BO.OM.1/24", "BO.OM.1/244", "BO.OM.11/24", "ŁÓDŹ-7"]
    ids += ["x" * n for n in (7, 8, 9, 16, 17, 63, 64)]
    ids += ["x" * 15 + "y", "y" + "x" * 15, "x" * 31 + "ż"]
    ballots = [ids[n:] + ids[:n] for n in range(len(ids))] + [[], ids[::-1]]
    text = votes_file(ids, ballots, extra="Stare Miasto, Kraków")
    expected = careful(text)
    only_by_bytes(monkeypatch)
    assert fast(text) == expected
    election = read_pabulib(text.encode())
    assert [election.projects[p].id for p in election.ballot_projects[:3]] == ids[:3]
    monkeypatch.undo()  # an unknown id is the careful reader's to name
    shifted = votes_file(ids, [["x" * 62]])
    with pytest.raises(PabulibError, match=r"names project x{62},"):
        parse_pabulib(shifted)


def test_quotes_and_commas_outside_the_vote_field_read_the_same_either_way():
    quoted = votes_file(["1", "2"], [["1", "2"]]).replace("1,2", '"1,2"')
    assert fast(quoted) == careful(quoted) == ([0, 2], [0, 1])
    commas = votes_file(["1", "2"], [["2"], ["1", "2"]], extra="a,b,,c")
    assert fast(commas) == careful(commas) == ([0, 1, 3], [1, 0, 1])


def test_a_file_read_as_bytes_reads_as_its_text_does(tmp_path):
    text = votes_file(["BO.1/24", "BO.2/24"], [["BO.2/24"], ["BO.1/24", "BO.2/24"]])
    with_bom = tmp_path / "bom.pb"
    with_bom.write_bytes(b"\xef\xbb\xbf" + text.encode())
    assert read_pabulib(with_bom).ballot_projects.tolist() == [1, 0, 1]
    # VOTES before PROJECTS: its rows do not run to the end of the file.
    head, votes = text.split("VOTES\n")
    meta, projects = head.split("PROJECTS\n")
    reordered = f"{meta}VOTES\n{votes}PROJECTS\n{projects}"
    assert read_pabulib(reordered.encode()).ballot_ptr.tolist() == [0, 1, 3]


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
