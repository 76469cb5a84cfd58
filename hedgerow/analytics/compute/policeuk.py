"""The police.uk street-level crime format: its columns, forces, crime types and checks.

data.police.uk publishes one CSV per force per month (`2017-07-west-yorkshire-
street.csv`) with the twelve columns in `STREET_COLUMNS`. The same download also
holds outcomes and stop-and-search files, which Hedgerow recognises and skips.
Every message a user can see about a bad row is a constant here, so the how-to
and the tests quote the same words.
"""

import re
from dataclasses import dataclass

STREET_COLUMNS = (
    "Crime ID",
    "Month",
    "Reported by",
    "Falls within",
    "Longitude",
    "Latitude",
    "Location",
    "LSOA code",
    "LSOA name",
    "Crime type",
    "Last outcome category",
    "Context",
)
# Columns that only the other two kinds of police.uk file have.
OUTCOMES_MARKER = "Outcome type"
STOP_AND_SEARCH_MARKER = "Object of search"

# The street crime categories police.uk has used, current ones first; the last two
# were merged into "Violence and sexual offences" and others in 2013.
CRIME_TYPES = (
    "Anti-social behaviour",
    "Bicycle theft",
    "Burglary",
    "Criminal damage and arson",
    "Drugs",
    "Other crime",
    "Other theft",
    "Possession of weapons",
    "Public order",
    "Robbery",
    "Shoplifting",
    "Theft from the person",
    "Vehicle crime",
    "Violence and sexual offences",
    "Violent crime",
    "Public disorder and weapons",
)

MONTH = re.compile(r"^(19|20)[0-9]{2}-(0[1-9]|1[0-2])$")
LSOA_CODE = re.compile(r"^[EW]01[0-9]{6}$")
# A generous box around England, Wales and Northern Ireland (police.uk's coverage).
LONGITUDE_RANGE = (-11.0, 3.0)
LATITUDE_RANGE = (49.0, 61.0)


@dataclass(frozen=True)
class Force:
    """A police force as police.uk names it: URL slug, "Reported by" name, area."""

    slug: str
    reported_by: str
    area: str  # as the ONS police force area lookup names it


