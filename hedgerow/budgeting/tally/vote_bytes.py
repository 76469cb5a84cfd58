"""Reading a VOTES column with NumPy, byte by byte, instead of string by string.

Making a Python string for every choice was where the reader's time went (ADR
0021). Here the vote fields are cut out of the bytes, split at commas into
fixed-width byte keys, and looked up among the project ids in one sorted search.
Anything unusual (spaces, an id the projects do not list, "none", a short row, a
blank line) returns None, and the careful reader takes over and names the line.
"""

from __future__ import annotations

import numpy as np

NEWLINE, SEMICOLON, COMMA, SPACE, TAB, ZERO, NINE = 10, 59, 44, 32, 9, 48, 57
MAX_ID_BYTES = 64
# Whole-number ids (most files number their projects) are read as numbers, faster
# still: up to seven digits, so every value fits an int32.
MAX_DIGITS = 7


class IdTable:
    """The project ids as padded byte rows and hashes, sorted by hash."""

    def __init__(self, project_index: dict[str, int]) -> None:
        self.by_number = _number_lookup(project_index)
        self.unique = True
        if self.by_number is None:
            self._by_bytes(project_index)

    def _by_bytes(self, project_index: dict[str, int]) -> None:
        ids = [i.encode() for i in project_index]
        self.width = max(map(len, ids))
        rows = np.zeros((len(ids), self.width), dtype=np.uint8)
        for n, raw in enumerate(ids):
            rows[n, : len(raw)] = np.frombuffer(raw, np.uint8)
        hashes = _hash(rows)
        order = np.argsort(hashes)
        self.hashes, self.rows = hashes[order], rows[order]
        self.positions = np.array(list(project_index.values()), np.int32)[order]
        self.unique = bool((np.diff(self.hashes) != 0).all())


def _number_lookup(project_index: dict[str, int]) -> np.ndarray | None:
    """Position by whole-number id, when every id is one without a leading zero."""
    ids = list(project_index)
    if not all(i.isdigit() and i.isascii() and (i == "0" or i[0] != "0") for i in ids):
        return None
    numbers = [int(i) for i in ids]
    if max(numbers) >= 10**MAX_DIGITS:
        return None
    lookup = np.full(max(numbers) + 1, -1, dtype=np.int32)
    lookup[numbers] = list(project_index.values())
    return lookup


def _hash(rows: np.ndarray) -> np.ndarray:
    """A 64-bit polynomial hash of each padded row (wrapping, as unsigned ints do)."""
    powers = np.uint64(1_000_003) ** np.arange(rows.shape[1], dtype=np.uint64)
    hashed: np.ndarray = rows.astype(np.uint64) @ powers
    return hashed


def id_table(project_index: dict[str, int]) -> IdTable | None:
    """The lookup table, or None for ids this reader does not handle."""
    ids = list(project_index)
    usable = all(
        0 < len(i.encode()) <= MAX_ID_BYTES
        and not any(ch in i for ch in ",; \t\n\r\x00")
        for i in ids
    )
    table = IdTable(project_index) if ids and usable else None
    return table if table is not None and table.unique else None


def vote_rows(
    body: bytes, column: int, fields: int, table: IdTable
) -> tuple[np.ndarray, np.ndarray] | None:
    """(ballot_ptr, ballot_projects) from the rows after the header, or None."""
    if not body or b"\r" in body:
        return None
    text = np.frombuffer(body if body.endswith(b"\n") else body + b"\n", np.uint8)
    bounds = _vote_fields(text, column, fields)
    if bounds is None:
        return None
    votes, field_ends = _joined(text, *bounds)
    if ((votes == SPACE) | (votes == TAB)).any():
        return None
    read = _numbers if table.by_number is not None else _named
    found = read(votes, field_ends, table)
    if found is None:
        return None
    starts, codes = found
    # Ballot v's choices are the ids that start before its vote field ends.
    ptr = np.concatenate(([0], np.searchsorted(starts, field_ends)))
    return ptr.astype(np.int64), codes


def _named(
    votes: np.ndarray, field_ends: np.ndarray, table: IdTable
) -> tuple[np.ndarray, np.ndarray] | None:
    """Where each id starts, and its project, for ids of any form."""
    tokens = _tokens(votes, field_ends)
    codes = None if tokens is None else _codes(votes, *tokens, table)
    return None if tokens is None or codes is None else (tokens[0], codes)


