"""Checks that make a backup or restore unable to hurt the live database (issue 18 item 5):
the target is never the database itself, a backup is whole before it is restored (checksum
file, SQLite integrity_check, pg_restore --list) and a backup with other users asks for the
password of one of its Admins. Safety copies are pruned like the automatic backups."""

import hashlib
import os
import sqlite3
import subprocess
from pathlib import Path

from kitadesk import auth
from kitadesk.errors import KitaDeskError, PermissionDenied
from kitadesk.models import ADMIN

CHECKSUM_SUFFIX = ".sha256"
WAL_SUFFIXES = ("", "-wal", "-shm", "-journal")
USER_COLUMNS = ("login", "rolle", "srt", "password_hash", "aktiv")


# --- the target is not the database -----------------------------------------------------------

def refuse_database_itself(target: Path, db_file: Path | None) -> None:
    """A backup written over the live file (or its WAL/SHM/journal, also via a symlink or a
    hard link) would corrupt it while other desks write."""
    if db_file is None:
        return
    live = [Path(f"{db_file}{suffix}") for suffix in WAL_SUFFIXES]
    resolved = target.resolve()
    for path in live:
        same = resolved == path.resolve()
        if not same and target.exists() and path.exists():
            same = os.path.samefile(target, path)
        if same:
            raise KitaDeskError(
                f"Die Sicherung kann nicht nach {target} geschrieben werden: das ist die Datenbank selbst "
                f"({path.name}). Bitte eine andere Datei angeben – es wurde nichts verändert."
            )


# --- checksum file beside a backup --------------------------------------------------------------

def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def checksum_path(backup: Path) -> Path:
    return backup.with_name(backup.name + CHECKSUM_SUFFIX)


def write_checksum(backup: Path) -> None:
    checksum_path(backup).write_text(f"{file_sha256(backup)}  {backup.name}\n", encoding="utf-8")


def verify_checksum(backup: Path) -> None:
    """Refuse a backup whose bytes differ from the checksum written with it (if there is one)."""
    sidecar = checksum_path(backup)
    if not sidecar.exists():
        return
    expected = sidecar.read_text(encoding="utf-8").split()[0].strip().lower()
    if file_sha256(backup) != expected:
        raise KitaDeskError(
            f"Die Sicherung {backup.name} ist beschädigt: ihre Prüfsumme stimmt nicht mehr mit {sidecar.name} "
            "überein. Sie wird nicht eingespielt – es wurde nichts verändert."
        )


# --- the backup is whole --------------------------------------------------------------------------

def _damaged(source: Path, why: str) -> KitaDeskError:
    return KitaDeskError(f"Die Sicherung {source.name} ist beschädigt ({why}). Sie wird nicht eingespielt – "
                         "es wurde nichts verändert.")


def check_sqlite_backup(source: Path) -> list[dict]:
    """PRAGMA integrity_check, schema revision and users table; returns the backup's users."""
    try:
        conn = sqlite3.connect(f"file:{source}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error as exc:
        raise _damaged(source, str(exc)) from exc
    try:
        result = [row[0] for row in conn.execute("PRAGMA integrity_check(20)")]
        if result != ["ok"]:
            raise _damaged(source, "Integritätsprüfung: " + "; ".join(result[:3]))
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"alembic_version", "users"} <= tables:
            raise KitaDeskError(f"Die Datei {source} ist keine KitaDesk-Sicherung (Tabellen fehlen).")
        columns = {row[1] for row in conn.execute("PRAGMA table_info(users)")}
        if not set(USER_COLUMNS) <= columns:
            raise _damaged(source, "die Benutzertabelle hat nicht die erwarteten Spalten")
        rows = conn.execute(f"SELECT {', '.join(USER_COLUMNS)} FROM users").fetchall()
    except sqlite3.DatabaseError as exc:
        raise _damaged(source, str(exc)) from exc
    finally:
        conn.close()
    return [dict(zip(USER_COLUMNS, row)) for row in rows]


