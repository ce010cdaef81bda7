"""Every Auslegung of berechnung.md §11 that touches §2–§8, tested both ways.

(monatsfaktor: test_payout_example.py; erhoehung_auch_zuschlaege: test_raise.py;
stufe_erfahrung: test_tiers.py.)
"""

from datetime import date

import pytest

from kitadesk.domain.inputs import Absence, ChildStatus, Proof, VertretungsplatzPeriod
from kitadesk.domain.lines import ALTER, BESONDERER_BEDARF, BETREUUNG, KRANKEN, RANDZEIT, UNFALL, VERTRETUNGSPLATZ
from tests.domain.payout_builders import D, amounts, basis, month_input, one, pick, place, qualified, run


def bb_periods(lines, carer=None):
    return [(ln.carer_nr, ln.von, ln.bis) for ln in pick(lines, BETREUUNG, "K1", carer)]


@pytest.mark.parametrize("value, expected", [("ja", D("45.50")), ("nein", D("19.50"))])
def test_auslegung_nacht_als_randzeit(value, expected):
    lines = run(month_input(placements=[place(hours="30", off="3", nights="2")]), nacht_als_randzeit=value)
    assert amounts(lines, RANDZEIT) == [expected]  # (3 + 2·2) or 3 · 52/12 · 1.50
    assert amounts(lines, BETREUUNG) == [D("987.13")]  # the flat night hours are paid either way


def test_auslegung_nacht_als_randzeit_nein_gives_no_line_for_nights_only():
    lines = run(month_input(placements=[place(hours="30", nights="1")]), nacht_als_randzeit="nein")
    assert pick(lines, RANDZEIT) == []


@pytest.mark.parametrize("value, expected", [("betreuung", D("304.85")), ("betreuung_und_mba", D("313.56"))])
def test_auslegung_zuschlag_basis(value, expected):
    lines = run(month_input(placements=[place()], child_status=[ChildStatus("K1", date(2026, 1, 1), True)]),
                zuschlag_basis=value)
    assert amounts(lines, BESONDERER_BEDARF) == [expected]  # 35 (+ 1) · 52/12 · 6.70 · 30 %
    if value == "betreuung_und_mba":
        assert one(lines, BESONDERER_BEDARF).why.startswith("(35 Std. + 1 Std. MBA)/Woche")


PROOFS = [Proof("A", "unfall", D("12.00"), date(2026, 1, 1)), Proof("A", "alter", D("201.15"), date(2026, 1, 1)),
          Proof("A", "kranken", D("250.00"), date(2026, 1, 1))]


@pytest.mark.parametrize("value, expected", [
    ("nein", [D("12.00"), D("100.58"), D("125.00")]),
    ("ja", [D("6.00"), D("50.29"), D("62.50")]),  # × 15/30 days with an active placement
])
def test_auslegung_erstattung_anteilig(value, expected):
    lines = run(month_input(placements=[place(von=date(2026, 4, 16))], proofs=PROOFS), erstattung_anteilig=value)
    assert [one(lines, p).amount for p in (UNFALL, ALTER, KRANKEN)] == expected
    if value == "ja":
        assert one(lines, UNFALL).why.endswith("× 15/30 Tage mit Betreuung")


def test_auslegung_erstattung_anteilig_counts_days_of_all_placements_once():
    placements = [place("K1", bis=date(2026, 4, 10)), place("K2", von=date(2026, 4, 6), bis=date(2026, 4, 12)),
                  place("K3", von=date(2026, 4, 25))]
    lines = run(month_input(placements=placements, proofs=PROOFS), erstattung_anteilig="ja")
    assert one(lines, UNFALL).amount == D("7.20")  # 12 · 18/30 (1–12 and 25–30 April)


KITAJAHR_ABSENCES = [Absence("A", date(2025, 9, 1), date(2025, 9, 26), "Urlaub"),  # 20 working days
                     Absence("A", date(2026, 1, 12), date(2026, 1, 30), "Krankheit")]  # 15 working days


@pytest.mark.parametrize("value, expected", [
    ("kalenderjahr", [("A", date(2026, 1, 1), date(2026, 1, 31))]),
    # Kitajahr 2025/26: 20 + 10 working days → cut from Monday 26 January (the 31st) to the absence's end
    ("kitajahr", [("A", date(2026, 1, 1), date(2026, 1, 25)), ("A", date(2026, 1, 31), date(2026, 1, 31))]),
])
def test_auslegung_ausfall_jahr(value, expected):
    lines = run(month_input(2026, 1, placements=[place(von=date(2025, 8, 1))], absences=KITAJAHR_ABSENCES),
                ausfall_jahr=value)
    assert bb_periods(lines) == expected


