"""Personal API tokens: issuing one (shown once), revoking it, and checking it.

A partner system calls the API with `Authorization: Bearer hedgerow_<random>`. The
token acts as the person who made it: their role and agency decide what it can
see, and it stops working when they are deactivated, it is revoked, or it expires.
Only a hash is stored, so a copy of the database cannot be used to call the API.
"""

import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hedgerow.accounts.models import ApiToken, User
from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record

TOKEN_PREFIX = "hedgerow_"  # noqa: S105 (the public prefix, not a secret)
TOKEN_BYTES = 32  # 256 random bits
PREFIX_CHARACTERS = 8
LIFETIME_CHOICES_DAYS = (7, 30, 90)
MAX_ACTIVE_TOKENS = 10

TOO_MANY_TOKENS = _(
    "You already have %(limit)s tokens that work. Revoke one you no longer use first."
)
ALREADY_REVOKED = _("This token has already been revoked.")
LIFETIME_NOT_ALLOWED = _("Choose how long the token should last")


def api_token_list(*, user: User) -> QuerySet[ApiToken]:
    """A person's own tokens, newest first (never anyone else's)."""
    return ApiToken.objects.filter(user=user)


def api_token_active_count(*, user: User) -> int:
    """How many of a person's tokens still work."""
    return (
        api_token_list(user=user)
        .filter(revoked_at__isnull=True, expires_at__gt=timezone.now())
        .count()
    )


@transaction.atomic
def api_token_create(
    *, user: User, name: str, lifetime_days: int = 90
) -> tuple[ApiToken, str]:
    """Issue a token for `user`; returns the record and the token, shown only once."""
    if lifetime_days not in LIFETIME_CHOICES_DAYS:
        raise ValidationError(LIFETIME_NOT_ALLOWED)
    # Lock the person's row so two requests at once cannot pass the limit together.
    User.objects.select_for_update().filter(pk=user.pk).first()
    if api_token_active_count(user=user) >= MAX_ACTIVE_TOKENS:
        raise ValidationError(TOO_MANY_TOKENS, params={"limit": MAX_ACTIVE_TOKENS})
    random_part = secrets.token_urlsafe(TOKEN_BYTES)
    raw = TOKEN_PREFIX + random_part
    now = timezone.now()
    token = ApiToken.objects.create(
        user=user,
        name=name.strip(),
        prefix=random_part[:PREFIX_CHARACTERS],
        token_hash=ApiToken.hash_token(raw),
        created_at=now,
        expires_at=now + timedelta(days=lifetime_days),
    )
    audit_record(
        actor=user,
        action=Action.CREATE,
        target=token,
        detail={
            "name": token.name,
            "prefix": token.prefix,
            "expires_at": token.expires_at.isoformat(),
        },
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by: User) -> ApiToken:
    """Stop a token working at once; the record stays so the trail still names it."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        raise ValidationError(ALREADY_REVOKED)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(
        actor=by,
        action=Action.UPDATE,
        target=token,
        detail={"name": token.name, "prefix": token.prefix, "revoked": True},
    )
    return token


def api_token_authenticate(*, raw: str) -> ApiToken | None:
    """The working token `raw` names, with its active user; None for any other.

    Notes the day it was last used, writing at most once a day per token.
    """
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user", "user__agency")
        .filter(token_hash=ApiToken.hash_token(raw))
        .first()
    )
    if token is None or not token.is_usable or not token.user.is_active:
        return None
    today = timezone.localdate()
    if token.last_used_on != today:
        ApiToken.objects.filter(pk=token.pk).update(last_used_on=today)
        token.last_used_on = today
    return token
