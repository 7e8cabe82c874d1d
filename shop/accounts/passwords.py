"""Passwords: argon2id hashes (argon2-cffi), the sign-up policy and a built-in list of common
passwords. A password is never logged, returned or kept in the clear; the hash carries its salt
and parameters, so they can be raised later (`needs_rehash`)."""
from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

# OWASP's argon2id baseline: 19 MiB of memory, two passes, one lane (about 30 ms here), so a
# replica's four threads hashing at once stay inside its memory budget.
HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1, hash_len=32,
                        salt_len=16, type=Type.ID)
COMMON_FILE = Path(__file__).parent / "data" / "common-passwords.txt"
COMMON = "is one of the most common passwords; choose a longer phrase of your own"
SAME_AS_EMAIL = "must not be your email address"


def normalized(password: str) -> str:
    """The password in Unicode NFC, so the same characters typed on any keyboard match."""
    return unicodedata.normalize("NFC", password)


@cache
def common_passwords() -> frozenset[str]:
    """The built-in list (one a line, `#` comments), lowercased."""
    lines = COMMON_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines
                     if line.strip() and not line.startswith("#"))


def policy_problem(password: str, email: str) -> str | None:
    """Why a new password is refused (the length is the contract's), or None."""
    folded = normalized(password).strip().lower()
    if folded in common_passwords():
        return COMMON
    if folded == email.strip().lower():
        return SAME_AS_EMAIL
    return None


def hash_password(password: str) -> str:
    """The argon2id hash (PHC string: parameters, salt and digest) of a password."""
    return HASHER.hash(normalized(password))


def verify(stored: str, password: str) -> bool:
    """Whether `password` matches the stored hash; a malformed hash matches nothing."""
    try:
        return HASHER.verify(stored, normalized(password))
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    """Whether the hash was made with other parameters than today's."""
    return HASHER.check_needs_rehash(stored)


@cache
def decoy_hash() -> str:
    """A hash of nothing anyone knows: verified when an address has no account, so that a
    sign-in takes as long whether the address is registered or not."""
    return HASHER.hash("decoy password that no account has")
