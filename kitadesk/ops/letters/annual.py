"""Jahresbescheinigung per carer and year (R-V5) from the year's finalized payout runs.

Every line of a finalized run counts in the month it was paid (its run's month), by position —
corrections, Übertrag and Vortrag included, so that the year's total is what was paid out.
A statement is only produced once December of the year is finalized (a statement for the tax
office must cover the whole year; the archive prevents a second one).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from kitadesk.formats import money
from kitadesk.models import ABGESCHLOSSEN, Carer, PayoutLine, PayoutRun
from kitadesk.ops.letters.due import DueLetter
from kitadesk.ops.letters.office import Office, carer_address
from kitadesk.reports.letters import Jahresbescheinigung, MonthAmount

ZERO = Decimal("0.00")


class AnnualPlan:
    def __init__(self, session: Session, year: int, nrs: set[str] | None = None):
        self.session, self.year, self.period = session, year, f"{year:04d}"
        self.notes: list[str] = []
        latest = {}
        for rid, monat, _lauf in session.execute(
                select(PayoutRun.id, PayoutRun.monat, PayoutRun.lauf)
                .where(PayoutRun.status == ABGESCHLOSSEN, PayoutRun.jahr == year)
                .order_by(PayoutRun.monat, PayoutRun.lauf)):
            latest[monat] = rid
        self.months = sorted(latest)
        self.complete = 12 in latest
        if not self.complete:
            self.notes.append(f"Das Jahr {year} ist noch nicht abgeschlossen (Auszahlungslauf 12/{year} fehlt) – "
                              "Jahresbescheinigungen erst danach.")
        month_of = {rid: monat for monat, rid in latest.items()}
        self.amounts: dict[str, list[MonthAmount]] = defaultdict(list)
        ids = list(month_of)
        if ids:
            q = select(PayoutLine.run_id, PayoutLine.carer_nr, PayoutLine.position, PayoutLine.betrag) \
                .where(PayoutLine.run_id.in_(ids))
            if nrs is not None:
                q = q.where(PayoutLine.carer_nr.in_(sorted(nrs)))
            for rid, nr, position, betrag in session.execute(q.order_by(PayoutLine.id)):
                self.amounts[nr].append(MonthAmount(position, month_of[rid], betrag))
        self.carers = {}
        names = sorted(self.amounts)
        for i in range(0, len(names), 900):
            for carer in session.scalars(select(Carer).where(Carer.nr.in_(names[i:i + 900]))):
                self.carers[carer.nr] = carer

    def due(self) -> list[DueLetter]:
        out = []
        problem = "" if self.complete else f"Auszahlungslauf 12/{self.year} ist noch nicht abgeschlossen"
        for nr in sorted(self.amounts):
            carer = self.carers.get(nr)
            if carer is None:
                continue
            total = sum((a.amount for a in self.amounts[nr]), ZERO)
            out.append(DueLetter("jahr", "annual", self.period, f"{carer.nachname}, {carer.vorname}",
                                 f"Auszahlungen {self.year}: {money(total)}", carer.srt, nr, carer_id=carer.id,
                                 new_amount=total, problem=problem or carer_address(carer)[2]))
        return out

    def build(self, due: DueLetter, office: Office, today: date) -> Jahresbescheinigung:
        carer = self.carers[due.nr]
        address, salutation, problem = carer_address(carer)
        if address is None:
            raise ValueError(problem)
        return Jahresbescheinigung(
            letterhead=office.letterhead, contact=office.contact(carer.srt), address=address,
            aktenzeichen=office.aktenzeichen(carer.srt, carer.nr, self.year), date=today, salutation=salutation,
            text_overrides=office.overrides, carer_name=f"{carer.vorname} {carer.nachname}", year=self.year,
            amounts=tuple(self.amounts[due.nr]))
