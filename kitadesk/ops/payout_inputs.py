"""Load what `domain.payout.compute_month` needs from the store (berechnung.md §4–§8).

Two steps, so that a payout run can look at its own month and at up to 12 finalized
months before it (corrections, §8) with the same handful of queries:

- `load_pool(session, first, last)` — ONE query per table for the whole period
  [first month, last month]: plain column tuples, no ORM objects, no N+1.
- `month_input(pool, year, month, settings)` — slices one month out of the pool in
  Python: placement versions (a version with gültig_ab X ends the previous one on X − 1
  and ends with the placement's Ende), child statuses, the absences of the allowance
  year (calendar or Kita year, Auslegung `ausfall_jahr`), proofs, Vertretungsplatz
  periods, Monatsmeldungen and Sonderbeträge of the month (R-G11), rate tables, the R-C5
  tier history per carer (domain/tiers.py, Auslegung `stufe_erfahrung`). It also
  returns the ids and version numbers of every record used (`versions`), which a run
  stores and later compares to find months whose inputs changed.

`load_month` does both for one month and adds the carry-in from the previous finalized
run (`Vortrag in Folgemonat` lines, R-G10).
"""

import gc
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from kitadesk import models as orm  # ORM classes whose names the domain uses too (issue 17.4)
from kitadesk.domain.absences import allowance_year
from kitadesk.domain.calendar import month_range
from kitadesk.domain.inputs import (
    Absence,
    Carer,
    ChildStatus,
    ManualAmount,
    Monatsmeldung,
    PayoutInput,
    PlacementVersion,
    Proof,
    RateTable,
    VertretungsplatzPeriod,
)
from kitadesk.domain.lines import VORTRAG
from kitadesk.domain.settings import Auslegungen
from kitadesk.domain.tiers import tier_history
from kitadesk.models import (
    ABGESCHLOSSEN,
    Child,
    Erstattungsnachweis,
    Fortbildung,
    PayoutLine,
    PayoutRun,
    Placement,
    Sonderbetrag,
    Vertretungsplatz,
)

ONE_DAY = timedelta(days=1)

# tables whose records feed the calculation → German label (reasons of correction lines)
INPUT_TABLES = {
    "carers": "Tagespflegepersonen",
    "fortbildungen": "Fortbildungen",
    "placements": "Betreuungen",
    "placement_versions": "Betreuungsumfang",
    "child_statuses": "Kinderstatus",
    "absences": "Abwesenheiten",
    "erstattungsnachweise": "Erstattungsnachweise",
    "vertretungsplaetze": "Vertretungsplätze",
    "monatsmeldungen": "Monatsmeldungen",
    "sonderbetraege": "Sonderbeträge",
    "rate_tables": "Satztabellen",
}


@dataclass(frozen=True, slots=True)
class CarerInfo:
    """Master data of a carer for exports and the completeness check."""

    id: int
    version: int
    nr: str
    nachname: str
    vorname: str
    srt: str
    iban: str | None
    bic: str | None
    qualifikation: str
    qualifikation_seit: date | None
    taetig_seit: date | None
    taetig_bis: date | None
    betreuungsort: str


@dataclass(frozen=True, slots=True)
class ChildInfo:
    id: int
    nr: str
    nachname: str
    vorname: str
    geburtsdatum: date | None


@dataclass(slots=True)
class _Placement:
    id: int
    version: int
    child_id: int
    carer_id: int
    beginn: date
    ende: date | None
    versions: list = field(default_factory=list)  # (id, version, gueltig_ab, h, o, n, parents) by gueltig_ab


@dataclass
class Pool:
    """Every record that may matter for the months [start, end] (plain tuples)."""

    start: date
    end: date
    carers: dict[int, CarerInfo]
    children: dict[int, ChildInfo]
    placements: list[_Placement]
    statuses: dict[int, list[tuple]]  # child id → (id, version, gueltig_ab, special needs, lvr) by date
    absences: list[tuple]  # (id, version, carer_id, von, bis, art, substitute_id)
    proofs: list[tuple]  # (id, version, carer_id, art, betrag, je, alter_art, von, bis)
    vertretungsplaetze: list[tuple]  # (id, version, carer_id, von, bis)
    meldungen: list[tuple]  # (id, version, child_id, datum, stunden)
    sonder: list[tuple]  # (id, version, carer_id, child_id, monat, betrag, grund)
    rate_tables: list[tuple[int, int, RateTable]]  # (id, version, table) by gueltig_ab
    fortbildungen: dict[int, list[tuple]]  # carer id → (id, version, datum, stunden)
    # domain objects do not depend on the month: slicing several months out of one pool builds
    # each once — placement id → spans_of, table → row id → object (absences, proofs). Not init
    # fields: `dataclasses.replace(pool, placements=…)` (a preview's changed pool) starts empty
    # caches instead of sharing the original's (its placements' spans would be stale).
    spans: dict[int, list[tuple]] = field(default_factory=dict, repr=False, init=False)
    made: dict[str, dict] = field(default_factory=lambda: defaultdict(dict), repr=False, init=False)


