"""Cell parsing (interfaces.md §3): Decimal never via float, decimal comma or point,
TT.MM.JJJJ or Excel dates, ja/nein, IBAN — German messages."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kitadesk.importer.cells import CellError, clean, parse_bool, parse_date, parse_decimal, parse_iban, parse_int
from kitadesk.importer.schema import CARERS, PLACEMENTS, RATES
from kitadesk.importer.xlsx import exact_number

MONEY = CARERS.by_name["Unfallversicherung_mtl"]
HOURS = PLACEMENTS.by_name["Wochenstunden"]
RATE = RATES.by_name["Stundensatz_Basis"]


@pytest.mark.parametrize("raw, expected", [
    ("5,80", Decimal("5.80")), ("5.80", Decimal("5.80")), (5.8, Decimal("5.80")), (12, Decimal("12.00")),
    ("1.234,56", Decimal("1234.56")), ("1,234.56", Decimal("1234.56")), (" 7,5 € ", Decimal("7.50")),
])
def test_money_with_decimal_comma_or_point_is_decimal(raw, expected):
    value = parse_decimal(raw, MONEY)
    assert value == expected and isinstance(value, Decimal)


def test_float_noise_is_refused_not_rounded():
    with pytest.raises(CellError, match="Nachkommastellen"):
        parse_decimal(0.1 + 0.2, MONEY)
    assert parse_decimal(6.7, RATE) == Decimal("6.7000")


@pytest.mark.parametrize("raw, message", [
    ("45.000", "mehrdeutig"), ("abc", "keine Zahl"), (True, "Zahl"), (float("inf"), "endliche"),
    (1e300, "zu groß"), ("-5", "zu klein"), (datetime(2026, 1, 1), "Datum"),
])
def test_bad_numbers_have_german_messages(raw, message):
    with pytest.raises(CellError, match=message):
        parse_decimal(raw, MONEY)


def test_hours_must_be_positive():
    with pytest.raises(CellError, match="größer als 0"):
        parse_decimal(0, HOURS)


@pytest.mark.parametrize("raw, expected", [
    ("01.08.2025", date(2025, 8, 1)), ("1.8.2025", date(2025, 8, 1)), (datetime(2025, 8, 1), date(2025, 8, 1)),
    ("2025-08-01", date(2025, 8, 1)), (date(2025, 8, 1), date(2025, 8, 1)),
])
def test_dates_as_excel_dates_or_tt_mm_jjjj(raw, expected):
    assert parse_date(raw, None) == expected


@pytest.mark.parametrize("raw, message", [
    ("31.02.2025", "gibt es nicht"), ("01.08.25", "vierstellig"), (45000, "als Datum formatieren"),
    (datetime(2025, 8, 1, 8, 30), "Uhrzeit"), ("morgen", "kein Datum"), ("01.01.1800", "plausiblen"),
])
def test_bad_dates(raw, message):
    with pytest.raises(CellError, match=message):
        parse_date(raw, None)


def test_ja_nein_iban_whole_numbers_formulas():
    assert parse_bool("Ja", None) is True and parse_bool("nein", None) is False and parse_bool(True, None) is True
    with pytest.raises(CellError, match="weder"):
        parse_bool("vielleicht", None)
    assert parse_iban("de89 3704 0044 0532 0130 00", CARERS.by_name["IBAN"]) == "DE89370400440532013000"
    with pytest.raises(CellError, match="Prüfziffer"):
        parse_iban("DE89370400440532013001", CARERS.by_name["IBAN"])
    assert parse_int(5.0, CARERS.by_name["Max_Kinder"]) == 5
    with pytest.raises(CellError, match="ganze Zahl"):
        parse_int("5,5", CARERS.by_name["Max_Kinder"])
    with pytest.raises(CellError, match="Formel"):
        clean("=SUMME(A1:A3)")
    with pytest.raises(CellError, match="Fehlerwert"):
        clean("#NV" if False else "#N/A")


@pytest.mark.parametrize(("raw", "typed"), [
    ("9.720000000000001", "9.72"),  # openpyxl's full double
    ("9.7200000000000006", "9.72"),  # Excel's
    ("0.30000000000000004", "0.3"),  # Excel shows (and keeps) 15 digits: 0.3
    ("1.0000000000000002", "1"),
    ("9.72", "9.72"), ("100", "100"), ("12.50", "12.50"),  # as typed, exactly
    ("1234567890123456789", "1234567890123460000"),
])
def test_a_number_cell_is_read_as_typed_in_decimal_without_a_float(raw, typed):
    value = exact_number(raw)
    assert isinstance(value, Decimal) and str(value) == typed


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False))
def test_a_double_written_in_full_reads_back_as_typed_whenever_excel_could_show_it(value):
    """Any number typed with ≤ 15 significant digits (all Excel keeps) comes back exactly from
    the 17-digit text a file carries (domain/money.excel_shown) — no float on the way."""
    typed = Decimal(repr(value))
    if len(typed.as_tuple().digits) <= 15:
        assert exact_number(f"{value:.17g}") == typed
