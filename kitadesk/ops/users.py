"""Users and roles (issue 8): list, add, change, deactivate, passwords, sign-in, and the
system settings (anmeldung_passwort, backup_anzahl, aufbewahrung_jahre).

Decisions: the first user recorded must be an Admin (otherwise nobody could manage users
after set-up mode ends); the last active Admin cannot be deactivated or demoted; a
Sachbearbeitung needs an SRT, Leitung and Admin may have one. Passwords are only stored as
argon2 hashes; switching password sign-in on requires that the acting Admin has one."""

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kitadesk import auth
from kitadesk.errors import InputError
from kitadesk.models import ADMIN, ROLES, SACHBEARBEITUNG, SRTS, User
from kitadesk.ops.base import Actor, load_actor, read_setting, unit_of_work
from kitadesk.store import Store


@dataclass(frozen=True)
class UserInfo:
    id: int
    version: int
    login: str
    name: str
    rolle: str
    srt: str | None
    aktiv: bool
    hat_passwort: bool


def _info(u: User) -> UserInfo:
    return UserInfo(u.id, u.version, u.login, u.name, u.rolle, u.srt, u.aktiv, bool(u.password_hash))


def _validate(rolle: str, srt: str | None) -> str | None:
    if rolle not in ROLES:
        raise InputError(f"Unbekannte Rolle „{rolle}“ (erlaubt: {', '.join(ROLES)}).")
    srt = (srt or "").strip() or None
    if srt is not None and srt not in SRTS:
        raise InputError(f"Unbekanntes SRT „{srt}“ (erlaubt: {', '.join(SRTS)}).")
    if rolle == SACHBEARBEITUNG and srt is None:
        raise InputError("Für die Rolle Sachbearbeitung muss ein SRT angegeben werden.")
    return srt


def _get(s: Session, login: str) -> User:
    user = s.scalar(select(User).where(User.login == login))
    if user is None:
        raise InputError(f"Den Benutzer „{login}“ gibt es nicht.")
    return user


def _active_admins(s: Session) -> int:
    return s.scalar(select(func.count()).select_from(User).where(User.rolle == ADMIN, User.aktiv.is_(True)))


def list_users(store: Store, user: str, include_inactive: bool = True) -> list[UserInfo]:
    with unit_of_work(store, user) as s:
        load_actor(s, user).require("lesen")
        q = select(User).order_by(User.login)
        if not include_inactive:
            q = q.where(User.aktiv.is_(True))
        return [_info(u) for u in s.scalars(q)]


def add_user(store: Store, user: str, login: str, rolle: str, srt: str | None = None, name: str = "",
             password: str | None = None) -> UserInfo:
    login = (login or "").strip()
    if not login or len(login) > 64 or any(c.isspace() for c in login):
        raise InputError("Der Anmeldename (Windows-Konto) darf nicht leer sein und keine Leerzeichen enthalten.")
    srt = _validate(rolle, srt)
    password_hash = auth.hash_password(password) if password is not None else None
    with unit_of_work(store, user) as s:
        actor = load_actor(s, user)
        actor.require("benutzer")
        if actor.setup_mode and rolle != ADMIN:
            raise InputError("Der erste Benutzer muss die Rolle Admin haben (er verwaltet danach die Benutzer).")
        if s.scalar(select(User.id).where(func.lower(User.login) == login.lower())):
            raise InputError(f"Den Benutzer „{login}“ gibt es schon.")
        new = User(login=login, name=name.strip(), rolle=rolle, srt=srt, password_hash=password_hash, aktiv=True)
        s.add(new)
        s.flush()
        return _info(new)


def change_user(store: Store, user: str, login: str, rolle: str | None = None, srt: str | None = None,
                name: str | None = None) -> UserInfo:
    with unit_of_work(store, user) as s:
        load_actor(s, user).require("benutzer")
        target = _get(s, login)
        new_role = rolle or target.rolle
        new_srt = _validate(new_role, srt if srt is not None else target.srt)
        if target.rolle == ADMIN and new_role != ADMIN and target.aktiv and _active_admins(s) <= 1:
            raise InputError(f"„{login}“ ist der letzte aktive Admin und behält die Rolle Admin.")
        target.rolle, target.srt = new_role, new_srt
        if name is not None:
            target.name = name.strip()
        s.flush()
        return _info(target)


def set_active(store: Store, user: str, login: str, active: bool) -> UserInfo:
    with unit_of_work(store, user) as s:
        load_actor(s, user).require("benutzer")
        target = _get(s, login)
        if not active and target.aktiv and target.rolle == ADMIN and _active_admins(s) <= 1:
            raise InputError(f"„{login}“ ist der letzte aktive Admin und kann nicht deaktiviert werden.")
        target.aktiv = active
        s.flush()
        return _info(target)


def deactivate_user(store: Store, user: str, login: str) -> UserInfo:
    """The user can no longer sign in; the record stays (the audit log names it)."""
    return set_active(store, user, login, False)


def set_password(store: Store, user: str, login: str, password: str | None) -> UserInfo:
    """Admin for anyone; everyone for their own account. None removes the password."""
    password_hash = auth.hash_password(password) if password is not None else None
    with unit_of_work(store, user) as s:
        actor = load_actor(s, user)
        if login != actor.login:
            actor.require("benutzer")
        target = _get(s, login)
        target.password_hash = password_hash
        s.flush()
        auth.sign_out(login=login)
        return _info(target)


def sign_in(store: Store, login: str, password: str | None = None) -> Actor:
    """Check the user (and the password if the setting asks for one); later ops by this
    process for this database and user pass without asking again."""
    with unit_of_work(store, login) as s:
        count = s.scalar(select(func.count()).select_from(User))
        user = s.scalar(select(User).where(User.login == login, User.aktiv.is_(True)))
        if count and user is not None and read_setting(s, "anmeldung_passwort") == "ja":
            auth.check_password(store.describe(), login, user.password_hash, password)
        return load_actor(s, login)


def set_system_setting(store: Store, user: str, name: str, value: str) -> None:
    """anmeldung_passwort (ja/nein), backup_anzahl, aufbewahrung_jahre — right `einstellungen`
    (the one settings operation, with its guard against locking the office out)."""
    from kitadesk.ops.settings import set_setting

    set_setting(store, user, name, value)


def get_system_setting(store: Store, user: str, name: str) -> str:
    with unit_of_work(store, user) as s:
        load_actor(s, user).require("lesen")
        return read_setting(s, name)
