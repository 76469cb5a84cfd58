"""Partner agencies and the staff who belong to them."""

import hashlib
import re
from datetime import datetime, timedelta
from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device

from hedgerow.accounts.roles import Role, permissions_for
from hedgerow.core.models import TimeStampedModel
from hedgerow.core.permissions import Permission

# England and Wales local authority codes: unitary (E06), district (E07),
# metropolitan district (E08), London borough (E09), county (E10), Welsh unitary (W06).
LOCAL_AUTHORITY_CODE = re.compile(r"^(E0[6-9]|E10|W06)\d{6}$")
INVALID_LA_CODE = _(
    "“%(code)s” is not a local authority code. Codes look like E08000035 "
    "(E06, E07, E08, E09 or E10 in England, W06 in Wales, then 6 digits)."
)


def validate_local_authority_code(code: str) -> None:
    """Accept only codes shaped like an ONS local authority code."""
    if not LOCAL_AUTHORITY_CODE.match(code):
        raise ValidationError(INVALID_LA_CODE, params={"code": code})


class AgencyKind(models.TextChoices):
    """The kinds of partner in a Community Safety Partnership."""

    POLICE = "police", _("Police")
    TRADING_STANDARDS = "trading_standards", _("Trading standards")
    LICENSING = "licensing", _("Licensing")
    PLANNING_ENFORCEMENT = "planning_enforcement", _("Planning enforcement")
    ENVIRONMENTAL_HEALTH = "environmental_health", _("Environmental health")
    HOUSING_PROVIDER = "housing_provider", _("Housing provider")
    CHILDRENS_SAFEGUARDING = "childrens_safeguarding", _("Children’s safeguarding")
    ADULTS_SAFEGUARDING = "adults_safeguarding", _("Adults’ safeguarding")
    HEALTH = "health", _("Health")
    PROBATION = "probation", _("Probation")
    FIRE = "fire", _("Fire and rescue")
    VOLUNTARY_FAITH = "voluntary_faith", _("Voluntary or faith group")
    CSP_COORDINATION = "csp_coordination", _("Community safety partnership team")


class Agency(TimeStampedModel):
    """A partner organisation in the partnership; every member of staff is in one."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=AgencyKind.choices)
    contact_email = models.EmailField(_("contact email"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name

    @property
    def local_authority_codes(self) -> list[str]:
        """The local authorities this agency covers, as ONS codes."""
        return [area.local_authority_code for area in self.areas.all()]


class AgencyArea(models.Model):
    """One local authority an agency covers (used later to route reports)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="areas")
    local_authority_code = models.CharField(
        max_length=9, validators=[validate_local_authority_code]
    )

    class Meta:
        ordering = ["local_authority_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "local_authority_code"], name="unique_agency_area"
            )
        ]

    def __str__(self) -> str:
        return self.local_authority_code


class UserManager(BaseUserManager["User"]):
    """Creates staff accounts; the email address is the username."""

    def create_user(
        self,
        email: str,
        password: str | None = None,
        **fields: Any,
    ) -> "User":
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, username: str | None) -> "User":
        return self.get(email__iexact=username)


class User(AbstractBaseUser):  # type: ignore[django-manager-missing]
    """A member of staff: one agency, one role, password plus a second factor."""

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="staff")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    deactivated_at = models.DateTimeField(null=True, blank=True)
    # Bumped to end every session of this person at once ("sign out everywhere").
    session_generation = models.PositiveIntegerField(default=0)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="unique_user_email_ci"),
            models.CheckConstraint(
                condition=models.Q(is_active=True, deactivated_at__isnull=True)
                | models.Q(is_active=False, deactivated_at__isnull=False),
                name="user_deactivated_at_matches_is_active",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def permissions(self) -> frozenset[Permission]:
        """What this person's role lets them do."""
        return permissions_for(self.role)

    @property
    def has_signed_up(self) -> bool:
        """True once the person has accepted their invitation and set a password."""
        return self.has_usable_password()

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        # Django ends a session when this hash changes; mixing in the generation
        # lets "sign out everywhere" end all sessions without changing the password.
        key_salt = "hedgerow.accounts.User.session_auth_hash"
        value = f"{self.password}:{self.session_generation}"
        return salted_hmac(
            key_salt, value, secret=secret, algorithm="sha256"
        ).hexdigest()


class Invitation(models.Model):
    """A one-time link that lets a person set their password and second factor."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by_id = models.PositiveBigIntegerField(null=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"invitation for {self.user}"

    @staticmethod
    def hash_token(token: str) -> str:
        """Only the hash of an invitation token is stored."""
        return hashlib.sha256(token.encode("utf-8")).hexdigest()

    @property
    def is_usable(self) -> bool:
        return (
            self.used_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )


# django-otp ships no type information, so Device is Any to mypy.
class RecoveryCodeDevice(Device):  # type: ignore[misc]
    """One-time recovery codes, the fallback when a person's authenticator is lost.

    Unlike django-otp's static tokens, only a SHA-256 hash of each code is stored;
    codes carry 80 random bits, so the hash cannot be reversed by guessing.
    """

    def verify_token(self, token: Any) -> bool:
        code_hash = hash_recovery_code(str(token))
        code = self.codes.filter(code_hash=code_hash, used_at__isnull=True).first()
        if code is None:
            return False
        code.used_at = timezone.now()
        code.save(update_fields=["used_at"])
        return True

    @property
    def remaining(self) -> int:
        count: int = self.codes.filter(used_at__isnull=True).count()
        return count


class RecoveryCode(models.Model):
    """One recovery code, kept only as a hash; used once."""

    device = models.ForeignKey(
        RecoveryCodeDevice, on_delete=models.CASCADE, related_name="codes"
    )
    code_hash = models.CharField(max_length=64)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return "recovery code"


def hash_recovery_code(code: str) -> str:
    """Normalise (case, spaces, hyphens) and hash a recovery code."""
    normalised = "".join(code.split()).replace("-", "").lower()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


API_TOKEN_LIFETIME = timedelta(days=90)


def default_api_token_expiry() -> datetime:
    """API tokens last 90 days unless their owner chooses a shorter time."""
    return timezone.now() + API_TOKEN_LIFETIME


class ApiToken(models.Model):
    """A personal token a partner system uses to call the API as this person.

    Only a SHA-256 hash of the token is kept (the token carries 256 random bits,
    so the hash cannot be reversed by guessing); `prefix` lets its owner tell
    tokens apart. A token acts as its user, so their role and agency decide what
    it may see, and it stops working when they are deactivated. `last_used_on`
    is a date, not a time: enough to spot unused tokens, and written once a day.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("starts with"), max_length=8)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_used_on = models.DateField(_("last used"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), default=default_api_token_expiry)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_token(token: str) -> str:
        """Only the hash of an API token is stored."""
        return hashlib.sha256(token.encode("utf-8")).hexdigest()

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()