def _numbers(
    votes: np.ndarray, field_ends: np.ndarray, table: IdTable
) -> tuple[np.ndarray, np.ndarray] | None:
    """Where each id starts, and its project, for whole-number ids ("07" is not 7)."""
    lookup = table.by_number
    is_digit = (votes >= ZERO) & (votes <= NINE)
    if lookup is None or not (votes[~is_digit] == COMMA).all():
        return None
    digits = np.flatnonzero(is_digit)
    field_start = np.zeros(len(votes) + 1, dtype=bool)
    field_start[field_ends[:-1]] = True
    first = np.flatnonzero((np.diff(digits, prepend=-2) != 1) | field_start[digits])
    lengths = np.diff(np.concatenate((first, [len(digits)])))
    longest = int(lengths.max()) if len(lengths) else 0
    value = (votes[digits] - ZERO).astype(np.int32)
    if longest > MAX_DIGITS or ((value[first] == 0) & (lengths > 1)).any():
        return None
    # Digit by digit, most significant first: a handful of passes over the ids.
    values = value[first]
    for k in range(1, longest):
        longer = lengths > k
        values[longer] = values[longer] * 10 + value[first[longer] + k]
    if len(values) and values.max() >= len(lookup):
        return None
    codes: np.ndarray = lookup[values]
    return None if (codes < 0).any() else (digits[first], codes)


def _vote_fields(
    text: np.ndarray, column: int, fields: int
) -> tuple[np.ndarray, np.ndarray] | None:
    """Where each row's vote field starts and ends, if every row has every field."""
    newlines = np.flatnonzero(text == NEWLINE)
    semicolons = np.flatnonzero(text == SEMICOLON)
    per_row = fields - 1
    if len(semicolons) != len(newlines) * per_row:
        return None
    before = np.searchsorted(semicolons, newlines)
    if not (np.diff(before, prepend=0) == per_row).all():
        return None
    cuts = semicolons.reshape(len(newlines), per_row)
    line_starts = np.concatenate(([0], newlines[:-1] + 1))
    start = line_starts if column == 0 else cuts[:, column - 1] + 1
    end = newlines if column == per_row else cuts[:, column]
    return start, end


def _joined(
    text: np.ndarray, start: np.ndarray, end: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The vote fields' bytes end to end, and where each field ends in them."""
    lengths = end - start
    field_ends = np.cumsum(lengths)
    total = int(field_ends[-1]) if len(field_ends) else 0
    shift = np.repeat(start - (field_ends - lengths), lengths)
    return text[np.arange(total) + shift], field_ends


def _tokens(
    votes: np.ndarray, field_ends: np.ndarray
) -> tuple[np.ndarray, np.ndarray] | None:
    """Where each id starts in `votes` and how long it is; empty ones are skipped."""
    # A boundary after every comma and at every field's end, and before the first.
    cut = np.zeros(len(votes) + 1, dtype=bool)
    cut[0] = True
    cut[field_ends] = True
    comma = votes == COMMA
    cut[1:][comma] = True
    inside = ~np.concatenate((comma, [True]))
    starts = np.flatnonzero(cut[:-1] & inside[:-1])
    # An id runs from its start to the next comma or field end.
    field_end = np.zeros(len(votes) + 1, dtype=bool)
    field_end[field_ends] = True
    stops = np.flatnonzero(comma | field_end[1:])
    ends = stops[np.searchsorted(stops, starts)]
    lengths = ends - starts + 1 - comma[ends]
    if len(lengths) and lengths.max() > MAX_ID_BYTES:
        return None
    return starts, lengths


def _codes(
    votes: np.ndarray, starts: np.ndarray, lengths: np.ndarray, table: IdTable
) -> np.ndarray | None:
    """Each id's position in PROJECTS; None if any is not a listed project."""
    if not len(starts):
        return np.zeros(0, dtype=np.int32)
    if lengths.max() > table.width:
        return None
    offsets = np.arange(table.width, dtype=np.int32)
    index = np.minimum(starts.astype(np.int32)[:, None] + offsets, len(votes) - 1)
    rows = np.where(offsets < lengths[:, None], votes[index], 0).astype(np.uint8)
    hashes = _hash(rows)
    found = np.minimum(np.searchsorted(table.hashes, hashes), len(table.hashes) - 1)
    # A hash narrows it to one project; the bytes themselves must then agree.
    if not (table.rows[found] == rows).all():
        return None
    codes: np.ndarray = table.positions[found]
    return codes
