"""Who is calling the API: a personal token, or a staff session with both factors.

A token is issued only to someone signed in with both factors, and it is itself
a 256-bit secret, so a request that carries one counts as fully signed in: the
token's user is marked verified for this request only. That lets the same
permission checks and need-to-know filters (`.visible_to(user)`) apply to both.
"""

from typing import Any

from rest_framework import authentication, exceptions  # type: ignore[import-untyped]
from rest_framework.request import Request  # type: ignore[import-untyped]

from hedgerow.accounts.models import ApiToken, User
from hedgerow.accounts.services.api_tokens import api_token_authenticate
from hedgerow.core.permissions import is_fully_signed_in

TOKEN_INVALID = "The token is not valid: it may be wrong, revoked or expired."  # noqa: S105
HEADER_MALFORMED = "Send the token as: Authorization: Bearer hedgerow_…"


class BearerTokenAuthentication(authentication.BaseAuthentication):  # type: ignore[misc]
    """`Authorization: Bearer hedgerow_<random>`: acts as the token's owner."""

    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[User, ApiToken] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(HEADER_MALFORMED)
        try:
            raw = header[1].decode("ascii")
        except UnicodeDecodeError as error:
            raise exceptions.AuthenticationFailed(HEADER_MALFORMED) from error
        token = api_token_authenticate(raw=raw)
        if token is None:
            raise exceptions.AuthenticationFailed(TOKEN_INVALID)
        user = token.user
        # Same shape django-otp gives a verified session user (see module docstring).
        user.is_verified = lambda: True  # type: ignore[attr-defined]
        user.api_token = token  # type: ignore[attr-defined]
        return user, token

    def authenticate_header(self, request: Request) -> str:
        return f'{self.keyword} realm="api"'


class VerifiedSessionAuthentication(authentication.SessionAuthentication):  # type: ignore[misc]
    """A staff session, but only once the person has given their second factor.

    DRF's session authentication enforces CSRF on unsafe methods, as the staff
    pages do.
    """

    def authenticate(self, request: Request) -> tuple[Any, None] | None:
        result: tuple[Any, None] | None = super().authenticate(request)
        if result is None or not is_fully_signed_in(result[0]):
            return None
        return result


def via(request: Request) -> dict[str, str]:
    """How the caller signed in, for the audit trail (never the token itself)."""
    token = request.auth if isinstance(request.auth, ApiToken) else None
    if token is None:
        return {"via": "api_session"}
    return {"via": "api_token", "token": f"{token.name} ({token.prefix}…)"}
