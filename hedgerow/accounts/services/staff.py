"""Staff: inviting people, changing their role, deactivating them, resetting sign-in.

Every change is audited. The last administrator who can sign in is protected, so a
partnership can never lock itself out of its own administration.
"""

from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user

from hedgerow.accounts.models import Agency, Invitation, User
from hedgerow.accounts.roles import Role
from hedgerow.accounts.selectors import administrators_signed_up_except
from hedgerow.accounts.services.invitations import invitation_issue
from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record

EMAIL_TAKEN = _(
    "Someone already uses this email address in Hedgerow. Find them under People."
)
CANNOT_DEACTIVATE_SELF = _(
    "You cannot deactivate yourself. Ask another administrator to do it."
)
CANNOT_RESET_SELF = _(
    "You cannot reset your own sign-in. Ask another administrator to do it."
)
LAST_ADMINISTRATOR = _(
    "This is the last administrator who can sign in. Make someone else an "
    "administrator first, or the partnership could not be managed."
)
ALREADY_DEACTIVATED = _("This person is already deactivated.")
ALREADY_ACTIVE = _("This person is already active.")
NOT_WHILE_DEACTIVATED = _("This person is deactivated. Reactivate them first.")
ALREADY_SIGNED_UP = _(
    "This person has already accepted their invitation. "
    "If they cannot sign in, reset their sign-in instead."
)
INVITATION_SUBJECT = _("You are invited to join %(partnership)s on Hedgerow")
SIGN_IN_RESET_SUBJECT = _("Your Hedgerow sign-in for %(partnership)s has been reset")


def invitation_link(*, base_url: str, token: str) -> str:
    """The absolute link a person opens to accept an invitation."""
    path = reverse("accounts:invitation_accept", args=[token])
    return f"{base_url.rstrip('/')}{path}"


@transaction.atomic
def staff_create(
    *, full_name: str, email: str, agency: Agency, role: Role | str, by: User | None
) -> User:
    """Add a person who cannot sign in yet (no password); audited as a creation."""
    email, role = email.strip().lower(), Role(role)
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": ValidationError(EMAIL_TAKEN)})
    user = User.objects.create_user(
        email, password=None, full_name=full_name.strip(), agency=agency, role=role
    )
    detail = {"role": role.value, "agency": agency.name, "agency_id": agency.pk}
    audit_record(actor=by, action=Action.CREATE, target=user, detail=detail)
    return user


@transaction.atomic
def staff_invite(
    *,
    full_name: str,
    email: str,
    agency: Agency,
    role: Role | str,
    by: User | None,
    base_url: str,
) -> tuple[User, str]:
    """Add a person and email them a one-time invitation; returns them and the token."""
    user = staff_create(
        full_name=full_name, email=email, agency=agency, role=role, by=by
    )
    token = invitation_issue(user=user, by=by)
    _invitation_email(
        user=user, by=by, link=invitation_link(base_url=base_url, token=token)
    )
    return user, token


@transaction.atomic
def staff_resend_invitation(*, user: User, by: User | None, base_url: str) -> str:
    """Re-invite someone who has not joined yet; their older links stop working."""
    _refuse_if_deactivated(user)
    if user.has_signed_up:
        raise ValidationError(ALREADY_SIGNED_UP)
    token = invitation_issue(user=user, by=by)
    _invitation_email(
        user=user, by=by, link=invitation_link(base_url=base_url, token=token)
    )
    audit_record(
        actor=by, action=Action.UPDATE, target=user, detail={"invitation": "reissued"}
    )
    return token


@transaction.atomic
def staff_change_role(*, user: User, role: Role | str, by: User | None) -> User:
    """Give a person a different role; audited as a change of permissions."""
    old, role = str(user.role), Role(role)
    if old == role:
        return user
    if old == Role.ADMINISTRATOR:
        _refuse_if_last_administrator(user)
    user.role = role
    user.save(update_fields=["role"])
    audit_record(
        actor=by,
        action=Action.PERMISSION_CHANGE,
        target=user,
        detail={"role": [old, role.value]},
    )
    return user


