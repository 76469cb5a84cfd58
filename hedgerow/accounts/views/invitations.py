"""Invitations: a one-time link where a new person sets their password."""

from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from hedgerow.accounts.forms.signin import SetPasswordForm
from hedgerow.accounts.services import invitations
from hedgerow.accounts.services import signin as services
from hedgerow.accounts.views.signin import form_data, second_factor_start

INVITATION_NOT_FOUND = _(
    "This invitation link is not recognised. Check that you copied the whole link "
    "from the email, or ask your partnership administrator for a new one."
)
INVITATION_USED = _(
    "This invitation link has already been used. If you set your password, sign in. "
    "If you cannot sign in, ask your partnership administrator to reset your sign-in."
)
INVITATION_EXPIRED = _(
    "This invitation link has expired. Ask your administrator for a new one."
)
INVITATION_REVOKED = _(
    "This invitation link has been cancelled. Ask your administrator for a new one."
)
INVITATION_PROBLEMS = {
    "used": INVITATION_USED,
    "expired": INVITATION_EXPIRED,
    "revoked": INVITATION_REVOKED,
}


def _invitation_problem(request: HttpRequest, problem: str) -> HttpResponse:
    message = INVITATION_PROBLEMS.get(problem, INVITATION_NOT_FOUND)
    status = 404 if problem == "not_found" else 410
    context = {"message": message}
    return render(
        request, "accounts/signin/invitation_problem.html", context, status=status
    )


@never_cache
@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Open a one-time invitation: set a password, then set up an authenticator."""
    invitation = invitations.invitation_find(token=token)
    if invitation is None:
        return _invitation_problem(request, "not_found")
    if problem := services.invitation_problem(invitation):
        return _invitation_problem(request, problem)
    form = SetPasswordForm(invitation.user, form_data(request))
    if form.is_valid():
        password = form.cleaned_data["password"]
        user = services.invitation_accept(invitation=invitation, password=password)
        if user is None:
            return _invitation_problem(request, "used")
        if request.user.is_authenticated:
            logout(request)
        return second_factor_start(request, user, next_url="")
    context = {"form": form, "person": invitation.user}
    return render(request, "accounts/signin/invitation_accept.html", context)
