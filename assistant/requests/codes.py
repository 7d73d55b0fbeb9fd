"""Verification codes for the applicant's status look-up: random, shown once, kept hashed."""

from __future__ import annotations

import secrets
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# No 0/O or 1/I: the code is read from paper and typed by hand. 32**8 ≈ 1.1e12 codes.
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
LENGTH = 8

# OWASP's minimum argon2id setting (19 MiB, 2 passes): ~25 ms per hash on this machine,
# cheap enough for concurrent intake, costly enough to stop brute force on a leaked table.
_HASHER = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)


@cache
def _decoy_hash() -> str:
    """Verified against when the number is unknown, so both failures take the same time."""
    return _HASHER.hash("decoy-code")


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def hash_code(code: str) -> str:
    return _HASHER.hash(code)


def normalise_code(code: str) -> str:
    return "".join(code.split()).upper()


def verify_code(stored_hash: str | None, code: str) -> bool:
    """True only when `code` matches `stored_hash`; None (unknown request) never matches."""
    try:
        return _HASHER.verify(stored_hash or _decoy_hash(), normalise_code(code)) and (
            stored_hash is not None
        )
    except (VerificationError, InvalidHashError):
        return False
