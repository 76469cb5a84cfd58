"""Forms coordinators use to edit the warning-signs catalogue in every language.

Each text has one field per language (`name_en`, `name_cy`, …). English is
required; the other languages are optional and fall back to English publicly.
"""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.forms.boundfield import BoundField
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from hedgerow.intelligence.models import Contact, Threat, WarningSign

NAME_MAX, SUMMARY_MAX, LINE_MAX, LINES_MAX = 120, 1200, 300, 10
SIGN_MAX, DESCRIPTION_MAX, PHONE_MAX = 300, 500, 40

ENTER_NAME = _("Enter the name in English")
ENTER_SUMMARY = _("Enter what it is, in English")
ENTER_DO = _("Enter at least one thing to do, in English")
ENTER_DONT = _("Enter at least one thing not to do, in English")
ENTER_SIGN = _("Enter the warning sign in English")
ENTER_CONTACT_NAME = _("Enter the name of the contact in English")
TOO_LONG = _("{label} in {language} must be {max} characters or fewer")
TOO_MANY_LINES = _("{label} in {language} must have {max} lines or fewer")
LINE_TOO_LONG = _(
    "Each line of {label} in {language} must be {max} characters or fewer"
)
THRESHOLD_WITHOUT_CONTACT = _(
    "Choose a specialist helpline, or leave the number of signs empty"
)
CONTACT_WITHOUT_THRESHOLD = _(
    "Enter how many signs a reporter must tick before they are shown the helpline"
)
PHONE_OR_WEBSITE = _("Enter a phone number or a website")
PHONE_INVALID = _("Enter a phone number using only digits, spaces and +")
ORDER_HELP = _("Lower numbers come first.")
ONE_PER_LINE = _("One per line.")


@dataclass(frozen=True)
class LanguageSection:
    """The fields of one language, shown together under its name."""

    code: str
    name: str
    fields: list[BoundField]


def order_field() -> forms.IntegerField:
    """Where an entry comes in its list."""
    return forms.IntegerField(
        label=_("Order"),
        min_value=0,
        max_value=32767,
        help_text=ORDER_HELP,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-4"}),
        error_messages={"required": _("Enter a number for the order")},
    )


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


