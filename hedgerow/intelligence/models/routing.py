"""Routing rules: which agencies receive reports about which threats, where."""

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from hedgerow.core.models import TimeStampedModel


class AreaKind(models.TextChoices):
    """How a rule names the area it covers."""

    ANYWHERE = "anywhere", _("Anywhere")
    LOCAL_AUTHORITY = "local_authority", _("Local authorities")
    LSOA = "lsoa", _("LSOAs (neighbourhoods)")


class RoutingRule(TimeStampedModel):
    """Reports about `threat` (any, when blank) in the area go to `agencies`.

    A report goes to the agencies of every rule that matches it. When none does,
    it goes to the agencies of the fallback rules, so nothing is left unrouted.
    """

    name = models.CharField(_("name"), max_length=200)
    threat = models.ForeignKey(
        "intelligence.Threat",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="routing_rules",
        verbose_name=_("threat"),
    )
    area_kind = models.CharField(
        _("area"), max_length=16, choices=AreaKind.choices, default=AreaKind.ANYWHERE
    )
    area_codes = models.JSONField(_("area codes"), default=list, blank=True)
    agencies = models.ManyToManyField(
        "accounts.Agency", related_name="routing_rules", verbose_name=_("agencies")
    )
    is_fallback = models.BooleanField(
        _("fallback"),
        default=False,
        help_text=_("Receives reports that no other rule matches"),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["-is_active", "is_fallback", "name"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=~models.Q(is_fallback=True)
                | models.Q(threat__isnull=True, area_kind="anywhere"),
                name="routing_fallback_covers_everything",
            )
        ]

    def __str__(self) -> str:
        return self.name
