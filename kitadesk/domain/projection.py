"""The year ahead (issue 20): payouts and parents' fees per month and SRT, with rate scenarios.

Pure: the ops layer (ops/projection.py) loads the inputs the payout run uses
(ops/payout_inputs.py) and the fee inputs (ops/fees.py); this module computes every month
with THE SAME engines — `payout.compute_month` and `fees.compute_fees` — so a projected
month equals what `kitadesk payout` / `kitadesk beitraege` would compute from the same data.

- Finalized months keep the amounts of their stored run (`MonthBasis.finalized`).
- Projected months: placements end on their Ende; children leave at the 3rd birthday per
  the setting `projektion_abgang_mit_3` (R-K1: from 3 a Kita place has priority):
  `geburtstag` (last day of care the day before), `kitajahr` (care until 31 July, leaving
  on the 1 August on or after the birthday), `nein`. Only leavings after the projection
  day (`today`) are assumed: a child past the date still in care stays, as recorded.
- The negative balances of a projected month are carried into the next one (R-G10).
- Scenarios (`Scenario`) change the rate tables, the fee tables or add average places;
  `compare` gives the difference to the base case per month, SRT and year.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

from kitadesk.domain.calendar import add_years, month_range
from kitadesk.domain.corrections import carry_out
from kitadesk.domain.fee_table import FeeTable
from kitadesk.domain.fees import FeeChild, compute_fees
from kitadesk.domain.inputs import PayoutInput, RateTable
from kitadesk.domain.lines import CHILD_POSITIONS, UEBERTRAG, VORTRAG, Line
from kitadesk.domain.money import round_half_up
from kitadesk.domain.payout import compute_month
from kitadesk.domain.projection_reuse import (
    carer_signatures,
    change_days,
    changed_between,
    family_cacheable,
    family_key,
    reduced_input,
)
from kitadesk.domain.raise_ import raise_table
from kitadesk.domain.settings import Auslegungen
from kitadesk.domain.texts import day as fmt_day
from kitadesk.domain.texts import money as fmt_money

ABGESCHLOSSEN, HOCHRECHNUNG = "abgeschlossen", "Hochrechnung"
GEBURTSTAG, KITAJAHR, NEIN = "geburtstag", "kitajahr", "nein"
GESAMT = "Gesamt"
ZERO = Decimal("0.00")
ONE_DAY = timedelta(days=1)
ZUSATZ = "Zusätzliche Plätze"  # position of the scenario's additional places


# --- inputs ----------------------------------------------------------------------------------

@dataclass
class MonthBasis:
    """One month as the store holds it: the finalized run's lines, or the payout input."""

    year: int
    month: int
    finalized: list[Line] | None = None  # lines of the finalized run (None = not finalized)
    run_number: str | None = None
    inp: PayoutInput | None = None  # for months not finalized (carry-in only of the first)


@dataclass
class YearBasis:
    """Everything the projection of one year needs (filled by ops/projection.py)."""

    year: int
    today: date
    months: list[MonthBasis]
    carer_srt: dict[str, str]  # carer nr → SRT
    child_srt: dict[str, str]  # child nr → SRT
    birthdays: dict[str, date]  # child nr → birth date
    fee_children: list[FeeChild]
    fee_tables: list[FeeTable]
    settings: Auslegungen
    leave_mode: str = KITAJAHR  # setting projektion_abgang_mit_3
    unconfirmed_from: date | None = None  # a proposed, not yet confirmed rate table from this day
    srts: tuple[str, ...] = ()
    fees_loaded: bool = True  # False: fee_children and fee_tables are empty, a worker computes the fees


@dataclass(frozen=True)
class Scenario:
    """A what-if: rates +x % from a day, a new off-hours surcharge from a day, another fee table,
    n additional average places per SRT from a day. Empty = the base case."""

    rate_percent: Decimal | None = None
    rate_from: date | None = None
    randzeit: Decimal | None = None
    randzeit_from: date | None = None
    fee_tables: tuple[FeeTable, ...] = ()
    fee_file: str = ""
    extra_places: int = 0
    extra_from: date | None = None

    def first_day(self) -> date | None:
        """The first day the scenario changes anything (None: never)."""
        days = [self.rate_from if self.rate_percent is not None else None,
                self.randzeit_from if self.randzeit is not None else None,
                self.extra_from if self.extra_places else None, *(t.gueltig_ab for t in self.fee_tables)]
        return min((d for d in days if d is not None), default=None)

    @property
    def empty(self) -> bool:
        return self.rate_percent is None and self.randzeit is None and not self.fee_tables and not self.extra_places

    def parameters(self) -> list[tuple[str, str]]:
        """(label, value) in German, for the Info sheet, the PDF and the window."""
        out = []
        if self.rate_percent is not None:
            out.append(("Sätze", f"+{str(self.rate_percent).replace('.', ',')} % ab {fmt_day(self.rate_from)}"))
        if self.randzeit is not None:
            out.append(("Randzeitzuschlag", f"{fmt_money(self.randzeit)} ab {fmt_day(self.randzeit_from)}"))
        if self.fee_tables:
            days = ", ".join(fmt_day(t.gueltig_ab) for t in self.fee_tables)
            out.append(("Beitragstabelle", f"aus {self.fee_file or 'Datei'} (gültig ab {days})"))
        if self.extra_places:
            out.append(("Zusätzliche Plätze", f"{self.extra_places} je SRT ab {fmt_day(self.extra_from)}"))
        return out or [("Szenario", "keines (Basis)")]


