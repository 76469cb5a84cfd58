"""CSV sources keyed by LSOA code: the area lookup and census population.

Columns are found by name, case-insensitively and ignoring spaces and
punctuation, so both the files in ../shared/data/geography ("LSOA Code",
"Local authority code", "Police_force") and the official ONS lookups
(LSOA11CD, MSOA11CD, LAD17CD, RGN11NM, PFA15NM, …) load. Where a header
repeats (the census file has three "Persons" columns: all usual residents,
then household and communal residents) the first one is taken.
"""

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hedgerow.geography.sources import (
    GSS_CODE,
    LSOA_CODE,
    Problem,
    SourceError,
    Table,
    text_stream,
)

LSOA_CODE_COLUMN = r"lsoacode|lsoa[0-9]{2}cd|lsoa[0-9]{2}code|geographycode"


@dataclass(frozen=True)
class Column:
    """An Lsoa field, the header names it may have, and how to read its values."""

    field: str
    names: str  # a regular expression matched against the normalised header
    parse: Callable[[str], Any]
    required: bool = False


def text(value: str) -> str:
    return value.strip()


def gss_code(value: str) -> str:
    code = value.strip().upper()
    if code and not GSS_CODE.match(code):
        raise ValueError(f"“{value.strip()}” is not an ONS code (like E08000035)")
    return code


def area_name(value: str) -> str:
    """A name; region names in capitals ("NORTH EAST") become "North East"."""
    name = value.strip()
    if name.isupper() and len(name) > 3:
        small = {"and", "the", "of", "upon", "on"}
        words = name.lower().split()
        name = " ".join(
            w if (i and w in small) else w.capitalize() for i, w in enumerate(words)
        )
    return name


def whole_number(value: str) -> int | None:
    """A count that may have thousands separators ("1,563"); blank is unknown."""
    cleaned = value.replace(",", "").replace(" ", "").strip()
    if not cleaned:
        return None
    if not re.fullmatch(r"[0-9]+(\.0+)?", cleaned):
        raise ValueError(f"“{value.strip()}” is not a whole number")
    return int(float(cleaned))


def decimal(value: str) -> float | None:
    cleaned = value.replace(",", "").replace(" ", "").strip()
    if not cleaned:
        return None
    try:
        number = float(cleaned)
    except ValueError:
        raise ValueError(f"“{value.strip()}” is not a number") from None
    if number < 0:
        raise ValueError(f"“{value.strip()}” is negative")
    return number


LOOKUP_COLUMNS = (
    Column("code", LSOA_CODE_COLUMN, text, required=True),
    Column("name", r"lsoaname|lsoa[0-9]{2}nm", text),
    Column("msoa_code", r"msoacode|msoa[0-9]{2}cd", gss_code),
    Column("msoa_name", r"msoaname|msoa[0-9]{2}nm", text),
    Column(
        "local_authority_code",
        r"localauthoritycode|ladcode|lad[0-9]{2}cd|ltla[0-9]{2}cd",
        gss_code,
    ),
    Column(
        "local_authority_name",
        r"localauthorityname|ladname|lad[0-9]{2}nm|ltla[0-9]{2}nm",
        text,
    ),
    Column("region_code", r"regioncode|rgn[0-9]{2}cd", gss_code),
    Column("region_name", r"regionname|rgn[0-9]{2}nm", area_name),
    Column("police_force", r"policeforce|policeforcename|pfa[0-9]{2}nm", text),
)

# The census tables also name each LSOA's MSOA, local authority and region (the
# lookup leaves out Wales); the loader uses them where the lookup has no row.
HIERARCHY_FIELDS = (
    "name",
    "msoa_code",
    "msoa_name",
    "local_authority_code",
    "local_authority_name",
    "region_code",
    "region_name",
)
POPULATION_COLUMNS = (
    Column("code", LSOA_CODE_COLUMN, text, required=True),
    Column(
        "population",
        r"persons|allusualresidents|usualresidents|allpersons|allages|population",
        whole_number,
        required=True,
    ),
    Column("area_hectares", r"hectares|areahectares|areaha", decimal),
    Column("households", r"households|allhouseholds|numberofhouseholds", whole_number),
    *(c for c in LOOKUP_COLUMNS if c.field in HIERARCHY_FIELDS),
)
FORCE_AREA_COLUMNS = (
    Column(
        "local_authority_code",
        r"localauthoritycode|ladcode|lad[0-9]{2}cd|ltla[0-9]{2}cd",
        gss_code,
        required=True,
    ),
    Column(
        "police_force",
        r"policeforcearea|policeforce|policeforcename|pfa[0-9]{2}nm",
        text,
        required=True,
    ),
)


