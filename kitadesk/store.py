"""Open the database, create/upgrade it with Alembic (backup copy of an SQLite file first)."""

import re
import shutil
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError

from kitadesk import config
from kitadesk.errors import ConcurrentChange, KitaDeskError
from kitadesk.models.session import make_engine, make_session_factory

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def needs_upgrade(engine: Engine) -> bool:
    return current_revision(engine) != head_revision()


def check_not_newer(engine: Engine) -> None:
    rev = current_revision(engine)
    script = ScriptDirectory.from_config(alembic_config())
    if rev is not None and script.get_revision(rev) is None:
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
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return copy


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
        self.engine = make_engine(url)
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
