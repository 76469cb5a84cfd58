"""Actions on a report: each its own page and POST form, through an audited service.

Every action looks the report up through the user's need to know first (404 if
the agency was not given it), then calls one service; a refusal from the service
is shown in the GOV.UK error summary and nothing is changed.
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from hedgerow.accounts.models import User
from hedgerow.accounts.views.partnership import acting_user
from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.core.permissions import Permission, require_permission
from hedgerow.intelligence.forms.triage import (
    AssignForm,
    CloseForm,
    DuplicateForm,
    GradeForm,
    NoteForm,
    PlaceChooseForm,
    PlaceCreateForm,
    PlaceSearchForm,
    QuestionForm,
    ReopenForm,
)
from hedgerow.intelligence.models import Report
from hedgerow.intelligence.selectors.triage import (
    place_search,
    place_visible_list,
    triage_officer_list,
)
from hedgerow.intelligence.services import triage as services
from hedgerow.intelligence.views.triage.detail import visible_report

GRADED = _("Report graded")
ASSIGNED = _("Assignment saved")
PLACE_LINKED = _("Report linked to the place")
MARKED_DUPLICATE = _("Report closed as a duplicate")
QUESTION_ASKED = _(
    "Question sent. The reporter sees it next time they follow up on their report"
)
NOTE_ADDED = _("Note added")
CLOSED = _("Report closed")
REOPENED = _("Report reopened")
TEMPLATES = "intelligence/triage/"

Runner = Callable[[Report, User, dict[str, Any]], object]
FormFactory = Callable[[Any, Report, User], forms.Form]


def form_error(error: ValidationError) -> ValidationError:
    """A service's refusal as errors for the top of the form, whatever its shape."""
    return ValidationError(error.messages)


def _action(
    request: HttpRequest,
    reference: str,
    *,
    form_factory: FormFactory,
    run: Runner,
    template: str,
    success: Promise,
) -> HttpResponse:
    """Show the action's form; on a valid POST run the service and go back."""
    user = acting_user(request)
    report = visible_report(user, reference)
    form = form_factory(
        request.POST if request.method == "POST" else None, report, user
    )
    if request.method == "POST" and form.is_valid():
        try:
            run(report, user, form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, form_error(error))
        else:
            messages.success(request, str(success))
            return redirect("triage:report_detail", reference=report.reference)
    return render(request, TEMPLATES + template, {"form": form, "report": report})


def _triage_action(
    name: str,
    doc: str,
    *,
    form_factory: FormFactory,
    run: Runner,
    template: str,
    success: Promise,
) -> Callable[[HttpRequest, str], HttpResponse]:
    """A GET/POST view for one action, for staff who triage reports."""

    def view(request: HttpRequest, reference: str) -> HttpResponse:
        return _action(
            request,
            reference,
            form_factory=form_factory,
            run=run,
            template=template,
            success=success,
        )

    # Named before decorating, so wraps() and tracebacks carry the action's name.
    view.__name__ = view.__qualname__ = name
    view.__doc__ = doc
    guarded = require_http_methods(["GET", "POST"])(view)
    return require_permission(Permission.REPORT_TRIAGE)(guarded)


report_grade = _triage_action(
    "report_grade",
    "Grade a report: priority, risk, and immediate risk to life.",
    form_factory=lambda data, report, user: GradeForm(
        data,
        initial={
            "priority": report.priority,
            "risk": report.risk,
            "risk_to_life": report.risk_to_life,
        },
    ),
    run=lambda report, user, data: services.report_grade(
        report=report, by=user, **data
    ),
    template="grade.html",
    success=GRADED,
)

report_assign = _triage_action(
    "report_assign",
    "Give a report to an officer of the agency, or to nobody.",
    form_factory=lambda data, report, user: AssignForm(
        data,
        officers=triage_officer_list(user),
        initial={"officer": report.assigned_to_id},
    ),
    run=lambda report, user, data: services.report_assign(
        report=report, by=user, officer=data["officer"]
    ),
    template="assign.html",
    success=ASSIGNED,
)

