"""`kitadesk payout` as one operation: compute the month's draft, optionally finalize it, and
prepare the requested exports — all in ONE locked transaction, so a refusal (exit 1) leaves
the database exactly as it was (berechnung.md §8, interfaces.md §2).

Order: cheap checks first (month, export targets, rights, SEPA only when finalizing), then
under the lock (payout_lock.py) compute, finalize guards (payout.finalize_in: future month,
month order, payments), the exports written to temporary files (SEPA: payer account,
IBANs, names, rights) — and only when all of that succeeded the transaction commits and the
files are moved into place. What is left after the commit (a rename beside the target)
cannot fail for any reason checked here. The digest the CLI prints is that of the run it
committed: computed and finalized under the same lock, nobody can change it in between.
"""

from datetime import date
from pathlib import Path

from kitadesk.errors import KitaDeskError
from kitadesk.ops.base import load_actor, unit_of_work
from kitadesk.ops.payout import RunSummary, _summary, _validate_month, draft_in, finalize_in
from kitadesk.ops.payout_inputs import gc_paused
from kitadesk.ops.payout_lock import lock_all_runs, lock_month
from kitadesk.ops.payout_report import (
    Exported,
    PreparedExports,
    build_report,
    check_targets,
    prepare_exports,
    sepa_payer,
)
from kitadesk.store import Store


def payout_month(store: Store, user: str, year: int, month: int, finalize: bool = False,
                 xlsx: str | Path | None = None, pdf: str | Path | None = None, sepa: str | Path | None = None,
                 today: date | None = None) -> tuple[RunSummary, Exported]:
    """Compute (and with `finalize` finalize) the month and write the exports; see module doc."""
    _validate_month(year, month)
    check_targets(xlsx, pdf, sepa)
    if sepa and not finalize:
        raise KitaDeskError(
            f"SEPA-Datei nur für abgeschlossene Läufe: der Monat {month:02d}/{year} ist nicht abgeschlossen. "
            "Bitte mit --finalize abschließen (Recht „Auszahlungslauf abschließen“).")
    prepared = PreparedExports()
    try:
        with gc_paused(), unit_of_work(store, user) as session:
            if finalize:
                lock_all_runs(session, f"Abschluss {month:02d}/{year}")
            else:
                lock_month(session, year, month)
            actor = load_actor(session, user)
            actor.require("auszahlung_abschliessen" if finalize else "auszahlung_berechnen")
            run, calc = draft_in(session, user, year, month)
            if finalize:
                finalize_in(session, run, user, calc.lines, today)
            summary = _summary(run, calc.lines, calc.warnings)
            if xlsx or pdf or sepa:
                report = build_report(session, run.id, store.describe())  # documents never depend on who looks
                payer = sepa_payer(session, year, month, today) if sepa else None
                prepared = prepare_exports(report, actor, payer, xlsx, pdf, sepa)
    except KitaDeskError as exc:
        prepared.discard()
        if finalize:
            exc.message += " Der Lauf wurde NICHT abgeschlossen; es wurde nichts gespeichert."
            exc.args = (exc.message,)
        raise
    except BaseException:
        prepared.discard()
        raise
    done = prepared.publish()
    if xlsx or pdf or sepa:
        from kitadesk.ops.exports import record_export

        record_export(store, user, f"Auszahlung {month:02d}/{year}", (xlsx, pdf, sepa))
    return summary, done
