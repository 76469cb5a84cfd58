"""The disruption log's pages: recording, the dashboard, the log, export, tactics."""

import datetime
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from hedgerow.accounts.models import AgencyKind
from hedgerow.accounts.roles import Role
from hedgerow.accounts.tests.factories import AgencyFactory
from hedgerow.audit.models import Action, AuditEvent
from hedgerow.disruptions.models import Disruption, Tactic
from hedgerow.disruptions.tests.factories import DisruptionFactory, TacticFactory
from hedgerow.networks.tests.factories import (
    GroupFactory,
    PanelSeatFactory,
    SubjectFactory,
)
from hedgerow.places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def police():
    return AgencyFactory(name="West Yorkshire Police", kind=AgencyKind.POLICE)


@pytest.fixture
def council():
    return AgencyFactory(name="Leeds City Council", kind=AgencyKind.LICENSING)


@pytest.fixture
def housing():
    return AgencyFactory(name="Leeds Housing", kind=AgencyKind.HOUSING_PROVIDER)


@pytest.fixture
def group(police, council):
    group = GroupFactory(name="Harehills Line", lead_agency=police)
    PanelSeatFactory(group=group, agency=police)
    PanelSeatFactory(group=group, agency=council)
    return group


@pytest.fixture
def closure_order():
    return Tactic.objects.get(slug="closure-order")


def text_of(response) -> str:
    return unescape(response.content.decode())


def record_form(**changes) -> dict:
    data = {
        "occurred_on": (timezone.localdate() - datetime.timedelta(days=3)).isoformat(),
        "impact": "moderate",
        "rationale": "The house was closed for three months; the line moved out.",
        "evidence": "Leeds Magistrates’ Court order 2026/114",
    }
    return data | changes


def table_row(text: str, testid: str, label: str) -> str:
    """The row of a dashboard table that starts with `label`, as plain text."""
    table = text.split(f'data-testid="{testid}"', 1)[1].split("</table>", 1)[0]
    for row in table.split("<tr")[1:]:
        if f">{label}</th>" in row:
            return " ".join(re.sub(r"<[^>]*>", " ", "<tr" + row).split())
    return ""


def test_council_closure_order_shows_on_the_group_page_and_dashboard(
    staff_client, council, group, closure_order
):
    client = staff_client(Role.OFFICER, agency=council)
    url = reverse("disruptions:disruption_record") + f"?group={group.pk}"
    form_page = client.get(url)
    assert form_page.status_code == 200
    # The group and the officer's own agency come filled in.
    assert f'<option value="{group.pk}" selected>Harehills Line</option>' in (
        text_of(form_page)
    )
    assert f'<option value="{council.pk}" selected>' in text_of(form_page)

    response = client.post(
        url,
        record_form(agency=council.pk, tactic=closure_order.pk, group=group.pk),
    )

    disruption = Disruption.objects.get()
    assert response.status_code == 302
    assert response.url == reverse(
        "disruptions:disruption_detail", args=[disruption.pk]
    )
    # Left blank, the strand is the tactic's usual one.
    assert (disruption.strand, disruption.impact) == ("pursue", "moderate")
    assert disruption.recording_agency == council
    assert AuditEvent.objects.filter(
        action=Action.CREATE, target_type="disruptions.disruption"
    ).exists()

    group_page = text_of(client.get(reverse("networks:group_detail", args=[group.pk])))
    assert f'href="{url}"' in group_page  # "Record a disruption against this group"
    assert "Closure order" in group_page
    assert "Leeds City Council" in group_page

    dashboard = text_of(client.get(reverse("disruptions:dashboard")))
    assert table_row(dashboard, "by-tactic", "Closure order") == "Closure order 1"
    assert table_row(dashboard, "by-impact", "Moderate") == "Moderate 1"
    assert table_row(dashboard, "by-impact", "Major") == "Major 0"
    assert table_row(dashboard, "by-strand", "Pursue") == "Pursue 1"
    assert table_row(dashboard, "by-agency", "Leeds City Council") == (
        "Leeds City Council 1"
    )
    assert table_row(dashboard, "by-group", "Harehills Line") == "Harehills Line 1"
    this_month = timezone.localdate() - datetime.timedelta(days=3)
    month = f"{this_month:%B %Y}"
    assert table_row(dashboard, "by-month", month) == f"{month} 1"
    assert AuditEvent.objects.filter(
        action=Action.VIEW, purpose="Disruption log: dashboard of counts"
    ).exists()


