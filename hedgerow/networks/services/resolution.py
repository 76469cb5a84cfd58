"""Entity resolution as officers use it: upload, match columns, run, judge, merge.

A partner's CSV is read and checked whole on upload (nothing is kept from a file
with a problem); its columns are matched to the fields the matcher knows; a
background task (hedgerow.networks.tasks) links it against the register of
subjects the uploading agency may see, with Splink (compute/resolution.py); an
officer then judges each candidate pair, and "same" merges the record into the
subject as a SourceRecord, filling only fields the subject lacks. Every step is
audited with the job's purpose.
"""

import csv
import datetime
import io
import logging
import re
from typing import Any, cast

import pandas as pd
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hedgerow.accounts.models import AgencyKind
from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.networks.compute import resolution as matcher
from hedgerow.networks.models import SourceRecord, Subject, SubjectKind
from hedgerow.networks.models.resolution import (
    CandidatePair,
    Decision,
    JobStatus,
    RecordKind,
    ResolutionJob,
)
from hedgerow.networks.models.subjects import BUSINESSES

logger = logging.getLogger(__name__)

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 250_000
# Pairs from this probability up are shown to an officer; they judge, not a cut-off.
REVIEW_THRESHOLD = 0.5
# The fields the matcher compares, per kind of record: (field, label).
FIELDS: dict[str, tuple[tuple[str, Any], ...]] = {
    RecordKind.PEOPLE: (
        ("given_name", gettext_lazy("Given name")),
        ("surname", gettext_lazy("Surname")),
        ("full_name", gettext_lazy("Full name")),
        ("date_of_birth", gettext_lazy("Date of birth")),
        ("postcode", gettext_lazy("Postcode")),
        ("address_1", gettext_lazy("First line of the address")),
        ("phone", gettext_lazy("Phone number")),
    ),
    RecordKind.BUSINESSES: (
        ("company_name", gettext_lazy("Business name")),
        ("company_number", gettext_lazy("Company number")),
        ("postcode", gettext_lazy("Postcode")),
        ("address_1", gettext_lazy("First line of the address")),
        ("phone", gettext_lazy("Phone number")),
    ),
}
# What partner files call each field, normalised (lower case, letters and digits).
SYNONYMS = {
    "given_name": ("givenname", "firstname", "forename", "forenames", "first"),
    "surname": ("surname", "lastname", "familyname", "last"),
    "full_name": ("fullname", "name", "personname"),
    "date_of_birth": ("dateofbirth", "dob", "birthdate", "born"),
    "postcode": ("postcode", "postalcode", "zip"),
    "address_1": ("address1", "addressline1", "address", "street", "firstline"),
    "phone": ("phone", "phonenumber", "telephone", "mobile", "tel"),
    "company_name": ("companyname", "businessname", "name", "tradingname"),
    "company_number": ("companynumber", "companyno", "crn", "registrationnumber"),
    "id": ("id", "ref", "reference", "recordid", "personid", "businessid", "urn"),
}
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y%m%d", "%d %B %Y")
PURPOSE_MATCH = "Entity resolution: matching partner records to the register"


def _key(column: str) -> str:
    return re.sub(r"[^a-z0-9]", "", column.lower())


def read_upload(data: bytes) -> tuple[list[str], list[dict[str, str]]]:
    """The header and rows of a partner's CSV, or a ValidationError saying why not."""
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The file must be smaller than 20 MB."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(
            _(
                "The file must be a CSV saved as UTF-8; byte %(at)d is not. In a "
                "spreadsheet, choose 'CSV UTF-8' when saving."
            )
            % {"at": error.start + 1}
        ) from error
    rows = list(csv.reader(io.StringIO(text, newline="")))
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if len(rows) < 2:
        raise ValidationError(_("The file needs a header row and at least one record."))
    header = [cell.strip() for cell in rows[0]]
    if any(not name for name in header):
        raise ValidationError(_("Every column needs a name in the header row."))
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        raise ValidationError(
            _("The header names these columns more than once: %(names)s.")
            % {"names": ", ".join(repeated)}
        )
    if len(rows) - 1 > MAX_ROWS:
        raise ValidationError(
            _("The file has %(count)d records; one upload can hold %(max)d.")
            % {"count": len(rows) - 1, "max": MAX_ROWS}
        )
    ragged = [n for n, row in enumerate(rows[1:], start=2) if len(row) != len(header)]
    if ragged:
        raise ValidationError(
            _(
                "These lines do not have %(count)d cells like the header: "
                "%(lines)s. Check for a missing or extra comma."
            )
            % {"count": len(header), "lines": ", ".join(map(str, ragged[:10]))}
        )
    return header, [dict(zip(header, row, strict=True)) for row in rows[1:]]


