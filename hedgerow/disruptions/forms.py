"""Forms for the disruption log: filters, recording, exporting and the tactics menu.

Forms check the shape of input; the services check the rest and write. Choices of
groups, subjects and places are limited to those the reader may see.
"""

import datetime
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hedgerow.accounts.models import Agency
from hedgerow.audit.forms import DATE_INPUT_FORMATS
from hedgerow.disruptions import selectors
from hedgerow.disruptions.models import Disruption, Impact, Strand, Tactic
from hedgerow.disruptions.services import FUTURE_DATE, NO_TARGET
from hedgerow.networks.models import OrganisedCrimeGroup, Subject
from hedgerow.places.models import Place

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DATE_INVALID = _("Enter a real date, like 27/03/2026")
DATE_ORDER = _("The end date must be the same as or after the start date")
PURPOSE_MAX_LENGTH = 500


def _date_field(
    label: "StrOrPromise", *, required: bool, help_text: "StrOrPromise" = ""
) -> forms.DateField:
    """A date box with the browser's date picker; typed UK dates work too."""
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_INPUT_FORMATS,
        help_text=help_text,
        widget=forms.DateInput(
            format="%Y-%m-%d", attrs={"type": "date", "class": "govuk-input--width-10"}
        ),
        error_messages={
            "invalid": DATE_INVALID,
            "required": _("Enter the date of the disruption"),
        },
    )


class DisruptionFilterForm(forms.Form):
    """Which disruptions to count or list: every filter left empty matches all."""

    date_from = _date_field(_("From"), required=False)
    date_to = _date_field(_("To"), required=False)
    strand = forms.ChoiceField(
        label=_("4P strand"),
        required=False,
        choices=[("", _("Any strand")), *Strand.choices],
    )
    agency = forms.ModelChoiceField(
        label=_("Agency that acted"),
        required=False,
        queryset=Agency.objects.order_by("name"),
        empty_label=_("Any agency"),
    )
    group = forms.ModelChoiceField(
        label=_("Group"),
        required=False,
        queryset=OrganisedCrimeGroup.objects.none(),
        empty_label=_("Any group"),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast("forms.ModelChoiceField[Any]", self.fields["group"])
        field.queryset = selectors.visible_groups(user=user)

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_to < date_from:
            self.add_error("date_to", DATE_ORDER)
        return cleaned

    def filters(self) -> selectors.DisruptionFilters:
        """The cleaned filters; empty if the form is not valid."""
        if not self.is_valid():
            return selectors.DisruptionFilters()
        data = self.cleaned_data
        return selectors.DisruptionFilters(
            date_from=data["date_from"],
            date_to=data["date_to"],
            strand=data["strand"],
            agency_id=data["agency"].pk if data["agency"] else None,
            group_id=data["group"].pk if data["group"] else None,
        )


class DisruptionExportForm(DisruptionFilterForm):
    """The filters plus the reason for exporting, which the audit trail records."""

    purpose = forms.CharField(
        label=_("Why are you downloading the disruption log?"),
        help_text=_(
            "For example, the partnership meeting or the report it is for. This is "
            "recorded in the audit trail."
        ),
        max_length=PURPOSE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Enter why you are downloading the disruption log"),
            "max_length": _(
                "Why you are downloading the disruption log must be 500 characters "
                "or fewer"
            ),
        },
    )

    field_order = ["purpose"]


