"""Elternbeitrag — the parents' monthly fee (berechnung.md §9; R-E1, R-E2, R-E3).

The fee table lives in fee_table.py, the month-to-month comparison in fee_changes.py.

Order of the calculation (berechnung.md §9):
table fee → day proration (Auslegung `beitrag_anteilig`) → `Beitragsfrei` → siblings
(Auslegung `geschwister`) → waiver (R-E2, a separate negative line).

The values valid on the Stichtag — the last day of the month, or the child's last day
of care if that is earlier in the month — apply to the whole month (R-E3).

Decisions where the spec is silent (see also the module's tests):
- Siblings recorded as attending a Kita (`Geschwister_in_Kita` > 0 on the Stichtag of
  any child of the family): their fee is charged by the Kita, not by us, and its amount
  is unknown here. Under `nur_hoechster` the Kita child is taken as the family member
  who pays, so every child of that family in Kindertagespflege is charged 0. (Kita
  children are usually older and their fees at least as high; where that is not so,
  the desk clears `Geschwister_in_Kita` and the Kita waives its fee instead.)
- Tie on the highest fee: the older child pays; same birth date → lower child number.
  The comparison uses the fee after proration and `Beitragsfrei` (the order of §9).
- A child of a family with a held fee (`keine_festsetzung`) cannot be compared: the
  whole family is held.
- Waiver with proration: −monthly fee · p/100 · d_w/D, where d_w counts only the
  days on which a fee is charged (all days of the month unless `beitrag_anteilig`).
- Several placements of one child in a month (e.g. a change of carer) are one fee;
  weekly hours on the Stichtag are summed over the placements active that day.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Protocol

from kitadesk.domain.calendar import add_years, month_range
from kitadesk.domain.fee_table import AB_3, AGES, UNTER_3, ZERO, FeeCell, FeeError, FeeTable, build_fee_tables, table_on
from kitadesk.domain.money import round_half_up, to_fraction
from kitadesk.domain.settings import DEFAULTS, Auslegungen
from kitadesk.domain.texts import day as fmt_day
from kitadesk.domain.texts import hours as fmt_hours
from kitadesk.domain.texts import money as fmt_money

ELTERNBEITRAG, ERMAESSIGUNG = "Elternbeitrag", "Ermäßigung"

__all__ = [  # the table types are re-exported so callers need one import
    "AB_3", "AGES", "UNTER_3", "ELTERNBEITRAG", "ERMAESSIGUNG", "FeeCell", "FeeError", "FeeTable",
    "build_fee_tables", "table_on", "CareVersion", "Income", "FeeFree", "KitaSiblings", "Waiver",
    "FeeChild", "FeeLine", "FeeResult", "compute_fees",
]


# ---------------------------------------------------------------- per-child inputs (R-K2)

class HasWeeklyHours(Protocol):
    """A placement version: CareVersion below or inputs.PlacementVersion (read-only fields)."""

    @property
    def von(self) -> date: ...

    @property
    def bis(self) -> date | None: ...

    @property
    def weekly_hours(self) -> Decimal: ...


@dataclass(frozen=True)
class CareVersion:
    """A placement version of the child, inclusive [von, bis], with its weekly hours."""

    von: date
    bis: date | None
    weekly_hours: Decimal


@dataclass(frozen=True)
class Income:
    """Family income from a date; None = no income declaration."""

    gueltig_ab: date
    jahreseinkommen: Decimal | None


@dataclass(frozen=True)
class FeeFree:
    gueltig_ab: date
    beitragsfrei: bool


@dataclass(frozen=True)
class KitaSiblings:
    """Number of siblings recorded as attending a Kita, from a date."""

    gueltig_ab: date
    anzahl: int


@dataclass(frozen=True)
class Waiver:
    """Ermäßigung/Erlass (R-E2): p percent from `ab`, never before `antrag_vom`."""

    prozent: Decimal
    ab: date
    antrag_vom: date
    bis: date | None = None


@dataclass(frozen=True)
class FeeChild:
    child_nr: str
    family_nr: str | None
    geburtsdatum: date
    care: tuple[HasWeeklyHours, ...]
    incomes: tuple[Income, ...] = ()
    fee_free: tuple[FeeFree, ...] = ()
    kita_siblings: tuple[KitaSiblings, ...] = ()
    waiver: Waiver | None = None
    is_example: bool = False  # irrelevant to the amount

    def errors(self) -> list[str]:
        errors = []
        who = f"Kind {self.child_nr}"
        for version in self.care:
            if version.bis is not None and version.bis < version.von:
                errors.append(f"{who}: Betreuung endet ({fmt_day(version.bis)}) vor dem Beginn ({fmt_day(version.von)}).")
        waiver = self.waiver
        if waiver is not None:
            if waiver.ab < waiver.antrag_vom:  # R-E2
                errors.append(
                    f"{who}: Ermäßigung ab {fmt_day(waiver.ab)} liegt vor dem Antrag vom "
                    f"{fmt_day(waiver.antrag_vom)} – eine Ermäßigung wirkt frühestens ab Antragsdatum (R-E2)."
                )
            if not 0 < waiver.prozent <= 100:
                errors.append(f"{who}: Ermäßigung {fmt_hours(waiver.prozent)} % muss über 0 und höchstens 100 % sein.")
            if waiver.bis is not None and waiver.bis < waiver.ab:
                errors.append(f"{who}: Ermäßigung endet ({fmt_day(waiver.bis)}) vor ihrem Beginn ({fmt_day(waiver.ab)}).")
        return errors


def _value_on(versions, day: date, attribute: str, default):
    best = None
    for version in versions:
        if version.gueltig_ab <= day and (best is None or version.gueltig_ab > best.gueltig_ab):
            best = version
    return default if best is None else getattr(best, attribute)


# ---------------------------------------------------------------- results

@dataclass(frozen=True)
class FeeLine:
    position: str  # Elternbeitrag | Ermäßigung
    rule: str
    von: date
    bis: date
    amount: Decimal  # the waiver is negative
    why: str


@dataclass(frozen=True)
class FeeResult:
    """The explained fee of one child for one month (one row of the fee list)."""

    child_nr: str
    family_nr: str | None
    year: int
    month: int
    stichtag: date  # values of this day apply to the whole month (R-E3)
    tage: int  # days of the month with care
    monatstage: int  # D
    wochenstunden: Decimal
    alter: str
    einkommen: Decimal | None  # None = no declaration
    stufe: int | None  # 1-based income bracket
    einkommen_bis: Decimal | None  # the bracket's upper bound (None = top)
    stunden_bis: Decimal | None  # the hours band
    tabelle_ab: date | None
    tabellenbeitrag: Decimal
    beitragsfrei: bool
    monatsbeitrag: Decimal  # after Beitragsfrei and siblings, before proration
    beitrag: Decimal  # fee list `Beitrag`: after proration, Beitragsfrei, siblings
    ermaessigung: Decimal  # fee list `Ermäßigung`, positive
    zahlbetrag: Decimal  # Beitrag − Ermäßigung
    ermaessigung_prozent: Decimal | None
    geschwister: str  # explanation of the sibling rule, '' if it did not apply
    zahlt_fuer_familie: str | None  # child nr who pays for the family ('Kita' for a Kita sibling)
    held: bool  # not set (keine_festsetzung, no table): listed as missing
    fehlt: str
    lines: tuple[FeeLine, ...]
    rule: str
    why: str

    @property
    def stufe_text(self) -> str:
        if self.stufe is None:
            return ""
        if self.einkommen_bis is None:
            return f"Stufe {self.stufe} (höchste Stufe)"
        return f"Stufe {self.stufe} (bis {fmt_money(self.einkommen_bis)})"

    @property
    def band_text(self) -> str:
        return "" if self.stunden_bis is None else f"bis {fmt_hours(self.stunden_bis)} Std."


@dataclass
class _Draft:
    child: FeeChild
    stichtag: date
    intervals: list[tuple[date, date]]
    tage: int
    hours: Decimal
    alter: str
    table: FeeTable | None = None
    income: Decimal | None = None
    stufe: int | None = None
    bound: Decimal | None = None
    band: Decimal | None = None
    table_fee: Decimal = ZERO
    monthly: Decimal = ZERO  # fee for a full month after fee-free/siblings
    # after proration, fee-free, siblings: an exact Fraction when prorated, else the Decimal
    # table cell (no conversion for the usual full month; Decimal and Fraction compare exactly)
    charged: Decimal | Fraction = ZERO
    fee_free: bool = False
    siblings: str = ""
    payer: str | None = None
    held: bool = False
    missing: str = ""
    why: list[str] = field(default_factory=list)


def _cents(value: Decimal | Fraction) -> Decimal:
    """Round once to cents, half-up (berechnung.md §1)."""
    return round_half_up(to_fraction(value))


def waiver_amount(monthly: Decimal, percent: Decimal, days: int = 1, month_days: int = 1) -> Decimal:
    """R-E2: the waiver monthly fee · p / 100 · d_w / D, rounded once half-up (berechnung.md §9);
    positive (the fee list's `Ermäßigung`)."""
    return round_half_up(to_fraction(monthly) * to_fraction(percent) / 100 * Fraction(days, month_days))


def full_month_waiver(r: "FeeResult") -> Decimal:
    """The waiver of a full month (Bescheide show the monthly amount, R-E2)."""
    return ZERO if r.ermaessigung_prozent is None else waiver_amount(r.monatsbeitrag, r.ermaessigung_prozent)


def full_month_fee(r: "FeeResult") -> Decimal:
    """The monthly amount to pay after the waiver (Bescheide, R-E1, R-E2)."""
    return r.monatsbeitrag - full_month_waiver(r)


def _care_intervals(child: FeeChild, start: date, end: date) -> list[tuple[date, date]]:
    """Merged inclusive intervals of care within [start, end]."""
    raw = sorted(
        (max(v.von, start), min(v.bis or end, end))
        for v in child.care
        if v.von <= end and (v.bis is None or v.bis >= start)
    )
    merged: list[list[date]] = []
    for von, bis in raw:
        if merged and von <= merged[-1][1] + timedelta(days=1):
            merged[-1][1] = max(merged[-1][1], bis)
        else:
            merged.append([von, bis])
    return [(a, b) for a, b in merged]


def _days_in(intervals, von: date, bis: date) -> int:
    return sum(max(0, (min(b, bis) - max(a, von)).days + 1) for a, b in intervals)


def _draft(child: FeeChild, tables: list[FeeTable], start: date, end: date, settings: Auslegungen) -> _Draft | None:
    intervals = _care_intervals(child, start, end)
    if not intervals:
        return None
    stichtag = intervals[-1][1]  # last day of the month or the last day of care (R-E3)
    hours = sum((Decimal(v.weekly_hours) for v in child.care
                 if v.von <= stichtag and (v.bis is None or v.bis >= stichtag)), Decimal(0))
    alter = UNTER_3 if stichtag < add_years(child.geburtsdatum, 3) else AB_3
    tage = _days_in(intervals, start, end)
    d = _Draft(child, stichtag, intervals, tage, hours, alter)
    d.why.append(f"Stichtag {fmt_day(stichtag)} (gilt für den ganzen Monat, R-E3): "
                 f"{fmt_hours(hours)} Wochenstunden, Alter {alter}.")
    d.table = table_on(tables, stichtag)
    if d.table is None:
        d.held, d.missing = True, f"Keine Beitragstabelle gültig am {fmt_day(stichtag)}."
        d.why.append(d.missing)
        return d
    d.income = _value_on(child.incomes, stichtag, "jahreseinkommen", None)
    if d.income is None:
        if settings.is_("einkommen_ohne_erklaerung", "keine_festsetzung"):
            d.held, d.missing = True, "Einkommenserklärung fehlt – Beitrag nicht festgesetzt."
            d.why.append(d.missing + " (Auslegung einkommen_ohne_erklaerung: keine_festsetzung)")
            return d
        d.why.append("Keine Einkommenserklärung: höchste Einkommensstufe "
                     "(Auslegung einkommen_ohne_erklaerung: hoechste_stufe).")
    d.stufe, d.bound = d.table.bracket_for(d.income)
    d.band = d.table.band_for(hours)
    d.table_fee = d.table.fee(alter, d.bound, d.band)
    income_text = "ohne Erklärung" if d.income is None else fmt_money(d.income)
    bound_text = "höchste Stufe" if d.bound is None else f"bis {fmt_money(d.bound)}"
    d.why.append(f"Jahreseinkommen {income_text} → Stufe {d.stufe} ({bound_text}); "
                 f"Band bis {fmt_hours(d.band)} Std.; Beitragstabelle ab {fmt_day(d.table.gueltig_ab)}: "
                 f"{fmt_money(d.table_fee)} (R-E1).")
    d.monthly = d.table_fee
    month_days = (end - start).days + 1
    if settings.is_("beitrag_anteilig", "ja") and tage < month_days:
        d.charged = Fraction(d.monthly) * Fraction(tage, month_days)
        d.why.append(f"Anteilig {tage}/{month_days} Tage: {fmt_money(_cents(d.charged))} "
                     "(Auslegung beitrag_anteilig: ja).")
    else:
        d.charged = d.monthly
    d.fee_free = bool(_value_on(child.fee_free, stichtag, "beitragsfrei", False))
    if d.fee_free:
        d.monthly, d.charged = ZERO, d.charged * 0
        d.why.append("Beitragsfrei: 0,00 €.")
    return d


def _apply_siblings(family: list[_Draft]) -> None:
    """Auslegung geschwister = nur_hoechster: only the highest fee of a family is charged."""
    if len(family) < 2 and not any(_value_on(d.child.kita_siblings, d.stichtag, "anzahl", 0) for d in family):
        return
    held = [d for d in family if d.held]
    if held:
        for d in family:
            if not d.held:
                d.held = True
                d.missing = (f"Geschwisterregel nicht anwendbar: Beitrag von Kind "
                             f"{held[0].child.child_nr} ist nicht festgesetzt.")
                d.why.append(d.missing)
        return
    if any(_value_on(d.child.kita_siblings, d.stichtag, "anzahl", 0) > 0 for d in family):
        for d in family:
            d.payer = "Kita"
            if d.charged > 0:
                d.siblings = ("Geschwisterregel (nur der höchste Beitrag): ein Geschwisterkind besucht eine Kita "
                              "und zahlt dort; hier 0,00 €.")
                d.why.append(d.siblings + " (Auslegung geschwister: nur_hoechster)")
                d.monthly, d.charged = ZERO, d.charged * 0
        return
    payer = min(family, key=lambda d: (-d.charged, d.child.geburtsdatum, d.child.child_nr))
    reduced = [d for d in family if d is not payer and d.charged > 0]
    if not reduced:
        return
    paid = fmt_money(_cents(payer.charged))
    for d in family:
        d.payer = payer.child.child_nr
    for d in reduced:
        d.siblings = (f"Geschwisterregel (nur der höchste Beitrag): Kind {payer.child.child_nr} "
                      f"zahlt {paid}; hier 0,00 €.")
        d.why.append(d.siblings + " (Auslegung geschwister: nur_hoechster)")
        d.monthly, d.charged = ZERO, d.charged * 0
    names = ", ".join(d.child.child_nr for d in reduced)
    payer.siblings = f"Geschwisterregel: zahlt als Kind mit dem höchsten Beitrag (auch für Kind {names})."
    payer.why.append(payer.siblings)


def _finish(d: _Draft, year: int, month: int, start: date, end: date, settings: Auslegungen) -> FeeResult:
    child = d.child
    month_days = (end - start).days + 1
    anteilig = settings.is_("beitrag_anteilig", "ja")
    von, bis = (d.intervals[0][0], d.intervals[-1][1]) if anteilig else (start, end)
    beitrag = ZERO if d.held else _cents(d.charged)
    lines: list[FeeLine] = []
    if beitrag:
        lines.append(FeeLine(ELTERNBEITRAG, "R-E1", von, bis, beitrag, " ".join(d.why)))
    waiver, ermaessigung, prozent = child.waiver, ZERO, None
    if waiver is not None and not d.held and waiver.ab <= end and (waiver.bis is None or waiver.bis >= start):
        prozent = waiver.prozent
        w_von, w_bis = max(waiver.ab, start), min(waiver.bis or end, end)
        fee_days = d.intervals if anteilig else [(start, end)]
        d_w = _days_in(fee_days, w_von, w_bis)
        ermaessigung = waiver_amount(d.monthly, waiver.prozent, d_w, month_days)  # R-E2, rounded once
        text = (f"Ermäßigung {fmt_hours(waiver.prozent)} % ab {fmt_day(waiver.ab)} (Antrag vom "
                f"{fmt_day(waiver.antrag_vom)}) für {d_w}/{month_days} Tage: −{fmt_money(ermaessigung)} (R-E2).")
        if ermaessigung:
            lines.append(FeeLine(ERMAESSIGUNG, "R-E2", max(w_von, von), min(w_bis, bis), -ermaessigung, text))
            d.why.append(text)
    zahlbetrag = beitrag - ermaessigung
    if not d.held:
        d.why.append(f"Zahlbetrag {fmt_money(zahlbetrag)}.")
    return FeeResult(
        child_nr=child.child_nr, family_nr=child.family_nr, year=year, month=month,
        stichtag=d.stichtag, tage=d.tage, monatstage=month_days, wochenstunden=d.hours, alter=d.alter,
        einkommen=d.income, stufe=d.stufe, einkommen_bis=d.bound, stunden_bis=d.band,
        tabelle_ab=d.table.gueltig_ab if d.table else None, tabellenbeitrag=d.table_fee,
        beitragsfrei=d.fee_free, monatsbeitrag=ZERO if d.held else _cents(d.monthly),
        beitrag=beitrag, ermaessigung=ermaessigung, zahlbetrag=zahlbetrag,
        ermaessigung_prozent=prozent, geschwister=d.siblings, zahlt_fuer_familie=d.payer,
        held=d.held, fehlt=d.missing, lines=tuple(lines),
        rule=", ".join(dict.fromkeys(["R-E1", "R-E3", *(line.rule for line in lines)])),
        why=" ".join(d.why),
    )


def compute_fees(children: Iterable[FeeChild], tables: Iterable[FeeTable], year: int, month: int,
                 settings: Auslegungen = DEFAULTS) -> list[FeeResult]:
    """Elternbeiträge of one month for every child with care in that month (R-E1..R-E3).

    Raises FeeError (all messages at once) for an incomplete table or invalid child input.
    Results are in input order.
    """
    children, tables = list(children), sorted(tables, key=lambda t: t.gueltig_ab)
    errors = [e for t in tables for e in t.errors()] + [e for c in children for e in c.errors()]
    if errors:
        raise FeeError(errors)
    start, end = month_range(year, month)
    drafts = [d for d in (_draft(c, tables, start, end, settings) for c in children) if d is not None]
    if settings.is_("geschwister", "nur_hoechster"):
        families: dict[str, list[_Draft]] = {}
        for d in drafts:
            families.setdefault(d.child.family_nr or f"\0{d.child.child_nr}", []).append(d)
        for family in families.values():
            _apply_siblings(family)
    return [_finish(d, year, month, start, end, settings) for d in drafts]
