"""Entity resolution over pandas frames with Splink 5 on DuckDB (no Django here).

Columns are matched by normalised name (stripped, lower case, spaces as
underscores); each known column gets a comparison suited to it, and columns
Splink cannot use are ignored. Training is unsupervised: u probabilities by
random sampling of record pairs, m probabilities by expectation maximisation on
blocked pairs (sampled down to at most `EM_MAX_PAIRS`), so no labelled matches
are needed. See docs/adr/0019-entity-resolution.md.

Each scored pair carries its `match_weight` (log2 of the odds of a match) and
its `drivers`: one `Driver(field, weight)` per compared field that was present
on both records, the field's partial match weight in bits (Splink's `mw_…`
column plus any term-frequency adjustment, `mw_tf_adj_…`), strongest evidence
for the match first and evidence against it last.
"""

from __future__ import annotations

import csv
import logging
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Literal, NamedTuple

import numpy as np
import pandas as pd
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on

NAME_COLUMNS = ("given_name", "surname", "full_name", "company_name")
DATE_COLUMNS = ("date_of_birth",)
POSTCODE_COLUMNS = ("postcode",)
TEXT_COLUMNS = ("address", "address_1", "address_2", "suburb", "street_number")
EXACT_COLUMNS = ("phone", "company_number", "soc_sec_id", "state")
KNOWN_COLUMNS = (
    NAME_COLUMNS + DATE_COLUMNS + POSTCODE_COLUMNS + TEXT_COLUMNS + EXACT_COLUMNS
)
# Columns that identify a record on their own well enough to block on alone.
IDENTIFYING_COLUMNS = ("date_of_birth", "soc_sec_id", "phone", "company_number")
# Columns too common to block on alone at scale, used two at a time.
PAIRED_COLUMNS = ("given_name", "surname", "full_name", "company_name", "postcode")
DEFAULT_THRESHOLD = 0.9
# Up to this many pairs, every pair is scored: blocking only saves time, and on a
# partner's file against the register it would miss a match with a typo in each
# blocked field.
SCORE_ALL_PAIRS = 2_000_000
# The share of true matches thought to agree exactly on names and an identifier.
DETERMINISTIC_RECALL = 0.6
U_MAX_PAIRS = 1e7
EM_MAX_PAIRS = 1e6
SEED = 42
DATE_FORMATS = {
    r"\d{8}": "%Y%m%d",
    r"\d{4}-\d{2}-\d{2}": "%Y-%m-%d",
    r"\d{2}/\d{2}/\d{4}": "%d/%m/%Y",
}
LinkType = Literal["link_only", "dedupe_only"]


class Driver(NamedTuple):
    """One field's contribution to a pair's match weight, in bits (log2 odds)."""

    field: str
    weight: float


