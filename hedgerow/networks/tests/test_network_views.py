"""The network pages: drawing and table, removal simulation, GraphML, surroundings."""

import io

import networkx as nx
import pytest
from django.core.management import call_command
from django.urls import reverse

from hedgerow.accounts.demo import CSP_TEAM, LICENSING, load_demo_partnership
from hedgerow.accounts.models import Agency, AgencyKind
from hedgerow.accounts.roles import Role
from hedgerow.accounts.tests.factories import AgencyFactory
from hedgerow.audit.models import Action, AuditEvent
from hedgerow.networks.caviar import phase_summaries
from hedgerow.networks.demo import CAVIAR_NAME, LONDON_NAME, load_demo_networks
from hedgerow.networks.models import (
    Link,
    MemberRole,
    OrganisedCrimeGroup,
    Subject,
    SubjectShare,
)
from hedgerow.networks.selectors import subject_graph
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
def police():
    return AgencyFactory(name="West Yorkshire Police", kind=AgencyKind.POLICE)


@pytest.fixture
def chain(police):
    """A group whose members form a line: Amos – Bea – Cal, plus Dee linked to Cal."""
    group = GroupFactory(name="Chapeltown Line", lead_agency=police)
    PanelSeatFactory(group=group, agency=police)
    people = {
        name: SubjectFactory(name=name, agency=police)
        for name in ("Amos Hart", "Bea Quill", "Cal Moss", "Dee Rowe")
    }
    for name in ("Amos Hart", "Bea Quill", "Cal Moss"):
        role = MemberRole.PRINCIPAL if name == "Bea Quill" else MemberRole.PERIPHERAL
        MembershipFactory(group=group, subject=people[name], role=role)
    for a, b in (("Amos Hart", "Bea Quill"), ("Bea Quill", "Cal Moss")):
        LinkFactory(source=people[a], target=people[b], agency=police)
    LinkFactory(source=people["Cal Moss"], target=people["Dee Rowe"], agency=police)
    return group, people