def check_pg_backup(pg_restore: Path, source: Path, timeout: float) -> list[dict]:
    """pg_restore --list must read the whole table of contents; returns the backup's users."""
    listing = _pg_restore_out([str(pg_restore), "--list", str(source)], source, timeout)
    if "TABLE DATA public users" not in listing or "TABLE DATA public alembic_version" not in listing:
        raise KitaDeskError(f"Die Datei {source} ist keine KitaDesk-Sicherung (Tabellen fehlen).")
    data = _pg_restore_out([str(pg_restore), "--data-only", "--table=users", "--file=-", str(source)], source,
                           timeout)
    return parse_copy(data, "users")


def _pg_restore_out(cmd: list[str], source: Path, timeout: float) -> str:
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        raise _damaged(source, f"pg_restore antwortet nicht innerhalb von {timeout:.0f} s") from exc
    if proc.returncode != 0:
        raise _damaged(source, (proc.stderr or "").strip().splitlines()[-1:][0] if proc.stderr else "pg_restore")
    return proc.stdout


def parse_copy(dump_text: str, table: str) -> list[dict]:
    """Rows of `COPY public.<table> (cols) FROM stdin;` in pg_restore's plain output."""
    lines = dump_text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith(f"COPY public.{table} ") or line.startswith(f"COPY {table} "):
            names = [c.strip().strip('"') for c in line[line.index("(") + 1:line.index(")")].split(",")]
            rows = []
            for data in lines[i + 1:]:
                if data == "\\.":
                    break
                values = [None if v == "\\N" else v for v in data.split("\t")]
                row: dict[str, object] = dict(zip(names, values))
                row["aktiv"] = row.get("aktiv") in ("t", "true", "1", True)
                rows.append({k: row.get(k) for k in USER_COLUMNS})
            return rows
    return []


# --- a backup with other users asks for one of its Admins ------------------------------------------

def _comparable(users: list[dict]) -> list[tuple]:
    return sorted((u["login"], u["rolle"], u["srt"] or "", u["password_hash"] or "", bool(u["aktiv"]))
                  for u in users)


def require_backup_admin(backup_users: list[dict], live_users: list[dict] | None, source: Path,
                         password: str | None) -> bool:
    """Restoring a backup whose users differ from the live ones would hand the database to
    other accounts: it needs the password of an active Admin *of the backup* (argument, else
    KITADESK_PASSWORT, else a prompt). Not needed into a new database (live_users None) or
    with the same users. Returns whether a password was checked."""
    if live_users is None or _comparable(backup_users) == _comparable(live_users):
        return False
    admins = [u for u in backup_users if u["rolle"] == ADMIN and u["aktiv"] and u["password_hash"]]
    if not admins:
        raise PermissionDenied(
            f"Die Sicherung {source.name} hat andere Benutzer als die Datenbank, aber keinen aktiven Admin mit "
            "Passwort, der die Wiederherstellung bestätigen könnte. Sie wird nicht eingespielt – es wurde nichts "
            "verändert."
        )
    if password is None:
        password = os.environ.get(auth.ENV_PASSWORD)
    if password is None:
        password = auth.prompt("einen Admin der Sicherung")
    if password is None or not any(auth.verify_password(u["password_hash"], password) for u in admins):
        raise PermissionDenied(
            f"Die Sicherung {source.name} hat andere Benutzer als die Datenbank: zum Einspielen ist das Passwort "
            f"eines Admins der Sicherung nötig ({', '.join(sorted(u['login'] for u in admins))}; Kommandozeile: "
            f"Umgebungsvariable {auth.ENV_PASSWORD}). Es wurde nichts verändert."
        )
    return True


# --- safety copies ---------------------------------------------------------------------------------

def prune(directory: Path, pattern: str, keep: int) -> list[Path]:
    """Delete all but the newest `keep` files of `pattern` (names sort by their time stamp)."""
    files = sorted(directory.glob(pattern), key=lambda p: p.name, reverse=True)
    gone = []
    for old in files[max(keep, 1):]:
        old.unlink(missing_ok=True)
        checksum_path(old).unlink(missing_ok=True)
        gone.append(old)
    return gone
