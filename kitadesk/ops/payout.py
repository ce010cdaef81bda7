"""Payout runs (Auszahlungsläufe, berechnung.md §8): draft, finalize, corrections, carry.

Decisions where the spec is silent:
- One run per month. `compute_draft` creates the month's draft (`JJJJ-MM/1`) or replaces
  the lines of the existing draft in place (same id and number). A finalized month gets no
  second run: a change reaching back into it is booked as correction lines in the earliest
  month not yet finalized (§8), so `compute_draft` for a finalized month is refused. `n`
  in `JJJJ-MM/n` is 1 + the highest number of the month so far (kept for a future Nachlauf).
- Order: a month is not computed when a LATER month is already finalized, and not finalized
  while an EARLIER month still has an open draft (otherwise carry-in and corrections would
  be booked twice or not at all). Months are finalized without gaps: once a month is
  finalized, the next one finalized must be the month after it (a month never computed
  would otherwise never be paid — its carers' lines cannot be booked later, R-K4 books
  only changes). The first finalized month starts the sequence. System setting
  `abschluss_lueckenlos` (ja; alternative nein = only open drafts of earlier months block).
  Checked under a lock (payout_lock.py): two desks at once end in one order or the other.
- Finalize guards (window and CLI share them, `_check_finalizable`): not a month after the
  current month + 1 (`today`, injectable; default date.today()), not an empty run (no line
  at all). A run whose carers all sum to ≤ 0 (R-G10 carry/Rückforderung) may be finalized;
  it has no SEPA file (the CLI's --finalize --sepa is then refused as a whole).
- Finalize takes the digest of the draft the person saw (`RunSummary.digest`, shown in the
  dialog and printed by `kitadesk payout`) and refuses when the stored draft has another
  one — another desk recomputed it in between. The CLI computes and finalizes in one
  transaction (payout_month.py), so its digest is its own.
- Finalizing stores each payment with the payee's name, IBAN and BIC as they are at that
  moment (`payout_payments`, immutable with the run): SEPA re-exports pay what was finalized.
- Corrections: every finalized month of the 12 months before the run is checked. The ids +
  version numbers of every record a month used are stored on its run (`eingaben`), with a
  digest per table; a month whose current inputs give the same digests is skipped.
  Changed months are recomputed with the settings stored in their run and compared with
  their finalized lines plus the corrections booked for them since (domain/corrections.py).
  The digests a run looked at are stored too (`eingaben.korrekturen`), so a month already
  corrected is not recomputed again by the next run. Older months are not looked at.
- `finalize` recomputes the draft from the current data and refuses (nothing written) when
  the result differs from the stored draft or the settings changed — people finalize what
  they saw. Then the status changes in one transaction; triggers keep the run immutable.
- A cancelled computation raises `Cancelled` and writes nothing.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from kitadesk.domain.lines import Line, days_text, run_digest, totals_by_carer
from kitadesk.domain.payout import compute_month
from kitadesk.domain.settings import Auslegungen
from kitadesk.errors import FinalizedRunError, InputError, KitaDeskError
from kitadesk.models import ABGESCHLOSSEN, ENTWURF, Carer, PayoutLine, PayoutPayment, PayoutRun
from kitadesk.models.base import table_of
from kitadesk.models.session import now
from kitadesk.ops.base import load_actor, read_setting, unit_of_work
from kitadesk.ops.completeness import check_month
from kitadesk.ops.payout_corrections import (  # noqa: F401  (re-exported for the UI and CLI)
    LOOKBACK_MONTHS,
    WITHOUT_INPUTS,
    Cancel,
    Cancelled,
    Progress,
    _check,
    _corrections,
    _finalized_window,
    _from_ym,
    _label,
    _tick,
    _ym,
    digests,
    run_lines,
    run_number,
    stored_settings,
)
from kitadesk.ops.payout_inputs import MonthInputs, carry_in, gc_paused, load_pool, month_input
from kitadesk.ops.payout_lock import lock_all_runs, lock_month
from kitadesk.ops.payout_runs import (  # noqa: F401  (re-exported: ops.payout stays the public path)
    RunRow,
    RunSummary,
    changed_since,
    list_runs,
    month_run,
    require_right,
    summarize,
)
from kitadesk.ops.payout_runs import summarize as _summary  # noqa: F401  (payout_month imports this name)
from kitadesk.ops.settings import load_auslegungen
from kitadesk.store import Store


@dataclass
class Calculation:
    """A month computed from the current data (nothing written)."""

    year: int
    month: int
    settings: Auslegungen
    lines: list[Line]
    warnings: list[str]
    inputs: dict  # stored as PayoutRun.eingaben
    loaded: MonthInputs
    corrected_months: list[str] = field(default_factory=list)


# --- computing a month ---------------------------------------------------------------------------

BATCH = 1000  # payout lines per executemany


def calculate(session: Session, year: int, month: int, settings: Auslegungen, progress: Progress = None,
              cancel: Cancel = None) -> Calculation:
    """The month computed from the current data, with corrections and carry (writes nothing)."""
    window = _finalized_window(session, year, month)
    steps = 4 + len(window)
    _check(cancel)
    first = (window[0].jahr, window[0].monat) if window else (year, month)
    pool = load_pool(session, first, (year, month))
    loaded = month_input(pool, year, month, settings)
    loaded.inp.carry_in, loaded.carry_from = carry_in(session, year, month)
    _tick(progress, 1, steps)
    corrections, checked, corrected = _corrections(session, window, pool, progress, cancel, 1, steps)
    loaded.inp.corrections = corrections
    _check(cancel)
    lines = compute_month(loaded.inp, settings)
    _tick(progress, steps - 2, steps)
    _check(cancel)
    warnings = check_month(session, loaded, lines)
    _tick(progress, steps - 1, steps)
    inputs = {"versionen": loaded.versions, "pruefsummen": digests(loaded.versions), "korrekturen": checked,
              "vortrag_aus": loaded.carry_from}
    return Calculation(year, month, settings, lines, warnings, inputs, loaded, corrected)


def _month_runs(session: Session) -> list:
    return list(session.execute(select(PayoutRun.id, PayoutRun.jahr, PayoutRun.monat, PayoutRun.lauf,
                                  PayoutRun.status).order_by(PayoutRun.jahr, PayoutRun.monat,
                                                             PayoutRun.lauf)).all())


def _check_order(runs: list, year: int, month: int) -> None:
    """Refuse a month that is finalized or has a finalized month after it (module doc)."""
    here = _ym(year, month)
    done = [r for r in runs if r.status == ABGESCHLOSSEN and _ym(r.jahr, r.monat) == here]
    if done:
        raise FinalizedRunError(
            f"Der Monat {_label(year, month)} ist bereits abgeschlossen (Lauf {run_number(*done[-1][1:4])}). "
            "Spätere Änderungen werden als Korrektur im nächsten offenen Monat gebucht.")
    later = [r for r in runs if r.status == ABGESCHLOSSEN and _ym(r.jahr, r.monat) > here]
    if later:
        r = later[-1]
        raise KitaDeskError(
            f"Der Monat {_label(year, month)} kann nicht mehr berechnet werden: der spätere Monat "
            f"{_label(r.jahr, r.monat)} ist bereits abgeschlossen (Lauf {run_number(r.jahr, r.monat, r.lauf)}).")


def _validate_month(year: int, month: int) -> None:
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise InputError(f"Ungültiger Monat {month:02d}/{year} (erwartet JJJJ-MM).")


def _store_lines(session: Session, run_id: int, lines: list[Line]) -> None:
    session.execute(delete(PayoutLine).where(PayoutLine.run_id == run_id))
    # Core executemany on the table, no ORM bookkeeping (30,000 lines at 10×), in batches of BATCH
    connection, statement = session.connection(), insert(table_of(PayoutLine))
    for start in range(0, len(lines), BATCH):
        connection.execute(statement, [
            dict(run_id=run_id, carer_nr=ln.carer_nr, child_nr=ln.child_nr, position=ln.position, regel=ln.rule,
                 von=ln.von, bis=ln.bis, stunden=ln.hours, satz=ln.rate, betrag=ln.amount, begruendung=ln.why,
                 wochenstunden=ln.weekly_hours, tage=days_text(ln.days))
            for ln in lines[start:start + BATCH]])


def draft_in(session: Session, user: str, year: int, month: int, progress: Progress = None,
             cancel: Cancel = None) -> tuple[PayoutRun, Calculation]:
    """Create or replace the month's draft inside the caller's locked transaction (lock_month)."""
    runs = _month_runs(session)
    _check_order(runs, year, month)
    calc = calculate(session, year, month, load_auslegungen(session), progress, cancel)
    _check(cancel)
    own = [r for r in runs if (r.jahr, r.monat) == (year, month)]
    draft = next((r for r in reversed(own) if r.status == ENTWURF), None)
    found = session.get(PayoutRun, draft.id, options=[WITHOUT_INPUTS]) if draft is not None else None
    if found is not None:
        run = found
    else:
        run = PayoutRun(jahr=year, monat=month, lauf=max((r.lauf for r in own), default=0) + 1)
        session.add(run)
    run.status = ENTWURF
    run.erstellt_am, run.erstellt_von = now(), user
    run.einstellungen = calc.settings.as_dict()
    run.eingaben = calc.inputs
    run.warnungen = calc.warnings
    run.summe = summarize(run, calc.lines, ()).total
    session.flush()
    _store_lines(session, run.id, calc.lines)
    _check(cancel)
    return run, calc


def compute_draft(store: Store, user: str, year: int, month: int, progress: Progress = None,
                  cancel: Cancel = None) -> RunSummary:
    """Create or replace the month's draft run (right `auszahlung_berechnen`); see module doc.

    progress(done, total) is called after each step; cancel() is polled between steps —
    when it returns True, `Cancelled` is raised and nothing is written.
    """
    _validate_month(year, month)
    with gc_paused(), unit_of_work(store, user) as session:
        lock_month(session, year, month)
        load_actor(session, user).require("auszahlung_berechnen")
        run, calc = draft_in(session, user, year, month, progress, cancel)
        summary = summarize(run, calc.lines, calc.warnings)
        _tick(progress, 1, 1)
    return summary


def _same(a: list[Line], b: list[Line]) -> bool:
    """Same lines, in any order (Line is a frozen dataclass: hashable, Decimal 6.7 == 6.70)."""
    if len(a) != len(b):
        return False
    return Counter(a) == Counter(b)


def current_month_limit(today: date | None = None) -> tuple[int, int]:
    """The latest month that may be finalized: the month after today's (payout in advance)."""
    today = today or date.today()
    return _from_ym(_ym(today.year, today.month) + 1)


