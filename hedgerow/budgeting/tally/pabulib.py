"""Read and write Pabulib `.pb` files: the field's format for participatory budgeting.

A file has three `;`-separated sections, META (`key;value`), PROJECTS and VOTES, each
opened by its name and a header line (pabulib.org/format). Reading follows pabutools'
parser wherever the outcome depends on it: fields are trimmed, `none` means missing,
costs and the budget are exact, and an empty ballot still counts as a voter. Bad
files are refused with the line and the reason, in plain words.
"""

from __future__ import annotations

import csv
import io
import re
from codecs import BOM_UTF8
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from hedgerow.budgeting.tally.election import VOTE_TYPES, Election, Project
from hedgerow.budgeting.tally.vote_bytes import id_table, vote_rows

if TYPE_CHECKING:
    from _csv import _writer

SECTIONS = ("meta", "projects", "votes")
POINTS_TYPES = ("cumulative", "scoring")
_SECTION_LINE = re.compile(r"(meta|projects|votes)[ \t]*(;.*)?", re.I)
_BALLOT_SEPARATOR = "\x00"


class PabulibError(ValueError):
    """A `.pb` file that cannot be read, with the line at fault when there is one."""

    def __init__(self, message: str, line: int | None = None) -> None:
        self.line = line
        super().__init__(f"Line {line}: {message}" if line else message)


def read_pabulib(
    source: str | Path | bytes, *, voter_details: bool = False
) -> Election:
    """Read a `.pb` file (a path or its bytes); `voter_details` keeps voter columns."""
    raw = source if isinstance(source, bytes) else Path(source).read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise PabulibError(
            "The file is not UTF-8 text, which Pabulib files must be."
        ) from error
    encoded = memoryview(raw)[len(BOM_UTF8) :] if raw.startswith(BOM_UTF8) else raw
    return _parse(text, encoded, voter_details=voter_details)


def parse_pabulib(text: str, *, voter_details: bool = False) -> Election:
    """Parse the text of a `.pb` file into an Election."""
    return _parse(text, None, voter_details=voter_details)


def _parse(
    text: str, encoded: bytes | memoryview | None, *, voter_details: bool
) -> Election:
    """Parse the text; `encoded`, the same text as UTF-8 bytes, spares encoding it."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        encoded = None
    sections = _split_sections(text)
    meta = _read_meta(*_body(text, sections["meta"]))
    budget = _number(meta.get("budget"), "the budget (META budget)")
    vote_type = meta.get("vote_type", "")
    if vote_type not in VOTE_TYPES:
        raise PabulibError(
            f"META vote_type is {vote_type!r}; "
            f"it must be one of {', '.join(VOTE_TYPES)}."
        )
    projects = _read_projects(*_body(text, sections["projects"]))
    election = Election(
        meta=meta,
        projects=projects,
        budget=budget,
        vote_type=vote_type,
        ballot_ptr=np.zeros(1, dtype=np.int64),
        ballot_projects=np.zeros(0, dtype=np.int32),
    )
    _read_votes(election, text, sections["votes"], encoded, voter_details=voter_details)
    _check_counts(election)
    return election


def _section_starts(text: str) -> list[tuple[int, int, str]]:
    """(start of line, start of the next line, name) of each line opening a section.

    Searched for with str.find, many times faster than a regular expression over
    every line of a large VOTES section: first in the usual spellings (VOTES, votes,
    Votes), then, only if a section is still missing, in the lower-cased text.
    """
    starts = _find_sections(text, lambda name: (name.upper(), name, name.title()))
    if len(starts) < len(SECTIONS):
        starts = _find_sections(text.lower(), lambda name: (name,))
    return sorted(starts)


def _find_sections(text: str, spellings) -> list[tuple[int, int, str]]:  # type: ignore[no-untyped-def]
    """The first line opening each section, in the first spelling that finds one."""
    starts = []
    for name in SECTIONS:
        for spelling in spellings(name):
            found = _find_line(text, spelling)
            if found is not None:
                starts.append((*found, name))
                break
    return starts


def _find_line(text: str, name: str) -> tuple[int, int] | None:
    """The first line that opens section `name`, and where the line after it starts."""
    at = 0 if text.startswith(name) else _next_line_with(text, name, 0)
    while at >= 0:
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        if _SECTION_LINE.fullmatch(text, at, end):
            return at, min(end + 1, len(text))
        at = _next_line_with(text, name, at)
    return None


def _next_line_with(text: str, name: str, after: int) -> int:
    """Where the next line after position `after` starts with `name`, or -1."""
    found = text.find("\n" + name, after)
    return found + 1 if found >= 0 else -1


def _split_sections(text: str) -> dict[str, tuple[int, int, int]]:
    """Each section's span (from its header line) and the line number it starts on.

    Spans, not copies: the VOTES section is most of a large file.
    """
    found = _section_starts(text)
    sections: dict[str, tuple[int, int, int]] = {}
    for i, (start, body_start, name) in enumerate(found):
        end = found[i + 1][0] if i + 1 < len(found) else len(text)
        first_line = text.count("\n", 0, start) + 2
        sections[name] = (body_start, end, first_line)
    for name in SECTIONS:
        if name not in sections:
            raise PabulibError(f"The file has no {name.upper()} section.")
    return sections


def _body(text: str, span: tuple[int, int, int]) -> tuple[str, int]:
    start, end, first_line = span
    return text[start:end], first_line


def _rows(body: str, first_line: int) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the non-blank rows of a section, trimmed, with line numbers."""
    reader = csv.reader(io.StringIO(body), delimiter=";")
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    for row in reader:
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        fields = [value.strip() for value in row]
        if header is None:
            header = fields
        else:
            rows.append((first_line + reader.line_num - 1, fields))
    if header is None:
        raise PabulibError("A section has no header line.", first_line)
    return header, rows


