"""Staff sign-in: a password, then a second factor, then a session; every step audited.

Nobody is logged in (`django.contrib.auth.login`) until both factors pass. In between,
a short-lived pending sign-in (`pending_signin.py`) remembers who gave their password.
Wrong passwords and wrong codes count toward the same django-axes lockout.
"""

import re
import time
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_credentials
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_totp.models import TOTPDevice

from hedgerow.accounts.middleware import LAST_SEEN_KEY, SIGNED_IN_AT_KEY
from hedgerow.accounts.models import Invitation, RecoveryCodeDevice, User
from hedgerow.accounts.services.mfa import recovery_codes_issue
from hedgerow.accounts.services.pending_signin import pending_signin_clear
from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
UNKNOWN_ACCOUNT = "unknown account"
TOTP_CODE = re.compile(r"[0-9]{6}")


class Outcome(StrEnum):
    """How one step of signing in ended; the refusals are also audit reasons."""

    PASSED = "passed"
    WRONG_PASSWORD = "wrong_password"  # noqa: S105 (an audit reason, not a secret)
    WRONG_CODE = "wrong_code"
    THROTTLED = "throttled"
    LOCKED_OUT = "locked_out"
    DEACTIVATED = "deactivated"


@dataclass(frozen=True)
class StepResult:
    """The outcome of a sign-in step, with the person and device when known."""

    outcome: Outcome
    user: User | None = None
    device: Device | None = None
    recovery_codes: tuple[str, ...] = ()

    @property
    def passed(self) -> bool:
        return self.outcome == Outcome.PASSED


def email_normalise(email: str) -> str:
    """Emails are stored lower-case; axes counts failures per exact username."""
    return email.strip().lower()


def signin_password_check(
    *, request: HttpRequest, email: str, password: str
) -> StepResult:
    """Step 1: check an email and password; axes counts failures, refusals are audited.

    Not one transaction: hashing a password must not hold the database write lock.
    """
    email = email_normalise(email)
    locked_before = _locked(request, email)
    user = authenticate(request, password=password, **axes_credentials(email))
    if isinstance(user, User):
        return StepResult(Outcome.PASSED, user)
    known = User.objects.filter(email__iexact=email).first()
    reason = Outcome.LOCKED_OUT if locked_before else Outcome.WRONG_PASSWORD
    # ModelBackend refuses inactive people outright, so check their password here
    # to tell them plainly (only when they proved it) that they were deactivated.
    if reason == Outcome.WRONG_PASSWORD and _deactivated(known, password):
        reason = Outcome.DEACTIVATED
    # authenticate() has already told axes about this failure.
    return signin_failure_record(
        request=request, user=known, reason=reason, count=False
    )


def _deactivated(user: User | None, password: str) -> bool:
    return user is not None and not user.is_active and user.check_password(password)


def axes_credentials(email: str) -> dict[str, Any]:
    """Credentials as axes reads them: keyed by AXES_USERNAME_FORM_FIELD ("email").

    authenticate() passes the same key to ModelBackend, which accepts USERNAME_FIELD.
    """
    credentials = get_credentials(email_normalise(email))
    # The key is a lazy object; authenticate(**credentials) needs a real str.
    return {str(key): value for key, value in credentials.items()}


def _locked(request: HttpRequest, email: str) -> bool:
    return not AxesProxyHandler.is_allowed(request, axes_credentials(email))


@transaction.atomic
def signin_failure_record(
    *, request: HttpRequest, user: User | None, reason: Outcome, count: bool = True
) -> StepResult:
    """Audit a refused step and (if `count`) add it to the lockout; returns it."""
    if count and user is not None:
        credentials = axes_credentials(user.email)
        user_login_failed.send(
            sender=__name__, credentials=credentials, request=request
        )
    locked = reason == Outcome.LOCKED_OUT or bool(
        getattr(request, "axes_locked_out", False)
    )
    detail: dict[str, Any] = {"reason": str(reason)}
    if locked and reason != Outcome.LOCKED_OUT:
        detail["locked_out"] = True
    label = "" if user is not None else UNKNOWN_ACCOUNT
    audit_record(
        actor=user, action=Action.FAILED_SIGN_IN, detail=detail, actor_label=label
    )
    return StepResult(Outcome.LOCKED_OUT if locked else reason, user)


@transaction.atomic
def signin_code_check(*, request: HttpRequest, user: User, code: str) -> StepResult:
    """Step 2: check an authenticator code, or a recovery code (which is used up)."""
    if _locked(request, user.email):
        return signin_failure_record(
            request=request, user=user, reason=Outcome.LOCKED_OUT, count=False
        )
    device, outcome = _code_verify(user, code)
    if device is None:
        # Throttled tries count too: codes sent faster than people type are a script.
        return signin_failure_record(request=request, user=user, reason=outcome)
    return StepResult(Outcome.PASSED, user, device)


