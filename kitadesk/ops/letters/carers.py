"""Carers' letters of a month (R-V1, R-V4, R-V5, R-G10) from the finalized payout runs.

Due (decisions where the spec is silent):
- Only a FINALIZED run of the month counts (the amount a Bescheid states must not change
  afterwards); without one there is a note and no carer letter.
- The monthly amount is the sum of the carer's regular lines — correction lines (§8),
  Übertrag and Vortrag (R-G10) are one-off settlements, not the laufende Geldleistung. It is
  compared with the carer's regular lines in the last finalized run before the month.
- No regular lines before, some now → Bescheid `tpp` (new carer, or care taken up again).
  Both, with different sums → Änderungsbescheid; if the archive holds no earlier Bescheid
  for the carer, a full Bescheid instead (an Änderungsbescheid must name the one it changes).
  Lines before, none now → Änderungsbescheid to 0,00 € (care ended).
- A Vortrag (negative balance, R-G10) while no placement or Vertretungsplatz of the carer
  continues after the month → Rückforderungsbescheid instead (rueckforderung.py).
  The same balance carried on into later months is not demanded again (the archive keeps
  the amount of each Rückforderung in `eingabe.betrag`).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kitadesk.domain.calendar import month_range
from kitadesk.domain.lines import BETREUUNG, KORREKTUR_PREFIX, UEBERTRAG, VORTRAG, Line
from kitadesk.domain.tiers import tier_changes
from kitadesk.formats import day, hours, money
from kitadesk.models import ABGESCHLOSSEN, Carer, Child, Fortbildung, Letter, PayoutRun, Placement, Vertretungsplatz
from kitadesk.ops.letters import rueckforderung
from kitadesk.ops.letters.due import DueLetter, last_letter_dates
from kitadesk.ops.letters.office import Office, carer_address
from kitadesk.ops.payout import run_lines, stored_settings
from kitadesk.reports.letters import Aenderungsbescheid, CarerBescheid, Change, LetterLine
from kitadesk.reports.letters.tables import period

ZERO = Decimal("0.00")


def regular(line: Line) -> bool:
    return not (line.position.startswith(KORREKTUR_PREFIX) or line.position in (UEBERTRAG, VORTRAG))


def _total(lines) -> Decimal:
    return sum((ln.amount for ln in lines), ZERO)


def _by_carer(lines: list[Line]) -> dict[str, list[Line]]:
    out: dict[str, list[Line]] = defaultdict(list)
    for line in lines:
        out[line.carer_nr].append(line)
    return out


def finalized_run(session: Session, year: int, month: int, before: bool = False):
    """The finalized run of the month, or (before=True) the latest finalized run before it."""
    q = select(PayoutRun.id, PayoutRun.jahr, PayoutRun.monat, PayoutRun.lauf, PayoutRun.einstellungen) \
        .where(PayoutRun.status == ABGESCHLOSSEN)
    if before:
        q = q.where((PayoutRun.jahr < year) | ((PayoutRun.jahr == year) & (PayoutRun.monat < month)))
    else:
        q = q.where(PayoutRun.jahr == year, PayoutRun.monat == month)
    return session.execute(q.order_by(PayoutRun.jahr.desc(), PayoutRun.monat.desc(),
                                      PayoutRun.lauf.desc()).limit(1)).first()


class CarerPlan:
    """Loads the month once; `due()` lists the letters, `build()` makes one letter's input."""

    def __init__(self, session: Session, year: int, month: int):
        self.session, self.year, self.month = session, year, month
        self.period = f"{year:04d}-{month:02d}"
        self.start, self.end = month_range(year, month)
        self.notes: list[str] = []
        self.run = finalized_run(session, year, month)
        self.now: dict[str, list[Line]] = {}
        self.before: dict[str, list[Line]] = {}
        self.carers: dict[str, Carer] = {}
        self.children: dict[str, str] = {}
        self._courses: dict | None = None
        if self.run is None:
            draft = session.execute(select(PayoutRun.id).where(PayoutRun.jahr == year,
                                                               PayoutRun.monat == month)).first()
            self.notes.append(
                f"Für {month:02d}/{year} gibt es {'nur einen Entwurf' if draft else 'noch keinen'} "
                "Auszahlungslauf – Bescheide für Tagespflegepersonen erst nach dem Abschluss des Laufs.")
            return
        self.now = _by_carer(run_lines(session, self.run.id))
        self.prev_run = finalized_run(session, year, month, before=True)
        if self.prev_run is not None:
            self.before = _by_carer(run_lines(session, self.prev_run.id))
        nrs = set(self.now) | set(self.before)
        self.carers = {c.nr: c for c in _in(session, Carer, Carer.nr, nrs)}
        child_nrs = {ln.child_nr for lines in (*self.now.values(), *self.before.values())
                     for ln in lines if ln.child_nr}
        self.children = {c.nr: f"{c.vorname} {c.nachname}" for c in _in(session, Child, Child.nr, child_nrs)}

    # --- due -------------------------------------------------------------------------------------

    def due(self) -> list[DueLetter]:
        if self.run is None:
            return []
        ids = {c.id for c in self.carers.values()}
        earlier = last_letter_dates(self.session, Letter.carer_id, ids, ("tpp", "aenderung"), self.period)
        self.previous_letter = earlier
        continuing = self._continuing(ids)
        demanded = self._demanded(ids)
        out = []
        for nr in sorted(set(self.now) | set(self.before)):
            carer = self.carers.get(nr)
            if carer is None:
                continue
            now = [ln for ln in self.now.get(nr, ()) if regular(ln)]
            before = [ln for ln in self.before.get(nr, ()) if regular(ln)]
            vortrag = _total(ln for ln in self.now.get(nr, ()) if ln.position == VORTRAG)
            new, old = _total(now), _total(before)
            base: dict[str, Any] = dict(category="carer", period=self.period, recipient=f"{carer.nachname}, {carer.vorname}",
                        srt=carer.srt, nr=nr, carer_id=carer.id, new_amount=new,
                        problem=carer_address(carer)[2])
            if vortrag > 0 and carer.id not in continuing:
                if demanded.get(carer.id) != vortrag:  # the same balance carried on is not demanded twice
                    out.append(DueLetter("rueckforderung", reason=(
                        f"Negativer Saldo {money(vortrag)} und keine weiteren Zahlungen (R-G10)"),
                        **base | {"new_amount": vortrag}))
            elif not before and now:
                why = "neue Tagespflegeperson" if carer.id not in earlier else "Betreuung wieder aufgenommen"
                out.append(DueLetter("tpp", reason=f"{why}: {money(new)} monatlich", **base))
            elif before and new != old:
                if carer.id in earlier:
                    why = "Betreuung beendet" if not now else "Monatsbetrag geändert"
                    out.append(DueLetter("aenderung", reason=f"{why}: {money(old)} → {money(new)}",
                                         old_amount=old, **base | {"category": "changed"}))
                elif now:
                    out.append(DueLetter("tpp", reason=(
                        f"Monatsbetrag geändert: {money(old)} → {money(new)} (kein früherer Bescheid im Archiv)"),
                        old_amount=old, **base))
        return out

    def _demanded(self, ids: set[int]) -> dict[int, Decimal]:
        """carer id → amount of the latest Rückforderungsbescheid before the month."""
        out: dict[int, tuple] = {}
        for cid, monat, data in self.session.execute(select(Letter.carer_id, Letter.monat, Letter.eingabe).where(
                Letter.art == "rueckforderung", Letter.monat < self.period)):
            if cid in ids and (cid not in out or monat > out[cid][0]):
                out[cid] = (monat, Decimal((data or {}).get("betrag") or "0"))
        return {cid: amount for cid, (_, amount) in out.items()}

    def _continuing(self, ids: set[int]) -> set[int]:
        """Carers with a placement or Vertretungsplatz going on after the month (further payouts)."""
        out = set()
        for cid, ende in self.session.execute(select(Placement.carer_id, Placement.ende)):
            if cid in ids and (ende is None or ende > self.end):
                out.add(cid)
        for cid, bis in self.session.execute(select(Vertretungsplatz.carer_id, Vertretungsplatz.bis)):
            if cid in ids and (bis is None or bis > self.end):
                out.add(cid)
        for carer in self.carers.values():
            if carer.taetig_bis is not None and carer.taetig_bis <= self.end:
                out.discard(carer.id)
        return out

    # --- building --------------------------------------------------------------------------------

    def _letter_lines(self, lines) -> tuple[LetterLine, ...]:
        return tuple(LetterLine.from_line(ln, self.children.get(ln.child_nr) if ln.child_nr else None)
                     for ln in lines)

    def _head(self, carer: Carer, office: Office, today: date, overrides=None) -> dict:
        address, salutation, problem = carer_address(carer)
        if address is None:
            raise ValueError(problem)
        return dict(letterhead=office.letterhead, contact=office.contact(carer.srt), address=address,
                    aktenzeichen=office.aktenzeichen(carer.srt, carer.nr, self.year), date=today,
                    salutation=salutation, text_overrides=overrides if overrides is not None else office.overrides)

    def tier(self, carer: Carer) -> str:
        """The carer's tier at the month's end (R-C5), '…, ab dem … qualifiziert' if it changed in the month."""
        if self._courses is None:  # all carers' Fortbildungen in one query
            self._courses = defaultdict(list)
            for cid, datum, stunden in self.session.execute(
                    select(Fortbildung.carer_id, Fortbildung.datum, Fortbildung.stunden)):
                self._courses[cid].append((datum, stunden))
        changes = tier_changes(carer.qualifikation or "", carer.qualifikation_seit, carer.taetig_seit,
                               self._courses.get(carer.id, []), stored_settings(self.run.einstellungen), self.end)
        current = [c for c in changes if c.von <= self.end]
        tier = current[-1].tier if current else "basis"
        if current and current[-1].von > self.start:
            before = current[-2].tier if len(current) > 1 else "basis"
            return f"{before}, ab dem {day(current[-1].von)} {tier}"
        return tier

    def build(self, due: DueLetter, office: Office, today: date):
        carer = self.carers[due.nr]
        now = [ln for ln in self.now.get(due.nr, ()) if regular(ln)]
        if due.art == "tpp":
            return CarerBescheid(**self._head(carer, office, today), carer_name=f"{carer.vorname} {carer.nachname}",
                                 year=self.year, month=self.month, tier=self.tier(carer),
                                 lines=self._letter_lines(now))
        if due.art == "aenderung":
            before = [ln for ln in self.before.get(due.nr, ()) if regular(ln)]
            return Aenderungsbescheid(
                **self._head(carer, office, today), topic="die laufende Geldleistung",
                previous_date=self.previous_letter[carer.id], effective_from=self.start,
                changes=self.changes(before, now), amount_label="Monatliche Geldleistung",
                old_amount=_total(before), new_amount=_total(now), lines=self._letter_lines(now))
        if due.art == "rueckforderung":
            lines = [ln for ln in self.now.get(due.nr, ()) if ln.position != VORTRAG]
            return Aenderungsbescheid(
                **self._head(carer, office, today, rueckforderung.overrides(office.overrides)),
                topic="die laufende Geldleistung", previous_date=self.start, effective_from=self.start,
                changes=(), amount_label="Zu erstattender Betrag", old_amount=ZERO, new_amount=due.new_amount or ZERO,
                lines=self._letter_lines(lines))
        raise ValueError(f"Briefart {due.art} gehört nicht zu den Tagespflegepersonen.")

    def changes(self, before: list[Line], now: list[Line]) -> tuple[Change, ...]:
        """What changed, per child and per carer position: hours and amount (R-V4)."""
        def group(lines: list[Line]) -> dict[str, list[Line]]:
            out: dict[str, list[Line]] = defaultdict(list)
            for ln in lines:
                out[self.children.get(ln.child_nr, ln.child_nr) if ln.child_nr else ln.position].append(ln)
            return out

        def text(lines) -> str:
            if not lines:
                return "–"
            care = [ln for ln in lines if ln.position == BETREUUNG and ln.hours is not None]
            amount = money(_total(lines))
            if len(care) > 1:   # a version change in the month: the hours of each period (R-V4)
                return "; ".join(f"{period(ln.von, ln.bis)}: {hours(ln.hours)} Std." for ln in care) + f" · {amount}"
            if care:
                return f"{hours(care[0].hours)} Std. · {amount}"
            return amount

        old, new = group(before), group(now)
        result = []
        for name in dict.fromkeys([*old, *new]):
            a, b = old.get(name, []), new.get(name, [])
            if _total(a) == _total(b) and [ln.hours for ln in a] == [ln.hours for ln in b]:
                continue
            is_child = any(ln.child_nr for ln in a + b)
            subject = f"Kind {name}" if is_child else name
            if is_child and not a:
                subject += " (neu)"
            elif is_child and not b:
                subject += " (Betreuung beendet)"
            result.append(Change(subject, text(a), text(b)))
        old_rates = {ln.rate for ln in before if ln.position == BETREUUNG}
        new_rates = {ln.rate for ln in now if ln.position == BETREUUNG}
        if old_rates and new_rates and old_rates != new_rates:
            fmt = lambda rates: " / ".join(money(r) for r in sorted(rates))  # noqa: E731
            result.append(Change("Stundensatz Betreuung", fmt(old_rates), fmt(new_rates)))
        return tuple(result)


def _in(session: Session, model, column, values: set):
    ordered = sorted(values)
    for i in range(0, len(ordered), 900):
        yield from session.scalars(select(model).where(column.in_(ordered[i:i + 900])))