class MultilingualForm(forms.Form):
    """Adds one field per language for each entry in `texts`.

    `texts` lists (key, label, kind, max_length, required-in-English message),
    kind being "line", "text" or "lines" (a list, one item per line).
    """

    texts: tuple[tuple[str, Any, str, int, Any], ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Language fields first, so the error summary follows the page's order.
        text_fields = {}
        for code, language in settings.LANGUAGES:
            for key, label, kind, max_length, required in self.texts:
                field = self._text_field(
                    label,
                    language,
                    kind,
                    max_length,
                    required if code == "en" else None,
                )
                field.widget.attrs["lang"] = code
                text_fields[f"{key}_{code}"] = field
        self.fields = {**text_fields, **self.fields}

    @staticmethod
    def _text_field(
        label: Any, language: Any, kind: str, max_length: int, required: Any
    ) -> forms.CharField:
        messages = {
            "max_length": format_lazy(
                TOO_LONG, label=label, language=language, max=max_length
            )
        }
        if required:
            messages["required"] = required
        widget = (
            forms.TextInput if kind == "line" else forms.Textarea(attrs={"rows": 4})
        )
        return forms.CharField(
            label=label,
            required=bool(required),
            max_length=None if kind == "lines" else max_length,
            widget=widget,
            help_text=ONE_PER_LINE if kind == "lines" else "",
            error_messages=messages,
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for code, language in settings.LANGUAGES:
            for key, label, kind, max_length, _required in self.texts:
                name = f"{key}_{code}"
                if kind == "lines" and name in cleaned:
                    cleaned[name] = self._lines(name, label, language, max_length)
        return cleaned

    def _lines(
        self, name: str, label: Any, language: Any, max_length: int
    ) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data[name].splitlines()]
        lines = [line for line in lines if line]
        if len(lines) > LINES_MAX:
            self.add_error(
                name,
                format_lazy(
                    TOO_MANY_LINES, label=label, language=language, max=LINES_MAX
                ),
            )
        if any(len(line) > max_length for line in lines):
            self.add_error(
                name,
                format_lazy(
                    LINE_TOO_LONG, label=label, language=language, max=max_length
                ),
            )
        return lines

    def language_texts(self, key: str) -> dict[str, Any]:
        """{language: value} for one text, leaving out the languages left blank."""
        values = {
            code: self.cleaned_data.get(f"{key}_{code}") for code in language_codes()
        }
        return {code: value for code, value in values.items() if value}

    @property
    def language_sections(self) -> list[LanguageSection]:
        keys = [key for key, *_rest in self.texts]
        return [
            LanguageSection(
                code, str(language), [self[f"{key}_{code}"] for key in keys]
            )
            for code, language in settings.LANGUAGES
        ]

    @classmethod
    def initial_texts(cls, **values: dict[str, Any]) -> dict[str, Any]:
        """Initial values from {key: {language: value}}; lists become lines."""
        initial = {}
        for key, by_language in values.items():
            for code, value in by_language.items():
                initial[f"{key}_{code}"] = (
                    "\n".join(value) if isinstance(value, list) else value
                )
        return initial


class ThreatForm(MultilingualForm):
    """A threat's text in each language, the help it points to, and whether it shows."""

    texts = (
        ("name", _("Name"), "line", NAME_MAX, ENTER_NAME),
        ("summary", _("What it is"), "text", SUMMARY_MAX, ENTER_SUMMARY),
        ("do", _("What to do"), "lines", LINE_MAX, ENTER_DO),
        ("dont", _("What not to do"), "lines", LINE_MAX, ENTER_DONT),
    )

    contacts = forms.ModelMultipleChoiceField(
        label=_("Where else to go"),
        queryset=Contact.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    specialist_contact = forms.ModelChoiceField(
        label=_("Specialist helpline (optional)"),
        queryset=Contact.objects.all(),
        required=False,
        empty_label=_("None"),
        help_text=_("Shown to people who tick enough of this threat's warning signs."),
    )
    helpline_threshold = forms.IntegerField(
        label=_("Number of signs that trigger the helpline advice (optional)"),
        required=False,
        min_value=1,
        max_value=15,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-2"}),
    )
    is_published = forms.BooleanField(
        label=_("Show this threat on the public pages"), required=False
    )
    order = order_field()

    @classmethod
    def initial_for(cls, threat: Threat) -> dict[str, Any]:
        """The form's starting values for changing `threat`."""
        texts = {
            key: {code: text.get(key, "") for code, text in threat.texts.items()}
            for key, *_rest in cls.texts
        }
        return {
            **cls.initial_texts(**texts),
            "contacts": list(threat.contacts.all()),
            "specialist_contact": threat.specialist_contact,
            "helpline_threshold": threat.helpline_threshold,
            "is_published": threat.is_published,
            "order": threat.order,
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        has_contact = bool(cleaned.get("specialist_contact"))
        has_threshold = cleaned.get("helpline_threshold") is not None
        if (
            has_threshold
            and not has_contact
            and "helpline_threshold" not in self.errors
        ):
            self.add_error("specialist_contact", THRESHOLD_WITHOUT_CONTACT)
        if (
            has_contact
            and not has_threshold
            and "helpline_threshold" not in self.errors
        ):
            self.add_error("helpline_threshold", CONTACT_WITHOUT_THRESHOLD)
        return cleaned

    def service_fields(self) -> dict[str, Any]:
        """The keyword arguments `threat_update` takes."""
        texts: dict[str, dict[str, Any]] = {}
        for key, *_rest in self.texts:
            for code, value in self.language_texts(key).items():
                texts.setdefault(code, {})[key] = value
        data = self.cleaned_data
        return {
            "texts": texts,
            "contacts": list(data["contacts"]),
            "specialist_contact": data["specialist_contact"],
            "helpline_threshold": data["helpline_threshold"],
            "is_published": data["is_published"],
            "order": data["order"],
        }


class WarningSignForm(MultilingualForm):
    """One warning sign in each language, its place in the list, and if it shows."""

    texts = (("text", _("Warning sign"), "text", SIGN_MAX, ENTER_SIGN),)

    order = order_field()
    is_published = forms.BooleanField(
        label=_("Show this warning sign on the public pages"), required=False
    )

    @classmethod
    def initial_for(cls, sign: WarningSign | None) -> dict[str, Any]:
        if sign is None:
            return {"order": 100, "is_published": True}
        return {
            **cls.initial_texts(text=sign.texts),
            "order": sign.order,
            "is_published": sign.is_published,
        }

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "texts": self.language_texts("text"),
            "order": data["order"],
            "is_published": data["is_published"],
        }


class ContactForm(MultilingualForm):
    """Somewhere else to go: its name and when to use it in each language, and how."""

    texts = (
        ("name", _("Name"), "line", NAME_MAX, ENTER_CONTACT_NAME),
        ("description", _("When to use it"), "text", DESCRIPTION_MAX, None),
    )

    phone = forms.RegexField(
        label=_("Phone number (optional)"),
        regex=r"^\+?[0-9 ]+$",
        max_length=PHONE_MAX,
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "type": "tel"}),
        error_messages={"invalid": PHONE_INVALID},
    )
    url = forms.URLField(
        label=_("Website (optional)"),
        required=False,
        max_length=200,
        assume_scheme="https",
    )
    order = order_field()

    @classmethod
    def initial_for(cls, contact: Contact | None) -> dict[str, Any]:
        if contact is None:
            return {"order": 100}
        return {
            **cls.initial_texts(name=contact.name, description=contact.description),
            "phone": contact.phone,
            "url": contact.url,
            "order": contact.order,
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not self.errors and not cleaned.get("phone") and not cleaned.get("url"):
            self.add_error("phone", PHONE_OR_WEBSITE)
        return cleaned

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": self.language_texts("name"),
            "description": self.language_texts("description"),
            "phone": data["phone"].strip(),
            "url": data["url"],
            "order": data["order"],
        }