SIX_AND_A_HALF_WEEKS = [Absence("A", date(2026, 4, 1), date(2026, 5, 15), "Urlaub")]  # 45 days, 29 working days


@pytest.mark.parametrize("value, expected", [
    ("arbeitstage", [("A", date(2026, 5, 1), date(2026, 5, 31))]),
    ("kalendertage", [("A", date(2026, 5, 1), date(2026, 5, 12)), ("A", date(2026, 5, 16), date(2026, 5, 31))]),
])
def test_auslegung_ausfall_zaehlweise(value, expected):
    lines = run(month_input(2026, 5, placements=[place()], absences=SIX_AND_A_HALF_WEEKS), ausfall_zaehlweise=value)
    assert bb_periods(lines) == expected  # calendar days: the 43rd day is 13 May


@pytest.mark.parametrize("value, expected", [
    ("zaehlt", [("A", date(2026, 4, 1), date(2026, 4, 30))]),
    ("unbezahlt", [("A", date(2026, 4, 1), date(2026, 4, 7)), ("A", date(2026, 4, 11), date(2026, 4, 30))]),
])
def test_auslegung_ausfall_sonstiges(value, expected):
    absences = [Absence("A", date(2026, 4, 8), date(2026, 4, 10), "sonstiges")]
    lines = run(month_input(placements=[place()], absences=absences), ausfall_sonstiges=value)
    assert bb_periods(lines) == expected
    if value == "unbezahlt":
        assert "ausfall_sonstiges" in pick(lines, BETREUUNG)[0].why


def test_auslegung_ausfall_sonstiges_unbezahlt_days_do_not_count_against_the_allowance():
    absences = [Absence("A", date(2026, 3, 2), date(2026, 3, 31), "sonstiges"),
                Absence("A", date(2026, 4, 1), date(2026, 4, 30), "Urlaub")]  # April alone: 20 working days
    lines = run(month_input(placements=[place(von=date(2026, 1, 1))], absences=absences), ausfall_sonstiges="unbezahlt")
    assert bb_periods(lines) == [("A", date(2026, 4, 1), date(2026, 4, 30))]


@pytest.mark.parametrize("value, expected", [
    ("unbezahlt", [("A", date(2026, 4, 1), date(2026, 4, 14))]),
    ("bezahlt", [("A", date(2026, 4, 1), date(2026, 4, 30))]),
])
def test_auslegung_ausfall_ueber_6_wochen(value, expected):
    absences = [Absence("A", date(2026, 3, 2), date(2026, 4, 30), "Krankheit")]
    lines = run(month_input(placements=[place(von=date(2026, 1, 1))], absences=absences), ausfall_ueber_6_wochen=value)
    assert bb_periods(lines) == expected


@pytest.mark.parametrize("value, rate, amount", [("vertretung", D("5.80"), D("293.22")),
                                                  ("original", D("6.70"), D("338.72"))])
def test_auslegung_vertretung_satz(value, rate, amount):
    absences = [Absence("A", date(2026, 4, 11), date(2026, 4, 20), "Urlaub", substitute_nr="B")]
    lines = run(month_input(carers=[qualified("A"), basis("B")], placements=[place()], absences=absences),
                vertretung_satz=value)
    line = one(lines, BETREUUNG, carer="B")
    assert (line.rate, line.amount) == (rate, amount)


@pytest.mark.parametrize("value, expected", [
    ("weiter", [(date(2026, 4, 1), date(2026, 4, 30), D("100.00"))]),
    ("ruht", [(date(2026, 4, 1), date(2026, 4, 10), D("33.33")), (date(2026, 4, 21), date(2026, 4, 30), D("33.33"))]),
])
def test_auslegung_vertretungsplatz_bei_abwesenheit(value, expected):
    absences = [Absence("A", date(2026, 4, 11), date(2026, 4, 20), "Urlaub", substitute_nr="B")]
    lines = run(month_input(carers=[qualified("A"), basis("B")], placements=[place()], absences=absences,
                            vertretungsplaetze=[VertretungsplatzPeriod("A", date(2026, 1, 1))]),
                vertretungsplatz_bei_abwesenheit=value)
    assert [(ln.von, ln.bis, ln.amount) for ln in pick(lines, VERTRETUNGSPLATZ)] == expected
    if value == "ruht":
        assert "ruht während eigener Abwesenheit" in pick(lines, VERTRETUNGSPLATZ)[0].why
