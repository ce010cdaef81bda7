"""Segments and proration (berechnung.md §4): timelines cut at change points, never per day.

A value "valid from" a date (rate table, tier, child status, day state of a carer) is a
`Timeline`. A line's month is cut at the union of the change points of everything it
depends on; adjacent pieces whose formula values (the key) are equal merge again into
one segment (`merge_runs`) — so a record that changed without changing those values
does not cut.
"""

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from functools import cache, lru_cache
from typing import Any

from kitadesk.domain.absences import absence_days, allowance_year, unpaid_day_reasons
from kitadesk.domain.calendar import month_days, month_range
from kitadesk.domain.inputs import BASIS, Absence, PayoutInput, PlacementVersion, RateTable
from kitadesk.domain.settings import Auslegungen
from kitadesk.domain.texts import money, number
from kitadesk.errors import InputError

ONE_DAY = timedelta(days=1)


class Timeline:
    """Values valid from dates: the value on a day is the one with the latest start ≤ day."""

    __slots__ = ("starts", "values", "default")

    def __init__(self, points: Iterable[tuple[date, Any]], default: Any = None):
        ordered = sorted(points, key=lambda p: p[0])  # stable: a later duplicate wins
        self.starts = [p[0] for p in ordered]
        self.values = [p[1] for p in ordered]
        self.default = default

    def on(self, day: date) -> Any:
        i = bisect_right(self.starts, day)
        return self.values[i - 1] if i else self.default

    def cuts(self, von: date, bis: date) -> list[date]:
        """Change points strictly after `von` up to and including `bis`."""
        return self.starts[bisect_right(self.starts, von):bisect_right(self.starts, bis)]


EMPTY = Timeline(())


def days_between(von: date, bis: date) -> int:
    """Number of days of the inclusive period [von, bis]."""
    return (bis - von).days + 1


def pieces(von: date, bis: date, cut_points: Iterable[date]) -> list[tuple[date, date]]:
    """Cut [von, bis] before each point (a point starts a new piece)."""
    starts = sorted({von, *(p for p in cut_points if von < p <= bis)})
    ends = [s - ONE_DAY for s in starts[1:]] + [bis]
    return list(zip(starts, ends))


def merge_runs(items: Iterable[tuple[date, date, Any, Any]]) -> list[list]:
    """Maximal runs of consecutive days with equal key (berechnung.md §4).

    `items` are (von, bis, key, payload) sorted by date and not overlapping; key None means
    "no line on these days". Returns [von, bis, key, [payloads…]].
    """
    out: list[list] = []
    for von, bis, key, payload in items:
        if key is None:
            continue
        last = out[-1] if out else None
        if last is not None and last[2] == key and last[1] + ONE_DAY == von:
            last[1] = bis
            last[3].append(payload)
        else:
            out.append([von, bis, key, [payload]])
    return out


def union_periods(periods: Iterable[tuple[date, date]]) -> list[tuple[date, date]]:
    """Merge overlapping or touching inclusive periods."""
    out: list[list[date]] = []
    for von, bis in sorted(periods):
        if out and von <= out[-1][1] + ONE_DAY:
            out[-1][1] = max(out[-1][1], bis)
        else:
            out.append([von, bis])
    return [(a, b) for a, b in out]


@cache
def frac(value: Decimal | int) -> Fraction:
    """Exact rational of a Decimal (cached: rates and hours repeat a lot)."""
    return Fraction(value)


# Exact rationals as plain (numerator, denominator) int pairs on the hot path: the same
# exact value as a Fraction, without normalising after every step (berechnung.md §1:
# multiply first, divide last, round once).

@cache
def ratio(value: Decimal | int | Fraction) -> tuple[int, int]:
    """Exact (numerator, denominator) of a Decimal, int or Fraction."""
    return value.as_integer_ratio()


def r_mul(*factors: tuple[int, int]) -> tuple[int, int]:
    num, den = 1, 1
    for n, d in factors:
        num *= n
        den *= d
    return num, den


def r_add(*terms: tuple[int, int]) -> tuple[int, int]:
    num, den = 0, 1
    for n, d in terms:
        num, den = num * d + n * den, den * d
    return num, den


def r_round(value: tuple[int, int]) -> Decimal:
    """Round a non-negative exact ratio once to cents, half-up (same as money.round_half_up)."""
    num, den = value
    if num < 0:
        raise ValueError("r_round: negative value")
    cents, remainder = divmod(num * 100, den)
    if 2 * remainder >= den:
        cents += 1
    return Decimal(cents).scaleb(-2)


