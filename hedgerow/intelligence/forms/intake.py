"""The questions of the report flow, one form per page (GOV.UK question pages).

Each step's answers are kept in the draft exactly as posted (strings), so a step
can be shown again as the person left it; `hedgerow.intelligence.forms.intake_answers`
validates them all once more at submission. Messages people see are constants.

Text is kept exactly as written, markup included: it is escaped wherever it is
shown (Django autoescaping; no template marks report text safe), so a `<script>`
typed into a form is shown as text and never runs. Only text with nothing but
markup in it is refused, because it says nothing a partner could act on.
"""

import re
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from hedgerow.intelligence.models import Threat, WarningSign
from hedgerow.places.models import normalise_postcode, validate_postcode

NOT_SURE = "not-sure"
PLACE, ONLINE = "place", "online"
ANONYMOUS, CONTACT = "anonymous", "contact"
DESCRIPTION_MAX = 5000
ADDRESS_MAX = 500
# Great Britain and Northern Ireland, with a margin for the coast.
UK_LATITUDE = (49.8, 60.95)
UK_LONGITUDE = (-8.7, 1.9)
PHONE = re.compile(r"^\+?[0-9 ()-]{6,40}$")

THREAT_REQUIRED = _("Select what you are worried about, or select Not sure")
LOCATION_REQUIRED = _("Select whether it is about a place or something online")
ADDRESS_REQUIRED = _("Enter the address or describe the place")
ADDRESS_TOO_LONG = _("The address or description must be 500 characters or fewer")
PIN_PAIR = _("Enter both the latitude and the longitude, or neither")
PIN_NUMBER = _("Latitude and longitude must be numbers, like 53.7960 and -1.5479")
PIN_OUTSIDE_UK = _("The map pin must be in the United Kingdom")
DESCRIPTION_REQUIRED = _("Enter what happened")
DESCRIPTION_TOO_LONG = _("What happened must be 5,000 characters or fewer")
MARKUP_ONLY = _("Enter what happened in words, not only code or HTML tags")
CONTACT_CHOICE_REQUIRED = _("Select whether you want to stay anonymous")
CONTACT_DETAIL_REQUIRED = _(
    "Enter a phone number or email address so the partnership can contact you"
)
CONSENT_REQUIRED = _(
    "Tick the box to agree to be contacted, or choose to stay anonymous"
)
PHONE_INVALID = _("Enter a phone number, like 01632 960 001 or 07700 900 982")
EMAIL_INVALID = _("Enter an email address in the correct format, like name@example.com")
NAME_TOO_LONG = _("Your name must be 200 characters or fewer")


class PlainTextField(forms.CharField):
    """Free text in which a Windows line ending counts as one character."""

    def to_python(self, value: Any) -> str:
        return str(super().to_python(value) or "").replace("\r\n", "\n")


def refuse_markup_only(text: str, message: Any = MARKUP_ONLY) -> str:
    """Refuse text that is nothing but tags; otherwise keep it exactly as written."""
    if text and not strip_tags(text).strip():
        raise ValidationError(message)
    return text