FORCES = tuple(
    Force(slug, reported_by, area)
    for slug, reported_by, area in (
        ("avon-and-somerset", "Avon and Somerset Constabulary", "Avon and Somerset"),
        ("bedfordshire", "Bedfordshire Police", "Bedfordshire"),
        ("btp", "British Transport Police", "British Transport Police"),
        ("cambridgeshire", "Cambridgeshire Constabulary", "Cambridgeshire"),
        ("cheshire", "Cheshire Constabulary", "Cheshire"),
        ("city-of-london", "City of London Police", "City of London"),
        ("cleveland", "Cleveland Police", "Cleveland"),
        ("cumbria", "Cumbria Constabulary", "Cumbria"),
        ("derbyshire", "Derbyshire Constabulary", "Derbyshire"),
        ("devon-and-cornwall", "Devon & Cornwall Police", "Devon and Cornwall"),
        ("dorset", "Dorset Police", "Dorset"),
        ("durham", "Durham Constabulary", "Durham"),
        ("dyfed-powys", "Dyfed-Powys Police", "Dyfed-Powys"),
        ("essex", "Essex Police", "Essex"),
        ("gloucestershire", "Gloucestershire Constabulary", "Gloucestershire"),
        ("greater-manchester", "Greater Manchester Police", "Greater Manchester"),
        ("gwent", "Gwent Police", "Gwent"),
        ("hampshire", "Hampshire Constabulary", "Hampshire"),
        ("hertfordshire", "Hertfordshire Constabulary", "Hertfordshire"),
        ("humberside", "Humberside Police", "Humberside"),
        ("kent", "Kent Police", "Kent"),
        ("lancashire", "Lancashire Constabulary", "Lancashire"),
        ("leicestershire", "Leicestershire Police", "Leicestershire"),
        ("lincolnshire", "Lincolnshire Police", "Lincolnshire"),
        ("merseyside", "Merseyside Police", "Merseyside"),
        ("metropolitan", "Metropolitan Police Service", "Metropolitan Police"),
        ("norfolk", "Norfolk Constabulary", "Norfolk"),
        ("north-wales", "North Wales Police", "North Wales"),
        ("north-yorkshire", "North Yorkshire Police", "North Yorkshire"),
        ("northamptonshire", "Northamptonshire Police", "Northamptonshire"),
        ("northern-ireland", "Police Service of Northern Ireland", "Northern Ireland"),
        ("northumbria", "Northumbria Police", "Northumbria"),
        ("nottinghamshire", "Nottinghamshire Police", "Nottinghamshire"),
        ("south-wales", "South Wales Police", "South Wales"),
        ("south-yorkshire", "South Yorkshire Police", "South Yorkshire"),
        ("staffordshire", "Staffordshire Police", "Staffordshire"),
        ("suffolk", "Suffolk Constabulary", "Suffolk"),
        ("surrey", "Surrey Police", "Surrey"),
        ("sussex", "Sussex Police", "Sussex"),
        ("thames-valley", "Thames Valley Police", "Thames Valley"),
        ("warwickshire", "Warwickshire Police", "Warwickshire"),
        ("west-mercia", "West Mercia Police", "West Mercia"),
        ("west-midlands", "West Midlands Police", "West Midlands"),
        ("west-yorkshire", "West Yorkshire Police", "West Yorkshire"),
        ("wiltshire", "Wiltshire Police", "Wiltshire"),
    )
)
FORCE_BY_SLUG = {force.slug: force for force in FORCES}
FORCE_BY_REPORTED_BY = {force.reported_by: force for force in FORCES}
# police.uk file names: 2017-07-west-yorkshire-street.csv, -outcomes, -stop-and-search.
FILE_NAME = re.compile(
    r"^(?P<month>[0-9]{4}-[0-9]{2})-(?P<slug>[a-z-]+?)-"
    r"(?P<kind>street|outcomes|stop-and-search)\.csv(\.gz)?$"
)

# What the user is told; "{…}" parts are filled in per row.
BAD_HEADER = (
    "the header is not police.uk street crime: missing {missing} "
    "(expected the columns {expected})"
)
EMPTY_FILE = "the file is empty"
OUTCOMES_SKIPPED = "a police.uk outcomes file (only street crime is imported)"
STOP_AND_SEARCH_SKIPPED = (
    "a police.uk stop-and-search file (only street crime is imported)"
)
NOT_CSV_SKIPPED = "not a CSV file"
WRONG_FIELD_COUNT = (
    "the row has {found} fields, not {expected} (it may be cut short or have an "
    "unquoted comma)"
)
UNCLOSED_QUOTE = "the row is cut short: a quoted value is never closed"
BAD_MONTH = "the Month “{value}” is not a month written YYYY-MM"
BAD_NUMBER = "the {column} “{value}” is not a number"
HALF_COORDINATE = "the row has a {present} but no {missing}"
OUTSIDE_COVERAGE = (
    "the point ({longitude}, {latitude}) is outside England, Wales and Northern Ireland"
)
BAD_LSOA = "the LSOA code “{value}” is not an LSOA code (like E01011365)"
UNKNOWN_LSOA = (
    "the LSOA code “{value}” is not in the loaded geography (load it with "
    "hedgerow load_geography)"
)
UNKNOWN_CRIME_TYPE = "the Crime type “{value}” is not a police.uk crime type"
UNKNOWN_FORCE = "the Reported by “{value}” is not a police force police.uk publishes"
DUPLICATE_PARTITION = "{force} {month} was already read from {other} in this import"

