"""Forms for the triage queue and the actions an officer takes on a report."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hedgerow.accounts.models import User
from hedgerow.intelligence.models import Outcome, Priority, Risk, Status, Threat
from hedgerow.places.models import PlaceKind, normalise_postcode, validate_postcode

REASON_HELP = _("This is recorded in the audit trail with your name.")
MAX_MESSAGE = 5000


class Sort:
    """How the queue can be ordered."""

    NEWEST = "newest"
    OLDEST = "oldest"
    PRIORITY = "priority"
    CHOICES = (
        (NEWEST, _("Newest first")),
        (OLDEST, _("Oldest first (age)")),
        (PRIORITY, _("Priority (P1 first)")),
    )


class AgeBand:
    """How long ago a report came in, as the queue filters it (in hours)."""

    BANDS: dict[str, tuple[int | None, int | None]] = {
        "day": (None, 24),
        "week": (24, 24 * 7),
        "month": (24 * 7, 24 * 30),
        "older": (24 * 30, None),
    }
    CHOICES = (
        ("", _("Any age")),
        ("day", _("Under 24 hours")),
        ("week", _("1 to 7 days")),
        ("month", _("7 to 30 days")),
        ("older", _("Over 30 days")),
    )


OPEN = "open"
ALL = "all"
UNGRADED = "ungraded"


class QueueFilterForm(forms.Form):
    """Narrow and order the queue (a GET form: every filter is in the address)."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            (OPEN, _("Open (new or in progress)")),
            *Status.choices,
            (ALL, _("All")),
        ],
    )
    threat = forms.ModelChoiceField(
        label=_("Threat"),
        queryset=Threat.objects.all(),
        required=False,
        empty_label=_("Any threat"),
    )
    local_authority = forms.ChoiceField(
        label=_("Local authority"), required=False, choices=()
    )
    lsoa = forms.CharField(
        label=_("LSOA code"),
        required=False,
        max_length=9,
        help_text=_("Like E01011229"),
    )
    age = forms.ChoiceField(label=_("Age"), required=False, choices=AgeBand.CHOICES)
    priority = forms.ChoiceField(
        label=_("Priority"),
        required=False,
        choices=[
            ("", _("Any priority")),
            *Priority.choices,
            (UNGRADED, _("Not graded")),
        ],
    )
    mine = forms.BooleanField(label=_("Assigned to me"), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=Sort.CHOICES)

    def __init__(
        self, *args: Any, local_authorities: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["local_authority"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - narrows the type
        field.choices = [("", _("Any local authority")), *local_authorities]

    def clean_lsoa(self) -> str:
        return str(self.cleaned_data["lsoa"]).strip().upper()

    def applied(self) -> dict[str, Any]:
        """The filters in use, for the audit trail (empty values left out)."""
        if not hasattr(self, "cleaned_data"):
            return {}
        return {
            key: str(getattr(value, "slug", value))
            for key, value in self.cleaned_data.items()
            if value not in (None, "", False)
        }


class GradeForm(forms.Form):
    """Priority, risk and whether anyone's life is at immediate risk."""

    priority = forms.ChoiceField(
        label=_("Priority"),
        choices=Priority.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a priority")},
    )
    risk = forms.ChoiceField(
        label=_("Risk"),
        choices=Risk.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a risk rating")},
    )
    risk_to_life = forms.BooleanField(
        label=_("Someone’s life is at immediate risk"),
        required=False,
        help_text=_(
            "Tick this if anyone may be killed or seriously hurt without help now."
        ),
    )


class AssignForm(forms.Form):
    """Which officer of the agency takes the report on."""

    officer = forms.ModelChoiceField(
        label=_("Officer"),
        queryset=User.objects.none(),
        empty_label=_("Nobody (unassigned)"),
        required=False,
    )

    def __init__(self, *args: Any, officers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["officer"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - narrows the type
        field.queryset = officers


class PlaceSearchForm(forms.Form):
    """Look up an existing place by address or postcode (a GET form)."""

    q = forms.CharField(
        label=_("Address or postcode"),
        max_length=200,
        error_messages={"required": _("Enter part of an address or a postcode")},
    )


class PlaceChooseForm(forms.Form):
    """The place, from the search results, to link the report to."""

    place = forms.IntegerField(widget=forms.HiddenInput)


class PlaceCreateForm(forms.Form):
    """A new place, to be created and linked; prefilled from the report."""

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
        label=_("Postcode (optional)"), max_length=8, required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind of place"),
        choices=PlaceKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the kind of place")},
    )
    uprn = forms.RegexField(
        label=_("UPRN (optional)"),
        regex=r"^[0-9]{1,12}$",
        required=False,
        error_messages={"invalid": _("A UPRN is up to 12 digits, like 100021234567")},
    )
    latitude = forms.FloatField(widget=forms.HiddenInput, required=False)
    longitude = forms.FloatField(widget=forms.HiddenInput, required=False)

    def clean_postcode(self) -> str:
        postcode = str(self.cleaned_data["postcode"]).strip()
        if not postcode:
            return ""
        validate_postcode(postcode)
        return normalise_postcode(postcode)


class DuplicateForm(forms.Form):
    """The reference of the report this one repeats."""

    original = forms.CharField(
        label=_("Reference of the original report"),
        max_length=20,
        help_text=_("Like HR-ABCD-1234. It must be a report your agency can see."),
        error_messages={"required": _("Enter the reference of the original report")},
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=MAX_MESSAGE,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_original(self) -> str:
        return str(self.cleaned_data["original"]).strip().upper()


class QuestionForm(forms.Form):
    """A question for the reporter, who sees it when they follow up."""

    text = forms.CharField(
        label=_("Your question"),
        max_length=MAX_MESSAGE,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "The reporter sees this when they follow up with their reference and "
            "secret. Do not include anything they should not know."
        ),
        error_messages={"required": _("Enter your question")},
    )


class NoteForm(forms.Form):
    """An internal note, seen only by the agencies the report was routed to."""

    text = forms.CharField(
        label=_("Note"),
        max_length=MAX_MESSAGE,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Only staff of the agencies this report was routed to see notes."),
        error_messages={"required": _("Enter the note")},
    )


class CloseForm(forms.Form):
    """What came of the report. Duplicates are closed by marking them as one."""

    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[c for c in Outcome.choices if c[0] != Outcome.DUPLICATE],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose an outcome")},
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=MAX_MESSAGE,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ReopenForm(forms.Form):
    """Why a closed report needs more work."""

    reason = forms.CharField(
        label=_("Why reopen it?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=REASON_HELP,
        error_messages={"required": _("Say why you are reopening the report")},
    )
