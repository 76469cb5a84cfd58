"""The disruption log's staff pages under /disruptions/.

Reading the log (dashboard, list, detail, export) needs GROUP_VIEW, whose holders
are told they see "groups, their networks and disruptions"; recording and
correcting need DISRUPTION_RECORD; the tactics menu needs TACTIC_MANAGE. Each
reader sees only the disruptions visible to them (ADR 0020), and every page view,
search and export is audited with its purpose.
"""

import csv
from collections.abc import Iterator
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hedgerow.audit.csv_export import BYTE_ORDER_MARK, StreamingWriter, csv_cell
from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.core.forms import add_service_errors
from hedgerow.core.permissions import Permission, has_permission, require_permission
from hedgerow.disruptions import selectors, services
from hedgerow.disruptions.forms import (
    DisruptionExportForm,
    DisruptionFilterForm,
    DisruptionForm,
    TacticForm,
)
from hedgerow.disruptions.models import Disruption, Tactic
from hedgerow.networks import selectors as network_selectors
from hedgerow.places import selectors as place_selectors

PAGE_SIZE = 25
TARGET_TYPE = "disruptions.disruption"
FILTER_FIELDS = ("date_from", "date_to", "strand", "agency", "group")


def _filtered(request: HttpRequest) -> tuple[DisruptionFilterForm, bool]:
    """The filter form from the query string, and whether any filter is given."""
    form = DisruptionFilterForm(request.GET, user=request.user)
    given = any(request.GET.get(name) for name in FILTER_FIELDS)
    return form, given


@require_permission(Permission.GROUP_VIEW)
@require_http_methods(["GET"])
def dashboard(request: HttpRequest) -> HttpResponse:
    form, given = _filtered(request)
    context: dict[str, Any] = {
        "form": form,
        "filtered": given,
        "can_record": has_permission(request.user, Permission.DISRUPTION_RECORD),
        "can_manage_tactics": has_permission(request.user, Permission.TACTIC_MANAGE),
    }
    if form.is_valid():
        filters = form.filters()
        context["counts"] = selectors.disruption_counts(
            user=request.user, filters=filters, today=timezone.localdate()
        )
        audit_record(
            actor=request.user,
            action=Action.SEARCH if given else Action.VIEW,
            target_type=TARGET_TYPE,
            purpose="Disruption log: dashboard of counts",
            detail={"filters": filters.as_detail()},
        )
    return render(request, "disruptions/dashboard.html", context)


@require_permission(Permission.GROUP_VIEW)
@require_http_methods(["GET"])
def disruption_list(request: HttpRequest) -> HttpResponse:
    form, given = _filtered(request)
    context: dict[str, Any] = {
        "form": form,
        "filtered": given,
        "can_record": has_permission(request.user, Permission.DISRUPTION_RECORD),
    }
    if form.is_valid():
        filters = form.filters()
        paginator = Paginator(
            selectors.disruption_list(user=request.user, filters=filters), PAGE_SIZE
        )
        page = paginator.get_page(request.GET.get("page"))
        audit_record(
            actor=request.user,
            action=Action.SEARCH if given else Action.VIEW,
            target_type=TARGET_TYPE,
            purpose="Disruption log: list of disruptions",
            detail={"filters": filters.as_detail(), "page": page.number},
        )
        context |= {
            "page_obj": page,
            "page_range": paginator.get_elided_page_range(page.number, on_ends=1),
            "rows": [
                {"disruption": d, "targets": selectors.target_labels(d)} for d in page
            ],
        }
    return render(request, "disruptions/disruption_list.html", context)


@require_permission(Permission.GROUP_VIEW)
def disruption_detail(request: HttpRequest, pk: int) -> HttpResponse:
    disruption = selectors.disruption_get(user=request.user, pk=pk)
    audit_record(
        actor=request.user,
        action=Action.VIEW,
        target=disruption,
        purpose="Disruption log: viewing a disruption",
    )
    context = {
        "disruption": disruption,
        "targets": selectors.target_labels(disruption),
        "can_edit": has_permission(request.user, Permission.DISRUPTION_RECORD)
        and selectors.can_edit(user=request.user, disruption=disruption),
    }
    return render(request, "disruptions/disruption_detail.html", context)


def _prefill(request: HttpRequest) -> dict[str, Any]:
    """The target named in ?group=, ?subject= or ?place=, if the user may see it.

    A group off the user's panel is 403 and an unknown one 404 (as on the group
    pages); a subject or place they may not see is 404.
    """
    initial: dict[str, Any] = {}
    finders = {
        "group": network_selectors.group_get,
        "subject": network_selectors.subject_get,
        "place": place_selectors.place_get,
    }
    for name, find in finders.items():
        value = request.GET.get(name)
        if value:
            if not value.isdigit():
                raise Http404
            initial[name] = find(user=request.user, pk=int(value))
    return initial


