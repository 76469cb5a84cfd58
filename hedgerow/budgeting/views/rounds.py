"""Coordinators' pages for rounds: list, set up, overview, phases and publication.

Every page needs PB_MANAGE; every change and every view of bids' contact details
is audited. Ballots are never shown one by one, only counted.
"""

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.budgeting.forms.rounds import PhaseForm, RoundForm
from hedgerow.budgeting.models import Phase
from hedgerow.budgeting.selectors import rounds as selectors
from hedgerow.budgeting.services import results as result_services
from hedgerow.budgeting.services import rounds as services
from hedgerow.budgeting.views import done_or_told, staff
from hedgerow.core.forms import add_service_errors
from hedgerow.core.permissions import Permission, require_permission

PURPOSE = "Participatory budgeting: running a round"


@require_permission(Permission.PB_MANAGE)
@require_http_methods(["GET"])
def round_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "budgeting/round_list.html", {"rounds": selectors.round_list()}
    )


@require_permission(Permission.PB_MANAGE)
@require_http_methods(["GET", "POST"])
def round_create(request: HttpRequest) -> HttpResponse:
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            round = services.round_save(
                round=form.save(commit=False),
                by=staff(request),
                areas=form.cleaned_data["areas"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Round set up. Open it for bids when ready."))
            return redirect("budgeting:round_detail", slug=round.slug)
    return render(request, "budgeting/round_form.html", {"form": form})


@require_permission(Permission.PB_MANAGE)
@require_http_methods(["GET", "POST"])
def round_edit(request: HttpRequest, slug: str) -> HttpResponse:
    round = selectors.round_get(slug)
    # The form edits its own copy, so a refused change does not rename the page.
    form = RoundForm(request.POST or None, instance=selectors.round_get(slug))
    if request.method == "POST" and form.is_valid():
        try:
            services.round_save(
                round=form.save(commit=False),
                by=staff(request),
                areas=form.cleaned_data["areas"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Round saved"))
            return redirect("budgeting:round_detail", slug=form.instance.slug)
    return render(request, "budgeting/round_form.html", {"form": form, "round": round})


@require_permission(Permission.PB_MANAGE)
@require_http_methods(["GET"])
def round_detail(request: HttpRequest, slug: str) -> HttpResponse:
    round = selectors.round_get(slug)
    audit_record(actor=request.user, action=Action.VIEW, target=round, purpose=PURPOSE)
    overview = selectors.round_overview(round)
    context = {
        "round": round,
        "overview": overview,
        "bids": selectors.round_bids(round),
        "phases": Phase.choices,
        "phase_problems": (
            services.phase_problems(round, overview.next_phase)
            if overview.next_phase
            else []
        ),
        "result": getattr(round, "result", None),
    }
    return render(request, "budgeting/round_detail.html", context)


@require_permission(Permission.PB_MANAGE)
@require_POST
def round_advance(request: HttpRequest, slug: str) -> HttpResponse:
    round = selectors.round_get(slug)
    form = PhaseForm(request.POST)
    if form.is_valid():
        try:
            round = services.round_advance(
                round=round, by=staff(request), phase=form.cleaned_data["phase"]
            )
        except ValidationError as error:
            for problem in error.messages:
                messages.error(request, problem)
        else:
            messages.success(
                request,
                _("The round is now in its phase: %(phase)s")
                % {"phase": round.get_phase_display()},
            )
    return redirect("budgeting:round_detail", slug=slug)


@require_permission(Permission.PB_MANAGE)
@require_POST
def round_count(request: HttpRequest, slug: str) -> HttpResponse:
    """Count (or count again) a closed round: imported rounds start uncounted."""
    round = selectors.round_get(slug)
    done_or_told(
        request,
        partial(result_services.round_recount, round=round, by=staff(request)),
        _("Ballots counted: check the result, then publish it"),
    )
    return redirect("budgeting:round_detail", slug=slug)


@require_permission(Permission.PB_MANAGE)
@require_POST
def round_publish(request: HttpRequest, slug: str) -> HttpResponse:
    round = selectors.round_get(slug)
    done_or_told(
        request,
        partial(result_services.round_publish, round=round, by=staff(request)),
        _("Results published for everyone to see"),
    )
    return redirect("budgeting:round_detail", slug=slug)
