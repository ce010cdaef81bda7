"""Exports of personal data (issue 15 item 5): a document never depends on who looks.

An export or letter either contains the data or is refused for lack of the right — masking
(`Actor.can_see_sensitive`) is for screens only. Each export op asks `require_export` with
the export's right and the SRTs whose bank details or income (or fee brackets derived
from income) the document holds, writes the file, then `record_export` logs who exported
what, when, into which file (audit log, aktion „Export“).

Rights per export (README „Rechte“):
- payout workbook, payout list PDF, SEPA file: `auszahlung_berechnen` + `sensible_daten`
  for the SRT of every payee (IBANs);
- fee list: `lesen` + `sensible_daten` for the SRT of every child (the Stufe is the income bracket);
- import workbook with data (`export-template --mit-daten`): `import` + `sensible_daten`
  for every SRT in the database (IBANs, incomes);
- statistics, reminders: `lesen` (no bank details or income);
- Art. 15 export: `datenschutz`; audit log: `protokoll_export`.
"""

from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from kitadesk.errors import KitaDeskError
from kitadesk.models import AuditEntry, Carer, Child
from kitadesk.models.base import table_of
from kitadesk.ops.base import Actor, load_actor, unit_of_work
from kitadesk.reports.errors import ReportError
from kitadesk.store import Store

T = TypeVar("T")
EXPORT_TABLE = "exporte"  # audit_log.tabelle of export entries
EXPORT_ACTION = "Export"


def require_export(actor: Actor, right: str, srts: Iterable[str | None] = ()) -> None:
    """Refuse (PermissionDenied naming the right and SRT) unless `actor` holds `right` and
    may see bank details and income of every SRT in `srts` — the whole document or nothing."""
    actor.require(right)
    for srt in sorted({s for s in srts if s is not None}):
        actor.require("sensible_daten", srt)


def all_srts(session: Session) -> set[str]:
    """The SRTs of every carer and child (for exports of the whole database)."""
    return set(session.scalars(select(Carer.srt).distinct())) | set(session.scalars(select(Child.srt).distinct()))


def log_export(session: Session, login: str, what: str, paths: Iterable[str | Path | None],
               tabelle: str = EXPORT_TABLE, datensatz_id: int | None = None) -> None:
    """One audit entry: who (login), what (German description), when, which files."""
    files = ", ".join(str(p) for p in paths if p)
    session.execute(insert(table_of(AuditEntry)).values(
        zeit=datetime.now().replace(microsecond=0), benutzer=login, tabelle=tabelle, datensatz_id=datensatz_id,
        aktion=EXPORT_ACTION, alt=None, neu={"export": what, "dateien": files}))


def record_export(store: Store, user: str, what: str, paths: Iterable[str | Path | None]) -> None:
    """Log a written export in its own transaction."""
    with unit_of_work(store, user) as session:
        log_export(session, user, what, paths)


def write_checked(write: Callable[[], T]) -> T:
    """Run `write` (a report writer of a document without personal data: sums, counts); a
    refused report becomes the user's German error (exit 1, no raw exception text)."""
    try:
        return write()
    except ReportError as exc:
        raise as_user_error(exc) from exc


def save_bytes(path: str | Path, data: bytes) -> Path:
    """Save a document already made (an archived letter's PDF, unchanged) into a file: atomic,
    folder created; a refusal is the user's German error naming the file."""
    from kitadesk.reports.output import write_bytes

    return write_checked(lambda: write_bytes(path, data))


def write_recorded(store: Store, user: str, what: str, write: Callable[[], T],
                   paths: Iterable[str | Path | None] | None = None) -> T:
    """Run `write` (the report writers); a refused report becomes the user's error (exit 1),
    a written one is logged with `paths` (default: what `write` returned)."""
    try:
        result = write()
    except ReportError as exc:
        raise as_user_error(exc) from exc
    if paths is None:
        paths = result if isinstance(result, list) else [result] if isinstance(result, (str, Path)) else []
    record_export(store, user, what, paths)
    return result


def check_export(store: Store, user: str, right: str, whole_database: bool = False) -> Actor:
    """Load the actor and check `right` (with `sensible_daten` for every SRT when the export
    holds the whole database's bank details and income)."""
    with store.session(user) as session:
        actor = load_actor(session, user)
        require_export(actor, right, all_srts(session) if whole_database else ())
    return actor


def as_user_error(exc: ReportError) -> KitaDeskError:
    """A refused export as the CLI's/UI's user error (exit 1), keeping the listed problems."""
    return KitaDeskError(exc.message, [f"– {p}" for p in exc.problems])


def export_database(store: Store, user: str, path: str | Path) -> dict[str, int]:
    """`export-template --mit-daten`: the whole database in the import format — IBANs and
    incomes of every SRT, so `import` plus `sensible_daten` for all of them; audited."""
    from kitadesk.importer.export import export_workbook

    check_export(store, user, "import", whole_database=True)
    return write_recorded(store, user, "Import-Arbeitsmappe mit Daten", lambda: export_workbook(store, path), [path])


def export_reminders(store: Store, user: str, rows: list, path: str | Path) -> Path:
    """The reminders (R-W1) as workbook (right `lesen`; names, no bank details); audited."""
    from kitadesk.reports.reminders import write_reminders

    check_export(store, user, "lesen")
    return write_recorded(store, user, "Wiedervorlagen", lambda: write_reminders(rows, path))
