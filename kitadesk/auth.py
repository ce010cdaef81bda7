"""Passwords (issues 8, 18): argon2id hashes (argon2-cffi), the per-process memory of who
signed in to which database, the command line's password (KITADESK_PASSWORT or a terminal
prompt) and the lockout delay. The sign-in itself (lockout stored per user, audited) is
ops/identity.py; whether a password is needed is the setting `anmeldung_passwort`
(default: on for the shared PostgreSQL database, off for the local SQLite file)."""

import getpass
import os
import sys
from collections.abc import Callable

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from kitadesk.errors import InputError

MIN_LENGTH = 8
ENV_PASSWORD = "KITADESK_PASSWORT"

_hasher = PasswordHasher()
_signed_in: set[tuple[str, str]] = set()  # (database, login) verified in this process


def hash_password(password: str) -> str:
    if len(password or "") < MIN_LENGTH:
        raise InputError(f"Das Passwort muss mindestens {MIN_LENGTH} Zeichen lang sein.")
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str | None) -> bool:
    if not password_hash or password is None:
        return False
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _terminal_prompt(login: str) -> str | None:
    if sys.stdin is None or not sys.stdin.isatty():
        return None
    return getpass.getpass(f"Passwort für {login}: ")


# how a missing password is asked for when no sign-in happened (the CLI); the UI signs in first
prompt: Callable[[str], str | None] = _terminal_prompt


def mark_signed_in(database: str, login: str) -> None:
    _signed_in.add((database, login))


def sign_out(database: str | None = None, login: str | None = None) -> None:
    for key in list(_signed_in):
        if (database is None or key[0] == database) and (login is None or key[1] == login):
            _signed_in.discard(key)


def is_signed_in(database: str, login: str) -> bool:
    return (database, login) in _signed_in


def given_password(login: str) -> str | None:
    """The command line's password: KITADESK_PASSWORT, else a prompt on a terminal, else None."""
    password = os.environ.get(ENV_PASSWORD)
    return password if password is not None else prompt(login)


# lockout (issue 18): from the 5th wrong password in a row the account waits, 30 s doubling
# with each further failure, at most an hour — 300 guesses take days, not seconds
LOCK_AFTER = 5
FIRST_DELAY_S = 30
MAX_DELAY_S = 3600


def lockout_delay(failures: int) -> int:
    """Seconds the account stays locked after `failures` wrong passwords in a row (0: none)."""
    if failures < LOCK_AFTER:
        return 0
    return min(MAX_DELAY_S, FIRST_DELAY_S * 2 ** min(failures - LOCK_AFTER, 12))
