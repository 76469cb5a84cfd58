"""Loading the official geography: boundaries, lookup, population and deprivation.

`geography_load` reads and checks every file first and writes nothing if any
row is bad; then it creates or updates the LSOAs in one transaction (an upsert
by code, so running it again changes nothing) and records the load in the
audit trail.

Where files overlap, the lookup's hierarchy wins over the census table's and
the boundary file's name over both; a blank never overwrites a value. The
national lookup leaves out Wales and gives no police force for 53 English local
authorities, so an LSOA whose force is still unknown takes its local
authority's police force area from a local authority → force table (the
shipped `data/local_authority_police_force_2011.csv` unless another is given).
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.geography.models import Deprivation, Lsoa
from hedgerow.geography.selectors import lsoa_index_clear
from hedgerow.geography.sources import Problem, SourceError, Table
from hedgerow.geography.sources.boundaries import read_boundaries
from hedgerow.geography.sources.deprivation import EDITION, read_deprivation
from hedgerow.geography.sources.tables import (
    read_lookup,
    read_police_force_areas,
    read_population,
)

# progress(stage, done, total): the command draws a progress bar from it.
Progress = Callable[[str, int, int], None]
BATCH = 500
FILTERS_NEED_LOOKUP = (
    "--only-local-authority and --only-police-force need --lookup or --population: "
    "they say which local authority (and so police force) each LSOA is in."
)
NOTHING_TO_LOAD = "Give at least one of --boundaries, --lookup, --population and --imd."
DEFAULT_FORCE_AREAS = (
    Path(__file__).resolve().parent / "data" / "local_authority_police_force_2011.csv"
)
# The files whose values become Lsoa fields, each later one winning.
LSOA_SOURCES = ("population", "lookup", "boundaries")


@dataclass
class LoadSummary:
    """What a load did, for the command to print and the audit trail to keep."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    boundaries_read: int = 0
    lookup_matched: int = 0
    population_matched: int = 0
    skipped_by_filter: int = 0
    # Codes in the lookup or population with no LSOA to attach to (no boundary).
    unmatched_codes: list[str] = field(default_factory=list)
    # LSOAs loaded with boundaries that the lookup or population did not mention.
    without_lookup: int = 0
    without_population: int = 0
    # LSOAs whose police force came from the local authority → force table.
    police_force_from_local_authority: int = 0
    # Indices of Deprivation: LSOAs written or unchanged, and codes with no LSOA.
    deprivation_created: int = 0
    deprivation_updated: int = 0
    deprivation_unchanged: int = 0
    deprivation_unmatched: list[str] = field(default_factory=list)

    def as_detail(self) -> dict[str, Any]:
        return {
            k: (len(v) if isinstance(v, list) else v) for k, v in self.__dict__.items()
        }


def force_key(name: str) -> str:
    """A police force compared loosely: "West Yorkshire" = "west-yorkshire"."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _noop(stage: str, done: int, total: int) -> None:
    return None


def geography_load(
    *,
    boundaries: str | None = None,
    lookup: str | None = None,
    population: str | None = None,
    imd: str | None = None,
    police_force_lookup: str | None = None,
    only_local_authorities: Iterable[str] = (),
    only_police_forces: Iterable[str] = (),
    progress: Progress = _noop,
) -> LoadSummary:
    """Load whichever files are given; if any row is bad, raise SourceError.

    Nothing is written unless every file is good.
    """
    if not (boundaries or lookup or population or imd):
        raise SourceError([Problem("load_geography", None, NOTHING_TO_LOAD)])
    authorities = {code.strip().upper() for code in only_local_authorities}
    forces = {force_key(name) for name in only_police_forces}
    if (authorities or forces) and not (lookup or population):
        raise SourceError([Problem("load_geography", None, FILTERS_NEED_LOOKUP)])

    tables: dict[str, Table] = {}
    for name, path, reader in (
        ("boundaries", boundaries, read_boundaries),
        ("lookup", lookup, read_lookup),
        ("population", population, read_population),
        ("deprivation", imd, read_deprivation),
    ):
        if path:
            progress(f"Reading {name}", 0, 1)
            tables[name] = reader(path)
            progress(f"Reading {name}", 1, 1)
    force_areas, problems = read_police_force_areas(
        police_force_lookup or str(DEFAULT_FORCE_AREAS)
    )
    problems += [p for table in tables.values() for p in table.problems]
    if problems:
        raise SourceError(problems)

    merged = _merged(tables)
    selected = _selected(merged, force_areas, authorities, forces)
    return _write(tables, merged, force_areas, selected, progress)


def _merged(tables: dict[str, Table]) -> dict[str, dict[str, Any]]:
    """Each LSOA's values from every file: later files win, blanks never do."""
    merged: dict[str, dict[str, Any]] = {}
    for name in LSOA_SOURCES:
        if name not in tables:
            continue
        for code, row in tables[name].rows.items():
            values = merged.setdefault(code, {})
            for key, value in row.items():
                if value in ("", None) and values.get(key) not in ("", None):
                    continue
                values[key] = value
    return merged


