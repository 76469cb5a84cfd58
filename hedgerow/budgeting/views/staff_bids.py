"""Coordinators' pages for bids: read one, decide its eligibility, enter a paper bid."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.budgeting.forms.bids import PaperBidForm
from hedgerow.budgeting.forms.rounds import ReviewForm
from hedgerow.budgeting.models import Bid, BidDocument, BidStatus
from hedgerow.budgeting.selectors import rounds as selectors
from hedgerow.budgeting.services import bids as services
from hedgerow.budgeting.views import staff
from hedgerow.core.documents import document_download
from hedgerow.core.forms import add_service_errors
from hedgerow.core.permissions import Permission, require_permission


@require_permission(Permission.PB_MANAGE)
@require_http_methods(["GET", "POST"])
def bid_review(request: HttpRequest, slug: str, reference: str) -> HttpResponse:
    round = selectors.round_get(slug)
    bid = get_object_or_404(
        Bid.objects.exclude(status=BidStatus.DRAFT), round=round, reference=reference
    )
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.bid_review(
                bid=bid,
                by=staff(request),
                eligible=form.cleaned_data["decision"] == "eligible",
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Decision recorded for %(ref)s") % {"ref": bid.reference}
            )
            return redirect("budgeting:round_detail", slug=slug)
    else:
        # The contact details are personal data: every reading is on the record.
        audit_record(
            actor=request.user,
            action=Action.VIEW,
            target=bid,
            purpose="Participatory budgeting: reviewing a bid",
        )
    context = {"round": round, "bid": bid, "form": form}
    return render(request, "budgeting/bid_review.html", context)


@require_permission(Permission.PB_MANAGE)
@require_http_methods(["GET", "POST"])
def bid_enter(request: HttpRequest, slug: str) -> HttpResponse:
    round = selectors.round_get(slug)
    form = PaperBidForm(request.POST or None, round=round)
    if request.method == "POST" and form.is_valid():
        try:
            bid = services.bid_enter_on_paper(
                round=round,
                by=staff(request),
                group_name=form.cleaned_data["group_name"],
                email=form.cleaned_data["email"],
                draft=form.draft(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Paper bid entered as %(ref)s") % {"ref": bid.reference}
            )
            return redirect("budgeting:round_detail", slug=slug)
    return render(request, "budgeting/bid_enter.html", {"round": round, "form": form})


@require_permission(Permission.PB_MANAGE)
@require_http_methods(["GET"])
def bid_document(
    request: HttpRequest, slug: str, reference: str, document_id: int
) -> HttpResponse:
    round = selectors.round_get(slug)
    document = get_object_or_404(
        BidDocument, bid__round=round, bid__reference=reference, pk=document_id
    )
    audit_record(
        actor=staff(request),
        action=Action.VIEW,
        target=document,
        purpose="Participatory budgeting: reading a bid's document",
        detail={"bid": reference, "name": document.name},
    )
    return document_download(
        name=document.name,
        content=bytes(document.content),
        content_type=document.content_type,
    )
