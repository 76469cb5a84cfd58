"""The two steps of sharing a report: who, why and on what basis; then the copy."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from hedgerow.accounts.models import Agency
from hedgerow.intelligence.models import LawfulBasis, Report
from hedgerow.intelligence.services.sharing import (
    STILL_IDENTIFIES,
    identifying_parts,
)

STEP_CHOOSE = "choose"
STEP_REVIEW = "review"


class ShareChooseForm(forms.Form):
    """Step 1: the receiving agency, the purpose and the lawful basis."""

    to_agency = forms.ModelChoiceField(
        label=_("Agency to share with"),
        queryset=Agency.objects.none(),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the agency to share with")},
    )
    purpose = forms.CharField(
        label=_("Purpose of sharing"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "What the agency needs it for, like “to plan a joint visit to the "
            "premises”. "
            "This is recorded in the audit trail."
        ),
        error_messages={"required": _("Enter the purpose of sharing")},
    )
    lawful_basis = forms.ChoiceField(
        label=_("Lawful basis"),
        choices=LawfulBasis.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the lawful basis for sharing")},
    )

    def __init__(self, *args: Any, agencies: list[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to_agency"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - narrows the type
        field.queryset = Agency.objects.filter(
            pk__in=[agency.pk for agency in agencies]
        ).order_by("name")


class ShareReviewForm(ShareChooseForm):
    """Step 2: the sanitised copy as the officer edits and confirms it.

    Step 1's answers travel as hidden fields, so nothing is kept in the session.
    """

    location = forms.CharField(
        label=_("Location"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Say only as much as the agency needs: a street or the premises, not "
            "where the reporter lives."
        ),
        error_messages={"required": _("Enter the location, or “Not known”")},
    )
    when = forms.CharField(
        label=_("When"),
        max_length=200,
        error_messages={"required": _("Enter when it happened, or “Not known”")},
    )
    summary = forms.CharField(
        label=_("What was reported"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Take out anything that could identify the reporter, such as how they "
            "know or where they were."
        ),
        error_messages={"required": _("Enter a summary of what was reported")},
    )
    photos = forms.MultipleChoiceField(
        label=_("Photos to include (optional)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, report: Report, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.report = report
        for name in ("to_agency", "purpose", "lawful_basis"):
            self.fields[name].widget = forms.HiddenInput()
        photos = self.fields["photos"]
        assert isinstance(photos, forms.MultipleChoiceField)  # noqa: S101
        photos.choices = [
            (str(photo.pk), _("Photo %(number)s") % {"number": number})
            for number, photo in enumerate(report.photos.all(), start=1)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        texts = {key: data.get(key, "") for key in ("location", "when", "summary")}
        for part in identifying_parts(self.report, **texts):
            self.add_error(
                None, ValidationError(STILL_IDENTIFIES, params={"part": part})
            )
        return data

    def photo_ids(self) -> list[int]:
        return [int(pk) for pk in self.cleaned_data.get("photos", [])]
