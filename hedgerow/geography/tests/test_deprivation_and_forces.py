"""`load_geography --imd` and the gaps the lookup leaves (Wales, forces), filled.

tests/data/imd2019_file7_sample.csv is written in the exact 57-column layout of
the English Indices of Deprivation 2019 File 7, with constructed values for the
three LSOAs of `small_files` and one LSOA that is not loaded.
"""

import csv
import gzip
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from hedgerow.audit.models import AuditEvent
from hedgerow.geography.models import Deprivation, Lsoa
from hedgerow.geography.services import geography_load
from hedgerow.geography.sources import SourceError
from hedgerow.geography.sources.deprivation import MEASURES
from hedgerow.geography.tests.conftest import (
    LOOKUP_HEADER,
    POPULATION_HEADER,
    feature,
    geojson_text,
)

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parent / "data" / "imd2019_file7_sample.csv"


def run(**options) -> str:
    out = io.StringIO()
    call_command("load_geography", "--no-progress", stdout=out, **options)
    return out.getvalue()


def sample_rows() -> tuple[list[str], list[list[str]]]:
    with open(SAMPLE, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def test_the_sample_is_in_file_7s_exact_layout():
    header, rows = sample_rows()
    assert len(header) == 57
    assert header[:5] == [
        "LSOA code (2011)",
        "LSOA name (2011)",
        "Local Authority District code (2019)",
        "Local Authority District name (2019)",
        "Index of Multiple Deprivation (IMD) Score",
    ]
    assert header[-1].startswith("Working age population 18-59/64")
    assert all(len(row) == 57 for row in rows)


def test_imd_loads_every_measure_for_the_loaded_lsoas_and_reports_the_rest(
    small_files,
):
    run(**small_files)

    output = run(imd=str(SAMPLE))

    assert "Deprivation (IoD2019) created: 3" in output
    assert "Deprivation rows with no LSOA loaded: 1" in output  # County Durham
    assert Deprivation.objects.count() == 3 * len(MEASURES) == 48
    _, rows = sample_rows()
    leeds = next(r for r in rows if r[0] == "E01011365")
    imd = Deprivation.objects.get(lsoa__code="E01011365", measure="imd")
    assert (imd.score, imd.rank, imd.decile) == (
        float(leeds[4]),
        int(leeds[5]),
        int(leeds[6]),
    )
    health = Deprivation.objects.get(lsoa__code="E01011365", measure="health")
    assert health.score < 0  # standardised domain scores may be negative
    event = AuditEvent.objects.filter(target_type="geography.lsoa").latest("id")
    assert event.detail["deprivation_created"] == 3
    assert event.detail["files"]["deprivation"] == str(SAMPLE)


def test_imd_again_changes_nothing_and_a_changed_score_is_replaced(small_files, write):
    run(**small_files, imd=str(SAMPLE))
    first_ids = set(Deprivation.objects.values_list("id", flat=True))

    again = run(imd=str(SAMPLE))
    assert "Deprivation (IoD2019) unchanged: 3" in again
    assert set(Deprivation.objects.values_list("id", flat=True)) == first_ids

    header, rows = sample_rows()
    rows[0][4] = "42.5"  # the IMD score of the first LSOA
    changed = io.StringIO()
    csv.writer(changed).writerows([header, *rows])
    output = run(imd=write("changed.csv", changed.getvalue()))
    assert "Deprivation (IoD2019) updated: 1" in output
    assert "Deprivation (IoD2019) unchanged: 2" in output
    code = rows[0][0]
    assert Deprivation.objects.get(lsoa__code=code, measure="imd").score == 42.5
    assert Deprivation.objects.count() == 48


def test_bad_imd_rows_are_named_and_nothing_is_loaded(small_files, write):
    run(**small_files)
    header, rows = sample_rows()
    rows[0][5] = "first"  # IMD rank
    rows[1][6] = "11"  # IMD decile
    rows[2] = rows[2][:30]  # cut short
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows([header, *rows])
    path = write("bad.csv", text.getvalue())

    with pytest.raises(CommandError) as error:
        run(imd=path)

    message = str(error.value)
    assert (
        f"{path}, line 2: E01011365: Index of Multiple Deprivation (IMD) Rank "
        "(where 1 is most deprived): “first” is not a whole number"
    ) in message
    assert f"{path}, line 3: E01011366: Index of Multiple Deprivation (IMD) Decile" in (
        message
    )
    assert "11 is not from 1 to 10" in message
    assert f"{path}, line 4: the row has 30 columns" in message
    assert Deprivation.objects.count() == 0


def test_a_file_that_is_not_file_7_is_refused_with_what_is_missing(write):
    path = write("lookup.csv", LOOKUP_HEADER + "\n")

    with pytest.raises(SourceError) as error:
        geography_load(imd=path)

    assert "does not look like the Indices of Deprivation 2019 File 7" in str(
        error.value
    )
    assert "“LSOA code (2011)”" in str(error.value)


def test_welsh_lsoas_missing_from_the_lookup_take_the_census_hierarchy_and_force(
    write,
):
    boundaries = write(
        "lsoa.geojson",
        geojson_text(
            [
                feature("W01001690", "Cardiff 032A", -3.18, 51.48),
                feature("E01011365", "Leeds 111B", -1.56, 53.79),
            ]
        ),
    )
    # The national lookup has no Welsh rows; the census table has them all.
    lookup = write(
        "lookup.csv",
        LOOKUP_HEADER + "\n1,E12000003,YORKSHIRE AND THE HUMBER,E08000035,Leeds,"
        "E02002330,Leeds 111,E01011365,Leeds 111B,West Yorkshire\n",
    )
    population = write(
        "population.csv",
        POPULATION_HEADER + "\nW92000004,Wales,W06000015,Cardiff,W02000383,"
        "Cardiff 032,W01001690,Cardiff 032A,,1500,1500,0,40,37.5,600,2.5"
        "\nE12000003,YORKSHIRE AND THE HUMBER,E08000035,Leeds (census name),"
        "E02002330,Leeds 111,E01011365,Leeds 111B,,1563,1517,46,1650,2.4,666,2.3\n",
    )

    output = run(boundaries=boundaries, lookup=lookup, population=population)

    cardiff = Lsoa.objects.get(code="W01001690")
    assert (cardiff.local_authority_code, cardiff.local_authority_name) == (
        "W06000015",
        "Cardiff",
    )
    assert cardiff.msoa_code == "W02000383"
    assert cardiff.police_force == "South Wales"
    assert "Police force taken from the local authority: 1" in output
    # Where both files name an area, the lookup wins.
    assert Lsoa.objects.get(code="E01011365").local_authority_name == "Leeds"


def test_a_police_force_lookup_given_replaces_the_shipped_one(small_files, write):
    lookup = write(
        "lookup.csv",
        LOOKUP_HEADER + "\n1,E12000003,YORKSHIRE AND THE HUMBER,E08000035,Leeds,"
        "E02002330,Leeds 111,E01011365,Leeds 111B,\n",
    )
    forces = write(
        "forces.csv", "LAD11CD,PFA11NM\nE08000035,West Yorkshire (given table)\n"
    )

    output = run(
        boundaries=small_files["boundaries"], lookup=lookup, police_force_lookup=forces
    )

    assert Lsoa.objects.get(code="E01011365").police_force == (
        "West Yorkshire (given table)"
    )
    assert "Police force taken from the local authority: 1" in output
    bad = write("bad.csv", "LAD11CD,PFA11NM\nLEEDS,West Yorkshire\n")
    with pytest.raises(SourceError, match=f"{bad}, line 2: local_authority_code"):
        geography_load(lookup=lookup, police_force_lookup=bad)


def test_the_real_files_give_cardiff_and_northumberland_their_forces(real_files):
    # Neither is in the national lookup with a force: Wales is missing from it,
    # and Northumberland's rows have a blank police force.
    run(
        **real_files,
        only_local_authority=["W06000015", "E06000048"],
    )

    with gzip.open(real_files["population"], "rt", encoding="utf-8") as handle:
        rows = [r for r in csv.reader(handle) if r[2] in {"W06000015", "E06000048"}]
    assert Lsoa.objects.count() == len(rows) > 300
    forces = dict(
        Lsoa.objects.values_list("local_authority_code", "police_force").distinct()
    )
    assert forces == {"W06000015": "South Wales", "E06000048": "Northumbria"}
    assert not Lsoa.objects.filter(msoa_code="").exists()
    # Wales has no English region: the census table leaves it blank, and so do we.
    assert (
        not Lsoa.objects.filter(code__startswith="W").exclude(region_code="").exists()
    )
