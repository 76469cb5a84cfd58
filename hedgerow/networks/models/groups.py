"""Organised crime groups: members, places, areas, the partnership panel, and the
harm and risk assessments made of them over time."""

from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hedgerow.core.models import TimeStampedModel
from hedgerow.networks.querysets import GroupQuerySet

if TYPE_CHECKING:
    from hedgerow.accounts.models import Agency
    from hedgerow.networks.models.subjects import Subject


class GroupStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    DORMANT = "dormant", _("Dormant")
    DISRUPTED = "disrupted", _("Disrupted")
    ARCHIVED = "archived", _("Archived")


class MemberRole(models.TextChoices):
    """A member's place in the group; "exploited" marks a victim, not an offender."""

    PRINCIPAL = "principal", _("Principal")
    SIGNIFICANT = "significant", _("Significant")
    PERIPHERAL = "peripheral", _("Peripheral")
    EXPLOITED = "exploited", _("Exploited")


class OrganisedCrimeGroup(TimeStampedModel):
    """An organised crime group the partnership works against. OFFICIAL-SENSITIVE.

    Police officers and analysts see every group; any other agency only while it
    sits on the group's partnership panel.
    """

    name = models.CharField(_("name"), max_length=200, unique=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=GroupStatus.choices,
        default=GroupStatus.ACTIVE,
    )
    summary = models.TextField(_("summary"), max_length=4000, blank=True)
    threats = models.ManyToManyField(
        "intelligence.Threat",
        blank=True,
        related_name="+",
        verbose_name=_("principal threats"),
    )
    lsoas = models.ManyToManyField(
        "geography.Lsoa", blank=True, related_name="+", verbose_name=_("LSOAs")
    )
    # ONS codes, like AgencyArea: local authorities need not have LSOAs loaded.
    local_authority_codes = models.JSONField(
        _("local authorities"), default=list, blank=True
    )
    lead_agency = models.ForeignKey(
        "accounts.Agency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("lead agency"),
    )
    panel: "models.ManyToManyField[Agency, PanelSeat]" = models.ManyToManyField(
        "accounts.Agency",
        through="PanelSeat",
        related_name="+",
        verbose_name=_("partnership panel"),
    )
    members: "models.ManyToManyField[Subject, Membership]" = models.ManyToManyField(
        "networks.Subject", through="Membership", related_name="groups"
    )
    places = models.ManyToManyField(
        "places.Place", blank=True, related_name="+", verbose_name=_("linked places")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    objects = GroupQuerySet.as_manager()

    class Meta:
        ordering: ClassVar = ["name"]
        verbose_name = _("organised crime group")

    def __str__(self) -> str:
        return self.name


class PanelSeat(models.Model):
    """An agency on a group's partnership panel: it may see the group while seated."""

    group = models.ForeignKey(
        OrganisedCrimeGroup, on_delete=models.CASCADE, related_name="seats"
    )
    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="+"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["agency__name"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["group", "agency"], name="unique_panel_seat"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} on {self.group}"


class Membership(models.Model):
    """A subject's part in a group, from when (and until when) it is known."""

    group = models.ForeignKey(
        OrganisedCrimeGroup, on_delete=models.CASCADE, related_name="memberships"
    )
    subject = models.ForeignKey(
        "networks.Subject", on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=MemberRole.choices)
    since = models.DateField(_("since"), null=True, blank=True)
    until = models.DateField(_("until"), null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering: ClassVar = ["role", "subject__name"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["group", "subject"], name="unique_group_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject} ({self.get_role_display()}) in {self.group}"


class ScoringMatrix(TimeStampedModel):
    """A MoRiLE-style harm and risk matrix the partnership calibrates (ADR 0020).

    `definition` holds the harm dimensions, likelihood, confidence and
    organisational-position scales and the bands; `networks.scoring` validates it
    and scores with it. An assessment keeps a copy of what it was scored on, so a
    later change of matrix never rewrites history.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    definition = models.JSONField(_("definition"))
    is_current = models.BooleanField(_("in use"), default=False)

    class Meta:
        ordering: ClassVar = ["-is_current", "name"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=models.Q(is_current=True),
                name="one_current_scoring_matrix",
            )
        ]

    def __str__(self) -> str:
        return self.name


class HarmAssessment(models.Model):
    """One dated harm and risk assessment of a group; the newest is the current one."""

    group = models.ForeignKey(
        OrganisedCrimeGroup, on_delete=models.CASCADE, related_name="assessments"
    )
    matrix = models.ForeignKey(
        ScoringMatrix, on_delete=models.PROTECT, related_name="+"
    )
    matrix_definition = models.JSONField()
    assessed_on = models.DateField(_("assessed on"))
    harm_scores = models.JSONField(_("harm scores"))
    likelihood = models.CharField(_("likelihood"), max_length=32)
    confidence = models.CharField(_("confidence"), max_length=32)
    organisational_position = models.CharField(
        _("organisational position"), max_length=32
    )
    harm_total = models.FloatField(_("total harm"))
    risk_score = models.FloatField(_("risk score"))
    band = models.CharField(_("band"), max_length=32)
    rationale = models.TextField(_("rationale"), max_length=4000)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["-assessed_on", "-pk"]
        indexes: ClassVar = [models.Index(fields=["group", "assessed_on"])]

    def __str__(self) -> str:
        return f"{self.group} {self.band} on {self.assessed_on}"
