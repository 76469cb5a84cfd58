"""Forms of the places register: a place, raising and clearing a flag, the filters."""

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from hedgerow.places.models import (
    FlagKind,
    Place,
    PlaceKind,
    Visibility,
    validate_postcode,
    validate_uprn,
)
from hedgerow.places.services import point_check

LATITUDE_INVALID = _("Enter the latitude as a number, like 53.7997")
LONGITUDE_INVALID = _("Enter the longitude as a number, like -1.5492")


def _any(label: Any) -> list[tuple[str, Any]]:
    return [("", label)]


class PlaceForm(forms.Form):
    """A place's details; the point is optional but needs both coordinates."""

    name = forms.CharField(
        label=_("Business name (optional)"), max_length=200, required=False
    )
    address = forms.CharField(
        label=_("Address or description"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter the address or a description")},
    )
    postcode = forms.CharField(
        label=_("Postcode (optional)"),
        max_length=8,
        required=False,
        validators=[validate_postcode],
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    uprn = forms.CharField(
        label=_("UPRN (optional)"),
        help_text=_("The Unique Property Reference Number, up to 12 digits."),
        max_length=12,
        required=False,
        validators=[validate_uprn],
        widget=forms.TextInput(
            attrs={"class": "govuk-input--width-20", "inputmode": "numeric"}
        ),
    )
    kind = forms.ChoiceField(
        label=_("Kind of place"),
        choices=PlaceKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the kind of place")},
    )
    latitude = forms.FloatField(
        label=_("Latitude (optional)"),
        help_text=_("In decimal degrees, like 53.7997. Leave blank if not known."),
        required=False,
        error_messages={"invalid": LATITUDE_INVALID},
        widget=forms.TextInput(
            attrs={"class": "govuk-input--width-10", "inputmode": "decimal"}
        ),
    )
    longitude = forms.FloatField(
        label=_("Longitude (optional)"),
        help_text=_(
            "In decimal degrees, like -1.5492 (west of Greenwich is negative)."
        ),
        required=False,
        error_messages={"invalid": LONGITUDE_INVALID},
        widget=forms.TextInput(
            attrs={"class": "govuk-input--width-10", "inputmode": "decimal"}
        ),
    )
    visibility = forms.ChoiceField(
        label=_("Who can see this place"),
        choices=Visibility.choices,
        initial=Visibility.PARTNERSHIP,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who can see this place")},
    )

    @classmethod
    def initial_for(cls, place: Place) -> dict[str, Any]:
        return {name: getattr(place, name) for name in cls.base_fields}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "latitude" in data and "longitude" in data:
            try:
                point_check(data["latitude"], data["longitude"])
            except ValidationError as error:
                self.add_error(None, error)
        return data


class FlagRaiseForm(forms.Form):
    """A new flag: what is suspected, a note, and who may see it."""

    kind = forms.ChoiceField(
        label=_("Flag"),
        choices=FlagKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a flag")},
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        help_text=_("What you know and where it came from. Do not name reporters."),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    visibility = forms.ChoiceField(
        label=_("Who can see this flag"),
        choices=Visibility.choices,
        initial=Visibility.AGENCY,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who can see this flag")},
    )


class FlagClearForm(forms.Form):
    """Why a flag no longer applies; the reason goes into the audit trail."""

    reason = forms.CharField(
        label=_("Why are you clearing this flag?"),
        help_text=_("This is recorded in the audit trail with your name."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter why the flag is being cleared")},
    )


class PlaceFilterForm(forms.Form):
    """Search and filters for the list; every field is optional."""

    q = forms.CharField(
        label=_("Address, postcode or name"), max_length=200, required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind of place"),
        choices=_any(_("Any kind")) + list(PlaceKind.choices),
        required=False,
    )
    flag = forms.ChoiceField(
        label=_("Active flag"),
        choices=_any(_("Any or none")) + list(FlagKind.choices),
        required=False,
    )
    local_authority = forms.ChoiceField(
        label=_("Local authority"), choices=_any(_("Any")), required=False
    )

    def __init__(self, *args: Any, authorities: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["local_authority"])
        field.choices = _any(_("Any")) + authorities