def _read_meta(body: str, first_line: int) -> dict[str, str]:
    _header, rows = _rows(body, first_line)
    return {fields[0]: fields[1] if len(fields) > 1 else "" for _line, fields in rows}


def _number(value: str | None, what: str, line: int | None = None) -> Fraction:
    if value is None or value.lower() == "none" or not value:
        raise PabulibError(f"The file does not give {what}.", line)
    try:
        number = Fraction(value.replace(",", "."))
    except ValueError as error:
        raise PabulibError(
            f"{what.capitalize()} is {value!r}, not a number.", line
        ) from error
    if number < 0:
        raise PabulibError(f"{what.capitalize()} is negative ({value}).", line)
    return number


def _read_projects(body: str, first_line: int) -> list[Project]:
    header, rows = _rows(body, first_line)
    for column in ("project_id", "cost"):
        if column not in header:
            raise PabulibError(f"PROJECTS has no {column} column.", first_line)
    projects: list[Project] = []
    seen: set[str] = set()
    for line, fields in rows:
        values = {
            key: value
            for key, value in zip(header, fields, strict=False)
            if value.lower() != "none"
        }
        project_id = values.get("project_id", "")
        if not project_id:
            raise PabulibError("A project has no project_id.", line)
        if project_id in seen:
            raise PabulibError(f"Project {project_id} is listed twice.", line)
        seen.add(project_id)
        cost = _number(
            values.pop("cost", None), f"the cost of project {project_id}", line
        )
        values.pop("project_id")
        projects.append(Project(id=project_id, cost=cost, meta=values))
    return projects


def _read_votes(
    election: Election,
    text: str,
    span: tuple[int, int, int],
    encoded: bytes | memoryview | None,
    *,
    voter_details: bool,
) -> None:
    start, end, first_line = span
    header_end = text.find("\n", start, end)
    rows_start = end if header_end < 0 else header_end + 1
    header_line = text[start : end if header_end < 0 else header_end]
    header = [h.strip() for h in header_line.split(";")]
    if "vote" not in header:
        raise PabulibError("VOTES has no vote column.", first_line)
    wants_points = election.vote_type in POINTS_TYPES
    if wants_points and "points" not in header:
        raise PabulibError(
            f"VOTES has no points column, which {election.vote_type} ballots need.",
            first_line,
        )
    plain = not voter_details and not wants_points
    if plain and _store_by_bytes(
        election, _row_bytes(text, rows_start, end, encoded), header
    ):
        return
    body = text[start:end]
    votes = (
        _vote_column_fast(text[rows_start:end], header.index("vote"))
        if plain and '"' not in body
        else None
    )
    if votes is None:
        header, rows_read = _rows(body, first_line)
        _store_rows(election, header, rows_read, voter_details=voter_details)
    else:
        _store_ballots(election, votes, first_line + 1)


