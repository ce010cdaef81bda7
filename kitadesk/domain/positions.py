"""How each payout line is made, for finance's sheet `Positionen` (interfaces.md §4): a clerk
recomputes Stunden × Satz = Betrag (rounded once, berechnung.md §1).

- Lines of hours × rate (Betreuung, Mittelbare Bildungsarbeit, Randzeitenzuschlag, Zuschlag
  besonderer Bedarf; §5): Stunden = Wochenstunden × Monatsfaktor × d/D with 4 decimals,
  and round_half_up(Stunden × Satz) == Betrag. The exact hours seldom have 4 decimals
  (35 · 52/12 = 151,666…); of the 4-decimal values within a few 0.0001 h of the exact
  hours the nearest one that reproduces the line's amount is shown (for rates below
  100 € one always lies within 0.0001 h).
- Feiertagszuschlag: Stunden = the Monatsmeldung hours (no f, no proration), Stunden × Satz.
- Not hours × rate, Stunden empty: Vertretungsplatz (Satz = the flat rate per month,
  × Tage), reimbursements R-G4 (Satz = the proof's amount; 100 % or 50 %, caps, /12),
  Einzelfallentscheidung (R-G11), Übertrag/Vortrag (R-G10) and corrections `Korrektur: …`
  (a difference of two amounts, berechnung.md §8).
"""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from kitadesk.domain.lines import BESONDERER_BEDARF, BETREUUNG, FEIERTAG, MBA, RANDZEIT, Line, days_text
from kitadesk.domain.money import to_fraction
from kitadesk.domain.settings import Auslegungen

HOURS_TIMES_RATE = (BETREUUNG, MBA, RANDZEIT, BESONDERER_BEDARF)
PLACES = 4
_UNIT = 10**PLACES  # Stunden in units of 0.0001 h
_SEARCH = sorted(range(-10, 11), key=abs)  # 0, −1, 1, −2, 2 … steps of 0.0001 h


@dataclass(frozen=True)
class Composition:
    """The figures of one line beside its amount (empty where the line has none)."""

    stunden: Decimal | None  # hours in the month, 4 decimals
    wochenstunden: Decimal | None
    monatsfaktor: str  # as in the settings, German decimal comma: '52/12', '4,33'
    tage: str  # d/D: '15/30'


def exact_hours(line: Line, f: Fraction) -> Fraction | None:
    """The line's exact hours in the month, or None where the amount is not hours × rate."""
    if line.position == FEIERTAG:
        return None if line.hours is None else to_fraction(line.hours)
    if line.position in HOURS_TIMES_RATE and line.weekly_hours is not None and line.days:
        d, month_days = line.days
        return to_fraction(line.weekly_hours) * f * Fraction(d, month_days)
    return None


def sheet_hours(line: Line, f: Fraction) -> Decimal | None:
    """Stunden with 4 decimals such that round_half_up(Stunden × Satz) == Betrag (module doc)."""
    exact = exact_hours(line, f)
    if exact is None:
        return None
    return _recomputable(exact.numerator, exact.denominator, line.rate, line.amount)


@lru_cache(maxsize=65536)  # many lines share hours, rate and amount
def _recomputable(num: int, den: int, rate: Decimal | None, amount: Decimal) -> Decimal:
    """The 4-decimal hours nearest num/den whose product with `rate` rounds (half-up) to `amount`;
    integer arithmetic (40,000 lines of a 10× month)."""
    units, rest = divmod(num * _UNIT, den)
    if 2 * rest >= den:
        units += 1
    if rate is not None:
        rate_num, rate_den = rate.as_integer_ratio()
        target = int(amount * 100)
        scale = _UNIT * rate_den
        for step in _SEARCH:
            k = units + step
            if k < 0:
                continue
            cents, rest = divmod(k * rate_num * 100, scale)  # k/10⁴ · rate in cents, half-up
            if cents + (2 * rest >= scale) == target:
                return Decimal(k).scaleb(-PLACES)
    return Decimal(units).scaleb(-PLACES)


class Composer:
    """Composition of the lines of one run (its settings decide f); lines with equal figures share
    one result (a 10× month has 40,000 lines, most of them alike)."""

    def __init__(self, settings: Auslegungen):
        self.f = settings.monatsfaktor
        self.f_text = settings.monatsfaktor_text
        self._done: dict[tuple, Composition] = {}

    def __call__(self, line: Line) -> Composition:
        key = (line.position, line.weekly_hours, line.days, line.hours, line.rate, line.amount)
        found = self._done.get(key)
        if found is None:
            with_f = line.position in HOURS_TIMES_RATE and line.weekly_hours is not None
            found = self._done[key] = Composition(
                stunden=sheet_hours(line, self.f),
                wochenstunden=line.weekly_hours if with_f else None,
                monatsfaktor=self.f_text if with_f else "",
                tage=days_text(line.days) or "",
            )
        return found


def composition(line: Line, settings: Auslegungen) -> Composition:
    """Stunden, Wochenstunden, Monatsfaktor and Tage of a line (settings = those of its run)."""
    return Composer(settings)(line)
