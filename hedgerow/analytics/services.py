"""Importing police.uk crime into the store and recording it in the catalogue.

`policeuk_import` reads the files (compute.policeuk_import does the work, with
no Django), then in one transaction moves each staged partition into place,
updates the catalogue and writes the audit event. A month imported again is
replaced: its file is overwritten whole, so there are never duplicates.

`harm_weights_load` saves a user's harm weights table the same way: checked
whole first (compute.harm), then saved and audited in one transaction.
"""

import os
import shutil
import tempfile
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from hedgerow.analytics.compute.harm import (
    NO_SOURCE,
    WeightProblem,
    read_harm_weights,
    slug_problem,
)
from hedgerow.analytics.compute.policeuk_import import (
    ImportResult,
    Progress,
    import_files,
)
from hedgerow.analytics.models import CrimeImport, CrimeMonth, HarmWeights
from hedgerow.analytics.store import partition_path, staging_dir
from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.geography.models import Lsoa

NO_GEOGRAPHY = (
    "No LSOAs are loaded, so no crime can be placed. Load the geography first: "
    "hedgerow load_geography --boundaries … --lookup … --population …"
)


class ImportRefusedError(Exception):
    """The import cannot start; the message says why and what to do."""


class HarmWeightsRefusedError(Exception):
    """A weights file has problems, so nothing was saved; `problems` says which."""

    def __init__(self, source: str, problems: list[WeightProblem]) -> None:
        self.source = source
        self.problems = problems
        super().__init__("\n".join(p.located(source) for p in problems))


def policeuk_import(
    paths: Iterable[str | Path],
    *,
    run_by: str,
    workers: int = 2,
    progress: Progress | None = None,
) -> tuple[CrimeImport, ImportResult]:
    """Import every street crime file in paths; return the catalogue entry, details."""
    known = list(Lsoa.objects.values_list("code", flat=True))
    if not known:
        raise ImportRefusedError(NO_GEOGRAPHY)
    given = [str(path) for path in paths]
    started = timezone.now()
    staging_dir().mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=staging_dir()))
    try:
        result = import_files(
            paths,
            known_lsoas=known,
            staging=staging,
            workers=workers,
            progress=progress,
        )
        crime_import = _record(given, result, run_by=run_by, started=started)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return crime_import, result


@transaction.atomic
def _record(
    paths: list[str], result: ImportResult, *, run_by: str, started: datetime
) -> CrimeImport:
    now = timezone.now()
    crime_import = CrimeImport.objects.create(
        started_at=started,
        finished_at=now,
        run_by=run_by,
        sources=paths,
        rows=result.rows,
        rejected=result.rejected,
        rejected_by_reason=result.rejected_by_reason(),
        files_not_imported=[
            {"source": f.source, "reason": f.refused or f.skipped}
            for f in result.files
            if (f.refused or f.skipped)
        ],
    )
    for part in result.partitions:
        target = partition_path(part.force, part.month)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(part.path, target)
        CrimeMonth.objects.update_or_create(
            force=part.force,
            month=part.month,
            defaults={
                "rows": part.rows,
                "source": part.source[-500:],
                "imported_at": now,
                "crime_import": crime_import,
            },
        )
    audit_record(
        actor=None,
        actor_label=run_by,
        action=Action.CREATE,
        target=crime_import,
        purpose="police.uk street crime imported",
        detail={
            "rows": result.rows,
            "rejected": result.rejected,
            "months": sorted(f"{p.force} {p.month}" for p in result.partitions),
        },
    )
    return crime_import


def harm_weights_load(
    path: str | Path, *, slug: str, title: str, source: str, loaded_by: str
) -> tuple[HarmWeights, bool]:
    """Load a harm weights CSV as table `slug`, replacing one of that name.

    Every row is checked first; with any problem nothing is saved and
    HarmWeightsRefusedError lists them. Returns the table and whether it is new.
    """
    problem = slug_problem(slug)
    if problem:
        raise HarmWeightsRefusedError("--name", [WeightProblem(None, problem)])
    if not source.strip():
        raise HarmWeightsRefusedError("--source", [WeightProblem(None, NO_SOURCE)])
    table = read_harm_weights(path)
    if table.problems:
        raise HarmWeightsRefusedError(str(path), table.problems)
    return _save_harm_weights(
        slug=slug,
        title=title.strip() or slug,
        source=source.strip(),
        weights=table.weights,
        notes=table.notes,
        source_file=str(path),
        loaded_by=loaded_by,
    )


@transaction.atomic
def _save_harm_weights(
    *,
    slug: str,
    title: str,
    source: str,
    weights: dict[str, float],
    notes: dict[str, str],
    source_file: str,
    loaded_by: str,
) -> tuple[HarmWeights, bool]:
    earlier = HarmWeights.objects.select_for_update().filter(slug=slug).first()
    harm, created = HarmWeights.objects.update_or_create(
        slug=slug,
        defaults={
            "title": title,
            "source": source,
            "weights": weights,
            "notes": notes,
            "source_file": source_file[-500:],
            "loaded_at": timezone.now(),
            "loaded_by": loaded_by,
        },
    )
    audit_record(
        actor=None,
        actor_label=loaded_by,
        action=Action.CREATE if created else Action.UPDATE,
        target=harm,
        purpose="harm weights loaded",
        detail={
            "slug": slug,
            "title": title,
            "source": source,
            "file": source_file,
            "weights": weights,
            "replaced": earlier.weights if earlier else None,
        },
    )
    return harm, created
