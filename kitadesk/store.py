"""Open the database, create/upgrade it with Alembic (backup copy of an SQLite file first).

`open_store(url, need=…)` opens it for a command and turns the usual mistakes into German
KitaDeskErrors that say what to do: an unknown URL scheme, an SQLite file in a missing folder
or not there yet, a database not set up (or older/newer than the program), an unreachable
or refusing PostgreSQL server. Only `init` (and `restore`) may create a database.
"""

import re
import shutil
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, InterfaceError, OperationalError

from kitadesk import config
from kitadesk.errors import ConcurrentChange, DatabaseUnavailable, KitaDeskError
from kitadesk.models.session import make_engine, make_session_factory

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> "Config":
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


_REVISION_LINE = re.compile(r"^(down_revision|revision)\b[^=\n]*=\s*['\"]?([\w-]+|None)['\"]?\s*$", re.M)


@cache
def known_revisions() -> dict[str, str | None]:
    """Revision → its predecessor, read from the text of migrations/versions (a linear chain).
    Start-up checks the schema without importing Alembic (~1/3 of the window's import time,
    issue 17); Alembic itself only runs an upgrade."""
    chain: dict[str, str | None] = {}
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found = dict((key, value) for key, value in _REVISION_LINE.findall(path.read_text(encoding="utf-8")))
        if "revision" in found:
            down = found.get("down_revision")
            chain[found["revision"]] = None if down in (None, "None") else down
    return chain


def head_revision() -> str:
    chain = known_revisions()
    heads = set(chain) - set(chain.values())
    if len(heads) != 1:
        raise KitaDeskError(f"Die Migrationen des Programms sind uneindeutig ({', '.join(sorted(heads))}).")
    return heads.pop()