def _check_finalizable(session: Session, run: PayoutRun, today: date | None) -> None:
    """The finalize guards shared by window and CLI (module doc): already final, future month,
    month order without gaps. Called under lock_all_runs."""
    if run.finalized:
        raise FinalizedRunError(f"Der Lauf {run.nummer} ist bereits abgeschlossen.")
    here = _ym(run.jahr, run.monat)
    limit = current_month_limit(today)
    if here > _ym(*limit):
        raise KitaDeskError(
            f"Der Lauf {run.nummer} kann noch nicht abgeschlossen werden: {_label(run.jahr, run.monat)} liegt "
            f"zu weit in der Zukunft (abschließen lässt sich höchstens der Folgemonat {_label(*limit)}).")
    runs = _month_runs(session)
    _check_order(runs, run.jahr, run.monat)
    open_before = [r for r in runs if r.status == ENTWURF and _ym(r.jahr, r.monat) < here]
    if open_before:
        r = open_before[0]
        raise KitaDeskError(
            f"Der Lauf {run.nummer} kann noch nicht abgeschlossen werden: der frühere Lauf "
            f"{run_number(r.jahr, r.monat, r.lauf)} ist noch ein Entwurf. Bitte zuerst diesen abschließen "
            "oder verwerfen.")
    final = [_ym(r.jahr, r.monat) for r in runs if r.status == ABGESCHLOSSEN]
    if final and here > max(final) + 1 and read_setting(session, "abschluss_lueckenlos") == "ja":
        gap, last = _from_ym(max(final) + 1), _from_ym(max(final))
        raise KitaDeskError(
            f"Der Lauf {run.nummer} kann noch nicht abgeschlossen werden: der Monat {_label(*gap)} ist noch nicht "
            f"abgeschlossen (zuletzt abgeschlossen: {_label(*last)}). Monate werden der Reihe nach "
            f"abgeschlossen – bitte zuerst {_label(*gap)} berechnen und abschließen.")


