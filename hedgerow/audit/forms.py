"""The audit trail's search filters, and the export form that adds a reason."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hedgerow.audit.models import Action
from hedgerow.audit.selectors import AuditFilters, audit_agencies, audit_target_types

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DATE_ORDER = _("The end date must be the same as or after the start date")
DATE_INVALID = _("Enter a real date, like 27/03/2026")
PURPOSE_REQUIRED = _("Enter why you are exporting the audit trail")
PURPOSE_TOO_LONG = _(
    "Why you are exporting the audit trail must be 500 characters or fewer"
)
PURPOSE_MAX_LENGTH = 500
# Date pickers send ISO dates; people typing into a plain box write UK dates.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
FILTER_FIELDS = (
    "person",
    "agency",
    "action",
    "target_type",
    "target_id",
    "date_from",
    "date_to",
)


def _date_field(label: "StrOrPromise") -> forms.DateField:
    """A date box with the browser's date picker; typed UK dates work too."""
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        help_text=_("UK time (GMT or BST), the whole day"),
        widget=forms.DateInput(
            format="%Y-%m-%d", attrs={"type": "date", "class": "govuk-input--width-10"}
        ),
        error_messages={"invalid": DATE_INVALID},
    )


class AuditFilterForm(forms.Form):
    """Which events to show: every filter left empty matches everything."""

    person = forms.CharField(
        label=_("Person"),
        help_text=_("All or part of their email address"),
        required=False,
        max_length=254,
    )
    agency = forms.TypedChoiceField(
        label=_("Agency"), required=False, coerce=int, empty_value=None
    )
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[("", _("Any action")), *Action.choices],
    )
    target_type = forms.ChoiceField(label=_("Type of record"), required=False)
    target_id = forms.CharField(
        label=_("Record ID"),
        required=False,
        max_length=64,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    date_from = _date_field(_("Start date"))
    date_to = _date_field(_("End date"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency: Any = self.fields["agency"]
        agency.choices = [("", _("Any agency")), *audit_agencies()]
        target_type: Any = self.fields["target_type"]
        target_type.choices = [("", _("Any type")), *audit_target_types()]

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_to < date_from:
            self.add_error("date_to", DATE_ORDER)
        return cleaned

    def filters(self) -> AuditFilters:
        """The cleaned filters, for `audit_event_list`."""
        data = self.cleaned_data
        return AuditFilters(
            person=data["person"],
            agency_id=data["agency"],
            action=data["action"],
            target_type=data["target_type"],
            target_id=data["target_id"],
            date_from=data["date_from"],
            date_to=data["date_to"],
            up_to_seq=data.get("upto"),
        )


class AuditSearchForm(AuditFilterForm):
    """The filters, plus the newest event a search's later pages may show."""

    upto = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)


class AuditExportForm(AuditFilterForm):
    """The search filters plus the reason for exporting, which the trail records."""

    purpose = forms.CharField(
        label=_("Why are you exporting the audit trail?"),
        help_text=_(
            "For example, the request or investigation it is for. "
            "This is recorded in the audit trail."
        ),
        max_length=PURPOSE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": PURPOSE_REQUIRED, "max_length": PURPOSE_TOO_LONG},
    )
