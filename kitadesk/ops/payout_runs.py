"""What the window and the CLI see of payout runs (ops/payout.py computes and finalizes them):
the summary after computing or finalizing, the month's run, what changed since a draft, the
list of runs, and the early right check before a long computation."""

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from kitadesk.domain.lines import KORREKTUR_PREFIX, Line, run_digest, totals_by_carer
from kitadesk.errors import InputError
from kitadesk.models import ABGESCHLOSSEN, PayoutRun
from kitadesk.ops.base import load_actor
from kitadesk.ops.changes import PAYOUT, Changes
from kitadesk.ops.payout_corrections import WITHOUT_INPUTS, _label, digests, run_lines, run_number, stored_settings
from kitadesk.ops.payout_inputs import INPUT_TABLES, load_pool, month_input
from kitadesk.store import Store


@dataclass(frozen=True)
class RunSummary:
    """What the UI and the CLI show after computing or finalizing a run."""

    run_id: int
    number: str
    year: int
    month: int
    status: str
    carers: int  # carers with at least one line
    payments: int  # carers whose month sums to more than 0
    total: Decimal  # amount paid out (sum of the payments)
    lines: int
    corrections: int  # correction lines booked in this run
    warnings: tuple[str, ...] = ()
    corrected_months: tuple[str, ...] = ()  # 'MM/JJJJ' of the months corrections were booked for
    digest: str = ""  # run_digest of lines + settings: what the person saw (finalize compares it)

    @property
    def changes(self) -> Changes:
        """A computed, finalized or discarded run changes the payout (ops/changes.py)."""
        return Changes.record(PAYOUT, self.run_id)


def summarize(run: PayoutRun, lines: list[Line], warnings) -> RunSummary:
    corrections = [ln for ln in lines if ln.position.startswith(KORREKTUR_PREFIX)]
    corrected = sorted({(ln.von.year, ln.von.month) for ln in corrections})
    totals = totals_by_carer(lines)
    paid = [amount for amount in totals.values() if amount > 0]
    return RunSummary(run.id, run.nummer, run.jahr, run.monat, run.status, len(totals), len(paid),
                      sum(paid, Decimal("0.00")), len(lines), len(corrections), tuple(warnings),
                      tuple(_label(y, m) for y, m in corrected), run_digest(lines, run.einstellungen))


def month_run(store: Store, year: int, month: int) -> RunSummary | None:
    """The month's run (the finalized one, else the draft) as a summary, or None."""
    with store.session() as session:
        run = session.scalars(select(PayoutRun).options(WITHOUT_INPUTS)
                              .where(PayoutRun.jahr == year, PayoutRun.monat == month)
                              .order_by((PayoutRun.status == ABGESCHLOSSEN).desc(), PayoutRun.lauf.desc())).first()
        if run is None:
            return None
        return summarize(run, run_lines(session, run.id), run.warnungen or ())


def changed_since(store: Store, run_id: int) -> list[str]:
    """German labels of the input tables whose records for the run's month changed since the
    run was computed (empty = nothing changed). For a finalized run such changes are booked
    as corrections in the next open month."""
    with store.session() as session:
        run = session.execute(select(PayoutRun.jahr, PayoutRun.monat, PayoutRun.einstellungen,
                                     PayoutRun.eingaben["pruefsummen"].label("pruefsummen"))
                              .where(PayoutRun.id == run_id)).first()  # not the whole `eingaben`
        if run is None:
            raise InputError(f"Auszahlungslauf {run_id} nicht gefunden.")
        settings = stored_settings(run.einstellungen)
        pool = load_pool(session, (run.jahr, run.monat), (run.jahr, run.monat))
        current = digests(month_input(pool, run.jahr, run.monat, settings, build=False).versions)
        before = run.pruefsummen or {}
        return [label for name, label in INPUT_TABLES.items() if current.get(name) != before.get(name)]


@dataclass(frozen=True)
class RunRow:
    """One run in the list of runs (UI): head data only, no lines."""

    run_id: int
    number: str
    year: int
    month: int
    status: str
    total: Decimal
    created_at: object
    created_by: str
    finalized_at: object | None
    finalized_by: str | None
    warnings: int


def list_runs(store: Store) -> list[RunRow]:
    """All payout runs, newest month first (one query, no lines)."""
    with store.session() as session:
        rows = session.execute(select(
            PayoutRun.id, PayoutRun.jahr, PayoutRun.monat, PayoutRun.lauf, PayoutRun.status, PayoutRun.summe,
            PayoutRun.erstellt_am, PayoutRun.erstellt_von, PayoutRun.abgeschlossen_am, PayoutRun.abgeschlossen_von,
            PayoutRun.warnungen).order_by(PayoutRun.jahr.desc(), PayoutRun.monat.desc(), PayoutRun.lauf.desc()))
        return [RunRow(r.id, run_number(r.jahr, r.monat, r.lauf), r.jahr, r.monat, r.status, r.summe, r.erstellt_am,
                       r.erstellt_von, r.abgeschlossen_am, r.abgeschlossen_von, len(r.warnungen or ()))
                for r in rows]


def require_right(store: Store, user: str, right: str) -> None:
    """Refuse early (PermissionDenied naming the right), e.g. before a long computation."""
    with store.session(user) as session:
        load_actor(session, user).require(right)