def _force(values: dict[str, Any], force_areas: dict[str, str]) -> str:
    """The LSOA's police force: the lookup's, else its local authority's."""
    force = values.get("police_force") or ""
    return force or force_areas.get(values.get("local_authority_code") or "", "")


def _selected(
    merged: dict[str, dict[str, Any]],
    force_areas: dict[str, str],
    authorities: set[str],
    forces: set[str],
) -> set[str] | None:
    """The codes the filters keep, or None when there are no filters."""
    if not (authorities or forces):
        return None
    selected = {
        code
        for code, values in merged.items()
        if (not authorities or values.get("local_authority_code") in authorities)
        and (not forces or force_key(_force(values, force_areas)) in forces)
    }
    if not selected:
        wanted = ", ".join(sorted(authorities | forces))
        raise SourceError(
            [Problem("load_geography", None, f"no LSOA in the files is in {wanted}")]
        )
    return selected


@dataclass
class _Plan:
    """The creates and updates one load will make, worked out before writing."""

    tables: dict[str, Table]
    merged: dict[str, dict[str, Any]]
    force_areas: dict[str, str]
    existing: dict[str, Lsoa]
    summary: LoadSummary = field(default_factory=LoadSummary)
    to_create: list[Lsoa] = field(default_factory=list)
    to_update: list[Lsoa] = field(default_factory=list)
    changed_fields: set[str] = field(default_factory=set)
    now: Any = field(default_factory=timezone.now)

    def has(self, name: str, code: str) -> bool:
        table = self.tables.get(name)
        return table is not None and code in table.rows

    def values(self, code: str) -> dict[str, Any]:
        """Every file's values for one LSOA, its police force filled if unknown."""
        values = dict(self.merged[code])
        lsoa = self.existing.get(code)
        known = values.get("police_force") or (lsoa.police_force if lsoa else "")
        if not known and values.get("local_authority_code"):
            force = _force(values, self.force_areas)
            if force:
                values["police_force"] = force
                self.summary.police_force_from_local_authority += 1
        return values

    def count_coverage(self, code: str) -> None:
        if not self.has("boundaries", code):
            return
        self.summary.boundaries_read += 1
        self.summary.without_lookup += "lookup" in self.tables and not self.has(
            "lookup", code
        )
        self.summary.without_population += "population" in self.tables and not self.has(
            "population", code
        )

    def add(self, code: str) -> None:
        self.count_coverage(code)
        values = self.values(code)
        lsoa = self.existing.get(code)
        if lsoa is None and "boundary" not in values:
            self.summary.unmatched_codes.append(code)
            return
        self.summary.lookup_matched += self.has("lookup", code)
        self.summary.population_matched += self.has("population", code)
        if lsoa is None:
            self.to_create.append(Lsoa(code=code, **_model_values(values)))
            return
        changes = {
            key: value
            for key, value in _model_values(values).items()
            if getattr(lsoa, key) != value and not (key == "name" and not value)
        }
        if not changes:
            self.summary.unchanged += 1
            return
        changes["updated_at"] = self.now  # bulk_update skips auto_now
        for key, value in changes.items():
            setattr(lsoa, key, value)
        self.changed_fields |= changes.keys()
        self.to_update.append(lsoa)


