"""German display formats for money, dates and hours — used by reports, UI and CLI.

Numbers, money, hours and days come from `kitadesk.domain.texts` (one implementation for
screen, letters, exports and the domain's explanations); babel only spells month names.
"""

from datetime import date

from babel.dates import format_date

from kitadesk.domain.texts import day, hours, money, number, rate

__all__ = ["LOCALE", "day", "hours", "long_day", "money", "month_label", "number", "rate"]

LOCALE = "de_DE"


def long_day(value: date) -> str:
    """date → '24. November 2026' (letters)."""
    return format_date(value, format="d. MMMM y", locale=LOCALE)


def month_label(year: int, month: int) -> str:
    """→ 'April 2026'."""
    return format_date(date(year, month, 1), format="MMMM y", locale=LOCALE)
