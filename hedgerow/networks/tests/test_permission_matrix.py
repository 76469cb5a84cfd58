"""Every groups, subjects, records and disruptions page × role × panel on or off.

The expectation is worked out from two rules, not listed by hand: a role without
the page's permission gets 403; with it, need-to-know (ADR 0020) decides — a group
off the reader's panel is 403, a subject, disruption or upload it may not see is 404.
A test below fails when a page is added to either app without a row here.
"""

from dataclasses import dataclass

import pytest
from django.urls import get_resolver, reverse

from hedgerow.accounts.models import AgencyKind
from hedgerow.accounts.roles import Role, permissions_for
from hedgerow.accounts.tests.factories import AgencyFactory
from hedgerow.core.permissions import Permission
from hedgerow.disruptions.tests.factories import DisruptionFactory, TacticFactory
from hedgerow.networks.models import CandidatePair, ResolutionJob
from hedgerow.networks.tests.factories import (
    GroupFactory,
    LinkFactory,
    MembershipFactory,
    PanelSeatFactory,
    SubjectFactory,
)

pytestmark = pytest.mark.django_db

P = Permission


@dataclass(frozen=True)
class Page:
    name: str
    permission: Permission
    # What need-to-know looks at: "", "group", "subject", "job", "disruption",
    # "own_disruption" (seen, and recorded by the reader's agency or the police).
    scope: str = ""
    method: str = "get"


PAGES = (
    Page("networks:group_list", P.GROUP_VIEW),
    Page("networks:group_create", P.GROUP_MANAGE),
    Page("networks:group_detail", P.GROUP_VIEW, "group"),
    Page("networks:group_edit", P.GROUP_MANAGE, "group"),
    Page("networks:group_member_add", P.GROUP_MANAGE, "group"),
    Page("networks:group_member_remove", P.GROUP_MANAGE, "group", "post"),
    Page("networks:group_panel_add", P.GROUP_MANAGE, "group"),
    Page("networks:group_panel_remove", P.GROUP_MANAGE, "group", "post"),
    Page("networks:group_harm_assess", P.GROUP_MANAGE, "group"),
    Page("networks:group_harm_history", P.GROUP_VIEW, "group"),
    Page("networks:group_network", P.GROUP_VIEW, "group"),
    Page("networks:group_graphml", P.GROUP_VIEW, "group"),
    Page("networks:subject_list", P.GROUP_VIEW),
    Page("networks:subject_create", P.GROUP_MANAGE),
    Page("networks:subject_detail", P.GROUP_VIEW, "subject"),
    Page("networks:subject_link_create", P.GROUP_MANAGE, "subject"),
    Page("networks:subject_share", P.GROUP_MANAGE, "subject"),
    Page("networks:subject_network", P.GROUP_VIEW, "subject"),
    Page("networks:subject_graphml", P.GROUP_VIEW, "subject"),
    Page("networks:caviar_phases", P.GROUP_VIEW),
    Page("networks:resolution_list", P.RECORDS_RESOLVE),
    Page("networks:resolution_upload", P.RECORDS_RESOLVE),
    Page("networks:resolution_detail", P.RECORDS_RESOLVE, "job"),
    Page("networks:resolution_map", P.RECORDS_RESOLVE, "job"),
    Page("networks:resolution_pair", P.RECORDS_RESOLVE, "job"),
    Page("disruptions:dashboard", P.GROUP_VIEW),
    Page("disruptions:disruption_list", P.GROUP_VIEW),
    Page("disruptions:disruption_record", P.DISRUPTION_RECORD),
    Page("disruptions:disruption_detail", P.GROUP_VIEW, "disruption"),
    Page("disruptions:disruption_edit", P.DISRUPTION_RECORD, "own_disruption"),
    Page("disruptions:disruption_export", P.GROUP_VIEW),
    Page("disruptions:tactic_list", P.TACTIC_MANAGE),
    Page("disruptions:tactic_create", P.TACTIC_MANAGE),
    Page("disruptions:tactic_edit", P.TACTIC_MANAGE),
)


@dataclass(frozen=True)
class Viewer:
    label: str
    role: Role
    agency: str  # "police", "csp" or "council"
    on_panel: bool


VIEWERS = (
    Viewer("police officer", Role.OFFICER, "police", on_panel=True),
    Viewer("police analyst", Role.ANALYST, "police", on_panel=True),
    Viewer("coordinator on the panel", Role.COORDINATOR, "csp", on_panel=True),
    Viewer("administrator", Role.ADMINISTRATOR, "csp", on_panel=True),
    Viewer("council officer on the panel", Role.OFFICER, "council", on_panel=True),
    Viewer("council officer off the panel", Role.OFFICER, "council", on_panel=False),
    Viewer("council analyst off the panel", Role.ANALYST, "council", on_panel=False),
)


