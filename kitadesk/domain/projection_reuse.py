"""Reuse of unchanged months in the projection (issue 20, 10× the city in ≤ 5 s).

A projected year computes the same carers and children twelve times; most of them have the
same inputs every month. A carer's month is reused from the last computed month only when
everything the engine reads for that carer is the same and covers the whole month — placement
versions (hours, off hours, nights, R-G7 flag), child statuses, tier, rate table, proofs,
Vertretungsplatz — and nothing month-specific is there: no absence (own or as substitute),
no Monatsmeldung, no Sonderbetrag, no carry-in. Then the engine's amounts are the same
(berechnung.md §3: a full month is h × f × r, independent of the month's days). Everything
else is computed by the engine as usual. The same for the fees per family (R-E3: values on
the Stichtag, no proration in a full month). Signature None = compute.
"""

from bisect import bisect_right
from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta

from kitadesk.domain.calendar import add_years
from kitadesk.domain.fees import FeeChild
from kitadesk.domain.inputs import PayoutInput

ONE_DAY = timedelta(days=1)


def _full(von: date, bis: date | None, start: date, end: date) -> bool:
    return von <= start and (bis is None or bis >= end)


def _overlaps(von: date, bis: date | None, start: date, end: date) -> bool:
    return von <= end and (bis is None or bis >= start)


def table_signature(inp: PayoutInput, start: date, end: date):
    """The rate table in force for the whole month, or None if one starts within it."""
    tables = sorted(inp.rate_tables, key=lambda t: t.gueltig_ab)
    if any(start < t.gueltig_ab <= end for t in tables):
        return None
    valid = [t for t in tables if t.gueltig_ab <= start]
    return valid[-1] if valid else None


def carer_signatures(inp: PayoutInput, start: date, end: date) -> dict[str, tuple | None]:
    """carer nr → what the engine reads of that carer this month (None: not reusable)."""
    table = table_signature(inp, start, end)
    blocked: set[str] = set(inp.carry_in) | {m.carer_nr for m in inp.manual} | {c.carer_nr for c in inp.corrections}
    for a in inp.absences:
        if _overlaps(a.von, a.bis, start, end):
            blocked.add(a.carer_nr)
            if a.substitute_nr:
                blocked.add(a.substitute_nr)
    sigs: dict[str, list] = defaultdict(list)
    child_carers: dict[str, set[str]] = defaultdict(set)
    for v in inp.placements:  # (_overlaps and _full inlined: the loop runs over every version of the month)
        von, bis = v.von, v.bis
        if von > end or (bis is not None and bis < start):
            continue
        child_carers[v.child_nr].add(v.carer_nr)
        if von > start or (bis is not None and bis < end):
            blocked.add(v.carer_nr)
        sigs[v.carer_nr].append(("p", v.child_nr, v.weekly_hours, v.off_hours, v.nights,
                                 v.night_in_parents_household))
    for m in inp.monatsmeldungen:
        if start <= m.datum <= end:
            blocked.update(child_carers.get(m.child_nr, ()))
    for s in inp.child_status:
        carers = child_carers.get(s.child_nr, ())
        if start < s.gueltig_ab <= end:
            blocked.update(carers)
        elif s.gueltig_ab <= start:
            for nr in carers:
                sigs[nr].append(("s", s.child_nr, s.gueltig_ab, s.special_needs, s.lvr))
    for p in inp.proofs:
        von, bis = p.von, p.bis
        if von <= end and (bis is None or bis >= start):
            if von > start or (bis is not None and bis < end):
                blocked.add(p.carer_nr)
            sigs[p.carer_nr].append(("e", p.kind, p.amount, p.per, p.alter_art))
    for vp in inp.vertretungsplaetze:
        if _overlaps(vp.von, vp.bis, start, end):
            if not _full(vp.von, vp.bis, start, end):
                blocked.add(vp.carer_nr)
            sigs[vp.carer_nr].append(("v",))
    out: dict[str, tuple | None] = {}
    for nr, carer in inp.carers.items():
        changes = [von for von, _ in carer.tiers if start < von <= end]
        if table is None or nr in blocked or changes:
            out[nr] = None
        else:
            out[nr] = (table, carer.tier_on(start), tuple(sigs.get(nr, ())))  # inputs come in a stable order
    return out


def reduced_input(inp: PayoutInput, skip: set[str]) -> PayoutInput:
    """The month's input without the carers in `skip` (reused ones: no absence, no substitute)."""
    return replace(
        inp, carers={nr: c for nr, c in inp.carers.items() if nr not in skip},
        placements=[v for v in inp.placements if v.carer_nr not in skip],
        absences=[a for a in inp.absences if a.carer_nr not in skip],
        proofs=[p for p in inp.proofs if p.carer_nr not in skip],
        vertretungsplaetze=[v for v in inp.vertretungsplaetze if v.carer_nr not in skip])


def _value_on(versions, day: date, attribute: str):
    best = None
    for version in versions:
        if version.gueltig_ab <= day and (best is None or version.gueltig_ab > best.gueltig_ab):
            best = version
    return None if best is None else getattr(best, attribute)


def _child_signature(child: FeeChild, start: date, end: date, table):
    care = [v for v in child.care if _overlaps(v.von, v.bis, start, end)]
    if not care or not all(_full(v.von, v.bis, start, end) for v in care):
        return None
    for changes in (child.incomes, child.fee_free, child.kita_siblings):
        if any(start < x.gueltig_ab <= end for x in changes):
            return None
    waiver = child.waiver
    if waiver is not None and _overlaps(waiver.ab, waiver.bis, start, end):
        if not _full(waiver.ab, waiver.bis, start, end):
            return None
        waiver_sig = waiver.prozent
    else:
        waiver_sig = None
    third = add_years(child.geburtsdatum, 3)
    return (child.child_nr, sum(v.weekly_hours for v in care), end < third, _value_on(child.incomes, end,
            "jahreseinkommen") if child.incomes else None, bool(_value_on(child.fee_free, end, "beitragsfrei")),
            _value_on(child.kita_siblings, end, "anzahl") if child.kita_siblings else None, waiver_sig, id(table))


def family_cacheable(children: list[FeeChild], start: date, end: date) -> bool:
    """Every child of the family with care this month has the whole month (no proration, no change)."""
    return all(_child_signature(c, start, end, None) is not None for c in children
               if any(_overlaps(v.von, v.bis, start, end) for v in c.care))


def change_days(children: list[FeeChild]) -> dict[str, list[date]]:
    """family key → the sorted days from which anything a fee reads changes (care, income,
    Beitragsfrei, Kita siblings, waiver, 3rd birthday)."""
    days: dict[str, set[date]] = defaultdict(set)
    for c in children:
        own = days[family_key(c)]
        for v in c.care:
            own.add(v.von)
            if v.bis is not None:
                own.add(v.bis + ONE_DAY)
        for versions in (c.incomes, c.fee_free, c.kita_siblings):
            own.update(x.gueltig_ab for x in versions)
        if c.waiver is not None:
            own.add(c.waiver.ab)
            if c.waiver.bis is not None:
                own.add(c.waiver.bis + ONE_DAY)
        own.add(add_years(c.geburtsdatum, 3))
    return {key: sorted(value) for key, value in days.items()}


def changed_between(days: list[date], after: date, until: date) -> bool:
    """A change day in (after, until]."""
    i = bisect_right(days, after)
    return i < len(days) and days[i] <= until


def family_key(child: FeeChild) -> str:
    return child.family_nr or f"\0{child.child_nr}"
