"""The places register: premises and places partners are concerned about."""

import re
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from hedgerow.core.models import TimeStampedModel
from hedgerow.places.querysets import PlaceFlagQuerySet, PlaceQuerySet

# A UK postcode, spaces optional, any case: "LS1 1UR", "ls11ur", "BD7 1DP".
POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$", re.IGNORECASE)


def normalise_postcode(value: str) -> str:
    """Upper case with one space before the inward code: "ls11ur" → "LS1 1UR"."""
    compact = re.sub(r"\s+", "", value).upper()
    if len(compact) < 5:  # the shortest postcode, "W1 1AA", has 5 characters
        return compact
    return f"{compact[:-3]} {compact[-3:]}"


def validate_postcode(value: str) -> None:
    """Accept only strings shaped like a UK postcode."""
    if not POSTCODE.match(value.strip()):
        raise ValidationError(
            _("Enter a real postcode, like LS1 1UR"), code="invalid_postcode"
        )


def validate_uprn(value: str) -> None:
    """A Unique Property Reference Number is 1 to 12 digits."""
    if not re.fullmatch(r"[0-9]{1,12}", value):
        raise ValidationError(
            _("A UPRN is up to 12 digits, like 100021234567"), code="invalid_uprn"
        )


class PlaceKind(models.TextChoices):
    """What sort of premises or place it is."""

    HOUSE_OR_FLAT = "house_or_flat", _("House or flat")
    HMO = "hmo", _("House in multiple occupation (HMO)")
    CAR_WASH = "car_wash", _("Car wash")
    NAIL_BAR = "nail_bar", _("Nail bar")
    TAKEAWAY = "takeaway", _("Takeaway")
    SHOP = "shop", _("Shop")
    LICENSED_PREMISES = "licensed_premises", _("Licensed premises")
    HOTEL = "hotel", _("Hotel")
    FARM = "farm", _("Farm")
    INDUSTRIAL = "industrial", _("Industrial")
    OPEN_SPACE = "open_space", _("Open space")
    OTHER = "other", _("Other")


class Visibility(models.TextChoices):
    """Who may see a place or a flag beyond the agency that recorded it."""

    AGENCY = "agency", _("Only the agency that recorded it")
    PARTNERSHIP = "partnership", _("Every agency in the partnership")


class Place(TimeStampedModel):
    """A premises or place, located to its LSOA, recorded by one agency."""

    name = models.CharField(
        _("name"), max_length=200, blank=True, help_text=_("A business name, if any")
    )
    address = models.TextField(_("address or description"), max_length=500)
    postcode = models.CharField(
        _("postcode"), max_length=8, blank=True, validators=[validate_postcode]
    )
    uprn = models.CharField(
        _("UPRN"), max_length=12, blank=True, validators=[validate_uprn]
    )
    kind = models.CharField(_("kind"), max_length=24, choices=PlaceKind.choices)
    latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(49.8), MaxValueValidator(61.0)],
    )
    longitude = models.FloatField(
        _("longitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-8.7), MaxValueValidator(2.0)],
    )
    lsoa = models.ForeignKey(
        "geography.Lsoa",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="places",
        verbose_name=_("LSOA"),
    )
    agency = models.ForeignKey(
        "accounts.Agency",
        on_delete=models.PROTECT,
        related_name="places",
        verbose_name=_("recorded by agency"),
    )
    visibility = models.CharField(
        _("who can see it"),
        max_length=16,
        choices=Visibility.choices,
        default=Visibility.PARTNERSHIP,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )

    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["address"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=(
                    models.Q(latitude__isnull=True, longitude__isnull=True)
                    | models.Q(latitude__isnull=False, longitude__isnull=False)
                ),
                name="place_point_has_both_coordinates",
            )
        ]

    def __str__(self) -> str:
        first_line = self.address.splitlines()[0] if self.address else ""
        return f"{self.name}, {first_line}" if self.name else first_line


class FlagKind(models.TextChoices):
    """What partners suspect or know about a place."""

    SUSPECTED_CUCKOOING = "suspected_cuckooing", _("Suspected cuckooing")
    SUSPECTED_DRUG_SUPPLY = "suspected_drug_supply", _("Suspected drug supply")
    SUSPECTED_EXPLOITATION = "suspected_exploitation", _("Suspected exploitation")
    SUSPECTED_MODERN_SLAVERY = "suspected_modern_slavery", _("Suspected modern slavery")
    ILLICIT_GOODS = "illicit_goods", _("Illicit goods")
    WEAPONS = "weapons", _("Weapons")
    VULNERABLE_OCCUPANT = "vulnerable_occupant", _("Vulnerable occupant")
    STAFF_SAFETY = "staff_safety", _("Risk to visiting staff")
    OTHER = "other", _("Other")


class PlaceFlag(models.Model):
    """A concern an agency has raised about a place, until someone clears it."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="flags")
    kind = models.CharField(_("flag"), max_length=32, choices=FlagKind.choices)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="+"
    )
    visibility = models.CharField(
        _("who can see it"),
        max_length=16,
        choices=Visibility.choices,
        default=Visibility.AGENCY,
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    raised_at = models.DateTimeField(auto_now_add=True)
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    cleared_at = models.DateTimeField(null=True, blank=True)
    cleared_reason = models.TextField(_("why it was cleared"), blank=True)

    objects = PlaceFlagQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_at"]

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def is_active(self) -> bool:
        return self.cleared_at is None