@transaction.atomic
def _write(
    tables: dict[str, Table],
    merged: dict[str, dict[str, Any]],
    force_areas: dict[str, str],
    selected: set[str] | None,
    progress: Progress,
) -> LoadSummary:
    codes = set(merged)
    skipped = 0
    if selected is not None:
        skipped = len(codes - selected)
        codes &= selected
    existing = {lsoa.code: lsoa for lsoa in Lsoa.objects.filter(code__in=codes)}
    plan = _Plan(
        tables=tables, merged=merged, force_areas=force_areas, existing=existing
    )
    plan.summary.skipped_by_filter = skipped
    for done, code in enumerate(sorted(codes), start=1):
        if done % 100 == 0 or done == len(codes):
            progress("Checking LSOAs", done, len(codes))
        plan.add(code)
    _save(plan.to_create, plan.to_update, plan.changed_fields, progress)
    if "deprivation" in tables:
        _save_deprivation(tables["deprivation"], selected, plan.summary, progress)
    # lsoa_at would notice the change anyway; this frees the old tree at once.
    transaction.on_commit(lsoa_index_clear)
    summary = plan.summary
    summary.created, summary.updated = len(plan.to_create), len(plan.to_update)
    audit_record(
        actor=None,
        actor_label="hedgerow load_geography",
        action=Action.UPDATE,
        target_type="geography.lsoa",
        purpose="Official geography loaded",
        detail={
            "files": {name: table.path for name, table in tables.items()},
            **summary.as_detail(),
        },
    )
    return summary


LSOA_FIELDS = {
    f.name
    for f in Lsoa._meta.concrete_fields
    if f.name not in {"id", "code", "updated_at"}
}


def _model_values(values: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if key in LSOA_FIELDS}


def _save(
    to_create: list[Lsoa],
    to_update: list[Lsoa],
    changed_fields: set[str],
    progress: Progress,
) -> None:
    total = len(to_create) + len(to_update)
    done = 0
    for start in range(0, len(to_create), BATCH):
        batch = to_create[start : start + BATCH]
        Lsoa.objects.bulk_create(batch)
        done += len(batch)
        progress("Saving LSOAs", done, total)
    for start in range(0, len(to_update), BATCH):
        batch = to_update[start : start + BATCH]
        Lsoa.objects.bulk_update(batch, sorted(changed_fields))
        done += len(batch)
        progress("Saving LSOAs", done, total)


def _save_deprivation(
    table: Table,
    selected: set[str] | None,
    summary: LoadSummary,
    progress: Progress,
) -> None:
    """Each LSOA's deprivation measures, replaced only where they changed."""
    codes = set(table.rows) if selected is None else set(table.rows) & selected
    ids = dict(Lsoa.objects.filter(code__in=codes).values_list("code", "id"))
    summary.deprivation_unmatched = sorted(codes - ids.keys())
    existing: dict[int, dict[str, tuple[float, int, int]]] = {}
    rows = Deprivation.objects.filter(edition=EDITION, lsoa_id__in=list(ids.values()))
    for row in rows:
        existing.setdefault(row.lsoa_id, {})[row.measure] = (
            row.score,
            row.rank,
            row.decile,
        )
    replaced: list[int] = []
    new_rows: list[Deprivation] = []
    for code, lsoa_id in sorted(ids.items()):
        measures = table.rows[code]["deprivation"]
        before = existing.get(lsoa_id)
        if before == measures:
            summary.deprivation_unchanged += 1
            continue
        if before is None:
            summary.deprivation_created += 1
        else:
            summary.deprivation_updated += 1
            replaced.append(lsoa_id)
        new_rows += [
            Deprivation(
                lsoa_id=lsoa_id,
                edition=EDITION,
                measure=measure,
                score=score,
                rank=rank,
                decile=decile,
            )
            for measure, (score, rank, decile) in measures.items()
        ]
    for start in range(0, len(replaced), BATCH):
        Deprivation.objects.filter(
            edition=EDITION, lsoa_id__in=replaced[start : start + BATCH]
        ).delete()
    step = BATCH * 10
    for start in range(0, len(new_rows), step):
        Deprivation.objects.bulk_create(new_rows[start : start + step])
        progress("Saving deprivation", min(start + step, len(new_rows)), len(new_rows))
