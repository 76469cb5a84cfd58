"""Subjects (people, businesses, vehicles, phones, accounts, premises) and the links
between them, each kind one FollowTheMoney schema (ADR 0019, `networks/ftm.py`)."""

from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from hedgerow.core.models import TimeStampedModel
from hedgerow.networks.querysets import LinkQuerySet, SubjectQuerySet


class SubjectKind(models.TextChoices):
    """What a subject is; each maps onto exactly one FollowTheMoney schema."""

    PERSON = "person", _("Person")
    COMPANY = "company", _("Company")
    ORGANISATION = "organisation", _("Organisation")
    VEHICLE = "vehicle", _("Vehicle")
    PHONE = "phone", _("Phone")
    BANK_ACCOUNT = "bank_account", _("Bank account")
    PREMISES = "premises", _("Premises")


LEGAL_ENTITIES = frozenset(
    {SubjectKind.PERSON, SubjectKind.COMPANY, SubjectKind.ORGANISATION}
)
BUSINESSES = frozenset({SubjectKind.COMPANY, SubjectKind.ORGANISATION})
ASSETS = frozenset(
    {
        SubjectKind.VEHICLE,
        SubjectKind.BANK_ACCOUNT,
        SubjectKind.PREMISES,
        SubjectKind.COMPANY,
    }
)


class Vulnerability(models.TextChoices):
    """Why an exploited person needs protecting; shown to all who see them."""

    CHILD = "child", _("Child (under 18)")
    CRIMINAL_EXPLOITATION = "criminal_exploitation", _("Criminally exploited")
    SEXUAL_EXPLOITATION = "sexual_exploitation", _("Sexually exploited")
    MODERN_SLAVERY = "modern_slavery", _("Possible victim of modern slavery")
    CUCKOOED = "cuckooed", _("Home taken over (cuckooed)")
    SUBSTANCE_USE = "substance_use", _("Drug or alcohol dependency")
    MENTAL_HEALTH = "mental_health", _("Mental ill health")
    LEARNING_DISABILITY = "learning_disability", _("Learning disability")
    MISSING = "missing", _("Missing episodes")