def _code_verify(user: User, code: str) -> tuple[Device | None, Outcome]:
    """The device that accepts `code`; rows are locked so a code works only once."""
    if TOTP_CODE.fullmatch(code):
        totp = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True)
        return _totp_verify(totp.first(), code)
    recovery = RecoveryCodeDevice.objects.select_for_update().filter(
        user=user, confirmed=True
    )
    device = recovery.first()
    if device is not None and device.verify_token(code):
        return device, Outcome.PASSED
    return None, Outcome.WRONG_CODE


def _totp_verify(device: TOTPDevice | None, code: str) -> tuple[Device | None, Outcome]:
    if device is None:
        return None, Outcome.WRONG_CODE
    allowed, _ = device.verify_is_allowed()
    if not allowed:
        return None, Outcome.THROTTLED
    if device.verify_token(code):
        return device, Outcome.PASSED
    return None, Outcome.WRONG_CODE


@transaction.atomic
def totp_device_confirm(
    *, request: HttpRequest, device: TOTPDevice, code: str
) -> StepResult:
    """Confirm a new authenticator with its first code, then issue recovery codes."""
    user: User = device.user
    if _locked(request, user.email):
        return signin_failure_record(
            request=request, user=user, reason=Outcome.LOCKED_OUT, count=False
        )
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    _, outcome = _totp_verify(device, code)
    if outcome != Outcome.PASSED:
        return signin_failure_record(request=request, user=user, reason=outcome)
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = recovery_codes_issue(user=user)
    detail = {"second_factor": "authenticator_app", "recovery_codes": len(codes)}
    audit_record(actor=user, action=Action.CREATE, target=device, detail=detail)
    return StepResult(Outcome.PASSED, user, device, tuple(codes))


@transaction.atomic
def signin_complete(*, request: HttpRequest, user: User, device: Device) -> None:
    """Log the person in with both factors, start the session clocks, and audit it."""
    login(request, user, backend=MODEL_BACKEND)
    otp_login(request, device)
    now = time.time()
    request.session[SIGNED_IN_AT_KEY] = now
    request.session[LAST_SEEN_KEY] = now
    pending_signin_clear(request=request)
    factor = "recovery_code" if isinstance(device, RecoveryCodeDevice) else "totp"
    audit_record(actor=user, action=Action.SIGN_IN, detail={"factor": factor})


@transaction.atomic
def user_sign_out(*, request: HttpRequest) -> None:
    """End this session; audited when someone was signed in."""
    if request.user.is_authenticated:
        detail = {"scope": "this_session"}
        audit_record(actor=request.user, action=Action.SIGN_OUT, detail=detail)
    logout(request)


@transaction.atomic
def user_sign_out_everywhere(*, request: HttpRequest, user: User) -> None:
    """End every session this person has open, on every device, this one included."""
    # Bumping the generation changes User._get_session_auth_hash for every session.
    User.objects.filter(pk=user.pk).update(
        session_generation=F("session_generation") + 1
    )
    audit_record(actor=user, action=Action.SIGN_OUT, detail={"scope": "everywhere"})
    logout(request)


@transaction.atomic
def user_password_change(*, request: HttpRequest, user: User, password: str) -> None:
    """Set a new password; this session carries on and every other one ends."""
    user.set_password(password)
    user.save(update_fields=["password"])
    update_session_auth_hash(request, user)
    detail = {"password": "changed"}
    audit_record(actor=user, action=Action.UPDATE, target=user, detail=detail)


@transaction.atomic
def recovery_codes_regenerate(*, user: User) -> list[str]:
    """Replace a person's recovery codes (old ones stop working); returns the new."""
    codes = recovery_codes_issue(user=user)
    detail = {"recovery_codes": "regenerated"}
    audit_record(actor=user, action=Action.UPDATE, target=user, detail=detail)
    return codes


def invitation_problem(invitation: Invitation) -> str:
    """Why an invitation cannot be used ("used", "revoked", "expired"), or ""."""
    if invitation.used_at is not None:
        return "used"
    if invitation.revoked_at is not None or not invitation.user.is_active:
        return "revoked"
    return "" if invitation.is_usable else "expired"


@transaction.atomic
def invitation_accept(*, invitation: Invitation, password: str) -> User | None:
    """Use an invitation once to set a password; None if it was spent meanwhile."""
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("user")
        .get(pk=invitation.pk)
    )
    if invitation_problem(invitation):
        return None
    user = invitation.user
    user.set_password(password)
    user.save(update_fields=["password"])
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    detail = {"invitation": "accepted"}
    audit_record(actor=user, action=Action.UPDATE, target=user, detail=detail)
    return user
