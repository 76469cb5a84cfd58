"""Readers for the official geography files `hedgerow load_geography` loads.

Each reader turns one file into plain values keyed by LSOA code, and collects
every bad row as a `Problem` naming the file and line, so the loader can refuse
the whole run before it writes anything. Nothing here touches the database.

To add a source (for example the Indices of Deprivation), write a reader that
returns a `Table` of the Lsoa fields it sets; `tables.read_table` does the
column matching, number parsing and line numbers for any CSV.
"""

import gzip
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

# An LSOA code: E01 (England) or W01 (Wales) and six digits (2011 and 2021 alike).
LSOA_CODE = re.compile(r"^[EW]01[0-9]{6}$")
# Any other ONS GSS code: a letter and eight digits (E08000035, E02002330, …).
GSS_CODE = re.compile(r"^[EWSNK][0-9]{8}$")
GZIP_MAGIC = b"\x1f\x8b"
# After this many problems the rest are counted, not listed.
PROBLEMS_LISTED = 20


@dataclass(frozen=True)
class Problem:
    """One bad row (or a bad file): where it is and what is wrong."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}, line {self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class SourceError(Exception):
    """A file could not be loaded; `problems` says where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(problems_text(problems))


def problems_text(problems: list[Problem]) -> str:
    """The problems, one a line; after PROBLEMS_LISTED, a count of the rest."""
    lines = [str(problem) for problem in problems[:PROBLEMS_LISTED]]
    if len(problems) > PROBLEMS_LISTED:
        lines.append(f"… and {len(problems) - PROBLEMS_LISTED} more problems.")
    return "\n".join(lines)


@dataclass
class Table:
    """Values for Lsoa fields, by LSOA code, read from one file."""

    path: str
    rows: dict[str, dict[str, Any]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # The 1-based line each code was read from, to name it in later problems.
    lines: dict[str, int] = field(default_factory=dict)

    def problem(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))


@contextmanager
def open_text(path: str | Path) -> Iterator[IO[str]]:
    """Open a text file, gzip-compressed or not (told by its first bytes)."""
    with open(path, "rb") as raw:
        compressed = raw.read(2) == GZIP_MAGIC
    if compressed:
        with gzip.open(path, "rt", encoding="utf-8-sig", newline="") as text:
            yield text
    else:
        with open(path, encoding="utf-8-sig", newline="") as text:
            yield text


def read_text(path: str | Path) -> str:
    """The whole of a text file, gzip-compressed or not; errors name the file."""
    try:
        with open_text(path) as handle:
            return handle.read()
    except (OSError, EOFError, UnicodeDecodeError) as error:
        raise SourceError([Problem(str(path), None, _why_unreadable(error))]) from None


def _why_unreadable(error: Exception) -> str:
    if isinstance(error, FileNotFoundError):
        return "there is no such file"
    if isinstance(error, UnicodeDecodeError):
        return "the file is not UTF-8 text"
    if isinstance(error, gzip.BadGzipFile | EOFError):
        return "the gzip file is damaged or cut short"
    return f"the file cannot be read ({error})"


def text_stream(path: str | Path) -> io.StringIO:
    """A file's text as a stream, for the csv module."""
    return io.StringIO(read_text(path))
