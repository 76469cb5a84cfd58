"""Turn police.uk street crime files into one Parquet file per force and month.

Each file takes one of two paths, and both write the same rows the same way:

- The fast path: DuckDB reads the CSV with fixed column types and writes Parquet
  in one streaming COPY that checks month, force and coordinates as it goes (a
  bad row stops it with error()); then the distinct LSOA codes and crime types
  of the written file are checked against the known ones. Real police.uk files
  are clean, so nearly every file is done here, at DuckDB's speed.
- The slow path, for a file the fast path finds anything wrong with (or whose
  columns are in another order, or that mixes forces or months): Python's csv
  module reads it row by row, so each bad row is reported with its line and
  reason; the good rows are written to a temporary CSV per force and month,
  which the fast path's COPY then turns into Parquet.

A row's key is its Crime ID; rows without one (anti-social behaviour) get
`<force>:<month>:<record>`, where record is the row's position among the
file's data rows. police.uk republishes a month as a whole file, so the key is
the same every time the same month is imported (see ADR 0013).

Memory stays flat as files grow: DuckDB streams each COPY under a memory limit
and the slow path holds one row at a time. Nothing here imports Django: the
caller gives the known LSOA codes and a staging folder, and moves the results.
"""

import csv
import gzip
import os
import shutil
import tempfile
import threading
import zipfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import duckdb

from hedgerow.analytics.compute import policeuk
from hedgerow.analytics.compute.policeuk import (
    CRIME_TYPES,
    FORCE_BY_REPORTED_BY,
    STREET_COLUMNS,
    RowProblem,
)

# progress(stage, done, total), as the geography loader's.
Progress = Callable[[str, int, int], None]
GZIP_MAGIC = b"\x1f\x8b"
# Rejections kept with their line and message; beyond this they are only counted.
REJECTIONS_KEPT = 1000
DUCKDB_MEMORY_LIMIT = "1GB"
# What DuckDB reads each column as: text, except the coordinates.
COLUMN_TYPES = {
    column: ("DOUBLE" if column in {"Longitude", "Latitude"} else "VARCHAR")
    for column in STREET_COLUMNS
}
# The Parquet columns, in order, with the SQL that makes each from the CSV.
PARQUET_COLUMNS = (
    ("crime_key", None),
    ("crime_id", "nullif(trim(\"Crime ID\"), '')"),
    ("month", '"Month"'),
    ("force", None),
    ("reported_by", '"Reported by"'),
    ("falls_within", '"Falls within"'),
    ("longitude", '"Longitude"'),
    ("latitude", '"Latitude"'),
    ("location", '"Location"'),
    ("lsoa_code", "nullif(trim(\"LSOA code\"), '')"),
    ("crime_type", '"Crime type"'),
    ("last_outcome", "nullif(\"Last outcome category\", '')"),
    ("context", "nullif(\"Context\", '')"),
    ("record", None),
)


@dataclass(frozen=True)
class Rejection:
    """One row left out: where it was and why."""

    source: str
    line: int
    reason: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Partition:
    """One force's month of rows, written to a staged Parquet file."""

    force: str
    month: str
    rows: int
    path: Path
    source: str


@dataclass
class FileResult:
    """What happened to one input file."""

    source: str
    partitions: list[Partition] = field(default_factory=list)
    rejected: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    rejected_by_reason: dict[str, int] = field(default_factory=dict)
    # Set when the whole file was skipped or refused, with the reason.
    skipped: str | None = None
    refused: str | None = None
    slow_path: bool = False

    def reject(self, line: int, problem: RowProblem) -> None:
        self.rejected += 1
        reason = problem.reason
        self.rejected_by_reason[reason] = self.rejected_by_reason.get(reason, 0) + 1
        if len(self.rejections) < REJECTIONS_KEPT:
            self.rejections.append(
                Rejection(self.source, line, reason, problem.message)
            )


