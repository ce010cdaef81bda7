"""A payout run as report data (reports/data.py) and its exports — the UI and the CLI call
the same functions, so they export exactly the same thing (interfaces.md §4).

Decisions where the spec is silent:
- A finalized run pays what was finalized: name, IBAN and BIC of each payment are the ones
  stored when the run was finalized (`payout_payments`); an account changed since does not
  alter the file (the change applies from the next run). Drafts show the current data.
- Screens show IBANs only to users who may see them for the carer's SRT (issue 8,
  `sensible_daten`). Documents never depend on who looks (issue 15): workbook, PDF and SEPA
  file hold every payee's IBAN and need `auszahlung_berechnen` plus `sensible_daten` for
  every payee's SRT — else nothing is written (ops/exports.py). Each export is audited.
- SEPA execution date: day `sepa_ausfuehrung_tag` (default 1) of the month after the payout
  month; if that is not in the future, the next weekday after today.
- Nothing is written when any requested export is refused: every file is first written to a
  temporary file beside its target (`prepare_exports`) and only then moved into place
  (`PreparedExports.publish`) — after the finalizing transaction committed, for the CLI.
"""

import os
import tempfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from kitadesk import __version__
from kitadesk.errors import InputError, KitaDeskError
from kitadesk.models import Carer, Child, PayoutPayment, PayoutRun
from kitadesk.ops.base import Actor, load_actor
from kitadesk.ops.exports import as_user_error, record_export, require_export
from kitadesk.ops.payout import WITHOUT_INPUTS, run_lines
from kitadesk.ops.payout_inputs import gc_paused
from kitadesk.ops.settings import get_setting
from kitadesk.reports.data import STATUS_DRAFT, STATUS_FINAL, PayoutCarer, PayoutReport, PayoutRunInfo, SepaPayer
from kitadesk.reports.errors import ReportError
from kitadesk.reports.output import ensure_folder
from kitadesk.store import Store


