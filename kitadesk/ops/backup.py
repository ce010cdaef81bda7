"""Backup and restore (interfaces.md §2, issue 8), permission `sicherung`.

- SQLite: sqlite3's online backup API — a consistent copy while the app (also other
  processes) keeps working; restore copies the pages back the same way (also under WAL).
- PostgreSQL: pg_dump / pg_restore in custom format, found in PATH or
  /usr/lib/postgresql/*/bin (Windows: C:\\Program Files\\PostgreSQL\\*\\bin); the newest
  version wins. Restore runs in one transaction (all or nothing).
- Restore refuses a backup of a newer schema (an Alembic revision this program does not
  know) and a backup of the other database kind; it first makes a safety copy of the
  current database, then upgrades an older backup to this program's schema.
- `auto_backup(store)`: the daily backup of the embedded database at start-up, into
  user_data_dir/Sicherungen, one file per day, the newest `backup_anzahl` kept (default 14).
"""

import logging
import os
import re
import sqlite3
import tempfile
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import insert, select

from kitadesk import config
from kitadesk.errors import KitaDeskError
from kitadesk.models import AuditEntry, User
from kitadesk.models.base import table_of
from kitadesk.models.session import lock_wait_seconds, now
from kitadesk.ops import backup_checks as checks
from kitadesk.ops import backup_pg as pg
from kitadesk.ops.backup_pg import RESTORE_LIMIT, busy_restore_message, find_pg_tool
from kitadesk.ops.base import load_actor, read_int_setting, unit_of_work
from kitadesk.store import Store, alembic_config, current_revision, head_revision, upgrade

log = logging.getLogger("kitadesk.backup")

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"
AUTO_PATTERN = re.compile(r"^kitadesk-(\d{4}-\d{2}-\d{2})\.sqlite3$")
SAFETY_PREFIX = "kitadesk-vor-wiederherstellung-"
RESTORED = "Wiederherstellung"  # aktion of the audit entry a restore leaves in the restored database


@dataclass(frozen=True)
class BackupResult:
    path: Path
    kind: str  # sqlite | postgresql
    revision: str | None
    size: int


@dataclass(frozen=True)
class RestoreResult:
    source: Path
    safety_copy: Path | None  # None: restored into a new database (nothing to keep)
    revision: str | None  # schema revision of the backup (before upgrading)
    upgraded: bool
    created: bool = False  # the database did not exist yet (the new-PC case)


def backups_dir() -> Path:
    return config.data_dir() / "Sicherungen"


def _sqlite_path(store: Store) -> Path | None:
    return config.sqlite_file(store.url)


def _sqlite_file(store: Store) -> Path:
    """The SQLite file of a store known to be one (_kind checked it)."""
    path = _sqlite_path(store)
    if path is None:
        raise KitaDeskError("Eine Datenbank im Arbeitsspeicher kann nicht gesichert werden.")
    return path


def _kind(store: Store) -> str:
    if store.engine.dialect.name == "sqlite":
        if _sqlite_path(store) is None:
            raise KitaDeskError("Eine Datenbank im Arbeitsspeicher kann nicht gesichert werden.")
        return "sqlite"
    if store.engine.dialect.name == "postgresql":
        return "postgresql"
    raise KitaDeskError(f"Sicherung für die Datenbankart {store.engine.dialect.name} wird nicht unterstützt.")


def _check_right(store: Store, user: str) -> None:
    with unit_of_work(store, user) as s:
        load_actor(s, user).require("sicherung")


# --- SQLite -----------------------------------------------------------------------------------