# --- results ---------------------------------------------------------------------------------

@dataclass
class Figures:
    """One month of one SRT (or `Gesamt`)."""

    year: int
    month: int
    srt: str
    status: str  # abgeschlossen | Hochrechnung
    payout: Decimal = ZERO  # amount paid out: the carers' positive month totals
    positions: dict[str, Decimal] = field(default_factory=dict)
    fees: Decimal = ZERO  # parents' fees due (Zahlbetrag, fees not set excluded)
    children: int = 0  # placed children with payout lines
    fee_count: int = 0  # children with a fee set
    unconfirmed_rates: bool = False  # computed with a proposed, not yet confirmed rate table

    def add(self, other: "Figures") -> None:
        self.payout += other.payout
        self.fees += other.fees
        self.children += other.children
        self.fee_count += other.fee_count
        for position, amount in other.positions.items():
            self.positions[position] = self.positions.get(position, ZERO) + amount


@dataclass
class Projection:
    year: int
    scenario: Scenario
    srts: tuple[str, ...]
    months: list[dict[str, Figures]]  # per month: SRT → figures, and GESAMT
    carries: list = field(default_factory=list, repr=False)  # per month: carry into the next (R-G10)
    fees_due: list = field(default_factory=list, repr=False)  # per month: [(child nr, Zahlbetrag)]

    def series(self, srt: str = GESAMT) -> list[Figures]:
        return [m.get(srt) or Figures(self.year, i + 1, srt, m[GESAMT].status) for i, m in enumerate(self.months)]

    def year_total(self, srt: str = GESAMT) -> Figures:
        total = Figures(self.year, 0, srt, "")
        for figures in self.series(srt):
            total.add(figures)
        return total

    @property
    def positions(self) -> list[str]:
        seen: dict[str, None] = {}
        for month in self.months:
            for figures in month.values():
                seen.update(dict.fromkeys(figures.positions))
        return list(seen)


@dataclass(frozen=True)
class Difference:
    month: int  # 0 = the year
    payout: Decimal
    fees: Decimal


def compare(base: Projection, scenario: Projection, srt: str = GESAMT) -> list[Difference]:
    """Scenario − base per month and (month 0) for the year."""
    out = [Difference(b.month, s.payout - b.payout, s.fees - b.fees)
           for b, s in zip(base.series(srt), scenario.series(srt), strict=True)]
    return [*out, Difference(0, sum((d.payout for d in out), ZERO), sum((d.fees for d in out), ZERO))]


# --- leaving at 3 (R-K1) ------------------------------------------------------------------------

def leaving_day(birthday: date | None, mode: str) -> date | None:
    """The first day without care for a child turning 3 (setting projektion_abgang_mit_3)."""
    if birthday is None or mode == NEIN:
        return None
    third = add_years(birthday, 3)
    if mode == GEBURTSTAG:
        return third
    august = date(third.year, 8, 1)
    return august if august >= third else date(third.year + 1, 8, 1)


def _cut(versions: Iterable, leave: date | None, today: date) -> list:
    """Versions (with von/bis) ending at the latest the day before `leave` (leavings after today only)."""
    if leave is None or leave <= today:
        return list(versions)
    last = leave - ONE_DAY
    return [v if v.bis is not None and v.bis <= last else replace(v, bis=last) for v in versions if v.von <= last]


# --- scenarios on the inputs ------------------------------------------------------------------------

def _in_force(tables: list[RateTable], day: date) -> RateTable | None:
    valid = [t for t in tables if t.gueltig_ab <= day]
    return max(valid, key=lambda t: t.gueltig_ab) if valid else None


