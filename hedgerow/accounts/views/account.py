"""Your account: your details, and managing how you sign in."""

from typing import cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from hedgerow.accounts.forms.signin import PasswordChangeForm
from hedgerow.accounts.models import RecoveryCode, User
from hedgerow.accounts.services import signin as services
from hedgerow.accounts.services.signin import Outcome
from hedgerow.accounts.views.signin import form_data, lockout_response
from hedgerow.core.permissions import require_staff

PASSWORD_CHANGED = _(
    "Your password has been changed. You have been signed out everywhere else."
)


def _person(request: HttpRequest) -> User:
    """The signed-in member of staff; only call behind `require_staff`."""
    return cast(User, request.user)


@require_staff
def account(request: HttpRequest) -> HttpResponse:
    """Your details and the ways you can manage your sign-in."""
    person = _person(request)
    remaining = RecoveryCode.objects.filter(
        device__user=person, used_at__isnull=True
    ).count()
    context = {"person": person, "recovery_codes_remaining": remaining}
    return render(request, "accounts/signin/account.html", context)


@require_POST
@require_staff
def sign_out_everywhere(request: HttpRequest) -> HttpResponse:
    """End every session you have open, on every device, and this one."""
    services.user_sign_out_everywhere(request=request, user=_person(request))
    return redirect(reverse("accounts:login") + "?signed_out=everywhere")


@never_cache
@require_POST
@require_staff
def recovery_codes_regenerate(request: HttpRequest) -> HttpResponse:
    """New recovery codes, shown once; the old ones stop working."""
    codes = services.recovery_codes_regenerate(user=_person(request))
    context = {"codes": codes, "signing_in": False}
    return render(request, "accounts/signin/recovery_codes.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
@require_staff
def password_change(request: HttpRequest) -> HttpResponse:
    """Change your password: current one, then the new one twice."""
    person = _person(request)
    form = PasswordChangeForm(person, form_data(request))
    if form.is_valid():
        password = form.cleaned_data["password"]
        services.user_password_change(request=request, user=person, password=password)
        messages.success(request, PASSWORD_CHANGED)
        return redirect("accounts:account")
    if form.current_password_wrong:
        # A guess at the password counts toward the lockout, even when signed in.
        result = services.signin_failure_record(
            request=request, user=person, reason=Outcome.WRONG_PASSWORD
        )
        if result.outcome == Outcome.LOCKED_OUT:
            services.user_sign_out(request=request)
            return lockout_response(request)
    return render(request, "accounts/signin/password_change.html", {"form": form})
