"""Forms of the reporter's follow-up: the receipt, answers and more information."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hedgerow.intelligence.forms.intake import (
    DESCRIPTION_MAX,
    MultipleFileField,
    PlainTextField,
    refuse_markup_only,
)

RECEIPT_WRONG = _(
    "The reference and secret do not match a report. Check you have typed both "
    "exactly as they were shown when you sent your report"
)
REFERENCE_REQUIRED = _("Enter your report reference")
SECRET_REQUIRED = _("Enter your secret")
ANSWER_REQUIRED = _("Enter your answer")
ANSWER_TOO_LONG = _("Your answer must be 5,000 characters or fewer")
UPDATE_REQUIRED = _("Enter more information or choose a photo")
UPDATE_TOO_LONG = _("The information must be 5,000 characters or fewer")
MARKUP_ONLY = _("Write in words, not only code or HTML tags")


class ReceiptForm(forms.Form):
    """The reference and the secret from the confirmation page."""

    reference = forms.CharField(
        label=_("Report reference"),
        help_text=_("For example, HR-7K3M-Q9TB"),
        max_length=40,
        error_messages={"required": REFERENCE_REQUIRED},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "spellcheck": "false",
                "autocapitalize": "characters",
            }
        ),
    )
    secret = forms.CharField(
        label=_("Secret"),
        help_text=_("The 28 letters and numbers shown with your reference"),
        max_length=80,
        error_messages={"required": SECRET_REQUIRED},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "spellcheck": "false",
                "autocapitalize": "characters",
            }
        ),
    )


class AnswerForm(forms.Form):
    """An answer to one question a partner asked."""

    answer = PlainTextField(
        label=_("Your answer"),
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": ANSWER_REQUIRED, "max_length": ANSWER_TOO_LONG},
    )

    def __init__(self, *args: Any, question_id: int, **kwargs: Any) -> None:
        # Each question's form has its own ids, so error links reach the right box.
        kwargs["prefix"] = f"q{question_id}"
        super().__init__(*args, **kwargs)

    def clean_answer(self) -> str:
        return refuse_markup_only(str(self.cleaned_data["answer"]), MARKUP_ONLY)


class UpdateForm(forms.Form):
    """More information, with up to five photos."""

    text = PlainTextField(
        label=_("Tell us more (optional if you add photos)"),
        max_length=DESCRIPTION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": UPDATE_TOO_LONG},
    )
    photos = MultipleFileField(
        label=_("Add photos (optional)"),
        help_text=_(
            "Up to 5 photos, each smaller than 10 MB. We remove the location and "
            "every other detail hidden in the file before we keep it."
        ),
        required=False,
    )

    def clean_text(self) -> str:
        return refuse_markup_only(str(self.cleaned_data["text"]), MARKUP_ONLY)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("text") and not data.get("photos") and not self.errors:
            self.add_error("text", UPDATE_REQUIRED)
        return data