def scenario_tables(tables: list[RateTable], scenario: Scenario, settings: Auslegungen) -> list[RateTable]:
    """The rate tables with the scenario's raise and surcharge applied from their days:
    the table in force on the day is copied to the day, and it and every later table changed
    (hourly rates × (1 + x/100), each rounded half-up to the cent, berechnung.md §2)."""
    out = sorted(tables, key=lambda t: t.gueltig_ab)
    if scenario.rate_percent is not None and scenario.rate_from is not None:
        factor = 1 + Fraction(scenario.rate_percent) / 100
        out = [raise_table(t, t.gueltig_ab, settings, factor) if t.gueltig_ab >= scenario.rate_from else t
               for t in _split(out, scenario.rate_from)]
    if scenario.randzeit is not None and scenario.randzeit_from is not None:
        out = [replace(t, randzeitzuschlag=scenario.randzeit) if t.gueltig_ab >= scenario.randzeit_from else t
               for t in _split(out, scenario.randzeit_from)]
    return out


def _split(tables: list[RateTable], day: date) -> list[RateTable]:
    base = _in_force(tables, day)
    if base is None or base.gueltig_ab == day:
        return tables
    return sorted([*tables, replace(base, gueltig_ab=day)], key=lambda t: t.gueltig_ab)


def scenario_fee_tables(tables: list[FeeTable], scenario: Scenario) -> list[FeeTable]:
    if not scenario.fee_tables:
        return tables
    replaced = {t.gueltig_ab for t in scenario.fee_tables}
    return sorted([t for t in tables if t.gueltig_ab not in replaced] + list(scenario.fee_tables),
                  key=lambda t: t.gueltig_ab)


def _leavings(basis: YearBasis) -> dict[str, date]:
    """child nr → leaving day at 3 (R-K1), of the leavings after the projection day only."""
    out = {}
    for nr, born in basis.birthdays.items():
        leave = leaving_day(born, basis.leave_mode)
        if leave is not None and leave > basis.today:
            out[nr] = leave
    return out


def _projected_input(inp: PayoutInput, basis: YearBasis, scenario: Scenario, carry: dict | None,
                     end: date, leavings: dict[str, date]) -> PayoutInput:
    placements = []
    for nr, versions in _by_child(inp.placements).items():
        leave = leavings.get(nr)
        placements.extend(_cut(versions, leave, basis.today) if leave is not None and leave <= end else versions)
    changes: dict[str, Any] = {"placements": placements,
                               "rate_tables": scenario_tables(inp.rate_tables, scenario, basis.settings)}
    if carry is not None:
        changes["carry_in"] = carry
    return replace(inp, **changes)


def _by_child(versions: Iterable) -> dict[str, list]:
    out: dict[str, list] = defaultdict(list)
    for v in versions:
        out[v.child_nr].append(v)
    return out


def _fee_children(children: list[FeeChild], leave_mode: str, today: date) -> list[FeeChild]:
    out = []
    for child in children:
        leave = leaving_day(child.geburtsdatum, leave_mode)
        out.append(replace(child, care=tuple(_cut(child.care, leave, today))))
    return out


# --- the computation ---------------------------------------------------------------------------

@dataclass(frozen=True)
class CarerMonth:
    """What the figures need of one carer's month: amounts per position, total, children."""

    positions: dict[str, Decimal]
    total: Decimal
    children: frozenset
    carried: bool  # Übertrag or Vortrag (R-G10): never reused


def by_carer(lines: list[Line]) -> dict[str, CarerMonth]:
    positions: dict[str, dict[str, Decimal]] = defaultdict(dict)
    children: dict[str, set] = defaultdict(set)
    carried: set[str] = set()
    for line in lines:
        own = positions[line.carer_nr]
        own[line.position] = own.get(line.position, ZERO) + line.amount
        if line.child_nr and line.position in CHILD_POSITIONS:
            children[line.carer_nr].add(line.child_nr)
        if line.position in (UEBERTRAG, VORTRAG):
            carried.add(line.carer_nr)
    return {nr: CarerMonth(own, sum(own.values(), ZERO), frozenset(children.get(nr, ())), nr in carried)
            for nr, own in positions.items()}


def _payout_figures(carers: dict[str, CarerMonth], basis: YearBasis, year: int, month: int,
                    status: str) -> dict[str, Figures]:
    out = {srt: Figures(year, month, srt, status) for srt in basis.srts}
    children: dict[str, set] = defaultdict(set)
    for nr, cm in carers.items():
        srt = basis.carer_srt.get(nr, "")
        figures = out.get(srt) or out.setdefault(srt, Figures(year, month, srt, status))
        for position, amount in cm.positions.items():
            figures.positions[position] = figures.positions.get(position, ZERO) + amount
        if cm.total > 0:
            figures.payout += cm.total
        children[srt] |= cm.children
    for srt, nrs in children.items():
        out[srt].children = len(nrs)
    return out