@dataclass
class ImportResult:
    """Every file's result, in the order given."""

    files: list[FileResult] = field(default_factory=list)

    @property
    def partitions(self) -> list[Partition]:
        return [p for f in self.files for p in f.partitions]

    @property
    def rows(self) -> int:
        return sum(p.rows for p in self.partitions)

    @property
    def rejected(self) -> int:
        return sum(f.rejected for f in self.files)

    def rejected_by_reason(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for result in self.files:
            for reason, count in result.rejected_by_reason.items():
                totals[reason] = totals.get(reason, 0) + count
        return dict(sorted(totals.items()))


@dataclass(frozen=True)
class Source:
    """One CSV to read: its name for messages and how to get it onto disk."""

    name: str
    path: Path | None = None  # a file on disk, read in place
    archive: Path | None = None  # or a member of a zip, extracted when read
    member: str = ""


def sources_in(paths: Iterable[str | Path]) -> tuple[list[Source], list[FileResult]]:
    """Every CSV in the given files, folders and zips; and what is not a CSV."""
    sources: list[Source] = []
    others: list[FileResult] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file())
        elif path.exists():
            files = [path]
        else:
            others.append(FileResult(str(path), refused="there is no such file"))
            continue
        for file in files:
            if zipfile.is_zipfile(file):
                sources.extend(_zip_sources(file))
            elif _is_csv_name(file.name):
                sources.append(Source(str(file), path=file))
            else:
                others.append(FileResult(str(file), skipped=policeuk.NOT_CSV_SKIPPED))
    return sources, others


def _is_csv_name(name: str) -> bool:
    return name.lower().endswith((".csv", ".csv.gz"))


def _zip_sources(archive: Path) -> list[Source]:
    with zipfile.ZipFile(archive) as zipped:
        members = sorted(
            info.filename
            for info in zipped.infolist()
            if not info.is_dir() and _is_csv_name(info.filename)
        )
    return [
        Source(f"{archive}!{member}", archive=archive, member=member)
        for member in members
    ]


def import_files(
    paths: Iterable[str | Path],
    *,
    known_lsoas: Iterable[str],
    staging: Path,
    workers: int = 2,
    progress: Progress | None = None,
) -> ImportResult:
    """Read every street crime file in paths into staged Parquet partitions.

    Each partition is a file in `staging`; the caller moves it into the store.
    When two files hold the same force and month, the first is kept and the
    second is reported.
    """
    sources, others = sources_in(paths)
    known = frozenset(known_lsoas)
    staging.mkdir(parents=True, exist_ok=True)
    engine = _Engine(known, staging)
    done = 0
    lock = threading.Lock()

    def run(source: Source) -> FileResult:
        nonlocal done
        result = engine.read(source)
        with lock:
            done += 1
            if progress:
                progress("Importing files", done, len(sources))
        return result

    if progress:
        progress("Importing files", 0, len(sources))
    try:
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            results = list(pool.map(run, sources))
    finally:
        engine.close()
    _drop_repeated_partitions(results)
    return ImportResult(files=results + others)


def _drop_repeated_partitions(results: list[FileResult]) -> None:
    seen: dict[tuple[str, str], str] = {}
    for result in results:
        kept = []
        for part in result.partitions:
            key = (part.force, part.month)
            if key in seen:
                part.path.unlink(missing_ok=True)
                result.skipped = policeuk.DUPLICATE_PARTITION.format(
                    force=part.force, month=part.month, other=seen[key]
                )
                continue
            seen[key] = result.source
            kept.append(part)
        result.partitions = kept


