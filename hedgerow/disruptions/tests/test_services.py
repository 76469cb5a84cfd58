"""The disruption services and selectors: need-to-know, defaults, counts, audit."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from hedgerow.accounts.models import AgencyKind
from hedgerow.accounts.roles import Role
from hedgerow.accounts.tests.factories import AgencyFactory
from hedgerow.audit.models import Action, AuditEvent
from hedgerow.disruptions import selectors, services
from hedgerow.disruptions.models import Disruption, Tactic
from hedgerow.disruptions.tests.factories import DisruptionFactory, TacticFactory
from hedgerow.networks.tests.factories import (
    GroupFactory,
    PanelSeatFactory,
    SubjectFactory,
    staff,
)
from hedgerow.places.models import Visibility
from hedgerow.places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def police():
    return AgencyFactory(name="West Yorkshire Police", kind=AgencyKind.POLICE)


@pytest.fixture
def council():
    return AgencyFactory(name="Leeds City Council", kind=AgencyKind.LICENSING)


@pytest.fixture
def group(police, council):
    group = GroupFactory(name="Harehills Line", lead_agency=police)
    PanelSeatFactory(group=group, agency=police)
    PanelSeatFactory(group=group, agency=council)
    return group


def fields(**changes):
    return {
        "occurred_on": timezone.localdate(),
        "agency": changes.pop("agency"),
        "tactic": Tactic.objects.get(slug="safeguarding-referral"),
        "strand": "",
        "impact": "minor",
        "group": None,
        "subject": None,
        "place": None,
        "rationale": "Referred two children at the address.",
        "evidence": "",
    } | changes


def test_strand_defaults_to_the_tactics_usual_one(council, group):
    user = staff(Role.OFFICER, agency=council)
    disruption = services.disruption_record(
        user=user, **fields(agency=council, group=group)
    )
    assert disruption.strand == "protect"
    assert disruption.recorded_by == user
    event = AuditEvent.objects.get(action=Action.CREATE)
    assert event.detail["group_id"] == group.pk
    assert "Referred" not in str(event.detail)


def test_service_refuses_targets_the_recorder_may_not_see(police):
    outsider = AgencyFactory(name="Leeds Housing", kind=AgencyKind.HOUSING_PROVIDER)
    user = staff(Role.OFFICER, agency=outsider)
    hidden_group = GroupFactory(lead_agency=police)
    hidden_subject = SubjectFactory(agency=police)
    hidden_place = PlaceFactory(agency=police, visibility=Visibility.AGENCY)
    with pytest.raises(ValidationError) as error:
        services.disruption_record(
            user=user,
            **fields(
                agency=outsider,
                group=hidden_group,
                subject=hidden_subject,
                place=hidden_place,
            ),
        )
    assert set(error.value.message_dict) == {"group", "subject", "place"}
    assert not Disruption.objects.exists()
    assert not AuditEvent.objects.filter(action=Action.CREATE).exists()


def test_service_needs_a_target_a_past_date_and_a_rationale(council):
    user = staff(Role.OFFICER, agency=council)
    with pytest.raises(ValidationError) as error:
        services.disruption_record(
            user=user,
            **fields(
                agency=council,
                occurred_on=timezone.localdate() + datetime.timedelta(days=1),
                rationale=" ",
            ),
        )
    assert set(error.value.message_dict) == {"group", "occurred_on", "rationale"}


def test_only_recording_agency_or_police_may_update(police, council, group):
    disruption = DisruptionFactory(agency=council, group=group)
    other = AgencyFactory(name="Leeds Trading Standards")
    other.kind = AgencyKind.TRADING_STANDARDS
    other.save()
    PanelSeatFactory(group=group, agency=other)
    with pytest.raises(PermissionDenied):
        services.disruption_update(
            disruption=disruption,
            user=staff(Role.OFFICER, agency=other),
            **fields(agency=council, group=group),
        )
    services.disruption_update(
        disruption=disruption,
        user=staff(Role.OFFICER, agency=police),
        **fields(agency=council, group=group, impact="major"),
    )
    disruption.refresh_from_db()
    assert disruption.impact == "major"


def test_refused_update_changes_nothing(council, group):
    disruption = DisruptionFactory(agency=council, group=group, impact="minor")
    with pytest.raises(ValidationError):
        services.disruption_update(
            disruption=disruption,
            user=staff(Role.OFFICER, agency=council),
            **fields(agency=council, group=group, impact="major", rationale=""),
        )
    assert disruption.impact == "minor"
    disruption.refresh_from_db()
    assert disruption.impact == "minor"


def test_counts_are_not_multiplied_by_panel_seats(police, council, group):
    for agency in (AgencyFactory(), AgencyFactory()):
        PanelSeatFactory(group=group, agency=agency)
    DisruptionFactory.create_batch(2, agency=council, group=group)
    user = staff(Role.OFFICER, agency=council)
    counts = selectors.disruption_counts(
        user=user, filters=selectors.DisruptionFilters(), today=timezone.localdate()
    )
    assert counts["total"] == 2
    assert counts["by_group"].rows == [("Harehills Line", 2)]
    assert counts["by_agency"].rows == [("Leeds City Council", 2)]
    assert counts["by_strand"].total == 2
    assert len(counts["by_month"]) == 12
    assert counts["month_total"] == 2


def test_months_end_with_the_end_date(police, group):
    DisruptionFactory(agency=police, group=group, occurred_on=datetime.date(2025, 3, 9))
    DisruptionFactory(agency=police, group=group, occurred_on=datetime.date(2024, 3, 9))
    user = staff(Role.ANALYST, agency=police)
    counts = selectors.disruption_counts(
        user=user,
        filters=selectors.DisruptionFilters(date_to=datetime.date(2025, 3, 31)),
        today=datetime.date(2026, 6, 1),
    )
    months = counts["by_month"]
    assert months[0] == (datetime.date(2024, 4, 1), 0)
    assert months[-1] == (datetime.date(2025, 3, 1), 1)
    assert counts["total"] == 2
    assert counts["month_total"] == 1


def test_disruption_not_against_a_group_is_counted_as_such(police):
    subject = SubjectFactory(agency=police)
    DisruptionFactory(agency=police, group=None, subject=subject)
    counts = selectors.disruption_counts(
        user=staff(Role.OFFICER, agency=police),
        filters=selectors.DisruptionFilters(),
        today=timezone.localdate(),
    )
    assert counts["by_group"].rows == [("Not against a group", 1)]


def test_export_is_recorded_before_rows_leave_and_pinned(police, group):
    DisruptionFactory(agency=police, group=group)
    user = staff(Role.ANALYST, agency=police)
    export = services.disruption_export(
        user=user, filters=selectors.DisruptionFilters(), purpose="Quarterly return"
    )
    DisruptionFactory(agency=police, group=group)
    assert export.rows == 1
    assert export.disruptions.count() == 1
    event = AuditEvent.objects.get(action=Action.EXPORT)
    assert (event.purpose, event.detail["rows"]) == ("Quarterly return", 1)


def test_tactic_slugs_are_unique_and_retiring_is_audited(police):
    user = staff(Role.COORDINATOR, agency=police)
    TacticFactory(slug="joint-visit", name="Joint visit (old)")
    tactic = services.tactic_create(
        user=user, name="Joint visit", usual_strand="prevent"
    )
    assert tactic.slug == "joint-visit-2"
    services.tactic_update(
        tactic=tactic,
        user=user,
        name="Joint visit",
        usual_strand="prevent",
        is_active=False,
    )
    tactic.refresh_from_db()
    assert not tactic.is_active
    assert AuditEvent.objects.get(
        action=Action.UPDATE, target_id=str(tactic.pk)
    ).detail["retired"]
    assert tactic not in selectors.active_tactics()
