"""Elternbeitrag (berechnung.md §9; R-E1, R-E2, R-E3) — table lookups, Stichtag, proration,
Beitragsfrei, Auslegung einkommen_ohne_erklaerung. Siblings and waivers: test_fees_siblings_waiver.py."""

from datetime import date
from decimal import Decimal as D

import pytest

from kitadesk.domain.fees import (
    AB_3,
    UNTER_3,
    CareVersion,
    FeeCell,
    FeeError,
    FeeFree,
    FeeTable,
    Income,
    build_fee_tables,
    compute_fees,
    table_on,
)
from kitadesk.domain.settings import DEFAULTS
from tests.domain.fee_fixtures import TABLE, child, table

ANTEILIG = DEFAULTS.with_(beitrag_anteilig="ja")


def one(c, year=2026, month=4, settings=DEFAULTS, tables=(TABLE,)):
    results = compute_fees([c], tables, year, month, settings)
    assert len(results) == 1
    return results[0]


# ---------------------------------------------------------------- the table (R-E1)

def test_r_e1_complete_table_has_no_errors():
    assert TABLE.errors() == []
    TABLE.validate()


def test_r_e1_incomplete_table_names_the_missing_cell():
    cells = tuple(c for c in TABLE.cells if not (c.alter == AB_3 and c.einkommen_bis == D("30000") and c.stunden_bis == 35))
    errors = FeeTable(date(2025, 8, 1), cells).errors()
    assert errors == ["Beitragstabelle ab 01.08.2025: Zelle fehlt – Alter „ab 3“, "
                      "Einkommen bis 30.000,00 €, Stunden bis 35."]


def test_r_e1_table_needs_a_top_bracket_and_known_ages_and_no_duplicates():
    cells = tuple(c for c in TABLE.cells if c.einkommen_bis is not None)
    assert "es fehlt die oberste Einkommensstufe (Einkommen_bis leer)" in FeeTable(date(2025, 8, 1), cells).errors()[0]
    bad = TABLE.cells + (FeeCell("U3", None, D(25), D(1)), TABLE.cells[0])
    errors = FeeTable(date(2025, 8, 1), bad).errors()
    assert any("Alter „U3“ ist unbekannt (erlaubt: unter 3, ab 3)" in e for e in errors)
    assert any("Zelle doppelt – Alter „unter 3“, Einkommen bis 18.000,00 €, Stunden bis 25" in e for e in errors)
    assert FeeTable(date(2025, 8, 1), ()).errors() == ["Beitragstabelle ab 01.08.2025: die Tabelle ist leer."]


def test_r_e1_incomplete_table_refuses_the_calculation():
    broken = FeeTable(date(2025, 8, 1), TABLE.cells[1:])
    with pytest.raises(FeeError, match="Zelle fehlt"):
        compute_fees([child()], [broken], 2026, 4)


def test_r_e1_tables_from_import_rows_and_the_one_valid_on_a_day():
    rows = [(date(2025, 8, 1), c) for c in TABLE.cells] + [(date(2026, 8, 1), c) for c in table(scale=2).cells]
    tables = build_fee_tables(rows)
    assert [t.gueltig_ab for t in tables] == [date(2025, 8, 1), date(2026, 8, 1)]
    assert table_on(tables, date(2026, 7, 31)).gueltig_ab == date(2025, 8, 1)
    assert table_on(tables, date(2026, 8, 1)).gueltig_ab == date(2026, 8, 1)
    assert table_on(tables, date(2025, 7, 31)) is None


@pytest.mark.parametrize("hours, band", [
    ("0", 25), ("10", 25), ("25", 25), ("25.01", 35), ("35", 35), ("35.5", 45), ("45", 45), ("45.01", 45), ("60", 45),
])
def test_r_e1_band_is_smallest_band_at_or_above_hours_and_largest_beyond(hours, band):
    assert one(child(hours=hours)).stunden_bis == D(band)


