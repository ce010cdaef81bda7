"""Rows of the payout inputs for the window (issue 14 item 1): absences, Monatsmeldungen and
Sonderbeträge — of one carer, or of a month and SRT (the payout page's "Eingaben des Monats").
Read-only; the writes are ops/records/pay_inputs.py."""

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from kitadesk.models import Absence, Carer, Child, Monatsmeldung, Placement, Sonderbetrag
from kitadesk.ops.records.pay_inputs import AbsenceData, MeldungData, SonderData


@dataclass(frozen=True)
class Scope:
    """Which records a list shows: one carer's, or a month's (of one SRT; None = all)."""

    carer_id: int | None = None
    year: int | None = None
    month: int | None = None
    srt: str | None = None

    def bounds(self) -> tuple[date, date] | None:
        if self.year is None or self.month is None:
            return None
        return date(self.year, self.month, 1), date(self.year, self.month,
                                                    calendar.monthrange(self.year, self.month)[1])


@dataclass(frozen=True)
class AbsenceRow:
    id: int
    version: int
    carer_id: int
    carer_nr: str
    carer_name: str
    srt: str
    von: date
    bis: date
    art: str
    substitute_nr: str
    substitute_name: str


@dataclass(frozen=True)
class MeldungRow:
    id: int
    version: int
    child_id: int
    child_nr: str
    child_name: str
    srt: str
    datum: date
    stunden: Decimal
    carer_nr: str  # carer of the child's placement on that day ('' if none)


@dataclass(frozen=True)
class SonderRow:
    id: int
    version: int
    carer_id: int
    carer_nr: str
    carer_name: str
    srt: str
    child_nr: str
    monat: str
    betrag: Decimal
    grund: str
    erfasst_von: str


def absence_rows(session: Session, scope: Scope) -> list[AbsenceRow]:
    sub = aliased(Carer)
    stmt = (select(Absence.id, Absence.version, Carer.id, Carer.nr, Carer.nachname, Carer.vorname, Carer.srt,
                   Absence.von, Absence.bis, Absence.art, sub.nr, sub.nachname, sub.vorname)
            .join(Carer, Carer.id == Absence.carer_id).outerjoin(sub, sub.id == Absence.substitute_id)
            .order_by(Absence.von, Carer.nr))
    if scope.carer_id is not None:
        stmt = stmt.where(or_(Absence.carer_id == scope.carer_id, Absence.substitute_id == scope.carer_id))
    if (bounds := scope.bounds()) is not None:
        stmt = stmt.where(Absence.von <= bounds[1], Absence.bis >= bounds[0])
    if scope.srt is not None:
        stmt = stmt.where(or_(Carer.srt == scope.srt, sub.srt == scope.srt))
    return [AbsenceRow(i, v, cid, nr, f"{n}, {vn}", srt, von, bis, art, snr or "", f"{sn}, {sv}" if snr else "")
            for i, v, cid, nr, n, vn, srt, von, bis, art, snr, sn, sv in session.execute(stmt)]


def meldung_rows(session: Session, scope: Scope) -> list[MeldungRow]:
    stmt = (select(Monatsmeldung.id, Monatsmeldung.version, Child.id, Child.nr, Child.nachname, Child.vorname,
                   Child.srt, Monatsmeldung.datum, Monatsmeldung.stunden)
            .join(Child, Child.id == Monatsmeldung.child_id).order_by(Monatsmeldung.datum, Child.nr))
    if (bounds := scope.bounds()) is not None:
        stmt = stmt.where(Monatsmeldung.datum.between(*bounds))
    found = list(session.execute(stmt))
    carers = _carers_on(session, {r[2] for r in found})
    rows = []
    for i, v, kid, nr, n, vn, srt, datum, stunden in found:
        on_day = [(cid, cnr, csrt) for cid, cnr, csrt, beginn, ende in carers.get(kid, [])
                  if beginn <= datum and (ende is None or ende >= datum)]
        if scope.carer_id is not None and scope.carer_id not in {c[0] for c in on_day}:
            continue
        if scope.srt is not None and srt != scope.srt and scope.srt not in {c[2] for c in on_day}:
            continue
        rows.append(MeldungRow(i, v, kid, nr, f"{n}, {vn}", srt, datum, stunden, ", ".join(c[1] for c in on_day)))
    return rows