def test_bad_input_shows_each_error_and_saves_nothing(
    staff_client, council, group, closure_order
):
    client = staff_client(Role.OFFICER, agency=council)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        reverse("disruptions:disruption_record"),
        {
            "occurred_on": tomorrow.isoformat(),
            "agency": council.pk,
            "tactic": closure_order.pk,
            "impact": "",
            "rationale": "  ",
        },
    )
    text = text_of(response)
    assert response.status_code == 200
    assert "There is a problem" in text
    assert "The date of the disruption must be today or in the past" in text
    assert "Choose the impact" in text
    assert "Explain why you chose this impact" in text
    assert "Choose the group, subject or place the disruption was against" in text
    assert not Disruption.objects.exists()

    nonsense = client.post(
        reverse("disruptions:disruption_record"),
        record_form(occurred_on="31/02/2026", agency=council.pk, group=group.pk),
    )
    assert "Enter a real date, like 27/03/2026" in text_of(nonsense)
    assert "Choose the tactic or power used" in text_of(nonsense)
    assert not Disruption.objects.exists()


def test_uk_dates_and_a_chosen_strand_are_kept(
    staff_client, council, group, closure_order
):
    client = staff_client(Role.OFFICER, agency=council)
    client.post(
        reverse("disruptions:disruption_record"),
        record_form(
            occurred_on="01/03/2026",
            agency=council.pk,
            tactic=closure_order.pk,
            group=group.pk,
            strand="protect",
        ),
    )
    disruption = Disruption.objects.get()
    assert disruption.occurred_on == datetime.date(2026, 3, 1)
    assert disruption.strand == "protect"


def test_partner_off_the_panel_cannot_record_against_or_see_the_group(
    staff_client, police, housing, group, closure_order
):
    police_work = DisruptionFactory(
        agency=police, group=group, tactic=closure_order, rationale="Police closure"
    )
    client = staff_client(Role.OFFICER, agency=housing)

    url = reverse("disruptions:disruption_record")
    assert client.get(url + f"?group={group.pk}").status_code == 403
    posted = client.post(
        url + f"?group={group.pk}",
        record_form(agency=housing.pk, tactic=closure_order.pk, group=group.pk),
    )
    assert posted.status_code == 403
    # Without the query string, the group is simply not a choice.
    refused = client.post(
        url, record_form(agency=housing.pk, tactic=closure_order.pk, group=group.pk)
    )
    assert "Choose a group you can see" in text_of(refused)
    assert Disruption.objects.count() == 1

    log = text_of(client.get(reverse("disruptions:disruption_list")))
    assert "No disruptions match." in log
    assert "Harehills Line" not in log
    dashboard = text_of(client.get(reverse("disruptions:dashboard")))
    assert "0 disruptions match." in dashboard
    assert "Harehills Line" not in dashboard
    detail = reverse("disruptions:disruption_detail", args=[police_work.pk])
    assert client.get(detail).status_code == 404
    export = client.post(
        reverse("disruptions:disruption_export"), {"purpose": "Quarterly return"}
    )
    assert "Police closure" not in b"".join(export.streaming_content).decode()


def test_partner_on_the_panel_sees_the_group_but_not_an_unshared_subject(
    staff_client, police, council, group
):
    subject = SubjectFactory(agency=police, name="Dale Hinds")
    disruption = DisruptionFactory(agency=police, group=group, subject=subject)
    client = staff_client(Role.OFFICER, agency=council)

    detail = text_of(
        client.get(reverse("disruptions:disruption_detail", args=[disruption.pk]))
    )
    assert "Harehills Line" in detail
    assert "Dale Hinds" not in detail
    assert "Person (details not shared with your agency)" in detail
    log = text_of(client.get(reverse("disruptions:disruption_list")))
    assert "Dale Hinds" not in log


def test_record_against_a_subject_or_place_from_the_query_string(
    staff_client, police, closure_order
):
    client = staff_client(Role.OFFICER, agency=police)
    subject = SubjectFactory(agency=police, name="Dale Hinds")
    place = PlaceFactory(agency=police)
    url = reverse("disruptions:disruption_record")
    page = text_of(client.get(f"{url}?subject={subject.pk}&place={place.pk}"))
    assert f'<option value="{subject.pk}" selected>Dale Hinds</option>' in page
    client.post(
        url,
        record_form(
            agency=police.pk,
            tactic=closure_order.pk,
            subject=subject.pk,
            place=place.pk,
        ),
    )
    disruption = Disruption.objects.get()
    assert (disruption.subject, disruption.place, disruption.group) == (
        subject,
        place,
        None,
    )
    assert client.get(f"{url}?subject=999999").status_code == 404