@pytest.mark.parametrize("income, stufe, fee", [
    ("0", 1, "0.00"), ("18000", 1, "0.00"), ("18000.01", 2, "70.00"), ("30000", 2, "70.00"),
    ("30000.01", 3, "140.00"), ("45000", 3, "140.00"), ("45000.01", 4, "210.00"), ("1000000", 4, "210.00"),
])
def test_r_e1_bracket_upper_bound_is_inclusive(income, stufe, fee):
    result = one(child(income=income))
    assert (result.stufe, result.beitrag) == (stufe, D(fee))


def test_r_e1_lowest_bracket_pays_nothing():
    result = one(child(income="12000", hours="45"))
    assert result.beitrag == result.zahlbetrag == D("0.00")
    assert result.lines == ()
    assert result.stufe_text == "Stufe 1 (bis 18.000,00 €)"


def test_r_e1_result_explains_rule_bracket_band_and_table():
    result = one(child(income="40000", hours="30"))
    assert result.beitrag == D("140.00")
    assert "R-E1" in result.rule and result.tabelle_ab == date(2025, 8, 1)
    assert result.stufe_text == "Stufe 3 (bis 45.000,00 €)" and result.band_text == "bis 35 Std."
    assert "Stichtag 30.04.2026" in result.why
    assert "Jahreseinkommen 40.000,00 € → Stufe 3 (bis 45.000,00 €); Band bis 35 Std.; " \
           "Beitragstabelle ab 01.08.2025: 140,00 € (R-E1)." in result.why
    (line,) = result.lines
    assert (line.position, line.rule, line.amount, line.von, line.bis) == (
        "Elternbeitrag", "R-E1", D("140.00"), date(2026, 4, 1), date(2026, 4, 30))


def test_r_e1_table_valid_on_the_stichtag_applies():
    new = table(date(2026, 4, 15), scale=2)
    assert one(child(), tables=(TABLE, new)).beitrag == D("280.00")
    assert one(child(), month=3, tables=(TABLE, new)).beitrag == D("140.00")


def test_r_e1_no_table_valid_holds_the_fee():
    result = one(child(von=date(2025, 1, 1)), year=2025, month=3)
    assert result.held and result.fehlt == "Keine Beitragstabelle gültig am 31.03.2025."


# ---------------------------------------------------------------- Stichtag (R-E3)

def test_r_e3_child_turning_3_within_the_month_pays_ab_3_for_the_whole_month():
    born = date(2023, 3, 15)
    assert one(child(born=born), month=2).alter == UNTER_3
    march = one(child(born=born), month=3)
    assert march.alter == AB_3 and march.beitrag == D("80.00")


@pytest.mark.parametrize("born, alter", [
    (date(2023, 3, 31), AB_3),  # 3 on the Stichtag itself
    (date(2023, 4, 1), UNTER_3),  # 3 the day after
])
def test_r_e3_third_birthday_on_the_month_edge(born, alter):
    assert one(child(born=born), month=3).alter == alter


def test_r_e3_child_turning_3_after_placement_end_in_the_month_stays_unter_3():
    result = one(child(born=date(2023, 3, 20), bis=date(2026, 3, 10)), month=3)
    assert result.stichtag == date(2026, 3, 10) and result.alter == UNTER_3


def test_r_e3_hours_change_mid_month_applies_to_the_whole_month():
    care = (CareVersion(date(2025, 9, 1), date(2026, 4, 14), D("20")),
            CareVersion(date(2026, 4, 15), None, D("40")))
    result = one(child(care=care))
    assert result.wochenstunden == D("40") and result.stunden_bis == D("45") and result.beitrag == D("180.00")
    assert one(child(care=care), month=3).beitrag == D("100.00")


def test_r_e3_income_change_mid_month_applies_to_the_whole_month():
    incomes = (Income(date(2025, 1, 1), D("25000")), Income(date(2026, 4, 20), D("50000")))
    assert one(child(incomes=incomes)).beitrag == D("210.00")
    assert one(child(incomes=incomes), month=3).beitrag == D("70.00")


def test_r_e3_placement_ending_mid_month_uses_values_of_its_last_day():
    incomes = (Income(date(2025, 1, 1), D("25000")), Income(date(2026, 4, 20), D("50000")))
    result = one(child(bis=date(2026, 4, 15), incomes=incomes))
    assert result.stichtag == date(2026, 4, 15) and result.beitrag == D("70.00")


