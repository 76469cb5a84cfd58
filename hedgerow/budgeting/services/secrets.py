"""Voting codes and bid links: generated at random, kept only as keyed hashes."""

import hashlib
import hmac
import secrets

from django.conf import settings

# No 0/O, 1/I/L or U: codes are read off paper and typed on phones.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10  # 30^10 ≈ 2^49 codes, and guesses are rate-limited
LINK_BYTES = 32


def code_new() -> str:
    """A fresh voting code, in two groups of five for reading aloud: 7KQ2M-XD4PA."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def code_normalise(typed: str) -> str:
    """What a person typed, as the code it must be: upper case, no spaces or dashes."""
    cleaned = "".join(ch for ch in typed.upper() if ch.isalnum())
    # People read O for 0 and I or L for 1; neither is in the alphabet.
    return cleaned.translate(str.maketrans("OIL", "011"))


def code_hash(code: str) -> str:
    """The keyed hash kept for a code: without SECRET_KEY no one can test guesses."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, code_normalise(code).encode(), hashlib.sha256).hexdigest()


def link_new() -> str:
    """The secret for a bid's emailed link."""
    return secrets.token_urlsafe(LINK_BYTES)


def link_hash(secret: str) -> str:
    """What is kept of a link's secret."""
    return hashlib.sha256(secret.encode()).hexdigest()