@require_permission(Permission.DISRUPTION_RECORD)
@require_http_methods(["GET", "POST"])
def disruption_record(request: HttpRequest) -> HttpResponse:
    prefill = _prefill(request)
    initial = {
        "occurred_on": timezone.localdate(),
        "agency": getattr(request.user, "agency", None),
        **prefill,
    }
    form = DisruptionForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            disruption = services.disruption_record(
                user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Disruption recorded"))
            return redirect("disruptions:disruption_detail", pk=disruption.pk)
    context = {"form": form, "disruption": None, "prefill": prefill}
    return render(request, "disruptions/disruption_form.html", context)


@require_permission(Permission.DISRUPTION_RECORD)
@require_http_methods(["GET", "POST"])
def disruption_edit(request: HttpRequest, pk: int) -> HttpResponse:
    disruption = selectors.disruption_get(user=request.user, pk=pk)
    if not selectors.can_edit(user=request.user, disruption=disruption):
        raise PermissionDenied
    initial = {name: getattr(disruption, name) for name in services.DISRUPTION_FIELDS}
    form = DisruptionForm(
        request.POST or None,
        user=request.user,
        disruption=disruption,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.disruption_update(
                disruption=disruption, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Disruption changed"))
            return redirect("disruptions:disruption_detail", pk=disruption.pk)
    context = {"form": form, "disruption": disruption, "prefill": {}}
    return render(request, "disruptions/disruption_form.html", context)


CSV_HEADER = (
    "id",
    "date",
    "agency",
    "tactic",
    "strand",
    "impact",
    "group",
    "subject",
    "place",
    "rationale",
    "evidence",
    "recording_agency",
    "recorded_at",
)


def _csv_row(disruption: Disruption) -> list[str]:
    targets = selectors.target_labels(disruption)
    values = (
        disruption.pk,
        disruption.occurred_on.isoformat(),
        disruption.agency.name,
        disruption.tactic.name,
        disruption.get_strand_display(),
        disruption.get_impact_display(),
        targets["group"],
        targets["subject"],
        targets["place"],
        disruption.rationale,
        disruption.evidence,
        disruption.recording_agency.name,
        disruption.created_at,
    )
    return [csv_cell(value) for value in values]


def csv_lines(disruptions: Any) -> Iterator[str]:
    """The header then one line per disruption, read in chunks so memory stays flat."""
    writer = csv.writer(StreamingWriter())
    yield BYTE_ORDER_MARK + writer.writerow(CSV_HEADER)
    for disruption in disruptions.iterator(chunk_size=500):
        yield writer.writerow(_csv_row(disruption))


@require_permission(Permission.GROUP_VIEW)
@require_http_methods(["GET", "POST"])
def disruption_export(request: HttpRequest) -> HttpResponse:
    """Ask why, then download matching disruptions as CSV; recorded first."""
    if request.method == "POST":
        form = DisruptionExportForm(request.POST, user=request.user)
        if form.is_valid():
            export = services.disruption_export(
                user=request.user,
                filters=form.filters(),
                purpose=form.cleaned_data["purpose"],
            )
            response = StreamingHttpResponse(
                csv_lines(export.disruptions), content_type="text/csv; charset=utf-8"
            )
            filename = f"disruptions-{timezone.localdate():%Y-%m-%d}.csv"
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
            # require_permission is typed for HttpResponse; Django serves both.
            return cast(HttpResponse, response)
    else:
        initial = {
            name: request.GET[name] for name in FILTER_FIELDS if name in request.GET
        }
        form = DisruptionExportForm(user=request.user, initial=initial)
    return render(request, "disruptions/export.html", {"form": form})


@require_permission(Permission.TACTIC_MANAGE)
def tactic_list(request: HttpRequest) -> HttpResponse:
    tactics = list(selectors.tactic_list())
    audit_record(
        actor=request.user,
        action=Action.VIEW,
        target_type="disruptions.tactic",
        purpose="Disruption log: menu of tactics",
    )
    context = {
        "active": [t for t in tactics if t.is_active],
        "retired": [t for t in tactics if not t.is_active],
    }
    return render(request, "disruptions/tactic_list.html", context)


@require_permission(Permission.TACTIC_MANAGE)
@require_http_methods(["GET", "POST"])
def tactic_create(request: HttpRequest) -> HttpResponse:
    form = TacticForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.tactic_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Tactic added to the menu"))
            return redirect("disruptions:tactic_list")
    return render(request, "disruptions/tactic_form.html", {"form": form})


@require_permission(Permission.TACTIC_MANAGE)
@require_http_methods(["GET", "POST"])
def tactic_edit(request: HttpRequest, pk: int) -> HttpResponse:
    tactic = get_object_or_404(Tactic, pk=pk)
    initial = {
        "name": tactic.name,
        "usual_strand": tactic.usual_strand,
        "legal_basis": tactic.legal_basis,
        "description": tactic.description,
        "is_active": tactic.is_active,
    }
    form = TacticForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            # A fresh copy, so a refused change leaves the page's caption as it was.
            services.tactic_update(
                tactic=Tactic.objects.get(pk=tactic.pk),
                user=request.user,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Tactic saved"))
            return redirect("disruptions:tactic_list")
    context = {"form": form, "tactic": tactic}
    return render(request, "disruptions/tactic_form.html", context)