class Subject(TimeStampedModel):
    """A person, business, vehicle, phone, bank account or premises of interest.

    OFFICIAL-SENSITIVE. The recording agency and the police see it; any other agency
    only once it is shared with them (`SubjectShare`). A merged subject points at the
    one it became (`merged_into`) and is hidden from lists, never deleted.
    """

    kind = models.CharField(_("kind"), max_length=16, choices=SubjectKind.choices)
    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_(
            "A person’s or business’s name, a vehicle registration, a phone "
            "number, an account name or a premises’ address"
        ),
    )
    aliases = models.JSONField(_("aliases"), default=list, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    nationality = models.CharField(
        _("nationality"),
        max_length=2,
        blank=True,
        help_text=_("Two-letter country code, like gb or al"),
    )
    vulnerabilities = models.JSONField(_("vulnerabilities"), default=list, blank=True)
    company_number = models.CharField(_("company number"), max_length=10, blank=True)
    sector = models.CharField(
        _("kind of business"),
        max_length=100,
        blank=True,
        help_text=_("For example: car wash, nail bar, takeaway, lettings agent"),
    )
    registration = models.CharField(
        _("vehicle registration"), max_length=10, blank=True
    )
    vehicle_model = models.CharField(_("make and model"), max_length=100, blank=True)
    phone_number = models.CharField(_("phone number"), max_length=20, blank=True)
    account_number = models.CharField(_("account number"), max_length=34, blank=True)
    sort_code = models.CharField(_("sort code"), max_length=8, blank=True)
    bank_name = models.CharField(_("bank"), max_length=100, blank=True)
    place = models.ForeignKey(
        "places.Place",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subjects",
        verbose_name=_("place in the register"),
    )
    notes = models.TextField(_("notes"), max_length=4000, blank=True)
    agency = models.ForeignKey(
        "accounts.Agency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by agency"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
    )

    objects = SubjectQuerySet.as_manager()

    class Meta:
        ordering: ClassVar = ["name", "pk"]
        indexes: ClassVar = [models.Index(fields=["kind", "name"])]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """Fields that belong to another kind are refused, so nothing is kept unseen."""
        wrong = [
            str(getattr(self._meta.get_field(field), "verbose_name", field))
            for field, kinds in KIND_FIELDS.items()
            if getattr(self, field) and self.kind not in kinds
        ]
        if wrong:
            raise ValidationError(
                _("A %(kind)s does not have: %(fields)s."),
                params={
                    "kind": self.get_kind_display().lower(),
                    "fields": ", ".join(wrong),
                },
            )
        unknown = set(self.vulnerabilities) - set(Vulnerability.values)
        if unknown:
            raise ValidationError(
                _("Unknown vulnerability: %(values)s."),
                params={"values": ", ".join(sorted(unknown))},
            )


# Which kinds each kind-specific field belongs to.
KIND_FIELDS: dict[str, frozenset[str]] = {
    "date_of_birth": frozenset({SubjectKind.PERSON}),
    "nationality": frozenset({SubjectKind.PERSON}),
    "vulnerabilities": frozenset({SubjectKind.PERSON}),
    "company_number": frozenset({SubjectKind.COMPANY}),
    "sector": BUSINESSES,
    "registration": frozenset({SubjectKind.VEHICLE}),
    "vehicle_model": frozenset({SubjectKind.VEHICLE}),
    "phone_number": frozenset({SubjectKind.PHONE}),
    "account_number": frozenset({SubjectKind.BANK_ACCOUNT}),
    "sort_code": frozenset({SubjectKind.BANK_ACCOUNT}),
    "bank_name": frozenset({SubjectKind.BANK_ACCOUNT}),
    "place": frozenset({SubjectKind.PREMISES}),
}


class SubjectShare(models.Model):
    """A subject's details disclosed to another agency, with why and on what basis."""

    subject = models.ForeignKey(
        Subject, on_delete=models.CASCADE, related_name="shares"
    )
    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="+"
    )
    purpose = models.TextField(_("purpose"), max_length=1000)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    shared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["subject", "agency"], name="unique_subject_share"
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject} shared with {self.agency}"


class SourceRecord(models.Model):
    """A partner agency's record that entity resolution matched to a subject.

    Kept whole, with who judged the match and when, so a merge can be explained
    (and undone by hand) long after it was made.
    """

    subject = models.ForeignKey(
        Subject, on_delete=models.PROTECT, related_name="source_records"
    )
    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="+"
    )
    dataset = models.CharField(_("dataset"), max_length=200)
    record_id = models.CharField(_("record id"), max_length=100)
    values = models.JSONField(_("values"), default=dict)
    match_probability = models.FloatField(null=True, blank=True)
    merged_subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    judged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    judged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["-judged_at", "pk"]

    def __str__(self) -> str:
        return f"{self.dataset} {self.record_id}"


class LinkKind(models.TextChoices):
    """How two subjects are connected; each maps onto one FollowTheMoney schema."""

    ASSOCIATE = "associate", _("Associate of")
    FAMILY = "family", _("Family of")
    EMPLOYS = "employs", _("Employs")
    OWNS = "owns", _("Owns")
    DIRECTS = "directs", _("Directs")
    USES_VEHICLE = "uses_vehicle", _("Uses vehicle")
    USES_PHONE = "uses_phone", _("Uses phone")
    LIVES_AT = "lives_at", _("Lives at")
    FREQUENTS = "frequents", _("Frequents")
    EXPLOITS = "exploits", _("Exploits")


PEOPLE = frozenset({SubjectKind.PERSON})
# For each kind of link: the kinds of subject allowed at each end (source, target).
LINK_ENDS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    LinkKind.ASSOCIATE: (PEOPLE, PEOPLE),
    LinkKind.FAMILY: (PEOPLE, PEOPLE),
    LinkKind.EMPLOYS: (BUSINESSES, PEOPLE),
    LinkKind.OWNS: (LEGAL_ENTITIES, ASSETS),
    LinkKind.DIRECTS: (PEOPLE, BUSINESSES),
    LinkKind.USES_VEHICLE: (LEGAL_ENTITIES, frozenset({SubjectKind.VEHICLE})),
    LinkKind.USES_PHONE: (LEGAL_ENTITIES, frozenset({SubjectKind.PHONE})),
    LinkKind.LIVES_AT: (PEOPLE, frozenset({SubjectKind.PREMISES})),
    LinkKind.FREQUENTS: (PEOPLE, frozenset({SubjectKind.PREMISES})),
    LinkKind.EXPLOITS: (LEGAL_ENTITIES, PEOPLE),
}