def test_filters_narrow_the_log_and_dashboard_and_are_validated(
    staff_client, police, council, group, closure_order
):
    old = DisruptionFactory(
        agency=police, group=group, occurred_on=datetime.date(2025, 1, 10)
    )
    new = DisruptionFactory(agency=council, group=group, tactic=closure_order)
    client = staff_client(Role.OFFICER, agency=police)

    log = client.get(reverse("disruptions:disruption_list"), {"agency": council.pk})
    rows = text_of(log)
    assert reverse("disruptions:disruption_detail", args=[new.pk]) in rows
    assert reverse("disruptions:disruption_detail", args=[old.pk]) not in rows
    assert AuditEvent.objects.filter(
        action=Action.SEARCH, purpose="Disruption log: list of disruptions"
    ).exists()

    dated = client.get(
        reverse("disruptions:dashboard"),
        {"date_from": "2025-01-01", "date_to": "2025-01-31"},
    )
    assert "1 disruption matches." in text_of(dated)

    wrong = client.get(
        reverse("disruptions:dashboard"),
        {"date_from": "2025-02-01", "date_to": "2025-01-01"},
    )
    assert "The end date must be the same as or after the start date" in (
        text_of(wrong)
    )
    assert 'data-testid="by-strand"' not in text_of(wrong)


def test_log_is_paginated(staff_client, police, group):
    DisruptionFactory.create_batch(30, agency=police, group=group)
    client = staff_client(Role.OFFICER, agency=police)
    first = text_of(client.get(reverse("disruptions:disruption_list")))
    assert "30 disruptions, newest first" in first
    assert "govuk-pagination" in first
    second = client.get(reverse("disruptions:disruption_list"), {"page": 2})
    assert text_of(second).count('class="govuk-table__row"') == 6