# Short reasons, for counting rejected rows by kind in the summary.
REASON_FIELDS = "wrong number of fields"
REASON_MONTH = "bad month"
REASON_COORDINATE = "bad coordinate"
REASON_LSOA = "unknown LSOA"
REASON_CRIME_TYPE = "unknown crime type"
REASON_FORCE = "unknown force"


def header_problem(header: list[str]) -> str | None:
    """Why a header is not street crime, or None when it is."""
    missing = [column for column in STREET_COLUMNS if column not in header]
    if not missing:
        return None
    return BAD_HEADER.format(
        missing=", ".join(missing), expected=", ".join(STREET_COLUMNS)
    )


def skip_reason(name: str, header: list[str]) -> str | None:
    """Why a police.uk file is skipped (outcomes, stop and search), or None."""
    match = FILE_NAME.match(name)
    kind = match.group("kind") if match else ""
    if kind == "outcomes" or OUTCOMES_MARKER in header:
        return OUTCOMES_SKIPPED
    if kind == "stop-and-search" or STOP_AND_SEARCH_MARKER in header:
        return STOP_AND_SEARCH_SKIPPED
    return None


@dataclass(frozen=True)
class RowProblem:
    """Why one row was rejected: a short reason to count and a sentence to show."""

    reason: str
    message: str


def coordinate_problem(longitude: str, latitude: str) -> RowProblem | None:
    """Both blank (no location) is fine; one alone, or a point off the map, is not."""
    if not longitude and not latitude:
        return None
    if not longitude or not latitude:
        present, missing = (
            ("Longitude", "Latitude") if longitude else ("Latitude", "Longitude")
        )
        return RowProblem(
            REASON_COORDINATE, HALF_COORDINATE.format(present=present, missing=missing)
        )
    numbers = []
    for column, value in (("Longitude", longitude), ("Latitude", latitude)):
        try:
            numbers.append(float(value))
        except ValueError:
            return RowProblem(
                REASON_COORDINATE, BAD_NUMBER.format(column=column, value=value)
            )
    lon, lat = numbers
    if not (
        LONGITUDE_RANGE[0] <= lon <= LONGITUDE_RANGE[1]
        and LATITUDE_RANGE[0] <= lat <= LATITUDE_RANGE[1]
    ):
        return RowProblem(
            REASON_COORDINATE,
            OUTSIDE_COVERAGE.format(longitude=longitude, latitude=latitude),
        )
    return None


def row_problem(
    row: dict[str, str], known_lsoas: frozenset[str] | set[str]
) -> RowProblem | None:
    """The first thing wrong with a street crime row, or None when it is good."""
    month = row["Month"].strip()
    reported_by = row["Reported by"].strip()
    lsoa = row["LSOA code"].strip()
    crime_type = row["Crime type"].strip()
    if not MONTH.match(month):
        return RowProblem(REASON_MONTH, BAD_MONTH.format(value=month))
    if reported_by not in FORCE_BY_REPORTED_BY:
        return RowProblem(REASON_FORCE, UNKNOWN_FORCE.format(value=reported_by))
    problem = coordinate_problem(row["Longitude"].strip(), row["Latitude"].strip())
    if problem is None and lsoa:
        problem = lsoa_problem(lsoa, known_lsoas)
    if problem is None and crime_type not in CRIME_TYPES:
        problem = RowProblem(
            REASON_CRIME_TYPE, UNKNOWN_CRIME_TYPE.format(value=crime_type)
        )
    return problem


def lsoa_problem(
    lsoa: str, known_lsoas: frozenset[str] | set[str]
) -> RowProblem | None:
    """An LSOA code must look like one and be in the loaded geography."""
    if not LSOA_CODE.match(lsoa):
        return RowProblem(REASON_LSOA, BAD_LSOA.format(value=lsoa))
    if lsoa not in known_lsoas:
        return RowProblem(REASON_LSOA, UNKNOWN_LSOA.format(value=lsoa))
    return None
