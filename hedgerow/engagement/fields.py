"""The form fields engagement forms share: dates, counts of people, LSOAs, staff."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hedgerow.audit.forms import DATE_INPUT_FORMATS
from hedgerow.engagement import selectors
from hedgerow.engagement.services import NEGATIVE_COUNT
from hedgerow.geography.models import Lsoa

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DATE_INVALID = _("Enter a real date, like 27/03/2026")
LSOA_UNKNOWN = _("Enter an LSOA code like E01011264, or an LSOA name like Leeds 011A")
MAX_ATTENDANCE = 100_000


def date_field(
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
            "required": _("Enter the date of the event"),
        },
    )


def count_field(
    label: "StrOrPromise", *, required: bool, help_text: "StrOrPromise" = ""
) -> forms.IntegerField:
    """A whole number of people, typed (GOV.UK asks for text with a number pad)."""
    return forms.IntegerField(
        label=label,
        required=required,
        help_text=help_text,
        min_value=0,
        max_value=MAX_ATTENDANCE,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "class": "govuk-input--width-5"}
        ),
        error_messages={
            "required": _("Enter the number of people who attended"),
            "invalid": NEGATIVE_COUNT,
            "min_value": NEGATIVE_COUNT,
            "max_value": _("Enter a number of people up to 100,000"),
        },
    )


class LsoaField(forms.CharField):
    """An LSOA typed by its code or its name; empty means none."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("widget", forms.TextInput(attrs={"spellcheck": "false"}))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        return value.code if isinstance(value, Lsoa) else value

    def clean(self, value: Any) -> Lsoa | None:
        text = str(super().clean(value) or "").strip()
        if not text:
            return None
        lsoa = selectors.lsoa_find(text)
        if lsoa is None:
            raise forms.ValidationError(LSOA_UNKNOWN)
        return lsoa


class StaffChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """Staff shown with their agency, so two people of one name can be told apart."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name}, {obj.agency.name}"