def test_export_asks_why_is_audited_and_neutralises_formulas(
    staff_client, police, group, closure_order
):
    DisruptionFactory(
        agency=police,
        group=group,
        tactic=closure_order,
        rationale="=cmd|' /C calc'!A0",
        evidence="+44 113 000 0000",
    )
    client = staff_client(Role.ANALYST, agency=police)
    url = reverse("disruptions:disruption_export")
    assert client.get(url).status_code == 200

    refused = client.post(url, {"purpose": ""})
    assert refused.status_code == 200
    assert "Enter why you are downloading the disruption log" in text_of(refused)
    assert not AuditEvent.objects.filter(action=Action.EXPORT).exists()

    response = client.post(url, {"purpose": "Partnership meeting, March"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeffid,date,agency,tactic")
    assert "'=cmd|' /C calc'!A0" in body
    assert ",=cmd" not in body
    assert "'+44 113 000 0000" in body
    assert "Closure order" in body
    event = AuditEvent.objects.get(action=Action.EXPORT)
    assert event.purpose == "Partnership meeting, March"
    assert event.detail["rows"] == 1
    assert event.target_type == "disruptions.disruption"


def test_export_keeps_the_filters(staff_client, police, council, group):
    DisruptionFactory(agency=police, group=group, rationale="By the police")
    DisruptionFactory(agency=council, group=group, rationale="By the council")
    client = staff_client(Role.OFFICER, agency=police)
    url = reverse("disruptions:disruption_export")
    form = text_of(client.get(url, {"agency": council.pk}))
    assert f'<option value="{council.pk}" selected>' in form
    response = client.post(url, {"purpose": "Council return", "agency": council.pk})
    body = b"".join(response.streaming_content).decode("utf-8")
    assert "By the council" in body
    assert "By the police" not in body
    event = AuditEvent.objects.get(action=Action.EXPORT)
    assert event.detail["filters"] == {"agency_id": str(council.pk)}


def test_recording_agency_and_police_may_correct_others_may_not(
    staff_client, police, council, group, closure_order
):
    disruption = DisruptionFactory(agency=council, group=group, impact="minor")
    edit = reverse("disruptions:disruption_edit", args=[disruption.pk])
    change = record_form(
        agency=council.pk, tactic=closure_order.pk, group=group.pk, impact="major"
    )

    other = AgencyFactory(name="Leeds Trading Standards", kind="trading_standards")
    PanelSeatFactory(group=group, agency=other)
    client = staff_client(Role.OFFICER, agency=other)
    assert (
        client.get(
            reverse("disruptions:disruption_detail", args=[disruption.pk])
        ).status_code
        == 200
    )
    assert client.get(edit).status_code == 403
    assert client.post(edit, change).status_code == 403

    client = staff_client(Role.OFFICER, agency=council)
    assert client.post(edit, change).status_code == 302
    disruption.refresh_from_db()
    assert disruption.impact == "major"
    event = AuditEvent.objects.get(action=Action.UPDATE, target_id=str(disruption.pk))
    assert "impact" in event.detail["changed"]

    client = staff_client(Role.OFFICER, agency=police)
    assert client.post(edit, change | {"impact": "none"}).status_code == 302
    disruption.refresh_from_db()
    assert disruption.impact == "none"


def test_correcting_keeps_a_retired_tactic(staff_client, council, group):
    tactic = TacticFactory(name="Old power", is_active=False)
    disruption = DisruptionFactory(agency=council, group=group, tactic=tactic)
    client = staff_client(Role.OFFICER, agency=council)
    response = client.post(
        reverse("disruptions:disruption_edit", args=[disruption.pk]),
        record_form(agency=council.pk, tactic=tactic.pk, group=group.pk),
    )
    assert response.status_code == 302
    disruption.refresh_from_db()
    assert disruption.impact == "moderate"


def test_tactic_added_appears_on_the_menu_and_retired_one_does_not(
    staff_client, police
):
    client = staff_client(Role.COORDINATOR, agency=police)
    response = client.post(
        reverse("disruptions:tactic_create"),
        {
            "name": "Cuckooing welfare visit",
            "usual_strand": "protect",
            "legal_basis": "",
            "description": "A joint visit to a tenant whose home may be taken over.",
        },
    )
    assert response.status_code == 302
    tactic = Tactic.objects.get(name="Cuckooing welfare visit")
    assert tactic.slug == "cuckooing-welfare-visit"
    assert tactic.is_active
    menu = text_of(client.get(reverse("disruptions:tactic_list")))
    active = menu.split('data-testid="tactics-active"')[1].split("</table>")[0]
    assert "Cuckooing welfare visit" in active
    record = text_of(client.get(reverse("disruptions:disruption_record")))
    assert f'<option value="{tactic.pk}">Cuckooing welfare visit</option>' in record

    response = client.post(
        reverse("disruptions:tactic_edit", args=[tactic.pk]),
        {"name": "Cuckooing welfare visit", "usual_strand": "protect"},
    )
    assert response.status_code == 302
    tactic.refresh_from_db()
    assert not tactic.is_active
    menu = text_of(client.get(reverse("disruptions:tactic_list")))
    active = menu.split('data-testid="tactics-active"')[1].split("</table>")[0]
    assert "Cuckooing welfare visit" not in active
    assert "Cuckooing welfare visit" in menu.split('data-testid="tactics-retired"')[1]
    record = text_of(client.get(reverse("disruptions:disruption_record")))
    assert "Cuckooing welfare visit" not in record
    assert AuditEvent.objects.filter(
        action=Action.UPDATE, target_type="disruptions.tactic"
    ).exists()


def test_a_retired_tactic_cannot_be_recorded(staff_client, council, group):
    tactic = TacticFactory(name="Old power", is_active=False)
    client = staff_client(Role.OFFICER, agency=council)
    response = client.post(
        reverse("disruptions:disruption_record"),
        record_form(agency=council.pk, tactic=tactic.pk, group=group.pk),
    )
    assert "Choose a tactic on the menu" in text_of(response)
    assert not Disruption.objects.exists()


def test_duplicate_tactic_name_is_refused(staff_client, police):
    client = staff_client(Role.COORDINATOR, agency=police)
    response = client.post(
        reverse("disruptions:tactic_create"),
        {"name": "Closure order", "usual_strand": "pursue"},
    )
    assert response.status_code == 200
    assert "There is a problem" in text_of(response)
    assert Tactic.objects.filter(name="Closure order").count() == 1


def test_officer_reads_the_log_but_not_the_tactics_menu(staff_client, police):
    officer = staff_client(Role.OFFICER, agency=police)
    assert officer.get(reverse("disruptions:dashboard")).status_code == 200
    assert officer.get(reverse("disruptions:tactic_list")).status_code == 403


def test_administrator_does_not_read_or_record_disruptions(admin_client):
    assert admin_client.get(reverse("disruptions:dashboard")).status_code == 403
    assert admin_client.get(reverse("disruptions:disruption_record")).status_code == 403


def test_navigation_links_to_the_dashboard(staff_client, police):
    client = staff_client(Role.ANALYST, agency=police)
    page = text_of(client.get(reverse("core:dashboard")))
    assert f'href="{reverse("disruptions:dashboard")}"' in page
