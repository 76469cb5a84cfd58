"""Signing in and out: password, second factor and first-time set-up.

Each view parses the form, calls one service in `hedgerow.accounts.services.signin`
and renders. Pages that show secrets (QR codes, recovery codes) are never cached.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp.models import Device
from django_otp.plugins.otp_totp.models import TOTPDevice

from hedgerow.accounts.forms.signin import (
    AuthenticatorSetupForm,
    SignInCodeForm,
    SignInForm,
)
from hedgerow.accounts.models import User
from hedgerow.accounts.services import mfa, pending_signin
from hedgerow.accounts.services import signin as services
from hedgerow.accounts.services.signin import Outcome
from hedgerow.core.permissions import is_fully_signed_in

WRONG_PASSWORD = _("Enter a correct email address and password")
DEACTIVATED = _(
    "This account has been deactivated. Contact your partnership administrator."
)
WRONG_CODE = _(
    "The code is not correct. Enter the code your authenticator app shows now, "
    "or an unused recovery code."
)
THROTTLED = _(
    "Too many codes were tried in a short time. Wait a few seconds, then enter the "
    "code your authenticator app shows now."
)
LOCKED_OUT = _(
    "This account is locked for %(minutes)s minutes because of too many attempts "
    "to sign in. Wait %(minutes)s minutes, then try again. If you have forgotten "
    "your password or lost your authenticator app, contact your partnership "
    "administrator."
)
SIGNED_OUT = _("You have signed out.")
SIGNED_OUT_EVERYWHERE = _(
    "You have signed out everywhere: on this browser and on every other device."
)
SIGNED_OUT_IDLE = _(
    "You were signed out because you had not used Hedgerow for %(minutes)s minutes. "
    "Sign in again to carry on."
)
SIGNED_OUT_EXPIRED = _(
    "You were signed out because you had been signed in for %(hours)s hours. "
    "Sign in again to carry on."
)
PENDING_EXPIRED = _(
    "You did not finish signing in within %(minutes)s minutes. "
    "Enter your email address and password again."
)
SETUP_WRONG_CODE = _(
    "The code is not correct. Check that you scanned the QR code or typed the key "
    "correctly, then enter the code the app shows now."
)
REFUSALS = {
    Outcome.WRONG_PASSWORD: WRONG_PASSWORD,
    Outcome.DEACTIVATED: DEACTIVATED,
    Outcome.WRONG_CODE: WRONG_CODE,
    Outcome.THROTTLED: THROTTLED,
}
SETUP_REFUSALS = {**REFUSALS, Outcome.WRONG_CODE: SETUP_WRONG_CODE}

View = Callable[..., HttpResponse]


def _minutes(setting: str) -> int:
    return int(getattr(settings, setting).total_seconds() // 60)


def signed_out_notice(reason: str) -> str | None:
    """The message for ?signed_out=<reason> on the sign-in page."""
    notices = {
        "you": SIGNED_OUT,
        "everywhere": SIGNED_OUT_EVERYWHERE,
        "idle": SIGNED_OUT_IDLE % {"minutes": _minutes("HEDGEROW_IDLE_TIMEOUT")},
        "expired": SIGNED_OUT_EXPIRED
        % {"hours": _minutes("HEDGEROW_SESSION_MAX_AGE") // 60},
        "timeout": PENDING_EXPIRED
        % {"minutes": pending_signin.PENDING_LIFETIME_SECONDS // 60},
    }
    notice = notices.get(reason)
    return str(notice) if notice else None


def lockout_response(
    request: HttpRequest,
    response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
    *args: Any,
    **kwargs: Any,
) -> HttpResponse:
    """The page django-axes shows a locked account: what happened and what to do."""
    if hasattr(request, "session"):
        pending_signin.pending_signin_clear(request=request)
    message = LOCKED_OUT % {"minutes": _minutes("AXES_COOLOFF_TIME")}
    context = {"message": message}
    return render(request, "accounts/signin/locked.html", context, status=429)


def form_data(request: HttpRequest) -> Any:
    """The posted data, or None on GET (so an empty POST still shows its errors)."""
    return request.POST if request.method == "POST" else None


def _safe_next(request: HttpRequest, url: str) -> str:
    """`url` if it stays on this site, else ""; stops redirects to other sites."""
    allowed = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if url and allowed else ""


def second_factor_start(
    request: HttpRequest, user: User, next_url: str
) -> HttpResponse:
    """After the password: a pending sign-in, then the code or authenticator set-up."""
    pending_signin.pending_signin_start(request=request, user=user, next_url=next_url)
    has_app = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    return redirect(
        "accounts:login_code" if has_app else "accounts:setup_authenticator"
    )


@never_cache
@require_http_methods(["GET", "POST"])
def login(request: HttpRequest) -> HttpResponse:
    """Step 1 of signing in: email and password. Nobody is signed in until step 2."""
    next_url = _safe_next(
        request, request.POST.get("next") or request.GET.get("next", "")
    )
    if is_fully_signed_in(request.user):
        return redirect(next_url or settings.LOGIN_REDIRECT_URL)
    form = SignInForm(form_data(request))
    if form.is_valid():
        result = services.signin_password_check(request=request, **form.cleaned_data)
        if result.passed and result.user is not None:
            return second_factor_start(request, result.user, next_url)
        if result.outcome == Outcome.LOCKED_OUT:
            return lockout_response(request)
        form.add_error(None, REFUSALS[result.outcome])
    notice = signed_out_notice(request.GET.get("signed_out", ""))
    context = {"form": form, "next": next_url, "notice": notice}
    return render(request, "accounts/signin/login.html", context)


def pending_required(view: View) -> View:
    """Let through only someone part-way through signing in; passes them to the view."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        had_pending = pending_signin.PENDING_KEY in request.session
        user = pending_signin.pending_signin_user(request=request)
        if user is None:
            pending_signin.pending_signin_clear(request=request)
            query = "?signed_out=timeout" if had_pending else ""
            return redirect(reverse("accounts:login") + query)
        return view(request, user, *args, **kwargs)

    return wrapped


