"""The office's own figures (R-S2): counts per SRT on a date and money per month (payout
lines by position and SRT, fees charged)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import astuple, dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from kitadesk.domain.statistics.inputs import GESAMT, HOUR_LIMITS, SRT_ORDER, ZERO, StatCarer, StatChild, StatPlacement

# ------------------------------------------------------------------ R-S2: office figures on a date

COUNT_KEYS = ("tpp", "mit_kindern", "kinder", "wohn", "plaetze", "frei", "ueberbelegt", "ohne_erlaubnis")


@dataclass(frozen=True)
class SrtFigures:
    """Counts of one SRT (or 'Gesamt') on a date (R-S2); children by the carer's SRT, places
    from the permits valid on the date, frei = Σ max(0, places − children) per carer."""

    srt: str
    tagespflegepersonen: int  # working on the date or with children
    mit_kindern: int
    kinder: int
    kinder_wohn_srt: int  # by the child's own SRT
    plaetze: int
    frei: int
    ueberbelegt: int  # more children than the valid permit allows
    ohne_erlaubnis: int  # children but no valid permit
    altersgruppen: tuple[int, ...] = (0, 0, 0)  # AGE_GROUPS
    stundenbaender: tuple[int, ...] = (0, 0, 0, 0)  # HOUR_BANDS

    @classmethod
    def of(cls, srt: str, counts: list[int], ages: tuple[int, ...], bands: tuple[int, ...]) -> SrtFigures:
        """From the eight counts in the order of COUNT_KEYS."""
        tpp, mit_kindern, kinder, wohn, plaetze, frei, ueberbelegt, ohne_erlaubnis = counts
        return cls(srt, tpp, mit_kindern, kinder, wohn, plaetze, frei, ueberbelegt, ohne_erlaubnis, ages, bands)

    @property
    def belegung(self) -> Decimal | None:
        """Occupancy in percent of the permitted places (children / places)."""
        if not self.plaetze:
            return None
        return (Decimal(100) * self.kinder / self.plaetze).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class StockFigures:
    stichtag: date
    rows: tuple[SrtFigures, ...]  # per SRT, then GESAMT

    @property
    def total(self) -> SrtFigures:
        return self.rows[-1]

    def by_srt(self, srt: str) -> SrtFigures:
        return next(r for r in self.rows if r.srt == srt)


def age_group(birth: date, day: date) -> int:
    """Index in AGE_GROUPS (R-S2): under 1, 1 to under 3, 3 and older."""
    age = day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
    return 0 if age < 1 else 1 if age < 3 else 2


def hour_band(hours: Decimal) -> int:
    """Index in HOUR_BANDS (R-S2): ≤ 25, ≤ 35, ≤ 45, > 45 hours per week."""
    for i, limit in enumerate(HOUR_LIMITS):
        if hours <= limit:
            return i
    return len(HOUR_LIMITS)


def srt_order(srts: Iterable[str]) -> list[str]:
    return [*SRT_ORDER, *sorted(set(srts) - set(SRT_ORDER))]


def stock_figures(day: date, children: Iterable[StatChild], carers: Iterable[StatCarer],
                  placements: Iterable[StatPlacement]) -> StockFigures:
    """R-S2 on `day`: carers, children, places, free places, age groups and hour bands per SRT."""
    child_by_nr = {c.nr: c for c in children}
    carers = list(carers)
    active = [p for p in placements if p.active_on(day)]
    kids_of: dict[str, set[str]] = defaultdict(set)
    hours_of: dict[str, Decimal] = defaultdict(lambda: ZERO)
    main_carer: dict[str, tuple] = {}
    for p in active:
        kids_of[p.carer_nr].add(p.child_nr)
        version = p.version_on(day)
        h = version.wochenstunden if version else ZERO
        hours_of[p.child_nr] += h
        key = (h, -p.beginn.toordinal())
        if p.child_nr not in main_carer or key > main_carer[p.child_nr][0]:
            main_carer[p.child_nr] = (key, p.carer_nr)
    carer_srt = {c.nr: c.srt for c in carers}
    per: dict[str, Counter] = defaultdict(Counter)
    for c in carers:
        kids = len(kids_of.get(c.nr, ()))
        if not kids and not c.working_on(day):
            continue
        row = per[c.srt]
        row["tpp"] += 1
        permit = c.permit_on(day)
        places = permit.max_kinder if permit else 0
        row["plaetze"] += places
        row["frei"] += max(0, places - kids)
        if kids:
            row["mit_kindern"] += 1
            row["ueberbelegt"] += kids > places and permit is not None
            row["ohne_erlaubnis"] += permit is None
    for child_nr, (_, carer_nr) in main_carer.items():
        srt, child = carer_srt.get(carer_nr, ""), child_by_nr[child_nr]
        per[srt]["kinder"] += 1
        per[child.srt]["wohn"] += 1
        per[srt][f"a{age_group(child.geburtsdatum, day)}"] += 1
        per[srt][f"h{hour_band(hours_of[child_nr])}"] += 1
    rows = [SrtFigures.of(srt, [per[srt][k] for k in COUNT_KEYS], tuple(per[srt][f"a{i}"] for i in range(3)),
                          tuple(per[srt][f"h{i}"] for i in range(4))) for srt in srt_order(per)]
    rows.append(_total(rows))
    return StockFigures(day, tuple(rows))


def _total(rows: list[SrtFigures]) -> SrtFigures:
    columns = list(zip(*(astuple(r)[1:] for r in rows)))
    ages, bands = (tuple(map(sum, zip(*c))) for c in columns[8:])
    return SrtFigures.of(GESAMT, [sum(c) for c in columns[:8]], ages, bands)


# ------------------------------------------------------------------ R-S2: money per month

Month = tuple[int, int]


@dataclass(frozen=True)
class PaidLine:
    """An amount of a month: finalized payout lines (carer's SRT) or fees charged (Zahlbetrag,
    child's SRT)."""

    year: int
    month: int
    srt: str
    position: str
    amount: Decimal


@dataclass(frozen=True)
class MoneyFigures:
    months: tuple[Month, ...]
    paid_by_position: dict[str, dict[Month, Decimal]]  # the largest position first
    paid_by_srt: dict[str, dict[Month, Decimal]]
    paid_total: dict[Month, Decimal]
    fees_by_srt: dict[str, dict[Month, Decimal]] = field(default_factory=dict)
    fees_total: dict[Month, Decimal] = field(default_factory=dict)  # empty: not available
    fees_note: str = ""
    months_without_run: tuple[Month, ...] = ()

    def year_totals(self, table: dict[Month, Decimal]) -> dict[int, Decimal]:
        out: dict[int, Decimal] = {}
        for (y, _), v in table.items():
            out[y] = out.get(y, ZERO) + v
        return out

    @property
    def paid_sum(self) -> Decimal:
        return sum(self.paid_total.values(), ZERO)

    @property
    def fees_sum(self) -> Decimal:
        return sum(self.fees_total.values(), ZERO)


def month_span(start: Month, end: Month) -> tuple[Month, ...]:
    """Inclusive list of (year, month) from start to end."""
    if start > end:
        raise ValueError("Der erste Monat liegt nach dem letzten Monat.")
    out, (y, m) = [], start
    while (y, m) <= end:
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return tuple(out)


def base_position(position: str) -> str:
    """'Korrektur: Betreuung' → 'Betreuung': a correction is money for that position (R-S2)."""
    return position.split(": ", 1)[1] if position.startswith("Korrektur: ") else position


def _table(items: list[PaidLine], key) -> dict[str, dict[Month, Decimal]]:
    out: dict[str, dict] = defaultdict(lambda: defaultdict(lambda: ZERO))
    for it in items:
        out[key(it)][(it.year, it.month)] += it.amount
    return {k: dict(v) for k, v in out.items()}


def money_figures(months: Sequence[Month], lines: Iterable[PaidLine], fees: Iterable[PaidLine] = (),
                  fees_note: str = "", run_months: Iterable[Month] | None = None) -> MoneyFigures:
    """R-S2: money paid per month by position and SRT (finalized runs only) and fees charged."""
    wanted = set(months)
    lines = [ln for ln in lines if (ln.year, ln.month) in wanted]
    fees = [f for f in fees if (f.year, f.month) in wanted]
    by_pos = _table(lines, lambda ln: base_position(ln.position))
    by_srt, fee_srt = _table(lines, lambda ln: ln.srt), _table(fees, lambda f: f.srt)
    total = {ym: sum((v.get(ym, ZERO) for v in by_srt.values()), ZERO) for ym in months}
    fee_total = {ym: sum((v.get(ym, ZERO) for v in fee_srt.values()), ZERO) for ym in months} if fees else {}
    runs = set(run_months) if run_months is not None else {ym for ym, v in total.items() if v}
    return MoneyFigures(
        tuple(months), dict(sorted(by_pos.items(), key=lambda kv: (-sum(kv[1].values(), ZERO), kv[0]))),
        {k: by_srt[k] for k in srt_order(by_srt) if k in by_srt}, total,
        {k: fee_srt[k] for k in srt_order(fee_srt) if k in fee_srt}, fee_total, fees_note,
        tuple(ym for ym in months if ym not in runs))
