"""The triage queue: only the agency's reports, filtered, sorted, overdue flagged."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hedgerow.accounts.roles import Role
from hedgerow.accounts.tests.factories import AgencyFactory
from hedgerow.audit.models import Action, AuditEvent
from hedgerow.intelligence.models import Priority, Status
from hedgerow.intelligence.tests.factories import ThreatFactory
from hedgerow.intelligence.tests.triage_factories import LsoaFactory, routed_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency():
    return AgencyFactory(name="West Yorkshire Police")


@pytest.fixture
def officer(staff_client, agency):
    return staff_client(Role.OFFICER, agency=agency)


def ago(**kwargs):
    return timezone.now() - timedelta(**kwargs)


def queue_page(client, **params):
    return client.get(reverse("triage:queue"), params).content.decode()


def test_queue_shows_only_reports_routed_to_the_agency(officer, agency):
    routed_report(agency, reference="HR-OURS-0001")
    routed_report(AgencyFactory(), reference="HR-THEM-0001")

    page = queue_page(officer)

    assert "HR-OURS-0001" in page
    assert "HR-THEM-0001" not in page


def test_queue_hides_closed_reports_unless_asked(officer, agency):
    routed_report(
        agency, reference="HR-DONE-0001", status=Status.CLOSED, outcome="actioned"
    )

    assert "HR-DONE-0001" not in queue_page(officer)
    assert "HR-DONE-0001" in queue_page(officer, status="closed")
    assert "HR-DONE-0001" in queue_page(officer, status="all")


def test_queue_filters_by_threat(officer, agency):
    fraud, slavery = ThreatFactory(), ThreatFactory()
    routed_report(agency, reference="HR-FRAU-0001", threat=fraud)
    routed_report(agency, reference="HR-SLAV-0001", threat=slavery)

    page = queue_page(officer, threat=fraud.pk)

    assert "HR-FRAU-0001" in page
    assert "HR-SLAV-0001" not in page


def test_queue_filters_by_local_authority_and_lsoa(officer, agency):
    leeds = LsoaFactory(local_authority_code="E08000035", local_authority_name="Leeds")
    bradford = LsoaFactory(
        local_authority_code="E08000032", local_authority_name="Bradford"
    )
    routed_report(agency, reference="HR-LEED-0001", lsoa=leeds)
    routed_report(agency, reference="HR-BRAD-0001", lsoa=bradford)

    by_authority = queue_page(officer, local_authority="E08000032")
    by_lsoa = queue_page(officer, lsoa=leeds.code.lower())

    assert "HR-BRAD-0001" in by_authority
    assert "HR-LEED-0001" not in by_authority
    assert "HR-LEED-0001" in by_lsoa
    assert "HR-BRAD-0001" not in by_lsoa


def test_queue_filters_by_age_band(officer, agency):
    routed_report(agency, reference="HR-TODA-0001", submitted_at=ago(hours=2))
    routed_report(agency, reference="HR-WEEK-0001", submitted_at=ago(days=3))
    routed_report(agency, reference="HR-OLD0-0001", submitted_at=ago(days=40))

    week = queue_page(officer, age="week")
    older = queue_page(officer, age="older")

    assert "HR-WEEK-0001" in week
    assert "HR-TODA-0001" not in week
    assert "HR-OLD0-0001" not in week
    assert "HR-OLD0-0001" in older
    assert "HR-WEEK-0001" not in older


def test_queue_filters_by_priority_and_ungraded(officer, agency):
    routed_report(
        agency,
        reference="HR-PONE-0001",
        priority=Priority.P1,
        status=Status.IN_PROGRESS,
    )
    routed_report(agency, reference="HR-NONE-0001")

    p1 = queue_page(officer, priority="P1")
    ungraded = queue_page(officer, priority="ungraded")

    assert "HR-PONE-0001" in p1
    assert "HR-NONE-0001" not in p1
    assert "HR-NONE-0001" in ungraded
    assert "HR-PONE-0001" not in ungraded


def test_queue_filters_assigned_to_me(officer, agency):
    routed_report(agency, reference="HR-MINE-0001", assigned_to=officer.user)
    routed_report(agency, reference="HR-FREE-0001")

    page = queue_page(officer, mine="on")

    assert "HR-MINE-0001" in page
    assert "HR-FREE-0001" not in page


def test_queue_counts_and_tags_overdue_reports(officer, agency, settings):
    settings.HEDGEROW_TRIAGE_TARGET_HOURS = 72
    routed_report(agency, reference="HR-LATE-0001", submitted_at=ago(hours=80))
    routed_report(
        agency,
        reference="HR-GRAD-0001",
        submitted_at=ago(hours=80),
        status=Status.IN_PROGRESS,
    )
    routed_report(agency, reference="HR-NEW0-0001", submitted_at=ago(hours=10))

    page = queue_page(officer)
    overdue_only = queue_page(officer, overdue="on")

    assert "1 report has not been graded within the target time" in page
    assert page.count('govuk-tag--red">Overdue') == 2  # the count and one row
    assert "HR-LATE-0001" in overdue_only
    assert "HR-GRAD-0001" not in overdue_only
    assert "HR-NEW0-0001" not in overdue_only


def test_queue_overdue_target_is_configurable(officer, agency, settings):
    settings.HEDGEROW_TRIAGE_TARGET_HOURS = 4
    routed_report(agency, reference="HR-LATE-0001", submitted_at=ago(hours=5))

    assert "1 report has not been graded" in queue_page(officer)


def test_queue_sorts_oldest_first_and_by_priority(officer, agency):
    routed_report(agency, reference="HR-AAAA-0001", submitted_at=ago(days=2))
    routed_report(
        agency,
        reference="HR-BBBB-0001",
        submitted_at=ago(days=1),
        priority=Priority.P1,
        status=Status.IN_PROGRESS,
    )
    routed_report(
        agency,
        reference="HR-CCCC-0001",
        submitted_at=ago(hours=1),
        priority=Priority.P3,
        status=Status.IN_PROGRESS,
    )

    def order(page):
        refs = ["HR-AAAA-0001", "HR-BBBB-0001", "HR-CCCC-0001"]
        return sorted(refs, key=page.index)

    assert order(queue_page(officer)) == [
        "HR-CCCC-0001",
        "HR-BBBB-0001",
        "HR-AAAA-0001",
    ]
    assert order(queue_page(officer, sort="oldest")) == [
        "HR-AAAA-0001",
        "HR-BBBB-0001",
        "HR-CCCC-0001",
    ]
    assert order(queue_page(officer, sort="priority")) == [
        "HR-BBBB-0001",
        "HR-CCCC-0001",
        "HR-AAAA-0001",
    ]


def test_queue_paginates(officer, agency):
    for n in range(27):
        routed_report(agency, reference=f"HR-PAGE-{n:04d}", submitted_at=ago(hours=n))

    first = queue_page(officer)
    second = queue_page(officer, page=2)

    assert "27 reports" in first
    assert "HR-PAGE-0000" in first
    assert "HR-PAGE-0026" not in first
    assert "HR-PAGE-0026" in second


def test_queue_search_is_audited_with_filters(officer, agency):
    threat = ThreatFactory(slug="county-lines")
    routed_report(agency, threat=threat)

    queue_page(officer, threat=threat.pk, mine="on")

    event = AuditEvent.objects.get(action=Action.SEARCH)
    assert event.actor_id == officer.user.pk
    assert event.detail["filters"] == {"threat": "county-lines", "mine": "True"}
    assert event.detail["results"] == 0
    assert event.purpose == "triage"
