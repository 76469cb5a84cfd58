"""Rounds in and out as Pabulib `.pb` files.

Coordinators (PB_MANAGE) import a past election as a round and download any round;
their downloads are audited. Once a round's results are published, anyone may
download its file, as Pabulib's own elections are published: the ballots in it are
anonymous, numbered in the order of their random ids.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hedgerow.budgeting.forms.interchange import RoundImportForm
from hedgerow.budgeting.models import Round
from hedgerow.budgeting.selectors import rounds as selectors
from hedgerow.budgeting.services import interchange as services
from hedgerow.budgeting.services.interchange.importing import FILE_TOO_LARGE
from hedgerow.core.forms import add_service_errors
from hedgerow.core.permissions import Permission, require_permission
from hedgerow.core.public import public_page

# Room for the slug and the multipart framing around a file at the limit.
MAX_BODY = services.MAX_BYTES + 1024 * 1024


def _pb_file(round: Round, text: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{round.slug}.pb"'
    return response


@require_permission(Permission.PB_MANAGE)
@require_http_methods(["GET", "POST"])
def round_import(request: HttpRequest) -> HttpResponse:
    """Upload a `.pb` file; the new round opens in its results phase."""
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY:
        # Refused before Django reads the body into a temporary file.
        form = RoundImportForm()
        form.add_error("file", FILE_TOO_LARGE)
        return render(request, "budgeting/round_import.html", {"form": form})
    form = RoundImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            round = services.round_import_pb(
                data=upload.read(),
                filename=upload.name,
                slug=form.cleaned_data["slug"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            counts = {
                "projects": f"{round.bids.count():,}",
                "ballots": f"{round.ballots.count():,}",
            }
            messages.success(
                request,
                _("Round imported: %(projects)s projects and %(ballots)s ballots")
                % counts,
            )
            return redirect("budgeting:round_detail", slug=round.slug)
    return render(request, "budgeting/round_import.html", {"form": form})


@require_permission(Permission.PB_MANAGE)
@require_http_methods(["GET"])
def round_export_pb(request: HttpRequest, slug: str) -> HttpResponse:
    """The round as a `.pb` file, whatever its phase; recorded as an export."""
    round = selectors.round_get(slug)
    return _pb_file(round, services.round_download_pb(round=round, by=request.user))


@public_page
@require_http_methods(["GET"])
def public_round_export_pb(request: HttpRequest, slug: str) -> HttpResponse:
    """A published round's `.pb` file, for anyone; 404 until the results are out."""
    round = get_object_or_404(Round, slug=slug, results_published_at__isnull=False)
    text, version = services.round_public_pb(round)
    etag = f'"{version}"'
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponse(status=304)
    else:
        response = _pb_file(round, text)
    response["ETag"] = etag
    return response