@transaction.atomic
def job_create(
    *, user: Any, dataset: str, kind: str, purpose: str, filename: str, data: bytes
) -> ResolutionJob:
    header, rows = read_upload(data)
    job = ResolutionJob(
        dataset=dataset.strip(),
        kind=kind,
        purpose=purpose.strip(),
        filename=filename[:255],
        content=data,
        columns=header,
        row_count=len(rows),
        column_map=guess_map(header, kind),
        id_column=guess_id(header),
        agency=user.agency,
        created_by=user,
    )
    job.full_clean(exclude=["content", "created_by"])
    job.save()
    audit_record(
        actor=user,
        action=Action.CREATE,
        target=job,
        purpose=job.purpose,
        detail={"records": job.row_count, "kind": kind, "dataset": job.dataset},
    )
    return job


def guess_map(columns: list[str], kind: str) -> dict[str, str]:
    """The file's column for each field, where its name makes it plain."""
    by_key = {_key(c): c for c in columns}
    guessed: dict[str, str] = {}
    for field, _label in FIELDS[kind]:
        for name in SYNONYMS[field]:
            if name in by_key and by_key[name] not in guessed.values():
                guessed[field] = by_key[name]
                break
    return guessed


def guess_id(columns: list[str]) -> str:
    by_key = {_key(c): c for c in columns}
    return next((by_key[n] for n in SYNONYMS["id"] if n in by_key), "")


def job_map(
    *, job: ResolutionJob, user: Any, id_column: str, column_map: dict[str, str]
) -> ResolutionJob:
    """Check the chosen columns against the whole file, then queue the run."""
    from hedgerow.networks.tasks import resolve_job  # noqa: PLC0415 (tasks import us)

    if job.status not in {JobStatus.UPLOADED, JobStatus.FAILED}:
        raise ValidationError(_("This file has already been matched."))
    known = {field for field, _label in FIELDS[job.kind]}
    column_map = {f: c for f, c in column_map.items() if c and f in known}
    errors: dict[str | None, Any] = {}
    if id_column not in job.columns:
        errors["id_column"] = _("Choose the column that holds each record's id")
    if not column_map:
        errors[None] = _("Choose at least one column to compare, such as a name")
    unknown = [c for c in column_map.values() if c not in job.columns]
    if unknown:
        errors[None] = _("Choose columns from the file")
    if errors:
        raise ValidationError({k or "__all__": v for k, v in errors.items()})
    _header, rows = read_upload(bytes(job.content))
    ids = [row[id_column].strip() for row in rows]
    blank = [n for n, value in enumerate(ids, start=2) if not value]
    if blank:
        raise ValidationError(
            {
                "id_column": _("Lines %(lines)s have no id in %(column)s.")
                % {"lines": ", ".join(map(str, blank[:10])), "column": id_column}
            }
        )
    repeated = sorted({value for value in ids if ids.count(value) > 1})[:5]
    if repeated:
        raise ValidationError(
            {
                "id_column": _(
                    "Each record needs its own id, but %(column)s repeats: %(ids)s."
                )
                % {"column": id_column, "ids": ", ".join(repeated)}
            }
        )
    with transaction.atomic():
        job.id_column = id_column
        job.column_map = column_map
        job.status = JobStatus.QUEUED
        job.progress, job.stage, job.error = 0, _("Waiting to run"), ""
        job.save()
        job.pairs.all().delete()
        audit_record(
            actor=user,
            action=Action.UPDATE,
            target=job,
            purpose=job.purpose,
            detail={"id_column": id_column, "columns": column_map},
        )
        job_pk = job.pk
        transaction.on_commit(lambda: resolve_job.enqueue(job_pk))
    return job