def _carers_on(session: Session, child_ids: set[int]) -> dict[int, list[tuple]]:
    result: dict[int, list[tuple]] = {}
    if not child_ids:
        return result
    stmt = (select(Placement.child_id, Carer.id, Carer.nr, Carer.srt, Placement.beginn, Placement.ende)
            .join(Carer, Carer.id == Placement.carer_id).where(Placement.child_id.in_(child_ids)))
    for kid, *rest in session.execute(stmt):
        result.setdefault(kid, []).append(tuple(rest))
    return result


def sonder_rows(session: Session, scope: Scope) -> list[SonderRow]:
    stmt = (select(Sonderbetrag.id, Sonderbetrag.version, Carer.id, Carer.nr, Carer.nachname, Carer.vorname,
                   Carer.srt, Child.nr, Sonderbetrag.monat, Sonderbetrag.betrag, Sonderbetrag.grund,
                   Sonderbetrag.created_by)
            .join(Carer, Carer.id == Sonderbetrag.carer_id).outerjoin(Child, Child.id == Sonderbetrag.child_id)
            .order_by(Sonderbetrag.monat, Carer.nr))
    if scope.carer_id is not None:
        stmt = stmt.where(Sonderbetrag.carer_id == scope.carer_id)
    if scope.year is not None and scope.month is not None:
        stmt = stmt.where(Sonderbetrag.monat == f"{scope.year:04d}-{scope.month:02d}")
    if scope.srt is not None:
        stmt = stmt.where(Carer.srt == scope.srt)
    return [SonderRow(i, v, cid, nr, f"{n}, {vn}", srt, knr or "", monat, betrag, grund, by or "")
            for i, v, cid, nr, n, vn, srt, knr, monat, betrag, grund, by in session.execute(stmt)]


def load_absence(session: Session, record_id: int) -> tuple[AbsenceData, int, str]:
    """(form data, version, SRT of the carer) of a stored absence."""
    a = session.get_one(Absence, record_id)
    return AbsenceData(a.carer_id, a.von, a.bis, a.art, a.substitute_id), a.version, session.get_one(Carer, a.carer_id).srt


def load_meldung(session: Session, record_id: int) -> tuple[MeldungData, int, str]:
    m = session.get_one(Monatsmeldung, record_id)
    return MeldungData(m.child_id, m.datum, m.stunden), m.version, session.get_one(Child, m.child_id).srt


def load_sonder(session: Session, record_id: int) -> tuple[SonderData, int, str]:
    s = session.get_one(Sonderbetrag, record_id)
    return (SonderData(s.carer_id, s.monat, s.betrag, s.grund, s.child_id), s.version,
            session.get_one(Carer, s.carer_id).srt)



def form_choices(session: Session) -> tuple[set[tuple[int, int]], list, list]:
    """What the payout-input forms offer: finalized months, carers, children."""
    from kitadesk.ops.queries import child_choices
    from kitadesk.ops.records.pay_inputs import finalized_months

    return finalized_months(session), all_carer_choices(session), child_choices(session)


def all_carer_choices(session: Session) -> list[tuple[int, str]]:
    """(id, 'Nr – Name, Vorname (SRT)') of every carer (an old absence may name a carer who left)."""
    stmt = select(Carer.id, Carer.nr, Carer.nachname, Carer.vorname, Carer.srt).order_by(Carer.nachname)
    return [(i, f"{nr} – {n}, {v} ({s})") for i, nr, n, v, s in session.execute(stmt)]