def finalize_in(session: Session, run: PayoutRun, user: str, lines: list[Line], today: date | None = None) -> None:
    """Close a draft inside the caller's transaction (lock_all_runs held): guards, the payments
    with the payees' accounts as they are now, then the status — LAST (triggers freeze all)."""
    _check_finalizable(session, run, today)
    if not lines:
        raise KitaDeskError(
            f"Der Lauf {run.nummer} enthält keine Zahlungen (keine Tagespflegeperson mit einer Position) und "
            "wird nicht abgeschlossen.")
    totals = {nr: amount for nr, amount in totals_by_carer(lines).items() if amount > 0}
    payees = session.execute(select(Carer.nr, Carer.nachname, Carer.vorname, Carer.iban, Carer.bic)
                             .where(Carer.nr.in_(list(totals)))).all()
    session.execute(delete(PayoutPayment).where(PayoutPayment.run_id == run.id))
    if payees:
        session.execute(insert(table_of(PayoutPayment)), [
            dict(run_id=run.id, carer_nr=nr, nachname=nachname, vorname=vorname, iban=iban, bic=bic,
                 betrag=totals[nr]) for nr, nachname, vorname, iban, bic in payees])
    run.status, run.abgeschlossen_am, run.abgeschlossen_von = ABGESCHLOSSEN, now(), user
    session.flush()


