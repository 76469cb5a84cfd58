"""Community events, who came to them, and what residents said at their tables.

Every holder of the *see community events* permission sees every event: events are
partnership work done in public, unlike the need-to-know records of groups and
reports. What residents said is still personal to them, so every page that shows
it is audited, and only insights marked quotable are quoted in reports.
"""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hedgerow.core.models import TimeStampedModel

INSIGHT_MAX_LENGTH = 2000


class EventKind(models.TextChoices):
    """The kinds of community event a partnership runs."""

    WORLD_CAFE = "world_cafe", _("World Café")
    AWARENESS_TRAINING = "awareness_training", _("Awareness training")
    SCHOOL_PROGRAMME = "school_programme", _("School programme")
    COMMUNITY_MEETING = "community_meeting", _("Community meeting")
    PB_VOTE = "pb_vote", _("Participatory budgeting vote")
    FESTIVAL_OF_LEARNING = "festival_of_learning", _("Festival of learning")


class AgeBand(models.TextChoices):
    """The age bands attendance may be counted in (a head count, never a register)."""

    UNDER_16 = "under_16", _("Under 16")
    AGED_16_24 = "16_24", _("16 to 24")
    AGED_25_44 = "25_44", _("25 to 44")
    AGED_45_64 = "45_64", _("45 to 64")
    AGED_65_PLUS = "65_plus", _("65 and over")
    UNKNOWN = "unknown", _("Age not known")


class Event(TimeStampedModel):
    """One World Café, training session, school programme, meeting or vote."""

    kind = models.CharField(
        _("kind of event"), max_length=24, choices=EventKind.choices
    )
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    lsoa = models.ForeignKey(
        "geography.Lsoa",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("LSOA"),
    )
    agencies = models.ManyToManyField(
        "accounts.Agency",
        blank=True,
        related_name="+",
        verbose_name=_("partner agencies"),
    )
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        verbose_name=_("facilitators"),
    )
    # Volunteers and active citizens who hosted tables but have no account.
    other_facilitators = models.CharField(
        _("other facilitators"), max_length=500, blank=True
    )
    attendance = models.PositiveIntegerField(_("attendance"), default=0)
    summary = models.TextField(_("summary"), max_length=4000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering: ClassVar = ["-held_on", "-pk"]
        indexes: ClassVar = [models.Index(fields=["held_on"])]

    def __str__(self) -> str:
        return self.title


class EventAttendance(models.Model):
    """How many of an event's attendance were in one age band."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="age_bands")
    band = models.CharField(_("age band"), max_length=8, choices=AgeBand.choices)
    count = models.PositiveIntegerField(_("people"))

    class Meta:
        ordering: ClassVar = ["event", "pk"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["event", "band"], name="one_count_per_band")
        ]

    def __str__(self) -> str:
        return f"{self.get_band_display()}: {self.count}"


class EventDocument(models.Model):
    """A document from an event (agenda, sign-in totals, photos of the flip charts).

    Kept in the database with the event, as report photos are (ADR 0008): saved or
    refused with the event's change, backed up with it, served only through an
    audited view.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="documents")
    name = models.CharField(_("file name"), max_length=200)
    content = models.BinaryField(editable=False)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    added_at = models.DateTimeField()
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering: ClassVar = ["added_at", "pk"]

    def __str__(self) -> str:
        return self.name


class Insight(models.Model):
    """What was said at one table: the threats it concerns and the neighbourhood."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="insights")
    table_label = models.CharField(_("table"), max_length=40, blank=True)
    text = models.TextField(_("what was said"), max_length=INSIGHT_MAX_LENGTH)
    themes = models.ManyToManyField(
        "intelligence.Threat",
        blank=True,
        related_name="+",
        verbose_name=_("threat themes"),
    )
    lsoa = models.ForeignKey(
        "geography.Lsoa",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("neighbourhood it concerns"),
    )
    is_quotable = models.BooleanField(_("may be quoted in reports"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar = ["event", "pk"]

    def __str__(self) -> str:
        return f"{self.table_label or 'Insight'} at {self.event}"
