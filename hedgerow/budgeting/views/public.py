"""Residents' pages: the open rounds, one round's projects and timetable, results.

Public pages (`@public_page`) read nothing about the device and set no cookies
(hedgerow.core.anonymity); they are in English, Welsh and the community languages.
"""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from hedgerow.budgeting.models import Phase, Round
from hedgerow.budgeting.selectors import rounds as selectors
from hedgerow.budgeting.selectors.results import result_page
from hedgerow.budgeting.services.voting import ballot_bids
from hedgerow.core.public import public_page


@public_page
@require_http_methods(["GET"])
def round_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "pb/round_list.html", {"rounds": selectors.round_public_list()}
    )


@public_page
@require_http_methods(["GET"])
def round_detail(request: HttpRequest, slug: str) -> HttpResponse:
    round = selectors.round_public_get(slug)
    context: dict[str, Any] = {
        "round": round,
        "voting": round.phase == Phase.VOTING,
        "taking_bids": round.phase == Phase.BIDS_OPEN,
    }
    if round.phase in (Phase.VOTING, Phase.RESULTS, Phase.DELIVERY):
        context["bids"] = ballot_bids(round)
    return render(request, "pb/round_detail.html", context)


def _published(slug: str) -> Round:
    round = selectors.round_public_get(slug)
    if not round.is_published:
        raise Http404("The results are not published yet.")
    return round


@public_page
@require_http_methods(["GET"])
def results(request: HttpRequest, slug: str) -> HttpResponse:
    round = _published(slug)
    return render(request, "pb/results.html", result_page(round))
