"""One-time invitation links: how a person first sets a password and second factor."""

import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from hedgerow.accounts.models import Invitation, User


@transaction.atomic
def invitation_issue(*, user: User, by: User | None) -> str:
    """Issue a new invitation for `user`, revoking older ones; returns the secret token.

    Only the token's hash is stored, so the link can be shown or emailed once.
    """
    now = timezone.now()
    Invitation.objects.filter(
        user=user, used_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    Invitation.objects.create(
        user=user,
        token_hash=Invitation.hash_token(token),
        created_by_id=by.pk if by else None,
        expires_at=now + settings.HEDGEROW_INVITATION_LIFETIME,
    )
    return token


def invitation_find(*, token: str) -> Invitation | None:
    """The invitation a token belongs to, used or not, or None if there is none."""
    return (
        Invitation.objects.select_related("user", "user__agency")
        .filter(token_hash=Invitation.hash_token(token))
        .first()
    )