def _signed_in(request: HttpRequest, user: User, device: Device) -> HttpResponse:
    pending = pending_signin.pending_signin_data(request=request) or {}
    services.signin_complete(request=request, user=user, device=device)
    next_url = _safe_next(request, pending.get("next", ""))
    return redirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))


@never_cache
@require_http_methods(["GET", "POST"])
@pending_required
def login_code(request: HttpRequest, user: User) -> HttpResponse:
    """Step 2: the code from the authenticator app, or a recovery code."""
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return redirect("accounts:setup_authenticator")
    recovery = request.GET.get("method") == "recovery"
    form = SignInCodeForm(form_data(request), recovery=recovery)
    if form.is_valid():
        code = form.cleaned_data["code"]
        result = services.signin_code_check(request=request, user=user, code=code)
        if result.outcome == Outcome.LOCKED_OUT:
            return lockout_response(request)
        if result.passed and result.device is not None:
            return _signed_in(request, user, result.device)
        form.add_error("code", REFUSALS[result.outcome])
    context = {"form": form, "recovery": recovery}
    return render(request, "accounts/signin/code.html", context)


def _grouped(secret: str) -> str:
    """A setup key in groups of four, as authenticator apps show it."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(data: str) -> SafeString:
    """`data` as an inline SVG QR code (inline markup needs no CSP exception)."""
    image = qrcode.make(
        data, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=4
    )
    svg: str = image.to_string(encoding="unicode")
    # Safe: the SVG is only paths drawn by the qrcode library; no input text is in it.
    return mark_safe(svg)  # noqa: S308


def _setup_device(request: HttpRequest, user: User) -> TOTPDevice:
    """This sign-in's unconfirmed authenticator, so reloading keeps the same QR code."""
    pending = pending_signin.pending_signin_data(request=request) or {}
    device = TOTPDevice.objects.filter(
        pk=pending.get("setup_device_id"), user=user, confirmed=False
    ).first()
    if device is None:
        device = mfa.totp_device_start(user=user)
        pending_signin.pending_signin_update(request=request, setup_device_id=device.pk)
    return device


def _enrolled(
    request: HttpRequest, device: TOTPDevice, codes: tuple[str, ...]
) -> HttpResponse:
    """Show the recovery codes once; "continue" then signs in with this device."""
    pending_signin.pending_signin_update(request=request, enrolled_device_id=device.pk)
    context = {"codes": codes, "signing_in": True}
    return render(request, "accounts/signin/recovery_codes.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
@pending_required
def setup_authenticator(request: HttpRequest, user: User) -> HttpResponse:
    """First sign-in: add Hedgerow to an authenticator app and prove it with a code."""
    # Someone who only knows the password must never add a second authenticator.
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return redirect("accounts:login_code")
    device = _setup_device(request, user)
    form = AuthenticatorSetupForm(form_data(request))
    if form.is_valid():
        code = form.cleaned_data["code"]
        result = services.totp_device_confirm(request=request, device=device, code=code)
        if result.outcome == Outcome.LOCKED_OUT:
            return lockout_response(request)
        if result.passed:
            return _enrolled(request, device, result.recovery_codes)
        form.add_error("code", SETUP_REFUSALS[result.outcome])
    context = {
        "form": form,
        "qr_code": qr_code_svg(device.config_url),
        "secret": _grouped(mfa.totp_secret_base32(device)),
    }
    return render(request, "accounts/signin/setup_authenticator.html", context)


@never_cache
@require_POST
@pending_required
def recovery_codes(request: HttpRequest, user: User) -> HttpResponse:
    """After first set-up: the person has saved their recovery codes; sign them in."""
    pending = pending_signin.pending_signin_data(request=request) or {}
    device = TOTPDevice.objects.filter(
        pk=pending.get("enrolled_device_id"), user=user, confirmed=True
    ).first()
    if device is None:
        return redirect("accounts:login_code")
    return _signed_in(request, user, device)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    """Sign out of this browser."""
    services.user_sign_out(request=request)
    return redirect(reverse("accounts:login") + "?signed_out=you")