# --- the carer's days (R-G5, berechnung.md §7) -------------------------------------------------

@dataclass(frozen=True)
class DayState:
    """What a carer's absence means for the §5 lines on a day (no state = present)."""

    kind: str  # ABWESEND (paid, allowance), VERTRETUNG (substitute paid), UNBEZAHLT (cut)
    absence_kind: str = ""
    substitute_nr: str | None = None
    reason: str = ""


ABWESEND, VERTRETUNG, UNBEZAHLT = "abwesend", "vertretung", "unbezahlt"


def carer_day_states(absences: list[Absence], month_start: date, month_end: date,
                     settings: Auslegungen) -> Timeline:
    """One carer's day states in the month: allowance walk over the whole year (absences.py)."""
    year_start, year_end = allowance_year(month_start, settings)
    relevant = [a for a in absences if a.von <= year_end and a.bis >= year_start]
    if not any(a.von <= month_end and a.bis >= month_start for a in relevant):
        return EMPTY
    by_day = absence_days(relevant)
    unpaid = unpaid_day_reasons(relevant, year_start, year_end, settings)
    points: list[tuple[date, DayState | None]] = []
    previous: object = "start"
    day = month_start
    while day <= month_end:  # at most 31 steps, only for carers absent this month
        absence = by_day.get(day)
        state = None
        if absence is not None:
            substitute = absence.substitute_nr if absence.substitute_nr != absence.carer_nr else None
            if substitute:
                state = DayState(VERTRETUNG, absence.kind, substitute)
            elif day in unpaid:
                state = DayState(UNBEZAHLT, absence.kind, reason=unpaid[day])
            else:
                state = DayState(ABWESEND, absence.kind)
        if state != previous:
            points.append((day, state))
            previous = state
        day += ONE_DAY
    return Timeline(points)


# --- a child's month, cut into facts (berechnung.md §4, §5, §7) -----------------------------

class BerechnungsFehler(InputError):
    """The month cannot be computed from these inputs (German message: what and where)."""


@dataclass(frozen=True, slots=True)
class Fact:
    """One elementary piece of a child's month: all §5 formula values are constant on it."""

    von: date
    bis: date
    version: PlacementVersion
    payee: str | None  # None: the day is cut (R-G5, beyond the allowance)
    absent_nr: str | None = None  # the substituted carer, if a substitute is paid (R-G5)
    table: RateTable | None = None
    rate: Decimal = Decimal(0)
    eligible: bool = False  # special needs and no LVR Inklusionshilfe (R-G3)
    cut_reason: str = ""

    @property
    def rates(self) -> RateTable:
        """The rate table of a paid piece (set on every fact with a payee)."""
        assert self.table is not None, "a paid piece has its rate table"
        return self.table


class MonthContext:
    """The month's context: dates, factor, lookups (built once per compute_month)."""

    def __init__(self, inp: PayoutInput, settings: Auslegungen):
        self.inp, self.settings = inp, settings
        self.start, self.end = month_range(inp.year, inp.month)
        self.D = month_days(inp.year, inp.month)
        self.f = settings.monatsfaktor
        self.f_text = settings.monatsfaktor_text
        self.f_ratio = ratio(self.f)
        self.tables = Timeline((t.gueltig_ab, t) for t in inp.rate_tables)
        by_child = defaultdict(list)
        for status in inp.child_status:
            by_child[status.child_nr].append((status.gueltig_ab, status))
        self.status = {child: Timeline(points) for child, points in by_child.items()}
        self.absences = defaultdict(list)
        self.substitutes: dict[str, set[str]] = defaultdict(set)
        for absence in inp.absences:
            self.absences[absence.carer_nr].append(absence)
            if absence.substitute_nr and absence.von <= self.end and absence.bis >= self.start:
                self.substitutes[absence.carer_nr].add(absence.substitute_nr)
        self._tiers: dict[str, Timeline] = {}
        self._states: dict[str, Timeline] = {}
        self.built: dict[tuple, tuple] = {}  # (position, formula values, d) → amount, hours, rate, why
        self.original_rate = settings.is_("vertretung_satz", "original")
        self.mba_in_surcharge = settings.is_("zuschlag_basis", "betreuung_und_mba")
        self.night_as_off_hours = settings.is_("nacht_als_randzeit", "ja")

    def tiers(self, carer_nr: str) -> Timeline:
        """R-C5 tier history (tiers.py) of a carer; a carer without history is basis."""
        timeline = self._tiers.get(carer_nr)
        if timeline is None:
            carer = self.inp.carers.get(carer_nr)
            timeline = Timeline(carer.tiers if carer else (), default=BASIS)
            self._tiers[carer_nr] = timeline
        return timeline

    def states(self, carer_nr: str) -> Timeline:
        """The carer's absence day states in the month (R-G5, berechnung.md §7)."""
        timeline = self._states.get(carer_nr)
        if timeline is None:
            absences = self.absences.get(carer_nr)
            timeline = carer_day_states(absences, self.start, self.end, self.settings) if absences else EMPTY
            self._states[carer_nr] = timeline
        return timeline

    def table_on(self, day: date) -> RateTable:
        """The rate table valid on a day: latest gültig_ab ≤ day (berechnung.md §2)."""
        table = self.tables.on(day)
        if table is None:
            raise BerechnungsFehler(f"Keine Satztabelle gültig am {de_day(day)} — bitte Sätze erfassen (R-G2).")
        return table

