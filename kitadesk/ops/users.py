"""Users and roles (issue 8): list, add, change, deactivate, passwords, sign-in, and the
system settings (anmeldung_passwort, backup_anzahl, aufbewahrung_jahre).

Decisions: the first user recorded must be an Admin (otherwise nobody could manage users
after set-up mode ends); the last active Admin cannot be deactivated or demoted; a
Sachbearbeitung needs an SRT, Leitung and Admin may have one. Passwords are only stored as
argon2 hashes; switching password sign-in on requires that the acting Admin has one.
Issue 18: who set an account's role and password, and when, is stored on the account (the
four-eyes rule of ops/base.py); with password sign-in on, the first Admin needs a password;
`recover_admin` is the way back after the users table was emptied."""

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kitadesk import auth
from kitadesk.errors import InputError, PermissionDenied
from kitadesk.models import ADMIN, ROLES, SACHBEARBEITUNG, SRTS, User
from kitadesk.models.session import now
from kitadesk.ops import identity
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
    return s.scalar(select(func.count()).select_from(User).where(User.rolle == ADMIN, User.aktiv.is_(True))) or 0


def list_users(store: Store, user: str, include_inactive: bool = True) -> list[UserInfo]:
    with unit_of_work(store, user) as s:
        load_actor(s, user).require("lesen")
        q = select(User).order_by(User.login)
        if not include_inactive:
            q = q.where(User.aktiv.is_(True))
        return [_info(u) for u in s.scalars(q)]


def _check_login(login: str) -> str:
    login = (login or "").strip()
    if not login or len(login) > 64 or any(c.isspace() for c in login):
        raise InputError("Der Anmeldename (Windows-Konto) darf nicht leer sein und keine Leerzeichen enthalten.")
    return login


def _stamp_role(target: User, by: str) -> None:
    target.rolle_gesetzt_von, target.rolle_gesetzt_am = by, now()


def _stamp_password(target: User, by: str, password_hash: str | None) -> None:
    target.password_hash = password_hash
    target.passwort_gesetzt_von, target.passwort_gesetzt_am = (by, now()) if password_hash else (None, None)
    target.fehlversuche, target.gesperrt_bis = 0, None  # a new password ends a lockout


def add_user(store: Store, user: str, login: str, rolle: str, srt: str | None = None, name: str = "",
             password: str | None = None) -> UserInfo:
    login = _check_login(login)
    srt = _validate(rolle, srt)
    password_hash = auth.hash_password(password) if password is not None else None
    with unit_of_work(store, user) as s:
        actor = load_actor(s, user)
        actor.require("benutzer")
        if actor.setup_mode and rolle != ADMIN:
            raise InputError("Der erste Benutzer muss die Rolle Admin haben (er verwaltet danach die Benutzer).")
        if actor.setup_mode and password_hash is None and identity.password_required(s):
            raise InputError("Die Anmeldung verlangt ein Passwort (gemeinsame Datenbank): der erste Admin braucht "
                             "eines – bitte mit Passwort anlegen (kitadesk users add … --passwort).")
        if s.scalar(select(User.id).where(func.lower(User.login) == login.lower())):
            raise InputError(f"Den Benutzer „{login}“ gibt es schon.")
        new = User(login=login, name=name.strip(), rolle=rolle, srt=srt, aktiv=True)
        _stamp_role(new, actor.login)
        _stamp_password(new, actor.login, password_hash)
        s.add(new)
        s.flush()
        return _info(new)


def recover_admin(store: Store, user: str, login: str, password: str) -> UserInfo:
    """The way back when no active Admin is left (e.g. the users table was emptied): records
    `login` as Admin with a password. Allowed only then; on PostgreSQL only with the database
    owner's or kitadesk_verwaltung's access (the app role may not write users)."""
    login = _check_login(login)
    password_hash = auth.hash_password(password)
    with unit_of_work(store, user) as s:
        if _active_admins(s):
            raise PermissionDenied("Es gibt aktive Admins – der Notfallzugang ist nur ohne aktiven Admin möglich.")
        target = s.scalar(select(User).where(func.lower(User.login) == login.lower()))
        if target is None:
            target = User(login=login, name="", rolle=ADMIN, srt=None)
            s.add(target)
        target.rolle, target.aktiv = ADMIN, True
        _stamp_role(target, f"Notfallzugang ({user})")
        _stamp_password(target, login, password_hash)
        s.flush()
        return _info(target)


def change_user(store: Store, user: str, login: str, rolle: str | None = None, srt: str | None = None,
                name: str | None = None) -> UserInfo:
    with unit_of_work(store, user) as s:
        actor = load_actor(s, user)
        actor.require("benutzer")
        target = _get(s, login)
        new_role = rolle or target.rolle
        new_srt = _validate(new_role, srt if srt is not None else target.srt)
        if target.rolle == ADMIN and new_role != ADMIN and target.aktiv and _active_admins(s) <= 1:
            raise InputError(f"„{login}“ ist der letzte aktive Admin und behält die Rolle Admin.")
        if new_role != target.rolle:
            _stamp_role(target, actor.login)
        target.rolle, target.srt = new_role, new_srt
        if name is not None:
            target.name = name.strip()
        s.flush()
        return _info(target)


def set_active(store: Store, user: str, login: str, active: bool) -> UserInfo:
    with unit_of_work(store, user) as s:
        actor = load_actor(s, user)
        actor.require("benutzer")
        target = _get(s, login)
        if not active and target.aktiv and target.rolle == ADMIN and _active_admins(s) <= 1:
            raise InputError(f"„{login}“ ist der letzte aktive Admin und kann nicht deaktiviert werden.")
        if active and not target.aktiv:
            _stamp_role(target, actor.login)  # re-activated: as good as a new account (four eyes)
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
        _stamp_password(target, actor.login, password_hash)
        s.flush()
        auth.sign_out(login=login)
        return _info(target)


def sign_in(store: Store, login: str, password: str | None = None) -> Actor:
    """Check the user (and the password if the setting asks for one); later ops by this
    process for this database and user pass without asking again."""
    with unit_of_work(store, login) as s:
        user = identity.user_facts(s, login)
        if user is not None and identity.password_required(s):
            identity.check_password(s, user, password)
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
