"""Forms for community events: filters, the event, age bands, documents, insights.

Forms check the shape of input; the services check the rest and write.
"""

import datetime
from typing import Any, cast

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hedgerow.accounts.models import Agency, User
from hedgerow.core.documents import (
    DOCUMENT_EMPTY,
    DOCUMENT_REQUIRED,
    size_check,
)
from hedgerow.engagement import selectors
from hedgerow.engagement.fields import (
    LsoaField,
    StaffChoiceField,
    count_field,
    date_field,
)
from hedgerow.engagement.models import INSIGHT_MAX_LENGTH, AgeBand, Event, EventKind
from hedgerow.engagement.services import (
    FUTURE_DATE,
    INSIGHT_REQUIRED,
    INSIGHT_TOO_LONG,
    TITLE_REQUIRED,
)
from hedgerow.intelligence.models import Threat

DATE_ORDER = _("The end date must be the same as or after the start date")


class EventFilterForm(forms.Form):
    """Which events to list: every filter left empty matches all."""

    kind = forms.ChoiceField(
        label=_("Kind of event"),
        required=False,
        choices=[("", _("Any kind")), *EventKind.choices],
    )
    date_from = date_field(_("From"), required=False)
    date_to = date_field(_("To"), required=False)
    local_authority = forms.ChoiceField(label=_("Local authority"), required=False)
    lsoa = LsoaField(
        label=_("LSOA"), help_text=_("An LSOA code or name, for example Leeds 011A")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["local_authority"])
        field.choices = [("", _("Any")), *selectors.local_authorities_in_use()]

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_to < date_from:
            self.add_error("date_to", DATE_ORDER)
        return cleaned

    def _common(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "date_from": data["date_from"],
            "date_to": data["date_to"],
            "local_authority": data["local_authority"],
            "lsoa_id": data["lsoa"].pk if data["lsoa"] else None,
        }

    def filters(self) -> selectors.EventFilters:
        """The cleaned filters; empty if the form is not valid."""
        if not self.is_valid():
            return selectors.EventFilters()
        return selectors.EventFilters(**self._common())


class InsightFilterForm(EventFilterForm):
    """Which insights to group: by event, theme and the area they concern."""

    theme = forms.ModelChoiceField(
        label=_("Threat theme"),
        required=False,
        queryset=Threat.objects.order_by("order", "slug"),
        empty_label=_("Any theme"),
    )

    field_order = ["date_from", "date_to", "kind", "theme", "local_authority", "lsoa"]

    def filters(self) -> selectors.InsightFilters:
        """The cleaned filters; empty if the form is not valid."""
        if not self.is_valid():
            return selectors.InsightFilters()
        theme = self.cleaned_data["theme"]
        return selectors.InsightFilters(
            **self._common(), theme_id=theme.pk if theme else None
        )


class EventForm(forms.Form):
    """Record or change one event."""

    kind = forms.ChoiceField(
        label=_("Kind of event"),
        choices=EventKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the kind of event")},
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("For example, Harehills World Café: keeping our streets safe"),
        error_messages={"required": TITLE_REQUIRED},
    )
    held_on = date_field(
        _("Date of the event"),
        required=True,
        help_text=_("For example, 27/03/2026. It cannot be in the future."),
    )
    venue = forms.CharField(label=_("Venue (optional)"), max_length=200, required=False)
    lsoa = LsoaField(
        label=_("LSOA (optional)"),
        help_text=_(
            "The LSOA where the event was held: its code, like E01011264, or its "
            "name, like Leeds 011A."
        ),
    )
    agencies = forms.ModelMultipleChoiceField(
        label=_("Partner agencies (optional)"),
        required=False,
        queryset=Agency.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
    )
    facilitators = StaffChoiceField(
        label=_("Facilitators with a Hedgerow account (optional)"),
        required=False,
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Staff who hosted tables or ran the session."),
    )
    other_facilitators = forms.CharField(
        label=_("Other facilitators (optional)"),
        max_length=500,
        required=False,
        help_text=_(
            "Volunteers and active citizens without an account: a role or first "
            "name is enough, for example “two residents’ association volunteers”."
        ),
    )
    attendance = count_field(
        _("Total attendance"),
        required=True,
        help_text=_("How many people came. You can count them by age band afterwards."),
    )
    summary = forms.CharField(
        label=_("Summary (optional)"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the event was for and how it went."),
    )

    def __init__(self, *args: Any, event: Event | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A facilitator who has since left stays on the events they ran.
        allowed = Q(is_active=True)
        if event is not None:
            allowed |= Q(pk__in=event.facilitators.values("pk"))
        field = cast(StaffChoiceField, self.fields["facilitators"])
        field.queryset = (
            User.objects.filter(allowed).select_related("agency").order_by("full_name")
        )

    def clean_held_on(self) -> datetime.date:
        held_on: datetime.date = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError(FUTURE_DATE)
        return held_on


class AgeBandForm(forms.Form):
    """How many attended in each age band; each box may be left empty."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for value, label in AgeBand.choices:
            self.fields[value] = count_field(label, required=False)

    def counts(self) -> dict[str, int | None]:
        """The cleaned count for each band."""
        return {band: self.cleaned_data.get(band) for band in AgeBand.values}


class DocumentForm(forms.Form):
    """One document to keep with an event."""

    file = forms.FileField(
        label=_("Upload a file"),
        help_text=_(
            "A PDF, DOCX, ODT, XLSX, CSV, TXT, JPEG or PNG file, smaller than 10 MB. "
            "For example, the agenda or photos of the table cloths."
        ),
        error_messages={"required": DOCUMENT_REQUIRED, "empty": DOCUMENT_EMPTY},
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        # Checked before reading, so an oversized file is never held in memory.
        size_check(upload.size or 0)
        return upload


class InsightForm(forms.Form):
    """What was said at one table."""

    table_label = forms.CharField(
        label=_("Table (optional)"),
        max_length=40,
        required=False,
        help_text=_("For example, Table 3"),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    text = forms.CharField(
        label=_("What was said"),
        max_length=INSIGHT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "In people’s own words where you can, up to 2,000 characters. Do not "
            "write the names of residents or of anyone they spoke about."
        ),
        error_messages={"required": INSIGHT_REQUIRED, "max_length": INSIGHT_TOO_LONG},
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Threat themes (optional)"),
        required=False,
        queryset=Threat.objects.order_by("order", "slug"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose each kind of crime the insight is about."),
    )
    lsoa = LsoaField(
        label=_("Neighbourhood it concerns (optional)"),
        help_text=_(
            "An LSOA code or name. It starts as the event’s LSOA; change it when "
            "people spoke about somewhere else."
        ),
    )
    is_quotable = forms.BooleanField(
        label=_("This may be quoted in reports"),
        required=False,
        help_text=_(
            "Only if the table agreed. Quotes appear in reports and on the insights "
            "page without names."
        ),
    )
