"""Community groups' pages: ask for a link, then write, save and submit the bid.

The link's secret is in its path; public pages set no cookies, so the forms are
CSRF-exempt and the secret does the job a CSRF cookie would (as in the report flow).
"""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from hedgerow.budgeting.forms.bids import (
    BidForm,
    BidLinkForm,
    DocumentForm,
    bid_initial,
)
from hedgerow.budgeting.models import Bid, BidDocument
from hedgerow.budgeting.selectors import rounds as selectors
from hedgerow.budgeting.services import bid_documents as document_services
from hedgerow.budgeting.services import bids as services
from hedgerow.core.documents import document_download
from hedgerow.core.forms import add_service_errors
from hedgerow.core.public import public_page
from hedgerow.core.ratelimit import BID_LINK_REQUESTS, RATE_LIMITED, rate_limit_allows

View = Callable[..., HttpResponse]


def portal_page(view: View) -> View:
    page: View = csrf_exempt(public_page(view, no_store=True))
    return page


@portal_page
@require_http_methods(["GET", "POST"])
def bid_start(request: HttpRequest, slug: str) -> HttpResponse:
    round = selectors.round_public_get(slug)
    form = BidLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["website"]:  # the honeypot: software, not a person
            return render(request, "pb/bid_link_sent.html", {"round": round})
        if not rate_limit_allows(request, BID_LINK_REQUESTS):
            form.add_error(None, str(RATE_LIMITED))
        else:
            try:
                services.bid_link_request(
                    round=round,
                    group_name=form.cleaned_data["group_name"],
                    email=form.cleaned_data["email"],
                    link_url=lambda secret: request.build_absolute_uri(
                        reverse("pb:bid_edit", kwargs={"secret": secret})
                    ),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                context = {"round": round, "email": form.cleaned_data["email"]}
                return render(request, "pb/bid_link_sent.html", context)
    return render(request, "pb/bid_start.html", {"round": round, "form": form})


def _linked_bid(secret: str) -> Bid:
    bid = services.bid_from_link(secret)
    if bid is None:
        raise Http404("This link does not open a bid.")
    return bid


def _document_change(request: HttpRequest, bid: Bid, upload: DocumentForm) -> None:
    """Add the uploaded document, or remove the one asked for."""
    try:
        if request.POST.get("action") == "remove_document":
            document_id = int(request.POST.get("document_id") or 0)
            document_services.bid_document_remove(bid=bid, document_id=document_id)
        elif upload.is_valid():
            document = upload.cleaned_data["document"]
            document_services.bid_document_add(
                bid=bid, name=document.name or "", content=document.read()
            )
    except ValidationError as error:
        add_service_errors(upload, error)


@portal_page
@require_http_methods(["GET", "POST"])
def bid_edit(request: HttpRequest, secret: str) -> HttpResponse:
    bid = _linked_bid(secret)
    editable = services.bid_takes_changes(bid)
    posted = editable and request.method == "POST"
    action = request.POST.get("action", "") if posted else ""
    on_documents = action in ("upload", "remove_document")
    form = BidForm(
        request.POST if posted and not on_documents else None,
        initial=bid_initial(bid),
        round=bid.round,
    )
    upload = DocumentForm(request.POST or None, request.FILES or None)
    saved = False
    if on_documents:
        _document_change(request, bid, upload)
    elif action == "withdraw":
        services.bid_withdraw(bid=bid)
        bid.refresh_from_db()
        editable = False
    elif posted and form.is_valid():
        try:
            bid = services.bid_save(
                bid=bid, draft=form.draft(), submit=action == "submit"
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            saved = True
    context = {
        "bid": bid,
        "round": bid.round,
        "form": form,
        "upload": upload if on_documents else DocumentForm(),
        "editable": editable,
        "saved": saved,
        "secret": secret,
    }
    return render(request, "pb/bid_edit.html", context)


@portal_page
@require_http_methods(["GET"])
def bid_document(request: HttpRequest, secret: str, document_id: int) -> HttpResponse:
    """The group's own document, through its link."""
    bid = _linked_bid(secret)
    document = get_object_or_404(BidDocument, bid=bid, pk=document_id)
    return document_download(
        name=document.name,
        content=bytes(document.content),
        content_type=document.content_type,
    )
