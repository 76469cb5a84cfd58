"""The form that imports a round from a Pabulib `.pb` file."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hedgerow.budgeting.services.interchange import MAX_BYTES
from hedgerow.budgeting.services.interchange.importing import FILE_TOO_LARGE

# Addresses the staff pages already use for something else.
RESERVED_SLUGS = frozenset({"new", "import"})
SLUG_RESERVED = _("That web address name is used by another page. Choose another.")


class RoundImportForm(forms.Form):
    """A `.pb` file and the web address name the new round will have."""

    file = forms.FileField(
        label=_("Upload a Pabulib file"),
        help_text=_("A .pb file, as published on pabulib.org. Up to 50 MB."),
        error_messages={
            "required": _("Choose a Pabulib .pb file to upload"),
            "empty": _("The file is empty. Choose a Pabulib .pb file."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".pb,text/plain"}),
    )
    slug = forms.SlugField(
        label=_("Web address name"),
        help_text=_(
            "Lower-case letters, numbers and hyphens, like warsaw-2026. The round's "
            "pages will be at /budgeting/warsaw-2026/."
        ),
        max_length=80,
        error_messages={
            "required": _("Enter a web address name for the round"),
            "invalid": _(
                "Use only lower-case letters, numbers and hyphens in the web "
                "address name"
            ),
        },
    )

    def clean_file(self) -> Any:
        """Refuse a file over the limit before it is read into memory."""
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(FILE_TOO_LARGE)
        return upload

    def clean_slug(self) -> str:
        """Web addresses are lower case, whatever was typed."""
        slug = str(self.cleaned_data["slug"]).lower()
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(SLUG_RESERVED)
        return slug