def _progress(job: ResolutionJob, percent: int, stage: str) -> None:
    ResolutionJob.objects.filter(pk=job.pk).update(
        progress=percent, stage=stage, updated_at=timezone.now()
    )


def job_run(job_pk: int) -> None:
    """The background task's work: match the file against the register."""
    job = ResolutionJob.objects.select_related("agency", "created_by").get(pk=job_pk)
    if job.status not in {JobStatus.QUEUED, JobStatus.RUNNING}:
        return
    ResolutionJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING)
    try:
        _progress(job, 10, _("Reading the file"))
        _header, rows = read_upload(bytes(job.content))
        left, dates_unread = upload_frame(job, rows)
        _progress(job, 25, _("Reading the register"))
        register = register_subjects(job)
        if not register:
            raise ValueError(
                _("There are no %(kind)s in the register your agency can see.")
                % {"kind": job.get_kind_display().lower()}
            )
        right = register_frame(register, job.kind)
        # Compare only fields both sides hold: an empty column teaches nothing.
        fields = [f for f in job.column_map if (right[f] != "").any()]
        if not fields:
            raise ValueError(
                _(
                    "The register holds none of the fields you matched. Match a "
                    "name, date of birth or number as well."
                )
            )
        left, right = left[["record_id", *fields]], right[["record_id", *fields]]
        _progress(job, 40, _("Training the matcher and scoring pairs"))
        pairs = matcher.link_frames(left, right, "record_id", REVIEW_THRESHOLD)
        _progress(job, 90, _("Saving the candidate pairs"))
        raw = {row[job.id_column].strip(): row for row in rows}
        with transaction.atomic():
            CandidatePair.objects.filter(job=job).delete()
            CandidatePair.objects.bulk_create(
                CandidatePair(
                    job=job,
                    record_id=pair["left_id"],
                    record=raw[pair["left_id"]],
                    subject_id=int(pair["right_id"].removeprefix("s")),
                    match_probability=float(pair["match_probability"]),
                    match_weight=float(pair["match_weight"]),
                    drivers=[[d.field, d.weight] for d in pair["drivers"]],
                )
                for pair in _records(pairs)
            )
            stage = _("Done")
            if dates_unread:
                stage = _(
                    "Done. %(count)d dates of birth could not be read and were "
                    "left out of the matching."
                ) % {"count": dates_unread}
            ResolutionJob.objects.filter(pk=job.pk).update(
                status=JobStatus.DONE,
                progress=100,
                stage=stage,
                register_count=len(register),
                updated_at=timezone.now(),
            )
    except ValueError as error:
        _fail(job, str(error))
    except Exception:
        logger.exception("Entity resolution job %s failed", job.pk)
        _fail(job, _("Something went wrong while matching. Try again, or ask support."))
        raise


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return cast("list[dict[str, Any]]", frame.to_dict("records"))


def _fail(job: ResolutionJob, message: str) -> None:
    ResolutionJob.objects.filter(pk=job.pk).update(
        status=JobStatus.FAILED, error=message, stage="", updated_at=timezone.now()
    )


def upload_frame(
    job: ResolutionJob, rows: list[dict[str, str]]
) -> tuple[pd.DataFrame, int]:
    """The file's rows as the matcher's fields, dates as ISO; and how many failed."""
    frame = pd.DataFrame(
        {
            "record_id": [row[job.id_column].strip() for row in rows],
            **{
                field: [row[column] for row in rows]
                for field, column in job.column_map.items()
            },
        }
    )
    unread = 0
    if "date_of_birth" in frame:
        parsed = [parse_date(value) for value in frame["date_of_birth"]]
        unread = sum(
            1
            for value, date in zip(frame["date_of_birth"], parsed, strict=True)
            if value.strip() and date is None
        )
        frame["date_of_birth"] = [d.isoformat() if d else "" for d in parsed]
    return frame, unread


def parse_date(value: str) -> datetime.date | None:
    value = value.strip()
    for date_format in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, date_format).date()  # noqa: DTZ007 (a date)
        except ValueError:
            continue
    return None


