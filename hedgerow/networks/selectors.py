"""Reading groups, subjects and their networks, as far as the reader may (ADR 0020).

A group the reader may not see is a 403, as the issue asks: partners know which
groups the partnership works on, from the panel, but not what is in them. A subject
the reader may not see is a 404. Inside a group the reader may see, a member whose
details are not shared with the reader's agency appears only as its kind and role.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from hedgerow.networks.models import (
    CandidatePair,
    HarmAssessment,
    Link,
    Membership,
    OrganisedCrimeGroup,
    ResolutionJob,
    ScoringMatrix,
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


# --- Added for the group and subject pages (views/groups.py, views/subjects.py) ---


def quarter_start(day: "datetime.date") -> "datetime.date":
    return day.replace(month=3 * ((day.month - 1) // 3) + 1, day=1)


def harm_overview(*, user: Any, today: "datetime.date") -> dict[str, Any]:
    """How many visible groups sit in each band, this quarter against last.

    A group counts in a quarter at the band of its newest assessment made on or
    before the quarter's end; groups never assessed by then are left out.
    """
    this_start = quarter_start(today)
    last_start = quarter_start(this_start - datetime.timedelta(days=1))
    group_ids = list(
        OrganisedCrimeGroup.objects.visible_to(user).values_list("pk", flat=True)
    )

    def bands_at(end: "datetime.date") -> dict[str, int]:
        counts: dict[str, int] = {}
        seen: set[int] = set()
        for group_id, band in (
            HarmAssessment.objects.filter(group_id__in=group_ids, assessed_on__lte=end)
            .order_by("group_id", "-assessed_on", "-pk")
            .values_list("group_id", "band")
        ):
            if group_id not in seen:
                seen.add(group_id)
                counts[band] = counts.get(band, 0) + 1
        return counts

    this_quarter = bands_at(today)
    last_quarter = bands_at(this_start - datetime.timedelta(days=1))
    matrix = ScoringMatrix.objects.filter(is_current=True).first()
    bands = (
        [(b["slug"], b["label"]) for b in matrix.definition["bands"]] if matrix else []
    )
    known = {slug for slug, _label in bands}
    bands += [
        (slug, slug) for slug in sorted((set(this_quarter) | set(last_quarter)) - known)
    ]
    return {
        "groups": len(group_ids),
        "this_quarter_start": this_start,
        "last_quarter_start": last_start,
        "rows": [
            {
                "band": slug,
                "label": label,
                "this_quarter": this_quarter.get(slug, 0),
                "last_quarter": last_quarter.get(slug, 0),
            }
            for slug, label in bands
        ],
    }


def subject_search(*, user: Any, query: str = "", kind: str = "") -> QuerySet[Subject]:
    """Subjects the reader may see, by name, alias, number or registration."""
    subjects = Subject.objects.visible_to(user)
    if kind:
        subjects = subjects.filter(kind=kind)
    query = query.strip()
    if query:
        compact = query.upper().replace(" ", "")
        subjects = subjects.filter(
            Q(name__icontains=query)
            | Q(aliases__icontains=query)
            | Q(company_number__iexact=compact)
            | Q(registration__iexact=compact)
            | Q(phone_number__icontains=query.replace(" ", "")[-9:])
            | Q(account_number__iexact=compact)
        )
    return subjects.order_by("name", "pk")


def subject_links(*, user: Any, subject: Subject) -> QuerySet[Link]:
    return (
        Link.objects.visible_to(user)
        .filter(Q(source=subject) | Q(target=subject))
        .select_related("source", "target")
        .order_by("-start_date", "pk")
    )


def subject_groups(*, user: Any, subject: Subject) -> QuerySet[Membership]:
    visible = OrganisedCrimeGroup.objects.visible_to(user)
    return subject.memberships.filter(group__in=visible).select_related("group")


SURROUNDINGS_DEPTH = 2
SURROUNDINGS_LIMIT = 150


def subject_graph(
    *, user: Any, subject: Subject, depth: int = SURROUNDINGS_DEPTH
) -> "nx.Graph[str]":
    """A subject's surroundings: whoever its visible links reach in `depth` steps.

    Only links the reader may see are followed, so the walk reveals nothing the
    subject pages would not; a subject reached that way whose details are not
    shared shows as its kind only. Stops growing at SURROUNDINGS_LIMIT subjects.
    """
    links = Link.objects.visible_to(user)
    reached, frontier, edges = {subject.pk}, {subject.pk}, {}
    for _step in range(depth):
        found = links.filter(Q(source_id__in=frontier) | Q(target_id__in=frontier))
        new: set[int] = set()
        for link in found.order_by("pk"):
            edges[link.pk] = link
            new |= {link.source_id, link.target_id} - reached
        if len(reached) + len(new) > SURROUNDINGS_LIMIT:
            new = set(sorted(new)[: SURROUNDINGS_LIMIT - len(reached)])
        reached |= new
        frontier = new
        if not frontier:
            break
    shown = visible_subject_ids(user, reached)
    graph: nx.Graph[str] = nx.Graph()
    hidden = 0
    for other in Subject.objects.filter(pk__in=reached).order_by("pk"):
        if other.pk in shown:
            label = other.name
        else:
            hidden += 1
            label = masked_label(other, hidden)
        graph.add_node(
            f"s{other.pk}",
            label=label,
            kind=other.kind,
            role="focus" if other.pk == subject.pk else "",
            shown=other.pk in shown,
        )
    for link in edges.values():
        if link.source_id in reached and link.target_id in reached:
            graph.add_edge(
                f"s{link.source_id}",
                f"s{link.target_id}",
                kind=link.kind,
                grading=link.grading,
                link_id=link.pk,
            )
    return graph


def resolution_jobs(*, user: Any) -> QuerySet[ResolutionJob]:
    """The uploading agency's jobs: another agency's partner records stay its own."""
    return ResolutionJob.objects.filter(agency=user.agency).select_related("created_by")


def resolution_job_get(*, user: Any, pk: int) -> ResolutionJob:
    job = resolution_jobs(user=user).filter(pk=pk).first()
    if job is None:
        raise Http404
    return job


def resolution_pairs(*, user: Any, job: ResolutionJob) -> QuerySet[CandidatePair]:
    """The job's pairs whose subject the reader may still see, best first."""
    return job.pairs.filter(
        subject__in=Subject.objects.visible_to(user)
    ).select_related("subject", "decided_by")