class SourceEvaluation(models.TextChoices):
    """The 3×5×2 system's source evaluation (College of Policing APP)."""

    RELIABLE = "1", _("1 – Reliable")
    UNTESTED = "2", _("2 – Untested")
    NOT_RELIABLE = "3", _("3 – Not reliable")


class IntelligenceAssessment(models.TextChoices):
    """The 3×5×2 system's intelligence assessment."""

    KNOWN_DIRECTLY = "A", _("A – Known directly to the source")
    CORROBORATED = "B", _("B – Known indirectly to the source but corroborated")
    KNOWN_INDIRECTLY = "C", _("C – Known indirectly to the source")
    NOT_KNOWN = "D", _("D – Not known")
    SUSPECTED_FALSE = "E", _("E – Suspected to be false")


class HandlingCode(models.TextChoices):
    """The 3×5×2 system's handling code: may it be shared, and how."""

    PERMITTED = "P", _("P – Lawful sharing permitted")
    CONDITIONS = "C", _("C – Lawful sharing permitted subject to conditions")


class Link(TimeStampedModel):
    """A graded, dated connection from one subject to another."""

    source = models.ForeignKey(
        Subject, on_delete=models.CASCADE, related_name="links_out"
    )
    target = models.ForeignKey(
        Subject, on_delete=models.CASCADE, related_name="links_in"
    )
    kind = models.CharField(_("kind of link"), max_length=16, choices=LinkKind.choices)
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)
    information_source = models.CharField(
        _("source of the information"),
        max_length=200,
        help_text=_("Where this comes from, e.g. an intelligence log or a report"),
    )
    source_evaluation = models.CharField(
        _("source evaluation"), max_length=1, choices=SourceEvaluation.choices
    )
    intelligence_assessment = models.CharField(
        _("intelligence assessment"),
        max_length=1,
        choices=IntelligenceAssessment.choices,
    )
    handling_code = models.CharField(
        _("handling code"), max_length=1, choices=HandlingCode.choices
    )
    handling_conditions = models.TextField(
        _("handling conditions"), max_length=1000, blank=True
    )
    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    objects = LinkQuerySet.as_manager()

    class Meta:
        ordering: ClassVar = ["source__name", "kind", "target__name", "pk"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")),
                name="link_between_two_subjects",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="link_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.get_kind_display().lower()} {self.target}"

    @property
    def grading(self) -> str:
        """The 3×5×2 grading in its usual short form, e.g. "1/B/P"."""
        return (
            f"{self.source_evaluation}/{self.intelligence_assessment}/"
            f"{self.handling_code}"
        )

    def clean(self) -> None:
        """Both ends must suit the kind of link; conditions need a C handling code."""
        errors: dict[str, list[ValidationError]] = {}
        if self.source_id and self.target_id:
            sources, targets = LINK_ENDS[self.kind]
            if self.source.kind not in sources or self.target.kind not in targets:
                errors.setdefault("kind", []).append(
                    ValidationError(
                        _(
                            "A “%(kind)s” link cannot go from a %(source)s "
                            "to a %(target)s."
                        ),
                        params={
                            "kind": self.get_kind_display(),
                            "source": self.source.get_kind_display().lower(),
                            "target": self.target.get_kind_display().lower(),
                        },
                    )
                )
        if (
            self.handling_code == HandlingCode.CONDITIONS
            and not self.handling_conditions
        ):
            errors.setdefault("handling_conditions", []).append(
                ValidationError(_("Say what the conditions on sharing are"))
            )
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors.setdefault("end_date", []).append(
                ValidationError(_("The link cannot end before it starts"))
            )
        if errors:
            raise ValidationError(errors)
