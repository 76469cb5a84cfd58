"""Reading a VOTES column with NumPy, byte by byte, instead of string by string.

Making a Python string for every choice was where the reader's time went (ADR
0021). Here the separators are found in the bytes in one pass, each id is cut out
where it lies (between commas, inside the vote field), and read as its length and
a few 8-byte words taken straight from the file's bytes. Length and words together
are the id's bytes exactly, so matching them against the project ids' own is a
true comparison, not a guess; a hash of them only finds which id to compare with.
Anything unusual (spaces, quotes, an id the projects do not list, "none", a short
row, a blank line) returns None, and the careful reader takes over and names the line.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

NEWLINE, SEMICOLON, COMMA = 10, 59, 44
WORD = 8
MAX_ID_BYTES = 64
SLOT_BITS = (16, 20)
UNUSABLE_ID_BYTES = b",; \t\n\r\x00"
# The bytes of a word that belong to an id shorter than a word (little-endian).
_MASKS = np.array(
    [(1 << (8 * n)) - 1 for n in range(WORD)] + [2**64 - 1], dtype=np.uint64
)
# Odd multipliers mixing an id's words (at most eight) and its length into a hash.
_WORD_MIX = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5]
    * 2,
    dtype=np.uint64,
)
_LENGTH_MIX = np.uint64(0xFF51AFD7ED558CCD)


@dataclass(frozen=True)
class IdTable:
    """The project ids as lengths and words, and a direct table from hash to id."""

    width: int
    words: int
    lengths: np.ndarray
    keys: list[np.ndarray]
    positions: np.ndarray
    shift: np.uint64
    mask: np.uint64
    lookup: np.ndarray

    def candidates(self, hashes: np.ndarray) -> np.ndarray:
        """For each hash, the one id it could be (-1 for none)."""
        found: np.ndarray = self.lookup[(hashes >> self.shift) & self.mask]
        return found


def id_table(project_index: dict[str, int]) -> IdTable | None:
    """The lookup table, or None for ids this reader does not handle."""
    ids = [i.encode() for i in project_index]
    usable = all(
        0 < len(raw) <= MAX_ID_BYTES
        and raw.lower() != b"none"  # which the careful reader takes as an empty ballot
        and not any(byte in raw for byte in UNUSABLE_ID_BYTES)
        for raw in ids
    )
    if not ids or not usable:
        return None
    width = max(map(len, ids))
    words = -(-width // WORD)
    lengths = np.array([len(i) for i in ids], dtype=np.int64)
    starts = np.concatenate(([0], np.cumsum(lengths[:-1] + 1)))
    keys = _keys(b",".join(ids) + bytes(WORD), starts, lengths, words)
    slots = _slot_lookup(_hash(keys, lengths))
    if slots is None:
        return None
    positions = np.array(list(project_index.values()), np.int32)
    return IdTable(width, words, lengths, keys, positions, *slots)


def _slot_lookup(hashes: np.ndarray) -> tuple[np.uint64, np.uint64, np.ndarray] | None:
    """(shift, mask, table): some bits of the hash that tell every id apart.

    Reading a slot is many times faster than a sorted search; 16 or 20 bits are
    enough to tell a few hundred ids apart (Pabulib's largest lists 199).
    """
    for bits in SLOT_BITS:
        mask = np.uint64((1 << bits) - 1)
        for shift in range(0, 65 - bits, 4):
            slots = (hashes >> np.uint64(shift)) & mask
            if len(np.unique(slots)) == len(slots):
                lookup = np.full(1 << bits, -1, dtype=np.int32)
                lookup[slots.astype(np.intp)] = np.arange(len(slots))
                return np.uint64(shift), mask, lookup
    return None


def _keys(
    padded: bytes, starts: np.ndarray, lengths: np.ndarray, words: int
) -> list[np.ndarray]:
    """Each id's bytes as `words` 8-byte words; `padded` ends with a word of zeros.

    Word k starts 8k bytes in, but never past the id's last 8 bytes, so the words
    cover the id end to end; an id shorter than a word has the bytes after it
    masked off. The words are read unaligned, in place, from the bytes.
    """
    as_words = np.ndarray(
        (len(padded) - WORD + 1,), dtype="<u8", buffer=padded, strides=(1,)
    )
    short = bool(len(lengths)) and int(lengths.min()) < WORD
    mask = _MASKS[np.minimum(lengths, WORD)] if short else None
    last = np.maximum(lengths - WORD, 0)
    keys = []
    for k in range(words):
        at = starts if k == 0 else starts + np.minimum(last, k * WORD)
        word = as_words[at]
        keys.append(word if mask is None else word & mask)
    return keys


def _hash(keys: list[np.ndarray], lengths: np.ndarray) -> np.ndarray:
    """One 64-bit number for each id's words and length (wrapping, as uint64 does)."""
    hashed: np.ndarray = lengths.astype(np.uint64) * _LENGTH_MIX
    for k, word in enumerate(keys):
        hashed += word * _WORD_MIX[k]
        hashed ^= hashed >> np.uint64(29)
    return hashed


def vote_rows(
    body: bytes | memoryview, column: int, fields: int, table: IdTable
) -> tuple[np.ndarray, np.ndarray] | None:
    """(ballot_ptr, ballot_projects) from the rows after the header, or None."""
    if not len(body):
        return None
    ending = b"" if body[-1:] == b"\n" else b"\n"
    padded = b"".join((body, ending, bytes(WORD)))
    if b"\r" in padded or b'"' in padded:  # quoted fields are the csv reader's
        return None
    text = np.frombuffer(padded, np.uint8)[:-WORD]
    found = _vote_fields(text, column, fields)
    if found is None:
        return None
    token_starts, token_ends, last_token = _tokens(*found)
    lengths = token_ends - token_starts
    named = lengths > 0  # an empty ballot or ",," names nothing
    every_one_named = bool(named.all())
    if not every_one_named:
        token_starts, lengths = token_starts[named], lengths[named]
    codes = _codes(padded, token_starts, lengths, table)
    if codes is None:
        return None
    # Ballot v's choices run up to its last token, less the empty ones before it.
    if every_one_named:
        return np.concatenate(([0], last_token + 1)).astype(np.int64), codes
    named_before = np.concatenate(([0], np.cumsum(named)))
    ptr = np.concatenate(([0], named_before[last_token + 1]))
    return ptr.astype(np.int64), codes


def _vote_fields(
    text: np.ndarray, column: int, fields: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
    """Each row's vote field (start, end), and the commas in vote fields, by row.

    One pass finds every separator; each row must then hold exactly `fields - 1`
    semicolons before its newline, or the rows are left to the careful reader.
    """
    marks = np.flatnonzero((text == SEMICOLON) | (text == NEWLINE) | (text == COMMA))
    kinds = text[marks]
    is_comma = kinds == COMMA
    separators = marks[~is_comma]
    if len(separators) % fields:
        return None
    cuts = separators.reshape(-1, fields)
    # Every row's last separator a newline, and no newline anywhere else: so every
    # row holds exactly `fields - 1` semicolons.
    newlines = cuts[:, -1]
    all_newlines = np.count_nonzero(kinds == NEWLINE)
    if all_newlines != len(newlines) or (text[newlines] != NEWLINE).any():
        return None
    line_starts = np.concatenate(([0], newlines[:-1] + 1))
    start = line_starts if column == 0 else cuts[:, column - 1] + 1
    end = cuts[:, column]
    # A comma with `column` of its row's separators before it is in the vote field;
    # others (in a neighbourhood's name, say) do not separate ids. Among the marks,
    # the separators before the j-th comma are the marks before it, less j commas.
    at = np.flatnonzero(is_comma)
    row, place = np.divmod(at - np.arange(len(at)), fields)
    inside = place == column
    return start, end, marks[at[inside]], row[inside]


def _tokens(
    start: np.ndarray, end: np.ndarray, commas: np.ndarray, comma_row: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Where each id starts and ends, in order, and each row's last id's index.

    Row r's ids are its field cut at its commas: the first starts at the field,
    the others after a comma; each ends at a comma or at the field's end. Both are
    put straight into place: row r's first id comes after r earlier rows' ids and
    one more for every comma before the row.
    """
    rows = np.arange(len(start))
    per_row = np.bincount(comma_row, minlength=len(start))
    commas_through = np.cumsum(per_row)
    first_token = rows + commas_through - per_row
    last_token = rows + commas_through
    after_comma = np.arange(len(commas)) + comma_row
    token_starts = np.empty(len(start) + len(commas), dtype=np.int64)
    token_ends = np.empty_like(token_starts)
    token_starts[first_token] = start
    token_starts[after_comma + 1] = commas + 1
    token_ends[after_comma] = commas
    token_ends[last_token] = end
    return token_starts, token_ends, last_token


def _codes(
    padded: bytes, starts: np.ndarray, lengths: np.ndarray, table: IdTable
) -> np.ndarray | None:
    """Each id's position in PROJECTS; None if any is not a listed project."""
    if not len(starts):
        return np.zeros(0, dtype=np.int32)
    if lengths.max() > table.width:
        return None
    keys = _keys(padded, starts, lengths, table.words)
    found = table.candidates(_hash(keys, lengths))
    if (found < 0).any():
        return None
    # The hash points at one project; its length and words must then be these.
    if not (table.lengths[found] == lengths).all():
        return None
    for theirs, ours in zip(table.keys, keys, strict=True):
        if not (theirs[found] == ours).all():
            return None
    codes: np.ndarray = table.positions[found]
    return codes
