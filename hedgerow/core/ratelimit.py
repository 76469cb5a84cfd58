"""Rate limiting for the anonymous public forms, keeping nothing about anyone.

Counts are held in this process's memory only, under an HMAC of the client's
address with a random salt. The salt is drawn when the process starts and
replaced every hour; when it is replaced every count is thrown away with it, so
no key outlives the hour it was made in and no key can be turned back into an
address (there are only 2^32 IPv4 addresses, so an unsalted hash could be).
Nothing here is written to disk, the database or a log.

With N worker processes the effective limit is up to N times higher: an accepted
trade for keeping nothing (docs/adr/0009).
"""

import hashlib
import hmac
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

SALT_LIFETIME_SECONDS = 3600
# Set on the request by hedgerow.core.anonymity.AnonymityMiddleware, before the
# address is deleted from request.META.
REQUEST_KEY_ATTRIBUTE = "hedgerow_rate_key"

RATE_LIMITED = _(
    "You have sent a lot of reports or requests from this connection in a short "
    "time. To protect the service, please wait an hour and try again. If someone "
    "is in danger now, call 999."
)


@dataclass(frozen=True)
class Limit:
    """At most `per_hour` actions of one kind from one client key in an hour."""

    bucket: str
    per_hour: int


REPORT_SUBMISSIONS = Limit("report_submit", 10)
DRAFT_CREATIONS = Limit("draft_create", 60)
FOLLOW_UP_ATTEMPTS = Limit("follow_up", 30)
# Only wrong voting codes count: a vote event puts a whole hall behind one address.
WRONG_VOTING_CODES = Limit("vote_code_wrong", 60)
BID_LINK_REQUESTS = Limit("bid_link", 10)


class RateLimiter:
    """Fixed one-hour windows, one per salt: rotating the salt empties the counts."""

    def __init__(
        self,
        lifetime: float = SALT_LIFETIME_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._lifetime = lifetime
        self._clock = clock
        self._lock = threading.Lock()
        self._rotate(clock())

    def _rotate(self, now: float) -> None:
        self._salt = secrets.token_bytes(32)
        self._born = now
        self._counts: dict[tuple[str, str], int] = {}

    def _rotate_if_due(self) -> None:
        now = self._clock()
        if now - self._born >= self._lifetime:
            self._rotate(now)

    @sensitive_variables("address")
    def client_key(self, address: str) -> str:
        """The salted HMAC of an address under the current salt."""
        with self._lock:
            self._rotate_if_due()
            salt = self._salt
        return hmac.new(salt, address.encode(), hashlib.sha256).hexdigest()

    def hit(self, key: str, limit: Limit) -> bool:
        """Count one action; False when the key has used up its allowance."""
        with self._lock:
            self._rotate_if_due()
            slot = (limit.bucket, key)
            count = self._counts.get(slot, 0)
            if count >= limit.per_hour:
                return False
            self._counts[slot] = count + 1
            return True

    def exhausted(self, key: str, limit: Limit) -> bool:
        """Whether the key has used up its allowance, without counting an action."""
        with self._lock:
            self._rotate_if_due()
            return self._counts.get((limit.bucket, key), 0) >= limit.per_hour

    def keys(self) -> list[str]:
        """The keys counted in this window (for tests: never addresses)."""
        with self._lock:
            return sorted({key for _bucket, key in self._counts})

    def reset(self) -> None:
        """Forget everything now (tests, and a deliberate operator restart)."""
        with self._lock:
            self._rotate(self._clock())


limiter = RateLimiter()


@sensitive_variables("forwarded", "address")
def client_address(meta: dict[str, object]) -> str:
    """The client's address as the rate limiter sees it.

    Behind a trusted TLS proxy (SECURE_PROXY_SSL_HEADER set, see
    HEDGEROW_BEHIND_TLS_PROXY) the last X-Forwarded-For entry is the one the proxy
    added; any earlier entry could have been made up by the client.
    """
    address = str(meta.get("REMOTE_ADDR") or "")
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = str(meta.get("HTTP_X_FORWARDED_FOR") or "")
        if forwarded.strip():
            address = forwarded.rsplit(",", maxsplit=1)[-1].strip()
    return address or "unknown"


def request_key(request: HttpRequest) -> str:
    """The client key the middleware left on the request, else one made now."""
    key = getattr(request, REQUEST_KEY_ATTRIBUTE, None)
    if key:
        return str(key)
    return limiter.client_key(client_address(request.META))


def rate_limit_exhausted(request: HttpRequest, limit: Limit) -> bool:
    """True when this request's client has used up `limit` (nothing is counted)."""
    return limiter.exhausted(request_key(request), limit)


def rate_limit_allows(request: HttpRequest, limit: Limit) -> bool:
    """Count one `limit` action for this request's client; False when over it."""
    return limiter.hit(request_key(request), limit)
