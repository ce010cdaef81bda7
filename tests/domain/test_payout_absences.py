"""Absence and substitution — R-G5, berechnung.md §7."""

from datetime import date

from kitadesk.domain.absences import unpaid_day_reasons, unpaid_days
from kitadesk.domain.inputs import Absence, ChildStatus, Monatsmeldung, Proof
from kitadesk.domain.lines import BESONDERER_BEDARF, BETREUUNG, FEIERTAG, MBA, RANDZEIT, UNFALL
from kitadesk.domain.settings import DEFAULTS
from tests.domain.payout_builders import D, amounts, basis, month_input, one, pick, place, qualified, run

LONG_ILLNESS = Absence("A", date(2026, 3, 2), date(2026, 4, 30), "Krankheit")  # 31st working day: 15 April
PROOF = [Proof("A", "unfall", D("12.00"), date(2026, 1, 1))]


def periods(lines, position=BETREUUNG, carer=None, child="K1"):
    return [(ln.carer_nr, ln.von, ln.bis, ln.amount) for ln in pick(lines, position, child, carer)]


def test_r_g5_allowance_is_30_working_days_without_holidays():
    unpaid = unpaid_days([LONG_ILLNESS], date(2026, 1, 1), date(2026, 12, 31), DEFAULTS)
    # March: 22 working days, April 1–2, 7–10 (Karfreitag, Ostermontag), 13–14 → 30; cut from 15 April
    assert min(unpaid) == date(2026, 4, 15) and len(unpaid) == 16


def test_r_g5_allowance_exhausted_mid_absence_cuts_child_lines_not_carer_lines():
    inp = month_input(placements=[place(von=date(2026, 1, 1))], absences=[LONG_ILLNESS], proofs=PROOF)
    lines = run(inp)
    assert periods(lines) == [("A", date(2026, 4, 1), date(2026, 4, 14), D("474.21"))]  # 1016.1666… · 14/30
    assert periods(lines, MBA) == [("A", date(2026, 4, 1), date(2026, 4, 14), D("13.55"))]
    assert "nicht bezahlt 15.04.–30.04.2026: Ausfall über 6 Wochen (R-G5)" in one(lines, BETREUUNG).why
    assert amounts(lines, UNFALL) == [D("12.00")]  # §6 lines continue
    march = run(month_input(2026, 3, placements=[place(von=date(2026, 1, 1))], absences=[LONG_ILLNESS]))
    assert amounts(march, BETREUUNG) == [D("1016.17")]  # within the allowance: pay continues


def test_r_g5_every_later_absence_in_the_year_is_cut():
    holiday = Absence("A", date(2026, 6, 1), date(2026, 6, 5), "Urlaub")
    meldung = [Monatsmeldung("K1", date(2026, 6, 4), D("8"))]  # Fronleichnam, on a cut day: not paid
    lines = run(month_input(2026, 6, placements=[place(von=date(2026, 1, 1))], absences=[LONG_ILLNESS, holiday],
                            monatsmeldungen=meldung))
    assert periods(lines) == [("A", date(2026, 6, 6), date(2026, 6, 30), D("846.81"))]  # · 25/30
    assert pick(lines, FEIERTAG) == []


def test_r_g5_whole_month_cut_leaves_only_carer_lines():
    absence = Absence("A", date(2026, 3, 2), date(2026, 5, 31), "Krankheit")
    lines = run(month_input(2026, 5, placements=[place(von=date(2026, 1, 1))], absences=[absence], proofs=PROOF))
    assert [ln.position for ln in lines] == [UNFALL]


def test_r_g5_absence_crossing_31_december_is_split_there():
    absence = Absence("A", date(2025, 11, 17), date(2026, 1, 9), "Urlaub")
    december = run(month_input(2025, 12, placements=[place(von=date(2025, 1, 1))], absences=[absence]))
    january = run(month_input(2026, 1, placements=[place(von=date(2025, 1, 1))], absences=[absence]))
    # 17 Nov – 30 Dec 2025 = 30 working days, so 31 December is the 31st and is cut; 2026 starts afresh
    assert periods(december) == [("A", date(2025, 12, 1), date(2025, 12, 30), D("968.71"))]  # 1001 · 30/31
    assert amounts(january, BETREUUNG) == [D("1016.17")]


def test_r_g5_substitute_gets_child_lines():
    absence = Absence("A", date(2026, 4, 11), date(2026, 4, 20), "Urlaub", substitute_nr="B")
    inp = month_input(carers=[qualified("A"), basis("B")], placements=[place(off="5")], absences=[absence],
                      child_status=[ChildStatus("K1", date(2025, 1, 1), True)], proofs=PROOF)
    lines = run(inp)
    assert periods(lines) == [("A", date(2026, 4, 1), date(2026, 4, 10), D("338.72")),
                              ("A", date(2026, 4, 21), date(2026, 4, 30), D("338.72")),
                              ("B", date(2026, 4, 11), date(2026, 4, 20), D("293.22"))]  # at B's own tier
    assert amounts(lines, MBA, carer="B") == [D("8.38")]
    assert amounts(lines, RANDZEIT, carer="B") == [D("10.83")]
    assert amounts(lines, BESONDERER_BEDARF, carer="B") == [D("87.97")]
    assert "Vertretung für TPP A 11.04.–20.04.2026 (R-G5)" in one(lines, BETREUUNG, carer="B").why
    assert [ln.carer_nr for ln in pick(lines, UNFALL)] == ["A"]  # the absent carer keeps R-G4


