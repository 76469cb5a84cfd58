"""The permissions framework: named permissions, and the checks views use.

Roles (which permissions each role holds) are declared in `hedgerow.accounts.roles`;
this module knows only that a signed-in user exposes `permissions`, a frozenset.
"""

from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from typing import Any, Protocol

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Permission(StrEnum):
    """Everything a member of staff can be allowed to do, by name."""

    AGENCY_VIEW = "agency.view"
    AGENCY_MANAGE = "agency.manage"
    STAFF_VIEW = "staff.view"
    STAFF_MANAGE = "staff.manage"
    ROLE_VIEW = "role.view"
    AUDIT_VIEW = "audit.view"
    AUDIT_EXPORT = "audit.export"
    SIGNS_MANAGE = "signs.manage"
    ROUTING_MANAGE = "routing.manage"
    REPORT_TRIAGE = "report.triage"
    REPORT_SHARE = "report.share"
    PLACE_VIEW = "place.view"
    PLACE_MANAGE = "place.manage"
    AREA_VIEW = "area.view"
    GROUP_VIEW = "group.view"
    GROUP_MANAGE = "group.manage"
    DISRUPTION_RECORD = "disruption.record"
    TACTIC_MANAGE = "tactic.manage"
    RECORDS_RESOLVE = "records.resolve"
    ENGAGEMENT_VIEW = "engagement.view"
    ENGAGEMENT_MANAGE = "engagement.manage"
    PB_MANAGE = "pb.manage"

    @property
    def description(self) -> Promise:
        """What holding this permission lets a person do, in plain words."""
        return PERMISSION_DESCRIPTIONS[self]


PERMISSION_DESCRIPTIONS: dict[Permission, Promise] = {
    Permission.AGENCY_VIEW: _("See the partner agencies and the areas they cover"),
    Permission.AGENCY_MANAGE: _("Add partner agencies and change their details"),
    Permission.STAFF_VIEW: _("See the staff of every agency, their roles and status"),
    Permission.STAFF_MANAGE: _(
        "Invite staff, change their role, deactivate them and reset their sign-in"
    ),
    Permission.ROLE_VIEW: _("See the roles and what each one allows"),
    Permission.AUDIT_VIEW: _("Search the audit trail of everything staff have done"),
    Permission.AUDIT_EXPORT: _("Export the audit trail as a spreadsheet (CSV)"),
    Permission.SIGNS_MANAGE: _(
        "Edit the public warning-signs catalogue and the help it points people to"
    ),
    Permission.ROUTING_MANAGE: _(
        "Decide which agencies receive reports about each threat in each area"
    ),
    Permission.REPORT_TRIAGE: _(
        "Read, grade, assign and close the reports routed or shared to their agency"
    ),
    Permission.REPORT_SHARE: _(
        "Share a sanitised copy of a report with another agency, with a purpose "
        "and lawful basis"
    ),
    Permission.PLACE_VIEW: _("See the places register, as far as their agency may"),
    Permission.PLACE_MANAGE: _("Add places, change them and raise or clear flags"),
    Permission.AREA_VIEW: _(
        "See crime statistics and hot spots for neighbourhoods, and download them"
    ),
    Permission.GROUP_VIEW: _(
        "See organised crime groups, their networks and disruptions: the police "
        "see every group, other agencies those whose panel they sit on"
    ),
    Permission.GROUP_MANAGE: _(
        "Record groups, subjects and links, assess a group’s harm and share a "
        "subject’s details with another agency"
    ),
    Permission.DISRUPTION_RECORD: _(
        "Record disruptions against groups, subjects and places, and grade their impact"
    ),
    Permission.TACTIC_MANAGE: _("Add disruption tactics to the menu and retire them"),
    Permission.RECORDS_RESOLVE: _(
        "Upload partner records, judge suggested matches and merge subjects"
    ),
    Permission.ENGAGEMENT_VIEW: _(
        "See community events, their attendance and what residents said at them"
    ),
    Permission.ENGAGEMENT_MANAGE: _(
        "Record community events, attendance, documents and table insights"
    ),
    Permission.PB_MANAGE: _(
        "Run participatory-budgeting rounds: review bids, issue voting codes, "
        "enter paper ballots, publish results and track delivery"
    ),
}


class PermissionHolder(Protocol):
    """A signed-in person as the permission checks see them."""

    @property
    def is_authenticated(self) -> bool: ...

    @property
    def permissions(self) -> frozenset[Permission]: ...

    def is_verified(self) -> bool: ...


def has_permission(user: Any, permission: Permission) -> bool:
    """True when a user signed in with both factors holds `permission`."""
    if not is_fully_signed_in(user):
        return False
    held: frozenset[Permission] = user.permissions
    return permission in held


def is_fully_signed_in(user: Any) -> bool:
    """True once a user has given both their password and their second factor."""
    return bool(user.is_authenticated and getattr(user, "is_verified", lambda: False)())


View = Callable[..., HttpResponse]


def redirect_to_login(next_url: str) -> HttpResponse:
    """Send a person to sign in, coming back to `next_url` afterwards."""
    # Imported here: django.contrib.auth.views needs the user model, which needs us.
    from django.contrib.auth.views import (  # noqa: PLC0415
        redirect_to_login as django_redirect,
    )

    return django_redirect(next_url)


def require_staff(view: View) -> View:
    """Let through only staff who are fully signed in; send others to sign in."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_fully_signed_in(request.user):
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped


def require_permission(permission: Permission) -> Callable[[View], View]:
    """Let through staff who hold `permission`; others get 403 (or sign in first)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not is_fully_signed_in(request.user):
                return redirect_to_login(request.get_full_path())
            if not has_permission(request.user, permission):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
