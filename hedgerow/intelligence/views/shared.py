"""Sharing a sanitised copy with another agency, and reading copies shared with yours.

Sharing takes two steps on one address, with no session: choose the agency,
purpose and lawful basis; then review the sanitised copy and confirm. The
receiving agency reads only the copy: the original report stays 404 to it.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from hedgerow.accounts.models import Agency
from hedgerow.accounts.views.partnership import acting_user
from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.core.permissions import Permission, require_permission
from hedgerow.intelligence.forms.sharing import (
    STEP_REVIEW,
    ShareChooseForm,
    ShareReviewForm,
)
from hedgerow.intelligence.models import LawfulBasis, Report, SharedReport
from hedgerow.intelligence.selectors.triage import (
    shared_received_list,
    shared_visible_list,
)
from hedgerow.intelligence.services.sharing import (
    report_share,
    sanitised_draft,
    share_target_agencies,
)
from hedgerow.intelligence.views.triage.actions import form_error
from hedgerow.intelligence.views.triage.detail import photo_response, visible_report

SHARED = _("Sanitised copy shared with %(agency)s. Its reference is %(reference)s")
PAGE_SIZE = 25
TEMPLATES = "intelligence/shared/"


@require_permission(Permission.REPORT_SHARE)
@require_http_methods(["GET", "POST"])
@never_cache
def share(request: HttpRequest, reference: str) -> HttpResponse:
    """Step 1 (choose) and step 2 (review and confirm) of sharing a report."""
    user = acting_user(request)
    report = visible_report(user, reference)
    agencies = share_target_agencies(report, user)
    if request.POST.get("step") == STEP_REVIEW:
        return _review(request, report, agencies)
    choose = ShareChooseForm(
        request.POST if request.method == "POST" else None, agencies=agencies
    )
    if request.method == "POST" and choose.is_valid():
        draft = sanitised_draft(report)
        review = ShareReviewForm(
            initial={
                **choose.cleaned_data,
                "to_agency": choose.cleaned_data["to_agency"].pk,
                "location": draft.location,
                "when": draft.when,
                "summary": draft.summary,
            },
            agencies=agencies,
            report=report,
        )
        return _render_review(request, review, agencies, removed=draft.removed)
    context = {"form": choose, "report": report, "agencies": agencies}
    return render(request, TEMPLATES + "share_choose.html", context)


def _review(
    request: HttpRequest, report: Report, agencies: list[Agency]
) -> HttpResponse:
    """Step 2 posted: share the copy as the officer confirmed it, or show errors."""
    user = acting_user(request)
    form = ShareReviewForm(request.POST, agencies=agencies, report=report)
    if form.is_valid():
        data = form.cleaned_data
        try:
            shared = report_share(
                report=report,
                by=user,
                to_agency=data["to_agency"],
                purpose=data["purpose"],
                lawful_basis=data["lawful_basis"],
                location=data["location"],
                when=data["when"],
                summary=data["summary"],
                photo_ids=form.photo_ids(),
            )
        except ValidationError as error:
            form.add_error(None, form_error(error))
        else:
            messages.success(
                request,
                SHARED
                % {"agency": shared.to_agency.name, "reference": shared.reference},
            )
            return redirect("triage:report_detail", reference=report.reference)
    return _render_review(request, form, agencies, removed=[])


def _render_review(
    request: HttpRequest,
    form: ShareReviewForm,
    agencies: list[Agency],
    removed: list[str],
) -> HttpResponse:
    chosen = str(form["to_agency"].value())
    basis = str(form["lawful_basis"].value())
    context = {
        "form": form,
        "report": form.report,
        "removed": removed,
        "photos": list(form.report.photos.all()),
        "step": STEP_REVIEW,
        "to_agency": next((a for a in agencies if str(a.pk) == chosen), None),
        "lawful_basis": dict(LawfulBasis.choices).get(basis, ""),
    }
    return render(request, TEMPLATES + "share_review.html", context)


@require_permission(Permission.REPORT_TRIAGE)
@require_GET
def shared_list(request: HttpRequest) -> HttpResponse:
    """Sanitised copies other agencies have shared with the user's agency."""
    user = acting_user(request)
    page = Paginator(shared_received_list(user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    audit_record(
        actor=user,
        action=Action.SEARCH,
        target_type="intelligence.sharedreport",
        purpose="triage",
        detail={"list": "shared with my agency", "page": page.number},
    )
    context = {
        "page": page,
        "page_range": page.paginator.get_elided_page_range(
            page.number, on_each_side=1, on_ends=1
        ),
    }
    return render(request, TEMPLATES + "shared_list.html", context)


def _visible_copy(request: HttpRequest, reference: str) -> SharedReport:
    return get_object_or_404(
        shared_visible_list(acting_user(request)), reference=reference
    )


@require_permission(Permission.REPORT_TRIAGE)
@require_GET
@never_cache
def shared_detail(request: HttpRequest, reference: str) -> HttpResponse:
    """One sanitised copy, as the sharing officer confirmed it; the read is audited."""
    shared = _visible_copy(request, reference)
    audit_record(
        actor=request.user, action=Action.VIEW, target=shared, purpose="triage"
    )
    context = {"shared": shared, "photos": list(shared.photos.all())}
    return render(request, TEMPLATES + "shared_detail.html", context)


@require_permission(Permission.REPORT_TRIAGE)
@require_GET
def shared_photo(request: HttpRequest, reference: str, photo_id: int) -> HttpResponse:
    """A photo the sharing officer chose to include in the copy; audited."""
    shared = _visible_copy(request, reference)
    photo = get_object_or_404(shared.photos, pk=photo_id)
    audit_record(
        actor=request.user,
        action=Action.VIEW,
        target=shared,
        purpose="triage",
        detail={"part": f"photo {photo.pk}"},
    )
    return photo_response(photo)
