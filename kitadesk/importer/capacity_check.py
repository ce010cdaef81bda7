"""R-K3: every new or changed placement version of the workbook is checked against the
carer's permit limits (R-C6) and exclusion (R-C7) with `domain.capacity.check_placement`,
on the state after the import (workbook merged with the database).

Import-specific decisions:
- each limit is reported once per carer (per child for "one child, one carer"), at the
  row of the version that starts on the first day the limit breaks (the "last straw");
- R-C7 is checked on the first day of a new placement only (not on today's date: a
  historical placement that began while the permit was valid is fine). A placement that
  began in the past *before* the recorded permit was issued is not refused — the earlier
  permit is simply not in the workbook; care that begins in the future still needs one.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from kitadesk.domain.capacity import (
    CapacityPlacement,
    GroupMember,
    Permit,
    Zusammenschluss,
    check_placement,
)
from kitadesk.domain.rules.carer import latest_permit_end
from kitadesk.importer.existing import Existing
from kitadesk.importer.placements_plan import NEW, UPDATE, PlannedPlacement, _plan_of
from kitadesk.importer.problems import Problems
from kitadesk.importer.schema import PLACEMENTS

PARENTS_HOUSEHOLD = "Haushalt der Eltern"


@dataclass
class CarerFacts:
    nr: str
    qualification: str
    betreuungsort: str
    group: str | None
    permits: list[tuple[date, date, int | None, int | None]]
    fz: list[date]
    household_fz: dict[str, date]


@dataclass
class Segment:
    cap: CapacityPlacement
    row: object  # Row to report at, or None
    changed: bool
    first_of_new: bool


def carer_facts(carer_rows: dict, existing: Existing) -> dict[str, CarerFacts]:
    """Final facts per carer: the workbook row where there is one, else the database."""
    facts: dict[str, CarerFacts] = {}
    for nr, old in existing.carers.items():
        facts[nr] = CarerFacts(nr, old.qualifikation, old.betreuungsort, old.group,
                               list(old.permits), list(old.fz), dict(old.household_fz))
    for nr, row in carer_rows.items():
        old = facts.get(nr)
        permits = list(old.permits) if old else []
        vom = row.get("Erlaubnis_vom")
        if vom is not None:
            bis = row.get("Erlaubnis_bis") or latest_permit_end(vom)
            permits = [p for p in permits if p[0] != vom] + [(vom, bis, row.get("Max_Kinder"), row.get("Max_gleichzeitig"))]
            permits.sort(key=lambda p: p[0])
        fz = sorted(set((old.fz if old else []) + ([row.get("Führungszeugnis_vom")] if row.get("Führungszeugnis_vom") else [])))
        group = row.get("Zusammenschluss") if "Zusammenschluss" in row.values else (old.group if old else None)
        if "Betreuungsort" in row.values:
            ort = row.get("Betreuungsort") or "eigener Haushalt"
        else:
            ort = old.betreuungsort if old else "eigener Haushalt"
        facts[nr] = CarerFacts(nr, row.get("Qualifikation") or (old.qualification if old else "Basis"),
                               ort, group, permits, fz, dict(old.household_fz) if old else {})
    return facts


def _pick(dates_or_permits, day, key=lambda x: x):
    """Latest entry starting on or before `day`, else the earliest; None if empty."""
    if not dates_or_permits:
        return None
    before = [x for x in dates_or_permits if key(x) <= day]
    return before[-1] if before else dates_or_permits[0]


def _permit(f: CarerFacts, groups: dict[str, list[CarerFacts]], day: date, today: date) -> Permit:
    chosen = _pick(f.permits, day, key=lambda p: p[0])
    vom, bis, max_total, max_once = chosen if chosen else (None, None, None, None)
    if vom is not None and day < vom and day < today:
        vom = None  # care began under an earlier permit that is not recorded (see module doc)
    group = None
    if f.group:
        members = groups.get(f.group, [])
        group = Zusammenschluss(f.group, tuple(GroupMember(m.nr, m.qualification) for m in members))
    return Permit(f.nr, f.qualification, max_total, max_once, vom, bis,
                  needs_permit=f.betreuungsort != PARENTS_HOUSEHOLD,
                  fuehrungszeugnis_vom=_pick(f.fz, day),
                  household_fuehrungszeugnisse=tuple(sorted(f.household_fz.items())),
                  group=group)


def _segments(placements: list[PlannedPlacement], existing: Existing, planned_keys: set) -> dict[str, list[Segment]]:
    by_carer: dict[str, list[Segment]] = {}
    for p in placements:
        for von, bis, version in p.segments():
            changed = version.action in (NEW, UPDATE) or p.ende_changed
            cap = CapacityPlacement(p.child_nr, p.carer_nr, von, bis, Decimal(version.terms["wochenstunden"]),
                                    version.plan)
            row = version.row or (p.rows[0] if p.rows else None)
            by_carer.setdefault(p.carer_nr, []).append(
                Segment(cap, row, changed, p.old is None and von == p.beginn))
    for key, old in existing.placements.items():
        if key in planned_keys:
            continue
        versions = sorted(old.versions.values(), key=lambda v: v.gueltig_ab)
        versions = [v for v in versions if old.ende is None or v.gueltig_ab <= old.ende]
        for v, nxt in zip(versions, versions[1:] + [None]):
            bis = nxt.gueltig_ab - timedelta(days=1) if nxt else old.ende
            cap = CapacityPlacement(old.child_nr, old.carer_nr, v.gueltig_ab, bis, Decimal(v.wochenstunden),
                                    _plan_of(v.zeitplan))
            by_carer.setdefault(old.carer_nr, []).append(Segment(cap, None, False, False))
    return by_carer


def check_capacity(placements: list[PlannedPlacement], facts: dict[str, CarerFacts], existing: Existing,
                   problems: Problems, warnings: list[str], today: date) -> None:
    """R-K3: refuse (as problems) what breaks a limit; collect warnings."""
    planned_keys = {p.key for p in placements}
    by_carer = _segments(placements, existing, planned_keys)
    by_child: dict[str, list[CapacityPlacement]] = {}
    for segments in by_carer.values():
        for s in segments:
            by_child.setdefault(s.cap.child_nr, []).append(s.cap)
    groups: dict[str, list[CarerFacts]] = {}
    for f in facts.values():
        if f.group:
            groups.setdefault(f.group, []).append(f)
    reported: set[tuple] = set()
    seen_warnings: set[tuple] = set()
    for carer_nr, segments in by_carer.items():
        f = facts.get(carer_nr)
        changed = sorted((s for s in segments if s.changed), key=lambda s: s.cap.von)
        if f is None or not changed:
            continue
        pool = [s.cap for s in segments]
        if f.group:
            for member in groups.get(f.group, []):
                if member.nr != carer_nr:
                    pool += [s.cap for s in by_carer.get(member.nr, [])]
        arriving: dict = {}  # the version that starts on a day is the one that breaks a limit on that day
        for s in changed:
            arriving[s.cap.von] = s
        for s in changed:
            others = pool + [c for c in by_child.get(s.cap.child_nr, []) if c.carer_nr != carer_nr]
            permit = _permit(f, groups, s.cap.von, today)
            result = check_placement(permit, s.cap, others, new=s.first_of_new)
            for issue in result.issues:
                if issue.severity == "refuse":
                    who = s.cap.child_nr if issue.limit == "ein_kind_eine_person" else carer_nr
                    if (who, issue.limit) in reported:
                        continue
                    reported.add((who, issue.limit))
                    culprit = s if issue.limit == "ein_kind_eine_person" else arriving.get(issue.day, s)
                    column = "Kind_Nr" if issue.limit == "ein_kind_eine_person" else "TPP_Nr"
                    where = culprit.row.number if culprit.row is not None else "–"
                    problems.add(PLACEMENTS.name, where, column,
                                 f"Tagespflegeperson {carer_nr}, Kind {culprit.cap.child_nr}: {issue.message} (R-K3)")
                else:
                    text = f"Betreuungen: Tagespflegeperson {carer_nr}, Kind {s.cap.child_nr}: {issue.message}"
                    if (carer_nr, issue.limit) not in seen_warnings:
                        seen_warnings.add((carer_nr, issue.limit))
                        warnings.append(text)
