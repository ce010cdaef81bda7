"""PostgreSQL side of backup and restore (ops/backup.py): pg_dump / pg_restore in custom format,
found in PATH or /usr/lib/postgresql/*/bin (Windows: C:\\Program Files\\PostgreSQL\\*\\bin), the
newest version wins; the password only in the child's environment; restore in one transaction,
stopped after RESTORE_LIMIT × the lock wait time."""

import glob
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError

from kitadesk.errors import KitaDeskError
from kitadesk.models.session import lock_wait_seconds
from kitadesk.store import Store

RESTORE_LIMIT = 10  # × the lock wait time: the longest a PostgreSQL restore may take


def busy_restore_message(seconds: float) -> str:
    return (f"Die Datenbank wird gerade benutzt (ein anderer Arbeitsplatz schreibt) – die Wiederherstellung wurde "
            f"nach {seconds:.0f} s abgebrochen, es wurde nichts verändert. Bitte KitaDesk an den anderen "
            "Arbeitsplätzen schließen und erneut versuchen.")


def _tool_candidates(name: str) -> list[Path]:
    exe = name + (".exe" if os.name == "nt" else "")
    found = [Path(p) for p in (shutil.which(name),) if p]
    patterns = ["/usr/lib/postgresql/*/bin", "/usr/pgsql-*/bin", "/opt/homebrew/opt/postgresql*/bin",
                r"C:\Program Files\PostgreSQL\*\bin"]
    for pattern in patterns:
        found += [Path(d) / exe for d in glob.glob(pattern) if (Path(d) / exe).exists()]
    return found


def _major(tool: Path) -> int:
    try:
        out = subprocess.run([str(tool), "--version"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return -1
    m = re.search(r"(\d+)(?:\.\d+)?", out)
    return int(m.group(1)) if m else -1


def find_pg_tool(name: str, server_major: int | None = None) -> Path:
    """The newest pg_dump/pg_restore/psql found; refuse clearly if none or too old."""
    best = max(((_major(p), p) for p in _tool_candidates(name)), default=(-1, None), key=lambda t: t[0])
    if best[1] is None or best[0] < 0:
        raise KitaDeskError(
            f"Das PostgreSQL-Programm {name} wurde nicht gefunden (gesucht im PATH und in /usr/lib/postgresql/*/bin). "
            "Bitte die PostgreSQL-Clientprogramme installieren (Debian/Ubuntu: postgresql-client, Windows: "
            "PostgreSQL-Installation mit „Command Line Tools“) und erneut versuchen."
        )
    if server_major and best[0] < server_major:
        raise KitaDeskError(
            f"{name} ist Version {best[0]}, der Datenbankserver Version {server_major}. Bitte PostgreSQL-Clientprogramme "
            f"mindestens der Version {server_major} installieren."
        )
    return best[1]


def env_and_dsn(store: Store) -> tuple[dict, str]:
    """The password only in the child's environment (PGPASSWORD), never in its argv (the process
    list shows argv to every user of the machine) — also one given as `?password=` (issue 18)."""
    url = make_url(store.url)
    env = dict(os.environ)
    password = url.password or url.query.get("password")
    if password:
        env["PGPASSWORD"] = str(password)
    env.setdefault("PGCONNECT_TIMEOUT", "15")
    # URL.set(password=None) keeps the password (None means "unchanged"): build the URL anew
    bare = URL.create("postgresql", url.username, None, url.host, url.port, url.database,
                      {k: v for k, v in url.query.items() if k != "password"})
    return env, bare.render_as_string(hide_password=False)


def _server_major(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(text("SHOW server_version_num")).scalar() or 0) // 10000


def _die_with_parent() -> None:  # pragma: no cover (runs in the child)
    """Linux: pg_dump/pg_restore end when KitaDesk is killed — no orphan restore going on unseen."""
    import ctypes
    import signal

    ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _run(cmd: list[str], env: dict, what: str, timeout: float | None = None) -> subprocess.CompletedProcess:
    linux = sys.platform.startswith("linux")
    try:
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout,
                              preexec_fn=_die_with_parent if linux else None)
    except subprocess.TimeoutExpired as exc:
        raise KitaDeskError(busy_restore_message(timeout or 0)) from exc
    if proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip().splitlines()
        if any(word in line for line in detail for word in ("lock timeout", "statement timeout", "could not obtain lock")):
            raise KitaDeskError(busy_restore_message(lock_wait_seconds()))
        raise KitaDeskError(f"{what} fehlgeschlagen: {' / '.join(detail[-3:]) or f'Exit-Code {proc.returncode}'}")
    return proc


def dump(store: Store, target: Path) -> None:
    tool = find_pg_tool("pg_dump", _server_major(store))
    env, dsn = env_and_dsn(store)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    try:
        wait = f"--lock-wait-timeout={int(lock_wait_seconds() * 1000)}"  # never wait for ever on a table lock
        _run([str(tool), "--format=custom", "--no-owner", "--no-privileges", wait, f"--file={tmp}",
              f"--dbname={dsn}"], env, "Die Sicherung (pg_dump)")
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)


def revision(source: Path) -> str | None:
    tool = find_pg_tool("pg_restore")
    proc = _run([str(tool), "--data-only", "--table=alembic_version", "--file=-", str(source)], dict(os.environ),
                "Das Lesen der Sicherung (pg_restore)")
    lines = proc.stdout.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("COPY ") and "alembic_version" in line and i + 1 < len(lines):
            value = lines[i + 1].strip()
            return None if value == "\\." else value
    return None


def restore(store: Store, source: Path) -> None:
    tool = find_pg_tool("pg_restore", _server_major(store))
    env, dsn = env_and_dsn(store)
    # other desks holding locks: each lock waits at most the lock wait time, the whole restore
    # at most RESTORE_LIMIT times it (then pg_restore is stopped: its single transaction rolls back)
    wait = int(lock_wait_seconds() * 1000)
    env["PGOPTIONS"] = (env.get("PGOPTIONS", "") + f" -c lock_timeout={wait}").strip()
    store.dispose()
    _run([str(tool), "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
          "--exit-on-error", f"--dbname={dsn}", str(source)], env,
         "Die Wiederherstellung (pg_restore) — die Datenbank ist unverändert;",
         timeout=RESTORE_LIMIT * lock_wait_seconds())


def create_database(store: Store) -> bool:
    """The new-PC case: create the database named in the URL (it does not exist yet)."""
    url = make_url(store.url)
    try:
        with store.engine.connect():
            return False
    except OperationalError as exc:
        if "does not exist" not in str(exc) and "existiert nicht" not in str(exc):
            raise
    from sqlalchemy import create_engine

    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT", hide_parameters=True)
    try:
        with admin.connect() as conn:
            name = (url.database or "").replace('"', '""')
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    finally:
        admin.dispose()
    return True
