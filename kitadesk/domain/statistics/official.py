"""Official statistics Kinder- und Jugendhilfestatistik Teil III.3 (R-S1): the records per child
and carer on the Stichtag and the list of missing fields (decisions: package docstring)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

from kitadesk.domain.statistics.inputs import (
    CONTINUITY_GAP_DAYS,
    F_GEBURTSJAHR,
    F_GESCHLECHT,
    F_HERKUNFT,
    F_SPRACHE,
    F_TAGE,
    F_TAGE_FEHLER,
    F_VERWANDT,
    GESCHLECHT,
    KIND,
    TPP,
    VERWANDTSCHAFTEN,
    ZERO,
    StatCarer,
    StatChild,
    StatPlacement,
    StatVersion,
)
from kitadesk.domain.timeplan import TimePlanError, parse_timeplan

# ------------------------------------------------------------------ R-S1 outputs

@dataclass(frozen=True)
class ChildRecord:
    """A child of Teil III.3 (R-S1); None = missing."""

    nr: str
    srt: str
    carer_nr: str
    geschlecht: str | None
    geburtsmonat: int
    geburtsjahr: int
    seit: date  # start of the continuous spell (month/year)
    herkunft_ausland: bool | None
    sprache_nicht_deutsch: bool | None
    verwandtschaft: str | None
    wochenstunden: Decimal
    tage_pro_woche: int | None
    eingliederungshilfe: bool
    fehlend: tuple[str, ...] = ()


@dataclass(frozen=True)
class CarerRecord:
    """A carer of Teil III.3 (R-S1) with a child on the date."""

    nr: str
    srt: str
    geschlecht: str | None
    geburtsjahr: int | None
    qualifikation: str
    betreuungsort: str
    grosstagespflege: bool
    kinder: int
    fehlend: tuple[str, ...] = ()


@dataclass(frozen=True)
class MissingRecord:
    art: str  # KIND | TPP
    nr: str
    name: str
    srt: str
    fehlend: tuple[str, ...]

    @property
    def text(self) -> str:
        return ", ".join(self.fehlend)


@dataclass(frozen=True)
class OfficialStatistics:
    stichtag: date
    children: tuple[ChildRecord, ...]
    carers: tuple[CarerRecord, ...]
    missing: tuple[MissingRecord, ...]
    notes: tuple[str, ...] = ()

    @property
    def is_first_of_march(self) -> bool:
        return (self.stichtag.month, self.stichtag.day) == (3, 1)


def nr_key(nr: str) -> tuple:
    """'K2' before 'K10'."""
    return len(nr or ""), nr or ""


def continuous_since(placements: Sequence[StatPlacement], day: date) -> date | None:
    """R-S1 "in Kindertagespflege seit": Beginn of the continuous spell including `day`."""
    if len(placements) == 1:
        return placements[0].beginn if placements[0].active_on(day) else None
    spans = sorted((p.beginn, p.ende) for p in placements if p.beginn <= day)
    start = end = None
    found = None
    for beginn, ende in spans:
        if start is None or (end is not None and beginn > end + timedelta(days=CONTINUITY_GAP_DAYS + 1)):
            start, end = beginn, ende
        elif end is not None:
            end = None if ende is None else max(end, ende)
        if end is None or end >= day:
            found = start
    return found


def _plan_days(version: StatVersion | None) -> tuple[frozenset[int] | None, str | None]:
    """Weekdays with care from the Zeitplan, or (None, label of the missing field)."""
    return _days_of((version.zeitplan or "").strip() if version else "")


@lru_cache(maxsize=4096)  # plans repeat; parsing dominates at 10×
def _days_of(text: str) -> tuple[frozenset[int] | None, str | None]:
    if not text:
        return None, F_TAGE
    try:
        plan = parse_timeplan(text)
    except TimePlanError:
        return None, F_TAGE_FEHLER
    days = frozenset(weekday for weekday, slots in enumerate(plan.days) if slots)
    return (days, None) if days else (None, F_TAGE)


def missing_plan_fields(zeitplaene: Iterable[str | None]) -> tuple[str, ...]:
    """R-S1: what the Zeitplan of each placement version on the date leaves open (days per week);
    None = no version/plan. Each label once, in order."""
    return tuple(dict.fromkeys(problem for _, problem in (_days_of((z or "").strip()) for z in zeitplaene)
                               if problem))


def missing_child_fields(geschlecht: str | None, herkunft_ausland: bool | None, sprache_nicht_deutsch: bool | None,
                         verwandtschaft: str | None, zeitplaene: Iterable[str | None] = ()) -> tuple[str, ...]:
    """R-S1: labels (F_*) of a child's fields the statistics miss, in the order of the export's list.
    `zeitplaene`: the Zeitplan of each placement version on the date (empty = no placement, not
    checked). The only rule of what is missing — the official statistics and the entry screens
    both use it. Eingliederungshilfe is never missing (derived from LVR-Inklusionshilfe)."""
    fehlend = [label for label, ok in ((F_GESCHLECHT, geschlecht in GESCHLECHT),
                                       (F_HERKUNFT, herkunft_ausland is not None),
                                       (F_SPRACHE, sprache_nicht_deutsch is not None),
                                       (F_VERWANDT, verwandtschaft in VERWANDTSCHAFTEN)) if not ok]
    return (*fehlend, *missing_plan_fields(zeitplaene))


def missing_carer_fields(geschlecht: str | None, geburtsdatum: date | None) -> tuple[str, ...]:
    """R-S1: labels (F_*) of a carer's fields the statistics miss (qualification and place of care
    always have a value). Shared by the official statistics and the carer form."""
    return tuple(label for label, ok in ((F_GESCHLECHT, geschlecht in GESCHLECHT),
                                         (F_GEBURTSJAHR, geburtsdatum is not None)) if not ok)


def official_statistics(stichtag: date, children: Iterable[StatChild], carers: Iterable[StatCarer],
                        placements: Iterable[StatPlacement]) -> OfficialStatistics:
    """R-S1: the child and carer records on `stichtag` and the list of missing fields."""
    by_child: dict[str, list[StatPlacement]] = defaultdict(list)
    for p in placements:
        by_child[p.child_nr].append(p)
    carer_by_nr = {c.nr: c for c in carers}
    child_records, missing, notes = [], [], []
    kids_of: dict[str, set[str]] = defaultdict(set)
    for child in sorted(children, key=lambda c: nr_key(c.nr)):
        history = by_child.get(child.nr, [])
        active = [p for p in history if p.active_on(stichtag)]
        if not active:
            continue
        versions = [(p, p.version_on(stichtag)) for p in active]
        hours = sum((v.wochenstunden for _, v in versions if v is not None), ZERO)
        main = versions[0][0] if len(versions) == 1 else max(
            versions, key=lambda pv: (pv[1].wochenstunden if pv[1] else ZERO, -pv[0].beginn.toordinal()))[0]
        for p in active:
            kids_of[p.carer_nr].add(child.nr)
        if len(active) > 1:
            notes.append(f"Kind {child.nr}: {len(active)} Betreuungen am Stichtag, Stunden addiert (R-C6).")
        plans = [_plan_days(v) for _, v in versions]
        days: set[int] | None = None
        if all(d is not None for d, _ in plans):
            days = set().union(*(d for d, _ in plans if d is not None))
        fehlend = missing_child_fields(child.geschlecht, child.herkunft_ausland, child.sprache_nicht_deutsch,
                                       child.verwandtschaft, [v.zeitplan if v else None for _, v in versions])
        eingliederung = child.eingliederungshilfe if child.eingliederungshilfe is not None else child.lvr_on(stichtag)
        record = ChildRecord(
            child.nr, child.srt, main.carer_nr, child.geschlecht if child.geschlecht in GESCHLECHT else None,
            child.geburtsdatum.month, child.geburtsdatum.year, continuous_since(history, stichtag) or main.beginn,
            child.herkunft_ausland, child.sprache_nicht_deutsch,
            child.verwandtschaft if child.verwandtschaft in VERWANDTSCHAFTEN else None,
            hours, len(days) if days else None, bool(eingliederung), tuple(fehlend))
        child_records.append(record)
        if fehlend:
            missing.append(MissingRecord(KIND, child.nr, f"{child.nachname}, {child.vorname}", child.srt, tuple(fehlend)))
    carer_records = []
    for nr in sorted(kids_of, key=nr_key):
        carer = carer_by_nr[nr]
        fehlend = missing_carer_fields(carer.geschlecht, carer.geburtsdatum)
        carer_records.append(CarerRecord(
            nr, carer.srt, carer.geschlecht if carer.geschlecht in GESCHLECHT else None,
            carer.geburtsdatum.year if carer.geburtsdatum else None, carer.qualification_on(stichtag),
            carer.place_on(stichtag), bool(carer.zusammenschluss), len(kids_of[nr]), tuple(fehlend)))
        if fehlend:
            missing.append(MissingRecord(TPP, nr, f"{carer.nachname}, {carer.vorname}", carer.srt, tuple(fehlend)))
    return OfficialStatistics(stichtag, tuple(child_records), tuple(carer_records), tuple(missing), tuple(notes))