def current_revision(engine: Engine) -> str | None:
    """The database's schema revision (Alembic's version table), None for an empty database."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def needs_upgrade(engine: Engine) -> bool:
    return current_revision(engine) != head_revision()


def check_not_newer(engine: Engine) -> None:
    rev = current_revision(engine)
    if rev is not None and rev not in known_revisions():
        raise KitaDeskError(
            f"Die Datenbank hat einen neueren Stand ({rev}) als dieses Programm ({head_revision()}). "
            "Bitte KitaDesk aktualisieren."
        )


def upgrade(engine: Engine, backup: bool = True) -> Path | None:
    """Create or upgrade to head. Returns the path of the safety copy (SQLite), if one was made."""
    check_not_newer(engine)
    copy = None
    db_file = config.sqlite_file(str(engine.url))
    if backup and db_file and db_file.exists() and current_revision(engine) not in (None, head_revision()):
        copy = db_file.with_name(f"{db_file.name}.vor-upgrade-{datetime.now():%Y%m%d-%H%M%S}")
        engine.dispose()
        shutil.copy2(db_file, copy)
    from alembic import command

    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return copy


URL_HELP = ("erlaubt sind ein Dateipfad oder sqlite:///PFAD (eingebettete Datenbank) und "
            "postgresql://BENUTZER@SERVER/DATENBANK (gemeinsame Datenbank)")
CREATE, EXISTS, READY = "create", "exists", "ready"  # what a command needs of the database
RESTORE = "restore"  # like CREATE, also into a new folder or a PostgreSQL database not created yet (new PC)


def check_url(url: str, need: str = "ready") -> None:
    """A URL KitaDesk can use, else a German error naming the allowed forms. For CREATE (init,
    restore onto a new PC) a missing folder of the SQLite file is created."""
    try:
        backend = make_url(url).get_backend_name()
    except ArgumentError:
        backend = None
    if backend not in ("sqlite", "postgresql"):
        raise KitaDeskError(f"Die Datenbank-Adresse „{url}“ kennt KitaDesk nicht: {URL_HELP}.")
    db_file = config.sqlite_file(url)
    if db_file is not None and need == RESTORE and not db_file.parent.exists():
        db_file.parent.mkdir(parents=True, exist_ok=True)
    if db_file is not None and not db_file.parent.is_dir():
        raise KitaDeskError(f"Der Ordner „{db_file.parent}“ für die Datenbank existiert nicht: bitte den Pfad "
                            "prüfen oder den Ordner anlegen.")


def connection_problem(store: "Store", exc: Exception) -> str:
    """German text for a failed connection (no driver text): what happened and what to check."""
    where = store.describe()
    if store.engine.dialect.name == "sqlite":
        return (f"Die Datei {config.sqlite_file(store.url)} ist keine lesbare KitaDesk-Datenbank (beschädigt, "
                "keine SQLite-Datei oder keine Berechtigung). Eine Sicherung zurückspielen: kitadesk restore DATEI.")
    url = store.engine.url
    server = f"{url.host or 'localhost'}:{url.port or 5432}"
    orig = getattr(exc, "orig", exc)
    state = getattr(orig, "sqlstate", None) or ""
    text = str(orig)
    if state in ("28P01", "28000") or "authentication failed" in text or "no password supplied" in text:
        return (f"Der PostgreSQL-Server {server} lehnt die Anmeldung als „{url.username}“ ab: stimmen Benutzer und "
                "Passwort (in der Adresse oder in der Passwortdatei pgpass)?")
    if state == "3D000" or (f'database "{url.database}" does not exist' in text):
        return (f"Die Datenbank „{url.database}“ gibt es auf dem PostgreSQL-Server {server} nicht: bitte den Namen "
                "prüfen oder sie von der IT anlegen lassen (danach kitadesk init).")
    return (f"Der PostgreSQL-Server {server} ist nicht erreichbar: läuft er? Stimmen Host und Port? Besteht eine "
            f"Netzwerkverbindung? (Datenbank: {where})")


def _database_missing(store: "Store", exc: Exception) -> bool:
    orig = getattr(exc, "orig", exc)
    return getattr(orig, "sqlstate", None) == "3D000" or f'database "{store.engine.url.database}" does not exist' in str(orig)


def unavailable(exc: BaseException) -> DatabaseUnavailable | None:
    """A lost or refused connection met during work, as a German error with advice; None for
    any other exception (those are bugs, reported as internal errors)."""
    if not isinstance(exc, OperationalError | InterfaceError):
        return None
    if "sqlite" in type(getattr(exc, "orig", exc)).__module__:
        return DatabaseUnavailable("Die Datenbank-Datei ließ sich gerade nicht lesen oder schreiben (gesperrt, "
                                   "Netzlaufwerk getrennt, Datenträger voll?). Bitte erneut versuchen; nichts wurde "
                                   "gespeichert. Details im Protokoll.")
    return DatabaseUnavailable("Die Verbindung zum PostgreSQL-Server ist unterbrochen: läuft er? Besteht die "
                               "Netzwerkverbindung? Bitte erneut versuchen; nichts wurde gespeichert. Details im Protokoll.")


def open_store(url: str, need: str = READY, init_command: str = "kitadesk init") -> "Store":
    """Open `url` for a command. need: CREATE (init/restore may make it), EXISTS (it must be
    there, any schema), READY (there and at the program's schema). Raises KitaDeskError."""
    check_url(url, need)
    db_file = config.sqlite_file(url)
    if need not in (CREATE, RESTORE) and db_file is not None and not db_file.exists():
        raise KitaDeskError(f"Die Datenbank {db_file} gibt es noch nicht: mit „{init_command}“ anlegen "
                            "(oder mit --db eine andere Datenbank wählen).")
    store = Store(url)
    try:
        revision = current_revision(store.engine)
    except DBAPIError as exc:
        store.dispose()
        if need == RESTORE and _database_missing(store, exc):
            return store  # restore creates it (ops/backup.py)
        raise KitaDeskError(connection_problem(store, exc)) from None
    if need == READY:
        try:
            check_not_newer(store.engine)
        except KitaDeskError:
            store.dispose()
            raise
        if revision is None:
            store.dispose()
            raise KitaDeskError(f"Die Datenbank {store.describe()} ist noch nicht eingerichtet: „{init_command}“.")
        if revision != head_revision():
            store.dispose()
            raise KitaDeskError(f"Die Datenbank {store.describe()} hat einen älteren Stand ({revision}): "
                                f"„{init_command}“ bringt sie auf den Stand dieses Programms (vorher eine Sicherung).")
    return store


BUSY_MESSAGE = ("Die Datenbank ist gerade belegt (eine andere Arbeitsplatz schreibt) – bitte gleich noch einmal "
                "versuchen. Es wurde nichts gespeichert.")

# table → what a doubled record is called (messages of unique constraints, issue 18)
RECORD_LABELS = {
    "carers": "Tagespflegeperson", "children": "Kind", "families": "Familie", "absences": "Abwesenheit",
    "fortbildungen": "Fortbildung", "monatsmeldungen": "Monatsmeldung", "sonderbetraege": "Sonderbetrag",
    "erstattungsnachweise": "Nachweis", "family_incomes": "Einkommen der Familie",
    "child_statuses": "Status des Kindes", "letters": "Brief im Archiv", "placement_versions": "Betreuungsfassung",
    "users": "Benutzer", "settings": "Einstellung", "payout_runs": "Auszahlungslauf",
    "zusammenschluesse": "Großtagespflege", "srt_offices": "SRT-Kontakt", "fee_tables": "Beitragstabelle",
    "rate_tables": "Satztabelle",
}


def _is_busy(exc: DBAPIError) -> bool:
    orig = exc.orig
    code = getattr(orig, "sqlstate", None)
    if code in ("55P03", "40P01"):  # PostgreSQL lock_not_available (lock_timeout), deadlock
        return True
    text_ = str(orig).lower()
    return "database is locked" in text_ or "database table is locked" in text_ or "lock timeout" in text_


def _doubled(exc: IntegrityError) -> str:
    """What was doubled where, from the driver's message (SQLite: table.columns; PostgreSQL:
    constraint name and DETAIL with the values)."""
    raw = str(exc.orig)
    table, detail = None, ""
    m = re.search(r"UNIQUE constraint failed: (\w+)\.", raw)
    if m:
        table = m.group(1)
    m = re.search(r'unique constraint "(?:uq|ix|pk)_(\w+)"', raw)
    if m and table is None:
        table = next((t for t in sorted(RECORD_LABELS, key=len, reverse=True) if m.group(1).startswith(t + "_")),
                     m.group(1))
    m = re.search(r"DETAIL:\s+Key \((.*?)\)=\((.*?)\) already exists", raw)
    if m:
        detail = f" ({m.group(1)} = {m.group(2)})"
    return f"{RECORD_LABELS.get(table, table or 'Datensatz')}{detail}"


def translate_db_error(exc: BaseException) -> KitaDeskError | None:
    """A German message for what another desk did at the same moment: a lock held too long
    (busy), or a record that another desk created first (unique constraint). None otherwise."""
    unique = "unique" in str(getattr(exc, "orig", "")).lower() or getattr(getattr(exc, "orig", None), "sqlstate",
                                                                          None) == "23505"
    if isinstance(exc, IntegrityError) and unique:
        return ConcurrentChange(
            f"Doppelter Eintrag: {_doubled(exc)} gibt es schon – vermutlich hat ein anderer Arbeitsplatz ihn "
            "gerade angelegt. Es wurde nichts gespeichert; bitte neu laden und prüfen."
        )
    if isinstance(exc, DBAPIError) and _is_busy(exc):
        return KitaDeskError(BUSY_MESSAGE)
    return None


class Store:
    """An open database: engine + session factory; `session(user)` stamps changes with the user."""

    def __init__(self, url: str):
        self.url = url
        kw = {}
        if url.startswith("postgresql") and "connect_timeout" not in url:
            kw["connect_args"] = {"connect_timeout": 10}  # an unreachable server answers within seconds
        self.engine = make_engine(url, **kw)
        self._factory = make_session_factory(self.engine)

    @classmethod
    def open(cls, url: str | None = None) -> "Store":
        return cls(config.database_url(url))

    def session(self, user: str = "system"):
        session = self._factory()
        session.info["user"] = user
        return session

    def describe(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def dispose(self) -> None:
        self.engine.dispose()