def _add_fees(out: dict[str, Figures], fees: Iterable[tuple[str, Decimal]], basis: YearBasis, year: int,
              month: int, status: str) -> None:
    """fees = (child nr, Zahlbetrag) of the children whose fee is set."""
    for child_nr, amount in fees:
        srt = basis.child_srt.get(child_nr, "")
        figures = out.get(srt) or out.setdefault(srt, Figures(year, month, srt, status))
        figures.fees += amount
        figures.fee_count += 1


class _Reuse:
    """Carers and families whose inputs did not change since the last computed month
    (domain/projection_reuse.py): their amounts are taken over instead of computed again."""

    def __init__(self, enabled: bool = True):
        self.enabled = enabled
        self.carers: dict[str, tuple] = {}  # nr → (signature, CarerMonth)
        self.families: dict[str, tuple] = {}  # family key → (end of the month computed, [(child nr, Zahlbetrag)])
        self.days: dict[str, list[date]] | None = None

    def payout(self, inp: PayoutInput, settings: Auslegungen, start: date, end: date) -> tuple[dict, list[Line]]:
        sigs = carer_signatures(inp, start, end)
        same = {nr for nr, sig in sigs.items() if self.enabled and sig is not None
                and self.carers.get(nr, (None,))[0] == sig}
        lines = compute_month(reduced_input(inp, same) if same else inp, settings)
        carers = by_carer(lines)
        for nr in set(inp.carers) - same:
            cm = carers.get(nr) or CarerMonth({}, ZERO, frozenset(), False)
            if sigs.get(nr) is not None and not cm.carried:
                self.carers[nr] = (sigs[nr], cm)
            # else: keep the last full month stored — a month with an absence or a change in
            # between does not spoil it; a later month with the same signature reuses it
        for nr in same:
            cm = self.carers[nr][1]
            if cm.positions:
                carers[nr] = cm
        return carers, lines

    def fees(self, children: list[FeeChild], tables: list[FeeTable], year: int, month: int,
             settings: Auslegungen) -> list[tuple[str, Decimal]]:
        """A family is taken over when nothing it depends on changed since the month it was
        computed in full (change days, domain/projection_reuse.py) and no fee table started."""
        start, end = month_range(year, month)
        if self.days is None:
            self.days = change_days(children)
        same = set()
        if self.enabled:
            for key, (computed_end, _due) in self.families.items():
                if not changed_between(self.days.get(key, []), computed_end, end) and not any(
                        computed_end < t.gueltig_ab <= end for t in tables):
                    same.add(key)
        todo = [c for c in children if family_key(c) not in same]
        results = compute_fees(todo, tables, year, month, settings)
        due: dict[str, list] = defaultdict(list)
        key_of = {c.child_nr: family_key(c) for c in todo}
        for r in results:
            if not r.held:
                due[key_of[r.child_nr]].append((r.child_nr, r.zahlbetrag))
        family: dict[str, list] = defaultdict(list)
        for c in todo:
            family[key_of[c.child_nr]].append(c)
        out = []
        for key, members in family.items():
            if key in due or any(_overlaps_month(c, start, end) for c in members):
                if family_cacheable(members, start, end):
                    self.families[key] = (end, due.get(key, []))
                    out += due.get(key, [])
                    continue
            self.families.pop(key, None)
            out += due.get(key, [])
        for key in same:
            out += self.families[key][1]
        return out


def _overlaps_month(child: FeeChild, start: date, end: date) -> bool:
    return any(v.von <= end and (v.bis is None or v.bis >= start) for v in child.care)


def _extra_places(out: dict[str, Figures], scenario: Scenario, year: int, month: int) -> None:
    """n additional places per SRT: n × the SRT's average child-related payout per placed
    child this month (per position, rounded once per SRT and position) and n × its average fee."""
    if not scenario.extra_places or scenario.extra_from is None or month_range(year, month)[1] < scenario.extra_from:
        return
    n = scenario.extra_places
    for figures in out.values():
        if figures.srt == GESAMT or not figures.children:
            continue
        extra = ZERO
        for position in CHILD_POSITIONS:
            amount = figures.positions.get(position)
            if amount:
                extra += round_half_up(Fraction(amount) * n / figures.children)
        figures.positions[ZUSATZ] = extra
        figures.payout += extra
        if figures.fee_count:
            figures.fees += round_half_up(Fraction(figures.fees) * n / figures.fee_count)


