"""The disruption log: what each partner did, to which group, subject or place, and
what it achieved, graded on the national scale (major to negative)."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hedgerow.core.models import TimeStampedModel
from hedgerow.disruptions.querysets import DisruptionQuerySet


class Strand(models.TextChoices):
    """The four Ps of the Serious and Organised Crime Strategy."""

    PURSUE = "pursue", _("Pursue")
    PREVENT = "prevent", _("Prevent")
    PROTECT = "protect", _("Protect")
    PREPARE = "prepare", _("Prepare")


class Impact(models.TextChoices):
    """The national disruption scale; "negative" means the group grew more capable."""

    MAJOR = "major", _("Major")
    MODERATE = "moderate", _("Moderate")
    MINOR = "minor", _("Minor")
    NONE = "none", _("None")
    NEGATIVE = "negative", _("Negative")


class Tactic(TimeStampedModel):
    """One power or tactic on the menu; coordinators add to it and retire from it."""

    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120, unique=True)
    description = models.TextField(_("what it is"), max_length=2000, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)
    usual_strand = models.CharField(
        _("usual strand"), max_length=8, choices=Strand.choices
    )
    is_active = models.BooleanField(_("on the menu"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering: ClassVar = ["name"]

    def __str__(self) -> str:
        return self.name


class Disruption(TimeStampedModel):
    """One agency's action against a group, subject or place. OFFICIAL-SENSITIVE."""

    occurred_on = models.DateField(_("date"))
    agency = models.ForeignKey(
        "accounts.Agency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("agency that acted"),
    )
    tactic = models.ForeignKey(
        Tactic, on_delete=models.PROTECT, related_name="disruptions"
    )
    strand = models.CharField(_("4P strand"), max_length=8, choices=Strand.choices)
    group = models.ForeignKey(
        "networks.OrganisedCrimeGroup",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="disruptions",
        verbose_name=_("group"),
    )
    subject = models.ForeignKey(
        "networks.Subject",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="disruptions",
        verbose_name=_("subject"),
    )
    place = models.ForeignKey(
        "places.Place",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="disruptions",
        verbose_name=_("place"),
    )
    impact = models.CharField(_("impact"), max_length=8, choices=Impact.choices)
    rationale = models.TextField(_("why this impact"), max_length=4000)
    evidence = models.TextField(_("evidence"), max_length=4000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recording_agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="+"
    )

    objects = DisruptionQuerySet.as_manager()

    class Meta:
        ordering: ClassVar = ["-occurred_on", "-pk"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=models.Q(group__isnull=False)
                | models.Q(subject__isnull=False)
                | models.Q(place__isnull=False),
                name="disruption_has_a_target",
            )
        ]
        indexes: ClassVar = [models.Index(fields=["occurred_on"])]

    def __str__(self) -> str:
        return f"{self.tactic} by {self.agency} on {self.occurred_on}"