def expected_status(page: Page, viewer: Viewer) -> int:
    if page.permission not in permissions_for(viewer.role):
        return 403
    police = viewer.agency == "police"
    if page.scope == "group" and not (police or viewer.on_panel):
        return 403
    if page.scope in {"subject", "job"} and not police:
        return 404  # the police's subject and upload, shared with no one
    if page.scope in {"disruption", "own_disruption"} and not (
        police or viewer.on_panel
    ):
        return 404
    if page.scope == "own_disruption" and not police:
        return 403  # seen, but recorded by the police
    return 302 if page.method == "post" else 200


@pytest.fixture
def world():
    agencies = {
        "police": AgencyFactory(name="West Yorkshire Police", kind=AgencyKind.POLICE),
        "csp": AgencyFactory(kind=AgencyKind.CSP_COORDINATION),
        "council": AgencyFactory(kind=AgencyKind.LICENSING),
    }
    police = agencies["police"]
    group = GroupFactory(lead_agency=police)
    PanelSeatFactory(group=group, agency=police)
    PanelSeatFactory(group=group, agency=agencies["csp"])
    seat = PanelSeatFactory(group=group, agency=AgencyFactory())
    subject = SubjectFactory(agency=police)
    other = SubjectFactory(agency=police)
    LinkFactory(source=subject, target=other, agency=police)
    member = MembershipFactory(group=group, subject=subject)
    tactic = TacticFactory()
    disruption = DisruptionFactory(group=group, agency=police, tactic=tactic)
    job = ResolutionJob.objects.create(
        dataset="Police custody records",
        kind="people",
        purpose="Operation Ash",
        filename="custody.csv",
        content=b"Ref,Name\nC1,Ann Lee\n",
        columns=["Ref", "Name"],
        row_count=1,
        agency=police,
        created_by=disruption.recorded_by,
    )
    pair = CandidatePair.objects.create(
        job=job,
        record_id="C1",
        record={"Ref": "C1", "Name": "Ann Lee"},
        subject=subject,
        match_probability=0.97,
        match_weight=5.0,
        drivers=[["full_name", 5.0]],
    )
    return {
        "agencies": agencies,
        "group": group,
        "seat": seat,
        "member": member,
        "subject": subject,
        "tactic": tactic,
        "disruption": disruption,
        "job": job,
        "pair": pair,
    }


def url_for(name: str, world: dict) -> str:
    group, subject, job = world["group"].pk, world["subject"].pk, world["job"].pk
    args = {
        "networks:group_member_remove": [group, world["member"].pk],
        "networks:group_panel_remove": [group, world["seat"].pk],
        "networks:subject_create": ["person"],
        "networks:resolution_pair": [job, world["pair"].pk],
        "disruptions:disruption_detail": [world["disruption"].pk],
        "disruptions:disruption_edit": [world["disruption"].pk],
        "disruptions:tactic_edit": [world["tactic"].pk],
    }
    if name in args:
        return reverse(name, args=args[name])
    if name.startswith("networks:group_") and name not in {
        "networks:group_list",
        "networks:group_create",
    }:
        return reverse(name, args=[group])
    if name.startswith("networks:subject_") and name != "networks:subject_list":
        return reverse(name, args=[subject])
    if name in {"networks:resolution_detail", "networks:resolution_map"}:
        return reverse(name, args=[job])
    return reverse(name)


@pytest.mark.parametrize("viewer", VIEWERS, ids=lambda v: v.label)
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_each_page_answers_each_viewer_as_need_to_know_says(
    staff_client, world, page, viewer
):
    agency = world["agencies"][viewer.agency]
    if not viewer.on_panel:
        world["group"].seats.filter(agency=agency).delete()
    elif viewer.agency == "council":
        PanelSeatFactory(group=world["group"], agency=agency)
    client = staff_client(viewer.role, agency=agency)

    response = getattr(client, page.method)(url_for(page.name, world))

    assert response.status_code == expected_status(page, viewer)


def test_every_page_of_the_two_apps_is_in_the_matrix():
    resolver = get_resolver()
    names = set()
    for namespace in ("networks", "disruptions"):
        _prefix, sub = resolver.namespace_dict[namespace]
        names |= {
            f"{namespace}:{name}" for name in sub.reverse_dict if isinstance(name, str)
        }

    assert names == {page.name for page in PAGES}
