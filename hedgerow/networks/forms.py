"""Forms for groups, members, panel seats, subjects, links, shares and harm scoring.

Forms only collect and check the shape of input; the services validate the rest
and write. Choices of subjects are limited to those the reader may see.
"""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from hedgerow.accounts.models import Agency
from hedgerow.geography.models import Lsoa
from hedgerow.intelligence.models import Threat
from hedgerow.networks.models import (
    Decision,
    GroupStatus,
    HandlingCode,
    IntelligenceAssessment,
    LinkKind,
    MemberRole,
    RecordKind,
    SourceEvaluation,
    Subject,
    SubjectKind,
    Vulnerability,
)
from hedgerow.places import selectors as place_selectors
from hedgerow.places.models import Place

SUBJECT_KIND_FIELDS: dict[str, tuple[str, ...]] = {
    SubjectKind.PERSON: (
        "name",
        "aliases",
        "date_of_birth",
        "nationality",
        "vulnerabilities",
    ),
    SubjectKind.COMPANY: ("name", "company_number", "sector"),
    SubjectKind.ORGANISATION: ("name", "sector"),
    SubjectKind.VEHICLE: ("name", "registration", "vehicle_model"),
    SubjectKind.PHONE: ("name", "phone_number"),
    SubjectKind.BANK_ACCOUNT: ("name", "account_number", "sort_code", "bank_name"),
    SubjectKind.PREMISES: ("name", "place"),
}


def _codes(text: str) -> list[str]:
    return sorted({code.strip().upper() for code in text.split(",") if code.strip()})


class GroupFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *GroupStatus.choices],
    )


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    status = forms.ChoiceField(label=_("Status"), choices=GroupStatus.choices)
    summary = forms.CharField(
        label=_("Summary"), required=False, max_length=4000, widget=forms.Textarea
    )
    threats = forms.ModelMultipleChoiceField(
        label=_("Principal threats"),
        queryset=Threat.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    lsoa_codes = forms.CharField(
        label=_("LSOAs"),
        required=False,
        help_text=_("LSOA codes, separated by commas, for example E01011365"),
    )
    local_authority_codes = forms.CharField(
        label=_("Local authorities"),
        required=False,
        help_text=_("ONS codes, separated by commas, for example E08000035"),
    )
    lead_agency = forms.ModelChoiceField(
        label=_("Lead agency"), queryset=Agency.objects.order_by("name")
    )

    def clean_lsoa_codes(self) -> list[Lsoa]:
        codes = _codes(self.cleaned_data["lsoa_codes"])
        found = list(Lsoa.objects.filter(code__in=codes))
        unknown = sorted(set(codes) - {lsoa.code for lsoa in found})
        if unknown:
            raise forms.ValidationError(
                _("These LSOA codes are not known: %(codes)s"),
                params={"codes": ", ".join(unknown)},
            )
        return found

    def clean_local_authority_codes(self) -> list[str]:
        return _codes(self.cleaned_data["local_authority_codes"])


class MemberForm(forms.Form):
    subject = forms.ModelChoiceField(
        label=_("Subject"), queryset=Subject.objects.none()
    )
    role = forms.ChoiceField(
        label=_("Role in the group"),
        choices=MemberRole.choices,
        widget=forms.RadioSelect,
    )
    since = forms.DateField(
        label=_("Member since (optional)"),
        required=False,
        help_text=_("For example, 2026-03-27"),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast("forms.ModelChoiceField[Subject]", self.fields["subject"])
        field.queryset = Subject.objects.visible_to(user).order_by("name")


class PanelSeatForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=_("Agency"), queryset=Agency.objects.order_by("name")
    )


class SubjectForm(forms.Form):
    """One form for every kind of subject, showing only the kind's own fields."""

    name = forms.CharField(label=_("Name"), max_length=200)
    aliases = forms.CharField(
        label=_("Other names (aliases)"),
        required=False,
        help_text=_("One a line"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    date_of_birth = forms.DateField(
        label=_("Date of birth"), required=False, help_text=_("For example, 1990-03-27")
    )
    nationality = forms.CharField(
        label=_("Nationality"),
        required=False,
        max_length=2,
        help_text=_("Two-letter country code, for example gb"),
    )
    vulnerabilities = forms.MultipleChoiceField(
        label=_("Vulnerability markers"),
        required=False,
        choices=Vulnerability.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    company_number = forms.CharField(
        label=_("Company number"), required=False, max_length=10
    )
    sector = forms.CharField(label=_("Kind of business"), required=False)
    registration = forms.CharField(
        label=_("Registration"), required=False, max_length=10
    )
    vehicle_model = forms.CharField(
        label=_("Make and model"), required=False, max_length=100
    )
    phone_number = forms.CharField(label=_("Phone number"), required=False)
    account_number = forms.CharField(label=_("Account number"), required=False)
    sort_code = forms.CharField(label=_("Sort code"), required=False)
    bank_name = forms.CharField(label=_("Bank"), required=False)
    place = forms.ModelChoiceField(
        label=_("Place in the places register"),
        queryset=Place.objects.none(),
        required=False,
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=4000, widget=forms.Textarea
    )

    def __init__(self, *args: Any, kind: str, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        keep = {*SUBJECT_KIND_FIELDS[kind], "notes"}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        if "place" in self.fields:
            field = cast("forms.ModelChoiceField[Place]", self.fields["place"])
            field.queryset = place_selectors.place_list(user=user)
            field.required = True

    def clean_aliases(self) -> list[str]:
        return [
            a.strip() for a in self.cleaned_data["aliases"].splitlines() if a.strip()
        ]


class LinkForm(forms.Form):
    target = forms.ModelChoiceField(
        label=_("Linked to"), queryset=Subject.objects.none()
    )
    kind = forms.ChoiceField(label=_("Kind of link"), choices=LinkKind.choices)
    start_date = forms.DateField(label=_("From (optional)"), required=False)
    end_date = forms.DateField(label=_("Until (optional)"), required=False)
    information_source = forms.CharField(
        label=_("Source of the information"), max_length=200
    )
    source_evaluation = forms.ChoiceField(
        label=_("Source evaluation"),
        choices=SourceEvaluation.choices,
        widget=forms.RadioSelect,
    )
    intelligence_assessment = forms.ChoiceField(
        label=_("Intelligence assessment"),
        choices=IntelligenceAssessment.choices,
        widget=forms.RadioSelect,
    )
    handling_code = forms.ChoiceField(
        label=_("Handling code"), choices=HandlingCode.choices, widget=forms.RadioSelect
    )
    handling_conditions = forms.CharField(
        label=_("Handling conditions (if code C)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, user: Any, source: Subject, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast("forms.ModelChoiceField[Subject]", self.fields["target"])
        field.queryset = (
            Subject.objects.visible_to(user).exclude(pk=source.pk).order_by("name")
        )


class SubjectShareForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=_("Agency to share with"), queryset=Agency.objects.order_by("name")
    )
    purpose = forms.CharField(
        label=_("Why are the details being shared?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SubjectSearchForm(forms.Form):
    q = forms.CharField(label=_("Name, alias, number or registration"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("Any kind")), *SubjectKind.choices],
    )


class HarmAssessmentForm(forms.Form):
    """Built from the matrix in use: one question per harm dimension."""

    assessed_on = forms.DateField(
        label=_("Date of the assessment"), help_text=_("For example, 2026-03-27")
    )

    def __init__(self, *args: Any, definition: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.definition = definition
        points = [(str(p["value"]), p["label"]) for p in definition["harm_points"]]
        self.dimension_names = []
        for dimension in definition["harm_dimensions"]:
            name = f"harm_{dimension['slug']}"
            self.dimension_names.append(name)
            self.fields[name] = forms.ChoiceField(
                label=dimension["label"], choices=points, widget=forms.RadioSelect
            )
        for part, label in (
            ("likelihood", _("Likelihood")),
            ("organisational_position", _("Organisational position")),
            ("confidence", _("Confidence")),
        ):
            self.fields[part] = forms.ChoiceField(
                label=label,
                choices=[(e["slug"], e["label"]) for e in definition[part]],
                widget=forms.RadioSelect,
            )
        self.fields["rationale"] = forms.CharField(
            label=_("Rationale"), max_length=4000, widget=forms.Textarea
        )

    def harm_scores(self) -> dict[str, int]:
        return {
            d["slug"]: int(self.cleaned_data[f"harm_{d['slug']}"])
            for d in self.definition["harm_dimensions"]
        }


class RemovalForm(forms.Form):
    """The key-player question: who to take out of the network, to see the effect."""

    remove = forms.MultipleChoiceField(
        label=_("Subjects to remove"),
        help_text=_(
            "For example, those an arrest, a move or safeguarding would take out."
        ),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one subject to remove"),
            "invalid_choice": _("Choose subjects from this network"),
        },
    )

    def __init__(self, *args: Any, nodes: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["remove"]).choices = nodes


class ExportPurposeForm(forms.Form):
    purpose = forms.CharField(
        label=_("Why are you downloading this network?"),
        help_text=_(
            "For example, the analysis or operation it is for. This is recorded "
            "in the audit trail."
        ),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter why you are downloading the network")},
    )


class ResolutionUploadForm(forms.Form):
    dataset = forms.CharField(
        label=_("What are these records?"),
        help_text=_("For example, Leeds Housing tenancy records, November 2026"),
        max_length=200,
    )
    kind = forms.ChoiceField(
        label=_("Are they people or businesses?"),
        choices=RecordKind.choices,
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label=_("Upload a CSV file"),
        help_text=_(
            "With a header row, saved as CSV UTF-8. Up to 20 MB and 250,000 records."
        ),
        error_messages={"required": _("Choose a CSV file to upload")},
    )
    purpose = forms.CharField(
        label=_("Why are you matching these records?"),
        help_text=_(
            "For example, the operation or safeguarding case. This is recorded in "
            "the audit trail."
        ),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ResolutionMappingForm(forms.Form):
    """Which of the file's columns holds the id and each field the matcher knows."""

    def __init__(
        self,
        *args: Any,
        columns: list[str],
        fields: tuple[tuple[str, Any], ...],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        present = [(c, c) for c in columns]
        self.fields["id_column"] = forms.ChoiceField(
            label=_("Record id"),
            help_text=_("The column that identifies each record in your system"),
            choices=[("", _("Choose a column")), *present],
            error_messages={"required": _("Choose the column with each record's id")},
        )
        self.field_names = []
        for name, label in fields:
            self.field_names.append(name)
            self.fields[name] = forms.ChoiceField(
                label=label,
                required=False,
                choices=[("", _("Not in this file")), *present],
            )

    def column_map(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in self.field_names}


class JudgementForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Is this the same person or business?"),
        choices=[
            (Decision.SAME, _("Same: merge the record into the subject")),
            (Decision.DIFFERENT, _("Different")),
            (Decision.UNSURE, _("Unsure: leave it for now")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose same, different or unsure")},
    )
