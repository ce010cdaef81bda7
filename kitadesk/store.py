"""Open the database, create/upgrade it with Alembic (backup copy of an SQLite file first)."""

import shutil
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from kitadesk import config
from kitadesk.errors import KitaDeskError
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
