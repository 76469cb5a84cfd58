"""Reading groups, subjects and their networks, as far as the reader may (ADR 0020).

A group the reader may not see is a 403, as the issue asks: partners know which
groups the partnership works on, from the panel, but not what is in them. A subject
the reader may not see is a 404. Inside a group the reader may see, a member whose
details are not shared with the reader's agency appears only as its kind and role.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from hedgerow.networks.models import (
    HarmAssessment,
    Link,
    Membership,
    OrganisedCrimeGroup,
    Subject,
)


def group_list(*, user: Any, status: str = "") -> QuerySet[OrganisedCrimeGroup]:
    groups = OrganisedCrimeGroup.objects.visible_to(user)
    if status:
        groups = groups.filter(status=status)
    return groups.select_related("lead_agency").annotate(
        member_count=Count("memberships", distinct=True)
    )


def group_get(*, user: Any, pk: int) -> OrganisedCrimeGroup:
    """The group, if the reader may see it; 404 if there is none, 403 if not theirs."""
    group = (
        OrganisedCrimeGroup.objects.select_related("lead_agency").filter(pk=pk).first()
    )
    if group is None:
        raise Http404
    if not OrganisedCrimeGroup.objects.visible_to(user).filter(pk=pk).exists():
        raise PermissionDenied
    return group


def subject_get(*, user: Any, pk: int) -> Subject:
    subject = Subject.objects.visible_to(user).filter(pk=pk).first()
    if subject is None:
        raise Http404
    return subject


def visible_subject_ids(user: Any, subject_ids: Iterable[int]) -> set[int]:
    """Which of these subjects the reader may see in full."""
    return set(
        Subject.objects.visible_to(user)
        .filter(pk__in=list(subject_ids))
        .values_list("pk", flat=True)
    )


@dataclass(frozen=True)
class MemberRow:
    """A member as the reader may see them: `subject` is None when not shared."""

    membership: Membership
    subject: Subject | None
    label: str


def group_members(*, user: Any, group: OrganisedCrimeGroup) -> list[MemberRow]:
    memberships = list(group.memberships.select_related("subject"))
    shown = visible_subject_ids(user, (m.subject_id for m in memberships))
    rows = []
    for number, membership in enumerate(memberships, 1):
        subject = membership.subject if membership.subject_id in shown else None
        label = subject.name if subject else masked_label(membership.subject, number)
        rows.append(MemberRow(membership=membership, subject=subject, label=label))
    return rows


def masked_label(subject: Subject, number: int) -> str:
    return _("%(kind)s %(number)d (details not shared with your agency)") % {
        "kind": subject.get_kind_display(),
        "number": number,
    }


def group_graph(*, user: Any, group: OrganisedCrimeGroup) -> "nx.Graph[str]":
    """The group's members, the subjects linked to them, and the links, for drawing.

    Nodes are "s<pk>" with `label`, `kind`, `role` (members only) and `shown`; a
    node the reader may not see carries only its kind and role. Edges carry `kind`
    and `grading` only where the reader may see the link.
    """
    members = group_members(user=user, group=group)
    member_ids = {row.membership.subject_id for row in members}
    links = list(
        Link.objects.filter(
            Q(source_id__in=member_ids) | Q(target_id__in=member_ids)
        ).order_by("pk")
    )
    others = {link.source_id for link in links} | {link.target_id for link in links}
    others -= member_ids
    shown = visible_subject_ids(user, member_ids | others)
    graph: nx.Graph[str] = nx.Graph()
    for row in members:
        subject = row.membership.subject
        graph.add_node(
            f"s{subject.pk}",
            label=row.label,
            kind=subject.kind,
            role=row.membership.role,
            shown=subject.pk in shown,
        )
    hidden_outside = 0
    for subject in Subject.objects.filter(pk__in=others).order_by("pk"):
        if subject.pk not in shown:
            hidden_outside += 1
            label = masked_label(subject, len(members) + hidden_outside)
        else:
            label = subject.name
        graph.add_node(
            f"s{subject.pk}",
            label=label,
            kind=subject.kind,
            role="",
            shown=subject.pk in shown,
        )
    visible_links = set(
        Link.objects.visible_to(user)
        .filter(pk__in=[link.pk for link in links])
        .values_list("pk", flat=True)
    )
    for link in links:
        seen = link.pk in visible_links
        graph.add_edge(
            f"s{link.source_id}",
            f"s{link.target_id}",
            kind=link.kind if seen else "",
            grading=link.grading if seen else "",
            link_id=link.pk if seen else None,
        )
    return graph


def group_assessments(*, group: OrganisedCrimeGroup) -> QuerySet[HarmAssessment]:
    return group.assessments.select_related("assessed_by")
