"""Fee list `Änderung` column (interfaces.md §4) and Änderungsbescheid flags (R-E3, R-V5)."""

from datetime import date
from decimal import Decimal as D

from kitadesk.domain.fee_changes import bescheid_flags, mark_changes
from kitadesk.domain.fees import CareVersion, Income, Waiver, compute_fees
from kitadesk.domain.settings import DEFAULTS
from tests.domain.fee_fixtures import TABLE, child

ANTEILIG = DEFAULTS.with_(beitrag_anteilig="ja")


def months(children, settings=DEFAULTS):
    return (compute_fees(children, [TABLE], 2026, 3, settings), compute_fees(children, [TABLE], 2026, 4, settings))


def test_r_e3_mark_changes_neu_geaendert_entfaellt_unchanged():
    incomes = (Income(date(2025, 1, 1), D("25000")), Income(date(2026, 4, 1), D("40000")))
    kids = [
        child("1"),  # unchanged
        child("2", incomes=incomes),  # fee changes
        child("3", von=date(2026, 4, 10)),  # new
        child("4", bis=date(2026, 3, 31)),  # gone
    ]
    march, april = months(kids)
    assert mark_changes(march, april) == {"1": "", "2": "geändert", "3": "neu", "4": "entfällt"}


def test_r_e3_r_v5_income_hours_or_fee_change_makes_an_aenderungsbescheid_due():
    incomes = (Income(date(2025, 1, 1), D("25000")), Income(date(2026, 4, 1), D("40000")))
    care = (CareVersion(date(2025, 9, 1), date(2026, 3, 31), D("20")), CareVersion(date(2026, 4, 1), None, D("21")))
    waiver = Waiver(D("50"), date(2026, 4, 1), date(2026, 3, 20))
    kids = [child("1"), child("2", incomes=incomes), child("3", care=care), child("4", waiver=waiver),
            child("5", born=date(2023, 4, 2))]
    march, april = months(kids)
    flags = {f.child_nr: f for f in bescheid_flags(march, april)}
    assert set(flags) == {"2", "3", "4", "5"}
    assert flags["2"].gruende == ("Einkommen: 25.000,00 € → 40.000,00 €", "Beitrag: 70,00 € → 140,00 €")
    assert flags["3"].gruende == ("Wochenstunden: 20 → 21",)  # same band: no fee change
    assert flags["4"].gruende == ("Ermäßigung: keine → 50 %",)
    assert flags["5"].gruende == ("Beitrag: 140,00 € → 80,00 €",)  # turned 3 (ab 3 table)
    assert flags["2"].titel == "Änderungsbescheid fällig" and flags["2"].ab == date(2026, 4, 1)
    assert "R-E3" in flags["2"].rule


def test_r_e3_proration_alone_is_no_change_for_a_bescheid_but_shows_in_the_list():
    march, april = months([child("1", von=date(2026, 3, 16))], ANTEILIG)
    assert bescheid_flags(march, april) == []
    assert mark_changes(march, april) == {"1": "geändert"}