def _row_bytes(
    text: str, start: int, end: int, encoded: bytes | memoryview | None
) -> bytes | memoryview:
    """text[start:end] as UTF-8, taken from the file's own bytes when it can be.

    VOTES is nearly always the last section, so its rows run to the end of the
    file; where they start in bytes is then the length of what comes before it.
    """
    if encoded is None or end != len(text):
        return text[start:end].encode()
    return memoryview(encoded)[len(text[:start].encode()) :]


def _store_by_bytes(
    election: Election, rows: bytes | memoryview, header: list[str]
) -> bool:
    """The fastest path, reading the bytes with NumPy; False to try the others."""
    table = id_table(election.project_index)
    if table is None:
        return False
    found = vote_rows(rows, header.index("vote"), len(header), table)
    if found is None:
        return False
    election.ballot_ptr, election.ballot_projects = found
    return True


def _vote_column_fast(body: str, column: int) -> list[str] | None:
    """The vote column of quote-free rows by one regex; None to fall back."""
    pattern = re.compile(r"^(?:[^;\n]*;){" + str(column) + r"}([^;\n]*)", re.M)
    votes = pattern.findall(body)
    # Rows, less blank lines; any other mismatch (a short row, a line of spaces)
    # sends the file down the careful path, which names the line.
    rows = body.count("\n") + 1 - body.count("\n\n") - body.endswith("\n")
    return votes if len(votes) == rows and not body.startswith("\n") else None


def _store_ballots(election: Election, votes: list[str], first_line: int) -> None:
    """Turn each voter's comma-separated project ids into the compressed ballot rows."""
    index = {**election.project_index, "": -1, "none": -1, _BALLOT_SEPARATOR: -2}
    joined = f",{_BALLOT_SEPARATOR},".join(votes)
    tokens = joined.split(",")
    padded = " " in joined or "\t" in joined
    if padded:
        tokens = [token.strip() for token in tokens]
    try:
        codes = np.fromiter(
            map(index.__getitem__, tokens), dtype=np.int32, count=len(tokens)
        )
    except KeyError as error:
        line = first_line + next(
            i
            for i, vote in enumerate(votes)
            if error.args[0] in (v.strip() if padded else v for v in vote.split(","))
        )
        raise PabulibError(
            f"A ballot names project {error.args[0]}, which PROJECTS does not list.",
            line,
        ) from error
    ballot_of = np.cumsum(codes == -2)
    named = codes >= 0
    counts = np.bincount(ballot_of[named], minlength=len(votes))
    election.ballot_ptr = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
    election.ballot_projects = codes[named]


def _store_rows(
    election: Election,
    header: list[str],
    rows: list[tuple[int, list[str]]],
    *,
    voter_details: bool,
) -> None:
    """The careful path: every row checked, points read, voter details kept if asked."""
    position = {name: i for i, name in enumerate(header)}
    index = election.project_index
    ptr: list[int] = [0]
    chosen: list[int] = []
    points: list[float] = []
    for line, fields in rows:
        row = dict(zip(header, fields, strict=False))
        names = [n.strip() for n in row.get("vote", "").split(",") if n.strip()]
        if row.get("vote", "").lower() == "none":
            names = []
        for name in names:
            if name not in index:
                raise PabulibError(
                    f"A ballot names project {name}, which PROJECTS does not list.",
                    line,
                )
        if election.vote_type in POINTS_TYPES:
            points.extend(_ballot_points(row.get("points", ""), len(names), line))
        chosen.extend(index[n] for n in names)
        ptr.append(len(chosen))
    election.ballot_ptr = np.array(ptr, dtype=np.int64)
    election.ballot_projects = np.array(chosen, dtype=np.int32)
    if election.vote_type in POINTS_TYPES:
        election.ballot_points = np.array(points, dtype=np.float64)
    if voter_details:
        extra = [h for h in header if h not in ("voter_id", "vote", "points")]
        election.voter_columns = extra
        election.voter_ids = [_field(f, position, "voter_id") for _l, f in rows]
        election.voter_details = [
            [_field(f, position, c) for c in extra] for _l, f in rows
        ]


