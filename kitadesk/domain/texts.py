"""Fast German number and date texts for the domain's explanations (`why`, messages).

Same output as kitadesk.formats (babel, de_DE) for the values the domain produces, but
without babel's per-call cost: the fee run formats tens of thousands of amounts.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

_CENT = Decimal("0.01")


_SWAP = str.maketrans(",.", ".,")


def _number(value: Decimal, places: int, strip: bool) -> str:
    value = Decimal(value)
    if value.as_tuple().exponent < -places:  # round half-up only where needed (rare)
        value = value.quantize(_STEPS[places], rounding=ROUND_HALF_UP)
    text = f"{value:,.{places}f}".translate(_SWAP)
    if strip and places:
        text = text.rstrip("0").rstrip(",")
    return "0" if text in ("-0", "") else text


_STEPS = {0: Decimal(1), 2: _CENT}


@lru_cache(maxsize=8192)  # equal values always give the same text
def money(value: Decimal | None) -> str:
    """1234.5 → '1.234,50 €'."""
    return "" if value is None else f"{_number(value, 2, strip=False)} €"


@lru_cache(maxsize=8192)  # equal values always give the same text
def hours(value: Decimal | None) -> str:
    """35 → '35', 12.5 → '12,5', 0.1666 → '0,17'."""
    return "" if value is None else _number(value, 2, strip=True)


@lru_cache(maxsize=8192)  # equal values always give the same text
def day(value: date | None) -> str:
    """date → 'TT.MM.JJJJ'."""
    return f"{value.day:02d}.{value.month:02d}.{value.year:04d}" if value else ""
