"""Carer absences and the 6-week allowance (R-G5, berechnung.md §7)."""

from datetime import date

from kitadesk.domain.calendar import days, is_working_day
from kitadesk.domain.inputs import Absence
from kitadesk.domain.settings import Auslegungen

ALLOWANCE = {"arbeitstage": 30, "kalendertage": 42}


def allowance_year(day: date, settings: Auslegungen) -> tuple[date, date]:
    """The year the allowance is counted in: calendar year or Kitajahr (1 Aug–31 Jul)."""
    if settings.is_("ausfall_jahr", "kitajahr"):
        start_year = day.year if day.month >= 8 else day.year - 1
        return date(start_year, 8, 1), date(start_year + 1, 7, 31)
    return date(day.year, 1, 1), date(day.year, 12, 31)


def absence_days(absences: list[Absence]) -> dict[date, Absence]:
    """Merge overlapping absences into one map day → absence (a substitute wins)."""
    result: dict[date, Absence] = {}
    for absence in sorted(absences, key=lambda a: (a.von, a.substitute_nr is not None)):
        for day in days(absence.von, absence.bis):
            current = result.get(day)
            if current is None or (absence.substitute_nr and not current.substitute_nr):
                result[day] = absence
    return result


REASON_SONSTIGES = "Abwesenheit „sonstiges“ wird nicht bezahlt (Auslegung ausfall_sonstiges, R-G5)"
REASON_OVER_ALLOWANCE = "Ausfall über 6 Wochen (R-G5)"


def unpaid_day_reasons(
    absences: list[Absence], year_start: date, year_end: date, settings: Auslegungen
) -> dict[date, str]:
    """Calendar days of one carer's absences on which the §5 lines are not paid, with the reason.

    Walk the year's absence days in date order; substituted days neither count nor are
    cut. From the first counted day beyond the allowance to the end of that absence,
    and in every later absence of the year, days are cut (`ausfall_ueber_6_wochen`).
    An absence crossing the end of the allowance year is split there (only the year's
    days are looked at).
    """
    by_day = {d: a for d, a in absence_days(absences).items() if year_start <= d <= year_end}
    unpaid: dict[date, str] = {}
    if settings.is_("ausfall_sonstiges", "unbezahlt"):
        for day, absence in by_day.items():
            if absence.kind == "sonstiges" and not absence.substitute_nr:
                unpaid[day] = REASON_SONSTIGES
    if settings.is_("ausfall_ueber_6_wochen", "bezahlt"):
        return unpaid
    by_workdays = settings.is_("ausfall_zaehlweise", "arbeitstage")
    limit = ALLOWANCE["arbeitstage" if by_workdays else "kalendertage"]
    counted = 0
    exceeded = False
    for day in sorted(by_day):
        if by_day[day].substitute_nr or day in unpaid:
            continue
        if exceeded:
            unpaid[day] = REASON_OVER_ALLOWANCE
            continue
        if not by_workdays or is_working_day(day):
            counted += 1
            if counted > limit:
                exceeded = True
                unpaid[day] = REASON_OVER_ALLOWANCE
    return unpaid


def unpaid_days(absences: list[Absence], year_start: date, year_end: date, settings: Auslegungen) -> set[date]:
    """The days of `unpaid_day_reasons` (R-G5, berechnung.md §7)."""
    return set(unpaid_day_reasons(absences, year_start, year_end, settings))
