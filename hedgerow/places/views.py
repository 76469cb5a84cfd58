"""The places register under /places/: list, one place, adding, changing and flags.

Staff see places shared with the partnership and those their own agency
recorded; anything else is a 404, never a hint that it exists. Only the
recording agency may change a place's details; any agency that can see a place
may flag it, and only the flag's own agency may clear that flag.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.core.permissions import Permission, has_permission, require_permission
from hedgerow.places import selectors, services
from hedgerow.places.forms import (
    FlagClearForm,
    FlagRaiseForm,
    PlaceFilterForm,
    PlaceForm,
)
from hedgerow.places.models import PlaceFlag

PAGE_SIZE = 25
PLACE_ADDED = _("Place added to the register")
PLACE_CHANGED = _("Place details saved")
FLAG_RAISED = _("Flag raised")
FLAG_CLEARED = _("Flag cleared")


def _can_manage(request: HttpRequest) -> bool:
    return has_permission(request.user, Permission.PLACE_MANAGE)


def _own_agency(request: HttpRequest, owner_agency_id: int) -> bool:
    return bool(owner_agency_id == getattr(request.user, "agency_id", None))


@require_permission(Permission.PLACE_VIEW)
def place_list(request: HttpRequest) -> HttpResponse:
    """Every place the user may see, searched and filtered, paginated."""
    authorities = selectors.place_local_authorities(user=request.user)
    form = PlaceFilterForm(request.GET, authorities=authorities)
    form.is_valid()  # Apply the filters that are valid; show errors for the others.
    filters = {key: form.cleaned_data.get(key) or "" for key in form.fields}
    places = selectors.place_list(
        user=request.user,
        query=filters["q"],
        kind=filters["kind"],
        flag=filters["flag"],
        local_authority=filters["local_authority"],
    )
    page = Paginator(places, PAGE_SIZE).get_page(request.GET.get("page"))
    if any(filters.values()):
        audit_record(
            actor=request.user,
            action=Action.SEARCH,
            target_type="places.place",
            detail={"filters": filters, "page": page.number},
        )
    context = {
        "form": form,
        "page": page,
        "page_range": page.paginator.get_elided_page_range(
            page.number, on_each_side=1, on_ends=1
        ),
        "filtered": any(filters.values()),
        "can_manage": _can_manage(request),
    }
    return render(request, "places/place_list.html", context)


@require_permission(Permission.PLACE_VIEW)
def place_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One place, its flags and its timeline; every view is recorded."""
    place = selectors.place_get(user=request.user, pk=pk)
    flags = selectors.place_flags(user=request.user, place=place)
    timeline = selectors.place_timeline(user=request.user, place=place, flags=flags)
    audit_record(
        actor=request.user,
        action=Action.VIEW,
        target=place,
        detail={"flags_shown": len(flags), "reports_shown": _reports(timeline)},
    )
    can_manage = _can_manage(request)
    context = {
        "place": place,
        "active_flags": [f for f in flags if f.is_active],
        "timeline": timeline,
        "can_manage": can_manage,
        "can_edit": can_manage and _own_agency(request, place.agency_id),
        "own_agency_id": getattr(request.user, "agency_id", None),
    }
    return render(request, "places/place_detail.html", context)


def _reports(timeline: list[selectors.TimelineEntry]) -> list[str]:
    return [entry.title for entry in timeline if entry.kind == "report"]


@require_permission(Permission.PLACE_MANAGE)
def place_create(request: HttpRequest) -> HttpResponse:
    """Add a place, recorded by the user's agency."""
    form = PlaceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            place = services.place_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, PLACE_ADDED)
            return redirect("places:place_detail", pk=place.pk)
    return render(request, "places/place_form.html", {"form": form})


@require_permission(Permission.PLACE_MANAGE)
def place_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a place's details (its own agency only)."""
    place = selectors.place_get(user=request.user, pk=pk)
    if not _own_agency(request, place.agency_id):
        raise PermissionDenied
    form = PlaceForm(request.POST or None, initial=PlaceForm.initial_for(place))
    if request.method == "POST" and form.is_valid():
        try:
            services.place_update(place=place, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, PLACE_CHANGED)
            return redirect("places:place_detail", pk=place.pk)
    return render(request, "places/place_form.html", {"form": form, "place": place})


@require_permission(Permission.PLACE_MANAGE)
def flag_raise(request: HttpRequest, pk: int) -> HttpResponse:
    """Raise a flag on a place for the user's agency."""
    place = selectors.place_get(user=request.user, pk=pk)
    form = FlagRaiseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.place_flag_raise(
                place=place, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, FLAG_RAISED)
            return redirect("places:place_detail", pk=place.pk)
    return render(request, "places/flag_raise.html", {"form": form, "place": place})


@require_permission(Permission.PLACE_MANAGE)
def flag_clear(request: HttpRequest, pk: int, flag_pk: int) -> HttpResponse:
    """Clear one of the user's agency's flags, saying why."""
    place = selectors.place_get(user=request.user, pk=pk)
    flag: PlaceFlag = selectors.flag_get(user=request.user, place=place, pk=flag_pk)
    if not _own_agency(request, flag.agency_id):
        raise PermissionDenied
    form = FlagClearForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.place_flag_clear(
                flag=flag, user=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, FLAG_CLEARED)
            return redirect("places:place_detail", pk=place.pk)
    context: dict[str, Any] = {"form": form, "place": place, "flag": flag}
    return render(request, "places/flag_clear.html", context)
