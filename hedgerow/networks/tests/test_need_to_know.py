"""Who sees which groups, subjects and links (ADR 0020)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from hedgerow.accounts.models import AgencyKind
from hedgerow.accounts.roles import Role
from hedgerow.accounts.tests.factories import AgencyFactory
from hedgerow.networks import selectors
from hedgerow.networks.models import OrganisedCrimeGroup, Subject
from hedgerow.networks.services.subjects import subject_share
from hedgerow.networks.tests.factories import (
    GroupFactory,
    LinkFactory,
    MembershipFactory,
    PanelSeatFactory,
    SubjectFactory,
    staff,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    return AgencyFactory(name="Leeds City Council Licensing", kind=AgencyKind.LICENSING)


@pytest.fixture
def group(council):
    police = AgencyFactory(name="West Yorkshire Police", kind=AgencyKind.POLICE)
    group = GroupFactory(lead_agency=police)
    PanelSeatFactory(group=group, agency=police)
    PanelSeatFactory(group=group, agency=council)
    return group


@pytest.mark.parametrize("role", [Role.OFFICER, Role.ANALYST])
def test_police_see_every_group_even_off_the_panel(group, role):
    other = GroupFactory()
    reader = staff(role, AgencyKind.POLICE)
    assert set(OrganisedCrimeGroup.objects.visible_to(reader)) == {group, other}


def test_a_partner_sees_only_groups_whose_panel_it_sits_on(group, council):
    GroupFactory()
    on_panel = staff(Role.OFFICER, agency=council)
    off_panel = staff(Role.OFFICER, AgencyKind.LICENSING)
    assert list(OrganisedCrimeGroup.objects.visible_to(on_panel)) == [group]
    assert selectors.group_get(user=on_panel, pk=group.pk) == group
    with pytest.raises(PermissionDenied):
        selectors.group_get(user=off_panel, pk=group.pk)
    with pytest.raises(Http404):
        selectors.group_get(user=on_panel, pk=group.pk + 1000)


def test_administrators_see_no_group_even_in_the_police(group):
    admin = staff(Role.ADMINISTRATOR, AgencyKind.POLICE)
    assert not OrganisedCrimeGroup.objects.visible_to(admin).exists()


def test_a_panel_partner_sees_a_member_only_once_shared(group, council):
    member = MembershipFactory(group=group, subject=SubjectFactory(name="Kane Doyle"))
    partner = staff(Role.OFFICER, agency=council)
    [row] = selectors.group_members(user=partner, group=group)
    assert row.subject is None
    assert "Kane Doyle" not in row.label
    assert "not shared" in row.label
    with pytest.raises(Http404):
        selectors.subject_get(user=partner, pk=member.subject.pk)

    police_officer = staff(Role.OFFICER, AgencyKind.POLICE)
    subject_share(
        subject=member.subject,
        agency=council,
        user=police_officer,
        purpose="Licence review of the premises he runs",
    )
    [row] = selectors.group_members(user=partner, group=group)
    assert row.label == "Kane Doyle"
    assert (
        selectors.subject_get(user=partner, pk=member.subject.pk).name == "Kane Doyle"
    )


def test_the_network_hides_what_is_not_shared(group, council):
    police = group.lead_agency
    kane = SubjectFactory(name="Kane Doyle", agency=police)
    runner = SubjectFactory(name="Runner", agency=council)
    MembershipFactory(group=group, subject=kane)
    LinkFactory(source=kane, target=runner, agency=police)
    partner = staff(Role.ANALYST, agency=council)
    graph = selectors.group_graph(user=partner, group=group)
    assert graph.nodes[f"s{kane.pk}"]["shown"] is False
    assert "Kane Doyle" not in graph.nodes[f"s{kane.pk}"]["label"]
    assert graph.nodes[f"s{runner.pk}"]["label"] == "Runner"
    edge = graph.edges[f"s{kane.pk}", f"s{runner.pk}"]
    assert edge["grading"] == ""
    assert edge["kind"] == ""

    analyst = staff(Role.ANALYST, AgencyKind.POLICE)
    edge = selectors.group_graph(user=analyst, group=group).edges[
        f"s{kane.pk}", f"s{runner.pk}"
    ]
    assert edge["grading"] == "2/B/P"


def test_partners_see_subjects_they_recorded(council):
    own = SubjectFactory(agency=council)
    SubjectFactory()
    partner = staff(Role.OFFICER, agency=council)
    assert list(Subject.objects.visible_to(partner)) == [own]
