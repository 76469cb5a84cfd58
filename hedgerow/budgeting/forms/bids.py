"""The bid form, used by groups through their link and by coordinators for paper."""

from typing import Any, cast

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from hedgerow.budgeting.models import Round
from hedgerow.budgeting.services.bids import BidDraft
from hedgerow.core.documents import DOCUMENT_EMPTY, DOCUMENT_REQUIRED, size_check
from hedgerow.geography.models import Lsoa
from hedgerow.intelligence.models import Threat


class BidLinkForm(forms.Form):
    """A group asks for a link to start a bid."""

    group_name = forms.CharField(
        label=_("Name of your group or organisation"),
        max_length=200,
        error_messages={"required": _("Enter the name of your group")},
    )
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("We will send the link to your bid here."),
        error_messages={
            "required": _("Enter an email address"),
            "invalid": _("Enter an email address like name@example.org"),
        },
    )
    website = forms.CharField(required=False)  # a honeypot: people never see it


class BidForm(forms.Form):
    """What the group wants to do, what it costs and what it will achieve."""

    title = forms.CharField(label=_("Project title"), max_length=200, required=False)
    summary = forms.CharField(
        label=_("Summary"),
        help_text=_("What you will do, in a few sentences. Voters read this."),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    amount = forms.IntegerField(
        label=_("Amount you are asking for, in whole pounds"),
        min_value=1,
        required=False,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-10"}),
        error_messages={
            "invalid": _("Enter the amount as a whole number of pounds, like 2500"),
            "min_value": _("Enter an amount of at least £1"),
        },
    )
    area: "forms.ModelChoiceField[Lsoa]" = forms.ModelChoiceField(
        label=_("Neighbourhood"),
        queryset=Lsoa.objects.none(),  # the round's own areas, set in __init__
        required=False,
        empty_label=_("The whole area"),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Which harms will it help prevent?"),
        queryset=Threat.objects.filter(is_published=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    outcomes = forms.CharField(
        label=_("What will it achieve?"),
        help_text=_("Who will benefit, and how you will know it worked."),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    contact_name = forms.CharField(
        label=_("Contact name"), max_length=200, required=False
    )

    def __init__(self, *args: Any, round: Round, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area = cast("forms.ModelChoiceField[Any]", self.fields["area"])
        area.queryset = round.areas.order_by("name")
        if not round.areas.exists():
            del self.fields["area"]
        amount = self.fields["amount"]
        amount.help_text = _("Between %(least)s and %(most)s.") % {
            "least": f"£{round.min_bid:,}",
            "most": f"£{round.max_bid:,}",
        }

    def draft(self) -> BidDraft:
        data = self.cleaned_data
        return BidDraft(
            title=data["title"],
            summary=data["summary"],
            amount=data["amount"],
            area=data.get("area"),
            outcomes=data["outcomes"],
            contact_name=data["contact_name"],
            themes=list(data["themes"]),
        )


class DocumentForm(forms.Form):
    """A document supporting the bid, such as a budget or a letter of support."""

    document = forms.FileField(
        label=_("Add a supporting document (optional)"),
        help_text=_(
            "For example, a budget or a letter of support. A PDF, DOCX, ODT, XLSX, "
            "CSV, TXT, JPEG or PNG file, smaller than 10 MB. Up to 5 documents."
        ),
        error_messages={"required": DOCUMENT_REQUIRED, "empty": DOCUMENT_EMPTY},
    )

    def clean_document(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["document"]
        # Checked before reading, so an oversized file is never held in memory.
        size_check(upload.size or 0)
        return upload


class PaperBidForm(BidForm):
    """A bid that arrived on paper: the group's details are typed in too."""

    group_name = forms.CharField(
        label=_("Group or organisation"),
        max_length=200,
        error_messages={"required": _("Enter the name of the group")},
    )
    email = forms.EmailField(
        label=_("Group’s email address"),
        required=False,
        help_text=_("Optional: leave empty if the group has none."),
        error_messages={"invalid": _("Enter an email address like name@example.org")},
    )

    field_order = ["group_name", "email"]


def bid_initial(bid: Any) -> dict[str, Any]:
    """The form's starting values from a saved bid."""
    return {
        "title": bid.title,
        "summary": bid.summary,
        "amount": bid.amount,
        "area": bid.area_id,
        "outcomes": bid.outcomes,
        "contact_name": bid.contact_name,
        "themes": list(bid.themes.values_list("pk", flat=True)),
    }