def test_r_g5_absence_with_substitute_crossing_a_month():
    absence = Absence("A", date(2026, 4, 25), date(2026, 5, 5), "Krankheit", substitute_nr="B")
    carers = [qualified("A"), qualified("B", date(2010, 1, 1))]
    april = run(month_input(2026, 4, carers, [place()], absences=[absence]))
    may = run(month_input(2026, 5, carers, [place()], absences=[absence]))
    assert periods(april) == [("A", date(2026, 4, 1), date(2026, 4, 24), D("812.93")),
                              ("B", date(2026, 4, 25), date(2026, 4, 30), D("203.23"))]
    assert periods(may) == [("A", date(2026, 5, 6), date(2026, 5, 31), D("852.27")),  # · 26/31
                            ("B", date(2026, 5, 1), date(2026, 5, 5), D("163.90"))]  # · 5/31


def test_r_g5_substituted_days_neither_count_nor_are_cut():
    absences = [Absence("A", date(2026, 1, 5), date(2026, 2, 12), "Urlaub"),  # 29 working days
                Absence("A", date(2026, 4, 13), date(2026, 4, 17), "Krankheit", substitute_nr="B"),
                Absence("A", date(2026, 5, 4), date(2026, 5, 8), "Urlaub")]  # 4 May = 30th, 5 May = 31st
    carers = [qualified("A"), qualified("B")]
    april = run(month_input(2026, 4, carers, [place()], absences=absences))
    assert [p[:3] for p in periods(april)] == [("A", date(2026, 4, 1), date(2026, 4, 12)),
                                               ("A", date(2026, 4, 18), date(2026, 4, 30)),
                                               ("B", date(2026, 4, 13), date(2026, 4, 17))]
    may = run(month_input(2026, 5, carers, [place()], absences=absences))
    assert [p[:3] for p in periods(may)] == [("A", date(2026, 5, 1), date(2026, 5, 4)),
                                             ("A", date(2026, 5, 9), date(2026, 5, 31))]


def test_r_g5_self_organised_substitute_changes_nothing():
    absence = Absence("A", date(2026, 4, 7), date(2026, 4, 17), "Urlaub")  # no substitute by the Fachdienst
    with_absence = run(month_input(placements=[place(off="2")], absences=[absence]))
    without = run(month_input(placements=[place(off="2")]))
    assert with_absence == without


def test_r_g5_holiday_care_during_substitution_goes_to_the_substitute():
    absence = Absence("A", date(2026, 4, 27), date(2026, 5, 8), "Urlaub", substitute_nr="B")
    meldung = [Monatsmeldung("K1", date(2026, 5, 1), D("8"))]
    lines = run(month_input(2026, 5, [qualified("A"), basis("B")], [place()], absences=[absence],
                            monatsmeldungen=meldung))
    feiertag = one(lines, FEIERTAG)
    assert (feiertag.carer_nr, feiertag.amount) == ("B", D("12.00"))
    assert "Vertretung für TPP A" in feiertag.why


def test_r_g5_substitute_of_several_children_gets_each_childs_lines():
    absence = Absence("A", date(2026, 4, 1), date(2026, 4, 30), "Urlaub", substitute_nr="B")
    lines = run(month_input(carers=[qualified("A"), qualified("B")], placements=[place("K1"), place("K2", hours="20")],
                            absences=[absence]))
    assert {ln.carer_nr for ln in lines} == {"B"}
    assert amounts(lines, BETREUUNG, carer="B") == [D("1016.17"), D("580.67")]


def test_r_g5_overlapping_absences_are_merged_and_substitute_wins():
    absences = [Absence("A", date(2026, 4, 1), date(2026, 4, 10), "Urlaub"),
                Absence("A", date(2026, 4, 5), date(2026, 4, 12), "Krankheit", substitute_nr="B")]
    reasons = unpaid_day_reasons(absences, date(2026, 1, 1), date(2026, 12, 31), DEFAULTS)
    assert reasons == {}
    lines = run(month_input(carers=[qualified("A"), qualified("B")], placements=[place()], absences=absences))
    assert [p[:3] for p in periods(lines)] == [("A", date(2026, 4, 1), date(2026, 4, 4)),
                                               ("A", date(2026, 4, 13), date(2026, 4, 30)),
                                               ("B", date(2026, 4, 5), date(2026, 4, 12))]


def test_r_g5_unpaid_periods_list_the_cut_and_why():
    from kitadesk.domain.payout import UnpaidPeriod, unpaid_periods
    absence = Absence("A", date(2026, 3, 2), date(2026, 5, 31), "Krankheit")
    inp = month_input(2026, 5, placements=[place(von=date(2026, 1, 1)), place("K2", "B")], absences=[absence])
    assert unpaid_periods(inp) == [UnpaidPeriod("A", "K1", date(2026, 5, 1), date(2026, 5, 31),
                                                "Ausfall über 6 Wochen (R-G5)")]
    assert unpaid_periods(month_input(placements=[place()])) == []
