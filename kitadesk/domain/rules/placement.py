"""Rules of a placement and its versions (domain.md R-K2, R-K4, R-G3, R-G7): weekly hours,
Randzeitstunden, nights, the time plan consistent with the hours (domain/timeplan), dates."""

from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal

from kitadesk.domain.rules import Problem
from kitadesk.domain.rules.common import order_problem
from kitadesk.domain.rules.limits import CONFIRM_WEEKLY_HOURS, MAX_NIGHTS, MAX_WEEKLY_HOURS
from kitadesk.domain.texts import day
from kitadesk.domain.texts import hours as fmt_hours
from kitadesk.domain.timeplan import TimePlan, TimePlanError, consistency_errors, parse_timeplan


@dataclass(frozen=True)
class PlacementRecord:
    """One version of a placement; None = not given."""

    beginn: date | None = None
    ende: date | None = None
    gueltig_ab: date | None = None
    wochenstunden: Decimal | None = None
    randzeitstunden: Decimal | None = None  # None → derived from the Zeitplan
    uebernachtungen: Decimal | int | None = None
    nacht_im_haushalt_der_eltern: bool | None = None
    zeitplan: "TimePlan | str | None" = None


FIELDS = tuple(f.name for f in fields(PlacementRecord))


def hours_problems(p: PlacementRecord) -> list[Problem]:
    """R-K2/R-G3/R-G7: hours per week, Randzeit within them, nights at the carer's or in the parents' home."""
    found = []
    hours, off, nights = p.wochenstunden, p.randzeitstunden, p.uebernachtungen or 0
    if hours is None:
        found.append(Problem("wochenstunden", "R-K2", "Wochenstunden fehlen."))
    elif not 0 < hours <= MAX_WEEKLY_HOURS:
        found.append(Problem("wochenstunden", "R-K2", f"Wochenstunden müssen über 0 und höchstens "
                                                      f"{fmt_hours(MAX_WEEKLY_HOURS)} sein."))
    if off is not None and (off < 0 or (hours is not None and off > hours)):
        found.append(Problem("randzeitstunden", "R-G3", "Randzeitstunden liegen zwischen 0 und den Wochenstunden "
                                                        "(Randzeiten sind Teil der Wochenstunden)."))
    if not 0 <= nights <= MAX_NIGHTS:
        found.append(Problem("uebernachtungen", "R-G7", f"Übernachtungen je Woche: 0 bis {MAX_NIGHTS}."))
    elif nights and p.nacht_im_haushalt_der_eltern:
        found.append(Problem("nacht_im_haushalt_der_eltern", "R-G7", "Übernachtungen bei der Tagespflegeperson und "
                                                                     "Nachtbetreuung im Haushalt der Eltern schließen "
                                                                     "sich aus."))
    return found


def hours_question(hours: Decimal | None) -> str | None:
    """R-K2 (issue 14.5): more than CONFIRM_WEEKLY_HOURS a week is possible but unusual — the form
    asks for a confirmation, the import reports it as a warning. None = nothing to ask."""
    if hours is None or not CONFIRM_WEEKLY_HOURS < hours <= MAX_WEEKLY_HOURS:
        return None
    return (f"{fmt_hours(hours)} Wochenstunden sind mehr als {fmt_hours(CONFIRM_WEEKLY_HOURS)} Stunden je Woche "
            "(R-K2) – ist das wirklich so vereinbart?")


def plan_problems(p: PlacementRecord) -> list[Problem]:
    """R-K2: the time plan parses, its sum equals the hours and its off-hours the Randzeitstunden;
    R-G7: with nights, 21:00–6:00 is not part of the plan."""
    plan = p.zeitplan
    if isinstance(plan, str):
        if not plan.strip():
            return []
        try:
            plan = parse_timeplan(plan)
        except TimePlanError as exc:
            return [Problem("zeitplan", "R-K2", str(exc))]
    if plan is None:
        return []
    found = []
    if p.wochenstunden is not None and 0 < p.wochenstunden <= MAX_WEEKLY_HOURS:
        # R-G7 (berechnung §5): night care in the parents' household is in h, never in o
        for message in consistency_errors(plan, p.wochenstunden, p.randzeitstunden,
                                          bool(p.nacht_im_haushalt_der_eltern)):
            field = "wochenstunden" if message.startswith("Wochenstunden") else "randzeitstunden"
            found.append(Problem(field, "R-K2", message))
    if p.uebernachtungen and (slot := plan.night_slot()) is not None:
        found.append(Problem("zeitplan", "R-G7", f"Bei Übernachtungen gilt 21:00–6:00 pauschal als 2 Stunden je "
                                                 f"Nacht; der Zeitplan darf diese Zeit nicht enthalten ({slot})."))
    return found


def period_problems(p: PlacementRecord) -> list[Problem]:
    """R-K2/R-K4: Ende not before Beginn; a version's Gültig_ab within the placement."""
    found = order_problem("ende", "R-K2", p.ende, p.beginn,
                          f"Ende liegt vor dem Beginn ({day(p.beginn)})." if p.beginn else "")
    found += order_problem("gueltig_ab", "R-K4", p.gueltig_ab, p.beginn,
                           f"Gültig ab liegt vor dem Beginn der Betreuung ({day(p.beginn)})." if p.beginn else "")
    found += order_problem("gueltig_ab", "R-K4", p.ende, p.gueltig_ab,
                           f"Gültig ab liegt nach dem Ende der Betreuung ({day(p.ende)})." if p.ende else "")
    return found


def placement_problems(p: PlacementRecord) -> list[Problem]:
    return [*period_problems(p), *hours_problems(p), *plan_problems(p)]
