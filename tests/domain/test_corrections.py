"""Corrections of finalized months and the carry of negative balances — berechnung.md §8, R-K4, R-G10."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

from kitadesk.domain.corrections import carry_lines, carry_out, correction_lines
from kitadesk.domain.inputs import ManualAmount
from kitadesk.domain.lines import BETREUUNG, KORREKTUR_PREFIX, MBA, UEBERTRAG, VORTRAG, Line, total, totals_by_carer
from tests.domain.payout_builders import D, basis, month_input, one, pick, place, qualified, run

APRIL = month_input(placements=[place(hours="35")])
APRIL_LATE_CHANGE = month_input(placements=[place(hours="35", bis=date(2026, 4, 15)),
                                            place(von=date(2026, 4, 16), hours="30", version=2)])


def test_r_k4_difference_per_segment_booked_as_korrektur_with_original_period():
    corrections = correction_lines(2026, 4, run(APRIL), run(APRIL_LATE_CHANGE), "Änderungsmeldung vom 05.05.2026")
    assert [(ln.position, ln.von, ln.bis, ln.amount) for ln in corrections] == [
        (KORREKTUR_PREFIX + BETREUUNG, date(2026, 4, 1), date(2026, 4, 15), D("508.08")),
        (KORREKTUR_PREFIX + BETREUUNG, date(2026, 4, 1), date(2026, 4, 30), D("-1016.17")),
        (KORREKTUR_PREFIX + BETREUUNG, date(2026, 4, 16), date(2026, 4, 30), D("435.50")),
    ]
    assert all(ln.rule == "R-G1" and ln.carer_nr == "A" and ln.child_nr == "K1" for ln in corrections)
    assert corrections[1].why == "Änderungsmeldung vom 05.05.2026: bisher 1.016,17 €, neu 0,00 € (04/2026, R-K4)"
    assert total(corrections) == total(run(APRIL_LATE_CHANGE)) - total(run(APRIL))  # MBA unchanged: no line


def test_r_k4_no_change_no_correction():
    assert correction_lines(2026, 4, run(APRIL), run(APRIL), "x") == []


def test_r_k4_corrections_already_booked_are_not_booked_twice():
    first = correction_lines(2026, 4, run(APRIL), run(APRIL_LATE_CHANGE), "erste Änderung")
    booked = run(APRIL) + first  # the finalized month plus what was booked for it in May
    assert correction_lines(2026, 4, booked, run(APRIL_LATE_CHANGE), "nochmal") == []
    third = month_input(placements=[place(hours="35", bis=date(2026, 4, 15)), place(von=date(2026, 4, 16), hours="25")])
    again = correction_lines(2026, 4, booked, run(third), "zweite Änderung")
    assert [(ln.von, ln.bis, ln.amount) for ln in again] == [(date(2026, 4, 16), date(2026, 4, 30), D("-72.58"))]  # 362.92 − 435.50


def test_r_k4_lines_of_other_months_and_carry_lines_take_no_part():
    march_correction = Line("A", "K1", KORREKTUR_PREFIX + MBA, "R-G3", date(2026, 3, 1), date(2026, 3, 31),
                            None, None, D("5.00"), "März")
    booked = run(replace(APRIL, carry_in={"A": D("-20.00")})) + [march_correction]
    assert correction_lines(2026, 4, booked, run(APRIL), "x") == []


def test_r_k4_correction_lines_are_booked_into_the_current_month():
    corrections = correction_lines(2026, 4, run(APRIL), run(APRIL_LATE_CHANGE), "Änderung")
    may = run(month_input(2026, 5, placements=[place(hours="30")], corrections=corrections))
    assert [ln.position for ln in may] == [BETREUUNG, MBA] + [KORREKTUR_PREFIX + BETREUUNG] * 3
    assert total(may) == D("871.00") + D("29.03") + (D("508.08") - D("1016.17") + D("435.50"))


def test_r_g10_negative_month_is_carried_forward_and_the_month_sums_to_zero():
    manual = [ManualAmount("A", D("-2000.00"), "Rückrechnung")]
    april = run(month_input(placements=[place()], manual=manual, carers=[qualified("A"), basis("B")]))
    vortrag = one(april, VORTRAG)
    assert vortrag.amount == D("954.80") and vortrag.rule == "R-G10"  # 2000 − 1016.17 − 29.03
    assert totals_by_carer(april) == {"A": Decimal("0.00")}
    assert carry_out(april) == {"A": D("-954.80")}
    may = run(month_input(2026, 5, placements=[place()], carry_in=carry_out(april)))
    assert one(may, UEBERTRAG).amount == D("-954.80")
    assert total(may) == D("1016.17") + D("29.03") - D("954.80")
    assert [ln.position for ln in may][-1] == UEBERTRAG


def test_r_g10_carry_in_larger_than_the_month_carries_on():
    may = run(month_input(2026, 5, placements=[place(hours="10")], carry_in={"A": D("500"), "X": D("-30")}))
    assert [(ln.carer_nr, ln.position, ln.amount) for ln in may if ln.rule == "R-G10"] == [
        ("A", UEBERTRAG, D("-500.00")), ("A", VORTRAG, D("180.64")),  # 500 − 290.33 − 29.03
        ("X", UEBERTRAG, D("-30.00")), ("X", VORTRAG, D("30.00"))]
    assert set(totals_by_carer(may).values()) == {Decimal("0.00")}


def test_r_g10_positive_month_has_no_vortrag():
    lines = carry_lines([Line("A", None, "x", "R", date(2026, 4, 1), date(2026, 4, 30), None, None, D("10.00"))],
                        {"A": D("-4.00")}, date(2026, 4, 1), date(2026, 4, 30))
    assert [(ln.position, ln.amount) for ln in lines] == [(UEBERTRAG, D("-4.00"))]
    assert pick(lines, VORTRAG) == []
