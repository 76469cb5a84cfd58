"""Harm weights: how much harm a crime of each police.uk type counts for.

Hedgerow ships no weights. A user loads a table taken from a published source
(the Cambridge Crime Harm Index, in days of custody; the ONS Crime Severity
Score) with `hedgerow load_harm_weights`, as a CSV:

    crime_type,weight,note
    Burglary,…,…

`crime_type` is a police.uk street crime type written exactly as police.uk
writes it (CRIME_TYPES), `weight` a number of 0 or more, and the optional
`note` says where the number came from. A crime type the table does not list
weighs 0, and every output names the types without a weight.

`read_harm_weights` checks every row and collects every problem with its line,
so the loader can refuse the whole file before it saves anything.
"""

import csv
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from hedgerow.analytics.compute.policeuk import CRIME_TYPES

COLUMNS = ("crime_type", "weight")
OPTIONAL_COLUMNS = ("note",)
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,49}$")

EMPTY_FILE = (
    "the file is empty: it needs the header crime_type,weight and a row per crime type"
)
BAD_HEADER = "the header is “{found}”, not crime_type,weight (and optionally note)"
NO_ROWS = "the file has a header but no weights"
WRONG_FIELD_COUNT = "the row has {found} fields, not {expected}"
MISSING_CRIME_TYPE = "the crime type is missing"
UNKNOWN_CRIME_TYPE = (
    "“{value}” is not a police.uk crime type (write it exactly as police.uk "
    "does). Crime types: {valid}"
)
DUPLICATE_CRIME_TYPE = "{crime_type} is weighted twice (first on line {first})"
MISSING_WEIGHT = "the weight of {crime_type} is missing"
BAD_WEIGHT = "the weight “{value}” of {crime_type} is not a number"
NEGATIVE_WEIGHT = (
    "the weight {value} of {crime_type} is negative; weights are 0 or more"
)
UNREADABLE = "cannot read the file: {reason}"
NOT_UTF8 = "the file is not UTF-8 text (save it as CSV UTF-8)"
NO_SOURCE = (
    "the source is empty: say where the weights come from (publication, version, "
    "date, address)"
)
BAD_SLUG = (
    "“{value}” is not a table name: use up to 50 lower-case letters, digits and "
    "hyphens, such as cchi-2023"
)


@dataclass(frozen=True)
class WeightProblem:
    """One bad row (line None: the whole file) and what is wrong with it."""

    line: int | None
    message: str

    def located(self, source: str) -> str:
        """`file:line: reason`, or `file: reason` for the whole file."""
        where = f"{source}:{self.line}" if self.line else source
        return f"{where}: {self.message}"


@dataclass
class WeightTable:
    """The weights read from one file, with their notes and every problem found."""

    weights: dict[str, float] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    problems: list[WeightProblem] = field(default_factory=list)
    # The line each crime type was read from, to name it in a duplicate.
    lines: dict[str, int] = field(default_factory=dict)


def read_harm_weights(path: str | Path) -> WeightTable:
    """Read and check a weights CSV (UTF-8, with or without a byte order mark)."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            return parse_harm_weights(handle)
    except UnicodeDecodeError:
        return WeightTable(problems=[WeightProblem(None, NOT_UTF8)])
    except OSError as error:
        reason = error.strerror or str(error)
        return WeightTable(
            problems=[WeightProblem(None, UNREADABLE.format(reason=reason))]
        )


def parse_harm_weights(lines: Iterable[str]) -> WeightTable:
    """Check every row of a weights CSV; the table's problems say what is wrong."""
    table = WeightTable()
    reader = csv.reader(lines)
    header = next(reader, None)
    if header is None:
        table.problems.append(WeightProblem(None, EMPTY_FILE))
        return table
    names = [name.strip().lower() for name in header]
    if names not in (list(COLUMNS), [*COLUMNS, *OPTIONAL_COLUMNS]):
        found = ",".join(header)
        table.problems.append(WeightProblem(1, BAD_HEADER.format(found=found)))
        return table
    for row in reader:
        if not any(value.strip() for value in row):
            continue  # a blank line
        _read_row(table, row, line=reader.line_num, width=len(names))
    if not table.weights and not table.problems:
        table.problems.append(WeightProblem(1, NO_ROWS))
    return table


def _read_row(table: WeightTable, row: list[str], *, line: int, width: int) -> None:
    if len(row) not in (len(COLUMNS), width):
        message = WRONG_FIELD_COUNT.format(found=len(row), expected=width)
        table.problems.append(WeightProblem(line, message))
        return
    crime_type = row[0].strip()
    problem = _crime_type_problem(table, crime_type) or _weight_problem(
        row[1].strip(), crime_type
    )
    if problem:
        table.problems.append(WeightProblem(line, problem))
        return
    table.weights[crime_type] = float(row[1])
    table.lines[crime_type] = line
    note = row[2].strip() if len(row) > len(COLUMNS) else ""
    if note:
        table.notes[crime_type] = note


def _crime_type_problem(table: WeightTable, crime_type: str) -> str | None:
    if not crime_type:
        return MISSING_CRIME_TYPE
    if crime_type not in CRIME_TYPES:
        return UNKNOWN_CRIME_TYPE.format(value=crime_type, valid=", ".join(CRIME_TYPES))
    if crime_type in table.lines:
        first = table.lines[crime_type]
        return DUPLICATE_CRIME_TYPE.format(crime_type=crime_type, first=first)
    return None


def _weight_problem(value: str, crime_type: str) -> str | None:
    if not value:
        return MISSING_WEIGHT.format(crime_type=crime_type)
    try:
        weight = float(value)
    except ValueError:
        weight = math.nan
    if not math.isfinite(weight):
        return BAD_WEIGHT.format(value=value, crime_type=crime_type)
    if weight < 0:
        return NEGATIVE_WEIGHT.format(value=value, crime_type=crime_type)
    return None


def slug_problem(slug: str) -> str | None:
    """Why `slug` cannot name a weights table, or None when it can."""
    return None if SLUG.match(slug) else BAD_SLUG.format(value=slug)


def unweighted(crime_types: Iterable[str], weights: Mapping[str, float]) -> list[str]:
    """The crime types without a weight (they add no harm), in police.uk's order."""
    wanted = set(crime_types) - set(weights)
    known = [t for t in CRIME_TYPES if t in wanted]
    return known + sorted(wanted - set(CRIME_TYPES))