@transaction.atomic
def staff_deactivate(*, user: User, by: User | None, reason: str) -> User:
    """Stop a person signing in, end their sessions and cancel their invitations."""
    if by is not None and by.pk == user.pk:
        raise ValidationError(CANNOT_DEACTIVATE_SELF)
    if not user.is_active:
        raise ValidationError(ALREADY_DEACTIVATED)
    if user.role == Role.ADMINISTRATOR:
        _refuse_if_last_administrator(user)
    user.is_active, user.deactivated_at = False, timezone.now()
    user.save(update_fields=["is_active", "deactivated_at"])
    _sessions_end(user)
    _invitations_revoke(user)
    detail = {"is_active": [True, False]}
    audit_record(
        actor=by, action=Action.UPDATE, target=user, purpose=reason, detail=detail
    )
    return user


@transaction.atomic
def staff_reactivate(*, user: User, by: User | None, reason: str = "") -> User:
    """Let a deactivated person sign in again with their existing password and app."""
    if user.is_active:
        raise ValidationError(ALREADY_ACTIVE)
    user.is_active, user.deactivated_at = True, None
    user.save(update_fields=["is_active", "deactivated_at"])
    detail = {"is_active": [False, True]}
    audit_record(
        actor=by, action=Action.UPDATE, target=user, purpose=reason, detail=detail
    )
    return user


@transaction.atomic
def staff_reset_sign_in(
    *, user: User, by: User | None, reason: str, base_url: str
) -> str:
    """Remove a person's password and second factors, end their sessions and re-invite.

    For someone who lost their phone and recovery codes or forgot their password.
    """
    if by is not None and by.pk == user.pk:
        raise ValidationError(CANNOT_RESET_SELF)
    _refuse_if_deactivated(user)
    user.set_unusable_password()
    user.save(update_fields=["password"])
    removed = _second_factors_remove(user)
    _sessions_end(user)
    token = invitation_issue(user=user, by=by)
    link = invitation_link(base_url=base_url, token=token)
    _invitation_email(user=user, by=by, link=link, reset=True)
    detail = {"sign_in": "reset", "devices_removed": removed}
    audit_record(
        actor=by, action=Action.UPDATE, target=user, purpose=reason, detail=detail
    )
    return token


def _refuse_if_deactivated(user: User) -> None:
    if not user.is_active:
        raise ValidationError(NOT_WHILE_DEACTIVATED)


def _refuse_if_last_administrator(user: User) -> None:
    """Refuse when no other administrator could sign in and manage the partnership."""
    # Lock every active administrator in one order: two administrators removing each
    # other at once take turns, and the second then sees the first one's change.
    administrators = User.objects.filter(role=Role.ADMINISTRATOR, is_active=True)
    list(administrators.select_for_update().order_by("pk").values_list("pk"))
    if not administrators_signed_up_except(user).exists():
        raise ValidationError(LAST_ADMINISTRATOR)


def _second_factors_remove(user: User) -> int:
    """Delete every authenticator app and recovery-code set; returns how many."""
    devices = list(devices_for_user(user, confirmed=None))
    for device in devices:
        device.delete()
    return len(devices)


def _sessions_end(user: User) -> None:
    """End every session the person has open (see User._get_session_auth_hash)."""
    User.objects.filter(pk=user.pk).update(
        session_generation=F("session_generation") + 1
    )
    user.refresh_from_db(fields=["session_generation"])


def _invitations_revoke(user: User) -> None:
    Invitation.objects.filter(
        user=user, used_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())


def _invitation_email(
    *, user: User, by: User | None, link: str, reset: bool = False
) -> None:
    """Email the invitation once the change commits (never for a rolled-back one)."""
    partnership = settings.HEDGEROW_PARTNERSHIP_NAME
    context = {
        "person": user,
        "inviter": by.full_name if by is not None else "",
        "partnership": partnership,
        "link": link,
        "days": settings.HEDGEROW_INVITATION_LIFETIME.days,
    }
    template = "sign_in_reset" if reset else "invitation"
    subject = SIGN_IN_RESET_SUBJECT if reset else INVITATION_SUBJECT
    body = render_to_string(f"accounts/email/{template}.txt", context)
    send = partial(
        send_mail, str(subject % {"partnership": partnership}), body, None, [user.email]
    )
    transaction.on_commit(send)
