"""The coordinators' view of a counted result, before and after it is published."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from hedgerow.budgeting.models import RoundResult
from hedgerow.budgeting.selectors import rounds as selectors
from hedgerow.budgeting.selectors.results import result_page
from hedgerow.core.permissions import Permission, require_permission


@require_permission(Permission.PB_MANAGE)
@require_http_methods(["GET"])
def result_preview(request: HttpRequest, slug: str) -> HttpResponse:
    round = selectors.round_get(slug)
    if not RoundResult.objects.filter(round=round).exists():
        raise Http404("This round has not been counted yet.")
    context = {**result_page(round), "preview": True}
    return render(request, "budgeting/result_preview.html", context)