def test_r_e3_change_of_carer_is_one_fee_with_the_hours_on_the_stichtag():
    care = (CareVersion(date(2025, 9, 1), date(2026, 4, 14), D("20")), CareVersion(date(2026, 4, 15), None, D("30")))
    result = one(child(care=care))
    assert result.tage == 30 and result.wochenstunden == D("30")


def test_r_e3_no_care_in_the_month_gives_no_row():
    assert compute_fees([child(von=date(2026, 5, 1))], [TABLE], 2026, 4) == []
    assert compute_fees([child(bis=date(2026, 3, 31))], [TABLE], 2026, 4) == []


# ---------------------------------------------------------------- proration (Auslegung beitrag_anteilig)

def test_r_e1_beitrag_anteilig_nein_charges_full_months_from_start_to_end_month():
    start = one(child(von=date(2026, 4, 16)))
    end = one(child(bis=date(2026, 4, 3)))
    assert start.beitrag == end.beitrag == D("140.00")
    assert start.lines[0].von == date(2026, 4, 1)


def test_r_e1_beitrag_anteilig_ja_prorates_by_calendar_days_rounded_once():
    start = one(child(von=date(2026, 4, 16)), settings=ANTEILIG)
    assert (start.tage, start.monatstage, start.beitrag) == (15, 30, D("70.00"))
    assert "Anteilig 15/30 Tage: 70,00 €" in start.why
    odd = one(child(von=date(2026, 3, 15), hours="30"), month=3, settings=ANTEILIG)  # 140 · 17/31 = 76.774…
    assert odd.beitrag == D("76.77") and odd.lines[0].von == date(2026, 3, 15)
    assert one(child(), settings=ANTEILIG).beitrag == D("140.00")  # a full month is not cut


# ---------------------------------------------------------------- Beitragsfrei, no declaration

def test_r_e1_beitragsfrei_child_pays_nothing():
    flags = (FeeFree(date(2026, 4, 10), True),)
    result = one(child(fee_free=flags))
    assert result.beitragsfrei and result.beitrag == D("0.00") and result.tabellenbeitrag == D("140.00")
    assert "Beitragsfrei" in result.why
    assert one(child(fee_free=flags), month=3).beitrag == D("140.00")


def test_r_e1_einkommen_ohne_erklaerung_hoechste_stufe_charges_the_top_bracket():
    result = one(child(income=None))
    assert (result.stufe, result.einkommen_bis, result.beitrag) == (4, None, D("210.00"))
    assert result.stufe_text == "Stufe 4 (höchste Stufe)"
    assert "Keine Einkommenserklärung: höchste Einkommensstufe" in result.why


def test_r_e1_einkommen_ohne_erklaerung_keine_festsetzung_holds_and_lists_the_fee_as_missing():
    result = one(child(income=None), settings=DEFAULTS.with_(einkommen_ohne_erklaerung="keine_festsetzung"))
    assert result.held and result.beitrag == result.zahlbetrag == D("0.00") and result.lines == ()
    assert result.fehlt == "Einkommenserklärung fehlt – Beitrag nicht festgesetzt."


def test_r_e1_einkommen_without_any_income_version_counts_as_no_declaration():
    assert one(child(incomes=())).stufe == 4


def test_r_e1_placement_ending_before_it_starts_is_an_input_error():
    with pytest.raises(FeeError, match=r"Kind 7: Betreuung endet \(01.03.2026\) vor dem Beginn \(02.03.2026\)"):
        compute_fees([child("7", von=date(2026, 3, 2), bis=date(2026, 3, 1))], [TABLE], 2026, 3)


def test_r_e1_payout_placement_versions_can_be_passed_as_care():
    from kitadesk.domain.inputs import PlacementVersion

    care = (PlacementVersion("1", "T1", date(2025, 9, 1), None, D("35")),)
    assert one(child(care=care, is_example=True)).beitrag == D("140.00")