@dataclass
class MonthInputs:
    """One month's PayoutInput plus what else the run needs."""

    inp: PayoutInput
    versions: dict[str, list[list[int]]]  # table → sorted [[id, version], …] of the records used
    carers: dict[str, CarerInfo]  # nr → master data (every carer of the pool)
    children: dict[str, ChildInfo]  # nr → child (children placed in the month)
    placements: list[tuple[_Placement, list[PlacementVersion]]]  # the month's placements and their versions
    carry_from: str | None = None  # number of the run the carry-in comes from


@contextmanager
def gc_paused():
    """Pause the cyclic garbage collector while ~100,000 small objects are built (10×: ~25 %
    faster); reference counting still frees memory, the collector runs again afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _overlap(von_col, bis_col, start: date, end: date):
    return and_(von_col <= end, or_(bis_col.is_(None), bis_col >= start))


def _month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def load_pool(session: Session, first: tuple[int, int], last: tuple[int, int]) -> Pool:
    """All records for the months first..last (year, month), one query per table."""
    start, end = month_range(*first)[0], month_range(*last)[1]
    # absences: the allowance year of the first month may start 1 Jan or 1 Aug before (R-G5)
    absence_start = min(date(start.year, 1, 1), date(start.year if start.month >= 8 else start.year - 1, 8, 1))

    def q(stmt) -> list:  # all rows (a worker process or the command line: no pacing for a window)
        return list(session.execute(stmt))

    carers = {row[0]: CarerInfo(*row) for row in q(select(
        orm.Carer.id, orm.Carer.version, orm.Carer.nr, orm.Carer.nachname, orm.Carer.vorname, orm.Carer.srt,
        orm.Carer.iban, orm.Carer.bic, orm.Carer.qualifikation, orm.Carer.qualifikation_seit, orm.Carer.taetig_seit,
        orm.Carer.taetig_bis, orm.Carer.betreuungsort))}

    placements: dict[int, _Placement] = {}
    rows = q(select(
        Placement.id, Placement.version, Placement.child_id, Placement.carer_id, Placement.beginn, Placement.ende,
        orm.PlacementVersion.id, orm.PlacementVersion.version, orm.PlacementVersion.gueltig_ab,
        orm.PlacementVersion.wochenstunden, orm.PlacementVersion.randzeitstunden, orm.PlacementVersion.uebernachtungen,
        orm.PlacementVersion.nacht_im_haushalt_der_eltern,
    ).outerjoin(orm.PlacementVersion, and_(orm.PlacementVersion.placement_id == Placement.id,
                                           orm.PlacementVersion.gueltig_ab <= end))
        .where(_overlap(Placement.beginn, Placement.ende, start, end))
        .order_by(Placement.id, orm.PlacementVersion.gueltig_ab))
    for pid, pver, child_id, carer_id, beginn, ende, vid, *version in rows:
        p = placements.get(pid)
        if p is None:
            p = placements[pid] = _Placement(pid, pver, child_id, carer_id, beginn, ende)
        if vid is not None:
            p.versions.append((vid, *version))
    placed = select(Placement.child_id).where(_overlap(Placement.beginn, Placement.ende, start, end))

    children = {row[0]: ChildInfo(*row) for row in q(select(
        Child.id, Child.nr, Child.nachname, Child.vorname, Child.geburtsdatum).where(
        or_(Child.id.in_(placed), Child.id.in_(select(orm.Monatsmeldung.child_id).where(
            orm.Monatsmeldung.datum.between(start, end))), Child.id.in_(select(Sonderbetrag.child_id).where(
                Sonderbetrag.monat.between(_month_key(start), _month_key(end)))))))}

    statuses: dict[int, list[tuple]] = defaultdict(list)
    for child_id, *status in q(select(
            orm.ChildStatus.child_id, orm.ChildStatus.id, orm.ChildStatus.version, orm.ChildStatus.gueltig_ab,
            orm.ChildStatus.besonderer_bedarf, orm.ChildStatus.lvr_inklusionshilfe)
            .where(orm.ChildStatus.child_id.in_(placed), orm.ChildStatus.gueltig_ab <= end)
            .order_by(orm.ChildStatus.gueltig_ab, orm.ChildStatus.id)):
        statuses[child_id].append(tuple(status))

    absences = q(select(orm.Absence.id, orm.Absence.version, orm.Absence.carer_id, orm.Absence.von, orm.Absence.bis,
                        orm.Absence.art, orm.Absence.substitute_id)
                 .where(orm.Absence.von <= end, orm.Absence.bis >= absence_start))
    proofs = q(select(Erstattungsnachweis.id, Erstattungsnachweis.version, Erstattungsnachweis.carer_id,
                      Erstattungsnachweis.art, Erstattungsnachweis.betrag, Erstattungsnachweis.je,
                      Erstattungsnachweis.alter_art, Erstattungsnachweis.von, Erstattungsnachweis.bis)
               .where(_overlap(Erstattungsnachweis.von, Erstattungsnachweis.bis, start, end)))
    vps = q(select(Vertretungsplatz.id, Vertretungsplatz.version, Vertretungsplatz.carer_id, Vertretungsplatz.von,
                   Vertretungsplatz.bis).where(_overlap(Vertretungsplatz.von, Vertretungsplatz.bis, start, end)))
    meldungen = q(select(orm.Monatsmeldung.id, orm.Monatsmeldung.version, orm.Monatsmeldung.child_id,
                         orm.Monatsmeldung.datum, orm.Monatsmeldung.stunden)
                  .where(orm.Monatsmeldung.datum.between(start, end)))
    sonder = q(select(Sonderbetrag.id, Sonderbetrag.version, Sonderbetrag.carer_id, Sonderbetrag.child_id,
                      Sonderbetrag.monat, Sonderbetrag.betrag, Sonderbetrag.grund)
               .where(Sonderbetrag.monat.between(_month_key(start), _month_key(end))))
    tables = [(row[0], row[1], RateTable(*row[2:])) for row in q(select(
        orm.RateTable.id, orm.RateTable.version, orm.RateTable.gueltig_ab, orm.RateTable.stundensatz_basis,
        orm.RateTable.stundensatz_qualifiziert, orm.RateTable.randzeitzuschlag,
        orm.RateTable.vertretungsplatz_pauschale,
        orm.RateTable.zuschlag_besonderer_bedarf_prozent, orm.RateTable.hoechstbetrag_unfallversicherung,
        orm.RateTable.mindestbeitrag_alterssicherung, orm.RateTable.hoechstbetrag_kranken_pflege,
    ).where(orm.RateTable.gueltig_ab <= end, in_force_rates()).order_by(orm.RateTable.gueltig_ab))]
    fortbildungen: dict[int, list[tuple]] = defaultdict(list)
    for carer_id, *course in q(select(Fortbildung.carer_id, Fortbildung.id, Fortbildung.version, Fortbildung.datum,
                                      Fortbildung.stunden).where(Fortbildung.datum <= end)):
        fortbildungen[carer_id].append(tuple(course))
    return Pool(start, end, carers, children, list(placements.values()), statuses, absences, proofs, vps,
                meldungen, sonder, tables, fortbildungen)


def in_force_rates():
    """R-G2 (issue 18): a rate table is used once a Leitung confirmed it (or as a marked example,
    demo data); an entered or imported draft is never used before that."""
    return or_(orm.RateTable.bestaetigt_von.is_not(None), orm.RateTable.ist_beispiel.is_(True))


def cut_versions(p: _Placement, child_nr: str, carer_nr: str, start: date, end: date,
                 build: bool = True) -> list[tuple[int, int, PlacementVersion | None]]:
    """(row id, row version, domain version) of the placement's versions overlapping [start, end]:
    a version with gültig_ab X ends the previous one on X − 1; the last ends with the
    placement's Ende (berechnung.md §4, R-K4). build=False: ids and versions only."""
    out = []
    for i, (vid, vver, gueltig_ab, hours, off, nights, parents) in enumerate(p.versions):
        von = max(gueltig_ab, p.beginn)
        bis = p.ende
        if i + 1 < len(p.versions):
            next_start = p.versions[i + 1][2] - ONE_DAY
            bis = next_start if bis is None or next_start < bis else bis
        if von > end or (bis is not None and (bis < start or bis < von)):
            continue
        out.append((vid, vver, PlacementVersion(
            child_nr, carer_nr, von, bis, hours, off or Decimal(0), nights or Decimal(0),
            placement_id=p.id, version=vver, night_in_parents_household=bool(parents)) if build else None))
    return out


