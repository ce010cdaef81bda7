"""Parents' letters of a month (R-V1, R-V4, R-V5, R-E1..R-E3) from the explained fees.

Due (decisions where the spec is silent):
- a placement beginning in the month → parents' Bescheid (Förderung and Elternbeitrag);
- otherwise domain.fee_changes.bescheid_flags (income, hours, fee, waiver changed against the
  previous month) → Änderungsbescheid; if the archive holds no earlier parents' letter for the
  child, a full Bescheid instead (an Änderungsbescheid must name the one it changes).
- The letters state the MONTHLY fee (a full month, after Beitragsfreiheit, siblings rule and the
  waiver); day proration of a first or last month is a matter of the fee list, not of the Bescheid.
- A fee that is not set (no income declaration with `keine_festsetzung`, no fee table) cannot
  be decided: the letter is listed with the problem and not produced.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kitadesk.domain.calendar import month_range
from kitadesk.domain.fee_changes import bescheid_flags
from kitadesk.domain.fees import FeeResult, full_month_fee, full_month_waiver
from kitadesk.domain.periods import clip_versions, merge_months, months_until
from kitadesk.domain.timeplan import TimePlanError, parse_timeplan, summary
from kitadesk.formats import day, hours, money, number
from kitadesk.models import Carer, Child, Ermaessigung, Letter, Placement, PlacementVersion
from kitadesk.ops.fees import load_fee_tables, month_fees
from kitadesk.ops.letters.due import DueLetter, last_letter_dates
from kitadesk.ops.letters.office import Office, parents_address, parents_label
from kitadesk.ops.settings import load_auslegungen
from kitadesk.reports.letters import Aenderungsbescheid, CareTerm, Change, FeePeriod, ParentsBescheid

ZERO = Decimal("0.00")
MAX_FEE_MONTHS = 24   # a letter states the fee periods of at most two years ahead


def _plan_text(zeitplan: str | None) -> str:
    """The time plan's summary for letters; a plan that cannot be read is shown as entered."""
    try:
        return summary(parse_timeplan(zeitplan))
    except TimePlanError:
        return (zeitplan or "").strip()