class DisruptionForm(forms.Form):
    """Record or correct one disruption."""

    occurred_on = _date_field(
        _("Date of the disruption"),
        required=True,
        help_text=_("For example, 27/03/2026. It cannot be in the future."),
    )
    agency = forms.ModelChoiceField(
        label=_("Agency that acted"),
        queryset=Agency.objects.order_by("name"),
        empty_label=_("Choose an agency"),
        error_messages={"required": _("Choose the agency that acted")},
    )
    tactic = forms.ModelChoiceField(
        label=_("Tactic or power used"),
        queryset=Tactic.objects.none(),
        empty_label=_("Choose a tactic"),
        error_messages={
            "required": _("Choose the tactic or power used"),
            "invalid_choice": _("Choose a tactic on the menu"),
        },
    )
    strand = forms.ChoiceField(
        label=_("4P strand (optional)"),
        required=False,
        choices=Strand.choices,
        widget=forms.RadioSelect,
        help_text=_("Leave this unanswered to use the tactic’s usual strand."),
    )
    impact = forms.ChoiceField(
        label=_("Impact on the group’s capability"),
        choices=Impact.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "On the national disruption scale. Negative means the group grew more "
            "capable, for example it moved on and expanded."
        ),
        error_messages={"required": _("Choose the impact")},
    )
    group = forms.ModelChoiceField(
        label=_("Group"),
        required=False,
        queryset=OrganisedCrimeGroup.objects.none(),
        empty_label=_("Not against a group"),
        help_text=_(
            "Choose a group, a subject, a place or more than one. You can choose "
            "only those you can see."
        ),
        error_messages={"invalid_choice": _("Choose a group you can see")},
    )
    subject = forms.ModelChoiceField(
        label=_("Subject"),
        required=False,
        queryset=Subject.objects.none(),
        empty_label=_("Not against a subject"),
        error_messages={"invalid_choice": _("Choose a subject you can see")},
    )
    place = forms.ModelChoiceField(
        label=_("Place"),
        required=False,
        queryset=Place.objects.none(),
        empty_label=_("Not against a place"),
        error_messages={"invalid_choice": _("Choose a place you can see")},
    )
    rationale = forms.CharField(
        label=_("Why this impact?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What changed for the group, and how you know."),
        error_messages={"required": _("Explain why you chose this impact")},
    )
    evidence = forms.CharField(
        label=_("Evidence (optional)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example, a court reference, a crime number or a report."),
    )

    def __init__(
        self, *args: Any, user: Any, disruption: Disruption | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        # On a correction, the record's own tactic and targets stay choosable even
        # if the tactic was retired or the target is no longer visible.
        keep: dict[str, int | None] = {}
        if disruption is not None:
            keep = {
                "tactic": disruption.tactic_id,
                "group": disruption.group_id,
                "subject": disruption.subject_id,
                "place": disruption.place_id,
            }
        querysets: dict[str, Any] = {
            "tactic": (Tactic.objects.all(), Q(is_active=True)),
            "group": (
                OrganisedCrimeGroup.objects.all(),
                Q(pk__in=OrganisedCrimeGroup.objects.visible_to(user).values("pk")),
            ),
            "subject": (
                Subject.objects.all(),
                Q(pk__in=Subject.objects.visible_to(user).current().values("pk")),
            ),
            "place": (
                Place.objects.all(),
                Q(pk__in=Place.objects.visible_to(user).values("pk")),
            ),
        }
        for name, (queryset, visible) in querysets.items():
            allowed = visible | Q(pk=keep[name]) if keep.get(name) else visible
            field = cast("forms.ModelChoiceField[Any]", self.fields[name])
            ordering = "address" if name == "place" else "name"
            field.queryset = queryset.filter(allowed).order_by(ordering, "pk")

    def clean_occurred_on(self) -> datetime.date:
        occurred_on: datetime.date = self.cleaned_data["occurred_on"]
        if occurred_on > timezone.localdate():
            raise forms.ValidationError(FUTURE_DATE)
        return occurred_on

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        targets = ("group", "subject", "place")
        if not any(name in self.errors for name in targets) and not any(
            cleaned.get(name) for name in targets
        ):
            self.add_error("group", NO_TARGET)
        return cleaned


class TacticForm(forms.Form):
    """A tactic on the menu; `is_active` appears only when changing one."""

    name = forms.CharField(
        label=_("Name"),
        max_length=120,
        error_messages={"required": _("Enter the name of the tactic")},
    )
    usual_strand = forms.ChoiceField(
        label=_("Usual 4P strand"),
        choices=Strand.choices,
        widget=forms.RadioSelect,
        help_text=_("Used when someone recording a disruption leaves the strand out."),
        error_messages={"required": _("Choose the usual strand")},
    )
    legal_basis = forms.CharField(
        label=_("Legal basis (optional)"),
        required=False,
        max_length=200,
        help_text=_("For example, Anti-social Behaviour, Crime and Policing Act 2014"),
    )
    description = forms.CharField(
        label=_("What it is (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    is_active = forms.BooleanField(
        label=_("On the menu: offered when recording a disruption"),
        required=False,
        help_text=_(
            "Untick to retire the tactic. Disruptions already recorded with it keep it."
        ),
    )

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not editing:
            del self.fields["is_active"]
