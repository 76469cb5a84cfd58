"""Short-lived, per-process caches for hot reference data that rarely changes.

Submitting a report reads the routing rules, the catalogue and the LSOA index;
reading them from the database on every report costs a third of its CPU. Each
cache lives for `seconds` at most, and the services that write the data clear
it whenever this process changes what it holds, so a change made here applies at
once and one made in another server process within `seconds`. The services that
change cached data are marked `@clears(cache)`.
"""

import time
from collections.abc import Callable, Hashable
from functools import wraps
from typing import Any

from django.db import transaction

_REGISTRY: list["TimedCache"] = []


class TimedCache:
    """A dict of values computed on demand, all forgotten after `seconds`."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._values: dict[Hashable, Any] = {}
        self._filled_at = 0.0
        _REGISTRY.append(self)

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The cached value for `key`, computing it when absent or expired."""
        now = time.monotonic()
        if now - self._filled_at > self.seconds:
            self._values = {}
            self._filled_at = now
        if key not in self._values:
            self._values[key] = compute()
        return self._values[key]

    def clear(self, *args: Any, **kwargs: Any) -> None:
        """Forget everything (usable directly as a signal receiver)."""
        self._values = {}


def clear_all() -> None:
    """Forget every cache in this process (tests call it between tests)."""
    for cache in _REGISTRY:
        cache.clear()


def clears(*caches: TimedCache) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Mark a service that changes cached data: the caches empty when it commits."""

    def decorate(service: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(service)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            result = service(*args, **kwargs)
            for cache in caches:
                transaction.on_commit(cache.clear)
            return result

        return wrapped

    return decorate
