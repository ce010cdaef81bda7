"""The year ahead from the store (issue 20): load the inputs once, project with domain/projection.py.

- Finalized months: the lines of their finalized run (ops/payout_corrections.run_lines).
- The other months: ONE pool for all of them (ops/payout_inputs.load_pool) sliced per month
  exactly as a payout run does (`month_input`), the first one with its carry-in (R-G10).
- Rates: the tables in force per month. Without a table of 1 January of the year the proposed
  raise (R-G2, domain/raise_.propose_raise) is assumed and the months from then on are marked
  as computed with unconfirmed rates; a stored but unconfirmed table is used and marked too.
- Fees: the children and fee tables of ops/fees.py, for the whole year at once.
"""

from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from kitadesk import models as orm  # ORM classes whose names the domain uses too (issue 17.4)
from kitadesk.domain.calendar import month_range
from kitadesk.domain.inputs import RateTable
from kitadesk.domain.projection import MonthBasis, Projection, Scenario, YearBasis, project
from kitadesk.domain.raise_ import propose_raise
from kitadesk.domain.settings import Auslegungen
from kitadesk.errors import InputError
from kitadesk.models import ABGESCHLOSSEN, SRTS, Child, PayoutRun
from kitadesk.ops.base import load_actor
from kitadesk.ops.fees import load_fee_children, load_fee_tables
from kitadesk.ops.payout_corrections import Cancel, Progress, _check, run_lines, run_number
from kitadesk.ops.payout_inputs import carry_in, gc_paused, load_pool, month_input
from kitadesk.ops.projection_fees import LEAVE_SETTING, FeeWorker, start_fee_worker
from kitadesk.ops.setting_store import load_auslegungen, read_setting
from kitadesk.store import Store


def _finalized(session: Session, year: int) -> dict[int, tuple[int, str]]:
    """month → (run id, run number) of the year's finalized runs."""
    rows = session.execute(select(PayoutRun.id, PayoutRun.monat, PayoutRun.lauf).where(
        PayoutRun.jahr == year, PayoutRun.status == ABGESCHLOSSEN).order_by(PayoutRun.monat, PayoutRun.lauf))
    return {monat: (run_id, run_number(year, monat, lauf)) for run_id, monat, lauf in rows}


def _rate_proposal(session: Session, year: int, settings: Auslegungen):
    """(table to add or None, day from which rates are unconfirmed or None) for 1 January."""
    jan1 = date(year, 1, 1)
    rows = session.execute(select(orm.RateTable.gueltig_ab, orm.RateTable.bestaetigt_von).where(
        orm.RateTable.gueltig_ab >= jan1, orm.RateTable.gueltig_ab <= date(year, 12, 31))).all()
    unconfirmed = min((r.gueltig_ab for r in rows if not r.bestaetigt_von), default=None)
    if any(r.gueltig_ab == jan1 for r in rows):
        return None, unconfirmed
    earlier = [RateTable(*row) for row in session.execute(select(
        orm.RateTable.gueltig_ab, orm.RateTable.stundensatz_basis, orm.RateTable.stundensatz_qualifiziert,
        orm.RateTable.randzeitzuschlag,
        orm.RateTable.vertretungsplatz_pauschale, orm.RateTable.zuschlag_besonderer_bedarf_prozent,
        orm.RateTable.hoechstbetrag_unfallversicherung, orm.RateTable.mindestbeitrag_alterssicherung,
        orm.RateTable.hoechstbetrag_kranken_pflege).where(orm.RateTable.gueltig_ab < jan1))]
    if not earlier:
        return None, unconfirmed
    return propose_raise(earlier, date(year - 1, 1, 1), settings), jan1


