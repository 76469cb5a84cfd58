"""Event details and CSV cells as people and spreadsheets see them."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from hedgerow.audit.csv_export import csv_cell
from hedgerow.audit.summaries import detail_summary


@pytest.mark.parametrize(
    ("detail", "summary"),
    [
        ({}, ""),
        ({"role": {"from": "officer", "to": "analyst"}}, "role: officer → analyst"),
        (
            {"changes": {"name": [None, "Police"], "kind": ["fire", "police"]}},
            "name: (none) → Police; kind: fire → police",
        ),
        ({"reason": "idle"}, "reason: idle"),
        ({"codes": ["E08000035", "W06000015"]}, "codes: E08000035, W06000015"),
        ({"filters": {"person": "ana", "page": 2}}, "filters: (person: ana, page: 2)"),
        ({"note": ""}, "note: (blank)"),
    ],
)
def test_detail_summary(detail, summary):
    assert detail_summary(detail) == summary


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://evil.example")', '\'=HYPERLINK("http://evil.example")'),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("ordinary text", "ordinary text"),
        (None, ""),
        (42, "42"),
        ({"b": 1, "a": "é"}, '{"a": "é", "b": 1}'),
    ],
)
def test_csv_cell_neutralises_formulas(value, cell):
    assert csv_cell(value) == cell


def test_csv_cell_time_in_utc_with_microseconds():
    london = datetime(2026, 7, 1, 9, 30, tzinfo=ZoneInfo("Europe/London"))

    assert csv_cell(london) == "2026-07-01T08:30:00.000000+00:00"
    assert csv_cell(london.astimezone(UTC)) == csv_cell(london)
