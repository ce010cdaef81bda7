"""Money helpers (berechnung.md §1): exact rationals, rounded once per line, half-up."""

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

CENT = Decimal("0.01")


def to_fraction(value: Decimal | int | str | Fraction) -> Fraction:
    """Exact rational of a Decimal/int/str (never via float)."""
    if isinstance(value, Fraction):
        return value
    return Fraction(Decimal(value))


def round_cents(value: Fraction) -> Decimal:
    """Round a non-negative exact rational once to cents, ROUND_HALF_UP (berechnung.md §1)."""
    scaled = value * 100
    cents, remainder = divmod(scaled.numerator, scaled.denominator)
    if 2 * remainder >= scaled.denominator:
        cents += 1
    return (Decimal(cents) / 100).quantize(CENT)


def round_half_up(value: Fraction) -> Decimal:
    """Half-up on the magnitude, so −0.005 → −0.01 (symmetric, as Decimal's ROUND_HALF_UP)."""
    if value < 0:
        return -round_cents(-value)
    return round_cents(value)


def parse_money(text: str) -> Decimal:
    """Parse '1.234,56', '1234.56' or '1234,56' into Decimal cents."""
    s = str(text).strip().replace("€", "").replace(" ", "")
    if "," in s:
        s = s.replace(".", "").replace(",", ".")
    return Decimal(s).quantize(CENT, rounding=ROUND_HALF_UP)