def register_subjects(job: ResolutionJob) -> list[Subject]:
    """The subjects the job's agency may see, of the job's kind, not merged away."""
    kinds = (
        [SubjectKind.PERSON] if job.kind == RecordKind.PEOPLE else sorted(BUSINESSES)
    )
    subjects = Subject.objects.current().filter(kind__in=kinds).select_related("place")
    if job.agency.kind != AgencyKind.POLICE:
        subjects = subjects.visible_to_agency(job.agency_id)
    return list(subjects.order_by("pk"))


def register_frame(subjects: list[Subject], kind: str) -> pd.DataFrame:
    """The register as the matcher's fields: names split, dates ISO."""
    rows = []
    for subject in subjects:
        place = subject.place
        address = place.address if place else ""
        postcode = place.postcode if place else ""
        row = {
            "record_id": f"s{subject.pk}",
            "postcode": postcode,
            "address_1": address.split(",")[0] if address else "",
            "phone": subject.phone_number,
        }
        if kind == RecordKind.PEOPLE:
            parts = subject.name.split()
            row |= {
                "full_name": subject.name,
                "given_name": parts[0] if parts else "",
                "surname": parts[-1] if len(parts) > 1 else "",
                "date_of_birth": (
                    subject.date_of_birth.isoformat() if subject.date_of_birth else ""
                ),
            }
        else:
            row |= {
                "company_name": subject.name,
                "company_number": subject.company_number,
            }
        rows.append(row)
    return pd.DataFrame(rows)


@transaction.atomic
def pair_judge(*, pair: CandidatePair, user: Any, decision: str) -> CandidatePair:
    """Record an officer's judgement; "same" merges the record into the subject."""
    pair = (
        CandidatePair.objects.select_for_update().select_related("job").get(pk=pair.pk)
    )
    if pair.decision == Decision.SAME:
        raise ValidationError(
            _("This record has already been merged into the subject.")
        )
    if decision not in {Decision.SAME, Decision.DIFFERENT, Decision.UNSURE}:
        raise ValidationError(_("Choose same, different or unsure"))
    pair.decision = decision
    pair.decided_by = user
    pair.decided_at = timezone.now()
    pair.save()
    audit_record(
        actor=user,
        action=Action.UPDATE,
        target=pair.job,
        purpose=pair.job.purpose,
        detail={
            "record_id": pair.record_id,
            "subject_id": pair.subject_id,
            "decision": decision,
        },
    )
    if decision == Decision.SAME:
        _merge(pair, user)
    return pair


def _merge(pair: CandidatePair, user: Any) -> SourceRecord:
    """Keep the partner's record whole beside the subject; fill only what is blank."""
    subject = Subject.objects.select_for_update().get(pk=pair.subject_id)
    job = pair.job
    source = SourceRecord.objects.create(
        subject=subject,
        agency=job.agency,
        dataset=job.dataset,
        record_id=pair.record_id,
        values=pair.record,
        match_probability=pair.match_probability,
        judged_by=user,
    )
    filled = []
    mapped = {
        field: pair.record.get(column, "") for field, column in job.column_map.items()
    }
    dob = parse_date(mapped.get("date_of_birth", ""))
    if dob and subject.date_of_birth is None:
        subject.date_of_birth = dob
        filled.append("date_of_birth")
    phone = re.sub(r"[^\d+]", "", mapped.get("phone", ""))
    if phone and not subject.phone_number and len(phone) <= 20:
        subject.phone_number = phone
        filled.append("phone_number")
    number = mapped.get("company_number", "").strip().upper()
    if number and not subject.company_number and len(number) <= 10:
        subject.company_number = number
        filled.append("company_number")
    name = (
        mapped.get("full_name")
        or mapped.get("company_name")
        or " ".join(filter(None, (mapped.get("given_name"), mapped.get("surname"))))
        or ""
    ).strip()
    if name and name.lower() != subject.name.lower() and name not in subject.aliases:
        subject.aliases = [*subject.aliases, name]
        filled.append("aliases")
    if filled:
        subject.save()
    audit_record(
        actor=user,
        action=Action.UPDATE,
        target=subject,
        purpose=job.purpose,
        detail={
            "merged_record": pair.record_id,
            "dataset": job.dataset,
            "source_record_id": source.pk,
            "filled": filled,
        },
    )
    return source
