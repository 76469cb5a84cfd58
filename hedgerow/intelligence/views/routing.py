"""Routing rules under /routing/: the list, adding, changing, deactivating, testing.

Only coordinators (ROUTING_MANAGE) see these pages. Rules never move reports that
were already routed; they decide where new reports go.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from hedgerow.accounts.views.partnership import acting_user
from hedgerow.core.permissions import Permission, require_permission
from hedgerow.intelligence.forms.routing import (
    ReasonForm,
    RoutingRuleForm,
    RoutingTestForm,
)
from hedgerow.intelligence.models import RoutingRule
from hedgerow.intelligence.selectors.triage import (
    routing_fallback_exists,
    routing_rule_list,
    unrouted_report_count,
)
from hedgerow.intelligence.services import routing_rules as services
from hedgerow.intelligence.services.routing import agencies_for

RULE_ADDED = _("Routing rule added")
RULE_CHANGED = _("Routing rule saved")
RULE_DEACTIVATED = _("Routing rule deactivated: it no longer routes new reports")
RULE_REACTIVATED = _("Routing rule reactivated")
TEMPLATES = "intelligence/routing/"


@require_permission(Permission.ROUTING_MANAGE)
def rule_list(request: HttpRequest) -> HttpResponse:
    """Every rule, a warning when nothing catches unmatched reports, and the tester."""
    context = {
        "rules": routing_rule_list(),
        "has_fallback": routing_fallback_exists(),
        "unrouted_count": unrouted_report_count(),
        "test_form": RoutingTestForm(),
    }
    return render(request, TEMPLATES + "rule_list.html", context)


@require_permission(Permission.ROUTING_MANAGE)
@require_http_methods(["GET", "POST"])
def rule_create(request: HttpRequest) -> HttpResponse:
    """Add a routing rule."""
    form = RoutingRuleForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.routing_rule_create(**_rule_fields(form), by=acting_user(request))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, RULE_ADDED)
            return redirect("routing:rule_list")
    return render(request, TEMPLATES + "rule_form.html", {"form": form})


@require_permission(Permission.ROUTING_MANAGE)
@require_http_methods(["GET", "POST"])
def rule_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change what a rule covers or who it sends reports to."""
    rule = get_object_or_404(RoutingRule, pk=pk)
    form = RoutingRuleForm(
        request.POST if request.method == "POST" else None,
        initial=RoutingRuleForm.initial_for(rule),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.routing_rule_update(
                rule=rule,
                **_rule_fields(form),
                by=acting_user(request),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, RULE_CHANGED)
            return redirect("routing:rule_list")
    return render(request, TEMPLATES + "rule_form.html", {"form": form, "rule": rule})


@require_permission(Permission.ROUTING_MANAGE)
@require_http_methods(["GET", "POST"])
def rule_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask why, then stop the rule routing new reports."""
    rule = get_object_or_404(RoutingRule, pk=pk, is_active=True)
    form = ReasonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.routing_rule_deactivate(
            rule=rule,
            by=acting_user(request),
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, RULE_DEACTIVATED)
        return redirect("routing:rule_list")
    return render(
        request, TEMPLATES + "rule_deactivate.html", {"form": form, "rule": rule}
    )


@require_permission(Permission.ROUTING_MANAGE)
@require_POST
def rule_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    """Let a deactivated rule route new reports again."""
    rule = get_object_or_404(RoutingRule, pk=pk, is_active=False)
    services.routing_rule_reactivate(rule=rule, by=acting_user(request))
    messages.success(request, RULE_REACTIVATED)
    return redirect("routing:rule_list")


@require_permission(Permission.ROUTING_MANAGE)
def rule_test(request: HttpRequest) -> HttpResponse:
    """Which agencies would a report about this threat, in this LSOA, reach?"""
    form = RoutingTestForm(request.GET or None)
    context: dict[str, Any] = {"form": form, "has_fallback": routing_fallback_exists()}
    if form.is_bound and form.is_valid():
        threat, lsoa = form.cleaned_data["threat"], form.cleaned_data["lsoa"]
        context.update(
            tested=True,
            threat=threat,
            lsoa=lsoa,
            reached=agencies_for(threat_id=threat.pk if threat else None, lsoa=lsoa),
        )
    return render(request, TEMPLATES + "rule_test.html", context)


def _rule_fields(form: RoutingRuleForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "name": data["name"],
        "threat": data["threat"],
        "area_kind": data["area_kind"],
        "area_codes": data["area_codes"],
        "agencies": list(data["agencies"]),
        "is_fallback": data["is_fallback"],
    }
