"""Voting with a one-time code: enter the code, fill in the ballot, check, cast.

Every step after the first is a POST carrying the code in a hidden field, answered
by rendering the next page (no redirect, which would put the code in a URL). These
views are CSRF-exempt for the reason the report flow's are (hedgerow.intelligence.
views.intake): public pages set no cookies, and a forged POST cannot know a code.
Nothing about the device is read, and responses are not stored (no-store).
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from hedgerow.budgeting.forms.ballots import BallotForm, CodeForm
from hedgerow.budgeting.models import Round
from hedgerow.budgeting.selectors import rounds as selectors
from hedgerow.budgeting.services import voting as services
from hedgerow.core.public import public_page
from hedgerow.core.ratelimit import (
    RATE_LIMITED,
    WRONG_VOTING_CODES,
    rate_limit_allows,
    rate_limit_exhausted,
)

View = Callable[..., HttpResponse]


def voting_page(view: View) -> View:
    """Public, not stored, and CSRF-exempt: the code is what a forgery cannot know."""
    page: View = csrf_exempt(public_page(view, no_store=True))
    return page


def _code_page(
    request: HttpRequest, round: Round, form: CodeForm, status: int = 200
) -> HttpResponse:
    return render(
        request, "pb/vote_code.html", {"round": round, "form": form}, status=status
    )


def _ballot_page(
    request: HttpRequest, round: Round, code: str, form: BallotForm
) -> HttpResponse:
    context = {"round": round, "code": code, "form": form, "bids": form.bids}
    return render(request, "pb/vote_ballot.html", context)


def _checked_code(
    request: HttpRequest, round: Round
) -> tuple[str, HttpResponse | None]:
    """The posted code, or the page to show instead when it cannot vote."""
    form = CodeForm(request.POST)
    if rate_limit_exhausted(request, WRONG_VOTING_CODES):
        form.is_valid()
        form.add_error(None, str(RATE_LIMITED))
        return "", _code_page(request, round, form, status=429)
    if not form.is_valid():
        return "", _code_page(request, round, form)
    code = form.cleaned_data["code"]
    problem = services.code_problem(round=round, code=code)
    if problem:
        if problem == str(services.CODE_UNKNOWN):
            rate_limit_allows(request, WRONG_VOTING_CODES)
        form.add_error("code", problem)
        return "", _code_page(request, round, form)
    return code, None


@voting_page
@require_http_methods(["GET", "POST"])
def vote_start(request: HttpRequest, slug: str) -> HttpResponse:
    """The code page; a QR code's link fills the code in (?code=)."""
    round = selectors.round_public_get(slug)
    if request.method == "GET":
        form = CodeForm(initial={"code": request.GET.get("code", "")[:40]})
        return _code_page(request, round, form)
    code, refusal = _checked_code(request, round)
    if refusal:
        return refusal
    ballot = BallotForm(round=round, bids=services.ballot_bids(round))
    return _ballot_page(request, round, code, ballot)


def _filled_ballot(
    request: HttpRequest, round: Round, code: str
) -> tuple[BallotForm, bool]:
    form = BallotForm(request.POST, round=round, bids=services.ballot_bids(round))
    if not form.is_valid():
        return form, False
    problems = services.ballot_problems(round=round, choices=form.choices())
    for problem in problems:
        form.add_error(None, problem)
    return form, not problems


@voting_page
@require_POST
def vote_check(request: HttpRequest, slug: str) -> HttpResponse:
    """Check the ballot and show it back; "change" returns to the ballot as filled."""
    round = selectors.round_public_get(slug)
    code, refusal = _checked_code(request, round)
    if refusal:
        return refusal
    form, ok = _filled_ballot(request, round, code)
    if request.POST.get("action") == "change" or not ok:
        if request.POST.get("action") == "change":
            form = BallotForm(
                request.POST, round=round, bids=services.ballot_bids(round)
            )
        return _ballot_page(request, round, code, form)
    chosen = form.choices()
    context: dict[str, Any] = {
        "round": round,
        "code": code,
        "hidden": form.as_hidden_choices(),
        "chosen": [(bid, chosen[bid.pk]) for bid in form.bids if bid.pk in chosen],
        "total": sum(bid.amount or 0 for bid in form.bids if bid.pk in chosen),
    }
    return render(request, "pb/vote_check.html", context)


@voting_page
@require_POST
def vote_cast(request: HttpRequest, slug: str) -> HttpResponse:
    round = selectors.round_public_get(slug)
    code, refusal = _checked_code(request, round)
    if refusal:
        return refusal
    form, ok = _filled_ballot(request, round, code)
    if not ok:
        return _ballot_page(request, round, code, form)
    try:
        services.ballot_cast(round=round, code=code, choices=form.choices())
    except ValidationError as error:
        code_form = CodeForm(request.POST)
        code_form.is_valid()
        code_form.add_error(None, error)
        return _code_page(request, round, code_form)
    return render(request, "pb/vote_done.html", {"round": round})
