"""An analyst maps a group, records the council's closure order and simulates arrests.

Then a council officer on the group's panel sees it, and one not on it is refused.
Headless Chromium against a live server with the real CSP; axe-core on every page.
"""

import re

import pytest

from hedgerow.accounts.models import AgencyKind
from hedgerow.accounts.roles import Role
from hedgerow.accounts.tests.factories import (
    TEST_PASSWORD,
    AgencyFactory,
    TOTPDeviceFactory,
    UserFactory,
)
from hedgerow.disruptions.models import Disruption
from hedgerow.disruptions.tests.factories import TacticFactory
from hedgerow.networks.tests.factories import SubjectFactory
from tests.functional.test_partnership_setup_journey import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def person(role, agency, email):
    user = UserFactory(role=role, agency=agency, email=email)
    return user, TOTPDeviceFactory(user=user)


def test_analyst_maps_a_group_and_the_panel_decides_who_sees_it(
    page, live_server, assert_accessible
):
    police = AgencyFactory(name="West Yorkshire Police", kind=AgencyKind.POLICE)
    council = AgencyFactory(
        name="Leeds City Council Licensing", kind=AgencyKind.LICENSING
    )
    other_council = AgencyFactory(
        name="Bradford Council Licensing", kind=AgencyKind.LICENSING
    )
    TacticFactory(slug="closure-order", name="Closure order")
    for name in ("Dean Marsh", "Kyle Booth", "Ryan Platt"):
        SubjectFactory(name=name, agency=police)
    analyst, analyst_device = person(Role.ANALYST, police, "analyst@police.example")
    base = live_server.url

    def enter(user, device):
        sign_in(
            page,
            assert_accessible,
            base_url=base,
            email=user.email,
            password=TEST_PASSWORD,
            device=device,
        )

    enter(analyst, analyst_device)
    # The analyst records the group…
    page.goto(f"{base}/groups/new/")
    assert_accessible(page)
    page.get_by_label("Name", exact=True).fill("Harehills Line")
    page.get_by_label("Status").select_option("active")
    page.get_by_label("Lead agency").select_option(label="West Yorkshire Police")
    page.get_by_role("button", name="Record group").click()
    assert_accessible(page)
    assert (
        page.get_by_role("heading", level=1).inner_text().startswith("Harehills Line")
    )
    group_url = page.url

    # …adds two members and the council to the panel…
    for name, role in (("Dean Marsh", "principal"), ("Kyle Booth", "significant")):
        page.get_by_role("link", name="Add a member").click()
        assert_accessible(page)
        page.get_by_label("Subject").select_option(label=name)
        page.locator(f"input[name=role][value={role}]").check()
        page.get_by_role("button", name="Add member").click()
    page.goto(group_url.rstrip("/") + "/panel/add/")
    assert_accessible(page)
    page.get_by_label("Agency").select_option(label=council.name)
    page.get_by_role("button", name="Add to panel").click()

    # …links the principal to both others, from the subject's page…
    page.goto(group_url)
    page.get_by_role("link", name="Dean Marsh").first.click()
    assert_accessible(page)
    for other in ("Kyle Booth", "Ryan Platt"):
        page.get_by_role("link", name="Record a link").click()
        assert_accessible(page)
        page.get_by_label("Linked to").select_option(label=other)
        page.get_by_label("Kind of link").select_option("associate")
        page.get_by_label("Source of the information").fill("Intelligence log 4471")
        page.locator("input[name=source_evaluation][value='2']").check()
        page.locator("input[name=intelligence_assessment][value='B']").check()
        page.locator("input[name=handling_code][value='P']").check()
        page.get_by_role("button", name="Record link").click()
        assert_accessible(page)

    # …records the council's closure order, impact moderate…
    page.goto(group_url)
    page.get_by_role("link", name="Record a disruption against this group").click()
    assert_accessible(page)
    page.get_by_label("Date of the disruption").fill("2026-11-20")
    page.get_by_label("Agency that acted").select_option(label=council.name)
    page.get_by_label("Tactic or power used").select_option(label="Closure order")
    page.get_by_label("Moderate").check()
    page.get_by_label("Why this impact?").fill(
        "The flat used for supply closed for three months; the line moved on."
    )
    page.get_by_role("button", name="Record disruption").click()
    assert_accessible(page)
    disruption = Disruption.objects.get()
    assert (disruption.impact, disruption.agency, disruption.group.name) == (
        "moderate",
        council,
        "Harehills Line",
    )

    # …opens the network and simulates taking the principal out.
    page.goto(group_url)
    page.get_by_role("link", name="Network", exact=True).click()
    assert_accessible(page)
    assert page.locator(".hedgerow-network__node").count() == 3
    page.locator(".hedgerow-network__node").first.focus()
    page.get_by_role("group", name="Subjects to remove").get_by_label(
        "Dean Marsh"
    ).check()
    page.get_by_role("button", name="Run the simulation").click()
    assert_accessible(page)
    result = page.locator("#simulation-result")
    components = result.get_by_role("row", name=re.compile("Separate parts"))
    assert components.get_by_role("cell").all_inner_texts() == ["1", "2"]
    page.get_by_role("button", name="Sign out").click()

    # A council officer on the panel sees the group and its disruption…
    officer, officer_device = person(Role.OFFICER, council, "officer@leeds.example")
    enter(officer, officer_device)
    page.goto(f"{base}/groups/")
    assert_accessible(page)
    page.get_by_role("link", name="Harehills Line").click()
    assert_accessible(page)
    assert "Closure order" in page.content()
    page.get_by_role("button", name="Sign out").click()

    # …one whose council is not on it is refused.
    outsider, outsider_device = person(
        Role.OFFICER, other_council, "officer@bfd.example"
    )
    enter(outsider, outsider_device)
    response = page.goto(group_url)
    assert response.status == 403
    assert_accessible(page)
