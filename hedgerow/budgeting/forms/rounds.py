"""The round set-up form, and the small forms coordinators use on a round."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from hedgerow.audit.forms import DATE_INPUT_FORMATS
from hedgerow.budgeting.models import CodeChannel, Round
from hedgerow.geography.models import Lsoa

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]
DATE_INVALID = _("Enter a real date, like 27/03/2027")
DATETIME_INVALID = _("Enter a real date and time, like 27/03/2027 17:00")


def date_widget() -> forms.DateInput:
    return forms.DateInput(
        format="%Y-%m-%d", attrs={"type": "date", "class": "govuk-input--width-10"}
    )


def datetime_widget() -> forms.DateTimeInput:
    return forms.DateTimeInput(
        format="%Y-%m-%dT%H:%M",
        attrs={"type": "datetime-local", "class": "govuk-input--width-20"},
    )


class RoundForm(forms.ModelForm[Round]):
    """Everything a coordinator decides before a round opens."""

    class Meta:
        model = Round
        fields = [
            "name",
            "slug",
            "description",
            "area_description",
            "areas",
            "budget",
            "min_bid",
            "max_bid",
            "eligibility_rules",
            "bids_open_on",
            "bids_close_at",
            "review_ends_on",
            "voting_opens_on",
            "voting_closes_at",
            "results_on",
            "delivery_ends_on",
            "voting_method",
            "max_choices",
            "points",
            "rule",
            "satisfaction",
            "completion",
        ]
        widgets = {
            "voting_method": forms.RadioSelect,
            "rule": forms.RadioSelect,
            "satisfaction": forms.RadioSelect,
            "completion": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 4}),
            "eligibility_rules": forms.Textarea(attrs={"rows": 4}),
            "areas": forms.SelectMultiple(attrs={"size": 8}),
        }
        help_texts = {
            "slug": _("Lower-case letters, numbers and hyphens: it goes in the link."),
            "budget": _("In whole pounds."),
            "area_description": _("For example: Harehills and Gipton wards."),
            "areas": _(
                "The neighbourhoods (LSOAs) bids may be for. Leave empty for anywhere."
            ),
            "max_choices": _("For “choose up to” ballots only."),
            "points": _("For points ballots only."),
            "rule": _(
                "Equal Shares gives each voter an equal share of the budget to spend "
                "on the projects they chose, so every part of the community is heard; "
                "most votes first funds the most popular projects until the money "
                "runs out."
            ),
            "completion": _(
                "Cities using Equal Shares use “Add one”, then most votes first."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in (
            "bids_open_on",
            "review_ends_on",
            "voting_opens_on",
            "results_on",
            "delivery_ends_on",
        ):
            field = cast("forms.DateField", self.fields[name])
            field.widget = date_widget()
            field.input_formats = DATE_INPUT_FORMATS
            field.error_messages["invalid"] = DATE_INVALID
        for name in ("bids_close_at", "voting_closes_at"):
            moment = cast("forms.DateTimeField", self.fields[name])
            moment.widget = datetime_widget()
            moment.input_formats = DATETIME_FORMATS
            moment.error_messages["invalid"] = DATETIME_INVALID
        areas = cast("forms.ModelMultipleChoiceField[Lsoa]", self.fields["areas"])
        areas.queryset = Lsoa.objects.order_by("name")


class PhaseForm(forms.Form):
    """The POST that moves a round to its next phase."""

    phase = forms.CharField(max_length=10)


class ReviewForm(forms.Form):
    """A coordinator's eligibility decision on one bid."""

    decision = forms.ChoiceField(
        label=_("Is the bid eligible?"),
        choices=[("eligible", _("Yes: put it on the ballot")), ("ineligible", _("No"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether the bid is eligible")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("The group sees this. Say which rule the bid meets or does not."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Give the reason for the decision")},
    )


class CodeBatchForm(forms.Form):
    """How many codes to print, for what, and until when."""

    label = forms.CharField(
        label=_("What the codes are for"),
        help_text=_("For example: Harehills vote event, 14 May, or letters to Gipton."),
        max_length=200,
        error_messages={"required": _("Say what the codes are for")},
    )
    channel = forms.ChoiceField(
        label=_("How they reach people"),
        choices=CodeChannel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say how the codes reach people")},
    )
    size = forms.IntegerField(
        label=_("Number of codes"),
        min_value=1,
        max_value=2000,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-5"}),
        error_messages={
            "required": _("Enter how many codes to print"),
            "min_value": _("Print at least 1 code"),
            "max_value": _("Print at most 2,000 codes in one batch"),
            "invalid": _("Enter a whole number of codes"),
        },
    )
    expires_at = forms.DateTimeField(
        label=_("Codes expire"),
        help_text=_("Usually when voting closes."),
        input_formats=DATETIME_FORMATS,
        widget=datetime_widget(),
        error_messages={
            "required": _("Enter when the codes expire"),
            "invalid": DATETIME_INVALID,
        },
    )