report_duplicate = _triage_action(
    "report_duplicate",
    "Close a report as a duplicate of another the agency can see.",
    form_factory=lambda data, report, user: DuplicateForm(data),
    run=lambda report, user, data: services.report_mark_duplicate(
        report=report,
        by=user,
        original_reference=data["original"],
        note=data["note"],
    ),
    template="duplicate.html",
    success=MARKED_DUPLICATE,
)

report_question = _triage_action(
    "report_question",
    "Ask the reporter a question, answered through follow-up.",
    form_factory=lambda data, report, user: QuestionForm(data),
    run=lambda report, user, data: services.report_question_ask(
        report=report, by=user, text=data["text"]
    ),
    template="question.html",
    success=QUESTION_ASKED,
)

report_note = _triage_action(
    "report_note",
    "Add an internal note for the agencies the report was routed to.",
    form_factory=lambda data, report, user: NoteForm(data),
    run=lambda report, user, data: services.report_note_add(
        report=report, by=user, text=data["text"]
    ),
    template="note.html",
    success=NOTE_ADDED,
)

report_close = _triage_action(
    "report_close",
    "Close a report with its outcome.",
    form_factory=lambda data, report, user: CloseForm(data),
    run=lambda report, user, data: services.report_close(
        report=report, by=user, outcome=data["outcome"], note=data["note"]
    ),
    template="close.html",
    success=CLOSED,
)

report_reopen = _triage_action(
    "report_reopen",
    "Reopen a closed report, saying why.",
    form_factory=lambda data, report, user: ReopenForm(data),
    run=lambda report, user, data: services.report_reopen(
        report=report, by=user, reason=data["reason"]
    ),
    template="reopen.html",
    success=REOPENED,
)


@require_permission(Permission.REPORT_TRIAGE)
@require_http_methods(["GET", "POST"])
def report_place(request: HttpRequest, reference: str) -> HttpResponse:
    """Find a place in the register to link the report to (or go on to add one)."""
    user = acting_user(request)
    report = visible_report(user, reference)
    choose = PlaceChooseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and choose.is_valid():
        place = get_object_or_404(
            place_visible_list(user), pk=choose.cleaned_data["place"]
        )
        try:
            services.report_place_link(report=report, place=place, by=user)
        except ValidationError as error:
            choose.add_error(None, form_error(error))
        else:
            messages.success(request, PLACE_LINKED)
            return redirect("triage:report_detail", reference=report.reference)
    search = PlaceSearchForm(request.GET if "q" in request.GET else None)
    results = None
    if search.is_bound and search.is_valid():
        query = search.cleaned_data["q"].strip()
        results = list(place_search(user=user, query=query))
        audit_record(
            actor=user,
            action=Action.SEARCH,
            target_type="places.place",
            purpose=services.TRIAGE_PURPOSE,
            detail={"query": query, "results": len(results), "report": reference},
        )
    context = {"report": report, "form": search, "choose": choose, "results": results}
    return render(request, TEMPLATES + "place.html", context)


@require_permission(Permission.REPORT_TRIAGE)
@require_http_methods(["GET", "POST"])
def report_place_new(request: HttpRequest, reference: str) -> HttpResponse:
    """Add the place the report is about to the register, and link the report to it."""
    user = acting_user(request)
    report = visible_report(user, reference)
    initial = {
        "address": report.location_description,
        "postcode": report.postcode,
        "latitude": report.latitude,
        "longitude": report.longitude,
    }
    form = PlaceCreateForm(
        request.POST if request.method == "POST" else None, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.report_place_link_new(report=report, by=user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, form_error(error))
        else:
            messages.success(request, PLACE_LINKED)
            return redirect("triage:report_detail", reference=report.reference)
    return render(
        request, TEMPLATES + "place_new.html", {"form": form, "report": report}
    )