def normalise_columns(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out.columns = [str(c).strip().lower().replace(" ", "_") for c in out.columns]
    return out


def _prepare(df: pd.DataFrame, id_column: str, label: str) -> pd.DataFrame:
    if df.empty:
        raise ValueError(f"The {label} file has no records.")
    frame = normalise_columns(df)
    key = id_column.strip().lower().replace(" ", "_")
    if key not in frame.columns:
        raise ValueError(f"The {label} file has no column called {id_column!r}.")
    if list(frame.columns).count(key) > 1:
        raise ValueError(f"The {label} file has more than one {id_column!r} column.")
    ids = frame[key].astype(str).str.strip()
    if (ids == "").any():
        raise ValueError(f"Some records in the {label} file have no {id_column!r}.")
    duplicated = ids[ids.duplicated()].unique()
    if len(duplicated):
        shown = ", ".join(str(i) for i in duplicated[:5])
        raise ValueError(
            f"The {label} file repeats ids in {id_column!r}: {shown}. "
            "Each record needs its own id."
        )
    known = [c for c in frame.columns if c in KNOWN_COLUMNS and c != key]
    values: pd.DataFrame = (
        frame[known].astype(str).apply(lambda s: s.str.strip().str.lower())
    )
    values = values.replace({"": None, "nan": None, "none": None})
    values.insert(0, "unique_id", ids.to_numpy())
    return values


def _date_format(values: pd.Series) -> str | None:
    present = values.dropna().astype(str)
    if present.empty:
        return None
    for pattern, date_format in DATE_FORMATS.items():
        if present.str.fullmatch(pattern).mean() >= 0.9:
            return date_format
    return None


def _comparisons(frame: pd.DataFrame, columns: list[str]) -> list[Any]:
    comparisons: list[Any] = []
    for column in columns:
        if column in NAME_COLUMNS:
            comparisons.append(cl.NameComparison(column))
        elif column in DATE_COLUMNS:
            date_format = _date_format(frame[column])
            if date_format is None:
                comparisons.append(cl.LevenshteinAtThresholds(column, [1, 2]))
            else:
                comparisons.append(
                    cl.DateOfBirthComparison(
                        column, input_is_string=True, datetime_format=date_format
                    )
                )
        elif column in POSTCODE_COLUMNS:
            comparisons.append(cl.LevenshteinAtThresholds(column, [1]))
        elif column in TEXT_COLUMNS:
            comparisons.append(cl.JaroWinklerAtThresholds(column, [0.9]))
        elif column in EXACT_COLUMNS:
            comparisons.append(cl.ExactMatch(column))
    return comparisons


def _blocking(columns: list[str]) -> list[Any]:
    """Rules that find candidate pairs: every pair sharing one of them is scored.

    Names and postcodes are common, so they are used two at a time; a date of
    birth or an identifying number is used alone. A pair with a typo in every
    rule's fields is never scored.
    """
    paired = [c for c in PAIRED_COLUMNS if c in columns]
    rules = [block_on(a, b) for i, a in enumerate(paired) for b in paired[i + 1 :]] + [
        block_on(c) for c in IDENTIFYING_COLUMNS if c in columns
    ]
    if not rules and paired:
        rules = [block_on(paired[0])]
    if not rules:
        raise ValueError(
            "None of the shared columns can be used to find candidate pairs: "
            "include a name, postcode, date of birth or identifying number."
        )
    return rules


def _deterministic_rule(columns: list[str]) -> Any | None:
    """Pairs agreeing on every identifying field: near-certain matches.

    Their count, scaled up by the share of matches they are thought to catch,
    estimates how likely two random records are to match (Splink's prior); the
    default prior assumes a population far larger than a partner's file.
    """
    names = [
        c
        for c in ("given_name", "surname", "full_name", "company_name")
        if c in columns
    ]
    strong = [c for c in IDENTIFYING_COLUMNS if c in columns]
    fields = names[:2] + strong[:1]
    return block_on(*fields) if len(fields) >= 2 else None


def _pair_count(frames: list[pd.DataFrame], link_type: LinkType) -> int:
    if link_type == "link_only":
        return len(frames[0]) * len(frames[1])
    return len(frames[0]) * (len(frames[0]) - 1) // 2


def _training_rules(columns: list[str]) -> list[Any]:
    """EM blocks: each leaves other fields free to estimate their m values.

    A block on every compared field would leave nothing to learn (and Splink
    fails on it), so with a single field there is no EM and Splink's default m
    values stand.
    """
    blocks: list[tuple[str, ...]] = []
    if "date_of_birth" in columns:
        blocks.append(("date_of_birth",))
    paired = tuple(c for c in PAIRED_COLUMNS if c in columns)[:2]
    if paired:
        blocks.append(paired)
    if not blocks:
        blocks = [(c,) for c in columns if c in IDENTIFYING_COLUMNS + PAIRED_COLUMNS]
    return [block_on(*b) for b in blocks if set(columns) - set(b)][:2]


def _drivers(pairs: pd.DataFrame, fields: list[str]) -> list[list[Driver]]:
    weights = np.column_stack(
        [
            pairs[f"mw_{f}"].to_numpy(dtype=float)
            + (
                pairs[f"mw_tf_adj_{f}"].to_numpy(dtype=float)
                if f"mw_tf_adj_{f}" in pairs.columns
                else 0.0
            )
            for f in fields
        ]
    )
    missing = np.column_stack(
        [pairs[f"gamma_{f}"].to_numpy(dtype=int) == -1 for f in fields]
    )
    order = np.argsort(np.where(missing, np.inf, -weights), axis=1, kind="stable")
    names = np.array(fields, dtype=object)
    drivers = []
    for row_weights, row_missing, row_order in zip(
        weights, missing, order, strict=True
    ):
        drivers.append(
            [
                Driver(str(names[i]), round(float(row_weights[i]), 3))
                for i in row_order
                if not row_missing[i]
            ]
        )
    return drivers


def _run(
    frames: list[pd.DataFrame], link_type: LinkType, threshold: float
) -> pd.DataFrame:
    if not 0 < threshold <= 1:
        raise ValueError("The threshold must be a probability above 0 and up to 1.")
    shared = [c for c in frames[0].columns if all(c in f.columns for f in frames)]
    columns = [c for c in shared if c in KNOWN_COLUMNS]
    if not columns:
        raise ValueError(
            "The files share no columns that can be compared. Known columns: "
            + ", ".join(KNOWN_COLUMNS)
            + "."
        )
    frames = [f[["unique_id", *columns]] for f in frames]
    # Checked even when every pair is scored: without a field fit to block on,
    # nothing here can tell one record from another.
    blocking = _blocking(columns)
    settings = SettingsCreator(
        link_type=link_type,
        comparisons=_comparisons(pd.concat(frames), columns),
        blocking_rules_to_generate_predictions=(
            blocking if _pair_count(frames, link_type) > SCORE_ALL_PAIRS else []
        ),
        retain_intermediate_calculation_columns=True,
    )
    db_api = DuckDBAPI()
    registered = [db_api.register(f) for f in frames]
    linker = Linker(
        registered if len(registered) > 1 else registered[0],
        settings,
        log_level=logging.WARNING,
    )
    deterministic = _deterministic_rule(columns)
    if deterministic is not None:
        linker.training.estimate_probability_two_random_records_match(
            [deterministic], recall=DETERMINISTIC_RECALL
        )
    linker.training.estimate_u_using_random_sampling(max_pairs=U_MAX_PAIRS, seed=SEED)
    for rule in _training_rules(columns):
        linker.training.estimate_parameters_using_expectation_maximisation(
            rule, max_pairs=EM_MAX_PAIRS
        )
    predictions = linker.inference.predict(threshold_match_probability=threshold)
    pairs: pd.DataFrame = predictions.as_pandas_dataframe()
    fields = [c for c in columns if f"gamma_{c}" in pairs.columns]
    out: pd.DataFrame = pairs[
        ["unique_id_l", "unique_id_r", "match_probability", "match_weight"]
    ]
    out = out.astype({"unique_id_l": str, "unique_id_r": str})
    drivers = _drivers(pairs, fields) if len(pairs) else []
    out["drivers"] = pd.Series(drivers, index=out.index, dtype=object)
    return out


def link_frames(
    left: pd.DataFrame,
    right: pd.DataFrame,
    id_column: str,
    threshold: float = DEFAULT_THRESHOLD,
) -> pd.DataFrame:
    """Left↔right pairs at or above `threshold`, each record in at most one pair.

    Columns: left_id, right_id, match_probability, match_weight, drivers; the
    most probable pairs first. Where a record has several candidates, the most
    probable pair is kept (greedily, from the top).
    """
    frames = [_prepare(left, id_column, "left"), _prepare(right, id_column, "right")]
    pairs = _run(frames, "link_only", threshold)
    pairs = pairs.sort_values(
        ["match_probability", "match_weight"], ascending=False, kind="stable"
    )
    pairs = pairs.drop_duplicates("unique_id_l").drop_duplicates("unique_id_r")
    pairs = pairs.rename(columns={"unique_id_l": "left_id", "unique_id_r": "right_id"})
    return pairs.reset_index(drop=True)


def dedupe_frame(
    df: pd.DataFrame, id_column: str, threshold: float = DEFAULT_THRESHOLD
) -> pd.DataFrame:
    """Pairs of records within one frame that look like the same entity.

    Columns: id_l, id_r, match_probability, match_weight, drivers; every pair at
    or above `threshold`, the most probable first (no clustering).
    """
    pairs = _run([_prepare(df, id_column, "input")], "dedupe_only", threshold)
    pairs = pairs.sort_values(
        ["match_probability", "match_weight"], ascending=False, kind="stable"
    )
    pairs = pairs.rename(columns={"unique_id_l": "id_l", "unique_id_r": "id_r"})
    return pairs.reset_index(drop=True)


def read_records(path: str | Path, label: str) -> pd.DataFrame:
    """A CSV of records as text, nothing read as missing; ValueError if unreadable."""
    try:
        frame = pd.read_csv(
            path, dtype=str, keep_default_na=False, encoding="utf-8-sig"
        )
    except FileNotFoundError:
        raise ValueError(f"The {label} file {str(path)!r} does not exist.") from None
    except IsADirectoryError:
        raise ValueError(f"The {label} file {str(path)!r} is a folder.") from None
    except OSError as error:
        raise ValueError(
            f"The {label} file {str(path)!r} cannot be read: {error.strerror or error}."
        ) from None
    except pd.errors.EmptyDataError:
        raise ValueError(f"The {label} file {str(path)!r} is empty.") from None
    except UnicodeDecodeError:
        raise ValueError(
            f"The {label} file {str(path)!r} is not UTF-8 text: save it as CSV UTF-8."
        ) from None
    except pd.errors.ParserError as error:
        raise ValueError(
            f"The {label} file {str(path)!r} is not a well-formed CSV: {error}"
        ) from None
    return frame


def write_csv_atomically(
    path: str | Path, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    """Write a CSV so that `path` is either the whole file or untouched."""
    target = Path(path)
    descriptor, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".part"
    )
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(rows)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