def _previous(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def _euro(value: Decimal) -> str:
    return f"{number(value, 0)} €" if value == value.to_integral_value() else money(value)


def income_text(r: FeeResult, tables=()) -> str:
    """'Stufe 2: über 18.000 € bis 36.000 €' (the bracket of Anlage 2); no declaration is said so."""
    table = next((t for t in tables if t.gueltig_ab == r.tabelle_ab), None)
    if table is None or r.stufe is None:
        text = r.stufe_text
    else:
        bounds = [b for b in table.brackets if b is not None]
        lower = bounds[r.stufe - 2] if r.stufe > 1 else None
        upper = r.einkommen_bis
        if lower is None:
            text = f"Stufe {r.stufe}: bis {_euro(upper)}" if upper is not None else f"Stufe {r.stufe}"
        elif upper is None:
            text = f"Stufe {r.stufe}: über {_euro(lower)}"
        else:
            text = f"Stufe {r.stufe}: über {_euro(lower)} bis {_euro(upper)}"
    return f"{text} (keine Einkommenserklärung)" if r.einkommen is None else text


def band_text(r: FeeResult) -> str:
    return "" if r.stunden_bis is None else f"bis {hours(r.stunden_bis)} Stunden wöchentlich"


class ParentPlan:
    def __init__(self, session: Session, year: int, month: int, child_ids: set[int] | None = None):
        self.session, self.year, self.month = session, year, month
        self.period = f"{year:04d}-{month:02d}"
        self.start, self.end = month_range(year, month)
        self.notes: list[str] = []
        self.settings = settings = load_auslegungen(session)
        current, self.children = month_fees(session, year, month, settings, child_ids)
        previous, _ = month_fees(session, *_previous(year, month), settings, child_ids)
        self.fees = {r.child_nr: r for r in current}
        self.previous = {r.child_nr: r for r in previous}
        self.flags = {f.child_nr: f for f in bescheid_flags(previous, current)}
        self.tables = load_fee_tables(session)
        ids = {c.id for c in self.children.values()}
        self.placements: dict[int, list] = {}
        for p in session.execute(select(Placement.id, Placement.child_id, Placement.carer_id, Placement.beginn,
                                        Placement.ende, Placement.antrag_vom)
                                 .where(Placement.beginn <= self.end)):
            if p.child_id in ids:
                self.placements.setdefault(p.child_id, []).append(p)
        self.new = {}
        for cid, rows in self.placements.items():
            starting = [p for p in rows if self.start <= p.beginn <= self.end]
            if starting:
                self.new[cid] = max(starting, key=lambda p: p.beginn)
        self._all_versions: dict[int, list] | None = None
        self.earlier = last_letter_dates(session, Letter.child_id, ids, ("eltern", "aenderung"), self.period)

    def due(self) -> list[DueLetter]:
        out = []
        for nr, child in sorted(self.children.items()):
            fee = self.fees.get(nr)
            if fee is None:
                continue
            problem = parents_address(child)[2] or (f"Beitrag nicht festgesetzt: {fee.fehlt}" if fee.held else "")
            base: dict[str, Any] = dict(period=self.period, recipient=parents_label(child), addressee=child.sorgeberechtigte or "",
                        srt=child.srt, nr=nr, child_id=child.id, problem=problem,
                        new_amount=None if fee.held else full_month_fee(fee))
            new = self.new.get(child.id)
            flag = self.flags.get(nr)
            if new is not None:
                out.append(DueLetter("eltern", "parent", reason=f"neue Betreuung ab {day(new.beginn)}", **base))
            elif flag is not None:
                old = self.previous[nr]
                if old.held and not problem:
                    base["problem"] = "bisheriger Beitrag war nicht festgesetzt – bitte vollständigen Bescheid"
                why = "; ".join(flag.gruende)
                if child.id in self.earlier:
                    out.append(DueLetter("aenderung", "changed", reason=why,
                                         old_amount=None if old.held else full_month_fee(old), **base))
                else:
                    out.append(DueLetter("eltern", "parent", reason=f"{why} (kein früherer Bescheid im Archiv)",
                                         **base))
        return out

    # --- building --------------------------------------------------------------------------------

    def _head(self, child: Child, office: Office, today: date) -> dict:
        address, salutation, problem = parents_address(child)
        if address is None:
            raise ValueError(problem)
        return dict(letterhead=office.letterhead, contact=office.contact(child.srt), address=address,
                    aktenzeichen=office.aktenzeichen(child.srt, child.nr, self.year), date=today,
                    salutation=salutation, text_overrides=office.overrides)

    def _placement(self, child: Child, fee: FeeResult):
        new = self.new.get(child.id)
        if new is not None:
            return new
        rows = [p for p in self.placements.get(child.id, ())
                if p.beginn <= fee.stichtag and (p.ende is None or p.ende >= fee.stichtag)]
        return max(rows, key=lambda p: p.beginn)

    def _versions(self, placement_id: int) -> list:
        """The placement's versions (all placements of the plan loaded in one query, on first use)."""
        if self._all_versions is None:
            ids = sorted({p.id for rows in self.placements.values() for p in rows})
            self._all_versions = {}
            for i in range(0, len(ids), 900):
                for v in self.session.execute(select(
                        PlacementVersion.placement_id, PlacementVersion.gueltig_ab, PlacementVersion.wochenstunden,
                        PlacementVersion.zeitplan).where(PlacementVersion.placement_id.in_(ids[i:i + 900]))):
                    self._all_versions.setdefault(v.placement_id, []).append(v)
        return self._all_versions.get(placement_id, [])

    def care_terms(self, placement, von: date) -> tuple[CareTerm, ...]:
        """Every version of the placement from `von` to its end, each with its dates (R-K4, R-V4)."""
        versions = [(v.gueltig_ab, v) for v in self._versions(placement.id)]
        return tuple(CareTerm(t.von, t.bis, t.value.wochenstunden, _plan_text(t.value.zeitplan))
                     for t in clip_versions(versions, von, placement.ende))

    def fee_periods(self, child: Child, fee: FeeResult, terms: tuple[CareTerm, ...], von: date,
                    bis: date | None) -> tuple[FeePeriod, ...]:
        """The fee month by month from `von` (this month's fee) to the month of the last version,
        merged into periods (R-E3); () when it does not change. Stops before a month whose fee
        is not set (that month gets its own letter)."""
        last = max((t.von for t in terms), default=von)
        if bis is not None:
            last = min(last, bis)
        months = months_until(von, last)[:MAX_FEE_MONTHS]
        if len(months) < 2:
            return ()
        family = self._family(child)
        results = [(von, self.end, fee)]
        for year, month in months[1:]:
            later = {r.child_nr: r for r in month_fees(self.session, year, month, self.settings, family)[0]}
            r = later.get(child.nr)
            if r is None or r.held:
                break
            first, end = month_range(year, month)
            results.append((first, end, r))
        terms_ = merge_months(results, key=lambda r: (full_month_fee(r), band_text(r)), open_end=bis is None)
        if len(terms_) < 2:
            return ()
        if bis is not None:
            terms_[-1] = replace(terms_[-1], bis=bis)
        return tuple(FeePeriod(t.von, t.bis, band_text(t.value), full_month_fee(t.value)) for t in terms_)

    def _family(self, child: Child) -> set[int]:
        if child.family_id is None:
            return {child.id}
        return set(self.session.scalars(select(Child.id).where(Child.family_id == child.family_id)))

    def _waiver_from(self, child: Child) -> date | None:
        rows = self.session.execute(select(Ermaessigung.ab, Ermaessigung.bis).where(
            Ermaessigung.child_id == child.id, Ermaessigung.ab <= self.end)).all()
        rows = [r for r in rows if r.bis is None or r.bis >= self.start]
        return max(r.ab for r in rows) if rows else None

    def build(self, due: DueLetter, office: Office, today: date):
        child = self.children[due.nr]
        fee = self.fees[due.nr]
        name = f"{child.vorname} {child.nachname}"
        if due.art == "eltern":
            p = self._placement(child, fee)
            carer = self.session.get(Carer, p.carer_id)
            table = fee.tabellenbeitrag
            exempt = "das Kind ist beitragsfrei" if fee.beitragsfrei else ""
            sibling = ZERO if fee.beitragsfrei else table - fee.monatsbeitrag
            waiver = full_month_waiver(fee)
            fee_from = max(p.beginn, self.start)
            terms = self.care_terms(p, p.beginn)
            return ParentsBescheid(
                **self._head(child, office, today), child_name=name, child_birthdate=child.geburtsdatum,
                carer_name=f"{carer.vorname} {carer.nachname}" if carer is not None else "",
                application_date=p.antrag_vom or child.antrag_vom or p.beginn, care_from=p.beginn, care_to=p.ende,
                weekly_hours=fee.wochenstunden, age_group=f"{fee.alter} Jahren",
                income_bracket=income_text(fee, self.tables),
                hours_band=band_text(fee), table_fee=table, fee_from=fee_from,
                monthly_fee=full_month_fee(fee), exempt_reason=exempt, sibling_note=fee.geschwister,
                sibling_reduction=sibling, waiver_percent=fee.ermaessigung_prozent,
                waiver_from=self._waiver_from(child) if fee.ermaessigung_prozent is not None else None,
                waiver_amount=waiver, care_terms=terms,
                fee_periods=self.fee_periods(child, fee, terms, fee_from, p.ende))
        if due.art == "aenderung":
            old = self.previous[due.nr]
            placement = self._placement(child, fee)
            terms = self.care_terms(placement, self.start)
            hours_changed = old.wochenstunden != fee.wochenstunden or len(terms) > 1
            return Aenderungsbescheid(
                **self._head(child, office, today), topic=f"die Festsetzung des Elternbeitrags für {name}",
                previous_date=self.earlier[child.id], effective_from=self.start,
                changes=fee_changes(old, fee, self.tables),
                amount_label="Monatlicher Elternbeitrag", old_amount=full_month_fee(old), new_amount=full_month_fee(fee),
                reasons=(calculation_text(fee, self.start, self.tables),),
                care_terms=terms if hours_changed else (),
                fee_periods=self.fee_periods(child, fee, terms, self.start, placement.ende))
        raise ValueError(f"Briefart {due.art} gehört nicht zu den Eltern.")


def fee_changes(old: FeeResult, new: FeeResult, tables=()) -> tuple[Change, ...]:
    """What changed for the parents (R-V4): income, bracket, hours, band, fee-free, waiver."""
    pairs = [
        ("Jahreseinkommen", *(("keine Erklärung" if r.einkommen is None else money(r.einkommen)) for r in (old, new))),
        ("Einkommensstufe", income_text(old, tables), income_text(new, tables)),
        ("Wöchentliche Betreuungszeit", f"{hours(old.wochenstunden)} Stunden", f"{hours(new.wochenstunden)} Stunden"),
        ("Betreuungsumfang (Anlage 2)", band_text(old), band_text(new)),
        ("Beitragsfreiheit", "ja" if old.beitragsfrei else "nein", "ja" if new.beitragsfrei else "nein"),
        ("Geschwisterregelung", old.geschwister or "–", new.geschwister or "–"),
        ("Ermäßigung", *(("keine" if r.ermaessigung_prozent is None else f"{hours(r.ermaessigung_prozent)} %")
                         for r in (old, new))),
    ]
    return tuple(Change(subject, a, b) for subject, a, b in pairs if a != b)


def calculation_text(fee: FeeResult, start: date, tables=()) -> str:
    """The new calculation in one paragraph (Anlage 2 → siblings/fee-free → waiver)."""
    text = (f"Ab dem {day(start)} gilt: Beitrag nach Anlage 2 der Elternbeitragssatzung für Kinder {fee.alter} "
            f"Jahren, Einkommen {income_text(fee, tables)}, Betreuungsumfang {band_text(fee)}: "
            f"{money(fee.tabellenbeitrag)}.")
    if fee.beitragsfrei:
        text += " Das Kind ist beitragsfrei: 0,00 €."
    elif fee.monatsbeitrag != fee.tabellenbeitrag:
        text += f" {fee.geschwister} Beitrag: {money(fee.monatsbeitrag)}."
    if fee.ermaessigung_prozent is not None:
        text += (f" Ermäßigung {hours(fee.ermaessigung_prozent)} %: −{money(full_month_waiver(fee))}; "
                 f"zu zahlen monatlich {money(full_month_fee(fee))}.")
    return text
