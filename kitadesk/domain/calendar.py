"""Day arithmetic: month ranges, NRW working days (holidays, subdiv NW)."""

import calendar
from datetime import date, timedelta
from functools import lru_cache


def month_days(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, month_days(year, month))


def days(von: date, bis: date):
    day = von
    while day <= bis:
        yield day
        day += timedelta(days=1)


@lru_cache(maxsize=64)
def _nrw_holidays(year: int) -> frozenset[date]:
    import holidays  # on first use: ~10 % of the window's import time (issue 17)

    return frozenset(holidays.country_holidays("DE", subdiv="NW", years=year).keys())


def is_public_holiday(day: date) -> bool:
    return day in _nrw_holidays(day.year)


def is_working_day(day: date) -> bool:
    """Mon–Fri excluding NRW public holidays (berechnung.md §7)."""
    return day.weekday() < 5 and not is_public_holiday(day)


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February → 1 March
        return date(day.year + years, 3, 1)


def overlaps(von: date, bis: date | None, start: date, end: date) -> bool:
    return von <= end and (bis is None or bis >= start)
