"""Official statistics Kinder- und Jugendhilfestatistik Teil III.3 (R-S1) and the office's own
figures (R-S2): pure functions over plain dataclasses (no Qt, no SQLAlchemy).

Decisions where the spec is silent:
- Active on the date: Beginn ≤ date ≤ Ende (or open). Care starting later is not counted.
- "In Kindertagespflege seit": Beginn of the child's continuous spell including the date;
  the next placement continues the spell if it starts ≤ `CONTINUITY_GAP_DAYS` after the end.
- Several placements of a child on the date (R-C6 forbids it): one child record, hours added,
  days = union of the plans' days, record carer = most hours (then earlier Beginn); each
  carer counts the child.
- Days per week only from the Zeitplan valid on the date (days with a slot); without one the
  field is listed as missing, never guessed from the hours.
- Eingliederungshilfe: the child's explicit field; if empty, "ja" when the LVR grants
  Inklusionshilfe on the date (LVR = Träger der Eingliederungshilfe), else "nein".
  "Besonderer Bedarf" alone (city surcharge, R-G3) is not Eingliederungshilfe.
- Qualification on the date: the recorded one unless `qualifikation_seit` is later, then
  "Basis" (as R-C5). Place of care: the permit valid on the date, else the carer's field.
- Records carry Nr and SRT, no names; names only in the list of missing fields (desk use).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import astuple, dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from kitadesk.domain.timeplan import TimePlanError, parse_timeplan

CONTINUITY_GAP_DAYS = 7
VERWANDTSCHAFTEN = ("Großeltern", "andere Verwandte", "nicht verwandt")
GESCHLECHT = {"w": "weiblich", "m": "männlich", "d": "divers"}
KIND, TPP = "Kind", "Tagespflegeperson"
GESAMT = "Gesamt"
SRT_ORDER = ("Mitte/Süd", "Ost", "Nord")
AGE_GROUPS = ("unter 1 Jahr", "1 bis unter 3 Jahre", "3 Jahre und älter")
HOUR_BANDS = ("bis 25 Std.", "über 25 bis 35 Std.", "über 35 bis 45 Std.", "über 45 Std.")
HOUR_BANDS_SHORT = ("bis 25 Std.", "25–35 Std.", "35–45 Std.", "über 45 Std.")
HOUR_LIMITS = (Decimal(25), Decimal(35), Decimal(45))
ZERO = Decimal("0.00")

# R-S1 fields in the list of missing fields
F_GESCHLECHT = "Geschlecht"
F_HERKUNFT = "ausländische Herkunft eines Elternteils"
F_SPRACHE = "vorrangig gesprochene Familiensprache"
F_VERWANDT = "Verwandtschaft zur Tagespflegeperson"
F_TAGE = "Betreuungstage je Woche (kein Zeitplan)"
F_TAGE_FEHLER = "Betreuungstage je Woche (Zeitplan fehlerhaft)"
F_GEBURTSJAHR = "Geburtsjahr"


# ------------------------------------------------------------------ inputs (plain data)

@dataclass(frozen=True)
class StatVersion:
    """A placement version from `gueltig_ab` (R-K4)."""

    gueltig_ab: date
    wochenstunden: Decimal
    zeitplan: str | None = None


@dataclass(frozen=True)
class StatPlacement:
    child_nr: str
    carer_nr: str
    beginn: date
    ende: date | None
    versions: tuple[StatVersion, ...] = ()

    def active_on(self, day: date) -> bool:
        return self.beginn <= day and (self.ende is None or self.ende >= day)

    def version_on(self, day: date) -> StatVersion | None:
        if len(self.versions) == 1:
            return self.versions[0]
        valid = [v for v in self.versions if v.gueltig_ab <= day]
        if valid:
            return max(valid, key=lambda v: v.gueltig_ab)
        return min(self.versions, key=lambda v: v.gueltig_ab) if self.versions else None


@dataclass(frozen=True)
class StatChild:
    nr: str
    nachname: str
    vorname: str
    geburtsdatum: date
    srt: str
    geschlecht: str | None = None
    herkunft_ausland: bool | None = None
    sprache_nicht_deutsch: bool | None = None
    verwandtschaft: str | None = None
    eingliederungshilfe: bool | None = None
    lvr: tuple[tuple[date, bool], ...] = ()  # (gültig ab, LVR-Inklusionshilfe), R-K2

    def lvr_on(self, day: date) -> bool:
        valid = [(ab, flag) for ab, flag in self.lvr if ab <= day]
        return max(valid)[1] if valid else False


@dataclass(frozen=True)
class StatPermit:
    vom: date
    bis: date
    max_kinder: int
    betreuungsort: str = "eigener Haushalt"

    def valid_on(self, day: date) -> bool:
        return self.vom <= day <= self.bis


@dataclass(frozen=True)
class StatCarer:
    nr: str
    nachname: str
    vorname: str
    srt: str
    qualifikation: str = "Basis"
    qualifikation_seit: date | None = None
    geschlecht: str | None = None
    geburtsdatum: date | None = None
    betreuungsort: str = "eigener Haushalt"
    zusammenschluss: str | None = None
    taetig_seit: date | None = None
    taetig_bis: date | None = None
    permits: tuple[StatPermit, ...] = ()

    def permit_on(self, day: date) -> StatPermit | None:
        valid = [p for p in self.permits if p.valid_on(day)]
        return max(valid, key=lambda p: p.vom) if valid else None

    def qualification_on(self, day: date) -> str:
        if self.qualifikation_seit is not None and self.qualifikation_seit > day:
            return "Basis"
        return self.qualifikation

    def place_on(self, day: date) -> str:
        permit = self.permit_on(day)
        return permit.betreuungsort if permit else self.betreuungsort

    def working_on(self, day: date) -> bool:
        return (self.taetig_seit is None or self.taetig_seit <= day) and (
            self.taetig_bis is None or self.taetig_bis >= day)


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
