"""Reading and writing office settings inside an open session (the `settings` table).

Only values that differ from the registry's default are stored (domain/settings.py); reading an
absent name gives the default. Rights and audit belong to the calling operation
(`ops.settings.set_setting`); the session hooks write the audit entry of every change.
"""

from sqlalchemy import select
from sqlalchemy.orm import Session

from kitadesk.domain.settings import BY_NAME, SETTINGS, Auslegungen, find
from kitadesk.errors import InputError
from kitadesk.models import SettingValue
from kitadesk.ops import identity


def stored_values(session: Session) -> dict[str, str]:
    return dict(session.execute(select(SettingValue.name, SettingValue.value)).all())


def load_auslegungen(session: Session) -> Auslegungen:
    """The Auslegungen in force (stored values over the registry's defaults)."""
    return Auslegungen({name: value for name, value in stored_values(session).items() if name in BY_NAME})


def read_setting(session: Session, name: str) -> str:
    """Any registered setting; the default where none is stored (sign-in with password: the
    default depends on the database — on for the shared PostgreSQL, off for SQLite)."""
    setting = _known(name)
    stored = session.scalar(select(SettingValue.value).where(SettingValue.name == setting.name))
    if stored is None and setting.name == identity.PASSWORD_SETTING:
        return identity.password_default(session)
    return stored if stored is not None else setting.default


def read_int_setting(session: Session, name: str) -> int:
    try:
        return int(read_setting(session, name))
    except ValueError:
        return int(SETTINGS[name].default)


def validate(name: str, value: str) -> str:
    """The cleaned value, or InputError with the allowed values (German)."""
    try:
        return _known(name).validate(value)
    except ValueError as exc:
        raise InputError(str(exc)) from exc


def write_setting(session: Session, name: str, value: str) -> str:
    """Validate and store; the default removes the row. Returns the stored (clean) value."""
    clean = validate(name, value)
    store_value(session, name, clean, stored_default(name))
    return clean


def stored_default(name: str) -> str | None:
    """The value whose row is dropped as "default" — none for the sign-in setting, whose default
    differs by database (the explicit choice is kept)."""
    return None if name == identity.PASSWORD_SETTING else SETTINGS[name].default


def store_value(session: Session, name: str, clean: str, default: str | None) -> None:
    """Write an already validated value (also used for the letters' text blocks)."""
    row = session.scalar(select(SettingValue).where(SettingValue.name == name))
    if clean == default:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(SettingValue(name=name, value=clean))
    elif row.value != clean:
        row.value = clean


def _known(name: str):
    try:
        return find(name)
    except ValueError as exc:
        raise InputError(str(exc)) from exc
