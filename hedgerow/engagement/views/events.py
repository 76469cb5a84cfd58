"""Events: the list, recording and changing one, its page, age bands and report."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.core.forms import add_service_errors
from hedgerow.core.permissions import Permission, has_permission, require_permission
from hedgerow.engagement import selectors, services
from hedgerow.engagement.forms import AgeBandForm, EventFilterForm, EventForm
from hedgerow.engagement.models import Event
from hedgerow.engagement.views import posted

PAGE_SIZE = 25
EVENT_TYPE = "engagement.event"
FILTER_FIELDS = ("kind", "date_from", "date_to", "local_authority", "lsoa")


def _can_manage(request: HttpRequest) -> bool:
    return has_permission(request.user, Permission.ENGAGEMENT_MANAGE)


@require_permission(Permission.ENGAGEMENT_VIEW)
@require_http_methods(["GET"])
def event_list(request: HttpRequest) -> HttpResponse:
    """Events, newest first, with filters; audited as a view or a search."""
    form = EventFilterForm(request.GET)
    given = any(request.GET.get(name) for name in FILTER_FIELDS)
    context: dict[str, Any] = {
        "form": form,
        "filtered": given,
        "can_manage": _can_manage(request),
    }
    if form.is_valid():
        filters = form.filters()
        paginator = Paginator(selectors.event_list(filters=filters), PAGE_SIZE)
        page = paginator.get_page(request.GET.get("page"))
        audit_record(
            actor=request.user,
            action=Action.SEARCH if given else Action.VIEW,
            target_type=EVENT_TYPE,
            purpose="Community events: list of events",
            detail={"filters": filters.as_detail(), "page": page.number},
        )
        context |= {
            "page_obj": page,
            "page_range": paginator.get_elided_page_range(page.number, on_ends=1),
        }
    return render(request, "engagement/event_list.html", context)


@require_permission(Permission.ENGAGEMENT_VIEW)
@require_http_methods(["GET"])
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One event with its age bands, documents and insights; audited."""
    event = selectors.event_get(pk=pk)
    audit_record(
        actor=request.user,
        action=Action.VIEW,
        target=event,
        purpose="Community events: viewing an event and its insights",
    )
    context = {"event": event, "can_manage": _can_manage(request)}
    return render(request, "engagement/event_detail.html", context)


@require_permission(Permission.ENGAGEMENT_MANAGE)
@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest) -> HttpResponse:
    """Record an event; the recorder's agency starts ticked as a partner."""
    initial = {"held_on": timezone.localdate(), "attendance": 0}
    if agency := getattr(request.user, "agency", None):
        initial["agencies"] = [agency]
    form = EventForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Event recorded"))
            return redirect("engagement:event_detail", pk=event.pk)
    return render(request, "engagement/event_form.html", {"form": form, "event": None})


def _event_initial(event: Event) -> dict[str, Any]:
    initial = {name: getattr(event, name) for name in services.EVENT_FIELDS}
    initial["agencies"] = list(event.agencies.all())
    initial["facilitators"] = list(event.facilitators.all())
    return initial


@require_permission(Permission.ENGAGEMENT_MANAGE)
@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change an event; its attendance may not fall below its age bands."""
    event = selectors.event_get(pk=pk)
    form = EventForm(posted(request), event=event, initial=_event_initial(event))
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(event=event, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Event changed"))
            return redirect("engagement:event_detail", pk=event.pk)
    context = {"form": form, "event": event}
    return render(request, "engagement/event_form.html", context)


@require_permission(Permission.ENGAGEMENT_MANAGE)
@require_http_methods(["GET", "POST"])
def event_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """Count an event's attendance by age band."""
    event = selectors.event_get(pk=pk)
    initial = {row.band: row.count for row in event.age_bands.all()}
    form = AgeBandForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_attendance_set(
                event=event, user=request.user, counts=form.counts()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Attendance by age band saved"))
            return redirect("engagement:event_detail", pk=event.pk)
    context = {"form": form, "event": event}
    return render(request, "engagement/event_attendance.html", context)


@require_permission(Permission.ENGAGEMENT_VIEW)
@require_http_methods(["GET"])
def event_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The printable report: attendance, themes with counts, and quotes."""
    event = selectors.event_get(pk=pk)
    report = selectors.event_report(event=event)
    audit_record(
        actor=request.user,
        action=Action.VIEW,
        target=event,
        purpose="Community events: event report",
        detail={"quotes": len(report.quotes)},
    )
    return render(request, "engagement/event_report.html", {"report": report})
