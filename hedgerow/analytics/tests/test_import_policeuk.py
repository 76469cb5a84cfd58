"""`hedgerow import_policeuk`: what an analyst sees when importing police.uk files."""

import gzip
import shutil
import zipfile
from io import StringIO

import duckdb
import pytest
from django.core.management import CommandError, call_command

from hedgerow.analytics.compute import policeuk
from hedgerow.analytics.compute.policeuk import STREET_COLUMNS
from hedgerow.analytics.compute.policeuk_import import import_files
from hedgerow.analytics.demo import load_demo_crime
from hedgerow.analytics.models import CrimeImport, CrimeMonth
from hedgerow.analytics.selectors import crime_months, crimes_db
from hedgerow.analytics.tests.conftest import (
    JULY_2016,
    JULY_2017,
    csv_text,
    lsoa_counts,
    real_rows,
)
from hedgerow.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def run(*paths, expect_error: bool = False) -> str:
    out = StringIO()
    if expect_error:
        with pytest.raises(CommandError) as error:
            call_command(
                "import_policeuk", *map(str, paths), "--no-progress", stdout=out
            )
        return out.getvalue() + str(error.value)
    call_command("import_policeuk", *map(str, paths), "--no-progress", stdout=out)
    return out.getvalue()


def stored(sql: str) -> list[tuple]:
    return crimes_db(crime_months()).execute(sql).fetchall()


def test_real_months_import_every_row(real_geography):
    output = run(JULY_2016, JULY_2017)

    assert "Rows imported: 55713" in output
    assert "Rows rejected: 0" in output
    assert "Months: 2 (2016-07, 2017-07)" in output
    months = {(m.force, m.month): m.rows for m in CrimeMonth.objects.all()}
    assert months == {
        ("west-yorkshire", "2016-07"): len(real_rows(JULY_2016)),
        ("west-yorkshire", "2017-07"): len(real_rows(JULY_2017)),
    }
    assert len(real_rows(JULY_2016)) == 27176  # the data README's count
    per_lsoa = dict(
        stored(
            "SELECT lsoa_code, count(*) FROM crimes "
            "WHERE month = '2017-07' AND lsoa_code IS NOT NULL GROUP BY 1"
        )
    )
    assert per_lsoa == dict(lsoa_counts(JULY_2017))
    # Rows without a location are kept, without an LSOA.
    no_place = sum(1 for row in real_rows(JULY_2016) if not row["LSOA code"])
    assert stored(
        "SELECT count(*) FROM crimes WHERE month = '2016-07' AND lsoa_code IS NULL"
    ) == [(no_place,)]
    event = AuditEvent.objects.get(target_type="analytics.crimeimport")
    assert event.detail["rows"] == 55713


def test_reimporting_a_month_replaces_it_with_the_same_keys(real_geography):
    run(JULY_2017)
    keys = stored("SELECT crime_key FROM crimes ORDER BY record")
    run(JULY_2017)

    assert stored("SELECT crime_key FROM crimes ORDER BY record") == keys
    assert len(keys) == len(real_rows(JULY_2017))
    # Every row has a distinct key, anti-social behaviour (no Crime ID) included.
    assert len(set(keys)) == len(keys)
    asb = stored(
        "SELECT crime_key FROM crimes WHERE crime_id IS NULL ORDER BY record LIMIT 1"
    )
    first_without_id = next(
        number
        for number, row in enumerate(real_rows(JULY_2017), start=1)
        if not row["Crime ID"]
    )
    assert asb == [(f"west-yorkshire:2017-07:{first_without_id}",)]
    assert CrimeMonth.objects.count() == 1
    assert CrimeImport.objects.count() == 2


def test_bad_rows_are_reported_with_file_line_and_reason_and_the_rest_imported(
    real_geography, tmp_path
):
    rows = [list(row.values()) for row in real_rows(JULY_2017)[:30]]
    # Data rows start on line 2. Lines 3, 5, 7 and 9 go wrong; line 31 is cut short.
    rows[1][1] = "2017-13"  # bad date
    rows[3][4] = "west"  # bad coordinate
    rows[5][7] = "E01999999"  # an LSOA not in the geography
    rows[7][9] = "Jaywalking"  # not a police.uk crime type
    text = csv_text(list(STREET_COLUMNS), rows)
    text = text[: text.rindex(",")] + "\n"  # the final row loses its last field
    path = tmp_path / "2017-07-west-yorkshire-street.csv"
    path.write_text(text)

    output = run(path)

    name = str(path)
    assert f"{name}:3: {policeuk.BAD_MONTH.format(value='2017-13')}" in output
    assert f"{name}:5: the Longitude “west” is not a number" in output
    assert f"{name}:7: {policeuk.UNKNOWN_LSOA.format(value='E01999999')}" in output
    assert f"{name}:9: the Crime type “Jaywalking” is not a police.uk crime type" in (
        output
    )
    assert f"{name}:31: the row has 11 fields, not 12" in output
    assert "Rows rejected: 5" in output
    assert "Rows imported: 25" in output
    assert CrimeMonth.objects.get().rows == 25
    import_run = CrimeImport.objects.get()
    assert import_run.rejected_by_reason == {
        "bad coordinate": 1,
        "bad month": 1,
        "unknown LSOA": 1,
        "unknown crime type": 1,
        "wrong number of fields": 1,
    }


