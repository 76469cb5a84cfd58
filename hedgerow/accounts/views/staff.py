"""People: the staff list and one person, and the administrator's actions on them.

Every change is a POST through a service; deactivating and resetting sign-in first show
a confirmation page that asks why (the reason goes into the audit trail).
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from hedgerow.accounts import selectors
from hedgerow.accounts.forms.partnership import (
    DeactivateForm,
    ResetSignInForm,
    StaffChangeRoleForm,
    StaffFilterForm,
    StaffInviteForm,
)
from hedgerow.accounts.models import User
from hedgerow.accounts.services import staff as services
from hedgerow.accounts.views.partnership import acting_user
from hedgerow.core.permissions import Permission, has_permission, require_permission

PAGE_SIZE = 25
INVITATION_SENT = _("Invitation sent")
INVITATION_SENT_AGAIN = _("New invitation sent")
SIGN_IN_RESET = _("Sign-in reset")
ROLE_CHANGED = _("Role changed")
DEACTIVATED = _("Deactivated: they can no longer sign in")
REACTIVATED = _("Reactivated: they can sign in again")


def _person(pk: int) -> User:
    return get_object_or_404(User.objects.select_related("agency"), pk=pk)


@require_permission(Permission.STAFF_VIEW)
def staff_list(request: HttpRequest) -> HttpResponse:
    """Everyone in the partnership, filtered by agency, role and status, paginated."""
    form = StaffFilterForm(request.GET)
    form.is_valid()  # Apply the filters that are valid; show errors for the others.
    data = form.cleaned_data
    people = selectors.staff_list(
        agency=data.get("agency"),
        role=data.get("role") or "",
        status=data.get("status") or "",
    )
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "page_range": page.paginator.get_elided_page_range(
            page.number, on_each_side=1, on_ends=1
        ),
        "rows": [(person, selectors.staff_status(person)) for person in page],
        "can_manage": has_permission(request.user, Permission.STAFF_MANAGE),
    }
    return render(request, "accounts/partnership/staff_list.html", context)


@require_permission(Permission.STAFF_VIEW)
def staff_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One person: agency, role, status, second factor and pending invitation."""
    person = _person(pk)
    context = {
        "person": person,
        "status": selectors.staff_status(person),
        "has_authenticator": selectors.staff_has_authenticator(person),
        "invitation": selectors.invitation_pending(person),
        "can_manage": has_permission(request.user, Permission.STAFF_MANAGE),
        "is_self": person.pk == request.user.pk,
    }
    return render(request, "accounts/partnership/staff_detail.html", context)


@require_permission(Permission.STAFF_MANAGE)
def staff_invite(request: HttpRequest) -> HttpResponse:
    """Invite a person: they get an email with a one-time link to join."""
    form = StaffInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person, token = services.staff_invite(
                **form.cleaned_data, by=acting_user(request), base_url=_base(request)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _invitation_sent(request, person, token, INVITATION_SENT)
    return render(request, "accounts/partnership/staff_invite.html", {"form": form})


@require_permission(Permission.STAFF_MANAGE)
def staff_change_role(request: HttpRequest, pk: int) -> HttpResponse:
    """Give a person a different role."""
    person = _person(pk)
    form = StaffChangeRoleForm(request.POST or None, initial={"role": person.role})
    if request.method == "POST" and form.is_valid():
        role = form.cleaned_data["role"]
        try:
            services.staff_change_role(user=person, role=role, by=acting_user(request))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, ROLE_CHANGED)
            return redirect("partnership:staff_detail", pk=person.pk)
    context = {"form": form, "person": person}
    return render(request, "accounts/partnership/staff_change_role.html", context)


@require_permission(Permission.STAFF_MANAGE)
def staff_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask why, then stop a person signing in and end their sessions."""
    person = _person(pk)
    form = DeactivateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        try:
            services.staff_deactivate(
                user=person, by=acting_user(request), reason=reason
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, DEACTIVATED)
            return redirect("partnership:staff_detail", pk=person.pk)
    context = {"form": form, "person": person}
    return render(request, "accounts/partnership/staff_deactivate.html", context)


@require_permission(Permission.STAFF_MANAGE)
@require_POST
def staff_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    """Let a deactivated person sign in again."""
    person = _person(pk)
    try:
        services.staff_reactivate(user=person, by=acting_user(request))
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, REACTIVATED)
    return redirect("partnership:staff_detail", pk=person.pk)


@require_permission(Permission.STAFF_MANAGE)
def staff_reset_sign_in(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask why, then remove a person's password and second factors and re-invite."""
    person = _person(pk)
    form = ResetSignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token = services.staff_reset_sign_in(
                user=person,
                by=acting_user(request),
                reason=form.cleaned_data["reason"],
                base_url=_base(request),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _invitation_sent(request, person, token, SIGN_IN_RESET)
    context = {"form": form, "person": person}
    return render(request, "accounts/partnership/staff_reset_sign_in.html", context)


@require_permission(Permission.STAFF_MANAGE)
@require_POST
def staff_resend_invitation(request: HttpRequest, pk: int) -> HttpResponse:
    """Send a fresh invitation to someone who has not joined yet."""
    person = _person(pk)
    try:
        token = services.staff_resend_invitation(
            user=person, by=acting_user(request), base_url=_base(request)
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("partnership:staff_detail", pk=person.pk)
    return _invitation_sent(request, person, token, INVITATION_SENT_AGAIN)


def _base(request: HttpRequest) -> str:
    """This site's address, which invitation links start with."""
    return request.build_absolute_uri("/")


def _invitation_sent(
    request: HttpRequest, person: User, token: str, heading: Promise
) -> HttpResponse:
    """The confirmation page; shows the link itself only where settings allow (demo)."""
    link = ""
    if settings.HEDGEROW_SHOW_INVITATION_LINKS:
        link = services.invitation_link(base_url=_base(request), token=token)
    context = {
        "person": person,
        "heading": heading,
        "link": link,
        "days": settings.HEDGEROW_INVITATION_LIFETIME.days,
    }
    return render(request, "accounts/partnership/invitation_sent.html", context)
