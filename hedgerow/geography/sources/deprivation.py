"""The English Indices of Deprivation 2019, File 7, by LSOA (2011).

File 7 ("All IoD2019 Scores, Ranks, Deciles and Population Denominators",
MHCLG, Open Government Licence) has 57 columns: the LSOA and its 2019 local
authority, then a score, a rank (1 is most deprived of 32,844) and a decile
(1 is the most deprived tenth) for the Index of Multiple Deprivation, its seven
domains, the two supplementary income indices and the six sub-domains, and
last five mid-2015 population denominators. Columns are found by their File 7
headers (case, spaces and punctuation ignored), so a re-saved file whose
columns were reordered still loads; the population denominators are not kept
(Hedgerow uses the 2011 Census counts for rates).

Domain scores are not all rates: health, crime and the education sub-domains
are standardised scores and can be negative, so only ranks and deciles are
bounded here.
"""

import csv
import re
from dataclasses import dataclass

from hedgerow.geography.sources import (
    LSOA_CODE,
    Problem,
    SourceError,
    Table,
    text_stream,
)

EDITION = "IoD2019"
LSOA_COLUMN = "LSOA code (2011)"


@dataclass(frozen=True)
class Measure:
    """One index, domain or sub-domain and the File 7 header before Score/Rank/…"""

    slug: str
    title: str  # as File 7 names it
    score_header: str


MEASURES = (
    Measure(
        "imd",
        "Index of Multiple Deprivation (IMD)",
        "Index of Multiple Deprivation (IMD) Score",
    ),
    Measure("income", "Income", "Income Score (rate)"),
    Measure("employment", "Employment", "Employment Score (rate)"),
    Measure(
        "education",
        "Education, Skills and Training",
        "Education, Skills and Training Score",
    ),
    Measure(
        "health",
        "Health Deprivation and Disability",
        "Health Deprivation and Disability Score",
    ),
    Measure("crime", "Crime", "Crime Score"),
    Measure(
        "barriers",
        "Barriers to Housing and Services",
        "Barriers to Housing and Services Score",
    ),
    Measure("living_environment", "Living Environment", "Living Environment Score"),
    Measure(
        "idaci",
        "Income Deprivation Affecting Children Index (IDACI)",
        "Income Deprivation Affecting Children Index (IDACI) Score (rate)",
    ),
    Measure(
        "idaopi",
        "Income Deprivation Affecting Older People (IDAOPI)",
        "Income Deprivation Affecting Older People (IDAOPI) Score (rate)",
    ),
    Measure(
        "children_young_people",
        "Children and Young People Sub-domain",
        "Children and Young People Sub-domain Score",
    ),
    Measure("adult_skills", "Adult Skills Sub-domain", "Adult Skills Sub-domain Score"),
    Measure(
        "geographical_barriers",
        "Geographical Barriers Sub-domain",
        "Geographical Barriers Sub-domain Score",
    ),
    Measure(
        "wider_barriers", "Wider Barriers Sub-domain", "Wider Barriers Sub-domain Score"
    ),
    Measure("indoors", "Indoors Sub-domain", "Indoors Sub-domain Score"),
    Measure("outdoors", "Outdoors Sub-domain", "Outdoors Sub-domain Score"),
)
MEASURE_BY_SLUG = {m.slug: m for m in MEASURES}
# The seven domains that make up the IMD (the rest are supplementary).
DOMAINS = (
    "income",
    "employment",
    "education",
    "health",
    "crime",
    "barriers",
    "living_environment",
)


def rank_header(measure: Measure) -> str:
    return f"{measure.title} Rank (where 1 is most deprived)"


def decile_header(measure: Measure) -> str:
    return f"{measure.title} Decile (where 1 is most deprived 10% of LSOAs)"


def file7_headers() -> list[str]:
    """The 52 headers Hedgerow reads, in File 7's order (the LSOA name, LA and
    population denominators aside)."""
    headers = [LSOA_COLUMN]
    for measure in MEASURES:
        headers += [measure.score_header, rank_header(measure), decile_header(measure)]
    return headers


def _normalise(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.lower())


def read_deprivation(path: str) -> Table:
    """Each LSOA's {measure: (score, rank, decile)} under rows[code]["deprivation"]."""
    table = Table(path=str(path))
    reader = csv.reader(text_stream(path))
    header = next(reader, None)
    if header is None:
        raise SourceError([Problem(str(path), None, "the file is empty")])
    positions = _positions(str(path), header)
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        _read_row(table, reader.line_num, row, positions)
    return table


def _positions(path: str, header: list[str]) -> dict[str, int]:
    found = {_normalise(h): i for i, h in reversed(list(enumerate(header)))}
    positions: dict[str, int] = {}
    missing = []
    for wanted in file7_headers():
        index = found.get(_normalise(wanted))
        if index is None:
            missing.append(wanted)
        else:
            positions[wanted] = index
    if missing:
        shown = "; ".join(f"“{m}”" for m in missing[:3])
        more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
        raise SourceError(
            [
                Problem(
                    path,
                    1,
                    "this does not look like the Indices of Deprivation 2019 File 7 "
                    f"(all scores, ranks and deciles): no column {shown}{more}",
                )
            ]
        )
    return positions


def _number(text: str, what: str) -> float:
    try:
        return float(text.replace(",", "").strip())
    except ValueError:
        raise ValueError(f"{what}: “{text.strip()}” is not a number") from None


def _whole(text: str, what: str, low: int, high: int | None) -> int:
    cleaned = text.replace(",", "").strip()
    if not re.fullmatch(r"[0-9]+(\.0+)?", cleaned):
        raise ValueError(f"{what}: “{text.strip()}” is not a whole number")
    value = int(float(cleaned))
    if value < low or (high is not None and value > high):
        bounds = f"from {low} to {high}" if high is not None else f"{low} or more"
        raise ValueError(f"{what}: {value} is not {bounds}")
    return value


def _read_row(
    table: Table, line: int, row: list[str], positions: dict[str, int]
) -> None:
    if len(row) <= max(positions.values()):
        table.problem(
            line, f"the row has {len(row)} columns; File 7 has {len(positions)} or more"
        )
        return
    code = row[positions[LSOA_COLUMN]].strip().upper()
    if not LSOA_CODE.match(code):
        table.problem(line, f"“{code}” is not an LSOA code (like E01011365)")
        return
    values: dict[str, tuple[float, int, int]] = {}
    try:
        for measure in MEASURES:
            score = _number(row[positions[measure.score_header]], measure.score_header)
            rank = _whole(
                row[positions[rank_header(measure)]], rank_header(measure), 1, None
            )
            decile = _whole(
                row[positions[decile_header(measure)]], decile_header(measure), 1, 10
            )
            values[measure.slug] = (score, rank, decile)
    except ValueError as error:
        table.problem(line, f"{code}: {error}")
        return
    if code in table.rows:
        table.problem(line, f"{code} appears twice (first on line {table.lines[code]})")
        return
    table.rows[code] = {"deprivation": values}
    table.lines[code] = line