def spans_of(pool: Pool, p: _Placement, child_nr: str, carer_nr: str) -> list[tuple]:
    """cut_versions of the placement without a month (all its versions), built once per pool;
    a month's are those overlapping it (month_input)."""
    spans = pool.spans.get(p.id)
    if spans is None:
        spans = pool.spans[p.id] = cut_versions(p, child_nr, carer_nr, date.min, date.max)
    return spans


def _used_from(points: list, start: date, end: date, day_of) -> list:
    """Of date-sorted records valid from a date: the one in force on `start` and those after it."""
    before = [r for r in points if day_of(r) <= start]
    return before[-1:] + [r for r in points if start < day_of(r) <= end]


def _day2(row: tuple) -> date:
    return row[2]


def _table_day(row: tuple) -> date:
    return row[2].gueltig_ab


def month_input(pool: Pool, year: int, month: int, settings: Auslegungen, build: bool = True,
                tier_cache: dict[int, tuple] | None = None, track: bool = True) -> MonthInputs:
    """One month sliced out of the pool (no queries). build=False: only `versions` is filled
    (change detection of past months: no domain objects, no tier history).

    tier_cache (months of one calendar year, e.g. the projection): the R-C5 history is computed
    once per carer up to 31 December and cut at the month's end — the same as computing it up to
    the month's end, because a day's tier depends only on the completed years before it.
    track=False: `versions` stays empty (callers that write no run need no digest)."""
    start, end = month_range(year, month)
    nr_of = {cid: c.nr for cid, c in pool.carers.items()}
    versions: dict[str, list] = defaultdict(list) if track else _Discard()

    placement_versions: list[PlacementVersion] = []
    month_placements = []
    children: dict[str, ChildInfo] = {}
    payees: set[int] = set()
    for p in pool.placements:
        if p.beginn > end or (p.ende is not None and p.ende < start):
            continue
        child = pool.children[p.child_id]
        children[child.nr] = child
        payees.add(p.carer_id)
        if build:
            cut = [c for c in spans_of(pool, p, child.nr, nr_of[p.carer_id])
                   if c[2].von <= end and (c[2].bis is None or c[2].bis >= start)]
            built = [c[2] for c in cut]
            month_placements.append((p, built))
            placement_versions.extend(built)
        else:
            cut = cut_versions(p, child.nr, nr_of[p.carer_id], start, end, build)
        if track:
            versions["placements"].append([p.id, p.version])
            versions["placement_versions"].extend([vid, vver] for vid, vver, _ in cut)

    statuses = []
    for child in children.values():
        points = pool.statuses.get(child.id)
        for sid, sver, gueltig_ab, special, lvr in _used_from(points, start, end, _day2) if points else ():
            statuses.append(ChildStatus(child.nr, gueltig_ab, bool(special), bool(lvr)))
            versions["child_statuses"].append([sid, sver])

    year_start, _ = allowance_year(start, settings)
    absences = []
    made = pool.made["absences"]
    for aid, aver, carer_id, von, bis, art, substitute_id in pool.absences:
        if von <= end and bis >= year_start:
            absences.append(made.get(aid) or made.setdefault(
                aid, Absence(nr_of[carer_id], von, bis, art, nr_of.get(substitute_id))))
            versions["absences"].append([aid, aver])
            if substitute_id and von <= end and bis >= start:
                payees.add(substitute_id)

    proofs = []
    made = pool.made["proofs"]
    for pid, pver, carer_id, art, betrag, je, alter_art, von, bis in pool.proofs:
        if von <= end and (bis is None or bis >= start) and carer_id in payees:
            proofs.append(made.get(pid) or made.setdefault(pid, Proof(nr_of[carer_id], art, betrag, von, bis, je,
                                                                      alter_art)))
            versions["erstattungsnachweise"].append([pid, pver])

    vps = []
    for vid, vver, carer_id, von, bis in pool.vertretungsplaetze:
        if von <= end and (bis is None or bis >= start):
            vps.append(VertretungsplatzPeriod(nr_of[carer_id], von, bis))
            versions["vertretungsplaetze"].append([vid, vver])

    meldungen = []
    for mid, mver, child_id, datum, stunden in pool.meldungen:
        if start <= datum <= end and child_id in pool.children:
            meldungen.append(Monatsmeldung(pool.children[child_id].nr, datum, stunden))
            versions["monatsmeldungen"].append([mid, mver])

    manual = []
    for sid, sver, carer_id, child_id, monat, betrag, grund in pool.sonder:
        if monat == _month_key(start):
            child_nr = pool.children[child_id].nr if child_id in pool.children else None
            manual.append(ManualAmount(nr_of[carer_id], betrag, grund, child_nr))
            versions["sonderbetraege"].append([sid, sver])

    tables = []
    for tid, tver, table in _used_from(pool.rate_tables, start, end, _table_day):
        tables.append(table)
        versions["rate_tables"].append([tid, tver])

    carers: dict[str, Carer] = {}
    for carer_id in payees:
        info = pool.carers[carer_id]
        if build:  # R-C5 tier history (domain/tiers.py)
            carers[info.nr] = Carer(info.nr, _tiers(pool, info, settings, end, tier_cache))
        if track:
            versions["carers"].append([info.id, info.version])
            versions["fortbildungen"].extend([c[0], c[1]] for c in pool.fortbildungen.get(carer_id, ()) if c[2] <= end)

    inp = PayoutInput(year, month, carers, placement_versions, tables, statuses, absences, proofs, vps,
                      meldungen, manual)
    ordered = {name: sorted(versions.get(name, [])) for name in INPUT_TABLES}
    return MonthInputs(inp, ordered, {c.nr: c for c in pool.carers.values()}, children, month_placements)


