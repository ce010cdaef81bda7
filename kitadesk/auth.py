"""Sign-in (issue 8). By default the Windows account name identifies the user
(config.current_user). With the setting `anmeldung_passwort = ja` a password is needed
too: argon2id hashes (argon2-cffi), checked once per process and database —
the window asks in its sign-in dialog (ops.users.sign_in), the command line takes the
environment variable KITADESK_PASSWORT or asks on the terminal."""

import getpass
import os
import sys
from collections.abc import Callable

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from kitadesk.errors import InputError, PermissionDenied

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


def check_password(database: str, login: str, password_hash: str | None, password: str | None) -> None:
    """Verify and remember the sign-in; refuse with a German message."""
    if not password_hash:
        raise PermissionDenied(
            f"Für den Benutzer „{login}“ ist kein Passwort gesetzt, die Anmeldung verlangt aber eines. "
            "Bitte die Administration bitten, ein Passwort zu setzen."
        )
    if not verify_password(password_hash, password):
        raise PermissionDenied(f"Anmeldung fehlgeschlagen: Das Passwort für „{login}“ ist falsch.")
    mark_signed_in(database, login)


def ensure_signed_in(database: str, login: str, password_hash: str | None) -> None:
    """Called by ops.base.load_actor when passwords are required."""
    if (database, login) in _signed_in:
        return
    password = os.environ.get(ENV_PASSWORD)
    if password is None:
        password = prompt(login)
    if password is None:
        raise PermissionDenied(
            f"Anmeldung mit Passwort erforderlich (Benutzer „{login}“). Auf der Kommandozeile das Passwort in "
            f"der Umgebungsvariablen {ENV_PASSWORD} angeben."
        )
    check_password(database, login, password_hash, password)