class _Engine:
    """One in-memory DuckDB shared by the worker threads, each with its own cursor."""

    def __init__(self, known_lsoas: frozenset[str], staging: Path) -> None:
        self.known = known_lsoas
        self.staging = staging
        self.db = duckdb.connect(":memory:")
        # One thread per COPY: the parallelism is across files, which is cheaper.
        self.db.execute(f"SET threads = 1; SET memory_limit = '{DUCKDB_MEMORY_LIMIT}'")
        self.db.execute("CREATE TABLE known_lsoa (code VARCHAR PRIMARY KEY)")
        self._load_codes(known_lsoas)
        self.db.execute("CREATE TABLE crime_type (name VARCHAR PRIMARY KEY)")
        self.db.executemany(
            "INSERT INTO crime_type VALUES (?)", [(name,) for name in CRIME_TYPES]
        )
        self.counter = 0
        self.lock = threading.Lock()

    def _load_codes(self, codes: frozenset[str]) -> None:
        # executemany is slow for tens of thousands of rows; a CSV file is not.
        with tempfile.NamedTemporaryFile(
            "w", suffix=".csv", dir=self.staging, delete=False
        ) as handle:
            handle.write("code\n")
            handle.writelines(f"{code}\n" for code in sorted(codes))
        try:
            self.db.execute(
                "INSERT INTO known_lsoa SELECT code FROM read_csv(?, header=true, "
                "columns={'code': 'VARCHAR'})",
                [handle.name],
            )
        finally:
            os.unlink(handle.name)

    def close(self) -> None:
        self.db.close()

    def name(self, stem: str) -> str:
        with self.lock:
            self.counter += 1
            return f"{stem}{self.counter}"

    def read(self, source: Source) -> FileResult:
        result = FileResult(source.name)
        with self._on_disk(source) as path:
            try:
                self._read(path, result)
            except (OSError, EOFError, UnicodeDecodeError, csv.Error) as error:
                for part in result.partitions:
                    part.path.unlink(missing_ok=True)
                result.partitions = []
                result.refused = _unreadable(error)
        return result

    @contextmanager
    def _on_disk(self, source: Source) -> Iterator[Path]:
        """The source as a file: itself, or a zip member extracted for the read."""
        if source.path is not None:
            yield source.path
            return
        suffix = ".csv.gz" if source.member.lower().endswith(".gz") else ".csv"
        target = self.staging / (self.name("member") + suffix)
        try:
            with (
                zipfile.ZipFile(str(source.archive)) as zipped,
                zipped.open(source.member) as member,
                open(target, "wb") as out,
            ):
                shutil.copyfileobj(member, out, 1 << 20)
            yield target
        finally:
            target.unlink(missing_ok=True)

    def _read(self, path: Path, result: FileResult) -> None:
        header, first = _first_rows(path)
        display = Path(result.source.split("!")[-1]).name
        if header is None:
            result.refused = policeuk.EMPTY_FILE
            return
        skip = policeuk.skip_reason(display, header)
        if skip:
            result.skipped = skip
            return
        problem = policeuk.header_problem(header)
        if problem:
            result.refused = problem
            return
        in_order = tuple(header) == STREET_COLUMNS and first is not None
        if in_order and self._fast(path, first or [], result):
            return
        result.slow_path = True
        self._slow(path, header, result)

    def _fast(self, path: Path, first: list[str], result: FileResult) -> bool:
        """The whole file in one COPY; False (and nothing kept) if anything is off."""
        if len(first) != len(STREET_COLUMNS):
            return False
        row = dict(zip(STREET_COLUMNS, first, strict=True))
        force = FORCE_BY_REPORTED_BY.get(row["Reported by"].strip())
        month = row["Month"].strip()
        if force is None or not policeuk.MONTH.match(month):
            return False
        cursor = self.db.cursor()
        target = self.staging / f"{self.name('part')}.parquet"
        try:
            select = _select_sql(
                _read_csv_sql(path),
                force=force.slug,
                month=month,
                record="row_number() OVER ()",
                checked=(force.reported_by, month),
            )
            # COPY answers with the number of rows it wrote.
            written = cursor.execute(
                f"COPY ({select}) TO '{_sql_path(target)}' "
                "(FORMAT parquet, COMPRESSION snappy)"
            ).fetchone()
            unknown = _unknown_values(cursor, target)
        except duckdb.Error:
            # A row DuckDB cannot read, or one that breaks a rule (error() in
            # the SELECT): the slow path finds and names it.
            target.unlink(missing_ok=True)
            return False
        finally:
            cursor.close()
        if unknown:
            target.unlink(missing_ok=True)
            return False
        rows = int(written[0]) if written else 0
        if rows:
            result.partitions.append(
                Partition(force.slug, month, rows, target, result.source)
            )
        else:
            target.unlink(missing_ok=True)
        return True

    def _slow(self, path: Path, header: list[str], result: FileResult) -> None:
        """Row by row: reject each bad row with its line; COPY the good ones."""
        writers: dict[tuple[str, str], tuple[Path, IO[str], Any]] = {}
        try:
            with _open_text(path) as text:
                for line, record, row in _records(text, header, result):
                    problem = policeuk.row_problem(row, self.known)
                    if problem:
                        result.reject(line, problem)
                        continue
                    force = FORCE_BY_REPORTED_BY[row["Reported by"].strip()]
                    key = (force.slug, row["Month"].strip())
                    if key not in writers:
                        csv_path = self.staging / f"{self.name('good')}.csv"
                        out = open(csv_path, "w", encoding="utf-8", newline="")  # noqa: SIM115
                        writer = csv.writer(out)
                        writer.writerow(("record", *STREET_COLUMNS))
                        writers[key] = (csv_path, out, writer)
                    writers[key][2].writerow(
                        (record, *(row[column] for column in STREET_COLUMNS))
                    )
            for (slug, month), (good_rows, handle, _) in sorted(writers.items()):
                handle.close()
                self._copy_good_rows(good_rows, slug, month, result)
        finally:
            for good_rows, handle, _ in writers.values():
                handle.close()
                good_rows.unlink(missing_ok=True)

    def _copy_good_rows(
        self, csv_path: Path, slug: str, month: str, result: FileResult
    ) -> None:
        target = self.staging / f"{self.name('part')}.parquet"
        types = {"record": "BIGINT", **COLUMN_TYPES}
        cursor = self.db.cursor()
        try:
            select = _select_sql(
                _read_csv_sql(csv_path, types=types),
                force=slug,
                month=month,
                record="record",
            )
            cursor.execute(
                f"COPY ({select}) TO '{_sql_path(target)}' "
                "(FORMAT parquet, COMPRESSION snappy)"
            )
            count = cursor.execute(
                "SELECT count(*) FROM read_parquet(?)", [str(target)]
            ).fetchone()
        finally:
            cursor.close()
        rows = int(count[0]) if count else 0
        result.partitions.append(Partition(slug, month, rows, target, result.source))


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def _read_csv_sql(path: Path, *, types: dict[str, str] | None = None) -> str:
    columns = ", ".join(
        f"'{name}': '{kind}'" for name, kind in (types or COLUMN_TYPES).items()
    )
    options = [
        "header = true",
        "auto_detect = false",
        "delim = ','",
        "quote = '\"'",
        "escape = '\"'",
        f"columns = {{{columns}}}",
    ]
    return f"read_csv('{_sql_path(path)}', {', '.join(options)})"


