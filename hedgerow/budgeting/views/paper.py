"""Paper ballots: one person types each one in, a second checks it against the paper."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hedgerow.budgeting.forms.ballots import PaperBallotForm
from hedgerow.budgeting.models import Ballot
from hedgerow.budgeting.selectors import rounds as selectors
from hedgerow.budgeting.services import voting as services
from hedgerow.budgeting.views import done_or_told, staff
from hedgerow.core.forms import add_service_errors
from hedgerow.core.permissions import Permission, require_permission


@require_permission(Permission.PB_MANAGE)
@require_http_methods(["GET", "POST"])
def paper_enter(request: HttpRequest, slug: str) -> HttpResponse:
    round = selectors.round_get(slug)
    bids = services.ballot_bids(round)
    form = PaperBallotForm(request.POST or None, round=round, bids=bids)
    if request.method == "POST" and form.is_valid():
        try:
            services.paper_ballot_enter(
                round=round,
                by=staff(request),
                code=form.cleaned_data["code"],
                choices=form.choices(),
                number=form.cleaned_data["number"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Paper ballot %(number)s entered. A second person must confirm it.")
                % {"number": form.cleaned_data["number"]},
            )
            return redirect("budgeting:paper_enter", slug=slug)
    context = {
        "round": round,
        "form": form,
        "waiting": selectors.paper_ballots_waiting(round).count(),
    }
    return render(request, "budgeting/paper_enter.html", context)


@require_permission(Permission.PB_MANAGE)
@require_http_methods(["GET"])
def paper_queue(request: HttpRequest, slug: str) -> HttpResponse:
    round = selectors.round_get(slug)
    context = {"round": round, "ballots": selectors.paper_ballots_waiting(round)}
    return render(request, "budgeting/paper_queue.html", context)


@require_permission(Permission.PB_MANAGE)
@require_POST
def paper_decide(request: HttpRequest, slug: str, ballot_id: str) -> HttpResponse:
    round = selectors.round_get(slug)
    ballot = get_object_or_404(Ballot, round=round, pk=ballot_id, is_confirmed=False)
    if request.POST.get("decision") == "confirm":
        decide, said = (
            services.paper_ballot_confirm,
            _("Ballot confirmed: it will be counted"),
        )
    else:
        decide, said = (
            services.paper_ballot_reject,
            _("Entry rejected and its code freed: enter the paper again"),
        )
    done_or_told(request, partial(decide, ballot=ballot, by=staff(request)), said)
    return redirect("budgeting:paper_queue", slug=slug)