def _field(fields: list[str], position: dict[str, int], column: str) -> str:
    i = position.get(column)
    return fields[i] if i is not None and i < len(fields) else ""


def _ballot_points(value: str, expected: int, line: int) -> list[float]:
    if value.strip().lower() == "none":
        value = ""
    parts = [p.strip() for p in value.split(",") if p.strip()]
    if len(parts) != expected:
        raise PabulibError(
            f"The ballot gives {len(parts)} points for {expected} projects.", line
        )
    try:
        return [float(Fraction(p)) for p in parts]
    except ValueError as error:
        raise PabulibError(
            f"The points {value!r} are not all numbers.", line
        ) from error


def _check_counts(election: Election) -> None:
    """Note, without refusing, a file whose META counts disagree with its contents."""
    for key, actual in (
        ("num_projects", len(election.projects)),
        ("num_votes", election.num_voters),
    ):
        stated = election.meta.get(key)
        if stated is not None and stated.isdigit() and int(stated) != actual:
            election.warnings.append(
                f"META {key} says {stated} but the file holds {actual}."
            )


def format_number(value: Fraction | float) -> str:
    """A cost, budget or points value as Pabulib writes it: whole numbers bare."""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if value.denominator == 1:
        return str(value.numerator)
    return repr(float(value))


def write_pabulib(election: Election, selected: set[str] | None = None) -> str:
    """The election as `.pb` text; `selected` fills the PROJECTS selected column."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    meta = dict(election.meta)
    meta["num_projects"] = str(len(election.projects))
    meta["num_votes"] = str(election.num_voters)
    meta["budget"] = format_number(election.budget)
    meta["vote_type"] = election.vote_type
    writer.writerows([["META"], ["key", "value"], *meta.items()])
    _write_projects(writer, election, selected)
    _write_votes(writer, election)
    return out.getvalue()


def _write_projects(
    writer: _writer, election: Election, selected: set[str] | None
) -> None:
    columns = [c for p in election.projects for c in p.meta]
    extra = list(dict.fromkeys(c for c in columns if c != "selected"))
    if selected is not None or "selected" in columns:
        extra.append("selected")
    writer.writerows([["PROJECTS"], ["project_id", "cost", *extra]])
    for project in election.projects:
        values = dict(project.meta)
        if selected is not None:
            values["selected"] = "1" if project.id in selected else "0"
        row = [project.id, format_number(project.cost)]
        writer.writerow(row + [values.get(c, "") for c in extra])


def _write_votes(writer: _writer, election: Election) -> None:
    points = election.ballot_points is not None
    header = [
        "voter_id",
        "vote",
        *(["points"] if points else []),
        *election.voter_columns,
    ]
    writer.writerows([["VOTES"], header])
    ids = election.voter_ids or [str(v + 1) for v in range(election.num_voters)]
    for voter in range(election.num_voters):
        start, end = election.ballot_ptr[voter], election.ballot_ptr[voter + 1]
        row = [ids[voter], ",".join(election.ballot(voter))]
        if election.ballot_points is not None:
            row.append(
                ",".join(format_number(x) for x in election.ballot_points[start:end])
            )
            if start == end:
                # pabutools reads a points ballot as empty only when its fields say
                # "none"; an empty vote would be looked up as a project called "".
                row[1:3] = ["none", "none"]
        if election.voter_details is not None:
            row.extend(election.voter_details[voter])
        writer.writerow(row)