class ThreatForm(forms.Form):
    """Which threat the concern is about, or "not sure"."""

    threat = forms.ChoiceField(
        label=_("What are you worried about?"),
        widget=forms.RadioSelect,
        error_messages={"required": THREAT_REQUIRED, "invalid_choice": THREAT_REQUIRED},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        threats = Threat.objects.filter(is_published=True)
        cast(forms.ChoiceField, self.fields["threat"]).choices = [
            *((threat.slug, threat.name) for threat in threats),
            (NOT_SURE, _("Not sure")),
        ]

    def chosen_threat(self) -> Threat | None:
        """The chosen threat, or None for "not sure"."""
        slug = self.cleaned_data["threat"]
        return None if slug == NOT_SURE else Threat.objects.get(slug=slug)


def published_signs(threat: Threat | None) -> list[WarningSign]:
    """The warning signs a reporter can tick for a threat."""
    if threat is None:
        return []
    return list(threat.signs.filter(is_published=True))


class SignsForm(forms.Form):
    """Which of the threat's warning signs the person noticed (all optional)."""

    signs = forms.MultipleChoiceField(
        label=_("Which of these have you noticed?"),
        help_text=_("Select all that apply. You do not have to select any."),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, threat: Threat | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.threat = threat
        cast(forms.ChoiceField, self.fields["signs"]).choices = [
            (str(sign.pk), sign.text) for sign in published_signs(threat)
        ]

    def chosen_signs(self) -> list[WarningSign]:
        chosen = {int(pk) for pk in self.cleaned_data["signs"]}
        return [sign for sign in published_signs(self.threat) if sign.pk in chosen]


class WhereForm(forms.Form):
    """A place (address or description, postcode, map pin) or online."""

    location = forms.ChoiceField(
        label=_("Where is it happening?"),
        choices=[(PLACE, _("At a place")), (ONLINE, _("Online"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": LOCATION_REQUIRED,
            "invalid_choice": LOCATION_REQUIRED,
        },
    )
    address = PlainTextField(
        label=_("Address or description of the place"),
        help_text=_(
            "For example, the street and house number, or “behind the shops on "
            "Park Road”"
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=ADDRESS_MAX,
        required=False,
        error_messages={"max_length": ADDRESS_TOO_LONG},
    )
    postcode = forms.CharField(
        label=_("Postcode (optional)"),
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    latitude = forms.CharField(
        label=_("Latitude (optional)"),
        help_text=_("If you know the exact spot, for example from a map app"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
    )
    longitude = forms.CharField(
        label=_("Longitude (optional)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
    )

    def clean_postcode(self) -> str:
        postcode = self.cleaned_data["postcode"].strip()
        if postcode:
            validate_postcode(postcode)
            return normalise_postcode(postcode)
        return ""

    def clean_address(self) -> str:
        return refuse_markup_only(str(self.cleaned_data["address"]), ADDRESS_REQUIRED)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("location") != PLACE:
            return data
        pin = self._pin(data)
        if not data.get("address") and pin is None and "address" not in self.errors:
            self.add_error("address", ADDRESS_REQUIRED)
        return data

    def _pin(self, data: dict[str, Any]) -> tuple[float, float] | None:
        raw = (
            (data.get("latitude") or "").strip(),
            (data.get("longitude") or "").strip(),
        )
        if not any(raw):
            return None
        if not all(raw):
            self.add_error("latitude" if not raw[0] else "longitude", PIN_PAIR)
            return None
        try:
            latitude, longitude = float(raw[0]), float(raw[1])
        except ValueError:
            self.add_error("latitude", PIN_NUMBER)
            return None
        if not (
            UK_LATITUDE[0] <= latitude <= UK_LATITUDE[1]
            and UK_LONGITUDE[0] <= longitude <= UK_LONGITUDE[1]
        ):
            self.add_error("latitude", PIN_OUTSIDE_UK)
            return None
        data["latitude"], data["longitude"] = latitude, longitude
        return latitude, longitude


class DetailsForm(forms.Form):
    """What happened, in the person's own words."""

    description = PlainTextField(
        label=_("What happened?"),
        help_text=_(
            "Say what you saw or heard, who was involved and anything else that "
            "could help. Do not include your own name if you want to stay anonymous."
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=DESCRIPTION_MAX,
        error_messages={
            "required": DESCRIPTION_REQUIRED,
            "max_length": DESCRIPTION_TOO_LONG,
        },
    )

    def clean_description(self) -> str:
        return refuse_markup_only(str(self.cleaned_data["description"]))


class ContactForm(forms.Form):
    """Anonymous by default; contact details only with explicit consent."""

    contact = forms.ChoiceField(
        label=_("Can the partnership contact you about this report?"),
        choices=[
            (ANONYMOUS, _("No, I want to stay anonymous")),
            (CONTACT, _("Yes, I agree to be contacted")),
        ],
        initial=ANONYMOUS,
        widget=forms.RadioSelect,
        error_messages={
            "required": CONTACT_CHOICE_REQUIRED,
            "invalid_choice": CONTACT_CHOICE_REQUIRED,
        },
    )
    name = PlainTextField(
        label=_("Your name (optional)"),
        max_length=200,
        required=False,
        error_messages={"max_length": NAME_TOO_LONG},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=40,
        required=False,
        error_messages={"max_length": PHONE_INVALID},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    email = forms.EmailField(
        label=_("Email address"),
        required=False,
        error_messages={"invalid": EMAIL_INVALID},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that partners in the partnership may contact me about this report"
        ),
        required=False,
    )

    def clean_phone(self) -> str:
        phone = str(self.cleaned_data["phone"]).strip()
        if phone and not PHONE.match(phone):
            raise ValidationError(PHONE_INVALID)
        return phone

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("contact") != CONTACT:
            return data
        has_detail = data.get("phone") or data.get("email")
        if not has_detail and not {"phone", "email"} & set(self.errors):
            self.add_error("phone", CONTACT_DETAIL_REQUIRED)
        if not data.get("consent"):
            self.add_error("consent", CONSENT_REQUIRED)
        return data


class MultipleFileInput(forms.ClearableFileInput):
    """A file input that lets people choose several photos at once."""

    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several uploaded files; each is checked by photo_sanitise, not here."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        items = data if isinstance(data, list | tuple) else [data]
        return [
            super(MultipleFileField, self).clean(item, initial)
            for item in items
            if item
        ]


class PhotosForm(forms.Form):
    """Up to five photos; each is re-encoded without metadata as soon as it arrives."""

    photos = MultipleFileField(
        label=_("Upload photos (optional)"),
        help_text=_(
            "Up to 5 photos, each smaller than 10 MB. We remove the location and "
            "every other detail hidden in the file before we keep it."
        ),
        required=False,
        error_messages={"empty": _("The selected photo is empty")},
    )
