"""Table insights: recording, correcting and deleting them, and the insight page."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.core.forms import add_service_errors
from hedgerow.core.permissions import Permission, require_permission
from hedgerow.engagement import selectors, services
from hedgerow.engagement.forms import InsightFilterForm, InsightForm
from hedgerow.engagement.models import Event
from hedgerow.engagement.views import posted

INSIGHT_TYPE = "engagement.insight"
FILTER_FIELDS = ("date_from", "date_to", "kind", "theme", "local_authority", "lsoa")


def _to_event(event: Event) -> str:
    return reverse("engagement:event_detail", args=[event.pk]) + "#insights"


@require_permission(Permission.ENGAGEMENT_MANAGE)
@require_http_methods(["GET", "POST"])
def insight_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Record an insight; "Save and add another" comes back to an empty form."""
    event = selectors.event_get(pk=pk)
    initial: dict[str, Any] = {"lsoa": event.lsoa}
    form = InsightForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.insight_create(event=event, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Insight recorded"))
            if "another" in request.POST:
                return redirect("engagement:insight_create", pk=event.pk)
            return redirect(_to_event(event))
    context = {"form": form, "event": event, "insight": None}
    return render(request, "engagement/insight_form.html", context)


@require_permission(Permission.ENGAGEMENT_MANAGE)
@require_http_methods(["GET", "POST"])
def insight_edit(request: HttpRequest, pk: int, insight_pk: int) -> HttpResponse:
    """Correct an insight: its words, themes, neighbourhood or quoting."""
    event = selectors.event_get(pk=pk)
    insight = selectors.insight_get(event=event, pk=insight_pk)
    initial = {name: getattr(insight, name) for name in services.INSIGHT_FIELDS}
    initial["themes"] = list(insight.themes.all())
    form = InsightForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.insight_update(
                insight=insight, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Insight changed"))
            return redirect(_to_event(event))
    context = {"form": form, "event": event, "insight": insight}
    return render(request, "engagement/insight_form.html", context)


@require_permission(Permission.ENGAGEMENT_MANAGE)
@require_http_methods(["GET", "POST"])
def insight_delete(request: HttpRequest, pk: int, insight_pk: int) -> HttpResponse:
    """Ask, then delete an insight."""
    event = selectors.event_get(pk=pk)
    insight = selectors.insight_get(event=event, pk=insight_pk)
    if request.method == "POST":
        services.insight_delete(insight=insight, user=request.user)
        messages.success(request, _("Insight deleted"))
        return redirect(_to_event(event))
    context = {"event": event, "insight": insight}
    return render(request, "engagement/insight_delete.html", context)


@require_permission(Permission.ENGAGEMENT_VIEW)
@require_http_methods(["GET"])
def insight_summary(request: HttpRequest) -> HttpResponse:
    """Insights across events, by threat theme and by area, with quotes."""
    form = InsightFilterForm(request.GET)
    given = any(request.GET.get(name) for name in FILTER_FIELDS)
    context: dict[str, Any] = {"form": form, "filtered": given}
    if form.is_valid():
        filters = form.filters()
        summary = selectors.insight_summary(filters=filters)
        audit_record(
            actor=request.user,
            action=Action.SEARCH if given else Action.VIEW,
            target_type=INSIGHT_TYPE,
            purpose="Community events: insights across events",
            detail={"filters": filters.as_detail(), "insights": summary.total},
        )
        context["summary"] = summary
    return render(request, "engagement/insight_summary.html", context)
