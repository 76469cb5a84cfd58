"""Importing police.uk crime into the store and recording it in the catalogue.

`policeuk_import` reads the files (compute.policeuk_import does the work, with
no Django), then in one transaction moves each staged partition into place,
updates the catalogue and writes the audit event. A month imported again is
replaced: its file is overwritten whole, so there are never duplicates.
"""

import os
import shutil
import tempfile
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from hedgerow.analytics.compute.policeuk_import import (
    ImportResult,
    Progress,
    import_files,
)
from hedgerow.analytics.models import CrimeImport, CrimeMonth
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
