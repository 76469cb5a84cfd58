"""OpenAPI descriptions of Hedgerow's own authentication classes.

drf-spectacular finds these extensions by import; `triage.py` imports this module.
"""

from typing import Any

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object


class BearerTokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    """A personal API token: `Authorization: Bearer hedgerow_…`."""

    target_class = "hedgerow.intelligence.api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        scheme = build_bearer_security_scheme_object(
            header_name="Authorization",
            token_prefix="Bearer",  # noqa: S106 (the scheme name, not a secret)
            bearer_format="hedgerow_<random>",
        )
        scheme["description"] = (
            "A personal API token made at /accounts/account/api-tokens/. It acts "
            "as the person who made it."
        )
        return scheme


class VerifiedSessionScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    """A staff session that passed both factors (the browser's session cookie)."""

    target_class = (
        "hedgerow.intelligence.api.authentication.VerifiedSessionAuthentication"
    )
    name = "sessionAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": settings.SESSION_COOKIE_NAME,
            "description": "A staff session signed in with password and second "
            "factor. Changes also need the CSRF token in X-CSRFToken.",
        }