def version_pieces(versions: list[PlacementVersion], start: date, end: date):
    """The child's versions as non-overlapping periods in [start, end] (berechnung.md §4).

    A version with gültig_ab X ends the previous one on X − 1; equal starts: the higher
    version number wins.
    """
    ordered = sorted(versions, key=lambda v: (v.von, v.version))
    out = []
    for i, version in enumerate(ordered):
        bis = version.bis
        if i + 1 < len(ordered):
            next_start = ordered[i + 1].von - ONE_DAY
            bis = next_start if bis is None or next_start < bis else bis
        a, b = max(version.von, start), min(bis or end, end)
        if a <= b:
            out.append((a, b, version))
    return out


def child_facts(m: MonthContext, child_nr: str, pieces_: list) -> list[Fact]:
    status = m.status.get(child_nr, EMPTY)
    facts: list[Fact] = []
    for a, b, version in pieces_:
        carer = version.carer_nr
        states = m.states(carer)
        cuts = [*states.cuts(a, b), *status.cuts(a, b), *m.tables.cuts(a, b), *m.tiers(carer).cuts(a, b)]
        for substitute in m.substitutes.get(carer, ()):
            cuts.extend(m.tiers(substitute).cuts(a, b))
        for x, y in pieces(a, b, cuts) if cuts else ((a, b),):
            state = states.on(x)
            if state is not None and state.kind == UNBEZAHLT:  # R-G5: beyond the allowance
                facts.append(Fact(x, y, version, None, cut_reason=state.reason))
                continue
            payee = state.substitute_nr if state is not None and state.kind == VERTRETUNG else carer
            absent = carer if payee != carer else None
            tier_of = carer if absent and m.original_rate else payee  # Auslegung vertretung_satz
            table = m.table_on(x)
            child = status.on(x)
            eligible = child is not None and child.special_needs and not child.lvr
            facts.append(Fact(x, y, version, payee, absent, table,
                               table.stundensatz(m.tiers(tier_of).on(x)), eligible))
    return facts


def nights_at_carer(version: PlacementVersion) -> Decimal:
    # R-G7: nights in the parents' household are ordinary hours already in weekly_hours
    return Decimal(0) if version.night_in_parents_household else version.nights


# --- German text for `Line.why` (berechnung.md §1: every figure explainable) ------------------

@lru_cache(maxsize=4096)
def de_num(value: Decimal | int, places: int | None = None) -> str:
    """German number, exact: 1234.5 → '1.234,5'; places=2 → '1.234,50' (texts.number)."""
    if places is not None:
        return number(value, places)
    return f"{Decimal(value).normalize():,f}".translate(_SWAP)


de_money = money  # the one formatter (domain/texts.py)
_SWAP = str.maketrans(",.", ".,")


def de_day(day: date, with_year: bool = True) -> str:
    return day.strftime("%d.%m.%Y" if with_year else "%d.%m.")


def de_period(von: date, bis: date) -> str:
    if von == bis:
        return de_day(von)
    return f"{de_day(von, von.year != bis.year)}–{de_day(bis)}"


def hours_text(hours: Decimal, nights: Decimal, extra: tuple[str, ...] = ()) -> str:
    """'35 Std./Woche' or '(35 Std. + 2 × 1 Nacht)/Woche' (R-G7)."""
    parts = [f"{de_num(hours)} Std."]
    if nights:
        parts.append(f"2 × {de_num(nights)} {'Nacht' if nights == 1 else 'Nächte'}")
    parts.extend(extra)
    if len(parts) == 1:
        return f"{parts[0]}/Woche"
    return f"({' + '.join(parts)})/Woche"


def proration_text(days: int, month_days: int) -> str:
    return "" if days == month_days else f" × {days}/{month_days} Tage"
