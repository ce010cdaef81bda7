"""Money helpers (berechnung.md §1): exact rationals, rounded once per line, half-up.

Every rounding of money happens here or in a domain function that calls these
(tests/test_money_only_in_domain.py scans the rest of the code for `.quantize(`/`round(`).
"""

from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from fractions import Fraction

CENT = Decimal("0.01")
EXCEL_DIGITS = 15  # Excel keeps 15 significant digits; files carry the double with up to 17
_EXCEL = Context(prec=EXCEL_DIGITS, rounding=ROUND_HALF_UP)


def to_fraction(value: Decimal | int | str | Fraction) -> Fraction:
    """Exact rational of a Decimal/int/str (never via float)."""
    if isinstance(value, Fraction):
        return value
    return Fraction(Decimal(value))


def round_places(value: Fraction, places: int) -> Decimal:
    """Round a non-negative exact rational to `places` decimals, half-up (e.g. hours to 0.0001)."""
    denominator = value.denominator  # integer arithmetic: no intermediate Fraction (hot in the engine)
    whole, remainder = divmod(value.numerator * 10**places, denominator)
    if 2 * remainder >= denominator:
        whole += 1
    return Decimal(whole).scaleb(-places)


def round_cents(value: Fraction) -> Decimal:
    """Round a non-negative exact rational once to cents, ROUND_HALF_UP (berechnung.md §1)."""
    return round_places(value, 2)


def round_half_up(value: Fraction) -> Decimal:
    """Half-up on the magnitude, so −0.005 → −0.01 (symmetric, as Decimal's ROUND_HALF_UP)."""
    if value < 0:
        return -round_cents(-value)
    return round_cents(value)


def cents(value: Decimal | int | str) -> Decimal:
    """An amount (entered, stored, summed by the database) to cents, half-up: 12.345 → 12.35."""
    return round_half_up(to_fraction(value))


def whole_euros(value: Decimal | Fraction) -> Decimal:
    """Round to whole euros, half-up on the magnitude (e.g. a fee table's cells): 112.5 → 113."""
    whole = round_places(abs(to_fraction(value)), 0)
    return -whole if value < 0 else whole


def twelfth(yearly: Decimal | int | str) -> Decimal:
    """A yearly amount as its monthly twelfth, rounded once half-up: 12.06 → 1.01 (R-G4, §6)."""
    return round_half_up(to_fraction(yearly) / 12)


def monthly_amount(amount: Decimal, per: str) -> Decimal:
    """A proof's amount per month: as is for `monat`, the twelfth for `jahr` (R-G4)."""
    return Decimal(amount) if per == "monat" else twelfth(amount)


def percent_rate(rate: Decimal, percent: Decimal) -> Decimal:
    """rate · p / 100 as a rate of 4 places, half-up (e.g. the Zuschlag besonderer Bedarf per hour)."""
    scaled = to_fraction(rate) * to_fraction(percent) / 100 * 100  # in cents, keep 2 more places
    return round_half_up(scaled) / 100


def parse_money(text: str) -> Decimal:
    """Parse '1.234,56', '1234.56' or '1234,56' into Decimal cents."""
    s = str(text).strip().replace("€", "").replace(" ", "")
    if "," in s:
        s = s.replace(".", "").replace(",", ".")
    return Decimal(s).quantize(CENT, rounding=ROUND_HALF_UP)


def parse_number(text: str, refusal: str = "ist keine Zahl.") -> Decimal | None:
    """A number as typed in a form ('1.234,5', '-150', '12.50', '35 €') → exact Decimal; '' → None.
    Raises ValueError „<text>“ + refusal (German)."""
    s = str(text).strip().replace("€", "").replace(" ", "").replace("\u2212", "-")
    if not s:
        return None
    if "," in s:
        s = s.replace(".", "").replace(",", ".")
    try:
        value = Decimal(s)
    except InvalidOperation:
        raise ValueError(f"„{text}“ {refusal}") from None
    if not value.is_finite():
        raise ValueError(f"„{text}“ {refusal}")
    return value


def parse_amount(text: str) -> Decimal | None:
    """An amount as typed in a form ('1.234,56 €', '-150', '12.50') → Decimal to the cent; '' → None.
    More than two decimal places are refused, not rounded (the office types what it means).
    Raises ValueError with a German message."""
    value = parse_number(text, "ist kein Betrag (z. B. 150,00 oder -25,50).")
    if value is None:
        return None
    if value != value.quantize(CENT, rounding=ROUND_HALF_UP):
        raise ValueError(f"„{text}“ hat mehr als zwei Nachkommastellen.")
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def excel_shown(value: Decimal) -> Decimal:
    """A cell's number as Excel shows and keeps it: at most 15 significant digits, without
    trailing zeros (9.720000000000001 → 9.72, 0.30000000000000004 → 0.3); in Decimal, never a
    float. Fewer digits: the value as it is."""
    if len(value.as_tuple().digits) <= EXCEL_DIGITS:
        return value
    shown = _EXCEL.plus(value).normalize(_EXCEL)
    exponent = shown.as_tuple().exponent
    return shown.quantize(Decimal(1)) if isinstance(exponent, int) and exponent > 0 else shown
