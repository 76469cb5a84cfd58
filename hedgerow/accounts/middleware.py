"""Ends staff sessions that sit idle too long or last too long altogether."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record

LAST_SEEN_KEY = "hedgerow_last_seen"
SIGNED_IN_AT_KEY = "hedgerow_signed_in_at"
# Write the session at most once a minute, not on every request.
TOUCH_INTERVAL_SECONDS = 60


class SessionLimitsMiddleware:
    """Signs a person out after the idle timeout or the maximum session length."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            reason = self._expired_reason(request)
            if reason:
                return self._sign_out(request, reason)
            self._touch(request)
        return self.get_response(request)

    def _expired_reason(self, request: HttpRequest) -> str:
        now = time.time()
        last_seen = request.session.get(LAST_SEEN_KEY, now)
        signed_in_at = request.session.get(SIGNED_IN_AT_KEY, now)
        if now - last_seen > settings.HEDGEROW_IDLE_TIMEOUT.total_seconds():
            return "idle"
        if now - signed_in_at > settings.HEDGEROW_SESSION_MAX_AGE.total_seconds():
            return "expired"
        return ""

    def _touch(self, request: HttpRequest) -> None:
        now = time.time()
        request.session.setdefault(SIGNED_IN_AT_KEY, now)
        if now - request.session.get(LAST_SEEN_KEY, 0) > TOUCH_INTERVAL_SECONDS:
            request.session[LAST_SEEN_KEY] = now

    def _sign_out(self, request: HttpRequest, reason: str) -> HttpResponse:
        audit_record(
            actor=request.user, action=Action.SIGN_OUT, detail={"reason": reason}
        )
        logout(request)
        return redirect(f"{reverse('accounts:login')}?signed_out={reason}")
