"""The daily automatic backup of an embedded (SQLite) database, as the window and the CLI run
it at the first start of a day (ops/backup.auto_backup: one file a day, the newest
`backup_anzahl` kept), and the "Letzte Sicherung: …" text that shows it.

The backups go to the folder `Sicherungen` beside the database file — for the office's
embedded database that is user_data_dir/Sicherungen; another SQLite file (the demo, a test)
never mixes its copies into the office's. PostgreSQL is backed up by the server's operators.
"""

import logging
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from kitadesk import config
from kitadesk.ops.backup import AUTO_PATTERN, auto_backup
from kitadesk.store import Store

log = logging.getLogger("kitadesk.backup")


@dataclass(frozen=True)
class DailyBackup:
    made: Path | None  # written by this start
    last: Path | None  # the newest daily backup (after this start)
    problem: str = ""  # German: why today's backup failed

    def text(self) -> str:
        """'Letzte Sicherung: 03.12.2026 08:15' (+ the problem, if any)."""
        if self.last is None:
            shown = "Letzte Sicherung: noch keine"
        else:
            shown = f"Letzte Sicherung: {datetime.fromtimestamp(self.last.stat().st_mtime):%d.%m.%Y %H:%M}"
        return f"{shown} – {self.problem}" if self.problem else shown


def backup_folder(store: Store) -> Path | None:
    """Where the daily backups of this database go; None for PostgreSQL."""
    db_file = config.sqlite_file(store.url)
    return db_file.parent / "Sicherungen" if db_file is not None else None


def newest(folder: Path) -> Path | None:
    if not folder.is_dir():
        return None
    files = sorted((p for p in folder.glob("kitadesk-*.sqlite3") if AUTO_PATTERN.match(p.name)), key=lambda p: p.name)
    return files[-1] if files else None


def run_daily_backup(store: Store, today: date | None = None) -> DailyBackup | None:
    """Today's backup if it is not there yet; never raises (a failed backup must not stop the work)."""
    folder = backup_folder(store)
    if folder is None:
        return None
    made, problem = None, ""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        made = auto_backup(store, directory=folder, today=today)
    except Exception as exc:  # disk full, no permission …: say so, keep working
        log.warning("Tägliche Sicherung nach %s fehlgeschlagen: %s", folder, exc)
        problem = f"die heutige Sicherung nach {folder} ist fehlgeschlagen ({type(exc).__name__}), Details im Protokoll"
    return DailyBackup(made, newest(folder), problem)