def _select_sql(
    source: str,
    *,
    force: str,
    month: str,
    record: str,
    checked: tuple[str, str] | None = None,
) -> str:
    """The Parquet columns from a read_csv; the key as the module docstring says.

    With `checked` (the force's "Reported by" and the month every row must
    have), a row that breaks any rule the slow path enforces stops the query
    with error(), so a clean file is checked in the same pass that writes it.
    """
    prefix = f"{force}:{month}:"
    expressions = {
        "crime_key": (
            f"coalesce(nullif(trim(\"Crime ID\"), ''), '{prefix}' || "
            f"CAST({record} AS VARCHAR))"
        ),
        "force": f"'{force}'",
        "record": f"CAST({record} AS INTEGER)",
    }
    if checked is not None:
        expressions["crime_type"] = (
            f"CASE WHEN {_broken_rule_sql(*checked)} "
            "THEN error('a row breaks a rule') ELSE \"Crime type\" END"
        )
    selected = ", ".join(
        f"{expressions.get(name) or sql} AS {name}" for name, sql in PARQUET_COLUMNS
    )
    # Built from our own column SQL, slug and checked month, never from file text.
    return f"SELECT {selected} FROM {source}"  # noqa: S608


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _broken_rule_sql(reported_by: str, month: str) -> str:
    """True for a row with the wrong month or force, or impossible coordinates.

    Checked row by row as the file is written (cheap comparisons); whether the
    LSOA and crime type are known is checked after, on the few distinct values
    (`_unknown_values`), which is quicker than a lookup per row. The values are
    ours: a force's name from policeuk.FORCES and a month that matched
    policeuk.MONTH; quoted all the same.
    """
    lon_low, lon_high = policeuk.LONGITUDE_RANGE
    lat_low, lat_high = policeuk.LATITUDE_RANGE
    return (
        f'"Month" IS DISTINCT FROM {_sql_text(month)}'
        f' OR "Reported by" IS DISTINCT FROM {_sql_text(reported_by)}'
        ' OR ("Longitude" IS NULL) <> ("Latitude" IS NULL)'
        f' OR "Longitude" NOT BETWEEN {lon_low} AND {lon_high}'
        f' OR "Latitude" NOT BETWEEN {lat_low} AND {lat_high}'
        ' OR "Crime type" IS NULL'
    )