def load_basis(session: Session, year: int, today: date | None = None, progress: Progress = None,
               cancel: Cancel = None, fees: bool = True) -> YearBasis:
    """Everything `domain.projection.project` needs for the year (few queries); fees=False: not
    the fee side's children and tables (a FeeWorker loads them)."""
    if not 2000 <= year <= 2100:
        raise InputError(f"Ungültiges Jahr {year} (erwartet JJJJ, z. B. 2027).")
    settings = load_auslegungen(session)
    done = _finalized(session, year)
    months = [MonthBasis(year, m) for m in range(1, 13)]
    for basis in months:
        if basis.month in done:
            run_id, basis.run_number = done[basis.month]
            basis.finalized = run_lines(session, run_id)
    _check(cancel)
    open_months = [b.month for b in months if b.finalized is None]
    proposal, unconfirmed_from = _rate_proposal(session, year, settings)
    if open_months:
        with gc_paused():
            pool = load_pool(session, (year, open_months[0]), (year, 12))
            tier_cache: dict[int, tuple] = {}
            for i, basis in enumerate(months):
                if basis.finalized is None:
                    loaded = month_input(pool, year, basis.month, settings, tier_cache=tier_cache, track=False)
                    basis.inp = loaded.inp
                    if proposal is not None:
                        basis.inp.rate_tables = [*basis.inp.rate_tables, proposal]
                if progress is not None:
                    progress(i + 1, 12)
                _check(cancel)
        first = months[open_months[0] - 1].inp
        assert first is not None
        first.carry_in = carry_in(session, year, first.month)[0]
    start, end = month_range(year, 1)[0], month_range(year, 12)[1]
    fee_children = load_fee_children(session, start, end)[0] if fees else []
    children = session.execute(select(Child.nr, Child.srt, Child.geburtsdatum)).all()
    return YearBasis(
        year, today or date.today(), months,
        carer_srt={nr: srt for nr, srt in session.execute(select(orm.Carer.nr, orm.Carer.srt))},
        child_srt={nr: srt for nr, srt, _ in children},
        birthdays={nr: born for nr, _, born in children if born is not None},
        fee_children=fee_children, fee_tables=load_fee_tables(session) if fees else [], settings=settings,
        leave_mode=read_setting(session, LEAVE_SETTING), unconfirmed_from=unconfirmed_from, srts=SRTS,
        fees_loaded=fees)


def projection(store: Store, user: str, year: int, scenario: Scenario | None = None, today: date | None = None,
               progress: Progress = None, cancel: Cancel = None,
               parallel: bool | None = None) -> tuple[Projection, Projection | None]:
    """(base case, scenario or None) of the year (right `lesen`); writes nothing. The fee side of
    a big year is computed in a worker process meanwhile (ops/projection_fees.py; `parallel`
    forces the choice)."""
    from kitadesk.domain.fee_table import FeeError

    runs = 2 if scenario is not None and not scenario.empty else 1
    total = 12 * (1 + runs)  # loading the months, then each projection

    def step(offset: int):
        return None if progress is None else (lambda done, _n: progress(offset + done, total))

    worker: FeeWorker | None = None
    try:
        with gc_paused():  # ~100,000 small objects per month (payout_inputs.gc_paused)
            with store.session(user) as session:
                load_actor(session, user).require("lesen")
                today = today or date.today()
                worker = start_fee_worker(store, session, year, today, scenario if runs == 2 else None, parallel)
                basis = load_basis(session, year, today, step(0), cancel, fees=worker is None)
            fees = _fee_results(worker)
            base = project(basis, Scenario(), step(12), fees=lambda: fees()[0])
            _check(cancel)
            other = project(basis, scenario, step(24), base=base, fees=lambda: fees()[1]) \
                if scenario is not None and runs == 2 else None
    except FeeError as exc:
        raise InputError("Die Elternbeiträge der Hochrechnung können nicht berechnet werden.",
                         list(exc.errors)) from exc
    finally:
        if worker is not None:
            worker.close()
    return base, other


def _fee_results(worker: FeeWorker | None):
    """A function giving the worker's (base, scenario) fee series, waited for once; (None, None) serial."""
    got: list = []

    def fees():
        if not got:
            got.append(worker.result() if worker is not None else (None, None))
        return got[0]
    return fees


def leave_mode(store: Store) -> str:
    """The setting projektion_abgang_mit_3 in force (for the exports' Info)."""
    with store.session() as session:
        return read_setting(session, LEAVE_SETTING)


def with_fee_file(scenario: Scenario, path: str, gueltig_ab: date | None = None) -> Scenario:
    """The scenario with the fee tables of an xlsx file (sheet Beitragstabelle, interfaces.md §3);
    `gueltig_ab` re-dates a single table of the file."""
    from kitadesk.importer.fee_file import read_fee_tables

    tables = read_fee_tables(path)
    if gueltig_ab is not None:
        if len(tables) != 1:
            raise InputError(f"{path}: die Datei enthält {len(tables)} Beitragstabellen – „ab“ geht nur bei einer.")
        tables = [replace(tables[0], gueltig_ab=gueltig_ab)]
    return replace(scenario, fee_tables=tuple(tables), fee_file=str(path))


def export_projection(store: Store, user: str, base: Projection, other: Projection | None, path: str | Path,
                      srt: str | None = None, kind: str = "xlsx") -> Path:
    """The projection as workbook (`kind` xlsx) or PDF — right `lesen` (sums, no personal data,
    so not audited); a refused report becomes the user's German error."""
    from kitadesk.ops.exports import check_export, write_checked
    from kitadesk.reports.projection import write_projection_pdf, write_projection_workbook

    check_export(store, user, "lesen")
    if kind == "pdf":
        return write_checked(lambda: write_projection_pdf(base, other, path, srt, user))
    mode = leave_mode(store)
    return write_checked(lambda: write_projection_workbook(base, other, path, srt, user, mode))