def finalize(store: Store, user: str, run_id: int, progress: Progress = None, *, digest: str | None = None,
             today: date | None = None) -> RunSummary:
    """Finalize a draft (right `auszahlung_abschliessen`) in one transaction; afterwards the
    run is immutable (session guard and database triggers, berechnung.md §8).

    `digest`: the RunSummary.digest of the draft the person looked at (the window passes it);
    refused when the stored draft changed since. `today`: the clock (finalize guards)."""
    with gc_paused(), unit_of_work(store, user) as session:
        lock_all_runs(session, f"Abschluss Lauf {run_id}")
        load_actor(session, user).require("auszahlung_abschliessen")
        run = session.get(PayoutRun, run_id, options=[WITHOUT_INPUTS])
        if run is None:
            raise InputError(f"Auszahlungslauf {run_id} nicht gefunden.")
        _check_finalizable(session, run, today)  # cheap guards before the recomputation
        stored = run_lines(session, run.id)
        if digest is not None and run_digest(stored, run.einstellungen) != digest:
            raise KitaDeskError(
                f"Der Entwurf {run.nummer} wurde inzwischen neu berechnet ({run.erstellt_von}, "
                f"{run.erstellt_am:%d.%m.%Y %H:%M}) und ist nicht mehr der angezeigte. Es wurde nichts "
                "abgeschlossen – bitte den Entwurf neu laden, prüfen und dann abschließen.")
        settings = load_auslegungen(session)
        calc = calculate(session, run.jahr, run.monat, settings, progress)
        same = settings.as_dict() == run.einstellungen and _same(calc.lines, stored)
        if not same:
            raise KitaDeskError(
                f"Der Entwurf {run.nummer} ist nicht mehr aktuell: Daten oder Einstellungen wurden seit der "
                f"Berechnung am {run.erstellt_am:%d.%m.%Y %H:%M} geändert. Bitte neu berechnen, prüfen und dann "
                "abschließen.")
        run.eingaben, run.warnungen = calc.inputs, calc.warnings
        finalize_in(session, run, user, calc.lines, today)
        summary = summarize(run, calc.lines, calc.warnings)
    return summary


def delete_draft(store: Store, user: str, run_id: int) -> str:
    """Discard a draft (right `auszahlung_berechnen`); returns its number."""
    with unit_of_work(store, user) as session:
        lock_all_runs(session, f"Entwurf {run_id} verwerfen")
        load_actor(session, user).require("auszahlung_berechnen")
        run = session.get(PayoutRun, run_id, options=[WITHOUT_INPUTS])
        if run is None:
            raise InputError(f"Auszahlungslauf {run_id} nicht gefunden.")
        if run.finalized:
            raise FinalizedRunError(f"Der Lauf {run.nummer} ist abgeschlossen und kann nicht verworfen werden.")
        number = run.nummer
        session.execute(delete(PayoutLine).where(PayoutLine.run_id == run_id))
        session.delete(run)
    return number


