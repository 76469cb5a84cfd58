"""The in-memory rate limiter: salted, rotating keys; nothing about anyone kept."""

import re

from hedgerow.core.ratelimit import Limit, RateLimiter, client_address

LIMIT = Limit("test", 3)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_allows_up_to_the_limit_then_refuses():
    limiter = RateLimiter()
    key = limiter.client_key("198.51.100.1")

    allowed = [limiter.hit(key, LIMIT) for _ in range(4)]

    assert allowed == [True, True, True, False]


def test_kinds_of_action_are_counted_apart():
    limiter = RateLimiter()
    key = limiter.client_key("198.51.100.1")
    for _ in range(3):
        limiter.hit(key, LIMIT)

    assert limiter.hit(key, Limit("other", 3))


def test_key_is_a_salted_hmac_not_the_address():
    limiter = RateLimiter()

    key = limiter.client_key("198.51.100.1")

    assert re.fullmatch(r"[0-9a-f]{64}", key)
    assert "198.51.100.1" not in key
    assert key == limiter.client_key("198.51.100.1")
    assert key != RateLimiter().client_key("198.51.100.1")  # each process: new salt
    assert key != limiter.client_key("198.51.100.2")


def test_salt_rotates_every_hour_and_the_old_counts_go_with_it():
    clock = FakeClock()
    limiter = RateLimiter(clock=clock)
    key = limiter.client_key("198.51.100.1")
    for _ in range(3):
        limiter.hit(key, LIMIT)
    clock.now += 3599
    assert not limiter.hit(key, LIMIT)

    clock.now += 1
    new_key = limiter.client_key("198.51.100.1")

    assert new_key != key
    assert limiter.keys() == []
    assert limiter.hit(new_key, LIMIT)


def test_reset_forgets_everything():
    limiter = RateLimiter()
    limiter.hit(limiter.client_key("198.51.100.1"), LIMIT)

    limiter.reset()

    assert limiter.keys() == []


def test_address_is_the_socket_address_without_a_trusted_proxy(settings):
    settings.SECURE_PROXY_SSL_HEADER = None
    meta = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.5"}

    assert client_address(meta) == "10.0.0.1"


def test_behind_a_trusted_proxy_the_address_it_added_is_used(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    meta = {
        "REMOTE_ADDR": "10.0.0.1",
        "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.5",  # the first one is made up
    }

    assert client_address(meta) == "203.0.113.5"
