"""Your API tokens: make one for a partner system (shown once) and revoke them."""

from typing import cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from hedgerow.accounts.models import User
from hedgerow.accounts.services import api_tokens as services
from hedgerow.core.permissions import require_staff

TEMPLATE = "accounts/api_tokens.html"
TOKEN_REVOKED = _("Token revoked: it no longer works")
NAME_REQUIRED = _("Enter a name for the token")
NAME_TOO_LONG = _("The name must be 100 characters or fewer")


class ApiTokenForm(forms.Form):
    """A name to tell the token apart, and how long it should last."""

    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("For example, the name of the system that will use it."),
        error_messages={"required": NAME_REQUIRED, "max_length": NAME_TOO_LONG},
    )
    lifetime_days = forms.TypedChoiceField(
        label=_("How long should it last?"),
        choices=[
            (7, _("7 days")),
            (30, _("30 days")),
            (90, _("90 days")),
        ],
        coerce=int,
        initial=90,
        widget=forms.RadioSelect,
        error_messages={"required": services.LIFETIME_NOT_ALLOWED},
    )


def _person(request: HttpRequest) -> User:
    return cast(User, request.user)


def _page(
    request: HttpRequest, form: ApiTokenForm, new_token: str = ""
) -> HttpResponse:
    context = {
        "form": form,
        "tokens": services.api_token_list(user=_person(request)),
        "new_token": new_token,
    }
    return render(request, TEMPLATE, context)


@never_cache
@require_http_methods(["GET", "POST"])
@require_staff
def api_tokens(request: HttpRequest) -> HttpResponse:
    """List your tokens and make a new one; a new token is shown on this page once."""
    form = ApiTokenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            _token, raw = services.api_token_create(
                user=_person(request), **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _page(request, ApiTokenForm(), new_token=raw)
    return _page(request, form)


@require_POST
@require_staff
def api_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke one of your own tokens; anyone else's is not found."""
    token = get_object_or_404(services.api_token_list(user=_person(request)), pk=pk)
    try:
        services.api_token_revoke(token=token, by=_person(request))
    except ValidationError as error:
        messages.info(request, error.messages[0])
    else:
        messages.success(request, TOKEN_REVOKED)
    return redirect("accounts:api_tokens")
