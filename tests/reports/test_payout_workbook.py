"""Payout workbook (interfaces.md §4 `payout --xlsx`; berechnung.md §1, §8)."""

from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

import pytest

from kitadesk.domain.lines import BETREUUNG, Line
from kitadesk.reports.data import STATUS_FINAL, PayoutCarer, PayoutReport
from kitadesk.reports.errors import ReportError
from kitadesk.reports.payout_workbook import write_payout_workbook
from tests.reports.payout_fixtures import EXPECTED, make_report
from tests.reports.xlsx_read import assert_finance_style, dec, header, load, records, total_row

PURPOSE = "Kindertagespflege 04/2026 Lauf 2026-04/1"


@pytest.fixture
def book(tmp_path):
    path = write_payout_workbook(make_report(), tmp_path / "auszahlung.xlsx")
    return load(path)


def test_sheets_and_exact_headers(book):
    assert book.sheetnames == ["Auszahlung", "Positionen", "Info"]
    assert header(book["Auszahlung"]) == ["Nr", "Name", "Vorname", "SRT", "IBAN", "Betrag", "Verwendungszweck"]
    assert header(book["Positionen"]) == ["TPP_Nr", "Kind_Nr", "Position", "Regel", "Von", "Bis", "Stunden",
                                          "Satz", "Betrag",  # interfaces.md §4, then issue 15:
                                          "Name", "Vorname", "Kind", "Wochenstunden", "Monatsfaktor", "Tage",
                                          "Erklärung"]


def test_finance_style_on_both_tables(book):
    assert_finance_style(book["Auszahlung"], money_columns=["Betrag"])
    assert_finance_style(book["Positionen"], money_columns=["Betrag"], date_columns=["Von", "Bis"])
    ws = book["Positionen"]
    assert ws["G2"].number_format == "0.0000" and ws["G2"].value == 151.6667   # Stunden (35 · 52/12)
    assert ws["H2"].number_format.startswith("#,##0.00") and ws["H2"].value == 6.7        # Satz


def test_one_row_per_carer_with_amount_above_zero(book):
    rows = records(book["Auszahlung"])
    assert [r["Nr"] for r in rows] == ["1", "2", "3", "10"]          # natural order; 11 (0), 12 (<0), 13 (none) absent
    assert {r["Nr"]: dec(r["Betrag"]) for r in rows} == EXPECTED
    assert all(r["Verwendungszweck"] == PURPOSE for r in rows)
    first = rows[0]
    assert (first["Name"], first["Vorname"], first["SRT"], first["IBAN"]) == (
        "Schröder", "Anna", "Mitte/Süd", "DE89370400440532013000")
    assert rows[1]["Name"] == "Özdemir & Partner"                    # XML escaping round-trips


def test_r_g1_worked_example_total_is_exact(book):
    """berechnung.md §10: carer A's April is 1924.98 — the sum of the rounded lines."""
    rows = {r["Nr"]: r for r in records(book["Auszahlung"])}
    assert dec(rows["1"]["Betrag"]) == Decimal("1924.98")


def test_summe_rows_equal_the_sums_without_recalculation(tmp_path):
    path = write_payout_workbook(make_report(), tmp_path / "a.xlsx")
    for data_only in (False, True):           # no formula: every reader sees the value
        book = load(path, data_only=data_only)
        pay, lines = book["Auszahlung"], book["Positionen"]
        assert dec(total_row(pay)["Betrag"]) == sum(EXPECTED.values()) == Decimal("3127.86")
        assert dec(total_row(lines)["Betrag"]) == sum((dec(r["Betrag"]) for r in records(lines)), Decimal(0))
        assert total_row(pay)["Nr"] == "Summe" and total_row(lines)["TPP_Nr"] == "Summe"


def test_r_k4_positionen_per_carer_sum_to_auszahlung_including_corrections_and_carries(book):
    per_carer = defaultdict(Decimal)
    for r in records(book["Positionen"]):
        per_carer[r["TPP_Nr"]] += dec(r["Betrag"])
    paid = {r["Nr"]: dec(r["Betrag"]) for r in records(book["Auszahlung"])}
    for nr, amount in per_carer.items():
        if nr == "12":
            continue                        # negative month, listed as a warning on the PDF
        assert amount == paid.get(nr, Decimal("0.00")), nr
    positions = [r["Position"] for r in records(book["Positionen"])]
    assert "Korrektur: Betreuung" in positions
    assert "Vortrag in Folgemonat" in positions and "Übertrag aus Vormonat" in positions


