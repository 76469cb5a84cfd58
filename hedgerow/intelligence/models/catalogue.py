"""The warning-signs catalogue: threats, their signs, and where else to get help.

Public text is held per language in JSON objects keyed by language code
({"en": …, "cy": …, "pl": …, "ro": …}) so coordinators can edit every language
in one place; `localised()` falls back to English where a translation is missing.
"""

from typing import Any

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from hedgerow.core.models import TimeStampedModel


def localised(texts: dict[str, Any], language: str | None = None) -> Any:
    """The text for `language` (default: the active one), else the English text."""
    code = (language or get_language() or "en").split("-")[0]
    value = texts.get(code)
    return value if value else texts.get("en", "")


class Contact(TimeStampedModel):
    """Somewhere else to go for help: 999, 101, Crimestoppers, a helpline."""

    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    name = models.JSONField(_("name"), default=dict)
    description = models.JSONField(_("when to use it"), default=dict)
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    url = models.URLField(_("website"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        ordering = ["order", "slug"]

    def __str__(self) -> str:
        return str(localised(self.name)) or self.slug

    @property
    def display_name(self) -> str:
        return str(localised(self.name))

    @property
    def display_description(self) -> str:
        return str(localised(self.description))


class Threat(TimeStampedModel):
    """A kind of serious and organised crime the public can learn to spot.

    `texts` holds, per language, {"name", "summary", "do": [...], "dont": [...]}.
    When a reporter ticks at least `helpline_threshold` of this threat's signs,
    the report flow points them to `specialist_contact` as well.
    """

    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    texts = models.JSONField(_("text in each language"), default=dict)
    contacts = models.ManyToManyField(
        Contact, blank=True, related_name="threats", verbose_name=_("where else to go")
    )
    specialist_contact = models.ForeignKey(
        Contact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("specialist helpline"),
    )
    helpline_threshold = models.PositiveSmallIntegerField(
        _("signs that trigger the helpline advice"), null=True, blank=True
    )
    sources = models.TextField(_("sources"), blank=True)
    is_published = models.BooleanField(_("published"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        ordering = ["order", "slug"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return str(localised(self.texts).get("name", self.slug)) if self.texts else ""

    def text(self, key: str, language: str | None = None) -> Any:
        """One part of the threat's text in the active language, else English."""
        code = (language or get_language() or "en").split("-")[0]
        for candidate in (code, "en"):
            value = self.texts.get(candidate, {}).get(key)
            if value:
                return value
        return "" if key not in {"do", "dont"} else []


class WarningSign(TimeStampedModel):
    """One thing a member of the public might notice, in each language."""

    threat = models.ForeignKey(Threat, on_delete=models.CASCADE, related_name="signs")
    slug = models.SlugField(_("short name"), max_length=80)
    texts = models.JSONField(_("text in each language"), default=dict)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    is_published = models.BooleanField(_("published"), default=True)

    class Meta:
        ordering = ["threat", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["threat", "slug"], name="warning_sign_slug_per_threat"
            )
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return str(localised(self.texts))
