"""Reports from the public, their photos and messages, and where they went.

A report never holds anything about the device it came from: no IP address, user
agent, cookie or session exists anywhere in this schema. Contact details are kept
only when the reporter chose to give them and agreed to be contacted.
"""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hedgerow.intelligence.querysets import ReportQuerySet, SharedReportQuerySet


class Channel(models.TextChoices):
    """How the report reached Hedgerow."""

    WEB = "web", _("Online form")
    OPEN311 = "open311", _("Open311 API")


class LocationKind(models.TextChoices):
    """Whether the concern is about a place in the world or something online."""

    PLACE = "place", _("A place")
    ONLINE = "online", _("Online")


class WhenKind(models.TextChoices):
    """How the reporter described when it happened."""

    DATE = "date", _("On a date")
    RANGE = "range", _("Between two dates")
    ONGOING = "ongoing", _("It is still happening")
    UNKNOWN = "unknown", _("Not sure")


class Status(models.TextChoices):
    """Where the report is in triage."""

    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("In progress")
    CLOSED = "closed", _("Closed")


class PublicStatus(models.TextChoices):
    """The broad status a reporter sees: nothing that would reveal an operation."""

    RECEIVED = "received", _("Received")
    BEING_LOOKED_AT = "being_looked_at", _("Being looked at")
    PASSED_TO_PARTNER = "passed_to_partner", _("Passed to a partner")
    CLOSED = "closed", _("Closed")


class Priority(models.TextChoices):
    """How soon a partner must act."""

    P1 = "P1", _("P1 – act now")
    P2 = "P2", _("P2 – act within 24 hours")
    P3 = "P3", _("P3 – act within 7 days")
    P4 = "P4", _("P4 – record and monitor")


class Risk(models.TextChoices):
    """The triaging officer's assessment of risk (red, amber, green)."""

    RED = "red", _("Red")
    AMBER = "amber", _("Amber")
    GREEN = "green", _("Green")


class Outcome(models.TextChoices):
    """What came of a report when it was closed."""

    ACTIONED = "actioned", _("Acted on (visit, operation or referral)")
    INTELLIGENCE_RECORDED = "intelligence_recorded", _("Recorded as intelligence")
    SAFEGUARDING_REFERRAL = "safeguarding_referral", _("Safeguarding referral made")
    NO_FURTHER_ACTION = "no_further_action", _("No further action")
    DUPLICATE = "duplicate", _("Duplicate of another report")
    NOT_CREDIBLE = "not_credible", _("Not credible or malicious")


class LawfulBasis(models.TextChoices):
    """The legal gateway a disclosure to another agency relies on."""

    CDA_S115 = "cda_s115", _("Crime and Disorder Act 1998, section 115")
    DPA_PART3 = (
        "dpa_part3",
        _("Data Protection Act 2018, Part 3 (law enforcement purposes)"),
    )
    UK_GDPR_PUBLIC_TASK = (
        "uk_gdpr_public_task",
        _("UK GDPR Article 6(1)(e), public task"),
    )
    CHILDREN_SAFEGUARDING = (
        "children_safeguarding",
        _("Children Act 1989 and 2004 (safeguarding children)"),
    )
    CARE_ACT_SAFEGUARDING = (
        "care_act_safeguarding",
        _("Care Act 2014, sections 42 and 45 (safeguarding adults)"),
    )
    CONSENT = "consent", _("The reporter’s consent")