def test_one_row_per_line_with_dates_and_empty_child_for_carer_lines(book):
    rows = records(book["Positionen"])
    report = make_report()
    assert len(rows) == len(report.lines)
    carer_line = next(r for r in rows if r["Position"] == "Unfallversicherung")
    assert carer_line["Kind_Nr"] is None and carer_line["Stunden"] is None and carer_line["Satz"] is None
    correction = next(r for r in rows if r["TPP_Nr"] == "2" and r["Position"].startswith("Korrektur"))
    assert correction["Von"] == datetime(2026, 3, 1) and correction["Bis"] == datetime(2026, 3, 31)
    assert dec(correction["Betrag"]) == Decimal("-0.10")
    assert [r["TPP_Nr"] for r in rows] == sorted((r["TPP_Nr"] for r in rows), key=int)


def test_info_sheet_names_run_status_and_settings_without_password(book):
    ws = book["Info"]
    info = {row[0]: row[1] for row in ws.iter_rows(min_row=2, values_only=True) if row[0]}
    assert info["Lauf"] == "2026-04/1"
    assert info["Status"] == "Entwurf"
    assert info["Erstellt von"] == "mmeier"
    assert info["Erstellt am"] == datetime(2026, 4, 24, 10, 15)
    assert info["Programmversion"] == "0.1.0"
    assert info["Monat"].startswith("04/2026")
    assert info["monatsfaktor"] == "52/12" and info["erstattung_anteilig"] == "nein"
    assert "geheim" not in info["Datenbank"] and "server/kitadesk" in info["Datenbank"]
    assert dec(info["Auszahlungsbetrag"]) == Decimal("3127.86")


def test_final_status_in_info(tmp_path):
    book = load(write_payout_workbook(make_report(STATUS_FINAL), tmp_path / "a.xlsx"))
    assert any(row == ("Status", "abgeschlossen") for row in book["Info"].iter_rows(values_only=True))


def test_empty_run_has_header_and_zero_total(tmp_path):
    report = make_report()
    report = PayoutReport(report.info, report.carers, [], [])
    book = load(write_payout_workbook(report, tmp_path / "a.xlsx"))
    ws = book["Auszahlung"]
    assert ws.max_row == 2 and ws["A2"].value == "Summe" and dec(ws["F2"].value) == 0
    assert ws.auto_filter.ref == "A1:G1"


def test_lines_without_carer_data_are_refused_in_german(tmp_path):
    report = make_report()
    von, bis = date(2026, 4, 1), date(2026, 4, 30)
    report = PayoutReport(report.info, report.carers,
                          [*report.lines, Line("99", None, BETREUUNG, "R-G1", von, bis, None, None, Decimal("1.00"))])
    with pytest.raises(ReportError, match="TPP-Nr. 99: Positionen ohne Stammdaten"):
        write_payout_workbook(report, tmp_path / "a.xlsx")
    assert list(tmp_path.iterdir()) == []           # nothing half-written


def test_float_money_is_refused(tmp_path):
    report = make_report()
    bad = replace(report.lines[0], amount=1016.17)
    with pytest.raises(TypeError):
        write_payout_workbook(PayoutReport(report.info, report.carers, [bad]), tmp_path / "a.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_carer_without_iban_gets_an_empty_cell(tmp_path):
    report = make_report()
    carers = [replace(c, iban=None) if c.nr == "2" else c for c in report.carers]
    book = load(write_payout_workbook(PayoutReport(report.info, carers, report.lines), tmp_path / "a.xlsx"))
    row = next(r for r in records(book["Auszahlung"]) if r["Nr"] == "2")
    assert row["IBAN"] is None and dec(row["Betrag"]) == EXPECTED["2"]


def test_duplicate_carer_is_refused(tmp_path):
    report = make_report()
    carers = [*report.carers, PayoutCarer("1", "Doppelt", "D", "Ost", None)]
    with pytest.raises(ReportError, match="TPP-Nr. 1: doppelt"):
        write_payout_workbook(PayoutReport(report.info, carers, report.lines), tmp_path / "a.xlsx")
