"""Searching and exporting the audit trail; both are recorded in the trail itself."""

from dataclasses import replace
from typing import Any, cast

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from hedgerow.audit.csv_export import csv_lines
from hedgerow.audit.forms import FILTER_FIELDS, AuditExportForm, AuditSearchForm
from hedgerow.audit.models import Action
from hedgerow.audit.selectors import AuditFilters, audit_event_list, audit_newest_seq
from hedgerow.audit.services import AUDIT_TARGET_TYPE, audit_record, audit_trail_export
from hedgerow.core.permissions import Permission, has_permission, require_permission

PAGE_SIZE = 50


@require_permission(Permission.AUDIT_VIEW)
@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    """Search the trail, newest first; each page of results viewed is recorded."""
    form = AuditSearchForm(request.GET)
    context: dict[str, Any] = {
        "form": form,
        "can_export": has_permission(request.user, Permission.AUDIT_EXPORT),
    }
    if form.is_valid():
        context.update(_results_page(request, form.filters()))
    return render(request, "audit/event_list.html", context)


def _results_page(request: HttpRequest, filters: AuditFilters) -> dict[str, Any]:
    """One page of matching events, from the trail as it was when the search began."""
    if filters.up_to_seq is None:
        filters = replace(filters, up_to_seq=audit_newest_seq())
    paginator = Paginator(audit_event_list(filters=filters), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    audit_record(
        actor=request.user,
        action=Action.SEARCH,
        target_type=AUDIT_TARGET_TYPE,
        # Filters, snapshot and page together say exactly which events were shown.
        detail={
            "filters": filters.as_detail(),
            "through_seq": filters.up_to_seq,
            "page": page.number,
        },
    )
    return {
        "page_obj": page,
        "page_range": paginator.get_elided_page_range(page.number, on_ends=1),
        "page_query": _pinned_query(request, filters.up_to_seq),
        "filtered": bool(filters.as_detail()),
    }


def _pinned_query(request: HttpRequest, up_to_seq: int | None) -> QueryDict:
    """This search's parameters, pinned to the trail as it was on its first page."""
    query = request.GET.copy()
    query["upto"] = str(up_to_seq)
    return query


@require_permission(Permission.AUDIT_EXPORT)
@require_http_methods(["GET", "POST"])
def export(request: HttpRequest) -> HttpResponse:
    """Ask why, then download matching events as CSV; the export is recorded first."""
    if request.method == "POST":
        form = AuditExportForm(request.POST)
        if form.is_valid():
            return _csv_download(request, form)
    else:
        initial = {
            name: request.GET[name] for name in FILTER_FIELDS if name in request.GET
        }
        form = AuditExportForm(initial=initial)
    return render(request, "audit/export.html", {"form": form})


def _csv_download(request: HttpRequest, form: AuditExportForm) -> HttpResponse:
    """Record the export, then stream it; the file holds the events before its own."""
    export = audit_trail_export(
        by=request.user, filters=form.filters(), purpose=form.cleaned_data["purpose"]
    )
    response = StreamingHttpResponse(
        csv_lines(export.events), content_type="text/csv; charset=utf-8"
    )
    filename = f"audit-trail-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # require_permission is typed for HttpResponse; Django serves either kind alike.
    return cast(HttpResponse, response)
