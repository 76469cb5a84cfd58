"""Reading the disruption log, as far as the reader may (ADR 0020).

A reader sees only the disruptions `Disruption.objects.visible_to` them. Inside one
they may see, the subject or place it was against can still be one whose details
are not shared with their agency; those are named by kind only, never by name.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.utils.translation import gettext as _

from hedgerow.accounts.models import AgencyKind
from hedgerow.disruptions.models import Disruption, Impact, Strand, Tactic
from hedgerow.networks.models import OrganisedCrimeGroup, Subject
from hedgerow.places.models import Place

MONTHS_SHOWN = 12


@dataclass(frozen=True)
class DisruptionFilters:
    """Which disruptions to show; every filter left empty matches everything."""

    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    strand: str = ""
    agency_id: int | None = None
    group_id: int | None = None

    def as_detail(self) -> dict[str, Any]:
        """The filters in use, for the audit trail."""
        return {
            name: str(value)
            for name, value in (
                ("date_from", self.date_from),
                ("date_to", self.date_to),
                ("strand", self.strand),
                ("agency_id", self.agency_id),
                ("group_id", self.group_id),
            )
            if value not in (None, "")
        }


def disruption_list(
    *, user: Any, filters: DisruptionFilters | None = None
) -> QuerySet[Disruption]:
    """Disruptions the reader may see, matching the filters, newest first.

    Each carries `group_shown`, `subject_shown` and `place_shown`: whether the
    reader may see that target's details.
    """
    filters = filters or DisruptionFilters()
    # Filtering on the visible ids, not the visible queryset itself, keeps the
    # panel-seat join out of the counts below (it would multiply rows).
    disruptions = Disruption.objects.filter(
        pk__in=Disruption.objects.visible_to(user).values("pk")
    )
    if filters.date_from:
        disruptions = disruptions.filter(occurred_on__gte=filters.date_from)
    if filters.date_to:
        disruptions = disruptions.filter(occurred_on__lte=filters.date_to)
    if filters.strand:
        disruptions = disruptions.filter(strand=filters.strand)
    if filters.agency_id:
        disruptions = disruptions.filter(agency_id=filters.agency_id)
    if filters.group_id:
        disruptions = disruptions.filter(group_id=filters.group_id)
    return (
        disruptions.select_related(
            "tactic", "agency", "group", "subject", "place", "recording_agency"
        )
        .annotate(
            group_shown=Exists(
                OrganisedCrimeGroup.objects.visible_to(user).filter(
                    pk=OuterRef("group_id")
                )
            ),
            subject_shown=Exists(
                Subject.objects.visible_to(user).filter(pk=OuterRef("subject_id"))
            ),
            place_shown=Exists(
                Place.objects.visible_to(user).filter(pk=OuterRef("place_id"))
            ),
        )
        .order_by("-occurred_on", "-pk")
    )


def disruption_get(*, user: Any, pk: int) -> Disruption:
    """One disruption the reader may see, or 404 (never a hint that it exists)."""
    disruption = disruption_list(user=user).filter(pk=pk).first()
    if disruption is None:
        raise Http404
    return disruption


def can_edit(*, user: Any, disruption: Disruption) -> bool:
    """The recording agency keeps its record right; the police may correct any."""
    agency = getattr(user, "agency", None)
    if agency is None:
        return False
    police: bool = agency.kind == AgencyKind.POLICE
    return police or disruption.recording_agency_id == agency.pk


def target_labels(disruption: Any) -> dict[str, str]:
    """What the reader may be told of each target, by name or by kind only.

    `disruption` comes from `disruption_list`, which annotates what is shown.
    """
    labels = {"group": "", "subject": "", "place": ""}
    if disruption.group_id:
        labels["group"] = disruption.group.name
    if disruption.subject_id:
        labels["subject"] = (
            disruption.subject.name
            if getattr(disruption, "subject_shown", False)
            else _("%(kind)s (details not shared with your agency)")
            % {"kind": disruption.subject.get_kind_display()}
        )
    if disruption.place_id:
        labels["place"] = (
            str(disruption.place)
            if getattr(disruption, "place_shown", False)
            else _("A place not shared with your agency")
        )
    return labels


@dataclass
class CountTable:
    """One dashboard table: a label and a count per row, with the total."""

    rows: list[tuple[str, int]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(count for _label, count in self.rows)


def _month_starts(end: datetime.date, months: int) -> list[datetime.date]:
    """The first days of the `months` months ending with `end`'s, oldest first."""
    starts = []
    year, month = end.year, end.month
    for _step in range(months):
        starts.append(datetime.date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return starts[::-1]


def _grouped(
    disruptions: QuerySet[Disruption], key: str, label: str
) -> list[tuple[str, int]]:
    fields = {key, label}
    rows = (
        disruptions.order_by()
        .values(*fields)
        .annotate(count=Count("pk", distinct=True))
    )
    counted = [(row[label] or "", row["count"]) for row in rows]
    return sorted(counted, key=lambda row: (-row[1], row[0]))


def disruption_counts(
    *, user: Any, filters: DisruptionFilters, today: datetime.date
) -> dict[str, Any]:
    """The dashboard: visible disruptions matching the filters, counted six ways.

    Strands and impacts list every choice, zeros included, in the national order.
    The months are the twelve ending with the end date's month (or this month).
    """
    disruptions = disruption_list(user=user, filters=filters)
    by_strand = dict(_grouped(disruptions, "strand", "strand"))
    by_impact = dict(_grouped(disruptions, "impact", "impact"))
    by_group = [
        (name or _("Not against a group"), count)
        for name, count in _grouped(disruptions, "group_id", "group__name")
    ]
    end = min(filters.date_to or today, today)
    starts = _month_starts(end, MONTHS_SHOWN)
    monthly = {
        row["month"]: row["count"]
        for row in disruptions.filter(occurred_on__gte=starts[0], occurred_on__lte=end)
        .order_by()
        .annotate(month=TruncMonth("occurred_on"))
        .values("month")
        .annotate(count=Count("pk", distinct=True))
    }
    by_month = [(start, monthly.get(start, 0)) for start in starts]
    return {
        "total": disruptions.count(),
        "by_strand": CountTable(
            [(str(label), by_strand.get(value, 0)) for value, label in Strand.choices]
        ),
        "by_impact": CountTable(
            [(str(label), by_impact.get(value, 0)) for value, label in Impact.choices]
        ),
        "by_agency": CountTable(_grouped(disruptions, "agency_id", "agency__name")),
        "by_tactic": CountTable(_grouped(disruptions, "tactic_id", "tactic__name")),
        "by_group": CountTable(by_group),
        "by_month": by_month,
        "month_total": sum(count for _start, count in by_month),
    }


def visible_groups(*, user: Any) -> QuerySet[OrganisedCrimeGroup]:
    return OrganisedCrimeGroup.objects.visible_to(user).order_by("name")


def active_tactics() -> QuerySet[Tactic]:
    return Tactic.objects.filter(is_active=True).order_by("name")


def tactic_list() -> QuerySet[Tactic]:
    """Every tactic: those on the menu first, then the retired."""
    return Tactic.objects.annotate(uses=Count("disruptions")).order_by(
        "-is_active", "name"
    )
