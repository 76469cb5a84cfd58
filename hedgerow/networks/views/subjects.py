"""Subject pages under /groups/subjects/: search, record, detail, link and share.

A subject the reader may not see is a 404 (ADR 0020). Every search is audited
with its query as the purpose's context; every detail view is audited too.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.core.forms import add_service_errors
from hedgerow.core.permissions import Permission, has_permission, require_permission
from hedgerow.networks import selectors
from hedgerow.networks.forms import (
    LinkForm,
    SubjectForm,
    SubjectSearchForm,
    SubjectShareForm,
)
from hedgerow.networks.models import SubjectKind
from hedgerow.networks.services import subjects as services

PAGE_SIZE = 25


@require_permission(Permission.GROUP_VIEW)
def subject_list(request: HttpRequest) -> HttpResponse:
    form = SubjectSearchForm(request.GET)
    form.is_valid()
    query = form.cleaned_data.get("q", "")
    kind = form.cleaned_data.get("kind", "")
    subjects = selectors.subject_search(user=request.user, query=query, kind=kind)
    page = Paginator(subjects, PAGE_SIZE).get_page(request.GET.get("page"))
    audit_record(
        actor=request.user,
        action=Action.SEARCH if query or kind else Action.VIEW,
        target_type="networks.subject",
        purpose=f"Subject search: {query}" if query else "Subject list",
        detail={"query": query, "kind": kind, "page": page.number},
    )
    context = {
        "form": form,
        "page": page,
        "page_range": page.paginator.get_elided_page_range(
            page.number, on_each_side=1, on_ends=1
        ),
        "query": query,
        "kinds": SubjectKind.choices,
        "can_manage": has_permission(request.user, Permission.GROUP_MANAGE),
    }
    return render(request, "networks/subjects/subject_list.html", context)


@require_permission(Permission.GROUP_MANAGE)
def subject_create(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in SubjectKind.values:
        raise Http404
    form = SubjectForm(request.POST or None, kind=kind, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            subject = services.subject_create(
                user=request.user, kind=kind, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Subject recorded"))
            return redirect("networks:subject_detail", pk=subject.pk)
    context = {"form": form, "kind_label": SubjectKind(kind).label}
    return render(request, "networks/subjects/subject_form.html", context)


@require_permission(Permission.GROUP_VIEW)
def subject_detail(request: HttpRequest, pk: int) -> HttpResponse:
    subject = selectors.subject_get(user=request.user, pk=pk)
    audit_record(
        actor=request.user,
        action=Action.VIEW,
        target=subject,
        purpose="Group work: viewing a subject",
    )
    own = subject.agency_id == getattr(request.user, "agency_id", None)
    context = {
        "subject": subject,
        "links": selectors.subject_links(user=request.user, subject=subject),
        "memberships": selectors.subject_groups(user=request.user, subject=subject),
        "shares": subject.shares.select_related("agency") if own else [],
        "source_records": subject.source_records.select_related("agency"),
        "own_agency": own,
        "can_manage": has_permission(request.user, Permission.GROUP_MANAGE),
    }
    return render(request, "networks/subjects/subject_detail.html", context)


@require_permission(Permission.GROUP_MANAGE)
def subject_link_create(request: HttpRequest, pk: int) -> HttpResponse:
    subject = selectors.subject_get(user=request.user, pk=pk)
    form = LinkForm(request.POST or None, user=request.user, source=subject)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        target = data.pop("target")
        try:
            services.link_create(
                user=request.user, source=subject, target=target, **data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Link recorded"))
            return redirect("networks:subject_detail", pk=subject.pk)
    context = {"form": form, "subject": subject}
    return render(request, "networks/subjects/link_form.html", context)


@require_permission(Permission.GROUP_MANAGE)
def subject_share(request: HttpRequest, pk: int) -> HttpResponse:
    subject = selectors.subject_get(user=request.user, pk=pk)
    form = SubjectShareForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.subject_share(
                subject=subject,
                user=request.user,
                agency=form.cleaned_data["agency"],
                purpose=form.cleaned_data["purpose"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Details shared"))
            return redirect("networks:subject_detail", pk=subject.pk)
    context = {"form": form, "subject": subject}
    return render(request, "networks/subjects/share_form.html", context)