def test_network_page_draws_every_member_and_tabulates_the_measures(
    staff_client, police, chain
):
    group, people = chain
    client = staff_client(Role.ANALYST, agency=police)

    response = client.get(reverse("networks:group_network", args=[group.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    for name in people:
        assert name in page
    assert page.count('class="hedgerow-network__node ') == 4
    assert page.count("<line ") == 3
    # Bea and Cal hold the line together: both are cut points, every tie a bridge.
    assert page.count("hedgerow-network__node--cut") == 2
    assert page.count("hedgerow-network__edge--bridge") == 3
    table = page[page.index('id="network-table"') :]
    assert table.index("Bea Quill") < table.index("Amos Hart")
    assert AuditEvent.objects.filter(
        action=Action.VIEW,
        target_id=str(group.pk),
        purpose="Group work: network view of a group",
        actor_id=client.user.pk,
    ).exists()


def test_removal_simulation_shows_the_network_breaking_apart(
    staff_client, police, chain
):
    group, people = chain
    client = staff_client(Role.ANALYST, agency=police)
    bea = f"s{people['Bea Quill'].pk}"

    response = client.get(
        reverse("networks:group_network", args=[group.pk]), {"remove": [bea]}
    )

    result = response.content.decode()
    result = result[result.index('id="simulation-result"') :]
    rows = {
        cells[0]: cells[1:3]
        for cells in (
            [c.split(">")[-1] for c in row.split("</t")[:-1]]
            for row in result[: result.index("</tbody>")].split("<tr")[2:]
        )
    }
    assert rows["Subjects"] == ["4", "3"]
    assert rows["Separate parts (components)"] == ["1", "2"]
    assert rows["Largest part"] == ["4", "2"]
    assert rows["Average steps between two subjects in the largest part"] == [
        "1.67",
        "1.00",
    ]
    event = AuditEvent.objects.filter(
        actor_id=client.user.pk, action=Action.VIEW
    ).last()
    assert event.detail == {"simulated_removal": 1}


def test_removal_of_someone_outside_the_network_is_refused(staff_client, police, chain):
    group, _people = chain
    client = staff_client(Role.ANALYST, agency=police)
    stranger = SubjectFactory(agency=police)

    response = client.get(
        reverse("networks:group_network", args=[group.pk]),
        {"remove": [f"s{stranger.pk}"]},
    )

    page = response.content.decode()
    assert "Choose subjects from this network" in page
    assert 'id="simulation-result"' not in page


def test_partner_on_the_panel_sees_members_masked_unless_shared(
    staff_client, police, chain
):
    group, people = chain
    council = AgencyFactory(kind=AgencyKind.LICENSING)
    PanelSeatFactory(group=group, agency=council)
    SubjectShare.objects.create(
        subject=people["Cal Moss"],
        agency=council,
        purpose="Licence review",
        shared_by=staff(Role.OFFICER, agency=police),
    )
    client = staff_client(Role.OFFICER, agency=council)

    page = client.get(reverse("networks:group_network", args=[group.pk]))

    text = page.content.decode()
    assert page.status_code == 200
    assert "Cal Moss" in text
    assert "Amos Hart" not in text
    assert "Bea Quill" not in text
    assert "details not shared with your agency" in text


def test_partner_off_the_panel_gets_403(staff_client, chain):
    group, _people = chain
    client = staff_client(Role.OFFICER, agency=AgencyFactory(kind=AgencyKind.LICENSING))

    for name in ("networks:group_network", "networks:group_graphml"):
        assert client.get(reverse(name, args=[group.pk])).status_code == 403


def test_graphml_download_asks_why_then_records_it(staff_client, police, chain):
    group, people = chain
    client = staff_client(Role.ANALYST, agency=police)
    url = reverse("networks:group_graphml", args=[group.pk])

    refused = client.post(url, {"purpose": ""})
    assert "Enter why you are downloading the network" in refused.content.decode()
    assert not AuditEvent.objects.filter(action=Action.EXPORT).exists()

    response = client.post(url, {"purpose": "Operation Ash briefing"})

    assert response["Content-Disposition"] == (
        'attachment; filename="chapeltown-line.graphml"'
    )
    graph = nx.read_graphml(io.BytesIO(response.content))
    assert sorted(graph.nodes[n]["label"] for n in graph) == sorted(people)
    assert graph.number_of_edges() == 3
    event = AuditEvent.objects.get(action=Action.EXPORT)
    assert event.purpose == "Operation Ash briefing"
    assert event.detail == {"format": "graphml", "nodes": 4, "edges": 3}


def test_subject_surroundings_reach_two_steps_along_visible_links(
    staff_client, police, chain
):
    _group, people = chain
    far = SubjectFactory(name="Eve Far", agency=police)
    LinkFactory(source=people["Dee Rowe"], target=far, agency=police)
    client = staff_client(Role.ANALYST, agency=police)

    response = client.get(
        reverse("networks:subject_network", args=[people["Bea Quill"].pk])
    )

    page = response.content.decode()
    assert "Amos Hart" in page
    assert "Dee Rowe" in page  # Bea → Cal → Dee
    assert "Eve Far" not in page  # three steps away
    assert "hedgerow-network__node--focus" in page


def test_surroundings_follow_only_links_the_reader_may_see(police, chain):
    _group, people = chain
    council = AgencyFactory(kind=AgencyKind.LICENSING)
    officer = staff(Role.OFFICER, agency=council)
    own = SubjectFactory(name="Council tenant", agency=council)
    # Bea is shared with the council, so its link to her shows; Bea's police
    # links lead to subjects not shared with it, so the walk stops at her.
    SubjectShare.objects.create(
        subject=people["Bea Quill"],
        agency=council,
        purpose="Tenancy enforcement",
        shared_by=staff(Role.OFFICER, agency=police),
    )
    Link.objects.create(
        source=own,
        target=people["Bea Quill"],
        kind="associate",
        information_source="Tenancy file",
        source_evaluation="2",
        intelligence_assessment="B",
        handling_code="P",
        agency=council,
    )

    graph = subject_graph(user=officer, subject=own)

    labels = {graph.nodes[n]["label"] for n in graph}
    assert labels == {"Council tenant", "Bea Quill"}
    assert graph.number_of_edges() == 1


def test_caviar_page_shows_all_eleven_phases(staff_client, police):
    client = staff_client(Role.ANALYST, agency=police)

    response = client.get(reverse("networks:caviar_phases"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Phase 11" in page
    summaries = phase_summaries()
    assert [s.players for s in summaries][:3] == [15, 24, 33]
    # The leader (player 1) brokers almost every call in phase 1 and far fewer late.
    assert summaries[0].brokers[0][0] == "1"
    assert summaries[10].brokers[0][0] == "41"


def test_demo_loads_both_research_groups_once_with_panels():
    load_demo_partnership(io.StringIO())
    out = io.StringIO()

    load_demo_networks(out)
    load_demo_networks(out)

    caviar = OrganisedCrimeGroup.objects.get(name=CAVIAR_NAME)
    london = OrganisedCrimeGroup.objects.get(name=LONDON_NAME)
    assert caviar.memberships.count() == 107
    assert london.memberships.count() == 54
    assert "already there" in out.getvalue()
    assert Subject.objects.count() == 107 + 54
    licensing = Agency.objects.get(name=LICENSING)
    csp = Agency.objects.get(name=CSP_TEAM)
    assert set(caviar.seats.values_list("agency", flat=True)) >= {csp.pk}
    assert licensing.pk not in caviar.seats.values_list("agency", flat=True)
    assert licensing.pk in london.seats.values_list("agency", flat=True)


def test_the_command_loads_the_research_groups():
    load_demo_partnership(io.StringIO())
    out = io.StringIO()

    call_command("load_demo_networks", stdout=out)

    assert "107 players" in out.getvalue()
    assert OrganisedCrimeGroup.objects.count() == 2