class Report(models.Model):
    """A concern reported by a member of the public."""

    reference = models.CharField(_("reference"), max_length=16, unique=True)
    secret_hash = models.CharField(max_length=64)
    channel = models.CharField(max_length=16, choices=Channel.choices)
    language = models.CharField(_("language"), max_length=8, default="en")
    submitted_at = models.DateTimeField(_("submitted"), db_index=True)

    # What, where, when, as the reporter gave it.
    threat = models.ForeignKey(
        "intelligence.Threat",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("threat"),
    )
    signs = models.ManyToManyField(
        "intelligence.WarningSign", blank=True, related_name="reports"
    )
    location_kind = models.CharField(
        _("where"), max_length=8, choices=LocationKind.choices
    )
    location_description = models.TextField(_("address or description"), blank=True)
    postcode = models.CharField(_("postcode"), max_length=8, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    lsoa = models.ForeignKey(
        "geography.Lsoa",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("LSOA"),
    )
    when_kind = models.CharField(_("when"), max_length=8, choices=WhenKind.choices)
    occurred_on = models.DateField(_("date"), null=True, blank=True)
    occurred_until = models.DateField(_("until"), null=True, blank=True)
    description = models.TextField(_("what happened"))

    # Contact only with explicit consent; otherwise all three stay blank.
    contact_consent = models.BooleanField(_("agreed to be contacted"), default=False)
    contact_name = models.CharField(_("name"), max_length=200, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("email"), blank=True)

    # Triage, shared by the agencies the report was routed to.
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NEW
    )
    priority = models.CharField(
        _("priority"), max_length=2, choices=Priority.choices, blank=True
    )
    risk = models.CharField(_("risk"), max_length=8, choices=Risk.choices, blank=True)
    risk_to_life = models.BooleanField(_("immediate risk to life"), default=False)
    triaged_at = models.DateTimeField(_("first graded"), null=True, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_reports",
        verbose_name=_("assigned to"),
    )
    place = models.ForeignKey(
        "places.Place",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("place"),
    )
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("duplicate of"),
    )
    outcome = models.CharField(
        _("outcome"), max_length=32, choices=Outcome.choices, blank=True
    )
    outcome_note = models.TextField(_("outcome note"), blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=models.Q(contact_consent=True)
                | models.Q(contact_name="", contact_phone="", contact_email=""),
                name="report_contact_only_with_consent",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="closed") | ~models.Q(outcome=""),
                name="report_closed_has_outcome",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def public_status(self) -> PublicStatus:
        """The broad status shown to the reporter."""
        if self.status == Status.CLOSED:
            return PublicStatus.CLOSED
        if self.shares.exists():
            return PublicStatus.PASSED_TO_PARTNER
        if self.status == Status.IN_PROGRESS or self.assigned_to_id:
            return PublicStatus.BEING_LOOKED_AT
        return PublicStatus.RECEIVED


class Routing(models.Model):
    """The report is in this agency's queue, because of this rule."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="routings"
    )
    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="routings"
    )
    rule = models.ForeignKey(
        "intelligence.RoutingRule",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="routings",
    )
    routed_at = models.DateTimeField()

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["report", "agency"], name="routing_once_per_agency"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report} → {self.agency}"


class ReportPhoto(models.Model):
    """A photo re-encoded without any metadata, stored with the report it belongs to.

    Photos live in the database, not in files, so a report and its photos are
    written in one transaction: all of them or none (docs/adr/0008).
    """

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="photos")
    message = models.ForeignKey(
        "intelligence.Message",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="photos",
    )
    content = models.BinaryField()
    content_type = models.CharField(max_length=32)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["added_at", "pk"]

    def __str__(self) -> str:
        return f"photo {self.pk} of {self.report}"


class MessageKind(models.TextChoices):
    """Who wrote a message on a report, and who can read it."""

    REPORTER_UPDATE = "reporter_update", _("More information from the reporter")
    QUESTION = "question", _("Question to the reporter")
    ANSWER = "answer", _("Reporter’s answer")
    NOTE = "note", _("Internal note")


class Message(models.Model):
    """Something added to a report after it was submitted.

    Questions and the reporter's own messages are seen through follow-up; notes are
    for partners only. `author` is blank for everything the reporter writes.
    """

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="messages"
    )
    kind = models.CharField(max_length=16, choices=MessageKind.choices)
    text = models.TextField(_("message"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    agency = models.ForeignKey(
        "accounts.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    in_reply_to = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replies",
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.report}"


class SharedReport(models.Model):
    """A sanitised copy of a report disclosed to another agency.

    The receiving agency sees only this copy, as the sharing officer reviewed it:
    never the original, its contact details, or its messages with the reporter.
    """

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="shares")
    from_agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="shares_sent"
    )
    to_agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="shares_received"
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    shared_at = models.DateTimeField()
    purpose = models.TextField(_("purpose"))
    lawful_basis = models.CharField(
        _("lawful basis"), max_length=32, choices=LawfulBasis.choices
    )
    threat = models.ForeignKey(
        "intelligence.Threat",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    location = models.TextField(_("location"))
    lsoa = models.ForeignKey(
        "geography.Lsoa",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    when = models.CharField(_("when"), max_length=200)
    summary = models.TextField(_("what was reported"))
    photos = models.ManyToManyField(ReportPhoto, blank=True, related_name="shares")
    reference = models.CharField(_("shared reference"), max_length=20, unique=True)

    objects = SharedReportQuerySet.as_manager()

    class Meta:
        ordering = ["-shared_at"]

    def __str__(self) -> str:
        return self.reference
