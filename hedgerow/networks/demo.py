"""Demo groups from real research networks: Project CAVIAR and a London street gang.

The people are the research's numbered players, not invented names. Both groups
are recorded by the demo police officer with the police as lead; the CSP team sits
on both panels, and the licensing team only on the London gang's, so signing in as
each shows need-to-know at work.
"""

from functools import partial
from typing import Any, Protocol

import networkx as nx
from django.db import transaction
from django_otp.middleware import is_verified
from django_otp.plugins.otp_totp.models import TOTPDevice

from hedgerow.accounts.demo import CSP_TEAM, LICENSING
from hedgerow.accounts.models import Agency, User
from hedgerow.networks import caviar
from hedgerow.networks.compute.edges import read_ucinet_adjlist
from hedgerow.networks.models import (
    GroupStatus,
    LinkKind,
    MemberRole,
    OrganisedCrimeGroup,
    Subject,
    SubjectKind,
)
from hedgerow.networks.services import groups as group_services
from hedgerow.networks.services import subjects as subject_services

DEMO_OFFICER = "officer@demo.hedgerow.test"
CAVIAR_NAME = "Project CAVIAR network (research data, Montréal 1994–96)"
LONDON_NAME = "London street gang (research data, 2015)"
GRADING = {
    "source_evaluation": "2",
    "intelligence_assessment": "B",
    "handling_code": "P",
}


class Writer(Protocol):
    def write(self, msg: str) -> Any: ...


def load_demo_networks(stdout: Writer) -> None:
    """Create the two research groups, unless they are already there."""
    officer = User.objects.filter(email__iexact=DEMO_OFFICER).first()
    if officer is None:
        stdout.write("Demo groups skipped: load the partnership first.\n")
        return
    if OrganisedCrimeGroup.objects.filter(name=CAVIAR_NAME).exists():
        stdout.write("Demo groups: already there.\n")
        return
    officer.otp_device = TOTPDevice.objects.filter(user=officer).first()  # type: ignore[attr-defined]
    officer.is_verified = partial(is_verified, officer)  # type: ignore[attr-defined]
    panels = {a.name: a for a in Agency.objects.filter(name__in=[CSP_TEAM, LICENSING])}
    with transaction.atomic():
        caviar_graph = nx.compose_all(caviar.phase_graphs())
        _group_record(
            officer,
            caviar_graph,
            name=CAVIAR_NAME,
            label="CAVIAR player {}",
            summary=(
                "A drug-importation network watched through 11 two-month phases of "
                "wiretaps; police seized 11 consignments before any arrest. Ties "
                "are intercepted calls in any phase (Morselli, Inside Criminal "
                "Networks, 2009). See the CAVIAR phases page for how it changed."
            ),
            source="Project CAVIAR wiretaps, phases 1–11 (Morselli 2009)",
            panel=[panels.get(CSP_TEAM)],
        )
        london = read_ucinet_adjlist(caviar.LONDON_GANG)
        _group_record(
            officer,
            london,
            name=LONDON_NAME,
            label="London gang member {}",
            summary=(
                "A London street gang of 54 members; ties are co-offending "
                "(Grund and Densley, 2015)."
            ),
            source="Co-offending records (Grund and Densley 2015)",
            panel=[panels.get(CSP_TEAM), panels.get(LICENSING)],
        )
    stdout.write(
        f"Demo groups: {CAVIAR_NAME} ({caviar_graph.number_of_nodes()} players) "
        f"and {LONDON_NAME} ({london.number_of_nodes()} members).\n"
    )


def _group_record(
    officer: User,
    graph: "nx.Graph[str]",
    *,
    name: str,
    label: str,
    summary: str,
    source: str,
    panel: list[Agency | None],
) -> None:
    group = group_services.group_create(
        user=officer,
        name=name,
        status=GroupStatus.ACTIVE,
        summary=summary,
        lead_agency=officer.agency,
    )
    for agency in panel:
        if agency is not None:
            group_services.panel_seat_add(group=group, agency=agency, user=officer)
    # The most connected are principals: the research gives no roles, so position
    # stands in for them, as an analyst's first draft would.
    degrees = dict(graph.degree())
    ranked = sorted(graph.nodes, key=lambda n: (-degrees[n], int(n)))
    principals = set(ranked[: max(1, len(ranked) // 20)])
    significant = set(ranked[: max(2, len(ranked) // 5)]) - principals
    subjects: dict[str, Subject] = {}
    for node in sorted(graph.nodes, key=int):
        subject = subject_services.subject_create(
            user=officer, kind=SubjectKind.PERSON, name=label.format(node)
        )
        subjects[node] = subject
        role = (
            MemberRole.PRINCIPAL
            if node in principals
            else MemberRole.SIGNIFICANT
            if node in significant
            else MemberRole.PERIPHERAL
        )
        group_services.group_member_add(
            group=group, subject=subject, role=role, user=officer
        )
    for u, v in graph.edges:
        subject_services.link_create(
            user=officer,
            source=subjects[u],
            target=subjects[v],
            kind=LinkKind.ASSOCIATE,
            information_source=source,
            **GRADING,
        )