def read_lookup(path: str) -> Table:
    """LSOA → MSOA → local authority → region → police force, by LSOA code."""
    return read_table(path, LOOKUP_COLUMNS, what="an LSOA lookup")


def read_population(path: str) -> Table:
    """Usual residents, area in hectares and households, by LSOA code."""
    return read_table(path, POPULATION_COLUMNS, what="an LSOA population")


def read_police_force_areas(path: str) -> tuple[dict[str, str], list[Problem]]:
    """Local authority code → police force area, for LSOAs the lookup gives none.

    A local authority lies wholly in one police force area in England and Wales,
    so this fills the lookup's gaps without guessing.
    """
    reader = csv.reader(text_stream(path))
    header = next(reader, None)
    if header is None:
        raise SourceError([Problem(str(path), None, "the file is empty")])
    positions = _positions(
        path, header, FORCE_AREA_COLUMNS, "a local authority to police force area"
    )
    forces: dict[str, str] = {}
    problems: list[Problem] = []
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        line = reader.line_num
        values: dict[str, str] = {}
        for column, index in positions.items():
            try:
                values[column.field] = column.parse(
                    row[index] if index < len(row) else ""
                )
            except ValueError as error:
                problems.append(Problem(str(path), line, f"{column.field}: {error}"))
        code, force = values.get("local_authority_code"), values.get("police_force")
        if not code or not force:
            if len(values) == len(positions):
                problems.append(
                    Problem(
                        str(path),
                        line,
                        "a local authority code and a force are both needed",
                    )
                )
            continue
        if forces.setdefault(code, force) != force:
            problems.append(
                Problem(str(path), line, f"{code} is given two police force areas")
            )
    return forces, problems


def _normalise(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.lower())


def read_table(path: str, columns: tuple[Column, ...], *, what: str) -> Table:
    """Read a CSV into a Table, one row per LSOA, problems named by line.

    A code may repeat (official lookups have a row per output area) as long as
    every repeat says the same; a repeat that disagrees is a problem.
    """
    table = Table(path=str(path))
    reader = csv.reader(text_stream(path))
    header = next(reader, None)
    if header is None:
        raise SourceError([Problem(str(path), None, "the file is empty")])
    positions = _positions(path, header, columns, what)
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        values = _row_values(table, line, row, positions)
        if values is None:
            continue
        code = values.pop("code")
        earlier = table.rows.get(code)
        if earlier is None:
            table.rows[code] = values
            table.lines[code] = line
        elif earlier != values:
            table.problem(
                line,
                f"{code} appears again (first on line {table.lines[code]}) "
                "with different values",
            )
    return table


def _positions(
    path: str, header: list[str], columns: tuple[Column, ...], what: str
) -> dict[Column, int]:
    names = [_normalise(h) for h in header]
    positions: dict[Column, int] = {}
    for column in columns:
        for index, name in enumerate(names):
            if re.fullmatch(column.names, name):
                positions[column] = index
                break
    missing = [c.field for c in columns if c.required and c not in positions]
    if missing or len(positions) < 2:
        found = ", ".join(h for h in header if h) or "none"
        message = (
            f"this does not look like {what} file: no column for "
            f"{', '.join(missing) or 'any value'} (columns found: {found})"
        )
        raise SourceError([Problem(str(path), 1, message)])
    return positions


def _row_values(
    table: Table, line: int, row: list[str], positions: dict[Column, int]
) -> dict[str, Any] | None:
    values: dict[str, Any] = {}
    for column, index in positions.items():
        if index >= len(row):
            table.problem(line, f"the row has {len(row)} columns; expected more")
            return None
        try:
            values[column.field] = column.parse(row[index])
        except ValueError as error:
            table.problem(line, f"{column.field.replace('_', ' ')}: {error}")
            return None
    code = values["code"].upper()
    if not LSOA_CODE.match(code):
        table.problem(line, f"“{values['code']}” is not an LSOA code (like E01011365)")
        return None
    values["code"] = code
    return values
