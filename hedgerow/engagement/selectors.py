"""Reading events and insights: lists, one event, the insight page, the report.

Every holder of *see community events* reads every event (see models.py), so these
take no user; the views audit each read.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from hedgerow.accounts.models import User
from hedgerow.engagement import grouping
from hedgerow.engagement.models import (
    AgeBand,
    Event,
    EventDocument,
    Insight,
)
from hedgerow.geography.models import Lsoa


@dataclass(frozen=True)
class EventFilters:
    """Which events (or their insights) to show; every filter left empty matches all.

    `local_authority` is an ONS code; `lsoa_id` one LSOA. For events they match
    the event's LSOA, for insights the neighbourhood the insight concerns.
    """

    kind: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    local_authority: str = ""
    lsoa_id: int | None = None

    def as_detail(self) -> dict[str, Any]:
        """The filters in use, for the audit trail."""
        return {
            name: str(value)
            for name, value in vars(self).items()
            if value not in (None, "")
        }


@dataclass(frozen=True)
class InsightFilters(EventFilters):
    """The event filters, plus one threat theme."""

    theme_id: int | None = None


def _event_filtered(events: QuerySet[Event], filters: EventFilters) -> QuerySet[Event]:
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.date_from:
        events = events.filter(held_on__gte=filters.date_from)
    if filters.date_to:
        events = events.filter(held_on__lte=filters.date_to)
    return events


def event_list(*, filters: EventFilters | None = None) -> QuerySet[Event]:
    """Events matching the filters, newest first, each with `insight_count`."""
    filters = filters or EventFilters()
    events = _event_filtered(Event.objects.all(), filters)
    if filters.local_authority:
        events = events.filter(lsoa__local_authority_code=filters.local_authority)
    if filters.lsoa_id:
        events = events.filter(lsoa_id=filters.lsoa_id)
    return (
        events.select_related("lsoa")
        .annotate(insight_count=Count("insights", distinct=True))
        .order_by("-held_on", "-pk")
    )


def event_get(*, pk: int) -> Event:
    """One event with its partners, facilitators, age bands, documents and insights.

    Documents come without their bytes; `document_get` fetches one to download.
    """
    event = (
        Event.objects.select_related("lsoa", "created_by")
        .prefetch_related(
            "agencies",
            Prefetch("facilitators", queryset=_staff()),
            "age_bands",
            Prefetch("documents", queryset=EventDocument.objects.defer("content")),
            Prefetch(
                "insights",
                queryset=Insight.objects.select_related("lsoa").prefetch_related(
                    "themes"
                ),
            ),
        )
        .filter(pk=pk)
        .first()
    )
    if event is None:
        raise Http404
    return event


def _staff() -> QuerySet[User]:
    return User.objects.select_related("agency").order_by("full_name")


def document_get(*, event: Event, pk: int) -> EventDocument:
    """One of the event's documents, with its bytes, or 404."""
    document = EventDocument.objects.filter(event=event, pk=pk).first()
    if document is None:
        raise Http404
    return document


def insight_get(*, event: Event, pk: int) -> Insight:
    """One of the event's insights, or 404."""
    insight = (
        Insight.objects.filter(event=event, pk=pk).prefetch_related("themes").first()
    )
    if insight is None:
        raise Http404
    return insight


def insight_list(*, filters: InsightFilters | None = None) -> QuerySet[Insight]:
    """Insights at events matching the filters, about the theme and area chosen."""
    filters = filters or InsightFilters()
    events = _event_filtered(Event.objects.all(), filters)
    insights = Insight.objects.filter(event__in=events.values("pk"))
    if filters.local_authority:
        insights = insights.filter(lsoa__local_authority_code=filters.local_authority)
    if filters.lsoa_id:
        insights = insights.filter(lsoa_id=filters.lsoa_id)
    if filters.theme_id:
        # By id, not a join on themes, which would repeat an insight per theme.
        on_theme = Insight.themes.through.objects.filter(threat_id=filters.theme_id)
        insights = insights.filter(pk__in=on_theme.values("insight_id"))
    return (
        insights.select_related("event", "lsoa")
        .prefetch_related("themes")
        .order_by("-event__held_on", "-created_at", "-pk")
    )


@dataclass
class InsightSummary:
    """The insight page: insights matching the filters, by theme and by area."""

    insights: list[Insight]
    by_theme: list[grouping.InsightGroup]
    by_area: list[grouping.InsightGroup]

    @property
    def total(self) -> int:
        return len(self.insights)

    @property
    def event_count(self) -> int:
        return len({insight.event_id for insight in self.insights})


def insight_summary(*, filters: InsightFilters | None = None) -> InsightSummary:
    """Insights matching the filters, grouped by threat theme and by neighbourhood.

    Each group counts its insights and the events they came from, and offers up
    to three quotes (`grouping.representative_quotes`). An insight on two themes
    counts once in each, so the theme counts may add up to more than the total.
    """
    insights = list(insight_list(filters=filters))
    return InsightSummary(
        insights=insights,
        by_theme=grouping.grouped(insights, grouping.theme_keys),
        by_area=grouping.grouped(insights, grouping.area_keys),
    )


@dataclass
class EventReport:
    """What the printable report of one event shows."""

    event: Event
    age_bands: list[tuple[str, int]]
    not_counted: int
    themes: list[grouping.InsightGroup]
    areas: list[grouping.InsightGroup]
    quotes: list[Insight]
    insight_count: int


def event_report(*, event: Event) -> EventReport:
    """Attendance (total and by age band), themes and areas with counts, and quotes.

    `event` comes from `event_get`. Every quotable insight is quoted, in table
    order; the others are counted but not shown.
    """
    counts = {row.band: row.count for row in event.age_bands.all()}
    bands = [(str(label), counts.get(value, 0)) for value, label in AgeBand.choices]
    insights: Sequence[Insight] = list(event.insights.all())
    return EventReport(
        event=event,
        age_bands=bands if counts else [],
        not_counted=max(event.attendance - sum(counts.values()), 0),
        themes=grouping.grouped(insights, grouping.theme_keys),
        areas=grouping.grouped(insights, grouping.area_keys),
        quotes=[insight for insight in insights if insight.is_quotable],
        insight_count=len(insights),
    )


def local_authorities_in_use() -> list[tuple[str, str]]:
    """(code, name) of each local authority with an event or an insight, by name."""
    used = (
        Lsoa.objects.filter(
            Q(pk__in=Event.objects.values("lsoa_id"))
            | Q(pk__in=Insight.objects.values("lsoa_id"))
        )
        .exclude(local_authority_code="")
        .values_list("local_authority_code", "local_authority_name")
        .distinct()
        .order_by("local_authority_name")
    )
    return list(used)


def lsoa_find(text: str) -> Lsoa | None:
    """The LSOA whose code or name (any case) is `text`, or None."""
    text = text.strip()
    if not text:
        return None
    return (
        Lsoa.objects.filter(Q(code__iexact=text) | Q(name__iexact=text))
        .order_by("code")
        .first()
    )
