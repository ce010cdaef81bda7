"""Positionen: Stunden (4 decimals) × Satz reproduces each hours line's Betrag, rounded once
(issue 15; berechnung.md §1, §4, §5; domain/positions.py)."""

from datetime import date
from decimal import Decimal as D
from fractions import Fraction

from kitadesk.domain.lines import BETREUUNG, FEIERTAG, MBA, UNFALL, Line
from kitadesk.domain.money import round_half_up
from kitadesk.domain.positions import composition, exact_hours, sheet_hours
from kitadesk.domain.settings import DEFAULTS

APRIL = (date(2026, 4, 1), date(2026, 4, 30))
F = Fraction(52, 12)


def _line(weekly: str, rate: str, d: int, month_days: int = 30, position=BETREUUNG) -> Line:
    exact = Fraction(D(weekly)) * F * Fraction(d, month_days) * Fraction(D(rate))
    return Line("A", "K1", position, "R-G1", *APRIL, None, D(rate), round_half_up(exact), "", D(weekly),
                (d, month_days))


def test_r_g1_worked_example_hours_recompute_the_amounts():
    full = _line("35", "6.70", 30)
    assert full.amount == D("1016.17") and sheet_hours(full, F) == D("151.6667")
    part = _line("20", "6.70", 15)
    assert part.amount == D("290.33") and sheet_hours(part, F) == D("43.3333")
    how = composition(part, DEFAULTS)
    assert (how.wochenstunden, how.monatsfaktor, how.tage) == (D("20"), "52/12", "15/30")
    assert composition(part, DEFAULTS.with_(monatsfaktor="4.33")).monatsfaktor == "4,33"


def test_every_hours_line_recomputes_within_a_ten_thousandth_hour():
    nudged = 0
    for rate, quarter in ((r, q) for r in ("6.70", "5.80", "1.50", "2.01", "7.13") for q in range(1, 241)):
        weekly = str(D(quarter) / 4)  # 0.25 … 60 hours a week
        for d, month_days in ((30, 30), (15, 30), (1, 31), (17, 31), (29, 29), (3, 28)):
            line = _line(weekly, rate, d, month_days)
            hours = sheet_hours(line, F)
            assert round_half_up(Fraction(hours) * Fraction(D(rate))) == line.amount, (weekly, d, month_days)
            distance = abs(Fraction(hours) - exact_hours(line, F))
            assert distance <= Fraction(15, 100000)  # nearest 4 places, or one step beside it
            nudged += distance > Fraction(5, 100000)
    assert nudged  # the nearest 4-decimal value alone would not always do


def test_lines_that_are_not_hours_times_rate_have_no_stunden():
    unfall = Line("A", None, UNFALL, "R-G4", *APRIL, None, D("201.15"), D("100.58"))
    correction = Line("A", "K1", "Korrektur: Betreuung", "R-K4", *APRIL, D("151.67"), D("6.70"), D("-0.10"))
    assert sheet_hours(unfall, F) is None and sheet_hours(correction, F) is None
    assert composition(unfall, DEFAULTS).monatsfaktor == "" and composition(unfall, DEFAULTS).tage == ""
    holiday = Line("A", "K1", FEIERTAG, "R-G3", date(2026, 4, 6), date(2026, 4, 6), D("6.00"), D("1.50"), D("9.00"))
    assert sheet_hours(holiday, F) == D("6.0000")  # Monatsmeldung hours, no f, no proration
    assert composition(_line("1", "6.70", 30, position=MBA), DEFAULTS).wochenstunden == D("1")
