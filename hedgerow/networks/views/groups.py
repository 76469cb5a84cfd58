"""Group pages under /groups/: list and harm overview, detail, members, panel, harm.

Reads need GROUP_VIEW, writes GROUP_MANAGE; `group_get` gives 404 for no group and
403 for one off the reader's panel (ADR 0020). Every page view is audited.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.core.forms import add_service_errors
from hedgerow.core.permissions import Permission, has_permission, require_permission
from hedgerow.disruptions.models import Disruption
from hedgerow.networks import scoring, selectors
from hedgerow.networks.forms import (
    GroupFilterForm,
    GroupForm,
    HarmAssessmentForm,
    MemberForm,
    PanelSeatForm,
)
from hedgerow.networks.models import Membership, PanelSeat, ScoringMatrix
from hedgerow.networks.services import groups as services

PURPOSE_VIEW = "Group work: viewing a group"


@require_permission(Permission.GROUP_VIEW)
def group_list(request: HttpRequest) -> HttpResponse:
    form = GroupFilterForm(request.GET)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    groups = selectors.group_list(user=request.user, status=status)
    overview = selectors.harm_overview(user=request.user, today=timezone.localdate())
    audit_record(
        actor=request.user,
        action=Action.SEARCH if status else Action.VIEW,
        target_type="networks.organisedcrimegroup",
        purpose="Group work: list of groups and harm overview",
        detail={"status": status},
    )
    context = {
        "form": form,
        "groups": groups,
        "overview": overview,
        "can_manage": has_permission(request.user, Permission.GROUP_MANAGE),
        "can_resolve": has_permission(request.user, Permission.RECORDS_RESOLVE),
    }
    return render(request, "networks/groups/group_list.html", context)


def _group_form_save(request: HttpRequest, form: GroupForm, group: Any) -> Any:
    data = form.cleaned_data
    fields = {
        "name": data["name"],
        "status": data["status"],
        "summary": data["summary"],
        "lead_agency": data["lead_agency"],
        "threats": data["threats"],
        "lsoas": data["lsoa_codes"],
        "local_authority_codes": data["local_authority_codes"],
    }
    if group is None:
        return services.group_create(user=request.user, **fields)
    return services.group_update(group=group, user=request.user, **fields)


@require_permission(Permission.GROUP_MANAGE)
def group_create(request: HttpRequest) -> HttpResponse:
    return _group_form(request, None)


@require_permission(Permission.GROUP_MANAGE)
def group_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _group_form(request, selectors.group_get(user=request.user, pk=pk))


def _group_form(request: HttpRequest, group: Any) -> HttpResponse:
    initial = {}
    if group is not None:
        initial = {
            "name": group.name,
            "status": group.status,
            "summary": group.summary,
            "lead_agency": group.lead_agency,
            "threats": list(group.threats.all()),
            "lsoa_codes": ", ".join(group.lsoas.values_list("code", flat=True)),
            "local_authority_codes": ", ".join(group.local_authority_codes),
        }
    form = GroupForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = _group_form_save(request, form, group)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Group saved"))
            return redirect("networks:group_detail", pk=saved.pk)
    context = {"form": form, "group": group}
    return render(request, "networks/groups/group_form.html", context)


@require_permission(Permission.GROUP_VIEW)
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    group = selectors.group_get(user=request.user, pk=pk)
    audit_record(
        actor=request.user, action=Action.VIEW, target=group, purpose=PURPOSE_VIEW
    )
    disruptions = (
        Disruption.objects.filter(group=group)
        .select_related("tactic", "agency")
        .order_by("-occurred_on", "-pk")[:10]
    )
    context = {
        "group": group,
        "members": selectors.group_members(user=request.user, group=group),
        "seats": group.seats.select_related("agency"),
        "places": group.places.all(),
        "threats": group.threats.all(),
        "assessments": selectors.group_assessments(group=group)[:5],
        "disruptions": disruptions,
        "can_manage": has_permission(request.user, Permission.GROUP_MANAGE),
        "can_record_disruption": has_permission(
            request.user, Permission.DISRUPTION_RECORD
        ),
        "network_url": reverse("networks:group_network", args=[group.pk]),
        "disruption_record_url": reverse("disruptions:disruption_record"),
    }
    return render(request, "networks/groups/group_detail.html", context)


@require_permission(Permission.GROUP_MANAGE)
def group_member_add(request: HttpRequest, pk: int) -> HttpResponse:
    group = selectors.group_get(user=request.user, pk=pk)
    form = MemberForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.group_member_add(
                group=group, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Member added"))
            return redirect("networks:group_detail", pk=group.pk)
    context = {"form": form, "group": group}
    return render(request, "networks/groups/member_form.html", context)


@require_POST
@require_permission(Permission.GROUP_MANAGE)
def group_member_remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    group = selectors.group_get(user=request.user, pk=pk)
    membership = get_object_or_404(Membership, pk=member_pk, group=group)
    services.group_member_remove(membership=membership, user=request.user)
    messages.success(request, _("Member removed"))
    return redirect("networks:group_detail", pk=group.pk)


@require_permission(Permission.GROUP_MANAGE)
def group_panel_add(request: HttpRequest, pk: int) -> HttpResponse:
    group = selectors.group_get(user=request.user, pk=pk)
    form = PanelSeatForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.panel_seat_add(
                group=group, agency=form.cleaned_data["agency"], user=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Agency added to the panel"))
            return redirect("networks:group_detail", pk=group.pk)
    context = {"form": form, "group": group}
    return render(request, "networks/groups/panel_form.html", context)


@require_POST
@require_permission(Permission.GROUP_MANAGE)
def group_panel_remove(request: HttpRequest, pk: int, seat_pk: int) -> HttpResponse:
    group = selectors.group_get(user=request.user, pk=pk)
    seat = get_object_or_404(PanelSeat, pk=seat_pk, group=group)
    try:
        services.panel_seat_remove(seat=seat, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Agency removed from the panel"))
    return redirect("networks:group_detail", pk=group.pk)


@require_permission(Permission.GROUP_MANAGE)
def group_harm_assess(request: HttpRequest, pk: int) -> HttpResponse:
    group = selectors.group_get(user=request.user, pk=pk)
    matrix = ScoringMatrix.objects.filter(is_current=True).first()
    if matrix is None:
        messages.error(request, str(services.NO_MATRIX))
        return redirect("networks:group_detail", pk=group.pk)
    form = HarmAssessmentForm(
        request.POST or None,
        definition=matrix.definition,
        initial={"assessed_on": timezone.localdate()},
    )
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "preview" in request.POST:
            preview = scoring.score(
                matrix.definition, form.harm_scores(), data["likelihood"]
            )
        else:
            try:
                assessment = services.group_assess(
                    group=group,
                    user=request.user,
                    assessed_on=data["assessed_on"],
                    harm_scores=form.harm_scores(),
                    likelihood=data["likelihood"],
                    confidence=data["confidence"],
                    organisational_position=data["organisational_position"],
                    rationale=data["rationale"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Assessment saved: risk %(risk)s, band %(band)s")
                    % {"risk": assessment.risk_score, "band": assessment.band},
                )
                return redirect("networks:group_harm_history", pk=group.pk)
    context = {"form": form, "group": group, "matrix": matrix, "preview": preview}
    return render(request, "networks/groups/harm_form.html", context)


@require_permission(Permission.GROUP_VIEW)
def group_harm_history(request: HttpRequest, pk: int) -> HttpResponse:
    group = selectors.group_get(user=request.user, pk=pk)
    audit_record(
        actor=request.user,
        action=Action.VIEW,
        target=group,
        purpose="Group work: harm assessment history",
    )
    context = {
        "group": group,
        "assessments": selectors.group_assessments(group=group),
        "can_manage": has_permission(request.user, Permission.GROUP_MANAGE),
    }
    return render(request, "networks/groups/harm_history.html", context)
