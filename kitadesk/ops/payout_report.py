"""A payout run as report data (reports/data.py) and its exports — the UI and the CLI call
the same functions, so they export exactly the same thing (interfaces.md §4).

Decisions where the spec is silent:
- Payee master data (name, SRT, IBAN, BIC) are the CURRENT ones at export time: a carer
  who reported a new account after finalization is paid to it.
- Screens show IBANs only to users who may see them for the carer's SRT (issue 8,
  `sensible_daten`). Documents never depend on who looks (issue 15): workbook, PDF and SEPA
  file hold every payee's IBAN and need `auszahlung_berechnen` plus `sensible_daten` for
  every payee's SRT — else nothing is written (ops/exports.py). Each export is audited.
- SEPA execution date: day `sepa_ausfuehrung_tag` (default 1) of the month after the payout
  month; if that is not in the future, the next weekday after today.
- Nothing is written when any requested export is refused (SEPA is built first).
"""

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from kitadesk import __version__
from kitadesk.errors import InputError
from kitadesk.models import Carer, Child, PayoutRun
from kitadesk.ops.base import Actor, load_actor
from kitadesk.ops.exports import require_export, write_recorded
from kitadesk.ops.payout import WITHOUT_INPUTS, run_lines
from kitadesk.ops.payout_inputs import gc_paused
from kitadesk.ops.settings import get_setting
from kitadesk.reports.data import STATUS_DRAFT, STATUS_FINAL, PayoutCarer, PayoutReport, PayoutRunInfo, SepaPayer
from kitadesk.store import Store


def build_report(session: Session, run_id: int, database: str, actor: Actor | None = None) -> PayoutReport:
    """Map a stored run and its payees into a PayoutReport. For a screen pass `actor`: IBANs
    it may not see are hidden. Documents pass none (complete data, rights checked before)."""
    run = session.get(PayoutRun, run_id, options=[WITHOUT_INPUTS])
    if run is None:
        raise InputError(f"Auszahlungslauf {run_id} nicht gefunden.")
    lines = run_lines(session, run.id)
    nrs = {line.carer_nr for line in lines}
    carers = []
    for nr, nachname, vorname, srt, iban, bic in session.execute(
            select(Carer.nr, Carer.nachname, Carer.vorname, Carer.srt, Carer.iban, Carer.bic)):
        if nr in nrs:
            visible = actor is None or actor.can_see_sensitive(srt)
            carers.append(PayoutCarer(nr, nachname, vorname, srt, iban if visible else None,
                                      bic if visible else None))
    info = PayoutRunInfo(
        year=run.jahr, month=run.monat, number=run.nummer,
        status=STATUS_FINAL if run.finalized else STATUS_DRAFT,
        created_at=run.abgeschlossen_am if run.finalized else run.erstellt_am,
        created_by=run.abgeschlossen_von if run.finalized else run.erstellt_von,
        database=database, program_version=__version__, settings=dict(run.einstellungen or {}))
    child_nrs = {line.child_nr for line in lines if line.child_nr}
    children = {nr: f"{vorname} {nachname}" for nr, vorname, nachname in session.execute(
        select(Child.nr, Child.vorname, Child.nachname)) if nr in child_nrs}
    return PayoutReport(info, carers, lines, tuple(run.warnungen or ()), children)


def execution_date(year: int, month: int, day_of_month: int, today: date | None = None) -> date:
    """Day `day_of_month` of the month after the payout month; not before the next weekday."""
    today = today or date.today()
    y, m = (year + 1, 1) if month == 12 else (year, month + 1)
    wanted = date(y, m, min(max(day_of_month, 1), 28))
    earliest = today + timedelta(days=1)
    while earliest.weekday() >= 5:
        earliest += timedelta(days=1)
    return max(wanted, earliest)


def sepa_payer(session: Session, year: int, month: int, today: date | None = None) -> SepaPayer:
    """Payer account and execution date from the settings (ops/settings.py: sepa_*)."""
    return SepaPayer(
        name=get_setting(session, "sepa_name"), iban=get_setting(session, "sepa_iban"),
        bic=get_setting(session, "sepa_bic") or None,
        execution_date=execution_date(year, month, int(get_setting(session, "sepa_ausfuehrung_tag")), today),
        pain_version=get_setting(session, "sepa_pain_version") or None)


def payout_report(store: Store, user: str, run_id: int) -> PayoutReport:
    """The report of a run for `user` (right `lesen`)."""
    with store.session(user) as session:
        actor = load_actor(session, user)
        actor.require("lesen")
        return build_report(session, run_id, store.describe(), actor)


@dataclass
class Exported:
    xlsx: Path | None = None
    pdf: Path | None = None
    sepa: Path | None = None
    sepa_payments: int = 0


def export_run(store: Store, user: str, run_id: int, xlsx: str | Path | None = None, pdf: str | Path | None = None,
               sepa: str | Path | None = None, today: date | None = None) -> Exported:
    """Write the requested exports of a run (workbook, PDF list, SEPA pain.001). The same
    documents for everyone allowed; refused before anything is written otherwise."""
    from kitadesk.reports.output import write_bytes
    from kitadesk.reports.payout_list import write_payout_list
    from kitadesk.reports.payout_workbook import write_payout_workbook
    from kitadesk.reports.sepa import build_sepa

    with gc_paused(), store.session(user) as session:
        actor = load_actor(session, user)
        report = build_report(session, run_id, store.describe())
        require_export(actor, "auszahlung_berechnen", (c.srt for c in report.carers))
        payer = sepa_payer(session, report.info.year, report.info.month, today) if sepa else None
    done = Exported()

    def write() -> None:
        xml = build_sepa(report, payer) if sepa else None  # refused IBANs: nothing written at all
        if xlsx:
            done.xlsx = write_payout_workbook(report, xlsx)
        if pdf:
            done.pdf = write_payout_list(report, pdf)
        if xml is not None:
            done.sepa, done.sepa_payments = write_bytes(sepa, xml), len(report.payments)

    kinds = [k for k, v in (("Arbeitsmappe", xlsx), ("Auszahlungsliste", pdf), ("SEPA-Datei", sepa)) if v]
    write_recorded(store, user, f"Auszahlung Lauf {report.info.number}: {', '.join(kinds)}", write, (xlsx, pdf, sepa))
    return done
