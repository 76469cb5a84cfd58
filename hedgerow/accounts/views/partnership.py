"""Partnership administration shared by the agency and staff views, and the roles page.

Agencies are in `views/agencies.py`, people in `views/staff.py`.
"""

from typing import cast

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hedgerow.accounts import selectors
from hedgerow.accounts.models import User
from hedgerow.accounts.roles import Role
from hedgerow.core.permissions import Permission, require_permission


def acting_user(request: HttpRequest) -> User:
    """The signed-in member of staff; only call behind `require_permission`."""
    return cast(User, request.user)


@require_permission(Permission.ROLE_VIEW)
def role_list(request: HttpRequest) -> HttpResponse:
    """Every role, what it is for, and what each permission lets its holders do."""
    context = {
        "roles": list(Role),
        "summaries": selectors.role_summaries(),
        "matrix": selectors.permission_matrix(),
    }
    return render(request, "accounts/partnership/role_list.html", context)
