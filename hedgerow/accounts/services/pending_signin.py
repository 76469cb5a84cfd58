"""The pending sign-in: who has given their password but not yet their second factor.

It lives in the session for at most 10 minutes. Nobody is logged in meanwhile, so
none of the pages behind `require_staff` open.
"""

import time
from typing import Any

from django.http import HttpRequest

from hedgerow.accounts.models import User

PENDING_KEY = "hedgerow_pending_signin"
PENDING_LIFETIME_SECONDS = 10 * 60


def pending_signin_start(
    *, request: HttpRequest, user: User, next_url: str = ""
) -> None:
    """Remember who passed the password step, under a new session key (no fixation)."""
    request.session.cycle_key()
    request.session[PENDING_KEY] = {
        "user_id": user.pk,
        "generation": user.session_generation,
        "started_at": time.time(),
        "next": next_url,
    }


def pending_signin_data(*, request: HttpRequest) -> dict[str, Any] | None:
    """The pending sign-in, or None when there is none or it is over 10 minutes old."""
    pending: dict[str, Any] | None = request.session.get(PENDING_KEY)
    if pending and time.time() - pending["started_at"] <= PENDING_LIFETIME_SECONDS:
        return pending
    request.session.pop(PENDING_KEY, None)
    return None


def pending_signin_user(*, request: HttpRequest) -> User | None:
    """The person part-way through signing in, if they still may sign in."""
    pending = pending_signin_data(request=request)
    if pending is None:
        return None
    # A changed generation means an administrator reset or ended their sessions.
    return User.objects.filter(
        pk=pending["user_id"],
        session_generation=pending["generation"],
        is_active=True,
    ).first()


def pending_signin_update(*, request: HttpRequest, **values: Any) -> None:
    """Add to the pending sign-in (reassigned so the session is saved)."""
    pending = request.session.get(PENDING_KEY) or {}
    request.session[PENDING_KEY] = {**pending, **values}


def pending_signin_clear(*, request: HttpRequest) -> None:
    """Forget a part-finished sign-in."""
    request.session.pop(PENDING_KEY, None)
