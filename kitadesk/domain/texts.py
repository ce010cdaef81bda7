"""THE German number, money and date texts of KitaDesk (R-V4): screen, letters, exports,
CLI and the domain's explanations (`why`) all format through here (`kitadesk.formats`
re-exports these), so an amount reads the same everywhere: `86.224,00 €`.

Pure Python (no babel; the fee run formats tens of thousands of amounts). Rounding for
display is half-up like the money itself (berechnung.md §1): 0,125 € → `0,13 €`; a value
that rounds to zero never shows a minus sign.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

_SWAP = str.maketrans(",.", ".,")


def _number(value: Decimal | int, places: int, strip: bool) -> str:
    value = Decimal(value)
    if int(value.as_tuple().exponent) < -places:  # finite amounts only (an int exponent)  # round half-up only where needed (rare)
        value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if not value:
        value = abs(value)  # no '-0,00'
    text = f"{value:,.{places}f}".translate(_SWAP)
    if strip and places:
        text = text.rstrip("0").rstrip(",")
    return text


@lru_cache(maxsize=8192)  # equal values always give the same text
def money(value: Decimal | None) -> str:
    """1234.5 → '1.234,50 €'; −0.125 → '-0,13 €' (R-V4)."""
    return "" if value is None else f"{_number(value, 2, strip=False)} €"


@lru_cache(maxsize=8192)
def number(value: Decimal | int | None, places: int = 2) -> str:
    """German number with grouping and exactly `places` decimals: 1234.5 → '1.234,50'."""
    return "" if value is None else _number(value, places, strip=False)


@lru_cache(maxsize=8192)  # equal values always give the same text
def hours(value: Decimal | None) -> str:
    """35 → '35', 12.5 → '12,5', 0.1666 → '0,17'."""
    return "" if value is None else _number(value, 2, strip=True)


@lru_cache(maxsize=4096)
def rate(value: Decimal | None) -> str:
    """A rate in € with 2 decimals, or up to 4 where it has more (Numeric(10, 4)): '2,0125 €'."""
    if value is None:
        return ""
    value = Decimal(value)
    exact = value.normalize()
    places = max(2, min(4, -int(exact.as_tuple().exponent))) if exact else 2
    return f"{_number(value, places, strip=False)} €"


@lru_cache(maxsize=8192)  # equal values always give the same text
def day(value: date | None) -> str:
    """date → 'TT.MM.JJJJ'."""
    return f"{value.day:02d}.{value.month:02d}.{value.year:04d}" if value else ""


MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember")


def long_day(value: date) -> str:
    """date → '24. November 2026' (letters, start screen)."""
    return f"{value.day}. {MONTHS[value.month - 1]} {value.year}"


def month_label(year: int, month: int) -> str:
    """→ 'April 2026'."""
    return f"{MONTHS[month - 1]} {year}"