def fee_series(fee_children: list[FeeChild], fee_tables: list[FeeTable], year: int, months: Iterable[int],
               settings: Auslegungen, leave_mode: str, today: date,
               reuse_unchanged: bool = True) -> dict[int, list[tuple[str, Decimal]]]:
    """The fee side of `project`: month → [(child nr, Zahlbetrag)] of the children whose fee is
    set, the months in the order given. Independent of the payout side, so ops/projection.py
    may compute it in a worker process of its own."""
    children = _fee_children(fee_children, leave_mode, today)
    reuse = _Reuse(reuse_unchanged)
    return {month: reuse.fees(children, fee_tables, year, month, settings) for month in months}


def project(basis: YearBasis, scenario: Scenario = Scenario(), progress=None, reuse_unchanged: bool = True,
            base: Projection | None = None, fees: Callable[[], dict[int, list] | None] | None = None) -> Projection:
    """The year month by month (see module doc). progress(done, total) after each month;
    reuse_unchanged=False computes every carer and family in every month (tests compare).
    With `base` (the base case of the same basis) the months before the scenario's first day
    are taken from it. `fees()`, asked after the payout side: the fee side computed elsewhere
    (fee_series with this scenario's fee tables of at least the months not taken from `base`) or None."""
    first = scenario.first_day()
    reuse = _Reuse(reuse_unchanged)
    leavings = _leavings(basis)
    months: list[dict[str, Figures]] = []
    carries: list = []
    fees_due: list = []
    todo: list[tuple[int, MonthBasis, str, dict[str, Figures]]] = []  # months whose fees are still to add
    carry: dict | None = None  # None: the month's own carry-in (loaded for the first open month)
    for i, m in enumerate(basis.months):
        start, end = month_range(m.year, m.month)
        if base is not None and base.carries and (first is None or end < first):  # as in the base case
            months.append({srt: replace(f, positions=dict(f.positions)) for srt, f in base.months[i].items()})
            carry = base.carries[i]
            carries.append(carry)
            fees_due.append(base.fees_due[i] if base.fees_due else None)
            continue
        if m.finalized is not None:  # paid as finalized, in every scenario (later changes are corrections)
            status, carers = ABGESCHLOSSEN, by_carer(m.finalized)
            carry = None
        else:
            status = HOCHRECHNUNG
            assert m.inp is not None, "months not finalized carry their payout input"
            inp = _projected_input(m.inp, basis, scenario, carry, end, leavings)
            carers, lines = reuse.payout(inp, basis.settings, start, end)
            carry = carry_out(lines)
        out = _payout_figures(carers, basis, m.year, m.month, status)
        months.append(out)
        carries.append(carry)
        fees_due.append(None)
        todo.append((i, m, status, out))
        if progress is not None:
            progress(i + 1, len(basis.months))
    due = _fees_of(basis, scenario, base, fees() if fees is not None else None, [m.month for _, m, _, _ in todo],
                   reuse_unchanged)
    for i, m, status, out in todo:
        fees_due[i] = due[m.month]
        _add_fees(out, due[m.month], basis, m.year, m.month, status)
        _extra_places(out, scenario, m.year, m.month)
        end = month_range(m.year, m.month)[1]
        unconfirmed = status == HOCHRECHNUNG and basis.unconfirmed_from is not None and basis.unconfirmed_from <= end
        total = Figures(m.year, m.month, GESAMT, status, unconfirmed_rates=unconfirmed)
        for figures in out.values():
            figures.unconfirmed_rates = unconfirmed
            total.add(figures)
        out[GESAMT] = total
    return Projection(basis.year, scenario, basis.srts, months, carries, fees_due)


def _fees_of(basis: YearBasis, scenario: Scenario, base: Projection | None, fees: dict[int, list] | None,
             months: list[int], reuse_unchanged: bool) -> dict[int, list]:
    """The fee side of the months: given, the base case's (a scenario without fee tables has the
    same inputs), or computed here."""
    if fees is not None and all(month in fees for month in months):
        return fees
    known = dict(enumerate(base.fees_due, 1)) if base is not None else {}
    if not scenario.fee_tables and all(known.get(month) is not None for month in months):
        return {month: known[month] for month in months}
    assert basis.fees_loaded, "the fee side was computed elsewhere for other months"
    return fee_series(basis.fee_children, scenario_fee_tables(basis.fee_tables, scenario), basis.year, months,
                      basis.settings, basis.leave_mode, basis.today, reuse_unchanged)
