"""Reads for partnership administration: agencies, staff, their status and the roles."""

from dataclasses import dataclass

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import models
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from hedgerow.accounts.models import Agency, Invitation, User
from hedgerow.accounts.roles import ROLE_DESCRIPTIONS, Role, permissions_for
from hedgerow.core.permissions import Permission


class StaffStatus(models.TextChoices):
    """Where a person is in their life in Hedgerow, as administrators filter by it."""

    ACTIVE = "active", _("Active")
    INVITED = "invited", _("Invited")
    DEACTIVATED = "deactivated", _("Deactivated")


# An invited person has no usable password until they accept their invitation.
_NOT_SIGNED_UP = Q(password__startswith=UNUSABLE_PASSWORD_PREFIX)
STATUS_FILTERS: dict[StaffStatus, Q] = {
    StaffStatus.ACTIVE: Q(is_active=True) & ~_NOT_SIGNED_UP,
    StaffStatus.INVITED: Q(is_active=True) & _NOT_SIGNED_UP,
    StaffStatus.DEACTIVATED: Q(is_active=False),
}


def agency_list() -> QuerySet[Agency]:
    """Every agency, with the areas it covers and its count of active staff."""
    active = Q(staff__is_active=True) & ~Q(
        staff__password__startswith=UNUSABLE_PASSWORD_PREFIX
    )
    return Agency.objects.prefetch_related("areas").annotate(
        active_staff_count=Count("staff", filter=active)
    )


def staff_list(
    *, agency: Agency | None = None, role: str = "", status: str = ""
) -> QuerySet[User]:
    """Staff across the partnership, optionally narrowed by agency, role and status."""
    people = User.objects.select_related("agency").order_by("full_name", "email")
    if agency is not None:
        people = people.filter(agency=agency)
    if role:
        people = people.filter(role=role)
    if status:
        people = people.filter(STATUS_FILTERS[StaffStatus(status)])
    return people


def staff_status(user: User) -> StaffStatus:
    """A person's status: deactivated, invited (not yet signed up) or active."""
    if not user.is_active:
        return StaffStatus.DEACTIVATED
    if not user.has_signed_up:
        return StaffStatus.INVITED
    return StaffStatus.ACTIVE


def invitation_pending(user: User) -> Invitation | None:
    """The person's newest invitation that can still be used, if any."""
    return (
        user.invitations.filter(
            used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )
        .order_by("-created_at")
        .first()
    )


def staff_has_authenticator(user: User) -> bool:
    """True when the person has a confirmed authenticator app."""
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def administrators_signed_up_except(user: User) -> QuerySet[User]:
    """Active administrators other than `user` who can sign in (have a password)."""
    return (
        User.objects.filter(STATUS_FILTERS[StaffStatus.ACTIVE])
        .filter(role=Role.ADMINISTRATOR)
        .exclude(pk=user.pk)
    )


@dataclass(frozen=True)
class RoleSummary:
    """One role as the roles page shows it: what it is for and what it allows."""

    role: Role
    description: Promise
    permissions: tuple[Permission, ...]


@dataclass(frozen=True)
class PermissionRow:
    """One permission and, for each role in `Role` order, whether the role holds it."""

    permission: Permission
    held: tuple[bool, ...]


def role_summaries() -> list[RoleSummary]:
    """Every role with its description and the permissions it holds."""
    return [
        RoleSummary(
            role=role,
            description=ROLE_DESCRIPTIONS[role],
            permissions=tuple(p for p in Permission if p in permissions_for(role)),
        )
        for role in Role
    ]


def permission_matrix() -> list[PermissionRow]:
    """The role-by-permission table: a row per permission, a column per role."""
    return [
        PermissionRow(
            permission=permission,
            held=tuple(permission in permissions_for(role) for role in Role),
        )
        for permission in Permission
    ]
