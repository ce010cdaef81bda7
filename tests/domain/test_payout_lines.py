"""Every line type of berechnung.md §5, §6 and R-G11, to the cent."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from kitadesk.domain.inputs import (
    ChildStatus,
    ManualAmount,
    Monatsmeldung,
    Proof,
    RateTable,
    VertretungsplatzPeriod,
)
from kitadesk.domain.lines import (
    ALTER,
    BESONDERER_BEDARF,
    BETREUUNG,
    EINZELFALL,
    FEIERTAG,
    KRANKEN,
    MBA,
    RANDZEIT,
    UNFALL,
    VERTRETUNGSPLATZ,
)
from kitadesk.domain.payout import BerechnungsFehler
from tests.domain.payout_builders import (
    RATES_2026,
    D,
    amounts,
    basis,
    month_input,
    one,
    pick,
    place,
    qualified,
    run,
)

CAPPED = replace(RATES_2026, hoechstbetrag_unfallversicherung=D("15.00"),
                 mindestbeitrag_alterssicherung=D("110.00"), hoechstbetrag_kranken_pflege=D("400.00"))


def test_r_g1_betreuung_hours_times_factor_times_rate_of_the_tier():
    lines = run(month_input(carers=[basis("A")], placements=[place(hours="30")]))
    line = one(lines, BETREUUNG)
    assert (line.amount, line.rule, line.rate, line.hours) == (D("754.00"), "R-G1", D("5.80"), D("130.00"))


def test_r_g3_mba_one_hour_per_week_per_child():
    lines = run(month_input(placements=[place("K1", hours="35"), place("K2", hours="10")]))
    assert amounts(lines, MBA) == [D("29.03"), D("29.03")]  # 1 · 52/12 · 6.70, not cut by hours
    assert one(lines, MBA, "K1").why == "1 Std./Woche × 52/12 × 6,70 €"


def test_r_g3_randzeit_per_off_hour_and_no_line_without_off_hours():
    lines = run(month_input(placements=[place("K1", off="3"), place("K2", off="0")]))
    assert one(lines, RANDZEIT, "K1").amount == D("19.50")  # 3 · 52/12 · 1.50
    assert pick(lines, RANDZEIT, "K2") == []


def test_r_g7_nights_at_the_carers_count_two_flat_hours_each():
    lines = run(month_input(placements=[place(hours="30", off="3", nights="2")]))
    betreuung = one(lines, BETREUUNG)
    assert betreuung.amount == D("987.13")  # (30 + 2·2) · 52/12 · 6.70 = 987.1333…
    assert betreuung.why == "(30 Std. + 2 × 2 Nächte)/Woche × 52/12 × 6,70 €"
    assert one(lines, RANDZEIT).amount == D("45.50")  # (3 + 2·2) · 52/12 · 1.50


def test_r_g7_night_in_parents_household_is_ordinary_hours_at_day_rate():
    # 50 h include the night hours; nights at the carer's are then not counted, no off-hours
    version = place(hours="50", off="0", nights="2", night_in_parents_household=True)
    lines = run(month_input(placements=[version]))
    assert one(lines, BETREUUNG).amount == D("1451.67")  # 50 · 52/12 · 6.70
    assert pick(lines, RANDZEIT) == []


@pytest.mark.parametrize("special_needs, lvr, expected", [
    (True, False, [D("304.85")]), (True, True, []), (False, False, [])])
def test_r_g3_besonderer_bedarf_only_with_special_needs_and_without_lvr(special_needs, lvr, expected):
    status = [ChildStatus("K1", date(2026, 1, 1), special_needs, lvr)]
    lines = run(month_input(placements=[place()], child_status=status))
    assert amounts(lines, BESONDERER_BEDARF) == expected


def test_r_g3_besonderer_bedarf_from_status_change_mid_month():
    status = [ChildStatus("K1", date(2025, 1, 1), False), ChildStatus("K1", date(2026, 4, 11), True)]
    line = one(run(month_input(placements=[place()], child_status=status)), BESONDERER_BEDARF)
    assert (line.von, line.bis, line.amount) == (date(2026, 4, 11), date(2026, 4, 30), D("203.23"))  # ·20/30


def test_r_g3_feiertagszuschlag_from_monatsmeldung_no_factor_no_proration():
    meldungen = [Monatsmeldung("K1", date(2026, 5, 1), D("8")), Monatsmeldung("K1", date(2026, 5, 14), D("4.5")),
                 Monatsmeldung("K1", date(2026, 4, 6), D("8")),  # other month: not here
                 Monatsmeldung("K9", date(2026, 5, 1), D("8"))]  # no placement: nobody to pay
    lines = run(month_input(2026, 5, placements=[place(von=date(2026, 5, 1), bis=date(2026, 5, 20))],
                            monatsmeldungen=meldungen))
    feiertag = pick(lines, FEIERTAG)
    assert [(ln.von, ln.amount) for ln in feiertag] == [(date(2026, 5, 1), D("12.00")), (date(2026, 5, 14), D("6.75"))]
    assert feiertag[0].why == "Monatsmeldung 01.05.2026: 8 Std. × 1,50 €" and feiertag[0].rule == "R-G3"


def test_r_g3_feiertagszuschlag_at_that_days_rate_table():
    may = RateTable(date(2026, 5, 10), D("5.80"), D("6.70"), D("2.00"))
    meldungen = [Monatsmeldung("K1", date(2026, 5, 1), D("8")), Monatsmeldung("K1", date(2026, 5, 14), D("8"))]
    lines = run(month_input(2026, 5, placements=[place()], monatsmeldungen=meldungen,
                            tables=[RATES_2026, may]))
    assert amounts(lines, FEIERTAG) == [D("12.00"), D("16.00")]


def test_r_g3_vertretungsplatz_flat_rate_prorated_by_days_held():
    periods = [VertretungsplatzPeriod("A", date(2026, 4, 16)), VertretungsplatzPeriod("B", date(2025, 1, 1),
                                                                                     date(2026, 4, 3))]
    lines = run(month_input(carers=[qualified("A"), basis("B")], vertretungsplaetze=periods))
    assert one(lines, VERTRETUNGSPLATZ, carer="A").amount == D("50.00")
    assert one(lines, VERTRETUNGSPLATZ, carer="B").amount == D("10.00")
    assert one(lines, VERTRETUNGSPLATZ, carer="A").why == "Pauschale 100,00 €/Monat × 15/30 Tage"


def test_r_g3_vertretungsplatz_overlapping_periods_are_paid_once():
    periods = [VertretungsplatzPeriod("A", date(2026, 1, 1)), VertretungsplatzPeriod("A", date(2026, 4, 10))]
    assert amounts(run(month_input(vertretungsplaetze=periods)), VERTRETUNGSPLATZ) == [D("100.00")]


def test_r_g4_reimbursement_caps_from_the_rate_table():
    proofs = [Proof("A", "unfall", D("20.00"), date(2026, 1, 1)),
              Proof("A", "alter", D("300.00"), date(2026, 1, 1), alter_art="privat"),
              Proof("A", "kranken", D("900.00"), date(2026, 1, 1))]
    lines = run(month_input(placements=[place()], proofs=proofs, tables=[CAPPED]))
    assert one(lines, UNFALL).amount == D("15.00")  # at most the Höchstbetrag
    assert one(lines, ALTER).amount == D("55.00")  # private: at most 50 % of the Mindestbeitrag
    assert one(lines, KRANKEN).amount == D("200.00")  # at most 50 % of the Höchstbetrag
    assert "höchstens" in one(lines, ALTER).why


def test_r_g4_statutory_pension_is_half_the_actual_contribution_without_cap():
    proofs = [Proof("A", "alter", D("300.00"), date(2026, 1, 1), alter_art="gesetzlich")]
    assert amounts(run(month_input(placements=[place()], proofs=proofs, tables=[CAPPED])), ALTER) == [D("150.00")]


def test_r_g4_yearly_amount_counts_one_twelfth_in_the_same_fraction():
    proofs = [Proof("A", "unfall", D("100.00"), date(2026, 1, 1), per="jahr"),  # 8.333… → 8.33
              Proof("A", "alter", D("201.15"), date(2026, 1, 1), per="jahr"),  # 8.38125 → 8.38
              Proof("A", "kranken", D("2400.00"), date(2026, 1, 1), per="jahr")]
    lines = run(month_input(placements=[place()], proofs=proofs))
    assert [ln.amount for ln in lines if ln.rule == "R-G4"] == [D("8.33"), D("8.38"), D("100.00")]
    assert one(lines, UNFALL).why == "Nachweis 100,00 €/Jahr ÷ 12 × 100 %"


def test_r_g4_proof_valid_on_last_day_with_an_active_placement():
    proofs = [Proof("A", "unfall", D("10.00"), date(2026, 1, 1), date(2026, 4, 14)),
              Proof("A", "unfall", D("11.00"), date(2026, 4, 15), date(2026, 4, 19)),
              Proof("A", "unfall", D("12.00"), date(2026, 4, 20))]
    inp = month_input(placements=[place(bis=date(2026, 4, 15))], proofs=proofs)
    assert amounts(run(inp), UNFALL) == [D("11.00")]


def test_r_g4_no_active_placement_or_no_proof_no_line():
    proofs = [Proof("A", "unfall", D("10.00"), date(2026, 1, 1))]
    assert run(month_input(placements=[place(bis=date(2026, 3, 31))], proofs=proofs)) == []
    assert pick(run(month_input(placements=[place()], proofs=[])), UNFALL) == []


def test_r_g4_later_proof_wins_when_two_are_valid():
    proofs = [Proof("A", "kranken", D("200.00"), date(2025, 1, 1)), Proof("A", "kranken", D("260.00"), date(2026, 3, 1))]
    assert amounts(run(month_input(placements=[place()], proofs=proofs)), KRANKEN) == [D("130.00")]


def test_r_g11_manual_lines_as_einzelfallentscheidung():
    manual = [ManualAmount("A", D("-40.505"), "Mehrere Kinder nachts im Haushalt der Eltern", "K1"),
              ManualAmount("A", D("0.00"), "nichts"),
              ManualAmount("A", D("25"), "Nachzahlung", von=date(2026, 4, 10), bis=date(2026, 4, 12))]
    lines = pick(run(month_input(placements=[place()], manual=manual)), EINZELFALL)
    assert [(ln.amount, ln.rule, ln.child_nr, ln.von, ln.bis) for ln in lines] == [
        (D("25.00"), "R-G11", None, date(2026, 4, 10), date(2026, 4, 12)),
        (D("-40.51"), "R-G11", "K1", date(2026, 4, 1), date(2026, 4, 30))]
    assert lines[1].why == "Mehrere Kinder nachts im Haushalt der Eltern"


def test_section1_no_zero_lines_and_every_line_rounded_to_cents():
    lines = run(month_input(placements=[place(hours="0", off="0")]))
    assert [ln.position for ln in lines] == [MBA]
    assert all(ln.amount != 0 for ln in lines)


def test_r_g2_missing_rate_table_is_a_german_error():
    with pytest.raises(BerechnungsFehler, match="Keine Satztabelle gültig am 01.04.2026"):
        run(month_input(placements=[place()], tables=[RateTable(date(2026, 5, 1), D("1"), D("1"), D("1"))]))


def test_lines_are_grouped_per_carer_child_lines_first():
    proofs = [Proof("A", "unfall", D("10.00"), date(2026, 1, 1)), Proof("B", "unfall", D("10.00"), date(2026, 1, 1))]
    lines = run(month_input(carers=[qualified("A"), basis("B")],
                            placements=[place("K2", "B"), place("K1", "A"), place("K3", "A")], proofs=proofs))
    assert [(ln.carer_nr, ln.child_nr, ln.position) for ln in lines] == [
        ("A", "K1", BETREUUNG), ("A", "K1", MBA), ("A", "K3", BETREUUNG), ("A", "K3", MBA), ("A", None, UNFALL),
        ("B", "K2", BETREUUNG), ("B", "K2", MBA), ("B", None, UNFALL)]
    # A: 2 × (1016.17 + 29.03) + 10.00; B (basis): 879.67 + 25.13 + 10.00
    assert sum(ln.amount for ln in lines) == Decimal("2100.40") + Decimal("914.80")
