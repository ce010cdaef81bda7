"""Everything the import checks before writing, in one pass over the whole workbook: cells,
rows, doubled keys, references, families, placements (R-K4), capacity (R-K3), tables.
Produces a `Plan` for the writer, or — with any problem — nothing is written."""

from dataclasses import dataclass, field
from datetime import date

from kitadesk.importer import checks_cross as cross
from kitadesk.importer.capacity_check import CarerFacts, carer_facts, check_capacity
from kitadesk.importer.checks_rights import check_rights
from kitadesk.importer.checks_rows import check_duplicates, check_rows, hours_warnings
from kitadesk.importer.existing import Existing
from kitadesk.importer.placements_plan import PlannedPlacement, build_placements
from kitadesk.importer.problems import Problems
from kitadesk.importer.reader import Row, SheetData
from kitadesk.importer.schema import (
    ABSENCES,
    CARERS,
    CHILDREN,
    HOLIDAY_CARE,
    PLACEMENTS,
    SPECIAL,
)


@dataclass
class Plan:
    data: dict[str, SheetData]
    existing: Existing
    placements: list[PlannedPlacement]
    facts: dict[str, CarerFacts]
    child_srt: dict[str, str]
    period_start: date
    warnings: list[str] = field(default_factory=list)


def period_start(data: dict[str, SheetData], today: date) -> date:
    """First day the workbook covers (interfaces.md §3: values without dates — proofs, flags,
    income — hold for the whole period): the earliest Beginn/Gültig_ab/Von/Datum/Monat of the
    movement sheets; without any, the first of the current month."""
    days = []
    for row in data[PLACEMENTS.name].rows:
        days += [row.get("Beginn"), row.get("Gültig_ab")]
    for row in data[ABSENCES.name].rows:
        days.append(row.get("Von"))
    for row in data[HOLIDAY_CARE.name].rows:
        days.append(row.get("Datum"))
    for row in data[SPECIAL.name].rows:
        if row.get("Monat"):
            days.append(date(int(row.get("Monat")[:4]), int(row.get("Monat")[5:]), 1))
    days = [d for d in days if d is not None]
    return min(days) if days else today.replace(day=1)


def _keyed(sheet: SheetData) -> dict[str, Row]:
    return {row.get("Nr"): row for row in sheet.rows if row.get("Nr") and row.ok("Nr")}


def validate(data: dict[str, SheetData], existing: Existing, actor, problems: Problems, today: date) -> Plan:
    check_rows(data, problems, today, existing)
    check_duplicates(data, problems)
    carer_rows, child_rows = _keyed(data[CARERS.name]), _keyed(data[CHILDREN.name])
    known_carers = set(existing.carers) | {r.get("Nr") for r in data[CARERS.name].rows if r.get("Nr")}
    known_children = set(existing.children) | {r.get("Nr") for r in data[CHILDREN.name].rows if r.get("Nr")}
    cross.check_references(data, known_children, known_carers, problems)
    cross.check_families(data, problems)
    placements = build_placements(data[PLACEMENTS.name], existing, known_children, known_carers, problems)
    _check_births(placements, child_rows, existing, problems)
    facts = carer_facts(carer_rows, existing)
    cross.check_groups(carer_rows, facts, problems)
    warnings: list[str] = []
    check_capacity(placements, facts, existing, problems, warnings, today)
    hours_warnings(data, warnings)
    periods = _care_periods(placements, existing)
    cross.check_holiday_care(data, periods, problems)
    cross.check_specials(data, actor, existing, problems)
    cross.check_fee_tables(data, existing.fee_cells, problems)
    cross.check_rate_tables(data, existing.rate_tables, problems)
    carer_srt = {nr: c.srt for nr, c in existing.carers.items()}
    carer_srt.update({nr: r.get("SRT") for nr, r in carer_rows.items() if r.get("SRT")})
    child_srt = cross.child_srts(data, existing, carer_srt, _latest_carer(placements, existing), warnings)
    check_rights(data, actor, existing, carer_srt, child_srt, problems)
    return Plan(data, existing, placements, facts, child_srt, period_start(data, today), warnings)


def _check_births(placements, child_rows, existing, problems) -> None:
    for p in placements:
        row = child_rows.get(p.child_nr)
        born = row.get("Geburtsdatum") if row else (existing.children[p.child_nr].geburtsdatum
                                                    if p.child_nr in existing.children else None)
        if born and p.beginn < born:
            problems.add(PLACEMENTS.name, p.rows[0].number, "Beginn",
                         f"liegt vor der Geburt des Kindes {p.child_nr} ({born:%d.%m.%Y}).")


def _care_periods(placements: list[PlannedPlacement], existing: Existing) -> dict[str, list[tuple]]:
    periods: dict[str, list[tuple]] = {}
    planned = {p.key for p in placements}
    for p in placements:
        periods.setdefault(p.child_nr, []).append((p.beginn, p.ende))
    for key, old in existing.placements.items():
        if key not in planned:
            periods.setdefault(old.child_nr, []).append((old.beginn, old.ende))
    return periods


def _latest_carer(placements: list[PlannedPlacement], existing: Existing) -> dict[str, str]:
    latest: dict[str, tuple[date, str]] = {}
    for child, carer, beginn in [p.key for p in placements] + list(existing.placements):
        if child not in latest or beginn > latest[child][0]:
            latest[child] = (beginn, carer)
    return {child: carer for child, (_, carer) in latest.items()}
