"""Locks of the payout transactions (berechnung.md §8): the month order is checked, and a run
computed or finalized, while no other desk can change the runs in between.

- SQLite: the transaction starts with `BEGIN IMMEDIATE` (the database's one write lock, taken
  before the first read, so no read→write upgrade can fail with "database is locked" later).
- PostgreSQL: transaction-scoped advisory locks. Computing a month's draft holds
  the global payout lock SHARED and the month's lock exclusively (two desks may compute
  different months at once; the same month one after the other). Finalizing or discarding hold the
  global lock EXCLUSIVELY: the order check (no earlier month open, no later month final)
  sees every run as it will be committed.
- Waiting is bounded by models.session.lock_wait_seconds() (30 s, KITADESK_SPERRE_SEKUNDEN); then a German message (exit 1), nothing changed.
Must be the first statement of the unit of work.
"""

import sqlite3
import time

from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from kitadesk.errors import KitaDeskError
from kitadesk.models.session import lock_wait_seconds

PAYOUT_LOCK = 0x4B44_5041  # advisory lock class of the payout runs ("KDPA"); objid 0 = global lock
BUSY = ("Ein anderer Arbeitsplatz berechnet oder schließt gerade einen Auszahlungslauf ab ({what}). "
        "Bitte in einigen Minuten erneut versuchen – es wurde nichts geändert.")


def lock_month(session: Session, year: int, month: int) -> None:
    """Lock for computing or discarding the draft of one month."""
    _lock(session, f"{month:02d}/{year}", year * 12 + month, exclusive=False)


def lock_all_runs(session: Session, what: str) -> None:
    """Lock for finalizing: no other payout transaction runs meanwhile."""
    _lock(session, what, None, exclusive=True)


def _lock(session: Session, what: str, month_key: int | None, exclusive: bool) -> None:
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        _begin_immediate(connection.connection.dbapi_connection, what)
        return
    try:
        connection.execute(text(f"SET LOCAL lock_timeout = '{int(lock_wait_seconds() * 1000)}ms'"))
        mode = "" if exclusive else "_shared"
        connection.execute(text(f"SELECT pg_advisory_xact_lock{mode}(CAST(:c AS integer), 0)"), {"c": PAYOUT_LOCK})
        if month_key is not None:
            connection.execute(text("SELECT pg_advisory_xact_lock(CAST(:c AS integer), CAST(:m AS integer))"), {"c": PAYOUT_LOCK, "m": month_key})
        connection.execute(text("SET LOCAL lock_timeout = 0"))
    except OperationalError as exc:  # lock_timeout: LockNotAvailable
        raise KitaDeskError(BUSY.format(what=what)) from exc


def _begin_immediate(raw, what: str) -> None:
    """BEGIN IMMEDIATE, retried while another desk writes (each try waits busy_timeout). Should the
    driver have begun a transaction already (a begin hook), a write that changes nothing takes
    the same lock before the first read."""
    statement = "UPDATE payout_runs SET id = id WHERE 0" if raw.in_transaction else "BEGIN IMMEDIATE"
    deadline = time.monotonic() + lock_wait_seconds()
    while True:
        try:
            raw.execute(statement)
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            if time.monotonic() > deadline:
                raise KitaDeskError(BUSY.format(what=what)) from exc
            time.sleep(0.05)
