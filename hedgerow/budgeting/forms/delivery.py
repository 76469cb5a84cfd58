"""Forms for tracking a funded project: its progress, and photos of its work.

They check the shape of what was typed; the delivery services check the rest
(spend against the award, outcomes for a complete project, the photo limit).
"""

import re
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from hedgerow.budgeting.models import DeliveryStatus
from hedgerow.budgeting.services.delivery import (
    CAPTION_MAX_LENGTH,
    CAPTION_REQUIRED,
    CAPTION_TOO_LONG,
    OUTCOMES_MAX_LENGTH,
    OUTCOMES_TOO_LONG,
    STATUS_UNKNOWN,
)
from hedgerow.geography.models import Lsoa

SPENT_REQUIRED = _("Enter how much has been spent, in pounds")
SPENT_INVALID = _("Amount spent must be a whole number of pounds, like 1250")
PHOTO_REQUIRED = _("Choose a photo to upload")


class PoundsField(forms.IntegerField):
    """A whole number of pounds; a £ sign, commas and spaces are ignored."""

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, str):
            value = re.sub(r"[£,\s]", "", value)
        return super().to_python(value)


# The stubs make the field generic; Django's class is not subscriptable at run time.
if TYPE_CHECKING:
    _AreaField = forms.ModelMultipleChoiceField[Lsoa]
else:
    _AreaField = forms.ModelMultipleChoiceField


class AreaChoiceField(_AreaField):
    """Neighbourhoods by name, with the LSOA code that identifies them."""

    def label_from_instance(self, obj: Lsoa) -> str:
        return f"{obj.name} ({obj.code})"


class DeliveryForm(forms.Form):
    """A project's status, what it has spent, what it achieved and where."""

    status = forms.ChoiceField(
        label=_("Status"),
        choices=DeliveryStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": STATUS_UNKNOWN, "invalid_choice": STATUS_UNKNOWN},
    )
    spent = PoundsField(
        label=_("Amount spent so far"),
        help_text=_(
            "In whole pounds, of the money this round awarded. If the group added "
            "money from elsewhere, leave it out here and say so in what the project "
            "achieved."
        ),
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "spellcheck": "false",
                "class": "govuk-input--width-10",
            }
        ),
        error_messages={"required": SPENT_REQUIRED, "invalid": SPENT_INVALID},
    )
    outcomes = forms.CharField(
        label=_("What the project achieved"),
        help_text=_(
            "For example, how many people took part and what changed. Residents "
            "see this once the results are published, so do not name anyone."
        ),
        required=False,
        max_length=OUTCOMES_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"max_length": OUTCOMES_TOO_LONG},
    )
    areas = AreaChoiceField(
        label=_("Areas the project reached (optional)"),
        queryset=Lsoa.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, areas: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(AreaChoiceField, self.fields["areas"]).queryset = areas


class DeliveryPhotoForm(forms.Form):
    """One photo of the project's work, with a caption that is also its alt text."""

    photo = forms.FileField(
        label=_("Upload a photo"),
        help_text=_(
            "Smaller than 10 MB. We remove the location and every other detail hidden "
            "in the file. Only use photos of people who agreed to be shown."
        ),
        widget=forms.FileInput(attrs={"accept": "image/*"}),
        error_messages={
            "required": PHOTO_REQUIRED,
            "empty": _("The selected photo is empty"),
        },
    )
    caption = forms.CharField(
        label=_("What the photo shows"),
        help_text=_(
            "For example, volunteers planting the community garden on Gipton Approach"
        ),
        max_length=CAPTION_MAX_LENGTH,
        error_messages={"required": CAPTION_REQUIRED, "max_length": CAPTION_TOO_LONG},
    )
