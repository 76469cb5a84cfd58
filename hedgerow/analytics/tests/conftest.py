"""The real police.uk months shipped for the demo, and LSOAs for every code in them."""

import csv
import gzip
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from hedgerow.accounts.roles import Role
from hedgerow.geography.models import Lsoa
from hedgerow.geography.tests.factories import SIDE, square

DATA = Path(__file__).resolve().parents[1] / "data"
JULY_2016 = DATA / "2016-07-west-yorkshire-street.csv.gz"
JULY_2017 = DATA / "2017-07-west-yorkshire-street.csv.gz"


def real_rows(path: Path) -> list[dict[str, str]]:
    """The file's data rows, read independently of the importer (csv.DictReader)."""
    with gzip.open(path, "rt", encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def lsoa_counts(path: Path) -> Counter[str]:
    return Counter(row["LSOA code"] for row in real_rows(path) if row["LSOA code"])


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    out = StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


@pytest.fixture
def real_geography(db):
    """An LSOA for every LSOA code the two real months name: squares in rows of 40.

    Built directly, not with LsoaFactory, so other tests' factory sequences (and
    so where their squares fall) do not depend on whether this fixture ran.
    """
    codes = sorted(set(lsoa_counts(JULY_2016)) | set(lsoa_counts(JULY_2017)))
    lsoas = []
    for n, code in enumerate(codes):
        west, south = (
            round(-2.0 + (n % 40) * SIDE, 6),
            round(53.5 + (n // 40) * SIDE, 6),
        )
        lsoas.append(
            Lsoa(
                code=code,
                name=f"Area {code}",
                msoa_code="E02002330",
                msoa_name="Leeds 111",
                local_authority_code="E08000035",
                local_authority_name="Leeds",
                police_force="West Yorkshire",
                population=1500,
                households=620,
                area_hectares=80.0,
                boundary=square(west, south),
                min_longitude=west,
                min_latitude=south,
                max_longitude=round(west + SIDE, 6),
                max_latitude=round(south + SIDE, 6),
            )
        )
    Lsoa.objects.bulk_create(lsoas)
    return codes


@pytest.fixture
def imported(real_geography):
    """The two real months imported over `real_geography`; its codes."""
    call_command(
        "import_policeuk",
        str(JULY_2016),
        str(JULY_2017),
        "--no-progress",
        stdout=StringIO(),
    )
    return real_geography


@pytest.fixture
def analyst(staff_client):
    return staff_client(Role.ANALYST)