def test_a_file_with_a_bad_header_is_refused_and_the_others_imported(
    real_geography, tmp_path
):
    header = [c for c in STREET_COLUMNS if c != "LSOA code"]
    bad = tmp_path / "2017-08-west-yorkshire-street.csv"
    bad.write_text(csv_text(header, [["x"] * len(header)]))

    output = run(bad, JULY_2016)

    assert f"Not imported: {bad}: the header is not police.uk street crime: " in output
    assert "missing LSOA code" in output
    assert "Rows imported: 27176" in output
    assert [m.month for m in CrimeMonth.objects.all()] == ["2016-07"]


def test_only_bad_files_is_an_error(real_geography, tmp_path):
    bad = tmp_path / "crimes.csv"
    bad.write_text("Month,Crime type\n2017-07,Drugs\n")

    output = run(bad, expect_error=True)

    assert "the header is not police.uk street crime" in output
    assert "Nothing was imported" in output


def test_zip_downloads_import_street_files_and_skip_outcomes_and_stop_and_search(
    real_geography, tmp_path
):
    archive = tmp_path / "police-uk-download.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        with gzip.open(JULY_2017, "rb") as street:
            zipped.writestr("2017-07/2017-07-west-yorkshire-street.csv", street.read())
        zipped.writestr(
            "2017-07/2017-07-west-yorkshire-outcomes.csv",
            "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,"
            "LSOA code,LSOA name,Outcome type\n",
        )
        zipped.writestr(
            "2017-07/2017-07-west-yorkshire-stop-and-search.csv",
            "Type,Date,Part of a policing operation,Latitude,Longitude,Gender,"
            "Age range,Object of search,Outcome\n",
        )

    output = run(archive)

    assert "Rows imported: 28537" in output
    assert f"-outcomes.csv: {policeuk.OUTCOMES_SKIPPED}" in output
    assert f"-stop-and-search.csv: {policeuk.STOP_AND_SEARCH_SKIPPED}" in output


def test_month_folders_and_plain_csv_are_read(real_geography, tmp_path):
    folder = tmp_path / "2016-07"
    folder.mkdir()
    with gzip.open(JULY_2016, "rb") as src, open(folder / "street.csv", "wb") as out:
        shutil.copyfileobj(src, out)
    (folder / "notes.txt").write_text("not a CSV")

    output = run(tmp_path)

    assert "Rows imported: 27176" in output
    assert f"Skipped: {folder / 'notes.txt'}: {policeuk.NOT_CSV_SKIPPED}" in output


def test_the_row_by_row_path_stores_exactly_what_the_fast_path_does(
    real_geography, tmp_path
):
    """Columns in another order send a file down the slow path; the rows must match."""
    rows = real_rows(JULY_2016)
    reordered = list(reversed(STREET_COLUMNS))
    slow_file = tmp_path / "reordered.csv"
    slow_file.write_text(csv_text(reordered, [[r[c] for c in reordered] for r in rows]))

    fast = import_files([JULY_2016], known_lsoas=real_geography, staging=tmp_path / "a")
    slow = import_files([slow_file], known_lsoas=real_geography, staging=tmp_path / "b")

    assert not fast.files[0].slow_path
    assert slow.files[0].slow_path
    query = "SELECT * FROM read_parquet(?) ORDER BY record"
    fast_rows = duckdb.execute(query, [str(fast.partitions[0].path)]).fetchall()
    slow_rows = duckdb.execute(query, [str(slow.partitions[0].path)]).fetchall()
    assert fast_rows == slow_rows
    assert len(fast_rows) == 27176


def test_a_month_split_across_forces_and_months_is_stored_per_force_and_month(
    real_geography, tmp_path
):
    rows = [list(row.values()) for row in real_rows(JULY_2017)[:10]]
    for row in rows[:4]:
        row[1] = "2017-08"
    for row in rows[4:6]:
        row[2] = "North Yorkshire Police"
    mixed = tmp_path / "mixed.csv"
    mixed.write_text(csv_text(list(STREET_COLUMNS), rows))

    run(mixed)

    months = {(m.force, m.month): m.rows for m in CrimeMonth.objects.all()}
    assert months == {
        ("west-yorkshire", "2017-08"): 4,
        ("north-yorkshire", "2017-07"): 2,
        ("west-yorkshire", "2017-07"): 4,
    }


def test_without_geography_the_import_is_refused_with_what_to_do():
    output = run(JULY_2017, expect_error=True)

    assert "Load the geography first" in output
    assert not CrimeMonth.objects.exists()


def test_the_demo_imports_both_real_months_with_no_rejections():
    out = StringIO()
    load_demo_crime(out)
    load_demo_crime(out)

    assert "55713 police.uk rows" in out.getvalue()
    assert "0 rejected" in out.getvalue()
    assert "already in" in out.getvalue()
    assert {(m.month, m.rows) for m in CrimeMonth.objects.all()} == {
        ("2016-07", 27176),
        ("2017-07", 28537),
    }
