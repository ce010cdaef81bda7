"""Identity (issue 18 item 2): whether a password is needed, the sign-in with lockout, set-up
mode, and the four-eyes block of an account. ops.base.load_actor asks these; see its module
docstring for the rules.

- Password sign-in: the setting `anmeldung_passwort`; where the office stored none, ON for the
  shared PostgreSQL database and OFF for the local SQLite file. `--user`/`KITADESK_USER` (or
  the OS account) only name the account; the password comes from the sign-in dialog, from
  KITADESK_PASSWORT or from a terminal prompt.
- Lockout: wrong passwords in a row are counted per user (`fehlversuche`), from the 5th on the
  account waits (`gesperrt_bis`, auth.lockout_delay: 30 s doubling, at most 1 h). The count is
  committed in its own transaction (the refused operation itself rolls back) and audited as
  every change of the users table; a correct password or a new one set by the Admin resets it.
"""

from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from kitadesk import auth
from kitadesk.errors import PermissionDenied
from kitadesk.models import SETUP_DONE, SettingValue, User
from kitadesk.models.session import now

PASSWORD_SETTING = "anmeldung_passwort"
FOUR_EYES = frozenset({"auszahlung_abschliessen", "saetze_bestaetigen"})  # releasing money

EMPTIED = ("Die Benutzertabelle ist leer, obwohl in dieser Datenbank schon Benutzer angelegt waren – niemand "
           "darf etwas tun. Notfallzugang: „kitadesk users notfall-admin LOGIN --passwort“ mit dem Zugang des "
           "Datenbank-Eigentümers (siehe README, Abschnitt Benutzer und Rechte).")


USERS = User.__table__.c  # Core columns: signing in and every op's actor configure no ORM mappers
SETTINGS = SettingValue.__table__.c  # (issue 17: ~60 ms of the start to a usable window)


@dataclass(frozen=True)
class UserFacts:
    """What the sign-in, the actor and the four-eyes block read of an active user."""

    login: str
    rolle: str
    srt: str | None
    password_hash: str | None
    fehlversuche: int
    gesperrt_bis: datetime | None
    rolle_gesetzt_von: str | None
    rolle_gesetzt_am: datetime | None
    passwort_gesetzt_von: str | None


def user_facts(session: Session, login: str) -> UserFacts | None:
    """The active user `login` (None: not recorded or locked out by the Admin)."""
    row = session.execute(select(*(USERS[f.name] for f in fields(UserFacts))).where(
        USERS.login == login, USERS.aktiv.is_(True))).first()
    return None if row is None else UserFacts(*row)


def users_exist(session: Session) -> bool:
    return bool(session.scalar(select(func.count()).select_from(User.__table__)))


def database_of(session: Session) -> str:
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    return engine.url.render_as_string(hide_password=True)


def password_default(session: Session) -> str:
    return "ja" if session.get_bind().dialect.name == "postgresql" else "nein"


def password_required(session: Session) -> bool:
    stored = session.scalar(select(SETTINGS.value).where(SETTINGS.name == PASSWORD_SETTING))
    return (stored if stored is not None else password_default(session)) == "ja"


def setup_done(session: Session) -> bool:
    """True once a user was ever recorded in this database (models.session writes the row)."""
    return session.scalar(select(SETTINGS.id).where(SETTINGS.name == SETUP_DONE)) is not None


def ensure_signed_in(session: Session, user: UserFacts) -> None:
    """The command line's way (the window signs in first): KITADESK_PASSWORT or a prompt."""
    database = database_of(session)
    if auth.is_signed_in(database, user.login):
        return
    password = auth.given_password(user.login)
    if password is None:
        raise PermissionDenied(
            f"Anmeldung mit Passwort erforderlich (Benutzer „{user.login}“). Auf der Kommandozeile das Passwort "
            f"in der Umgebungsvariablen {auth.ENV_PASSWORD} angeben oder im Terminal eingeben.")
    check_password(session, user, password)


def check_password(session: Session, user: UserFacts, password: str | None) -> None:
    """Verify against the stored hash, honour and record the lockout; remember the sign-in."""
    login = user.login
    if user.gesperrt_bis is not None and user.gesperrt_bis > now():
        raise PermissionDenied(
            f"Anmeldung für „{login}“ gesperrt bis {user.gesperrt_bis:%d.%m.%Y %H:%M:%S} nach {user.fehlversuche} "
            "falschen Passwörtern hintereinander. Bitte später erneut versuchen oder die Administration bitten, "
            "ein neues Passwort zu setzen.")
    if not user.password_hash:
        raise PermissionDenied(
            f"Für den Benutzer „{login}“ ist kein Passwort gesetzt, die Anmeldung verlangt aber eines. "
            "Bitte die Administration bitten, ein Passwort zu setzen.")
    ok = auth.verify_password(user.password_hash, password)
    if ok and not user.fehlversuche and user.gesperrt_bis is None:
        auth.mark_signed_in(database_of(session), login)
        return
    failures = _record(session, login, ok)
    if not ok:
        wait = auth.lockout_delay(failures)
        more = f" Das Konto ist für {wait} Sekunden gesperrt ({failures} Fehlversuche)." if wait else ""
        raise PermissionDenied(f"Anmeldung fehlgeschlagen: Das Passwort für „{login}“ ist falsch.{more}")
    auth.mark_signed_in(database_of(session), login)


def _record(session: Session, login: str, ok: bool) -> int:
    """Count (or reset) the failures in a transaction of its own; → failures in a row now."""
    with Session(session.get_bind()) as own:
        own.info["user"] = login
        row = own.scalar(select(User).where(User.login == login).with_for_update())
        assert row is not None, "only called for an existing login"
        row.fehlversuche = 0 if ok else row.fehlversuche + 1
        wait = auth.lockout_delay(row.fehlversuche)
        row.gesperrt_bis = now() + timedelta(seconds=wait) if wait else None
        own.commit()
        failures = row.fehlversuche
    for obj in session.identity_map.values():  # the caller's copy is stale now
        if isinstance(obj, User) and obj.login == login:
            session.expire(obj)
    return failures


def four_eyes_block(user: UserFacts, passwords: bool, today: date) -> str | None:
    """Why this account may not release money today (FOUR_EYES rights), or None. See ops/base.py."""
    by, at = user.rolle_gesetzt_von, user.rolle_gesetzt_am
    if by and by != user.login and at is not None and at.date() == today:
        return (f"Vier-Augen-Prinzip: Die Rolle des Kontos „{user.login}“ hat „{by}“ heute gesetzt – "
                "Auszahlungen abschließen und Sätze bestätigen kann dieses Konto erst ab morgen.")
    by = user.passwort_gesetzt_von
    if passwords and by and by != user.login:
        return (f"Vier-Augen-Prinzip: Das Passwort des Kontos „{user.login}“ hat „{by}“ vergeben – vor dem "
                "Abschließen von Auszahlungen oder Bestätigen von Sätzen bitte zuerst selbst ein eigenes Passwort "
                f"setzen (Einstellungen → Passwort, oder „kitadesk users passwort {user.login}“).")
    return None
