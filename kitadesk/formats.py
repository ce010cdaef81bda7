"""German display formats for money, dates and hours (babel, de_DE) — used by reports and UI."""

from datetime import date
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_decimal

LOCALE = "de_DE"


def money(value: Decimal | None) -> str:
    """1234.5 → '1.234,50 €' (R-V4)."""
    if value is None:
        return ""
    return f"{format_decimal(value, format='#,##0.00', locale=LOCALE)} €"


def number(value: Decimal | None, places: int = 2) -> str:
    if value is None:
        return ""
    pattern = "#,##0." + "0" * places if places else "#,##0"
    return format_decimal(value, format=pattern, locale=LOCALE)


def hours(value: Decimal | None) -> str:
    """Hours without trailing zeros: 35 → '35', 12.5 → '12,5'."""
    if value is None:
        return ""
    return format_decimal(value, format="#,##0.##", locale=LOCALE)


def day(value: date | None) -> str:
    """date → 'TT.MM.JJJJ'."""
    return value.strftime("%d.%m.%Y") if value else ""


def long_day(value: date) -> str:
    """date → '24. November 2026' (letters)."""
    return format_date(value, format="d. MMMM y", locale=LOCALE)


def month_label(year: int, month: int) -> str:
    """→ 'April 2026'."""
    return format_date(date(year, month, 1), format="MMMM y", locale=LOCALE)
