"""Reads of the places register, always through the need-to-know filters."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Q
from django.http import Http404
from django.urls import NoReverseMatch, reverse

from hedgerow.intelligence.models import Report
from hedgerow.places.models import POSTCODE, Place, PlaceFlag, normalise_postcode


def place_list(
    *,
    user: Any,
    query: str = "",
    kind: str = "",
    flag: str = "",
    local_authority: str = "",
) -> Any:
    """Places the user may see, matching the search and filters, by address."""
    places = Place.objects.visible_to(user).select_related("lsoa", "agency")
    if POSTCODE.match(query.strip()):
        # A whole postcode, however it is spaced: "bd100tf" finds "BD10 0TF".
        places = places.filter(postcode=normalise_postcode(query))
        query = ""
    for word in query.split():
        places = places.filter(
            Q(address__icontains=word)
            | Q(name__icontains=word)
            | Q(postcode__icontains=word)
            | Q(uprn=word)
        )
    if kind:
        places = places.filter(kind=kind)
    if flag:
        flags = PlaceFlag.objects.visible_to(user).active().filter(kind=flag)
        places = places.filter(pk__in=flags.values("place_id"))
    if local_authority:
        places = places.filter(lsoa__local_authority_code=local_authority)
    return places.order_by("address", "pk")


def place_local_authorities(*, user: Any) -> list[tuple[str, str]]:
    """(code, name) of every local authority the user's visible places are in."""
    rows = (
        Place.objects.visible_to(user)
        .exclude(lsoa__isnull=True)
        .values_list("lsoa__local_authority_code", "lsoa__local_authority_name")
        .distinct()
    )
    return sorted(
        {(code, name or code) for code, name in rows if code}, key=lambda r: r[1]
    )


def place_get(*, user: Any, pk: int) -> Place:
    """One place the user may see, or 404 (never a hint that it exists)."""
    place = (
        Place.objects.visible_to(user)
        .select_related("lsoa", "agency", "created_by")
        .filter(pk=pk)
        .first()
    )
    if place is None:
        raise Http404
    return place


def place_flags(*, user: Any, place: Place) -> list[PlaceFlag]:
    """The flags on a place the user may see, active first, newest first."""
    flags = (
        PlaceFlag.objects.visible_to(user)
        .filter(place=place)
        .select_related("agency", "raised_by", "cleared_by")
    )
    return sorted(flags, key=lambda f: (not f.is_active, -f.raised_at.timestamp()))


def flag_get(*, user: Any, place: Place, pk: int) -> PlaceFlag:
    """One visible flag of a visible place, or 404."""
    flag = (
        PlaceFlag.objects.visible_to(user)
        .filter(place=place, pk=pk)
        .select_related("agency")
        .first()
    )
    if flag is None:
        raise Http404
    return flag


@dataclass(frozen=True)
class TimelineEntry:
    """One thing that happened at a place: a report, a flag raised or cleared."""

    at: datetime
    kind: str  # "report", "flag_raised", "flag_cleared", "recorded"
    title: str
    detail: str = ""
    status: str = ""
    url: str = ""


def _report_url(report: Report) -> str:
    try:
        return reverse("triage:report_detail", kwargs={"reference": report.reference})
    except NoReverseMatch:
        return ""


def place_reports(*, user: Any, place: Place) -> Any:
    """Reports linked to the place that the user's agency was given."""
    return (
        Report.objects.visible_to(user)
        .filter(place=place)
        .select_related("threat")
        .order_by("-submitted_at")
    )


def place_timeline(
    *, user: Any, place: Place, flags: list[PlaceFlag]
) -> list[TimelineEntry]:
    """Linked reports and flag events, newest first, as far as the user may see."""
    entries = [
        TimelineEntry(
            at=report.submitted_at,
            kind="report",
            title=report.reference,
            detail=report.threat.name if report.threat else "",
            status=report.get_status_display(),
            url=_report_url(report),
        )
        for report in place_reports(user=user, place=place)
    ]
    for flag in flags:
        entries.append(
            TimelineEntry(
                at=flag.raised_at,
                kind="flag_raised",
                title=flag.get_kind_display(),
                detail=flag.note,
                status=flag.agency.name,
            )
        )
        if flag.cleared_at is not None:
            entries.append(
                TimelineEntry(
                    at=flag.cleared_at,
                    kind="flag_cleared",
                    title=flag.get_kind_display(),
                    detail=flag.cleared_reason,
                    status=flag.agency.name,
                )
            )
    entries.append(
        TimelineEntry(
            at=place.created_at,
            kind="recorded",
            title=str(place),
            status=place.agency.name,
        )
    )
    return sorted(entries, key=lambda e: e.at, reverse=True)
