"""The agency's triage queue, and the coordinators' list of unrouted reports."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from hedgerow.accounts.views.partnership import acting_user
from hedgerow.core.permissions import Permission, require_permission
from hedgerow.intelligence.forms.routing import ManualRouteForm
from hedgerow.intelligence.forms.triage import AgeBand, QueueFilterForm
from hedgerow.intelligence.selectors.triage import (
    QueueFilters,
    overdue_before,
    queue_local_authorities,
    report_overdue_count,
    report_queue,
    unrouted_report_list,
)
from hedgerow.intelligence.services.routing import report_route_manually
from hedgerow.intelligence.services.triage import (
    report_queue_search_record,
    report_view_record,
)

PAGE_SIZE = 25
ROUTED_BY_HAND = _("Report routed. It is now in the queue of the agencies you chose")


@require_permission(Permission.REPORT_TRIAGE)
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    """The reports routed to the user's agency, filtered, sorted and paginated."""
    user = acting_user(request)
    form = QueueFilterForm(request.GET, local_authorities=queue_local_authorities(user))
    form.is_valid()  # Apply the filters that are valid; show errors for the others.
    reports = report_queue(user=user, filters=_filters(form))
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    report_queue_search_record(
        by=user,
        filters=form.applied(),
        page=page.number,
        results=page.paginator.count,
    )
    context = {
        "form": form,
        "page": page,
        "page_range": page.paginator.get_elided_page_range(
            page.number, on_each_side=1, on_ends=1
        ),
        "overdue_count": report_overdue_count(user),
        "overdue_before": overdue_before(),
    }
    return render(request, "intelligence/triage/queue.html", context)


def _filters(form: QueueFilterForm) -> QueueFilters:
    data: dict[str, Any] = getattr(form, "cleaned_data", {})
    return QueueFilters(
        status=data.get("status") or "open",
        threat=data.get("threat"),
        local_authority=data.get("local_authority") or "",
        lsoa=data.get("lsoa") or "",
        age=AgeBand.BANDS.get(data.get("age") or "", (None, None)),
        priority=data.get("priority") or "",
        mine=bool(data.get("mine")),
        overdue=bool(data.get("overdue")),
        sort=data.get("sort") or "newest",
    )


@require_permission(Permission.ROUTING_MANAGE)
@require_GET
def unrouted(request: HttpRequest) -> HttpResponse:
    """Reports that reached no agency, waiting for a coordinator to route them."""
    page = Paginator(unrouted_report_list(), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "page_range": page.paginator.get_elided_page_range(
            page.number, on_each_side=1, on_ends=1
        ),
    }
    return render(request, "intelligence/triage/unrouted.html", context)


@require_permission(Permission.ROUTING_MANAGE)
@require_http_methods(["GET", "POST"])
def route_manually(request: HttpRequest, reference: str) -> HttpResponse:
    """Choose the agencies an unrouted report goes to."""
    user = acting_user(request)
    report = get_object_or_404(unrouted_report_list(), reference=reference)
    form = ManualRouteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            report_route_manually(
                report=report,
                agencies=form.cleaned_data["agencies"],
                by=user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, ROUTED_BY_HAND)
            return redirect("triage:unrouted")
    else:
        report_view_record(report=report, by=user, purpose="routing", part="summary")
    context = {"form": form, "report": report}
    return render(request, "intelligence/triage/route_manually.html", context)
