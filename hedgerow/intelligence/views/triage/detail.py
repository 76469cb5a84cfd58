"""One report: everything about it on one page, and its photos; each read audited."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from hedgerow.accounts.models import User
from hedgerow.accounts.views.partnership import acting_user
from hedgerow.core.permissions import Permission, has_permission, require_permission
from hedgerow.intelligence.models import Report, ReportPhoto
from hedgerow.intelligence.selectors.triage import (
    report_history,
    report_is_overdue,
    report_related,
    report_visible_list,
)
from hedgerow.intelligence.services.triage import report_view_record


def visible_report(user: User, reference: str) -> Report:
    """The report, if routed to the user's agency; 404 otherwise (never 403)."""
    return get_object_or_404(report_visible_list(user), reference=reference)


def photo_response(photo: ReportPhoto) -> HttpResponse:
    """A stored photo, never cached by the browser or anything between."""
    response = HttpResponse(bytes(photo.content), content_type=photo.content_type)
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_permission(Permission.REPORT_TRIAGE)
@require_GET
@never_cache
def report_detail(request: HttpRequest, reference: str) -> HttpResponse:
    """Everything reported, what has been done about it, and the actions on it."""
    user = acting_user(request)
    report = visible_report(user, reference)
    report_view_record(report=report, by=user)
    context = {
        "report": report,
        "signs": list(report.signs.all()),
        "photos": list(report.photos.all()),
        "report_messages": list(
            report.messages.select_related("author", "agency", "in_reply_to")
        ),
        "history": list(report_history(report)),
        "overdue": report_is_overdue(report),
        "can_share": has_permission(user, Permission.REPORT_SHARE),
        **report_related(report=report, user=user),
    }
    return render(request, "intelligence/triage/report_detail.html", context)


@require_permission(Permission.REPORT_TRIAGE)
@require_GET
def report_photo(request: HttpRequest, reference: str, photo_id: int) -> HttpResponse:
    """One photo of a report the user's agency can see; the look is audited."""
    user = acting_user(request)
    report = visible_report(user, reference)
    photo = get_object_or_404(report.photos, pk=photo_id)
    report_view_record(report=report, by=user, part=f"photo {photo.pk}")
    return photo_response(photo)