def build_report(session: Session, run_id: int, database: str, actor: Actor | None = None) -> PayoutReport:
    """Map a stored run and its payees into a PayoutReport. For a screen pass `actor`: IBANs
    it may not see are hidden. Documents pass none (complete data, rights checked before)."""
    run = session.get(PayoutRun, run_id, options=[WITHOUT_INPUTS])
    if run is None:
        raise InputError(f"Auszahlungslauf {run_id} nicht gefunden.")
    lines = run_lines(session, run.id)
    nrs = {line.carer_nr for line in lines}
    paid = {row.carer_nr: row for row in session.execute(
        select(PayoutPayment.carer_nr, PayoutPayment.nachname, PayoutPayment.vorname, PayoutPayment.iban,
               PayoutPayment.bic).where(PayoutPayment.run_id == run.id))}
    carers = []
    for nr, nachname, vorname, srt, iban, bic in session.execute(
            select(Carer.nr, Carer.nachname, Carer.vorname, Carer.srt, Carer.iban, Carer.bic)):
        if nr in paid:  # finalized: the payee as paid (module doc)
            nachname, vorname, iban, bic = paid[nr][1:]
        if nr in nrs:
            visible = actor is None or actor.can_see_sensitive(srt)
            carers.append(PayoutCarer(nr, nachname, vorname, srt, iban if visible else None,
                                      bic if visible else None))
    info = PayoutRunInfo(
        year=run.jahr, month=run.monat, number=run.nummer,
        status=STATUS_FINAL if run.finalized else STATUS_DRAFT,
        created_at=(run.abgeschlossen_am if run.finalized else None) or run.erstellt_am,
        created_by=(run.abgeschlossen_von if run.finalized else None) or run.erstellt_von,
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


def sepa_blockers(store: Store, report: PayoutReport) -> list[str]:
    """What would refuse the SEPA file of this run (payer account, IBANs, names) as German lines —
    the finalize confirmation lists them before the run (and its accounts) is closed."""
    from kitadesk.reports.sepa import check_ibans, payer_problems

    with store.session() as session:
        payer = sepa_payer(session, report.info.year, report.info.month)
    return payer_problems(payer) + check_ibans(report)


@dataclass
class Exported:
    xlsx: Path | None = None
    pdf: Path | None = None
    sepa: Path | None = None
    sepa_payments: int = 0


def check_targets(*paths: str | Path | None) -> None:
    """Refuse export targets that cannot be written (before anything is computed or changed)."""
    for path in paths:
        if path is None:
            continue
        path = Path(path)
        folder = path.parent
        if path.is_dir():
            raise KitaDeskError(f"Export nicht möglich: {path} ist ein Ordner, keine Datei.")
        try:
            ensure_folder(folder)  # missing folders are created, as for backups (issue 16)
        except ReportError as exc:
            raise as_user_error(exc) from exc
        if not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
            raise KitaDeskError(f"Export nicht möglich: {path} kann nicht geschrieben werden (keine Schreibrechte).")


@dataclass
class PreparedExports:
    """Exports written to temporary files beside their targets; `publish` moves them into place."""

    files: list[tuple[Path, Path]] = field(default_factory=list)  # (temporary, target)
    done: Exported = field(default_factory=Exported)

    def temporary(self, target: Path) -> Path:
        fd, tmp = tempfile.mkstemp(prefix=".kitadesk-", suffix=f".part{target.suffix}", dir=target.parent)
        os.close(fd)
        self.files.append((Path(tmp), target))
        return Path(tmp)

    def publish(self) -> Exported:
        for tmp, target in self.files:
            os.replace(tmp, target)
        self.files = []
        return self.done

    def discard(self) -> None:
        for tmp, _target in self.files:
            tmp.unlink(missing_ok=True)
        self.files = []


def check_sepa(report: PayoutReport, actor: Actor, payer: SepaPayer) -> bytes:
    """The SEPA file of a run, or a German refusal: rights to every payee's account, payer account
    (not the example one), every IBAN and name (reports/sepa.py). Nothing is written."""
    from kitadesk.reports.sepa import build_sepa

    try:
        return build_sepa(report, payer)
    except ReportError as exc:
        raise as_user_error(exc) from exc


def prepare_exports(report: PayoutReport, actor: Actor, payer: SepaPayer | None, xlsx: str | Path | None = None,
                    pdf: str | Path | None = None, sepa: str | Path | None = None) -> PreparedExports:
    """Write the requested exports to temporary files (SEPA checked first); on any refusal
    nothing is left behind. The caller publishes or discards the result."""
    from kitadesk.reports.payout_list import write_payout_list
    from kitadesk.reports.payout_workbook import write_payout_workbook

    require_export(actor, "auszahlung_berechnen", (c.srt for c in report.carers))  # whole document or nothing
    check_targets(xlsx, pdf, sepa)
    assert payer is not None or not sepa, "a SEPA file needs the payer (sepa_payer)"
    prepared = PreparedExports()
    done = prepared.done
    try:
        xml = check_sepa(report, actor, payer) if sepa and payer is not None else None
        if xlsx:
            write_payout_workbook(report, prepared.temporary(Path(xlsx)))
            done.xlsx = Path(xlsx)
        if pdf:
            write_payout_list(report, prepared.temporary(Path(pdf)))
            done.pdf = Path(pdf)
        if xml is not None and sepa:
            prepared.temporary(Path(sepa)).write_bytes(xml)
            done.sepa, done.sepa_payments = Path(sepa), len(report.payments)
    except ReportError as exc:
        prepared.discard()
        raise as_user_error(exc) from exc
    except OSError as exc:
        prepared.discard()
        raise KitaDeskError(f"Datei konnte nicht geschrieben werden: {exc.filename or ''} ({exc.strerror}).") from exc
    except BaseException:
        prepared.discard()
        raise
    return prepared


def export_run(store: Store, user: str, run_id: int, xlsx: str | Path | None = None, pdf: str | Path | None = None,
               sepa: str | Path | None = None, today: date | None = None) -> Exported:
    """Write the requested exports of a run (workbook, PDF list, SEPA pain.001). The same
    documents for everyone allowed; refused before anything is written otherwise; audited."""
    with gc_paused(), store.session(user) as session:
        actor = load_actor(session, user)
        report = build_report(session, run_id, store.describe())
        require_export(actor, "auszahlung_berechnen", (c.srt for c in report.carers))
        payer = sepa_payer(session, report.info.year, report.info.month, today) if sepa else None
    done = prepare_exports(report, actor, payer, xlsx, pdf, sepa).publish()
    kinds = [k for k, v in (("Arbeitsmappe", xlsx), ("Auszahlungsliste", pdf), ("SEPA-Datei", sepa)) if v]
    record_export(store, user, f"Auszahlung Lauf {report.info.number}: {', '.join(kinds)}", (xlsx, pdf, sepa))
    return done