def _unknown_values(cursor: duckdb.DuckDBPyConnection, target: Path) -> int:
    """How many distinct LSOA codes and crime types in a staged file are unknown."""
    row = cursor.execute(
        """
        SELECT
          (SELECT count(*) FROM (SELECT DISTINCT lsoa_code FROM read_parquet($1))
           WHERE lsoa_code IS NOT NULL
             AND lsoa_code NOT IN (SELECT code FROM known_lsoa))
        + (SELECT count(*) FROM (SELECT DISTINCT crime_type FROM read_parquet($1))
           WHERE crime_type NOT IN (SELECT name FROM crime_type))
        """,
        [str(target)],
    ).fetchone()
    return int(row[0]) if row else 0


@contextmanager
def _open_text(path: Path) -> Iterator[IO[str]]:
    """A CSV file's text, gzip or not (told by its first bytes)."""
    with open(path, "rb") as raw:
        compressed = raw.read(2) == GZIP_MAGIC
    if compressed:
        with gzip.open(path, "rt", encoding="utf-8-sig", newline="") as unzipped:
            yield unzipped
    else:
        with open(path, encoding="utf-8-sig", newline="") as plain:
            yield plain


def _first_rows(path: Path) -> tuple[list[str] | None, list[str] | None]:
    """The header and the first data row (None where the file ends first)."""
    with _open_text(path) as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        try:
            first = next(reader, None)
        except csv.Error:
            first = None
    if header is not None:
        header = [name.strip() for name in header]
    return header, first


def _records(
    handle: IO[str], header: list[str], result: FileResult
) -> Iterator[tuple[int, int, dict[str, str]]]:
    """(line, record number, row by column) for each well-formed data row.

    A row with the wrong number of fields is rejected here, with the line it
    starts on; so is a row the csv module cannot finish (a quote left open at
    the end of a cut-short file).
    """
    reader = csv.reader(handle, strict=True)
    next(reader)  # the header, already checked
    record = 0
    while True:
        start = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error:
            record += 1
            result.reject(
                start,
                RowProblem(policeuk.REASON_FIELDS, policeuk.UNCLOSED_QUOTE),
            )
            return
        if not fields:
            continue  # a blank line
        record += 1
        if len(fields) != len(header):
            result.reject(
                start,
                RowProblem(
                    policeuk.REASON_FIELDS,
                    policeuk.WRONG_FIELD_COUNT.format(
                        found=len(fields), expected=len(header)
                    ),
                ),
            )
            continue
        yield start, record, dict(zip(header, fields, strict=True))


def _unreadable(error: Exception) -> str:
    if isinstance(error, csv.Error):
        return f"the file is not CSV ({error})"
    if isinstance(error, UnicodeDecodeError):
        return "the file is not UTF-8 text"
    if isinstance(error, gzip.BadGzipFile | EOFError):
        return "the gzip file is damaged or cut short"
    return f"the file cannot be read ({error})"
