"""berechnung.md §10: the public worked example, to the cent, line by line."""

from datetime import date
from decimal import Decimal

import pytest

from kitadesk.domain.inputs import ChildStatus, Proof
from kitadesk.domain.lines import (
    ALTER,
    BESONDERER_BEDARF,
    BETREUUNG,
    KRANKEN,
    MBA,
    RANDZEIT,
    UNFALL,
    total,
)
from tests.domain.payout_builders import D, month_input, one, place, qualified, run


def worked_example():
    return month_input(
        2026, 4, [qualified("A")],
        [place("K1", "A", date(2026, 4, 1), hours="35", off="5"),
         place("K2", "A", date(2026, 4, 16), hours="20")],
        child_status=[ChildStatus("K1", date(2025, 6, 1), special_needs=True, lvr=False)],
        proofs=[Proof("A", "unfall", D("12.00"), date(2026, 1, 1)),
                Proof("A", "alter", D("201.15"), date(2026, 1, 1), alter_art="gesetzlich"),
                Proof("A", "kranken", D("250.00"), date(2026, 1, 1))],
    )


EXPECTED = [
    ("K1", BETREUUNG, "R-G1", "1016.17", date(2026, 4, 1)),
    ("K1", MBA, "R-G3", "29.03", date(2026, 4, 1)),
    ("K1", RANDZEIT, "R-G3", "32.50", date(2026, 4, 1)),
    ("K1", BESONDERER_BEDARF, "R-G3", "304.85", date(2026, 4, 1)),
    ("K2", BETREUUNG, "R-G1", "290.33", date(2026, 4, 16)),
    ("K2", MBA, "R-G3", "14.52", date(2026, 4, 16)),
    (None, UNFALL, "R-G4", "12.00", date(2026, 4, 1)),
    (None, ALTER, "R-G4", "100.58", date(2026, 4, 1)),
    (None, KRANKEN, "R-G4", "125.00", date(2026, 4, 1)),
]


def test_worked_example_gives_1924_98_with_each_line_as_listed():
    lines = run(worked_example())
    assert [(ln.child_nr, ln.position, ln.rule, str(ln.amount), ln.von) for ln in lines] == EXPECTED
    assert all(ln.carer_nr == "A" and ln.bis == date(2026, 4, 30) for ln in lines)
    assert total(lines) == Decimal("1924.98")


@pytest.mark.parametrize("factor, expected", [("52/12", "1924.98"), ("4.33", "1923.70"), ("4.35", "1931.48")])
def test_worked_example_with_each_monatsfaktor(factor, expected):
    assert total(run(worked_example(), monatsfaktor=factor)) == Decimal(expected)


def test_worked_example_lines_explain_quantity_rate_and_proration():
    lines = run(worked_example())
    betreuung = one(lines, BETREUUNG, "K2")
    assert betreuung.why == "20 Std./Woche × 52/12 × 6,70 € × 15/30 Tage"
    assert betreuung.hours == Decimal("86.67") and betreuung.rate == Decimal("6.70")
    k1 = one(lines, BETREUUNG, "K1")
    assert k1.why == "35 Std./Woche × 52/12 × 6,70 €" and k1.hours == Decimal("151.67")
    assert one(lines, MBA, "K1").hours == Decimal("4.33")
    surcharge = one(lines, BESONDERER_BEDARF, "K1")
    assert surcharge.why == "35 Std./Woche × 52/12 × 6,70 € × 30 %" and surcharge.rate == Decimal("2.01")
    assert one(lines, RANDZEIT, "K1").why == "5 Std./Woche × 52/12 × 1,50 €"
    assert one(lines, ALTER).why == "Nachweis 201,15 €/Monat (gesetzlich) × 50 %"
    assert all(ln.amount == ln.amount.quantize(Decimal("0.01")) for ln in lines)
