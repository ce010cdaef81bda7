"""Fee list for the city treasury (interfaces.md §4 `beitraege --xlsx`; berechnung.md §9)."""

from datetime import date, datetime
from decimal import Decimal as D

import pytest

from kitadesk.reports.data import FeeList, FeeListInfo, FeeListRow
from kitadesk.reports.errors import ReportError
from kitadesk.reports.fee_list import write_fee_list
from tests.reports.xlsx_read import assert_finance_style, dec, header, load, records, total_row

COLUMNS = ["Familie_Nr", "Kind_Nr", "Name", "Vorname", "Sorgeberechtigte", "Stufe", "Band", "Beitrag",
           "Ermäßigung", "Zahlbetrag", "Änderung"]
INFO = FeeListInfo(2026, 4, datetime(2026, 4, 24, 9, 0), "kasse", "sqlite:///k.sqlite3", "0.1.0",
                   {"geschwister": "nur_hoechster", "beitrag_anteilig": "nein"}, date(2026, 1, 1))


def rows():
    return [
        FeeListRow("F10", "K3", "Yılmaz", "Ela", "Ayşe Yılmaz", "bis 49.000 €", "bis 35 h", D("151.00"),
                   D("75.50"), "geändert"),
        FeeListRow("F2", "K2", "Schmitz", "Paul", "Eva und Tom Schmitz", "bis 37.000 €", "bis 45 h", D("0.00"),
                   D("0.00"), "neu"),                                      # younger sibling: nothing due
        FeeListRow("F2", "K1", "Schmitz", "Lena", "Eva und Tom Schmitz", "bis 37.000 €", "bis 25 h", D("88.00")),
        FeeListRow("F3", "K4", "Becker", "Mia", "Jan Becker", "bis 18.000 €", 25, D("0.00"), D("0.00"),
                   "entfällt"),
        FeeListRow("F4", "K5", "Klein", "Noah", "Sara Klein", None, None, None),   # fee not fixed yet
    ]


@pytest.fixture
def book(tmp_path):
    return load(write_fee_list(FeeList(INFO, rows(), ["K5: Einkommenserklärung fehlt"]), tmp_path / "b.xlsx"))


def test_first_sheet_beitraege_with_exact_columns_then_info(book):
    assert book.sheetnames == ["Beiträge", "Info"]
    assert header(book.worksheets[0]) == COLUMNS


def test_finance_style(book):
    assert_finance_style(book["Beiträge"], money_columns=["Beitrag", "Ermäßigung", "Zahlbetrag"])


def test_r_e2_zahlbetrag_is_beitrag_minus_ermaessigung_one_row_per_child(book):
    data = records(book["Beiträge"])
    assert [r["Kind_Nr"] for r in data] == ["K1", "K2", "K4", "K5", "K3"]      # by family, siblings together
    for r in data:
        if r["Beitrag"] is not None:
            assert dec(r["Zahlbetrag"]) == dec(r["Beitrag"]) - dec(r["Ermäßigung"])
    k3 = next(r for r in data if r["Kind_Nr"] == "K3")
    assert (dec(k3["Beitrag"]), dec(k3["Ermäßigung"]), dec(k3["Zahlbetrag"])) == (D("151.00"), D("75.50"), D("75.50"))
    assert k3["Änderung"] == "geändert" and k3["Sorgeberechtigte"] == "Ayşe Yılmaz"
    k2 = next(r for r in data if r["Kind_Nr"] == "K2")
    assert dec(k2["Zahlbetrag"]) == 0 and k2["Änderung"] == "neu"          # listed also where nothing is due
    k1 = next(r for r in data if r["Kind_Nr"] == "K1")
    assert k1["Änderung"] is None and dec(k1["Ermäßigung"]) == 0
    k5 = next(r for r in data if r["Kind_Nr"] == "K5")
    assert k5["Beitrag"] is None and k5["Zahlbetrag"] is None
    k4 = next(r for r in data if r["Kind_Nr"] == "K4")
    assert k4["Band"] == 25 and k4["Stufe"] == "bis 18.000 €"


def test_summe_row(book):
    total = total_row(book["Beiträge"])
    assert total["Familie_Nr"] == "Summe"
    assert (dec(total["Beitrag"]), dec(total["Ermäßigung"]), dec(total["Zahlbetrag"])) == (
        D("239.00"), D("75.50"), D("163.50"))


def test_info_sheet(book):
    info = {r[0]: r[1] for r in book["Info"].iter_rows(min_row=2, values_only=True) if r[0]}
    assert info["Monat"].startswith("04/2026")
    assert info["Erstellt von"] == "kasse"
    assert info["Beitragstabelle gültig ab"] == datetime(2026, 1, 1)
    assert info["Anzahl Kinder"] == 5 and info["Ohne festgesetzten Beitrag"] == 1
    assert dec(info["Summe Zahlbetrag"]) == D("163.50")
    assert info["geschwister"] == "nur_hoechster"
    values = [r[1] for r in book["Info"].iter_rows(values_only=True)]
    assert "K5: Einkommenserklärung fehlt" in values


def test_inconsistent_rows_are_refused_in_german(tmp_path):
    bad = [*rows(), FeeListRow("F9", "K1", "X", "Y", "Z", None, None, D("1.00"), D("-1.00"), "anders")]
    with pytest.raises(ReportError) as caught:
        write_fee_list(FeeList(INFO, bad), tmp_path / "b.xlsx")
    message = str(caught.value)
    assert "Kind-Nr. K1: doppelt" in message
    assert "Änderung „anders“ unbekannt" in message
    assert "Ermäßigung als positiver Betrag erwartet" in message
    assert list(tmp_path.iterdir()) == []


def test_ten_times_the_city(tmp_path):
    many = [FeeListRow(f"F{i // 2}", f"K{i}", "Name", "Vorname", "Eltern", "bis 49.000 €", "bis 35 h",
                       D("151.00"), D("0.00")) for i in range(8000)]
    book = load(write_fee_list(FeeList(INFO, many), tmp_path / "b.xlsx"))
    assert dec(total_row(book["Beiträge"])["Zahlbetrag"]) == D("151.00") * 8000
