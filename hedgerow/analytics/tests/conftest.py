"""The real police.uk months shipped for the demo, and LSOAs for every code in them."""

import csv
import gzip
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest

from hedgerow.geography.models import Lsoa
from hedgerow.geography.tests.factories import LsoaFactory

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
    """An LSOA (a small square) for every LSOA code the two real months name."""
    codes = sorted(set(lsoa_counts(JULY_2016)) | set(lsoa_counts(JULY_2017)))
    Lsoa.objects.bulk_create(
        [LsoaFactory.build(code=code, name=f"Area {code}") for code in codes]
    )
    return codes
