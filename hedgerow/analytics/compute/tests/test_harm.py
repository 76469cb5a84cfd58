"""Reading a harm weights CSV: every problem found, with its line."""

import pytest

from hedgerow.analytics.compute import harm
from hedgerow.analytics.compute.harm import (
    WeightProblem,
    parse_harm_weights,
    read_harm_weights,
    slug_problem,
    unweighted,
)
from hedgerow.analytics.compute.policeuk import CRIME_TYPES


def parse(text: str) -> harm.WeightTable:
    return parse_harm_weights(text.splitlines(keepends=True))


def test_parse_harm_weights_reads_weights_and_notes():
    table = parse(
        "crime_type,weight,note\n"
        "Burglary,12.5,from the test\n"
        "\n"
        "Drugs,0,\n"
        '"Violence and sexual offences",3\n'
    )

    assert table.problems == []
    assert table.weights == {
        "Burglary": 12.5,
        "Drugs": 0.0,
        "Violence and sexual offences": 3.0,
    }
    assert table.notes == {"Burglary": "from the test"}


def test_parse_harm_weights_accepts_a_header_in_any_case_with_spaces():
    table = parse(" Crime_Type , WEIGHT\nRobbery,2\n")

    assert table.problems == []
    assert table.weights == {"Robbery": 2.0}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", WeightProblem(None, harm.EMPTY_FILE)),
        (
            "type,weight\nRobbery,2\n",
            WeightProblem(1, harm.BAD_HEADER.format(found="type,weight")),
        ),
        (
            "crime_type,weight,source\nRobbery,2,x\n",
            WeightProblem(1, harm.BAD_HEADER.format(found="crime_type,weight,source")),
        ),
        ("crime_type,weight\n\n", WeightProblem(1, harm.NO_ROWS)),
        (
            "crime_type,weight\nRobbery,2\nDrugs,1,extra\n",
            WeightProblem(3, harm.WRONG_FIELD_COUNT.format(found=3, expected=2)),
        ),
        (
            "crime_type,weight\nBurglary,1\nRobery,2\n",
            WeightProblem(
                3,
                harm.UNKNOWN_CRIME_TYPE.format(
                    value="Robery", valid=", ".join(CRIME_TYPES)
                ),
            ),
        ),
        ("crime_type,weight\n,2\n", WeightProblem(2, harm.MISSING_CRIME_TYPE)),
        (
            "crime_type,weight\nRobbery,\n",
            WeightProblem(2, harm.MISSING_WEIGHT.format(crime_type="Robbery")),
        ),
        (
            "crime_type,weight\nRobbery,high\n",
            WeightProblem(
                2, harm.BAD_WEIGHT.format(value="high", crime_type="Robbery")
            ),
        ),
        (
            "crime_type,weight\nRobbery,inf\n",
            WeightProblem(2, harm.BAD_WEIGHT.format(value="inf", crime_type="Robbery")),
        ),
        (
            "crime_type,weight\nRobbery,-1\n",
            WeightProblem(
                2, harm.NEGATIVE_WEIGHT.format(value="-1", crime_type="Robbery")
            ),
        ),
        (
            "crime_type,weight\nRobbery,1\nDrugs,2\nRobbery,3\n",
            WeightProblem(
                4, harm.DUPLICATE_CRIME_TYPE.format(crime_type="Robbery", first=2)
            ),
        ),
    ],
)
def test_parse_harm_weights_names_each_problem_and_its_line(text, problem):
    assert parse(text).problems == [problem]


def test_parse_harm_weights_reports_every_bad_row_not_just_the_first():
    table = parse("crime_type,weight\nRobbery,-1\nBurglary,2\nGuns,1\nDrugs,x\n")

    assert [p.line for p in table.problems] == [2, 4, 5]
    assert "“Guns” is not a police.uk crime type" in table.problems[1].message
    assert "Anti-social behaviour, Bicycle theft" in table.problems[1].message


def test_a_problem_is_located_as_file_colon_line():
    assert WeightProblem(4, "bad").located("w.csv") == "w.csv:4: bad"
    assert WeightProblem(None, "bad").located("w.csv") == "w.csv: bad"


def test_read_harm_weights_reads_utf8_with_a_byte_order_mark(tmp_path):
    path = tmp_path / "weights.csv"
    path.write_bytes("crime_type,weight\nShoplifting,1.5\n".encode("utf-8-sig"))

    assert read_harm_weights(path).weights == {"Shoplifting": 1.5}


def test_read_harm_weights_refuses_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "weights.csv"
    path.write_bytes("crime_type,weight\nShoplifting,1.5 \xa3\n".encode("latin-1"))

    assert read_harm_weights(path).problems == [WeightProblem(None, harm.NOT_UTF8)]


def test_read_harm_weights_says_when_the_file_cannot_be_read(tmp_path):
    problems = read_harm_weights(tmp_path / "missing.csv").problems

    assert problems == [
        WeightProblem(None, harm.UNREADABLE.format(reason="No such file or directory"))
    ]


@pytest.mark.parametrize("slug", ["cchi-2023", "css", "a"])
def test_slug_problem_accepts_lower_case_digits_and_hyphens(slug):
    assert slug_problem(slug) is None


@pytest.mark.parametrize("slug", ["CCHI", "cchi 2023", "-cchi", "", "x" * 51])
def test_slug_problem_explains_a_bad_name(slug):
    assert slug_problem(slug) == harm.BAD_SLUG.format(value=slug)


def test_unweighted_lists_types_without_a_weight_in_police_uk_order():
    weights = {"Drugs": 1.0, "Robbery": 0.0}

    missing = unweighted(["Robbery", "Shoplifting", "Drugs", "Burglary"], weights)

    assert missing == ["Burglary", "Shoplifting"]  # a weight of 0 is a weight
