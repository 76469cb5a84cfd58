"""Forms for routing: a rule, deactivating one, testing the rules, routing by hand."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from hedgerow.accounts.models import Agency
from hedgerow.geography.models import Lsoa
from hedgerow.intelligence.models import AreaKind, RoutingRule, Threat
from hedgerow.intelligence.services.routing_rules import (
    FALLBACK_MUST_COVER_EVERYTHING,
    area_codes_clean,
    area_codes_parse,
)

REASON_HELP = _("This is recorded in the audit trail with your name.")
LSOA_NOT_FOUND = _("There is no LSOA with that code. Codes look like E01011229")


class AgencyCheckboxes(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """Every agency as a checkbox, labelled with its name."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Agencies that receive these reports"))
        super().__init__(
            queryset=Agency.objects.order_by("name"),
            widget=forms.CheckboxSelectMultiple,
            error_messages={"required": _("Choose at least one agency")},
            **kwargs,
        )


def threat_choice(**kwargs: Any) -> "forms.ModelChoiceField[Threat]":
    """A threat from the catalogue; blank means any threat."""
    return forms.ModelChoiceField(
        queryset=Threat.objects.all(),
        required=False,
        empty_label=_("Any threat"),
        **kwargs,
    )


class RoutingRuleForm(forms.Form):
    """What a rule covers (threat × area) and who receives the reports."""

    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("So coordinators can tell rules apart, like “Leeds fraud”."),
        error_messages={"required": _("Enter a name for the rule")},
    )
    threat = threat_choice(label=_("Threat"))
    area_kind = forms.ChoiceField(
        label=_("Area"),
        choices=AreaKind.choices,
        widget=forms.RadioSelect,
        initial=AreaKind.ANYWHERE,
        error_messages={"required": _("Choose the area the rule covers")},
    )
    area_codes = forms.CharField(
        label=_("Area codes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Local authority codes (like E08000035 for Leeds) or LSOA codes "
            "(like E01011229), separated by commas or spaces. Leave empty for anywhere."
        ),
    )
    agencies = AgencyCheckboxes()
    is_fallback = forms.BooleanField(
        label=_("Fallback rule: receives reports that no other rule matches"),
        required=False,
    )

    @classmethod
    def initial_for(cls, rule: RoutingRule) -> dict[str, Any]:
        """The form's starting values for changing `rule`."""
        return {
            "name": rule.name,
            "threat": rule.threat_id,
            "area_kind": rule.area_kind,
            "area_codes": ", ".join(rule.area_codes),
            "agencies": [agency.pk for agency in rule.agencies.all()],
            "is_fallback": rule.is_fallback,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("area_kind")
        if kind:
            try:
                data["area_codes"] = area_codes_clean(
                    kind, area_codes_parse(data.get("area_codes", ""))
                )
            except ValidationError as error:
                self.add_error("area_codes", error)
        if data.get("is_fallback") and (
            data.get("threat") or kind != AreaKind.ANYWHERE
        ):
            self.add_error("is_fallback", FALLBACK_MUST_COVER_EVERYTHING)
        return data


class ReasonForm(forms.Form):
    """Why: recorded in the audit trail."""

    reason = forms.CharField(
        label=_("Why?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=REASON_HELP,
        error_messages={"required": _("Say why")},
    )


class RoutingTestForm(forms.Form):
    """An imaginary report: which agencies would it reach?"""

    threat = threat_choice(label=_("Threat"))
    lsoa = forms.CharField(
        label=_("LSOA code (optional)"),
        required=False,
        max_length=9,
        help_text=_("Where the report is, like E01011229. Leave empty if unknown."),
    )

    def clean_lsoa(self) -> Lsoa | None:
        code = self.cleaned_data["lsoa"].strip().upper()
        if not code:
            return None
        lsoa = Lsoa.objects.filter(code=code).first()
        if lsoa is None:
            raise ValidationError(LSOA_NOT_FOUND)
        return lsoa


class ManualRouteForm(forms.Form):
    """Which agencies an unrouted report goes to, and why."""

    agencies = AgencyCheckboxes(label=_("Agencies to send the report to"))
    reason = forms.CharField(
        label=_("Why these agencies? (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=REASON_HELP,
    )
