"""What the sign-in reads of a user (issue 17: light — the record operations that `forms` pulls
in are not needed to open the window)."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from kitadesk.ops.identity import USERS, users_exist
from kitadesk.ops.identity import password_required as required


def password_required(session: Session) -> bool:
    """Sign-in needs a password: users exist and the setting `anmeldung_passwort` is 'ja' (without
    one: on PostgreSQL, ops/identity.py)."""
    return users_exist(session) and required(session)


def display_name(session: Session, login: str) -> str:
    """The user's full name for the status bar (the login if none is recorded)."""
    name = session.scalar(select(USERS.name).where(USERS.login == login))
    return name or login