class _Discard(dict):
    """A `versions` that records nothing (month_input(track=False))."""

    def __missing__(self, key: str) -> list:
        return _SINK

    def get(self, key, default=None):  # type: ignore[override]
        return []


class _Sink(list):
    def append(self, item) -> None:  # type: ignore[override]
        pass

    def extend(self, items) -> None:  # type: ignore[override]
        pass


_SINK = _Sink()


def _tiers(pool: Pool, info, settings: Auslegungen, end: date, cache: dict[int, tuple] | None) -> tuple:
    """The carer's R-C5 tier history up to `end` (see month_input's tier_cache)."""
    if cache is None:
        courses = [(c[2], c[3]) for c in pool.fortbildungen.get(info.id, ()) if c[2] <= end]
        return tier_history(info.qualifikation, info.qualifikation_seit, info.taetig_seit, courses, settings, end)
    if info.id not in cache:
        year_end = date(end.year, 12, 31)
        courses = [(c[2], c[3]) for c in pool.fortbildungen.get(info.id, ()) if c[2] <= year_end]
        cache[info.id] = tier_history(info.qualifikation, info.qualifikation_seit, info.taetig_seit, courses,
                                      settings, year_end)
    return tuple(change for change in cache[info.id] if change[0] <= end)


def carry_in(session: Session, year: int, month: int) -> tuple[dict[str, Decimal], str | None]:
    """Negative balances of the latest finalized run before the month (R-G10, berechnung.md §8):
    its `Vortrag in Folgemonat` lines become this month's `Übertrag aus Vormonat`."""
    run = session.execute(
        select(PayoutRun.id, PayoutRun.jahr, PayoutRun.monat, PayoutRun.lauf)
        .where(PayoutRun.status == ABGESCHLOSSEN,
               or_(PayoutRun.jahr < year, and_(PayoutRun.jahr == year, PayoutRun.monat < month)))
        .order_by(PayoutRun.jahr.desc(), PayoutRun.monat.desc(), PayoutRun.lauf.desc()).limit(1)).first()
    if run is None:
        return {}, None
    out: dict[str, Decimal] = {}
    for carer_nr, betrag in session.execute(select(PayoutLine.carer_nr, PayoutLine.betrag).where(
            PayoutLine.run_id == run.id, PayoutLine.position == VORTRAG)):
        out[carer_nr] = out.get(carer_nr, Decimal("0.00")) - betrag
    return out, f"{run.jahr:04d}-{run.monat:02d}/{run.lauf}"


def load_month(session: Session, year: int, month: int, settings: Auslegungen) -> MonthInputs:
    """Everything for one month including the carry-in (few queries; see module doc)."""
    with gc_paused():
        loaded = month_input(load_pool(session, (year, month), (year, month)), year, month, settings)
    loaded.inp.carry_in, loaded.carry_from = carry_in(session, year, month)
    return loaded