def _sqlite_copy(source: Path, target: Path) -> None:
    """Online backup into a temporary file beside the target, then an atomic rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=target.name + ".", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        src = sqlite3.connect(source, timeout=30)
        dst = sqlite3.connect(tmp)
        try:
            src.execute("PRAGMA busy_timeout=30000")
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        finally:
            dst.close()
            src.close()
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)


def _sqlite_revision(path: Path) -> str | None:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        finally:
            conn.close()
    except (sqlite3.Error, TypeError) as exc:
        raise KitaDeskError(f"Die Datei {path} ist keine KitaDesk-Sicherung ({exc}).") from exc


def _sqlite_restore(source: Path, db_file: Path) -> None:
    """Copy the backup's pages into the database in one write transaction; give up after the
    lock wait time when other desks hold the lock (the backup API itself would retry for ever)."""
    limit = lock_wait_seconds()
    deadline = time.monotonic() + limit

    def give_up_when_late(status, _remaining, _total):
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and time.monotonic() > deadline:
            raise TimeoutError

    db_file.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(db_file, timeout=limit)
    try:
        dst.execute(f"PRAGMA busy_timeout={int(limit * 1000)}")
        src.backup(dst, progress=give_up_when_late, sleep=0.05)
    except (TimeoutError, sqlite3.OperationalError) as exc:
        raise KitaDeskError(busy_restore_message(limit)) from exc
    finally:
        dst.close()
        src.close()


# --- public API ---------------------------------------------------------------------------------

def _revision_of(store: Store) -> str | None:
    from kitadesk.store import current_revision

    return current_revision(store.engine)


def _write_backup(store: Store, target: Path) -> BackupResult:
    kind = _kind(store)
    if kind == "sqlite":
        _sqlite_copy(_sqlite_file(store), target)
    else:
        pg.dump(store, target)
    return BackupResult(target, kind, _revision_of(store), target.stat().st_size)


def backup(store: Store, user: str, target: str | Path) -> BackupResult:
    """A consistent full backup into `target` (SQLite file or pg_dump custom format)."""
    _check_right(store, user)
    checks.refuse_database_itself(Path(target), _sqlite_path(store) if _kind(store) == "sqlite" else None)
    target = Path(target).resolve()
    if target.is_dir():
        raise KitaDeskError(f"{target} ist ein Ordner — bitte einen Dateinamen angeben.")
    result = _write_backup(store, target)
    checks.write_checksum(target)  # restore refuses the file once a byte of it changed
    log.info("Sicherung %s von %s durch %s", target, store.describe(), user)
    return result


def backup_kind(path: Path) -> str:
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise KitaDeskError(f"Die Sicherung {path} lässt sich nicht lesen ({exc.strerror}).") from exc
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_MAGIC):
        return "postgresql"
    raise KitaDeskError(f"Die Datei {path} ist keine KitaDesk-Sicherung (weder SQLite noch pg_dump-Format).")


def check_revision(revision: str | None, source: Path) -> None:
    """Refuse a backup made by a newer KitaDesk (its schema revision is unknown here)."""
    from alembic.script import ScriptDirectory

    if revision is None:
        raise KitaDeskError(f"Die Sicherung {source} enthält keinen Schema-Stand — keine KitaDesk-Datenbank?")
    try:
        known = ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except Exception:  # alembic raises for unknown ids
        known = False
    if not known:
        raise KitaDeskError(
            f"Die Sicherung {source.name} stammt von einer neueren KitaDesk-Version (Schema-Stand {revision}, "
            f"dieses Programm kennt höchstens {head_revision()}). Bitte zuerst KitaDesk aktualisieren — "
            "es wurde nichts verändert."
        )


def _is_new(store: Store) -> bool:
    """No KitaDesk database there yet (the new-PC case); a missing PostgreSQL database is created."""
    if store.engine.dialect.name == "postgresql" and pg.create_database(store):
        return True
    db_file = _sqlite_path(store)
    if db_file is not None and (not db_file.exists() or db_file.stat().st_size == 0):
        return True
    return current_revision(store.engine) is None


def _live_users(store: Store) -> list[dict]:
    with store.session() as s:
        return [dict(zip(checks.USER_COLUMNS, row)) for row in s.execute(
            select(User.login, User.rolle, User.srt, User.password_hash, User.aktiv))]


def _check_backup(store: Store, kind: str, source: Path) -> tuple[list[dict], str | None]:
    """Whole and ours: checksum, integrity/listing, users table, known schema revision."""
    checks.verify_checksum(source)
    if kind == "sqlite":
        users, revision = checks.check_sqlite_backup(source), _sqlite_revision(source)
    else:
        users = checks.check_pg_backup(find_pg_tool("pg_restore"), source, RESTORE_LIMIT * lock_wait_seconds())
        revision = pg.revision(source)
    check_revision(revision, source)
    return users, revision


def _safety_copy(store: Store, kind: str, safety_dir: str | Path | None) -> Path:
    """A copy of the current state before it is replaced; only the newest `backup_anzahl` kept."""
    if safety_dir is None:
        db_file = _sqlite_path(store)
        safety_dir = db_file.parent if db_file else backups_dir()
    ext = ".sqlite3" if kind == "sqlite" else ".dump"
    safety = Path(safety_dir) / f"{SAFETY_PREFIX}{datetime.now():%Y%m%d-%H%M%S}{ext}"
    _write_backup(store, safety)
    checks.write_checksum(safety)
    with store.session() as s:
        keep = read_int_setting(s, "backup_anzahl")
    checks.prune(Path(safety_dir), f"{SAFETY_PREFIX}*{ext}", keep)
    return safety


def _audit_restore(store: Store, user: str, source: Path, safety: Path | None, revision: str | None) -> None:
    with unit_of_work(store, user) as s:
        s.execute(insert(table_of(AuditEntry)).values(
            zeit=now(), benutzer=user, tabelle="datenbank", datensatz_id=None, aktion=RESTORED, alt=None,
            neu={"sicherung": source.name, "sicherheitskopie": safety.name if safety else None,
                 "schema": revision}))


def restore(store: Store, user: str, source: str | Path, safety_dir: str | Path | None = None,
            password: str | None = None) -> RestoreResult:
    """Replace the whole database by the backup `source` (after a safety copy of the current one),
    or create the database from it when it does not exist yet (the new-PC case). The backup is
    checked first; one with other users needs the password of one of its Admins (`password`,
    else KITADESK_PASSWORT, else a prompt). The restore is recorded in the audit log."""
    source = Path(source).resolve()
    if not source.is_file():
        raise KitaDeskError(f"Die Sicherung {source} gibt es nicht.")
    kind, current = backup_kind(source), _kind(store)
    if kind != current:
        names = {"sqlite": "SQLite-Datei", "postgresql": "PostgreSQL-Sicherung (pg_dump)"}
        raise KitaDeskError(f"Die Sicherung ist eine {names[kind]}, die Datenbank aber {current} — "
                            "so lässt sie sich nicht einspielen.")
    if kind == "sqlite":
        checks.refuse_database_itself(source, _sqlite_path(store))
    backup_users, revision = _check_backup(store, kind, source)
    created = _is_new(store)
    safety = None
    if not created:
        _check_right(store, user)
        checks.require_backup_admin(backup_users, _live_users(store), source, password)
        safety = _safety_copy(store, kind, safety_dir)
    store.dispose()
    if kind == "sqlite":
        _sqlite_restore(source, _sqlite_file(store))
    else:
        pg.restore(store, source)
    store.dispose()
    upgraded = revision != head_revision()
    if upgraded:
        upgrade(store.engine, backup=False)
    _audit_restore(store, user, source, safety, revision)
    log.info("Wiederherstellung %s aus %s durch %s (Sicherheitskopie %s)", store.describe(), source, user, safety)
    return RestoreResult(source, safety, revision, upgraded, created)


def auto_backup(store: Store, keep: int | None = None, directory: str | Path | None = None,
                today: date | None = None) -> Path | None:
    """Daily backup of the embedded (SQLite) database at start-up: at most one per day, keeps
    the newest `keep` (setting backup_anzahl, default 14). Returns the new file or None (not
    SQLite, no file yet, or today's backup exists). No permission needed: it runs by itself."""
    db_file = _sqlite_path(store) if store.engine.dialect.name == "sqlite" else None
    if db_file is None or not db_file.exists():
        return None
    directory = Path(directory) if directory else backups_dir()
    today = today or date.today()
    if keep is None:
        try:
            with store.session() as s:
                keep = read_int_setting(s, "backup_anzahl")
        except Exception:  # no schema yet / unreadable setting: the default
            keep = 14
    target = directory / f"kitadesk-{today.isoformat()}.sqlite3"
    made = None
    if not target.exists():
        _sqlite_copy(db_file, target)
        made = target
        log.info("Automatische Sicherung %s", target)
    files = sorted((p for p in directory.glob("kitadesk-*.sqlite3") if AUTO_PATTERN.match(p.name)),
                   key=lambda p: p.name, reverse=True)
    for old in files[max(keep, 1):]:
        old.unlink(missing_ok=True)
    return made
